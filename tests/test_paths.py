"""Paths are printed relative to the current folder in every output format, as linters print
them, and relative to the repository's checkout under GitHub Actions; paths typed on the command
line stay as typed, and a problem without a file and line gets none made up."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLE_SITE, write

HUGOKIT = str(Path(sys.executable).parent / "hugokit")


def run(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")} | env
    return subprocess.run([HUGOKIT, *args], cwd=cwd, env=clean, capture_output=True, text=True, timeout=120)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose Hugo site is in website/, with one unknown venue on a known line."""
    shutil.copytree(EXAMPLE_SITE, tmp_path / "repo/website", ignore=shutil.ignore_patterns("public", "resources"))
    database = tmp_path / "repo/website/data/publications.yaml"
    database.write_text(database.read_text().replace("venue: OSDI 2022", "venue: OSDII 2022", 1))
    return tmp_path / "repo"


def bad_line(repo: Path) -> int:
    text = (repo / "website/data/publications.yaml").read_text()
    return next(n for n, line in enumerate(text.splitlines(), 1) if "OSDII" in line)


def test_every_format_shows_paths_from_the_current_folder(repo: Path) -> None:
    line = bad_line(repo)
    human = run(repo, "check", "--site", "website", "--format", "human")
    assert human.stdout.startswith(f"website/data/publications.yaml:{line}:10: error[unknown-venue] ")
    github = run(repo, "check", "--site", "website", "--format", "github")
    assert github.stdout.startswith(f"::error file=website/data/publications.yaml,line={line},col=10,")
    payload = json.loads(run(repo, "check", "--site", "./website", "--format", "json").stdout)
    assert [(d["path"], d["line"]) for d in payload["diagnostics"]] == [("website/data/publications.yaml", line)]
    inside = run(repo / "website", "check", "--format", "human")
    assert inside.stdout.startswith(f"data/publications.yaml:{line}:10: ")


def test_under_github_actions_paths_are_relative_to_the_workspace(repo: Path) -> None:
    result = run(repo / "website", "check", "--site", ".", GITHUB_ACTIONS="true", GITHUB_WORKSPACE=str(repo))
    assert result.stdout.startswith(f"::error file=website/data/publications.yaml,line={bad_line(repo)},col=10,")


def test_a_site_outside_the_current_folder_is_shown_as_typed(repo: Path, tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    result = run(tmp_path / "elsewhere", "check", "--site", "../repo/website", "--format", "human")
    assert result.stdout.startswith(f"../repo/website/data/publications.yaml:{bad_line(repo)}:10: ")


def test_a_missing_database_has_no_made_up_line(repo: Path) -> None:
    (repo / "website/data/publications.yaml").unlink()
    human = run(repo, "check", "--site", "website", "--format", "human")
    assert human.returncode == 2
    assert human.stdout.startswith("website/data/publications.yaml: error[unreadable] the file does not exist (")
    github = run(repo, "check", "--site", "website", "--format", "github")
    assert github.stdout.startswith("::error title=hugokit unreadable::website/data/publications.yaml: "
                                    "the file does not exist (")


def test_a_missing_site_folder_is_a_problem_of_the_option(repo: Path) -> None:
    result = run(repo, "check", "--site", "nope", "--format", "human")
    assert result.returncode == 2
    assert result.stdout.startswith("--site: error[bad-site] the site folder nope does not exist")


def test_an_import_source_is_shown_as_typed(repo: Path) -> None:
    write(repo / "refs.bib", "@article{a,\n  title = {A},\n  year = {2020}\n  author = {B}\n}\n")
    result = run(repo, "import", "refs.bib", "--site", "website", "--dry-run")
    assert result.stdout.startswith("refs.bib:"), result.stdout


def test_each_run_in_one_process_shows_paths_for_its_own_site(repo: Path, monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """How paths are shown is handed to each command by its invocation, not kept between runs:
    runs in one process (as the tests and a long-lived caller make them) each get their own."""
    from hugokit.__main__ import run as run_here

    line = bad_line(repo)
    monkeypatch.chdir(repo)
    assert run_here(["check", "--site", "website", "--format", "human"]) == 1
    assert capsys.readouterr().out.startswith(f"website/data/publications.yaml:{line}:10: ")
    assert run_here(["build", "--site", "website", "--force"]) == 0
    assert "wrote website/content/publications.md\n" in capsys.readouterr().err
    monkeypatch.chdir(repo / "website")
    assert run_here(["check", "--format", "human"]) == 1
    assert capsys.readouterr().out.startswith(f"data/publications.yaml:{line}:10: ")
    assert run_here(["build", "--check", "--site", "."]) == 1  # refused: the database has an error
    assert capsys.readouterr().out.startswith(f"data/publications.yaml:{line}:10: error[unknown-venue] ")


def test_the_pages_of_an_imported_folder_are_shown_inside_it_as_typed(repo: Path) -> None:
    write(repo / "_publications/one.md", "---\ntitle: One\nvenue: Somewhere\ndate: 2020\ncolour: red\n---\n")
    result = run(repo, "import", "_publications", "--site", "website", "--dry-run")
    assert result.stdout.startswith('_publications/one.md:5:1: warning[not-imported] "colour"'), result.stdout
