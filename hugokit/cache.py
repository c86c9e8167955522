"""Results of earlier runs, reused when nothing they depend on has changed.

An entry records the SHA-256 of every file the run read or wrote, the listing of content/, and
a fingerprint of hugokit's own code and vocabularies (their sizes and modification times); it
is used only when all of them match again, so it can never serve a stale result. Checking it
reads and hashes the inputs but parses nothing, which is what makes an unchanged run fast.
Entries live in $HUGOKIT_CACHE_DIR, else $XDG_CACHE_HOME/hugokit, else ~/.cache/hugokit;
HUGOKIT_NO_CACHE=1 or --no-cache turns it off for the invocation (a Cache
without a folder), and every part of a run is handed the invocation's Cache.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from hugokit.layout import PACKAGE, content_files, defaults_dir
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

FORMAT = 1
SNAPSHOT_MIN_BYTES = 1_000_000  # below this, parsing is faster than it is worth caching


def text_digest(text: str) -> str:
    return str(sha256(text.encode("utf-8")).hexdigest())


def file_digest(path: Path) -> str | None:
    try:
        return str(sha256(path.read_bytes()).hexdigest())
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None


def _code_digest() -> str:
    """hugokit's own code and vocabularies, by path, size and modification time (nanoseconds):
    any reinstall, upgrade or edit changes it, and it costs stat calls, not reads."""
    digest = sha256(str(FORMAT).encode())
    code = sorted(os.path.join(folder, name) for folder, _, names in os.walk(PACKAGE)
                  for name in names if name.endswith(".py"))
    defaults = str(defaults_dir())
    for path in code + sorted(os.path.join(defaults, name) for name in os.listdir(defaults) if name.endswith(".yaml")):
        info = os.stat(path)
        digest.update(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return str(digest.hexdigest())


class Cache:
    """The cache of one invocation: a folder, or none when the cache is off (then nothing is
    looked up or stored, snapshots included)."""

    __slots__ = ("folder", "notes")

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.notes: list[str] = []  # cache files ignored because they were damaged or foreign

    digest = staticmethod(text_digest)

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
        key = sha256("\0".join([str(root.resolve()), command, *options]).encode()).hexdigest()
        return RunEntry(root, self.folder / f"{key[:32]}.json", self)

    def _record_path(self, root: Path, relative: str) -> Path | None:
        if self.folder is None:
            return None
        key = sha256(f"{root.resolve()}\0{relative}".encode()).hexdigest()[:32]
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
        return self.folder / f"db-{sha256(text.encode('utf-8')).hexdigest()[:40]}.json"

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
        _store(path, {"hugokit": _version(), "sha256": text_digest(text), "entries": entries})


def _version() -> str:
    from hugokit import __version__

    return __version__


def _has_entries(text: str) -> bool:
    """Whether a database text holds any list item: an empty snapshot of it must be wrong."""
    return any(line.lstrip().startswith(("-", "[")) for line in text.splitlines())


def _valid_fields(fields: object) -> bool:
    """A snapshot entry: the database's fields with values of their kinds, title and year present."""
    from hugokit.model import FIELD_BY_NAME

    if not isinstance(fields, dict) or not isinstance(fields.get("title"), str) or type(fields.get("year")) is not int:
        return False
    kinds = {"str": str, "int": int, "list": list, "map": dict}
    for name, value in fields.items():
        spec = FIELD_BY_NAME.get(name)
        if spec is None or type(value) is not kinds[spec.kind]:
            return False
        if isinstance(value, list) and not all(type(v) is str for v in value):
            return False
        if isinstance(value, dict) and not all(type(k) is str and type(v) is str for k, v in value.items()):
            return False
    return True


class RunEntry:
    """What one run recorded: its inputs' digests and a payload (JSON data)."""

    __slots__ = ("root", "path", "cache")

    def __init__(self, root: Path, path: Path | None, cache: Cache) -> None:
        self.root = root
        self.path = path
        self.cache = cache

    def _read(self) -> dict[str, Any] | None:
        if self.path is None or not self.path.exists():
            return None
        try:
            entry = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            entry = None
        files = entry.get("files") if isinstance(entry, dict) else None
        if not isinstance(entry, dict) or not isinstance(entry.get("code"), str) \
                or not isinstance(entry.get("content"), list) or not isinstance(files, dict) \
                or not all(isinstance(k, str) and (v is None or isinstance(v, str)) for k, v in files.items()):
            self.cache.ignored(self.path, "not a cache entry")
            return None
        return entry

    def lookup(self) -> Any:
        """The stored payload if every recorded input is unchanged, else None."""
        entry = self._read()
        if entry is None or entry["code"] != _code_digest() or entry["content"] != content_files(self.root):
            return None
        for relative, digest in entry["files"].items():
            if file_digest(self.root / relative) != digest:
                return None
        return entry.get("payload")

    def damaged(self) -> None:
        """The payload was not what its command stores: noted, and replaced by the next store."""
        if self.path is not None:
            self.cache.ignored(self.path, "its result is not of the expected shape")

    def digests(self, files: Iterable[str]) -> dict[str, str | None]:
        """Every file's SHA-256 now (None when missing)."""
        return {rel: file_digest(self.root / rel) for rel in sorted(set(files))}

    def store(self, digests: dict[str, str | None], payload: Any, content: list[str] | None = None) -> None:
        """Records payload as the result for files with these digests: those of the bytes the
        run read, never of the files afterwards (they may have changed during the run). content
        is the listing of content/ the run saw (listed now if not given)."""
        if self.path is None:
            return
        _store(self.path, {"code": _code_digest(),
                           "content": content_files(self.root) if content is None else content,
                           "files": digests, "payload": payload})


def _store(path: Path, data: object) -> None:
    try:
        atomic_write(path, json.dumps(data, ensure_ascii=False), durable=False)
    except OSError:
        pass  # an unwritable cache only costs speed
