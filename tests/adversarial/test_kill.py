"""A build --pages and an import merge killed at random points leave, for every file, the old
or the new version (never a mix, never half a file), and the next run recovers: it finishes
the job and removes what the killed one left behind."""
from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import write
from hugokit.writeback import LEFTOVER_PREFIX

ENTRIES = 1000
KILLS = 3


def _database(version: int) -> str:
    return "".join(f'- {{title: "Paper {i}", year: {2000 + i % 20}, venue: OSDI {2000 + i % 20}, '
                   f'authors: [A B], topics: [T], abstract: "v{version}"}}\n' for i in range(ENTRIES) if i % 7 != version)


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _hugokit(site: Path, cache: Path, *args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "HUGOKIT_CACHE_DIR": str(cache)}
    return subprocess.Popen([sys.executable, "-m", "hugokit", *args, "--site", str(site)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _finished(site: Path, cache: Path, *args: str) -> float:
    started = time.perf_counter()
    assert _hugokit(site, cache, *args).wait(timeout=300) == 0
    return time.perf_counter() - started


def _killed(site: Path, cache: Path, delay: float, *args: str) -> None:
    process = _hugokit(site, cache, *args)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)


def _temporary(files: dict[str, bytes]) -> list[str]:
    """What a killed run may leave: a hidden temporary file, or a bundle still being written in
    its hidden folder (hugokit.writeback.LEFTOVER_PREFIX); Hugo reads neither, the next run
    removes both."""
    return [p for p in files if p.rsplit("/", 1)[-1].startswith(".") and p.endswith(".tmp")
            or any(part.startswith(LEFTOVER_PREFIX) for part in p.split("/")[:-1])]


def test_a_killed_build_of_the_pages_leaves_old_or_new_files(tmp_path: Path) -> None:
    randomly = random.Random(1)
    site, cache = tmp_path / "site", tmp_path / "cache"
    write(site / "data/topics.yaml", "- T\n")
    write(site / "data/publications.yaml", _database(1))
    _finished(site, cache, "build", "--pages")
    old = _files(site / "content")
    reference = tmp_path / "reference"
    shutil.copytree(site, reference)
    write(reference / "data/publications.yaml", _database(2))
    duration = _finished(reference, tmp_path / "cache-reference", "build", "--pages", "--force")
    new = _files(reference / "content")
    for _ in range(KILLS):
        write(site / "data/publications.yaml", _database(2))
        _killed(site, cache, randomly.uniform(0.05, duration), "build", "--pages")
        now = _files(site / "content")
        for path, data in now.items():
            if path not in _temporary(now):
                assert data in (old.get(path), new.get(path)), path
        assert set(now) - set(_temporary(now)) <= set(old) | set(new)
        _finished(site, cache, "build", "--pages")  # the next run recovers
        assert _files(site / "content") == new
        write(site / "data/publications.yaml", _database(1))
        _finished(site, cache, "build", "--pages")
        assert _files(site / "content") == old


def test_a_killed_merge_leaves_the_old_or_the_new_database(tmp_path: Path) -> None:
    randomly = random.Random(2)
    site, cache = tmp_path / "site", tmp_path / "cache"
    old = _database(1)
    source = write(tmp_path / "in.json", json.dumps([{"title": f"Paper {i}", "year": 2000 + i % 20,
                                                      "code": f"https://c.org/{i}"} for i in range(0, 2 * ENTRIES, 2)]))
    reference = tmp_path / "reference"
    write(reference / "data/publications.yaml", old)
    duration = _finished(reference, tmp_path / "cache-reference", "import", str(source))
    new = (reference / "data/publications.yaml").read_bytes()
    for _ in range(KILLS):
        write(site / "data/publications.yaml", old)
        _killed(site, cache, randomly.uniform(0.05, duration), "import", str(source))
        files = _files(site / "data")
        assert files["publications.yaml"] in (old.encode(), new)
        assert all(p == "publications.yaml" or p.startswith(".") and p.endswith(".tmp") for p in files), files
        if files["publications.yaml"] == old.encode():
            _finished(site, cache, "import", str(source))  # the next run recovers
        assert (site / "data/publications.yaml").read_bytes() == new
        assert not [p for p in os.listdir(site / "data") if p.endswith(".tmp")]


def test_two_concurrent_builds_of_the_pages_never_crash_and_leave_a_sound_site(tmp_path: Path) -> None:
    randomly = random.Random(3)
    site = tmp_path / "site"
    write(site / "data/topics.yaml", "- T\n")
    for round in range(3):
        write(site / "data/publications.yaml", _database(randomly.randrange(7)))
        runs = [subprocess.Popen([sys.executable, "-m", "hugokit", "build", "--pages", "--force", "--site", str(site)],
                                 env={**os.environ, "HUGOKIT_CACHE_DIR": str(tmp_path / f"cache-{n}")},
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE) for n in range(2)]
        for process in runs:
            out, err = process.communicate(timeout=300)
            assert process.returncode in (0, 2), err  # 2: one line naming what the other run took away
            assert b"Traceback" not in err
        _finished(site, tmp_path / "cache-0", "build", "--pages", "--force")
        reference = tmp_path / f"reference-{round}"
        shutil.copytree(site / "data", reference / "data")
        _finished(reference, tmp_path / "cache-reference", "build", "--pages", "--force")
        assert _files(site / "content") == _files(reference / "content")
