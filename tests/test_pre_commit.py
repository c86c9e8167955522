"""The real pre-commit runs hugokit's hooks (`pre-commit try-repo` on this repository) in a
throw-away Git repository holding a site, as a commit would."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLE_SITE, REPO

BIN = Path(sys.executable).parent
HOOKS = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")  # the hook's environment is built once here


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This working tree as one commit (try-repo alone would miss files git does not track yet)."""
    snapshot = tmp_path_factory.mktemp("hugokit-snapshot")
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=REPO,
                            check=True, capture_output=True, text=True).stdout.split("\0")
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file():
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, snapshot / name)
    git(snapshot, "init", "-q", "-b", "main")
    git(snapshot, "add", "-A")
    git(snapshot, "commit", "-q", "-m", "snapshot")
    return snapshot


@pytest.fixture
def site_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "site"
    shutil.copytree(EXAMPLE_SITE, repo, ignore=shutil.ignore_patterns("public", "resources", ".hugo_build.lock"))
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "site")
    return repo


def git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t"}
    subprocess.run(["git", *args], cwd=repo, check=True, env=env, capture_output=True)


def try_repo(repo: Path, hooks: tuple[Path, Path], hook: str) -> subprocess.CompletedProcess[str]:
    source, home = hooks
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run([str(BIN / "pre-commit"), "try-repo", str(source), hook, "--verbose"],
                          cwd=repo, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture
def hooks(hook_repo: Path, pre_commit_home: Path) -> tuple[Path, Path]:
    return hook_repo, pre_commit_home


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_hooks_file_declares_both_hooks_for_whole_site_runs() -> None:
    by_id = {hook["id"]: hook for hook in HOOKS}
    assert set(by_id) == {"hugokit-check", "hugokit-build"}
    for hook in HOOKS:
        assert hook["pass_filenames"] is False and hook["language"] == "python"
    import re
    check_files, build_files = re.compile(by_id["hugokit-check"]["files"]), re.compile(by_id["hugokit-build"]["files"])
    assert check_files.search("data/publications.yaml") and check_files.search("content/mentors/a.md")
    assert build_files.search("data/topics.yaml") and build_files.search("content/publications.md")
    assert build_files.search("content/publication/alpa/index.md")
    assert not check_files.search("static/logo.png") and not build_files.search("static/logo.png")


def test_commit_with_a_bad_venue_is_refused_with_the_diagnostic(site_repo: Path, hooks: tuple[Path, Path]) -> None:
    edit(site_repo / "data/publications.yaml", "venue: OSDI 2022", "venue: OSDII 2022")
    git(site_repo, "add", "data/publications.yaml")
    result = try_repo(site_repo, hooks, "hugokit-check")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "hugokit check" in result.stdout and "Failed" in result.stdout
    assert 'error[unknown-venue] unknown venue "OSDII" (did you mean "OSDI"?' in result.stdout


def test_commit_with_a_stale_page_is_refused_and_the_page_fixed(site_repo: Path, hooks: tuple[Path, Path]) -> None:
    edit(site_repo / "data/publications.yaml", "venue: OSDI 2022", "venue: OSDI 2021")
    git(site_repo, "add", "data/publications.yaml")
    result = try_repo(site_repo, hooks, "hugokit-build")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "files were modified by this hook" in result.stdout
    assert 'venue="OSDI 2021"' in (site_repo / "content/publications.md").read_text()
    bundle = site_repo / "content/publication/zheng2022alpa/index.md"  # named by its id
    assert "publication_short: OSDI 2021" in bundle.read_text()  # the page bundle too
    assert "OSDI 2021" in (site_repo / "data/hugokit/publications.json").read_text()  # and the layouts' data

    git(site_repo, "add", "-A")
    again = try_repo(site_repo, hooks, "hugokit-build")
    assert again.returncode == 0, again.stdout + again.stderr


def test_clean_commit_passes(site_repo: Path, hooks: tuple[Path, Path]) -> None:
    edit(site_repo / "data/publications.yaml", "award: Jay Lepreau Best Paper Award", "award: Best Paper Award")
    subprocess.run([str(BIN / "hugokit"), "build", "--site", str(site_repo)], check=True, capture_output=True)
    git(site_repo, "add", "-A")
    for hook in ("hugokit-check", "hugokit-build"):
        result = try_repo(site_repo, hooks, hook)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "Passed" in result.stdout


def test_unrelated_commit_skips_the_hooks(site_repo: Path, hooks: tuple[Path, Path]) -> None:
    (site_repo / "static").mkdir()
    (site_repo / "static/notes.txt").write_text("hello\n")
    git(site_repo, "add", "-A")
    result = try_repo(site_repo, hooks, "hugokit-check")
    assert result.returncode == 0
    assert "(no files to check)Skipped" in result.stdout


def test_the_hooks_init_writes_for_a_site_in_a_subfolder_run_and_name_the_repository_path(
        tmp_path: Path, hooks: tuple[Path, Path]) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLE_SITE, repo / "website", ignore=shutil.ignore_patterns("public", "resources"))
    git(repo, "init", "-q", "-b", "main")
    init = subprocess.run([str(BIN / "hugokit"), "init", "--site", "website"], cwd=repo, capture_output=True,
                          text=True, timeout=120)
    assert "wrote .pre-commit-config.yaml" in init.stdout, init.stdout + init.stderr
    source, home = hooks
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=source, capture_output=True, text=True).stdout.strip()
    config = repo / ".pre-commit-config.yaml"
    edit(config, "repo: https://github.com/hugokit/hugokit", f"repo: {source}")  # this checkout, offline
    edit(config, "rev: v0.1.0", f"rev: {head}")
    edit(repo / "website/data/publications.yaml", "venue: OSDI 2022", "venue: OSDII 2022")
    git(repo, "add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    env.pop("GITHUB_ACTIONS", None)
    result = subprocess.run([str(BIN / "pre-commit"), "run", "hugokit-check"], cwd=repo, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 1, result.stdout + result.stderr
    line = next(n for n, text in enumerate((repo / "website/data/publications.yaml").read_text().splitlines(), 1)
                if "OSDII" in text)
    assert f"website/data/publications.yaml:{line}:10: error[unknown-venue]" in result.stdout
