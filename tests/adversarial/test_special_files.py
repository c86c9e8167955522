"""What a site's folder can hold besides regular files, and names no editor makes: a pipe (FIFO)
where hugokit reads a page, the database or the generated page; a line break or bytes that are
not UTF-8 in a page's name. Run as a user (and a pre-commit hook) runs hugokit: a process, with a
time limit, since opening a pipe for reading waits for a writer that never comes."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import write

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="pipes and such names need a POSIX file system")

DATABASE = '- {title: "X", year: 2020, venue: OSDI 2020, authors: [A B], topics: [T]}\n'
BROKEN_PAGE = b"---\ntitle: [x\n---\n"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    write(tmp_path / "site/data/publications.yaml", DATABASE)
    write(tmp_path / "site/data/topics.yaml", "- T\n")
    (tmp_path / "site/content").mkdir()
    return tmp_path / "site"


def run(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HUGOKIT_CACHE_DIR": str(site.parent / "cache")}
    env.pop("HUGOKIT_NO_CACHE", None)
    return subprocess.run([sys.executable, "-m", "hugokit", *args], cwd=site, env=env, capture_output=True,
                          text=True, errors="surrogateescape", timeout=60)


def test_a_pipe_among_the_pages_is_reported_never_waited_for(site: Path) -> None:
    os.mkfifo(site / "content/notes.md")
    for _ in range(2):  # the second from the cache, or not: the same answer
        checked = run(site, "check", "--format", "json")
        assert checked.returncode == 1, checked.stderr
        (found,) = json.loads(checked.stdout)["diagnostics"]
        assert (found["path"], found["code"]) == ("content/notes.md", "front-matter")
        assert "not a regular file" in found["message"] and "regular file" in found["hint"]
    assert run(site, "build").returncode == 0  # build reads no page but its own


def test_a_pipe_where_the_page_is_generated_is_one_error_and_stays(site: Path) -> None:
    os.mkfifo(site / "content/publications.md")
    built = run(site, "build")
    assert built.returncode == 2
    assert "content/publications.md:1:1: error[os-error] it is not a regular file" in built.stdout
    assert "Traceback" not in built.stdout + built.stderr
    assert (site / "content/publications.md").is_fifo()


def test_a_pipe_as_the_database_is_unreadable(site: Path) -> None:
    (site / "data/publications.yaml").unlink()
    os.mkfifo(site / "data/publications.yaml")
    for command in (("check",), ("build",), ("export", "bibtex")):
        result = run(site, *command)
        assert result.returncode == 2, (command, result.stderr)
        assert "data/publications.yaml is not a regular file" in result.stderr + result.stdout


def test_a_link_loop_or_a_dangling_link_among_the_pages_is_reported_and_the_check_goes_on(site: Path) -> None:
    (site / "content/loop.md").symlink_to(site / "content/loop.md")
    (site / "content/gone.md").symlink_to(site / "content/nowhere.md")
    (site / "content/bad.md").write_bytes(BROKEN_PAGE)
    for _ in range(2):
        checked = run(site, "check", "--format", "json")
        assert checked.returncode == 1, checked.stdout + checked.stderr
        found = {d["path"]: (d["message"], d["hint"]) for d in json.loads(checked.stdout)["diagnostics"]}
        assert found["content/loop.md"] == ("cannot read this page: Too many levels of symbolic links",
                                            "a symbolic link leads back to itself: fix or remove it")
        assert found["content/gone.md"][0] == "cannot read this page: No such file or directory"
        assert "front-matter: a list in [ ] is not closed" in found["content/bad.md"][0]  # the other pages checked


@pytest.mark.parametrize("name", [b"line\nbreak.md", b"caf\xff.md"], ids=["a line break", "not UTF-8"])
def test_a_page_name_no_editor_makes_is_checked_and_cached(site: Path, name: bytes) -> None:
    with open(os.fsencode(site / "content") + b"/" + name, "wb") as page:
        page.write(BROKEN_PAGE)
    fresh = run(site, "check", "--format", "json", "--no-cache")
    for _ in range(2):
        checked = run(site, "check", "--format", "json")
        assert (checked.returncode, checked.stdout) == (fresh.returncode, fresh.stdout) == (1, fresh.stdout)
        assert "ignored the cache file" not in checked.stderr  # the entry reads back: the second run is a hit
    assert json.loads(fresh.stdout)["diagnostics"][0]["path"] == "content/" + os.fsdecode(name)
    assert run(site, "build").returncode == 0
    assert run(site, "check", "--format", "json").stdout == fresh.stdout
