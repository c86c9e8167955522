"""Reading the last commit for hand-edit detection, in real git repositories, in each way git can
fail: another user's checkout (CI containers, Docker mounts), a repository planted above the
site, not a repository, a shallow clone, a detached HEAD, a file not committed, no commit yet,
a damaged repository, and no git at all."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import git, hugokit, write
from hugokit.last_commit import Committed, committed

DATABASE = """\
- {title: "Alpa", year: 2022, venue: OSDI 2022, authors: [Lianmin Zheng], topics: [T]}
- {title: "Pollux", year: 2021, venue: OSDI 2021, authors: [Aurick Qiao], topics: [T]}
"""
PAGE = "content/publications.md"
OTHER_UID = 4242


@pytest.fixture(autouse=True)
def no_user_git_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """hugokit's git sees no user or system configuration (a safe.directory=* there would make
    the ownership tests prove nothing)."""
    if shutil.which("git") is None:
        pytest.fail("git is needed for these tests")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("HUGOKIT_CACHE_DIR", str(tmp_path / "cache-origin"))


def _committed_site(repo: Path) -> Path:
    """A site folder inside the repository repo, built and committed."""
    site = repo / "site"
    write(site / "data/publications.yaml", DATABASE)
    write(site / "data/topics.yaml", "- T\n")
    assert hugokit("build", "--site", site).exit_code == 0
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "site")
    return site


def _clone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *options: str) -> Path:
    """A clone of a committed site, on a machine that never built it."""
    origin = tmp_path / "origin"
    _committed_site(origin)
    git(tmp_path, "clone", "-q", *options, f"file://{origin}", "clone")
    monkeypatch.setenv("HUGOKIT_CACHE_DIR", str(tmp_path / "cache-clone"))
    return tmp_path / "clone/site"


def _rename_and_build(site: Path) -> tuple[int, str]:
    (site / "data/publications.yaml").write_text(DATABASE.replace('"Pollux"', '"Pollux 2"'))
    run = hugokit("build", "--site", site)
    return run.exit_code, run.stdout


def _owned_by_another_user(path: Path, monkeypatch: pytest.MonkeyPatch, how: str = "chown") -> None:
    """Makes path's files another user's: for real (chown, as root), or by git's own test switch,
    which makes git treat every repository as another user's."""
    if how == "chown":
        for folder, _, files in os.walk(path):
            for name in [folder, *(os.path.join(folder, f) for f in files)]:
                os.lchown(name, OTHER_UID, OTHER_UID)
    else:
        monkeypatch.setenv("GIT_TEST_ASSUME_DIFFERENT_OWNER", "1")


def _git_refuses(repo: Path) -> bool:
    done = subprocess.run(["git", "-C", str(repo), "cat-file", "-t", "HEAD"], capture_output=True, text=True,
                          env={**os.environ, "LC_ALL": "C"})
    return done.returncode != 0 and "dubious ownership" in done.stderr


@pytest.mark.parametrize("how", ["chown", "git's switch"])
def test_a_checkout_owned_by_another_user_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    # A CI container or a Docker mount: the whole checkout belongs to another uid than hugokit's.
    if how == "chown" and os.geteuid() != 0:
        pytest.skip("only root can give a file away; the other case covers this with git's switch")
    site = _clone(tmp_path, monkeypatch)
    _owned_by_another_user(tmp_path / "clone", monkeypatch, how)
    assert _git_refuses(tmp_path / "clone")  # git itself refuses: the test is real
    assert committed(site, PAGE).text == (site / PAGE).read_text()
    assert _rename_and_build(site)[0] == 0
    assert _git_refuses(tmp_path / "clone")  # and hugokit changed no configuration to get there


@pytest.mark.skipif(os.geteuid() != 0, reason="needs two owners: only root can give a file away")
def test_a_repository_of_another_user_above_the_site_is_not_trusted(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    # Someone else's repository planted above the site folder (/tmp/.git): never read, and said.
    outer = tmp_path / "shared"
    site = _committed_site(outer)
    _owned_by_another_user(outer, monkeypatch)
    for folder, _, files in os.walk(site):  # the site itself is ours
        for name in [folder, *(os.path.join(folder, f) for f in files)]:
            os.lchown(name, 0, 0)
    monkeypatch.setenv("HUGOKIT_CACHE_DIR", str(tmp_path / "cache-clone"))
    found = committed(site, PAGE)
    assert found.text is None
    assert found.unavailable == f"git refuses to read the repository at {outer}: it belongs to another user than " \
                                "the site folder"
    assert found.fix == f"if you trust it: git config --global --add safe.directory {outer}"
    status, out = _rename_and_build(site)
    assert status == 1
    notes = [line for line in out.splitlines() if "git-unreadable" in line]
    assert notes == [f"{PAGE}:1:1: warning[git-unreadable] the page was not compared with the last commit: "
                     f"{found.unavailable} ({found.fix})"], out
    assert "error[hand-edited-page]" in out


@pytest.mark.parametrize("how", ["shallow", "detached"])
def test_a_shallow_or_detached_clone_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    site = _clone(tmp_path, monkeypatch, *(["--depth", "1"] if how == "shallow" else []))
    if how == "detached":
        git(tmp_path / "clone", "checkout", "-q", "--detach", "HEAD")
    else:
        assert (tmp_path / "clone/.git/shallow").is_file()
    assert committed(site, PAGE).text == (site / PAGE).read_text()
    assert _rename_and_build(site)[0] == 0


def test_ordinary_absences_are_no_answer_and_no_complaint(tmp_path: Path) -> None:
    write(tmp_path / "plain/site/x.md", "x")
    assert committed(tmp_path / "plain/site", "x.md") == Committed(None)  # not a repository
    git(tmp_path / "plain", "init", "-q")
    assert committed(tmp_path / "plain/site", "x.md") == Committed(None)  # no commit yet
    site = _committed_site(tmp_path / "repo")
    assert committed(site, "content/never-committed.md") == Committed(None)
    assert committed(site, "data") == Committed(None)  # a folder, not a file


def test_a_hooks_repository_variables_do_not_redirect_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A pre-commit hook of another repository (a worktree's hook gets GIT_DIR; every hook a
    # relative GIT_INDEX_FILE): the site's own repository is still the one read.
    site = _committed_site(tmp_path / "repo")
    other = tmp_path / "other"
    other.mkdir()
    git(other, "init", "-q")
    monkeypatch.setenv("GIT_DIR", str(other / ".git"))
    monkeypatch.setenv("GIT_INDEX_FILE", ".git/index")
    monkeypatch.setenv("GIT_PREFIX", "sub/")
    assert committed(site, PAGE).text == (site / PAGE).read_text()


def test_a_damaged_repository_is_said(tmp_path: Path) -> None:
    site = _committed_site(tmp_path / "repo")
    blob = git(tmp_path / "repo", "rev-parse", f"HEAD:site/{PAGE}").strip()
    stored = tmp_path / "repo/.git/objects" / blob[:2] / blob[2:]
    stored.chmod(0o644)
    stored.write_bytes(b"garbage")
    found = committed(site, PAGE)
    assert found == Committed(None, f"git could not read the last commit: fatal: loose object {blob} (stored in "
                                    f".git/objects/{blob[:2]}/{blob[2:]}) is corrupt", "git fsck names what is damaged")


def test_no_git_on_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = _clone(tmp_path, monkeypatch)
    outside = tmp_path / "outside"
    outside.mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    assert committed(outside, "x.md") == Committed(None)  # no git and no repository: nothing missed
    reason = "the site is in a git repository, but git is not installed (not on PATH)"
    assert committed(site, PAGE) == Committed(None, reason, "install git")
    status, out = _rename_and_build(site)
    assert status == 1 and "error[hand-edited-page]" in out
    assert f"warning[git-unreadable] the page was not compared with the last commit: {reason} (install git)" in out


def test_a_build_up_to_date_runs_no_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # git is asked only when the page differs from what the database makes.
    site = _clone(tmp_path, monkeypatch)
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    run = hugokit("build", "--site", site)
    assert run.exit_code == 0 and "git" not in run.stdout
