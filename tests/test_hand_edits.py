"""`hugokit build` never silently drops what someone wrote into the generated page by hand, and
never refuses a page that is hugokit's own: on this machine, a fresh clone, or in CI."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import git as _git, hugokit, write

DATABASE = """\
- {title: "Alpa", year: 2022, venue: OSDI 2022, authors: [Lianmin Zheng], topics: [T], links: {paper: "https://a.org/alpa.pdf"}, award: Best Paper}
- {title: "Pollux", year: 2021, venue: OSDI 2021, authors: [Aurick Qiao], topics: [T]}
- {title: "Orca", year: 2021, venue: OSDI 2021, authors: [Gyeong-In Yu], topics: [T]}
"""
PASTED = '''{{< publication title="Pasted by hand" venue="ICML 2022" paperLink="" codeLink="" award="" project="" data-topic="T" >}}
Someone Else
{{< /publication >}}

'''


@pytest.fixture
def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HUGOKIT_CACHE_DIR", str(tmp_path / "cache"))
    write(tmp_path / "site/data/publications.yaml", DATABASE)
    write(tmp_path / "site/data/topics.yaml", "- T\n")
    assert hugokit("build", "--site", tmp_path / "site").exit_code == 0
    return tmp_path / "site"


def _lines(run_stdout: str) -> list[int]:
    return [int(line.split(":")[1]) for line in run_stdout.splitlines() if "error[hand-edited-page]" in line]


# Each kind of edit someone makes on the page itself; (old, new) replaced once.
PAGE_EDITS = {
    "author": ("Lianmin Zheng", "Lianmin Zheng*"),
    "venue": ('venue="OSDI 2021"', 'venue="OSDI 2021 (oral)"'),
    "link": ("https://a.org/alpa.pdf", "https://a.org/alpa-v2.pdf"),
    "award": ('award="Best Paper"', 'award="Best Paper Award"'),
    "topic": ('data-topic="T"', 'data-topic="T, U"'),
    "year heading": ("### 2021", "### 2020"),
    "title case": ('title="Alpa"', 'title="ALPA"'),
    "entry order": None,  # the two 2021 entries swapped: see _edit
    "pasted entry": ("### 2022\n\n", "### 2022\n\n" + PASTED),
    "text added": ("&emsp;\n", "&emsp;\nSome notes.\n"),
    "front-matter": ("summary: publications\n", "summary: publications\nmenu: main\n"),
}


def _edit(page: Path, kind: str) -> tuple[str, str]:
    """Makes one kind of hand edit on the page; returns the text before and after."""
    text = page.read_text()
    if PAGE_EDITS[kind] is None:
        lines = text.splitlines(keepends=True)
        first = next(n for n, line in enumerate(lines) if 'title="Pollux"' in line)
        edited = "".join(lines[:first] + lines[first + 4:first + 8] + lines[first:first + 4] + lines[first + 8:])
    else:
        old, new = PAGE_EDITS[kind]
        assert old in text
        edited = text.replace(old, new, 1)
    assert edited != text
    page.write_text(edited)
    return text, edited


@pytest.mark.parametrize("kind", list(PAGE_EDITS))
def test_every_kind_of_page_edit_stops_the_build_and_names_its_lines(built: Path, kind: str) -> None:
    page = built / "content/publications.md"
    text, edited = _edit(page, kind)
    (built / "data/publications.yaml").write_text(DATABASE.replace("Orca", "Orca v2"))  # a change to build

    run = hugokit("build", "--site", built)

    assert run.exit_code == 1, run.output
    assert page.read_text() == edited
    named = _lines(run.stdout)
    assert named and set(named) <= set(range(1, len(edited.splitlines()) + 1))
    changed = [n for n, line in enumerate(edited.splitlines(), 1) if line not in text.splitlines()] or named
    assert set(changed) <= set(named), (named, changed)
    assert "building would overwrite it" in run.stdout
    assert hugokit("build", "--site", built, "--force").exit_code == 0
    assert "Orca v2" in page.read_text()


def test_a_front_matter_edit_points_at_the_config(built: Path) -> None:
    page = built / "content/publications.md"
    page.write_text(page.read_text().replace("summary: publications\n", "summary: publications\nmenu: main\n", 1))
    run = hugokit("build", "--site", built)
    assert run.exit_code == 1
    assert "content/publications.md:6:1: error[hand-edited-page] this line differs from what hugokit generated " \
           '("menu: main"); building would overwrite it (to keep it, set the front-matter as front_matter in ' \
           "hugokit.yaml (hugokit import content/publications.md shows how))" in run.stdout
    # The way out the hint names: import the page, which records its front-matter, then build.
    assert hugokit("import", page, "--site", built).exit_code == 0
    assert "menu: main" in (built / "hugokit.yaml").read_text()
    assert hugokit("build", "--site", built).exit_code == 0
    assert "menu: main\n" in page.read_text()


def test_a_pasted_entry_is_merged_by_import_then_built(built: Path) -> None:
    page = built / "content/publications.md"
    page.write_text(page.read_text().replace("### 2022\n\n", "### 2022\n\n" + PASTED, 1))
    assert hugokit("build", "--site", built).exit_code == 1
    assert hugokit("import", page, "--site", built).exit_code == 0
    assert hugokit("build", "--site", built).exit_code == 0
    assert "Pasted by hand" in page.read_text()


@pytest.mark.parametrize("change", ["rename", "delete", "reorder"])
def test_database_changes_just_build(built: Path, change: str) -> None:
    lines = DATABASE.splitlines(keepends=True)
    database = {"rename": DATABASE.replace('"Pollux"', '"Pollux 2"'), "delete": lines[0] + lines[2],
                "reorder": lines[0] + lines[2] + lines[1]}[change]
    (built / "data/publications.yaml").write_text(database)
    run = hugokit("build", "--site", built)
    assert run.exit_code == 0, run.output


def test_without_any_record_or_repository_a_deletion_asks_for_force(built: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUGOKIT_NO_CACHE", "1")
    (built / "data/publications.yaml").write_text(DATABASE.splitlines(keepends=True)[0])
    run = hugokit("build", "--site", built)
    assert run.exit_code == 1 and "error[hand-edited-page]" in run.stdout
    assert hugokit("build", "--site", built, "--force").exit_code == 0


# --- in a real git repository: what a collaborator, CI or a new laptop sees ---

@pytest.fixture
def clone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A site built and committed in one repository, then cloned with an empty cache (the site
    is a folder inside the repository, as in most Hugo projects)."""
    if shutil.which("git") is None:
        pytest.fail("git is needed for these tests")
    origin = tmp_path / "origin"
    write(origin / "site/data/publications.yaml", DATABASE)
    write(origin / "site/data/topics.yaml", "- T\n")
    monkeypatch.setenv("HUGOKIT_CACHE_DIR", str(tmp_path / "cache-origin"))
    assert hugokit("build", "--site", origin / "site").exit_code == 0
    _git(origin, "init", "-q")
    _git(origin, "add", ".")
    _git(origin, "commit", "-qm", "site")
    _git(tmp_path, "clone", "-q", str(origin), "clone")
    monkeypatch.setenv("HUGOKIT_CACHE_DIR", str(tmp_path / "cache-clone"))  # this machine never built it
    return tmp_path / "clone/site"


@pytest.mark.parametrize("change", ["rename", "delete", "reorder"])
def test_a_fresh_clone_builds_database_changes(clone: Path, change: str) -> None:
    lines = DATABASE.splitlines(keepends=True)
    database = {"rename": DATABASE.replace('"Pollux"', '"Pollux 2"'), "delete": lines[0] + lines[2],
                "reorder": lines[0] + lines[2] + lines[1]}[change]
    (clone / "data/publications.yaml").write_text(database)
    run = hugokit("build", "--site", clone)
    assert run.exit_code == 0, run.output
    # and again, after a second change: the page is now the one this build recorded
    (clone / "data/publications.yaml").write_text(database.replace("Alpa", "Alpa 2"))
    assert hugokit("build", "--site", clone).exit_code == 0


def test_a_fresh_clone_with_a_committed_database_change_builds(clone: Path) -> None:
    # The database was changed and committed without building: the page matches neither the
    # current database nor its own last commit's, but is unchanged since that commit.
    (clone / "data/publications.yaml").write_text(DATABASE.replace('"Pollux"', '"Pollux 2"'))
    _git(clone, "commit", "-qam", "rename")
    assert hugokit("build", "--site", clone).exit_code == 0


@pytest.mark.parametrize("kind", list(PAGE_EDITS))
def test_a_fresh_clone_refuses_each_kind_of_page_edit(clone: Path, kind: str) -> None:
    page = clone / "content/publications.md"
    _, edited = _edit(page, kind)
    (clone / "data/publications.yaml").write_text(DATABASE.replace("Orca", "Orca v2"))
    run = hugokit("build", "--site", clone)
    assert run.exit_code == 1 and _lines(run.stdout), run.output
    assert page.read_text() == edited


def test_check_records_an_up_to_date_page(clone: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Outside git, a page check found up to date is known to build later.
    shutil.rmtree(clone.parent / ".git")
    assert hugokit("check", "--site", clone).exit_code == 0
    (clone / "data/publications.yaml").write_text(DATABASE.replace('"Pollux"', '"Pollux 2"'))
    assert hugokit("build", "--site", clone).exit_code == 0
