"""A file's text in the last commit of the git repository holding the site, read with git's
plumbing (`git cat-file blob HEAD:./path`), which only reads.

No repository, no commit yet, or a file not in the last commit are ordinary answers (no text).
Anything that stops git from answering a repository that is there — git not installed, a
timeout, a damaged repository, or git refusing a repository owned by another user — is said
(Committed.unavailable), so that a refusal built on it can say why and how to fix it.

A repository owned by another user is what CI containers, a checkout mounted into Docker and
shared runners give; git refuses it ("dubious ownership", CVE-2022-24765) unless it is listed in
safe.directory. The attack it guards against is a repository someone else planted above your
files (/tmp/.git). hugokit trusts, for its read-only command alone (`-c safe.directory=<top>`),
a repository that belongs to whoever owns the site folder: the site's own checkout, which
hugokit and Hugo read and run anyway. Any other is refused, and said.
"""

import os
import re
from pathlib import Path
from typing import NamedTuple

TIMEOUT = 20  # seconds
# Answers that mean "no such version", not "git failed" (git speaks English under LC_ALL=C).
_ABSENT = ("does not exist in", "exists on disk, but not in", "not a valid object name", "invalid object name",
           "bad revision", "ambiguous argument", ": bad file")  # the last: a folder there
# What a git hook is given to find its repository (GIT_INDEX_FILE relative to its top): git is
# to find the site's own repository from the site folder, whichever hook or folder hugokit runs in.
_LOCATING = {"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_OBJECT_DIRECTORY",
             "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_PREFIX", "GIT_NAMESPACE"}
_DUBIOUS = re.compile(r"detected dubious ownership in repository at '(.+?)'")


class Committed(NamedTuple):
    text: str | None          # the file as committed; None when there is none or git could not say
    unavailable: str = ""     # why git could not answer; "" when it answered
    fix: str = ""             # what makes it answer


def committed(root: Path, relative: str) -> Committed:
    """relative's text (a path inside the site folder root) in the last commit of the repository
    holding root, if there is one."""
    done = _cat_file(root, relative, [])
    if isinstance(done, Committed):
        return done
    code, out, err = done
    refused = _DUBIOUS.search(err)
    if code != 0 and refused:
        top = refused.group(1)
        if not _same_owner(root, top):
            return Committed(None, f"git refuses to read the repository at {top}: it belongs to another user than "
                                   "the site folder", f"if you trust it: git config --global --add safe.directory {top}")
        done = _cat_file(root, relative, ["-c", f"safe.directory={top}"])
        if isinstance(done, Committed):
            return done
        code, out, err = done
        if code != 0 and _DUBIOUS.search(err):  # a git too old to take safe.directory from the command line
            return Committed(None, f"git refuses to read the repository at {top}: it belongs to another user",
                             f"if you trust it: git config --global --add safe.directory {top}")
    if code == 0:
        try:
            return Committed(out.decode("utf-8"))
        except UnicodeDecodeError:
            return Committed(None)  # not a text hugokit wrote: it cannot be hugokit's own
    if "not a git repository" in err.lower() or any(absent in err.lower() for absent in _ABSENT):
        return Committed(None)
    lines = [line.strip() for line in err.splitlines() if line.strip()]
    said = next((line for line in reversed(lines) if line.startswith("fatal:")), lines[0] if lines else f"exit {code}")
    return Committed(None, f"git could not read the last commit: {said[:200]}", "git fsck names what is damaged")


def _cat_file(root: Path, relative: str, options: list[str]) -> tuple[int, bytes, str] | Committed:
    """git's (exit status, output, error text), or why git could not be run."""
    import subprocess  # here: a hook's check never runs git

    env = {name: value for name, value in os.environ.items() if name not in _LOCATING}
    env.update(LC_ALL="C", LANGUAGE="C", GIT_TERMINAL_PROMPT="0")
    try:
        done = subprocess.run(["git", *options, "-C", str(root), "cat-file", "blob", f"HEAD:./{relative}"],
                              capture_output=True, timeout=TIMEOUT, check=False, stdin=subprocess.DEVNULL, env=env)
    except FileNotFoundError:
        if _in_repository(root):
            return Committed(None, "the site is in a git repository, but git is not installed (not on PATH)",
                             "install git")
        return 128, b"", "not a git repository"  # no git and no repository: nothing to ask
    except subprocess.TimeoutExpired:
        return Committed(None, f"git did not answer within {TIMEOUT} s", "run git status there to see why")
    except OSError as exc:
        return Committed(None, f"git could not be run: {exc.strerror or exc}", "check that git runs")
    return done.returncode, done.stdout, done.stderr.decode("utf-8", "replace")


def _in_repository(root: Path) -> bool:
    """Whether root or a folder above it holds .git (as git looks for it)."""
    return any((folder / ".git").exists() for folder in (root.resolve(), *root.resolve().parents))


def _same_owner(root: Path, top: str) -> bool:
    """Whether the repository top git named belongs to whoever owns the site folder, and holds it."""
    try:
        site, repository = root.resolve(), Path(top).resolve()
        return (repository == site or repository in site.parents) and \
            os.stat(repository).st_uid == os.stat(site).st_uid
    except OSError:
        return False
