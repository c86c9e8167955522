"""The one place that writes files: atomically, and only when the content changed.

Every command that makes files says how with one WriteBack value (write them, only check them,
or show their diff), and hands it here."""

import errno
import os
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import NamedTuple

from hugokit.regular_files import open_regular, read_bytes


class WriteBack(Enum):
    WRITE = "write"   # write what changed
    CHECK = "check"   # write nothing; report what would change
    DIFF = "diff"     # write nothing; report what would change, with a unified diff

    @classmethod
    def choose(cls, *, check: bool = False, diff: bool = False) -> "WriteBack":
        """The value of a command's --check / --diff / --dry-run flags (--diff implies --check)."""
        return cls.DIFF if diff else cls.CHECK if check else cls.WRITE

    @property
    def writes(self) -> bool:
        return self is WriteBack.WRITE


class Outcome(NamedTuple):
    shown: str        # the path as the user sees it (relative to the site)
    changed: bool     # the file on disk differs (or is missing, or is to be removed)
    written: bool
    diff: str


def unified_diff(old: str, new: str, shown: str) -> str:
    import difflib

    return "".join(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                        f"a/{shown}", f"b/{shown}"))


def atomic_write(path: Path, text: str | bytes, *, durable: bool = True) -> None:
    """Replaces path with text (UTF-8) or bytes in one step; a crash leaves the old file or the
    new, never half.

    durable also waits for the disk (fsync) before the swap, so that even a power cut cannot
    lose the file: for what only the user has (the database, the config). Generated files can be
    made again, and thousands of fsyncs would dominate a build, so they skip it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(path)
    # A new, unguessable name beside the target (what tempfile.mkstemp does, without its import cost).
    tmp = str(path.parent / f".{path.name}.{os.getpid()}.{os.urandom(6).hex()}.tmp")
    data = text.encode("utf-8") if isinstance(text, str) else text
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb", buffering=0) as handle:
            _write_all(handle.fileno(), data)
            if durable:
                os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


_TEMP = r"\..+\.([0-9]+)\.[0-9a-f]{12}\.tmp"  # what atomic_write names them (compiled when first needed)
_swept: set[str] = set()


def remove_stale_temps(path: Path) -> None:
    """Removes the temporary files an interrupted run (killed, or a power cut) left beside path
    (once per folder and run): those whose process is gone. A running one's are left alone."""
    folder = str(path.parent)
    if folder in _swept:
        return
    _swept.add(folder)
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        found = re.fullmatch(_TEMP, name) if name.endswith(".tmp") else None
        if found and int(found.group(1)) != os.getpid() and not _alive(int(found.group(1))):
            try:
                os.unlink(os.path.join(folder, name))
            except OSError:
                pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def current_text(path: Path) -> str | None:
    """A generated file's text as it is now (None: none there, or not text); a pipe or a
    device there is NotARegularFile, never waited for."""
    try:
        return read_bytes(path).decode("utf-8")
    except (FileNotFoundError, UnicodeDecodeError):
        return None


def _holds(path: Path, data: bytes) -> bool:
    """Whether the file holds exactly these bytes, found without decoding it (a file of another
    size, without reading it): what put asks of a large generated file, such as the layouts' data."""
    try:
        fd = open_regular(path)
    except FileNotFoundError:
        return False
    with os.fdopen(fd, "rb") as handle:
        return os.fstat(fd).st_size == len(data) and handle.read() == data


def put(path: Path, shown: str, text: str, writeback: WriteBack, *, durable: bool = True,
        based_on: str | None = None) -> Outcome:
    """Makes path hold text (when writing); an unchanged file is not touched, so its mtime stays.

    based_on is the text the new one was made from (an edit of the file): if the file no longer
    holds it, someone saved it meanwhile, and writing would silently undo that; InputError instead.
    """
    data = text.encode("utf-8")
    if based_on is None and writeback is not WriteBack.DIFF:  # only whether it differs: bytes suffice
        changed = not _holds(path, data)
        diff = ""
    else:
        old = current_text(path)
        if based_on is not None and old != based_on and writeback.writes:
            from hugokit.diagnostics import InputError, Position, error

            raise InputError([error(Position(shown), "changed-meanwhile",
                                    f"{shown} changed while hugokit was editing it; nothing was written",
                                    "run the command again")])
        changed = old != text
        diff = unified_diff(old or "", text, shown) if changed and writeback is WriteBack.DIFF else ""
    written = changed and writeback.writes
    if written:
        atomic_write(path, data, durable=durable)
    elif writeback.writes:
        remove_stale_temps(path)  # what a killed run left beside a file that needs no rewrite
    return Outcome(shown, changed, written, diff)


def put_folder(folder: Path | str, shown: str, files: dict[str, str], writeback: WriteBack, *,
               exists: bool | None = None) -> list[Outcome]:
    """Makes folder (shown relative to the site) hold these files (name -> text).

    A page bundle is read as a whole (Hugo renders index.md with its cite.bib), so a new one is
    written as a whole: into a hidden folder beside it, one plain write per file, then renamed
    into place in one step. A crash leaves no bundle or the complete one, never half of it (only
    the hidden folder, which Hugo ignores and the next build removes), in a quarter of the system
    calls a temporary file and a rename per file take. A folder that exists already gets each
    changed file as put() writes it. exists: whether the folder is there, when the caller knows
    (it is asked otherwise)."""
    target = os.fspath(folder)
    if os.path.isdir(target) if exists is None else exists:
        return [put(Path(target, name), f"{shown}/{name}", text, writeback, durable=False) for name, text in files.items()]
    outcomes = new_outcomes(shown, files, writeback)
    if not writeback.writes:
        return outcomes
    parent, base = os.path.split(target)
    hidden = os.path.join(parent, f"{LEFTOVER_PREFIX}{base}.{_hidden_suffix()}")
    try:
        os.mkdir(hidden)
    except FileNotFoundError:  # the first bundle: its parent is made once
        os.makedirs(parent, exist_ok=True)
        os.mkdir(hidden)
    try:
        for name, text in files.items():
            _write_new(f"{hidden}/{name}", text.encode("utf-8"))
        os.rename(hidden, target)
    except OSError as exc:
        _remove_tree(Path(hidden))
        if exc.errno not in (errno.ENOTEMPTY, errno.EEXIST) or not os.path.isdir(target):
            raise OSError(exc.errno, exc.strerror, target) from exc  # the folder, not its hidden name
        # Another run made the folder meanwhile: its files are then replaced one by one.
        return [put(Path(target, name), f"{shown}/{name}", text, writeback, durable=False) for name, text in files.items()]
    except BaseException:
        _remove_tree(Path(hidden))
        raise
    return outcomes


def new_outcomes(shown: str, files: dict[str, str], writeback: WriteBack) -> list[Outcome]:
    """What put_folder makes of a folder that is not there yet (once it has written it)."""
    return [Outcome(f"{shown}/{name}", True, writeback.writes,
                    unified_diff("", text, f"{shown}/{name}") if writeback is WriteBack.DIFF else "")
            for name, text in files.items()]


_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def _write_new(path: str, data: bytes) -> None:
    """A new file of these bytes (as open(path, "xb") makes it, without its buffered layers)."""
    fd = os.open(path, _NEW_FILE, 0o666)
    try:
        _write_all(fd, data)
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


_hidden_names = iter(range(1 << 62))
_RUN_TOKEN = os.urandom(4).hex()


def _hidden_suffix() -> str:
    """<pid>.<random>, unique in this run (a counter) and across runs (the pid and a random token)."""
    return f"{os.getpid()}.{_RUN_TOKEN}{next(_hidden_names):x}"


LEFTOVER_PREFIX = ".hugokit-new-"  # a bundle being written: .hugokit-new-<slug>.<pid>.<random>


def remove_leftovers(parent: Path) -> None:
    """Removes the hidden folders of bundles whose writing a crash interrupted (their process is
    gone; a running build's own are left alone)."""
    try:
        names = [name for name in os.listdir(parent) if name.startswith(LEFTOVER_PREFIX)]
    except OSError:
        return
    for name in names:
        try:
            os.kill(int(name.rsplit(".", 2)[-2]), 0)
            continue  # its process still runs
        except ProcessLookupError:
            _remove_tree(parent / name)
        except (ValueError, IndexError, PermissionError, OSError):
            continue


def _remove_tree(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)


def append_text(path: Path, text: str) -> None:
    """Appends to a report file that others append to too (e.g. $GITHUB_STEP_SUMMARY)."""
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text)


def remove(path: Path, shown: str, writeback: WriteBack) -> Outcome:
    """Removes a generated file (when writing), and its folder if that leaves it empty."""
    old = current_text(path)
    written = old is not None and writeback.writes
    if written:
        path.unlink(missing_ok=True)  # a concurrent run may have removed it first
        try:
            path.parent.rmdir()
        except OSError:
            pass  # not empty: other files live there
    return Outcome(shown, old is not None, written, unified_diff(old or "", "", shown) if old else "")


LOCK_NAME = ".hugokit.lock"
LOCK_WAIT = 60.0  # seconds a command waits for another one writing the site (HUGOKIT_LOCK_WAIT)


@contextmanager
def site_lock(root: Path, note: Callable[[str], None]) -> Iterator[None]:
    """Holds the site's write lock (root/.hugokit.lock) while the block runs: two commands that
    write one site run one after the other, the second waiting up to HUGOKIT_LOCK_WAIT seconds
    (note says so) and then failing with `site-busy`. The kernel releases the lock of a process
    that dies, even by kill -9, so a lock is never stale; the file is removed on release (a
    killed holder's is removed by the next run). Where the lock cannot be made (a read-only
    site, a system without flock) the block runs unlocked: it cannot write there either."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    path = root / LOCK_NAME
    wait = _lock_wait()
    deadline, noted = time.monotonic() + wait, False
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
        except OSError as exc:
            if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
                yield
                return
            raise
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            os.close(fd)
            if time.monotonic() >= deadline:
                raise _busy(path, holder) from None
            if not noted:
                note(f"note: another hugokit{holder} is writing this site; waiting up to {wait:g} s")
                noted = True
            time.sleep(0.05)
            continue
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino  # not removed by its last holder meanwhile
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        try:
            os.unlink(path)  # before the lock goes: a waiter that opened this file tries again
        except OSError:
            pass
        os.close(fd)


def _lock_wait() -> float:
    try:
        return max(0.0, float(os.environ.get("HUGOKIT_LOCK_WAIT", LOCK_WAIT)))
    except ValueError:
        return LOCK_WAIT


def _holder(fd: int) -> str:
    """ " (pid N)" as the lock's holder wrote it, or "" while it has not yet."""
    try:
        pid = os.pread(fd, 32, 0).decode("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" (pid {pid})" if pid.isdigit() else ""


def _busy(path: Path, holder: str) -> Exception:
    from hugokit.diagnostics import InputError, Position, error

    return InputError([error(Position(path.name), "site-busy",
                             f"another hugokit{holder} is writing this site; nothing was done",
                             "run the command again when that one has finished, or set HUGOKIT_LOCK_WAIT "
                             "to wait longer")])
