"""Bounded everything: numbers, macro expansion, nesting, value and file sizes each have a limit
that gives a diagnostic; the operating system's refusals are one line and exit 2; configured
paths stay inside the site; interrupted runs leave nothing behind."""
from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import hugokit, write
from hugokit import writeback

ENTRY = '- {title: "A", year: 2020}\n'


def _site(tmp_path: Path, database: str = ENTRY, config: str | None = None) -> Path:
    site = tmp_path / "site"
    write(site / "data/publications.yaml", database)
    if config is not None:
        write(site / "hugokit.yaml", config)
    return site


@pytest.mark.parametrize("year", ["2_020", "0x7e4", "33:40", "02020", "0o3744", "+2020x", "9" * 5000])
def test_a_year_is_a_plain_decimal_number(tmp_path: Path, year: str) -> None:
    site = _site(tmp_path, f"- {{title: A, year: {year}}}\n")
    run = hugokit("check", "--site", site, "--no-cache")
    assert run.exit_code == 1
    assert "data/publications.yaml:1:20: error[bad-number]" in run.stdout or \
        "data/publications.yaml:1:20: error[wrong-type]" in run.stdout, run.stdout  # YAML 1.1 reads it as a number
    assert hugokit("build", "--site", site, "--no-cache").exit_code == 1


def test_a_huge_year_in_json_is_reported(tmp_path: Path) -> None:
    source = write(tmp_path / "in.json", '[{"title": "A", "year": %s}]' % ("9" * 5000))
    run = hugokit("import", source, "--site", tmp_path)
    assert run.exit_code == 1 and "error[bad-number]" in run.stdout


@pytest.mark.parametrize("title", ['""', '"   "'])
def test_an_empty_title_is_rejected(tmp_path: Path, title: str) -> None:
    run = hugokit("check", "--site", _site(tmp_path, f"- {{title: {title}, year: 2020}}\n"), "--no-cache")
    assert run.exit_code == 1 and "error[missing-key] the title of publication 1 is empty" in run.stdout


def test_a_string_macro_doubling_chain_is_cut_off(tmp_path: Path) -> None:
    lines = ['@string{m0 = "xxxxxxxxxxxxxxxx"}'] + [f"@string{{m{i} = m{i - 1} # m{i - 1}}}" for i in range(1, 40)]
    source = write(tmp_path / "bomb.bib", "\n".join(lines) + "\n@article{k, title = m39, year = 2020}\n")
    assert source.stat().st_size < 1500  # would expand to 8 TB
    started = time.perf_counter()
    run = hugokit("import", source, "--site", tmp_path)
    assert time.perf_counter() - started < 10
    assert run.exit_code == 1
    assert "bomb.bib:14:1: error[too-long] the @string macros used here expand to more than 100,000" in run.stdout
    assert not (tmp_path / "data/publications.yaml").exists()


def test_a_long_value_is_reported(tmp_path: Path) -> None:
    site = _site(tmp_path, f'- {{title: "{"x" * 100_001}", year: 2020}}\n')
    run = hugokit("check", "--site", site, "--no-cache")
    assert run.exit_code == 1 and "error[too-long]" in run.stdout


def test_a_large_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("hugokit.inputs.MAX_FILE_BYTES", 1000)
    site = _site(tmp_path, ENTRY * 100)
    run = hugokit("check", "--site", site, "--no-cache")
    assert run.exit_code == 2
    assert run.stdout.startswith("data/publications.yaml:1:1: error[too-long] data/publications.yaml is larger")


def test_deep_nesting_is_a_diagnostic(tmp_path: Path) -> None:
    site = _site(tmp_path, "- " + "[" * 50_000 + "]" * 50_000 + "\n")
    run = hugokit("check", "--site", site, "--no-cache")
    assert run.exit_code == 2 and run.stdout.startswith("data/publications.yaml:"), run.output


@pytest.mark.parametrize("source", ["/dev/zero", "/dev/null"])
def test_a_device_is_not_read(tmp_path: Path, source: str) -> None:
    run = hugokit("import", source, "--format", "bibtex", "--site", tmp_path)
    assert run.exit_code == 2 and f"{source} is not a regular file" in run.stdout


def test_a_folder_where_the_page_goes_is_one_line(tmp_path: Path) -> None:
    site = _site(tmp_path)
    (site / "content/publications.md").mkdir(parents=True)
    run = hugokit("build", "--site", site, "--no-cache")
    assert run.exit_code == 2
    assert run.stdout.count("\n") == 1 and "error[os-error] Is a directory" in run.stdout


def test_a_symlink_loop_is_one_line(tmp_path: Path) -> None:
    site = _site(tmp_path)
    (site / "content").mkdir()
    os.symlink("publications.md", site / "content/publications.md")
    run = hugokit("build", "--site", site, "--no-cache", "--force")
    assert run.exit_code == 2 and "error[os-error]" in run.stdout and "symbolic link" in run.stdout


@pytest.mark.parametrize("errno_name", ["ENOSPC", "EACCES", "EROFS"])
def test_a_refused_write_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, errno_name: str) -> None:
    import errno

    site = _site(tmp_path)

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(getattr(errno, errno_name), os.strerror(getattr(errno, errno_name)), str(args[1]))

    monkeypatch.setattr(os, "replace", refuse)
    run = hugokit("build", "--site", site, "--no-cache")
    assert run.exit_code == 2 and run.stdout.count("\n") == 1 and "error[os-error]" in run.stdout
    assert not [p for p in (site / "content").iterdir()]  # no temporary file left either


def test_the_file_size_limit_of_the_system_is_one_line(tmp_path: Path) -> None:
    site = _site(tmp_path, "".join(f'- {{title: "Paper {i}", year: 2020}}\n' for i in range(200)))

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000))

    done = subprocess.run([sys.executable, "-m", "hugokit", "build", "--site", str(site), "--no-cache"],
                          capture_output=True, text=True, preexec_fn=limit, timeout=60)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and "error[os-error] File too large" in done.stdout


@pytest.mark.parametrize("config", ['page: ""', "page: ../../x.md", "page: /tmp/x.md", 'pages_dir: ""',
                                    "pages_dir: ../out", "pages_dir: /", "database: ../db.yaml",
                                    "page: data/publications.yaml", "page: hugokit.yaml", "page: hugo.toml", "page: hugo.yml",
                                    "pages_dir: data", "database: hugokit.yaml", "page: content/../data/x.md",
                                    "page: content/link/x.md"])
def test_configured_paths_stay_inside_the_site_and_off_the_inputs(tmp_path: Path, config: str) -> None:
    site = _site(tmp_path, config=config + "\n")
    (site / "content").mkdir()
    os.symlink(tmp_path, site / "content/link")  # leads out of the site
    before = (site / "data/publications.yaml").read_bytes()
    for command in (("build", "--force", "--pages"), ("check",), ("import", site / "data/publications.yaml")):
        run = hugokit(*command, "--site", site, *(("--no-cache",) if command[0] != "import" else ()))
        assert run.exit_code == 2 and "hugokit.yaml:1:" in run.stdout and "error[bad-config]" in run.stdout, run.output
    assert (site / "data/publications.yaml").read_bytes() == before
    assert sorted(p.name for p in site.rglob("*")) == sorted(["data", "publications.yaml", "hugokit.yaml", "content",
                                                             "link"])


def test_temporary_files_of_a_killed_run_are_removed_by_the_next(tmp_path: Path) -> None:
    site = _site(tmp_path)
    assert hugokit("build", "--site", site, "--no-cache").exit_code == 0
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = site / f"content/.publications.md.{dead.stdout.strip()}.0123456789ab.tmp"
    alive = site / f"content/.publications.md.{os.getppid()}.0123456789ab.tmp"  # a running process's
    stale.write_text("half")
    alive.write_text("in progress")
    writeback._swept.clear()
    (site / "data/publications.yaml").write_text(ENTRY + '- {title: "B", year: 2020}\n')
    assert hugokit("build", "--site", site, "--no-cache", "--force").exit_code == 0
    assert not stale.exists() and alive.exists()


def test_ids_that_pass_check_survive_bibtex_export_and_import(tmp_path: Path) -> None:
    ids = ["zheng2022alpa", "qiao:2021/pollux.v2+x_y-z", "ABC-1", "a.b"]
    database = "".join(f'- {{title: "T{i}", year: 2020, id: "{key}"}}\n' for i, key in enumerate(ids))
    site = _site(tmp_path, database)
    assert "bad-id" not in hugokit("check", "--site", site, "--no-cache").stdout
    exported = hugokit("export", "bibtex", "--site", site).stdout
    other = tmp_path / "other"
    other.mkdir()
    write(tmp_path / "out.bib", exported)
    assert hugokit("import", tmp_path / "out.bib", "--site", other).exit_code == 0
    assert [line.split('id: ')[-1] for line in (other / "data/publications.yaml").read_text().splitlines()
            if line.strip().startswith(("id:", "- id:"))] == ids


@pytest.mark.parametrize("key", ["zheng 2022", "a,b", "x{y}", "p%q", 'q"r'])
def test_ids_that_would_break_bibtex_are_rejected(tmp_path: Path, key: str) -> None:
    site = _site(tmp_path, f"- {{title: T, year: 2020, id: '{key}'}}\n")
    run = hugokit("check", "--site", site, "--no-cache")
    assert run.exit_code == 1 and "error[bad-id]" in run.stdout


def test_duplicates_on_one_line_and_through_an_alias_are_caught(tmp_path: Path) -> None:
    site = _site(tmp_path, '[{title: "Same", year: 2020, id: k}, {title: "same", year: 2020, id: k}]\n')
    run = hugokit("check", "--site", site, "--no-cache", "--select", "duplicate-title,duplicate-id")
    assert run.stdout.count("error[duplicate-title]") == 1 and run.stdout.count("error[duplicate-id]") == 1
    site = _site(tmp_path / "alias", '- &a {title: "Same", year: 2020, id: k}\n- *a\n')
    run = hugokit("check", "--site", site, "--no-cache", "--select", "duplicate-title,duplicate-id")
    assert run.stdout.count("repeated through a YAML alias") == 2, run.stdout


@pytest.mark.parametrize("output", ["data/publications.yaml", "hugokit.yaml", "hugo.toml", "config.yml", "data/venues.yaml",
                                    "layouts/x.html"])
def test_export_never_overwrites_an_input(tmp_path: Path, output: str) -> None:
    site = _site(tmp_path, config="strict: false\n")
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    run = hugokit("export", "bibtex", "--site", site, "-o", site / output)
    assert run.exit_code == 2 and "error[bad-option]" in run.stdout
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


def test_backslashes_survive_bibtex_export_and_import(tmp_path: Path) -> None:
    from hugokit.database import parse_database

    database = ("- title: 'Schr\\\"odinger cat \\ and \"q\" \\textbf{x} 50% $x$ {b} ~ #1 & _'\n  year: 2024\n"
                "  venue: 'V\\x 2024'\n  authors: ['Erwin Schr\\\"odinger', 'A\\B']\n"
                "  links: {paper: 'https://x.org/a%5Cb\"c%20~'}\n  id: k1\n")
    site = _site(tmp_path, database)
    write(tmp_path / "out.bib", hugokit("export", "bibtex", "--site", site, "--force").stdout)  # an unknown venue: forced
    other = tmp_path / "other"
    other.mkdir()
    assert hugokit("import", tmp_path / "out.bib", "--site", other).exit_code == 0
    original = parse_database(database, "a")[0].publications
    assert parse_database((other / "data/publications.yaml").read_text(), "b")[0].publications == original


@pytest.mark.parametrize("url", ["https://x.org/a\\b", "https://x.org/{id}", "https://x.org/}"])
def test_a_url_a_browser_or_bibtex_would_change_is_rejected(tmp_path: Path, url: str) -> None:
    site = _site(tmp_path, f"- {{title: A, year: 2020, links: {{paper: '{url}'}}}}\n")
    run = hugokit("check", "--site", site, "--no-cache", "--select", "bad-link")
    assert run.exit_code == 1 and "contains a backslash or a brace" in run.stdout
