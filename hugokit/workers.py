"""Spreading work on a long list over the machine's processors.

Rendering 20,000 page bundles takes seconds of one processor, and looking up the statuses of
their 40,000 files a tenth of a second of system calls, which processors make side by side too.
in_slices() forks worker processes that each take a contiguous slice of the list (the parent
takes the first), and gathers their results in order through pipes; mapped() is the same, item
by item. Forked workers share the parent's memory as it is (the loaded site, any test's
patches), so no function is pickled, only results: the work must be pure (it returns what it
makes; it writes no file). What a worker raises is raised in the parent once every worker has
ended, so none outlives the call; a worker of mapped() whose parent is gone (killed) stops
before its next item.
"""
from __future__ import annotations

import os
import pickle
from collections.abc import Callable, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

MIN_ITEMS = 2_000  # below this many items, forking costs more than it saves
MAX_WORKERS = 8


def worker_count() -> int:
    """How many processes share a long list's work: the processors this process may run on (at
    most MAX_WORKERS), or HUGOKIT_WORKERS; 1 where processes cannot be forked."""
    if not hasattr(os, "fork"):
        return 1
    wanted = os.environ.get("HUGOKIT_WORKERS", "")
    if wanted.isdigit() and int(wanted) >= 1:
        return min(int(wanted), 64)
    try:
        processors = len(os.sched_getaffinity(0))
    except AttributeError:  # macOS
        processors = os.cpu_count() or 1
    return max(1, min(processors, MAX_WORKERS))


def mapped(function: Callable[[Item], Result], items: Sequence[Item]) -> list[Result]:
    """[function(item) for item in items], the items shared out among worker processes when
    there are at least MIN_ITEMS of them and more than one processor."""
    parent = os.getpid()

    def each(part: Sequence[Item]) -> list[Result]:
        results = []
        for item in part:
            if os.getpid() != parent and os.getppid() != parent:
                os._exit(1)  # a worker whose parent was killed: what is done stays, nothing more is begun
            results.append(function(item))
        return results

    return in_slices(each, items, MIN_ITEMS)


def in_slices(work: Callable[[Sequence[Item]], list[Result]], items: Sequence[Item],
              min_items: int) -> list[Result]:
    """work(items), as the concatenation of work on contiguous slices of them, each but the first
    in a worker process, when there are at least min_items and more than one processor."""
    workers = min(worker_count(), len(items) // max(1, min_items // 2))
    if workers <= 1 or len(items) < min_items:
        return work(items)
    size = -(-len(items) // workers)
    slices = [items[start:start + size] for start in range(0, len(items), size)]
    children = [_start(work, part) for part in slices[1:]]
    gathered: list[list[Result] | BaseException] = []
    try:
        gathered.append(work(slices[0]))
    except BaseException as exc:  # raised once the workers have ended
        gathered.append(exc)
    gathered += [_result(pid, fd) for pid, fd in children]
    for part in gathered:
        if isinstance(part, BaseException):
            raise part
    return [result for part in gathered for result in part]  # type: ignore[union-attr]


def _start(work: Callable[[Sequence[Item]], list[Result]], items: Sequence[Item]) -> tuple[int, int]:
    """A forked worker computing work(items); its pid and the pipe it answers on."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write_end)
        return pid, read_end
    status = 1
    try:  # the worker: never returns to the caller's code, never runs its clean-ups
        os.close(read_end)
        answer: tuple[bool, object]
        try:
            answer = (True, work(items))
        except BaseException as exc:
            answer = (False, exc)
        try:
            data = pickle.dumps(answer, pickle.HIGHEST_PROTOCOL)
        except Exception:  # an exception that cannot be pickled: its text reaches the parent
            data = pickle.dumps((False, RuntimeError(repr(answer[1]))), pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(data)
        status = 0
    finally:
        os._exit(status)


def _result(pid: int, fd: int) -> list[Result] | BaseException:
    with os.fdopen(fd, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    try:
        succeeded, value = pickle.loads(data)
    except Exception:
        return RuntimeError(f"a hugokit worker process ended without its result (wait status {status})")
    if succeeded and isinstance(value, list):
        return value
    return value if isinstance(value, BaseException) else RuntimeError(f"a hugokit worker answered {value!r}")
