"""What hugokit keeps between runs, never trusted beyond what it was computed from.

A command's result on a site is a run entry (hugokit.run_cache): used only while every file it
read or wrote, the listing of content/ and the fingerprint of hugokit's own code and
vocabularies (their sizes and modification times) are as they were, so it can never serve a
stale result.

Small memos (hugokit.yaml's settings, the vocabularies, each page's per-file findings) are kept
the same way, keyed by the digests of the texts they were computed from.
Entries live in $HUGOKIT_CACHE_DIR, else $XDG_CACHE_HOME/hugokit, else ~/.cache/hugokit;
HUGOKIT_NO_CACHE=1 or --no-cache turns it off for the invocation (a Cache
without a folder), and every part of a run is handed the invocation's Cache.
"""
from __future__ import annotations

import json
import marshal
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from hugokit.layout import PACKAGE, defaults_dir
from hugokit.regular_files import read_bytes
from hugokit.writeback import atomic_write

if TYPE_CHECKING:
    from hashlib import sha256
else:
    try:  # the built-in SHA-256 loads in a third of the time of OpenSSL's, on every cached run
        from _sha256 import sha256
    except ImportError:  # Python 3.12+: _sha2
        try:
            from _sha2 import sha256
        except ImportError:
            from hashlib import sha256

_PYTHON = f"python{sys.version_info[0]}.{sys.version_info[1]}"
FORMAT = 5  # of run entries (hugokit.run_cache); part of the code fingerprint
SNAPSHOT_MIN_BYTES = 1_000_000  # below this, parsing is faster than it is worth caching
BULK_BYTES = 256 * 1024  # from this size on, OpenSSL's SHA-256 (4× faster) repays loading it


_openssl_sha256: Any = None  # once loaded (for a large text), used for every digest of the run


def digest(data: bytes) -> str:
    """The SHA-256 of data, in hex."""
    global _openssl_sha256
    if _openssl_sha256 is None:
        if len(data) < BULK_BYTES:
            return str(sha256(data).hexdigest())
        from hashlib import sha256 as _openssl_sha256
    # (3× faster than the built-in one on a page bundle's 2 kB too: 40,000 of them in a large build)
    return str(_openssl_sha256(data).hexdigest())


_LARGE_DIGESTS: dict[int, tuple[str, str]] = {}  # id -> (text, digest): the text held, so its id stays its own


def text_digest(text: str) -> str:
    """The SHA-256 of text in UTF-8. A large text (the database, the page, the layouts' data) is
    hashed once per run however many parts of the run ask: strings cannot change."""
    if len(text) < BULK_BYTES:
        return digest(text.encode("utf-8"))
    known = _LARGE_DIGESTS.get(id(text))
    if known is not None and known[0] is text:
        return known[1]
    if len(_LARGE_DIGESTS) >= 8:
        _LARGE_DIGESTS.clear()
    found = _LARGE_DIGESTS[id(text)] = (text, digest(text.encode("utf-8")))
    return found[1]


def file_digest(path: Path | str) -> str | None:
    """The SHA-256 of a file's bytes; None when there is none to read: missing, a folder, a pipe
    or a device, unreadable (a link loop, no permission), which the run then reports where it
    reads the file, and the cache never takes for the file it recorded."""
    try:
        return digest(read_bytes(path))
    except OSError:
        return None


def _code_digest() -> str:
    """hugokit's own code and vocabularies, by path, size and modification time (nanoseconds):
    any reinstall, upgrade or edit changes it, and it costs stat calls, not reads."""
    parts = [str(FORMAT)]
    code = sorted(_sources(str(PACKAGE)))
    defaults = str(defaults_dir())
    for path in code + sorted(os.path.join(defaults, name) for name in os.listdir(defaults) if name.endswith(".yaml")):
        info = os.stat(path)
        parts.append(f"{path}\0{info.st_size}\0{info.st_mtime_ns}")
    return digest("\n".join(parts).encode())


def _sources(folder: str) -> Iterator[str]:
    """The .py files in folder and below (os.scandir directly: half the time os.walk takes)."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":  # (compiled files only)
                    yield from _sources(entry.path)
            elif entry.name.endswith(".py"):
                yield entry.path


class Cache:
    """The cache of one invocation: a folder, or none when the cache is off (then nothing is
    looked up or stored, snapshots and memos included)."""

    __slots__ = ("folder", "notes", "_code")

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.notes: list[str] = []  # cache files ignored because they were damaged or foreign
        self._code: str | None = None

    data_digest = staticmethod(digest)  # of bytes (before the class's own `digest` below hides the function)
    file_digest = staticmethod(file_digest)  # of a file's bytes (None: none to read)
    digest = staticmethod(text_digest)  # of text

    def code(self) -> str:
        """The fingerprint of hugokit's code and vocabularies, taken once per invocation."""
        if self._code is None:
            self._code = _code_digest()
        return self._code

    def ignored(self, path: Path, why: str) -> None:
        self.notes.append(f"note: ignored the cache file {path} ({why}); it will be replaced")

    @classmethod
    def from_environment(cls, *, enabled: bool = True) -> Cache:
        """The user's cache folder, unless enabled is False (--no-cache) or HUGOKIT_NO_CACHE is set."""
        if not enabled or os.environ.get("HUGOKIT_NO_CACHE"):
            return cls(None)
        if os.environ.get("HUGOKIT_CACHE_DIR"):
            return cls(Path(os.environ["HUGOKIT_CACHE_DIR"]))
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        return cls(Path(base) / "hugokit")

    def recall(self, kind: str, key: str) -> Any:
        """What remember(kind, key, …) stored, as long as hugokit's code is unchanged; else None.
        key must name everything the value was computed from (digests of the files)."""
        path = self._memo_path(kind, key)
        try:
            memo = None if path is None else json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return memo.get("value") if isinstance(memo, dict) and memo.get("code") == self.code() else None

    def remember(self, kind: str, key: str, value: Any) -> None:
        path = self._memo_path(kind, key)
        if path is not None:
            _store(path, {"code": self.code(), "value": value})

    def _memo_path(self, kind: str, key: str) -> Path | None:
        return None if self.folder is None else self.folder / f"{kind}-{digest(key.encode())[:32]}.json"

    def _record_path(self, root: Path, relative: str) -> Path | None:
        if self.folder is None:
            return None
        key = digest(f"{root.resolve()}\0{relative}".encode())[:32]
        return self.folder / f"page-{key}.json"

    def record_page(self, root: Path, relative: str, text: str, digest: str | None = None) -> None:
        """Remembers that the generated file relative holds text hugokit made (see
        hugokit.provenance); digest: the text's, when the caller has it already."""
        path = self._record_path(root, relative)
        if path is not None:
            _store(path, {"sha256": digest or text_digest(text)})

    def page_recorded(self, root: Path, relative: str) -> str | None:
        """The SHA-256 of the text hugokit last made for a generated file, if recorded."""
        path = self._record_path(root, relative)
        try:
            entry = None if path is None else json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        digest = entry.get("sha256") if isinstance(entry, dict) else None
        return digest if isinstance(digest, str) else None

    def _snapshot_path(self, text: str) -> Path | None:
        if self.folder is None or len(text) < SNAPSHOT_MIN_BYTES:
            return None
        return self.folder / f"db-{text_digest(text)[:40]}{SNAPSHOT_SUFFIX}"

    def load_snapshot(self, text: str) -> list[dict[str, Any]] | None:
        """The fields of every entry of a database text parsed before (no positions), if cached
        by this version of hugokit for exactly this text, undamaged and well-formed."""
        path = self._snapshot_path(text)
        if path is None:
            return None
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError:
            data = b""
        entries = _snapshot_entries(data, text)
        if entries is None or not all(map(_valid_fields, entries)) or (not entries and _has_entries(text)):
            self.ignored(path, "not a snapshot of this database by this version of hugokit")
            try:
                path.unlink()  # so that the next full parse stores a sound one
            except OSError:
                pass
            return None
        return entries

    def store_snapshot(self, text: str, entries: list[dict[str, Any]]) -> None:
        path = self._snapshot_path(text)
        if path is None or path.exists():
            return
        payload = marshal.dumps(entries, 4)
        try:
            atomic_write(path, b"%s %s\n%s" % (_snapshot_name(text), digest(payload).encode("ascii"), payload),
                         durable=False)
        except OSError:
            return  # an unwritable cache only costs speed
        _forget_old_snapshots(path)


# A snapshot: one line naming what it is (hugokit's version, the Python that wrote it, the
# database text's SHA-256 and the payload's), then the entries in marshal's format: written 5×
# and read 2× as fast as JSON. marshal is not made to read damaged bytes, so the payload is
# read only when its digest matches the line; the line names the Python too, as marshal's format
# may change between its versions. Each entry is still checked (_valid_fields) before use.
SNAPSHOT_SUFFIX = ".snapshot"
KEPT_SNAPSHOTS = 8  # the newest ones, of any database: a large one is tens of MB


def _snapshot_name(text: str) -> bytes:
    """The start of a snapshot's first line (its last word is the payload's digest)."""
    return " ".join(("hugokit-snapshot", _version(), _PYTHON, text_digest(text))).encode("ascii")


def _snapshot_entries(data: bytes, text: str) -> list[Any] | None:
    """The entries of a snapshot's bytes, or None when they are not this text's undamaged snapshot."""
    head, newline, payload = data.partition(b"\n")
    name, _, payload_digest = head.rpartition(b" ")
    if not newline or name != _snapshot_name(text) or payload_digest != digest(payload).encode("ascii"):
        return None
    try:
        entries = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    return entries if type(entries) is list else None


def _forget_old_snapshots(kept: Path) -> None:
    """Removes all but the KEPT_SNAPSHOTS newest snapshots (every edit of a large database makes one)."""
    try:
        found = [(entry.stat().st_mtime_ns, entry.path) for entry in os.scandir(kept.parent)
                 if entry.name.startswith("db-") and entry.name.endswith((SNAPSHOT_SUFFIX, ".json"))]
    except OSError:
        return
    for _, path in sorted(found, reverse=True)[KEPT_SNAPSHOTS:]:
        if path != str(kept):
            try:
                os.unlink(path)
            except OSError:
                pass


def _version() -> str:
    from hugokit import __version__

    return __version__


def _has_entries(text: str) -> bool:
    """Whether a database text holds any list item: an empty snapshot of it must be wrong."""
    return any(line.lstrip().startswith(("-", "[")) for line in text.splitlines())


def _valid_fields(fields: object) -> bool:
    """A snapshot entry: the database's fields with values of their kinds, title and year present."""
    if not isinstance(fields, dict) or not isinstance(fields.get("title"), str) or type(fields.get("year")) is not int:
        return False
    kinds = _field_types()
    for name, value in fields.items():
        kind = kinds.get(name)
        if kind is None or type(value) is not kind:
            return False
        if isinstance(value, list) and not _STRINGS.issuperset(map(type, value)):
            return False
        if isinstance(value, dict) and not (_STRINGS.issuperset(map(type, value))
                                            and _STRINGS.issuperset(map(type, value.values()))):
            return False
    return True


_STRINGS = frozenset((str,))
_FIELD_TYPES: dict[str, type] = {}


def _field_types() -> dict[str, type]:
    """Each database field's type in a snapshot (lists and mappings of strings)."""
    if not _FIELD_TYPES:
        from hugokit.model import FIELDS

        types = {"str": str, "int": int, "list": list, "map": dict}
        _FIELD_TYPES.update((spec.name, types[spec.kind]) for spec in FIELDS)
    return _FIELD_TYPES


def _store(path: Path, data: object) -> None:
    # (what is stored is never circular: lists and mappings made for it; in ASCII, so that a
    # file name that is not UTF-8, a lone surrogate in Python, is kept as an escape)
    store_json(path, json.dumps(data, check_circular=False))


def store_json(path: Path, text: str | bytes) -> None:
    try:
        atomic_write(path, text, durable=False)
    except OSError:
        pass  # an unwritable cache only costs speed
