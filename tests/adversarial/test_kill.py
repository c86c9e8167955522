"""A build --pages and an import merge of 20,000 entries killed at random points leave, for every
file, the old or the new version (never a mix, never half a file), and the next run recovers: it
finishes the job and removes what the killed one left behind. Trees are compared by digest, in
one pass each (a 20,000-entry site holds 35,000 files)."""
from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import pytest

from conftest import write
from hugokit.writeback import LEFTOVER_PREFIX, LOCK_NAME

LARGE = 20_000   # the kill tests proper
SMALL = 1_000    # concurrent runs: several rounds, so fewer entries
KILLS = 3        # one in each third of what an uninterrupted run takes


@pytest.fixture
def large_tmp(tmp_path: Path) -> Iterator[Path]:
    """tmp_path, emptied afterwards: a 20,000-entry site is 40,000 files that pytest would keep."""
    yield tmp_path
    shutil.rmtree(tmp_path, ignore_errors=True)


def _database(version: int, entries: int) -> str:
    return "".join(f'- {{title: "Paper {i}", year: {2000 + i % 20}, venue: OSDI {2000 + i % 20}, '
                   f'authors: [A B], topics: [T], abstract: "v{version}"}}\n' for i in range(entries) if i % 7 != version)


def _digests(root: Path) -> dict[str, str]:
    """Every file under root (hidden ones too) -> the digest of its bytes."""
    found = {}
    for folder, _, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            with open(path, "rb") as handle:
                found[os.path.relpath(path, root).replace(os.sep, "/")] = hashlib.blake2b(handle.read()).hexdigest()
    return found


def _hugokit(site: Path, cache: Path, *args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "HUGOKIT_CACHE_DIR": str(cache)}
    return subprocess.Popen([sys.executable, "-m", "hugokit", *args, "--site", str(site)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _finished(site: Path, cache: Path, *args: str) -> float:
    started = time.perf_counter()
    assert _hugokit(site, cache, *args).wait(timeout=600) == 0
    return time.perf_counter() - started


def _killed(site: Path, cache: Path, delay: float, *args: str) -> bool:
    """Runs the command and kills it (SIGKILL) after delay seconds; True if it was still running."""
    process = _hugokit(site, cache, *args)
    time.sleep(delay)
    running = process.poll() is None
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    return running


def _kill_times(start: float, end: float, randomly: random.Random) -> list[float]:
    """One moment in each of KILLS equal stretches from start to end (seconds into a run)."""
    stretch = (end - start) / KILLS
    return [randomly.uniform(max(0.05, start + stretch * k), start + stretch * (k + 1)) for k in range(KILLS)]


def _temporary(files: dict[str, str]) -> set[str]:
    """What a killed run may leave: a hidden temporary file, or a bundle still being written in
    its hidden folder (hugokit.writeback.LEFTOVER_PREFIX); Hugo reads neither, the next run
    removes both."""
    return {p for p in files if p.rsplit("/", 1)[-1].startswith(".") and p.endswith(".tmp")
            or any(part.startswith(LEFTOVER_PREFIX) for part in p.split("/")[:-1])}


def _old_or_new(now: dict[str, str], old: dict[str, str], new: dict[str, str]) -> None:
    temporary = _temporary(now)
    mixed = [p for p, found in now.items() if p not in temporary and found not in (old.get(p), new.get(p))]
    assert not mixed, mixed[:10]


def _measured(site: Path, cache: Path, *args: str) -> tuple[float, float]:
    """Runs the command uninterrupted: (seconds until it replaced content/publications.md, the
    first file a build writes; seconds until it finished)."""
    page = site / "content/publications.md"
    before = page.stat().st_ino
    started = time.perf_counter()
    process = _hugokit(site, cache, *args)
    writing = None
    while process.poll() is None:
        if writing is None and page.stat().st_ino != before:
            writing = time.perf_counter() - started
        time.sleep(0.01)
    assert process.returncode == 0
    duration = time.perf_counter() - started
    return writing or 0.0, duration


def test_a_killed_build_of_20000_pages_leaves_old_or_new_files(large_tmp: Path) -> None:
    """Killed while it writes (a kill before that leaves the old files, trivially), then run
    again; each time back and forth between two versions, on one site with its cache."""
    randomly = random.Random(1)
    site, cache = large_tmp / "site", large_tmp / "cache"
    write(site / "data/topics.yaml", "- T\n")
    write(site / "data/publications.yaml", _database(1, LARGE))
    _finished(site, cache, "build", "--pages")
    trees = {1: _digests(site / "content")}
    write(site / "data/publications.yaml", _database(2, LARGE))
    writing, duration = _measured(site, cache, "build", "--pages")
    trees[2] = _digests(site / "content")
    interrupted = []
    for round, delay in enumerate(_kill_times(writing, duration, randomly)):
        start, goal = (2, 1) if round % 2 == 0 else (1, 2)
        write(site / "data/publications.yaml", _database(goal, LARGE))
        interrupted.append(_killed(site, cache, delay, "build", "--pages"))
        _old_or_new(_digests(site / "content"), trees[start], trees[goal])
        _finished(site, cache, "build", "--pages")  # the next run recovers (and takes the site's lock)
        assert _digests(site / "content") == trees[goal]
        assert not (site / LOCK_NAME).exists()
    assert any(interrupted)


def test_a_killed_merge_of_20000_entries_leaves_the_old_or_the_new_database(large_tmp: Path) -> None:
    randomly = random.Random(2)
    site, cache = large_tmp / "site", large_tmp / "cache"
    old = _database(1, LARGE).encode()
    source = write(large_tmp / "in.json", json.dumps([{"title": f"Paper {i}", "year": 2000 + i % 20,
                                                       "code": f"https://c.org/{i}"} for i in range(0, 2 * LARGE, 2)]))
    (site / "data").mkdir(parents=True)
    (site / "data/publications.yaml").write_bytes(old)
    duration = _finished(site, cache, "import", str(source))
    new = (site / "data/publications.yaml").read_bytes()
    assert new != old
    interrupted = []
    for delay in _kill_times(0.0, duration, randomly):
        (site / "data/publications.yaml").write_bytes(old)
        interrupted.append(_killed(site, cache, delay, "import", str(source)))
        files = _digests(site / "data")
        assert files["publications.yaml"] in (hashlib.blake2b(old).hexdigest(), hashlib.blake2b(new).hexdigest())
        assert set(files) - _temporary(files) == {"publications.yaml"}, files
        _finished(site, cache, "import", str(source))  # the next run recovers (a merge done already changes nothing)
        assert (site / "data/publications.yaml").read_bytes() == new
        assert os.listdir(site / "data") == ["publications.yaml"]
    assert any(interrupted)


def test_two_concurrent_builds_of_the_pages_run_one_after_the_other(tmp_path: Path) -> None:
    """Each with a cache of its own: the site's lock (hugokit.writeback.site_lock) is in the site."""
    randomly = random.Random(3)
    site = tmp_path / "site"
    write(site / "data/topics.yaml", "- T\n")
    for round in range(5):
        write(site / "data/publications.yaml", _database(randomly.randrange(7), SMALL))
        runs = [subprocess.Popen([sys.executable, "-m", "hugokit", "build", "--pages", "--force", "--site", str(site)],
                                 env={**os.environ, "HUGOKIT_CACHE_DIR": str(tmp_path / f"cache-{n}")},
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE) for n in range(2)]
        for process in runs:
            out, err = process.communicate(timeout=300)
            assert process.returncode == 0, err
        reference = tmp_path / f"reference-{round}"
        shutil.copytree(site / "data", reference / "data")
        _finished(reference, tmp_path / "cache-reference", "build", "--pages", "--force")
        assert _digests(site / "content") == _digests(reference / "content")
