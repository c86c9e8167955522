"""Two commands that write one site run one after the other (hugokit.writeback.site_lock): the
second waits, or says which process holds the site; a holder killed with kill -9 holds nothing."""
from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import hugokit, write

HOLD = """
import sys
from pathlib import Path
from hugokit.writeback import site_lock
with site_lock(Path(sys.argv[1]), print):
    print("held", flush=True)
    sys.stdin.readline()
"""


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HUGOKIT_CACHE_DIR", str(tmp_path / "cache"))
    write(tmp_path / "site/data/publications.yaml",
          '- {title: "X", year: 2020, venue: OSDI 2020, authors: [A B], topics: [T]}\n')
    write(tmp_path / "site/data/topics.yaml", "- T\n")
    return tmp_path / "site"


def _holder(site: Path) -> subprocess.Popen[str]:
    """Another process holding the site's lock until it reads a line (or is killed)."""
    process = subprocess.Popen([sys.executable, "-c", HOLD, str(site)], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stdout.readline() == "held\n"
    return process


def _build(site: Path, wait: float) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "hugokit", "build", "--site", str(site)],
                            env={**os.environ, "HUGOKIT_LOCK_WAIT": str(wait)},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_a_command_that_writes_waits_for_the_one_writing_the_site(site: Path, tmp_path: Path) -> None:
    holder = _holder(site)
    with open(tmp_path / "stderr", "w+") as stderr:
        build = subprocess.Popen([sys.executable, "-m", "hugokit", "build", "--site", str(site)],
                                 env={**os.environ, "HUGOKIT_LOCK_WAIT": "60"}, stderr=stderr, text=True)
        note = f"note: another hugokit (pid {holder.pid}) is writing this site; waiting up to 60 s\n"
        for _ in range(600):
            if (tmp_path / "stderr").read_text() == note:
                break
            time.sleep(0.05)
        assert (tmp_path / "stderr").read_text() == note  # waiting, having written nothing:
        assert build.poll() is None and not (site / "content/publications.md").exists()
        assert holder.communicate("\n", timeout=10)[0] == ""
        assert build.wait(timeout=60) == 0, (tmp_path / "stderr").read_text()
    assert (site / "content/publications.md").read_text().count("{{< publication ") == 1
    assert not (site / ".hugokit.lock").exists()


def test_after_the_wait_it_says_which_process_holds_the_site_and_writes_nothing(site: Path) -> None:
    holder = _holder(site)
    try:
        for command in (["build"], ["build", "--pages"], ["fix"], ["check", "--fix"], ["import", "x.json"]):
            run = subprocess.run([sys.executable, "-m", "hugokit", *command, "--site", str(site)],
                                 env={**os.environ, "HUGOKIT_LOCK_WAIT": "0.2"}, capture_output=True, text=True)
            assert run.returncode == 2, command
            assert run.stdout.splitlines()[0] == (
                f"{site}/.hugokit.lock:1:1: error[site-busy] another hugokit (pid {holder.pid}) is writing this "
                "site; nothing was done (run the command again when that one has finished, or set "
                "HUGOKIT_LOCK_WAIT to wait longer)"), run.stdout
        assert not (site / "content").exists()
        assert hugokit("check", "--site", site).exit_code == 0  # reading needs no lock
    finally:
        holder.communicate("\n", timeout=10)


def test_a_holder_killed_with_kill_9_leaves_no_lock_behind(site: Path) -> None:
    holder = _holder(site)
    assert (site / ".hugokit.lock").read_text() == f"{holder.pid}\n"
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=10)
    assert (site / ".hugokit.lock").exists()  # the file stays; the kernel released the lock
    started = time.perf_counter()
    run = _build(site, 60)
    out, err = run.communicate(timeout=60)
    assert run.returncode == 0 and "note:" not in err, err
    assert time.perf_counter() - started < 10
    assert not (site / ".hugokit.lock").exists()  # removed by the run that took it next


@pytest.mark.parametrize("refusal", [errno.EROFS, errno.EACCES])
def test_a_site_that_cannot_hold_a_lock_file_runs_unlocked(site: Path, monkeypatch: pytest.MonkeyPatch,
                                                          refusal: int) -> None:
    """A read-only site (or folder): build --check still answers, and a build that has nothing to
    write succeeds; a lock would protect no write there."""
    assert hugokit("build", "--site", site).exit_code == 0
    real_open = os.open

    def refusing_open(path: str | Path, flags: int, mode: int = 0o777) -> int:
        if str(path).endswith(".hugokit.lock"):
            raise OSError(refusal, os.strerror(refusal), str(path))
        return real_open(path, flags, mode)

    monkeypatch.setattr(os, "open", refusing_open)
    assert hugokit("build", "--check", "--site", site).exit_code == 0
    assert hugokit("build", "--site", site).exit_code == 0
    assert hugokit("fix", "--site", site).exit_code == 0
