"""File statuses (inode, size, modification and change time) as the run cache compares them:
all of a run's paths in one pass, and trusted only when a file changed clearly before it was read."""
from __future__ import annotations

import os
from array import array
from itertools import chain
from operator import attrgetter
from typing import TYPE_CHECKING, Iterable, Sequence

if TYPE_CHECKING:
    from hashlib import blake2b
else:
    try:  # built in, and 3× faster than the built-in SHA-256 on the 2 MB of a large site's statuses
        from _blake2 import blake2b
    except ImportError:
        from hashlib import blake2b

RACY_NS = 20_000_000  # a file changed less than this before it was read may change again unseen
RACY_COARSE_NS = 2_000_000_000  # the same, for times in whole seconds (FAT, some network file systems)
_INODE_BITS = (1 << 63) - 1  # what fits a signed 64-bit slot of the status array
_STATUS = attrgetter("st_ino", "st_size", "st_mtime_ns", "st_ctime_ns")
UNTRUSTED = (0, 0, 0, 0)


MANY_PATHS = 10_000  # from this many paths on, processes share the stat calls (workers.in_slices)


def status_values(paths: Sequence[str | bytes]) -> array[int] | None:
    """Every path's status, four numbers each, or None when one is gone: the unchanged run's one
    pass (the loops run in C: 60,000 paths for 20,000 page bundles). The system calls are most of
    its time, and processes make them side by side: a long list is shared out."""
    if len(paths) >= MANY_PATHS:
        from hugokit.workers import in_slices

        parts = in_slices(_in_one_part, paths, MANY_PATHS)
        if any(part is None for part in parts):
            return None
        return array("q", b"".join(part.tobytes() for part in parts if part is not None))
    return _status_values(paths)


def _in_one_part(paths: Sequence[str | bytes]) -> list[array[int] | None]:
    return [_status_values(paths)]


def _status_values(paths: Sequence[str | bytes]) -> array[int] | None:
    try:
        return array("q", chain.from_iterable(map(_STATUS, map(os.stat, paths))))
    except OverflowError:  # an inode beyond 63 bits: masked, as trusted_statuses stores it
        values = array("q")
        for path in paths:
            try:
                info = os.stat(path)
            except OSError:
                return None
            values.extend((info.st_ino & _INODE_BITS, info.st_size, info.st_mtime_ns, info.st_ctime_ns))
        return values
    except OSError:
        return None


def trusted_statuses(paths: Iterable[str], read_at: int | None) -> tuple[array[int], bool]:
    """Every path's status, with zeros for one that is missing or too recent to be trusted
    (changed within a clock tick of read_at, time.time_ns() taken before the files were read;
    None: every status as it is); and whether all were trusted."""
    values = array("q")
    fine, coarse = (1 << 62, 1 << 62) if read_at is None else (read_at - RACY_NS, read_at - RACY_COARSE_NS)
    trusted = True
    for path in paths:
        try:
            info = os.stat(path)
        except OSError:
            values.extend(UNTRUSTED)
            trusted = False
            continue
        changed = info.st_ctime_ns
        if changed >= fine or (changed >= coarse and changed % 1_000_000_000 == 0):
            values.extend(UNTRUSTED)
            trusted = False
        else:
            values.extend((info.st_ino & _INODE_BITS, info.st_size, info.st_mtime_ns, changed))
    return values, trusted


def status_digest(values: array[int]) -> str:
    return str(blake2b(values.tobytes(), digest_size=32).hexdigest())


def absent(path: str) -> bool:
    try:
        os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return True
    except OSError:
        return False  # there, but unreadable: not as recorded
    return False
