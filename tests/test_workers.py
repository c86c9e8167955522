"""Work shared out among forked processes (hugokit.workers): the same results, in order, as one
process; what a worker raises reaches the caller after every worker has ended; a worker stops
when its parent is killed; a build --pages rendered by several processes writes the very files
one process writes; and file statuses looked up by several processes are those one finds."""
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from hugokit import workers
from conftest import hugokit, write

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


STARTED: list[int] = []


@pytest.fixture(autouse=True)
def watched(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every worker started is noted (see _no_children_left)."""
    start = workers._start
    STARTED.clear()

    def noted(*args, **kwargs):  # type: ignore[no-untyped-def]
        pid, fd = start(*args, **kwargs)
        STARTED.append(pid)
        return pid, fd

    monkeypatch.setattr(workers, "_start", noted)


@pytest.fixture
def forking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers for lists of a few items, three of them."""
    monkeypatch.setattr(workers, "MIN_ITEMS", 4)
    monkeypatch.setenv("HUGOKIT_WORKERS", "3")


def _no_children_left() -> bool:
    """Some worker was started, and every one has ended and was reaped."""
    for pid in STARTED:
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            continue
        return False
    return bool(STARTED)


def test_results_come_back_in_order_from_other_processes(forking: None) -> None:
    results = workers.mapped(lambda n: (n * n, os.getpid()), list(range(30)))
    assert [square for square, _ in results] == [n * n for n in range(30)]
    assert len({pid for _, pid in results}) == 3  # the parent and two workers
    assert results[0][1] == os.getpid()
    assert _no_children_left()


def test_short_lists_and_one_processor_stay_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "MIN_ITEMS", 4)
    assert {pid for pid in workers.mapped(lambda _: os.getpid(), [1, 2, 3])} == {os.getpid()}
    monkeypatch.setenv("HUGOKIT_WORKERS", "1")
    assert {pid for pid in workers.mapped(lambda _: os.getpid(), list(range(40)))} == {os.getpid()}
    monkeypatch.delattr(os, "fork")
    monkeypatch.delenv("HUGOKIT_WORKERS")
    assert workers.worker_count() == 1


def test_statuses_looked_up_by_several_processes_are_those_one_finds(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from hugokit import file_status

    paths = []
    for number in range(30):
        path = tmp_path / f"f{number}"
        path.write_text("x" * number)
        paths.append(os.fsencode(path) if number % 2 else str(path))
    alone = file_status.status_values(paths)
    assert alone is not None and len(alone) == 4 * 30 and not STARTED
    monkeypatch.setattr(file_status, "MANY_PATHS", 6)
    monkeypatch.setenv("HUGOKIT_WORKERS", "3")
    assert file_status.status_values(paths) == alone and len(STARTED) == 2
    (tmp_path / "f29").unlink()  # gone, in the last worker's slice
    assert file_status.status_values(paths) is None and _no_children_left()


def test_a_workers_exception_is_raised_after_every_worker_ended(forking: None) -> None:
    def failing(n: int) -> int:
        if n == 25:
            raise ValueError(f"item {n} is bad")
        return n

    with pytest.raises(ValueError, match="item 25 is bad"):
        workers.mapped(failing, list(range(30)))
    assert _no_children_left()


def test_an_exception_that_cannot_be_pickled_arrives_as_its_text(forking: None) -> None:
    class Local(Exception):  # defined here: pickle cannot find it by name
        pass

    def failing(n: int) -> int:
        if n == 29:
            raise Local("unpicklable")
        return n

    with pytest.raises(RuntimeError, match="unpicklable"):
        workers.mapped(failing, list(range(30)))
    assert _no_children_left()


def test_a_worker_that_dies_is_an_error_not_a_short_result(forking: None) -> None:
    def dying(n: int) -> int:
        if n == 29:
            os._exit(3)
        return n

    with pytest.raises(RuntimeError, match="ended without its result"):
        workers.mapped(dying, list(range(30)))
    assert _no_children_left()


def test_a_worker_stops_when_its_parent_is_killed(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    script = textwrap.dedent(f"""
        import os, sys, time
        sys.path.insert(0, {str(Path(__file__).resolve().parents[1])!r})
        from hugokit import workers
        workers.MIN_ITEMS = 2
        os.environ["HUGOKIT_WORKERS"] = "2"
        def slow(n):
            with open({str(pids)!r}, "a") as out:
                out.write(f"{{os.getpid()}} {{n}}\\n")
            time.sleep(0.2)
            return n
        workers.mapped(slow, list(range(200)))
    """)
    parent = subprocess.Popen([sys.executable, "-c", script])
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and len({line.split()[0] for line in _lines(pids)}) < 2:
        time.sleep(0.05)
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    worker = next(int(pid) for pid in {line.split()[0] for line in _lines(pids)} if int(pid) != parent.pid)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and _alive(worker):
        time.sleep(0.05)
    assert not _alive(worker)
    done = [line for line in _lines(pids) if int(line.split()[0]) == worker]
    assert len(done) < 20  # it stopped after the item it was on, not at the end of its 100


def _lines(path: Path) -> list[str]:
    return path.read_text().splitlines() if path.exists() else []


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie (reparented, not yet reaped) has stopped working too
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except (OSError, IndexError):
        return True


def test_bundles_rendered_by_several_processes_are_what_one_process_writes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    database = "".join(f'- title: "Paper {n}: on É and {{braces}}"\n  authors: ["Ada Lovelace*", "Zoë Ng"]\n'
                       f"  venue: OSDI {2000 + n % 20}\n  year: {2000 + n % 20}\n  topics: [T]\n"
                       for n in range(40))
    monkeypatch.setattr(workers, "MIN_ITEMS", 4)
    trees = []
    for count in ("1", "3"):
        root = tmp_path / f"site-{count}"
        write(root / "data/publications.yaml", database)
        write(root / "data/topics.yaml", "- T\n")
        monkeypatch.setenv("HUGOKIT_WORKERS", count)
        result = hugokit("build", "--pages", "--site", root)
        assert result.exit_code == 0, result.output
        bundles = root / "content/publication"
        trees.append({p.relative_to(bundles).as_posix(): p.read_bytes() for p in sorted(bundles.rglob("*"))
                      if p.is_file()} | {"layout data": (root / "data/hugokit/publications.json").read_bytes()})
    assert len(trees[0]) == 81
    assert trees[0] == trees[1]
    assert _no_children_left()
