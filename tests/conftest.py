from __future__ import annotations

import contextlib
import io
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

from hugokit.__main__ import run

# Runs keep their cache out of the user's ~/.cache, in one folder for the session.
os.environ.setdefault("HUGOKIT_CACHE_DIR", tempfile.mkdtemp(prefix="hugokit-cache-"))
# In CI, property tests replay a fixed sequence of examples so that a run is reproducible; on a
# developer's machine they explore new ones each time.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
SEED_PAGE = FIXTURES / "seed-publications.md"
EXAMPLE_SITE = REPO / "examples" / "site"


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def hugokit(*args: str | Path) -> Run:
    """Runs a hugokit command line in-process, through the entry point's own path (hugokit.argv's
    reading, else click's), and returns its exit code and output. Exceptions propagate: a
    traceback fails the test.

    With `--site DIR` it runs inside DIR, as a user at the site's root would: paths are shown
    relative to the current folder, so they read as the site's own (data/publications.yaml).
    """
    argv = [str(a) for a in args]
    folder = Path(argv[argv.index("--site") + 1]) if "--site" in argv[:-1] else None
    previous = os.getcwd()
    if folder is not None and folder.is_dir():
        argv[argv.index("--site") + 1] = "."
        os.chdir(folder)
    stdout, stderr = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            code = run(argv)
    finally:
        os.chdir(previous)
    return Run(code, stdout.getvalue(), stderr.getvalue())


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """An empty Hugo site folder with the seed page in content/."""
    (tmp_path / "content").mkdir()
    (tmp_path / "data").mkdir()
    shutil.copy(SEED_PAGE, tmp_path / "content" / "publications.md")
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def small_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, database: str) -> Path:
    """A site with this database, the one topic T and an about page, using its own cache folder
    (the run cache's tests)."""
    monkeypatch.setenv("HUGOKIT_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "site"
    write(root / "data/publications.yaml", database)
    write(root / "data/topics.yaml", "- T\n")
    write(root / "content/about.md", "---\ntitle: About\n---\n")
    return root


def git(cwd: Path, *args: str) -> str:
    """Runs git in cwd with a fixed identity and no user or system configuration."""
    import subprocess

    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def commit_all(repo: Path) -> Path:
    """Makes repo a git repository with everything in it committed (as a checkout in CI)."""
    if not (repo / ".git").exists():
        git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "commit")
    return repo


def cache_files(cache: Path) -> list[tuple[Path, dict, str]]:
    """Every JSON file of a cache folder: its path, its (first) JSON value, and what follows its
    first line (a run entry's per-path data; empty for other files)."""
    import json

    found = []
    for path in sorted(cache.glob("*.json")):
        first, _, rest = path.read_text(encoding="utf-8").partition("\n")
        found.append((path, json.loads(first), rest))
    return found


def rewrite_cache_file(path: Path, value: object, rest: str) -> None:
    import json

    path.write_text(json.dumps(value) + ("\n" + rest if rest else ""), encoding="utf-8")
