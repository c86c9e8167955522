"""Every hostile input of hostile.py through every command in every mode. For each run: exit 0,
1 or 2; no traceback (the runner re-raises any exception); nothing written where nothing should
be; the database byte-identical unless the command's purpose is to change it, and then still a
database hugokit reads without structural errors."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import hostile
from conftest import hugokit, write
from hugokit.database import parse_database
from hugokit.diagnostics import InputError

DATABASE = "data/publications.yaml"
CLEAN = hostile.ENTRY + '- {title: "Pollux", year: 2021, venue: OSDI 2021, authors: [C D], topics: [T]}\n'

# (command line, what it may write): "nothing", "content" (generated files), "database".
DATABASE_COMMANDS = [
    (("check",), "nothing"), (("check", "--strict", "--format", "json"), "nothing"),
    (("check", "--format", "github", "--no-cache"), "nothing"), (("fix", "--diff"), "nothing"),
    (("build", "--check"), "nothing"), (("build", "--diff"), "nothing"), (("export", "bibtex"), "nothing"),
    (("export", "csl-json"), "nothing"), (("build",), "content"), (("build", "--pages", "--force"), "content"),
    (("fix",), "database"), (("check", "--fix"), "database"), (("init",), "new files"),
]
IMPORT_MODES = [((), "database"), (("--dry-run",), "nothing"), (("--partial",), "database"),
                (("--force",), "database"), (("--partial", "--dry-run"), "nothing")]


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def readable(data: bytes) -> bool:
    """The database as written is one hugokit reads with no structural error."""
    try:
        _, problems = parse_database(data.decode("utf-8"), DATABASE)
    except (InputError, UnicodeDecodeError):
        return False
    return not any(d.is_error for d in problems)


def allowed(before: dict[str, bytes], after: dict[str, bytes], may: str) -> None:
    changed = {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}
    if may == "nothing":
        assert not changed, changed
    elif may == "new files":  # init: never replaces an existing file
        assert all(p not in before for p in changed), changed
    elif may == "content":  # the generated pages, and the data the layouts read
        assert all(p.startswith(("content/", "data/hugokit/")) for p in changed), changed
    else:
        assert changed <= {DATABASE, "hugokit.yaml"}, changed
        if DATABASE in changed:
            assert readable(after[DATABASE]) or before.get(DATABASE) is None and after.get(DATABASE) is None


def run(*args: str | Path) -> int:
    result = hugokit(*args)  # an exception inside hugokit propagates: the test fails with it
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output
    return result.exit_code


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HUGOKIT_CACHE_DIR", str(tmp_path / "cache"))
    site = tmp_path / "site"
    write(site / "data/topics.yaml", "- T\n")
    return site


@pytest.mark.parametrize("name,data", hostile.yaml_databases(), ids=[n for n, _ in hostile.yaml_databases()])
def test_hostile_databases(site: Path, name: str, data: bytes) -> None:
    (site / DATABASE).write_bytes(data)
    for command, may in DATABASE_COMMANDS:
        before = tree(site)
        status = run(*command, "--site", site)
        after = tree(site)
        allowed(before, after, may)
        if may == "database" and status == 2:
            assert after == before
        if command[0] == "fix" and readable(before[DATABASE]) and after[DATABASE] != before[DATABASE]:
            assert readable(after[DATABASE])  # a fix never turns a readable database unreadable


def _import_cases() -> list[tuple[str, str, bytes]]:
    return ([("bibtex", n, d) for n, d in hostile.bibtex_sources()] + [("json", n, d) for n, d in hostile.json_sources()]
            + [("markdown", n, d) for n, d in hostile.shortcode_pages()]
            + [("pages", n, d) for n, d in hostile.publication_pages()])


@pytest.mark.parametrize("fmt,name,data", _import_cases(), ids=[f"{f}: {n}" for f, n, _ in _import_cases()])
@pytest.mark.parametrize("into", ["new", "merge"])
def test_hostile_import_sources(site: Path, tmp_path: Path, fmt: str, name: str, data: bytes, into: str) -> None:
    source = tmp_path / "source" / ("index.md" if fmt == "pages" else "source")  # a bundle's page
    source.parent.mkdir()
    source.write_bytes(data)
    for options, may in IMPORT_MODES:
        if into == "merge":
            write(site / DATABASE, CLEAN)
        else:
            (site / DATABASE).unlink(missing_ok=True)
            (site / "hugokit.yaml").unlink(missing_ok=True)
        before = tree(site)
        status = run("import", source, "--format", fmt, "--site", site, *options)
        after = tree(site)
        allowed(before, after, may)
        if status != 0 and "--partial" not in options:
            assert after == before  # a refused import writes nothing
        if into == "merge" and "--force" not in options and after[DATABASE] != before[DATABASE]:
            merged, _ = parse_database(after[DATABASE].decode("utf-8"), DATABASE)
            assert {"Alpa", "Pollux"} <= {p.title for p in merged.publications}  # a merge loses nothing


@pytest.mark.parametrize("name,data", hostile.shortcode_pages(), ids=[n for n, _ in hostile.shortcode_pages()])
def test_init_on_a_hostile_page(site: Path, name: str, data: bytes) -> None:
    write(site / "content/publications.md", "")
    (site / "content/publications.md").write_bytes(data)
    before = tree(site)
    run("init", "--site", site)
    allowed(before, tree(site), "new files")


@pytest.mark.parametrize("name,data", hostile.configs(), ids=[n for n, _ in hostile.configs()])
def test_hostile_configs(site: Path, name: str, data: bytes) -> None:
    write(site / DATABASE, CLEAN)
    (site / "hugokit.yaml").write_bytes(data)
    page = write(site.parent / "page.md", "---\ntitle: x\n---\n")
    for command, may in [(("check",), "nothing"), (("build", "--check"), "nothing"), (("init",), "new files"),
                         (("build",), "content"),
                         (("build", "--pages", "--force"), "content"), (("export", "bibtex"), "nothing"),
                         (("import", page, "--dry-run"), "nothing")]:
        before = tree(site)
        run(*command, "--site", site)
        allowed(before, tree(site), may)
        assert (site / DATABASE).read_text() == CLEAN


@pytest.mark.parametrize("name,data", hostile.cache_files(), ids=[n for n, _ in hostile.cache_files()])
def test_hostile_cache_files(site: Path, name: str, data: bytes) -> None:
    write(site / DATABASE, CLEAN)
    run("build", "--site", site)
    expected = {c: hugokit(*c, "--site", site, "--no-cache") for c in (("check",), ("build", "--check"))}
    for entry in (site.parent / "cache").glob("*.json"):
        entry.write_bytes(data)
    for command, reference in expected.items():
        result = hugokit(*command, "--site", site)
        assert (result.exit_code, result.stdout) == (reference.exit_code, reference.stdout)
    assert run("build", "--site", site) == 0
    assert (site / "content/publications.md").read_text().count("{{< publication ") == 2


@pytest.mark.parametrize("path", hostile.site_paths(), ids=repr)
def test_hostile_site_paths(path: str) -> None:
    for command in (("check",), ("build",), ("fix",), ("export", "bibtex")):
        assert run(*command, "--site", path) == 2


def test_a_site_that_is_a_symlink_loop(tmp_path: Path) -> None:
    os.symlink(tmp_path / "loop", tmp_path / "loop")
    for command in (("check",), ("build",)):
        assert run(*command, "--site", tmp_path / "loop") == 2


def test_a_read_only_site_is_one_line(site: Path) -> None:
    write(site / DATABASE, CLEAN)
    if os.geteuid() == 0:  # root writes anyway: take the write away instead
        shutil.rmtree(site / "data")
        (site / "data").write_text("not a folder")
    else:
        site.chmod(0o555)
    try:
        assert run("build", "--site", site, "--no-cache") == 2
    finally:
        site.chmod(0o755)


def count() -> tuple[int, int]:
    """(hostile inputs, command runs) of this suite, for the README."""
    databases = len(hostile.yaml_databases())
    imports = len(_import_cases())
    configs = len(hostile.configs())
    caches = len(hostile.cache_files())
    paths = len(hostile.site_paths())
    inputs = databases + imports + configs + caches + paths
    runs = (databases * len(DATABASE_COMMANDS) + imports * 2 * len(IMPORT_MODES) + configs * 7 + caches * 6
            + paths * 4 + len(hostile.shortcode_pages()))
    return inputs, runs


def test_the_readme_reports_this_suites_counts() -> None:
    from conftest import REPO

    from test_hostile_online import count as online

    inputs, runs = (a + b for a, b in zip(count(), online()))
    readme = " ".join((REPO / "README.md").read_text().split())  # however the paragraph is wrapped
    assert f"{inputs} hostile inputs" in readme and f"{runs:,} runs" in readme, (inputs, runs)
