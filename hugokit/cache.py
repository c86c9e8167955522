"""Results of earlier runs, reused when nothing they depend on has changed.

An entry records the SHA-256 of every file the run read or wrote, the listing of content/, and
a fingerprint of hugokit's own code and vocabularies (their sizes and modification times); it
is used only when all of them match again, so it can never serve a stale result. Checking it
parses nothing, which is what makes an unchanged run fast.

Reading and hashing 40,000 page-bundle files would still take longer than the rest of the run,
so an entry also keeps the files' and content/'s folders' status (inode, size, modification and
change times, as git's index does): when none of them changed, the files did not either, and
nothing is read. A status is trusted only when its change time lies clearly before the moment
the file was read for its digest (RACY_NS; more on file systems with whole-second times): a
write in the same clock tick as that read could otherwise go unseen. An entry with an untrusted
or missing status is checked by content, and, when it still holds, stored again with the status.

Small memos (a site's vocabularies, each page's per-file findings) are kept the same way, keyed
by the digests of what they were computed from.
Entries live in $HUGOKIT_CACHE_DIR, else $XDG_CACHE_HOME/hugokit, else ~/.cache/hugokit;
HUGOKIT_NO_CACHE=1 or --no-cache turns it off for the invocation (a Cache
without a folder), and every part of a run is handed the invocation's Cache.
"""
from __future__ import annotations

import json
import os
import time
from array import array
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from hugokit.layout import CONTENT_DIR, PACKAGE, Listing, defaults_dir, walk_content
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

FORMAT = 2
SNAPSHOT_MIN_BYTES = 1_000_000  # below this, parsing is faster than it is worth caching
BULK_BYTES = 256 * 1024  # from this size on, OpenSSL's SHA-256 (4× faster) repays loading it
RACY_NS = 20_000_000  # a file changed less than this before it was read may change again unseen
RACY_COARSE_NS = 2_000_000_000  # the same, for times in whole seconds (FAT, some network file systems)
_INODE_BITS = (1 << 63) - 1  # what fits a signed 64-bit slot of the status array


def digest(data: bytes) -> str:
    """The SHA-256 of data, in hex."""
    if len(data) >= BULK_BYTES:
        from hashlib import sha256 as openssl_sha256

        return openssl_sha256(data).hexdigest()
    return str(sha256(data).hexdigest())


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
    try:
        with open(path, "rb") as handle:
            return digest(handle.read())
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None


def statuses(paths: Iterable[str], read_at: int) -> str | None:
    """One digest of every path's status (inode, size, modification and change times; zeros for
    a path that is not there), or None when one is too recent to be trusted: changed within a
    clock tick of read_at (time.time_ns() taken before the files were read)."""
    values = array("q")
    fine, coarse = read_at - RACY_NS, read_at - RACY_COARSE_NS
    stat = os.stat
    for path in paths:  # 60,000 paths for 20,000 page bundles: this loop is kept lean
        try:
            info = stat(path)
        except (FileNotFoundError, NotADirectoryError):
            values.extend((0, 0, 0, 0))
            continue
        changed = info.st_ctime_ns
        if changed >= fine or (changed >= coarse and changed % 1_000_000_000 == 0):
            return None
        values.extend((info.st_ino & _INODE_BITS, info.st_size, info.st_mtime_ns, changed))
    return digest(values.tobytes())


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

    def run(self, root: Path, command: str, options: Iterable[str]) -> RunEntry:
        """The entry of one command run on one site with these options."""
        if self.folder is None:
            return RunEntry(root, None, self)
        key = digest("\0".join([str(root.resolve()), command, *options]).encode())
        return RunEntry(root, self.folder / f"{key[:32]}.json", self)

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

    def record_page(self, root: Path, relative: str, text: str) -> None:
        """Remembers that the generated file relative holds text hugokit made (see hugokit.provenance)."""
        path = self._record_path(root, relative)
        if path is not None:
            _store(path, {"sha256": text_digest(text)})

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
        return self.folder / f"db-{text_digest(text)[:40]}.json"

    def load_snapshot(self, text: str) -> list[dict[str, Any]] | None:
        """The fields of every entry of a database text parsed before (no positions), if cached
        by this version of hugokit for exactly this text, and well-formed."""
        path = self._snapshot_path(text)
        if path is None or not path.exists():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = None
        entries = data.get("entries") if isinstance(data, dict) else None
        if not isinstance(data, dict) or data.get("hugokit") != _version() or data.get("sha256") != text_digest(text) \
                or not isinstance(entries, list) or not all(map(_valid_fields, entries)) \
                or (not entries and _has_entries(text)):
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
        # In ASCII (escapes for the rest): twice as fast to write as UTF-8 JSON, and as fast to read.
        _store(path, {"hugokit": _version(), "sha256": text_digest(text), "entries": entries}, ascii=True)


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
    """Each database field's type in a snapshot (JSON: lists and mappings of strings)."""
    if not _FIELD_TYPES:
        from hugokit.model import FIELDS

        types = {"str": str, "int": int, "list": list, "map": dict}
        _FIELD_TYPES.update((spec.name, types[spec.kind]) for spec in FIELDS)
    return _FIELD_TYPES


class RunEntry:
    """What one run recorded: its inputs' digests (and statuses) and a payload (JSON data).

    Lists are stored as single strings joined by newlines: JSON reads one long string many times
    faster than 40,000 short ones, and a run that trusts the statuses never splits the digests."""

    __slots__ = ("root", "path", "cache", "served")

    def __init__(self, root: Path, path: Path | None, cache: Cache) -> None:
        self.root = root
        self.path = path
        self.cache = cache
        self.served: dict[str, str | None] = {}  # after a lookup that answered: the inputs' recorded digests

    def _read(self) -> dict[str, Any] | None:
        """The entry, if there is one of this format for this code (any other file is noted)."""
        if self.path is None or not self.path.exists():
            return None
        try:
            entry = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            entry = None
        if isinstance(entry, dict) and type(entry.get("format")) is int and entry["format"] != FORMAT:
            return None  # another hugokit version's entry: replaced without a word, as after any upgrade
        if not isinstance(entry, dict) or entry.get("format") != FORMAT \
                or not all(isinstance(entry.get(k), str) for k in ("code", "content", "folders", "files", "digests")) \
                or entry["digests"].count("\n") != entry["files"].count("\n") \
                or not all(isinstance(entry.get(k), (str, type(None))) for k in ("folder_statuses", "file_statuses")):
            self.cache.ignored(self.path, "not a cache entry")
            return None
        return entry if entry["code"] == self.cache.code() else None

    def _full(self, relatives: Iterable[str]) -> list[str]:
        top = os.path.join(str(self.root), "")
        return [top + relative for relative in relatives]

    def lookup(self) -> Any:
        """The stored payload if every recorded input is unchanged, else None."""
        entry = self._read()
        if entry is None:
            return None
        read_at = time.time_ns()
        folders = _lines(entry["folders"])
        folder_statuses = statuses(self._full(folders), read_at)
        if folder_statuses is None or folder_statuses != entry.get("folder_statuses"):
            now = walk_content(self.root)
            if "\n".join(now.files) != entry["content"]:
                return None
            folders, folder_statuses = now.folders, statuses(self._full(now.folders), now.taken_at)
        relatives = _lines(entry["files"])
        full = self._full(relatives)
        file_statuses = statuses(full, read_at)
        if file_statuses is None or file_statuses != entry.get("file_statuses"):
            # the files outside content/ first (the database, config, vocabularies: what an edit
            # usually changes), so that a changed one is found before every page is read
            pages = self._full([CONTENT_DIR + "/"])[0]
            recorded = sorted(zip(full, entry["digests"].split("\n")), key=lambda item: item[0].startswith(pages))
            for path, digest_then in recorded:
                if (file_digest(path) or "-") != digest_then:
                    return None
        if (folder_statuses, file_statuses) != (entry.get("folder_statuses"), entry.get("file_statuses")) \
                and None not in (folder_statuses, file_statuses) and self.path is not None:
            _store(self.path, {**entry, "folders": "\n".join(folders), "folder_statuses": folder_statuses,
                               "file_statuses": file_statuses})  # checked by content: keep the statuses
        self.served = {rel: None if found == "-" else found
                       for rel, found in zip(relatives, entry["digests"].split("\n"))}
        return entry.get("payload")

    def damaged(self) -> None:
        """The payload was not what its command stores: noted, and replaced by the next store."""
        if self.path is not None:
            self.cache.ignored(self.path, "its result is not of the expected shape")

    def digests(self, files: Iterable[str]) -> dict[str, str | None]:
        """Every file's SHA-256 now (None when missing)."""
        relatives = sorted(set(files))
        return dict(zip(relatives, map(file_digest, self._full(relatives))))  # plain strings: no Path per file

    def store(self, digests: dict[str, str | None], payload: Any, content: Listing | None = None,
              read_at: int | None = None) -> None:
        """Records payload as the result for files with these digests: those of the bytes the
        run read (or wrote), never of the files afterwards (they may have changed during the
        run). content is the listing of content/ the run saw (listed now if not given). read_at
        is time.time_ns() from before the run read its files: the statuses are recorded only
        when no file changed since a clock tick before it (else a lookup adds them)."""
        if self.path is None:
            return
        listing = walk_content(self.root) if content is None else content
        relatives = sorted(digests)
        trusted = None if read_at is None else statuses(self._full(relatives), read_at)
        _store(self.path, {"format": FORMAT, "code": self.cache.code(), "content": "\n".join(listing.files),
                           "folders": "\n".join(listing.folders),
                           "folder_statuses": statuses(self._full(listing.folders), listing.taken_at),
                           "files": "\n".join(relatives), "digests": "\n".join(digests[r] or "-" for r in relatives),
                           "file_statuses": trusted, "payload": payload})

    def amend(self, changed: dict[str, str | None], recorded: Iterable[str], payload: Any,
              read: dict[str, str | None]) -> bool:
        """The entry brought up to date with files the caller itself just wrote (their digests) or
        removed (None): they join or leave the listing of content/, and those in recorded become
        (or stay) recorded inputs. The statuses are dropped, so the next lookup checks by content.
        read holds the digests of the inputs as the caller read them: an entry recorded for other
        versions of them (a file saved meanwhile, and another run's entry stored) is left alone,
        as payload is not its result. False when there is no entry to amend."""
        entry = self._read()
        if entry is None:
            return False
        inputs = dict(zip(_lines(entry["files"]), entry["digests"].split("\n")))
        if any(rel not in changed and rel in read and (read[rel] or "-") != found for rel, found in inputs.items()):
            return False
        listing = set(_lines(entry["content"]))
        for relative, found in changed.items():
            if relative.startswith(CONTENT_DIR + "/"):
                (listing.add if found is not None else listing.discard)(relative)
        files = inputs
        for relative in recorded:
            if changed.get(relative) is None:
                files.pop(relative, None)
            else:
                files[relative] = str(changed[relative])
        relatives = sorted(files)
        assert self.path is not None
        _store(self.path, {**entry, "content": "\n".join(sorted(listing)), "folder_statuses": None,
                           "files": "\n".join(relatives), "digests": "\n".join(files[r] for r in relatives),
                           "file_statuses": None, "payload": payload})
        return True


def _lines(text: str) -> list[str]:
    return text.split("\n") if text else []


def _store(path: Path, data: object, *, ascii: bool = False) -> None:
    try:  # (what is stored is never circular: lists and mappings made for it)
        atomic_write(path, json.dumps(data, ensure_ascii=ascii, check_circular=False), durable=False)
    except OSError:
        pass  # an unwritable cache only costs speed
