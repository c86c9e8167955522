"""Results of earlier runs, reused when nothing they depend on has changed.

An entry records the SHA-256 of every file the run read or wrote, the listing of content/, and
a fingerprint of hugokit's own code and vocabularies (their sizes and modification times); it
is used only when all of them match again, so it can never serve a stale result. Checking it
reads and hashes the inputs but parses nothing, which is what makes an unchanged run fast.
Entries live in $HUGOKIT_CACHE_DIR, else $XDG_CACHE_HOME/hugokit, else ~/.cache/hugokit;
HUGOKIT_NO_CACHE=1 or --no-cache turns it off.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterable

from hugokit.layout import PACKAGE, content_files, defaults_dir

try:  # the built-in SHA-256 loads in a third of the time of OpenSSL's, on every cached run
    from _sha256 import sha256
except ImportError:  # Python 3.12+: _sha2
    try:
        from _sha2 import sha256  # type: ignore[no-redef]
    except ImportError:
        from hashlib import sha256  # type: ignore[no-redef]

FORMAT = 1
_disabled = False


def configure(*, enabled: bool) -> None:
    """Turns the cache on or off for this invocation (--no-cache): off means no lookups, no
    entries and no snapshots."""
    global _disabled
    _disabled = not enabled


def cache_dir() -> Path | None:
    if _disabled or os.environ.get("HUGOKIT_NO_CACHE"):
        return None
    if os.environ.get("HUGOKIT_CACHE_DIR"):
        return Path(os.environ["HUGOKIT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "hugokit"


def file_digest(path: Path) -> str | None:
    try:
        return sha256(path.read_bytes()).hexdigest()
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
    return digest.hexdigest()


SNAPSHOT_MIN_BYTES = 1_000_000  # below this, parsing is faster than it is worth caching


def _snapshot_path(text: str) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    return folder / f"db-{sha256(text.encode('utf-8')).hexdigest()[:40]}.json"


def load_snapshot(text: str) -> list[dict] | None:
    """The fields of every entry of a database text parsed before (no positions), if cached."""
    path = _snapshot_path(text) if len(text) >= SNAPSHOT_MIN_BYTES else None
    try:
        return None if path is None else json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def store_snapshot(text: str, entries: list[dict]) -> None:
    path = _snapshot_path(text) if len(text) >= SNAPSHOT_MIN_BYTES else None
    if path is None or path.exists():
        return
    from hugokit.writeback import atomic_write

    try:
        atomic_write(path, json.dumps(entries, ensure_ascii=False), durable=False)
    except OSError:
        pass


def _record_path(root: Path, relative: str) -> Path | None:
    folder = cache_dir()
    key = sha256(f"{root.resolve()}\0{relative}".encode()).hexdigest()[:32]
    return None if folder is None else folder / f"page-{key}.json"


def record_page(root: Path, relative: str, text: str) -> None:
    """Remembers that the generated file relative holds text that hugokit made (see hugokit.provenance)."""
    path = _record_path(root, relative)
    if path is None:
        return
    from hugokit.writeback import atomic_write

    try:
        atomic_write(path, json.dumps({"sha256": sha256(text.encode("utf-8")).hexdigest()}), durable=False)
    except OSError:
        pass


def page_recorded(root: Path, relative: str) -> str | None:
    """The SHA-256 of the text hugokit last made for a generated file, if recorded."""
    path = _record_path(root, relative)
    try:
        entry = None if path is None else json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    digest = entry.get("sha256") if isinstance(entry, dict) else None
    return digest if isinstance(digest, str) else None


class RunCache:
    def __init__(self, root: Path, command: str, options: Iterable[str]) -> None:
        self.root = root
        folder = cache_dir()
        key = sha256("\0".join([str(root.resolve()), command, *options]).encode()).hexdigest()
        self.path = None if folder is None else folder / f"{key[:32]}.json"

    def lookup(self) -> Any:
        """The stored payload if every recorded input is unchanged, else None."""
        if self.path is None:
            return None
        try:
            entry = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if entry.get("code") != _code_digest() or entry.get("content") != content_files(self.root):
            return None
        for relative, digest in entry.get("files", {}).items():
            if file_digest(self.root / relative) != digest:
                return None
        return entry.get("payload")

    def store(self, files: Iterable[str], payload: Any, content: list[str] | None = None) -> None:
        """Records the files' digests with payload; content is the listing of content/ the run
        saw (listed now if not given)."""
        if self.path is None:
            return
        from hugokit.writeback import atomic_write

        entry = {"code": _code_digest(), "content": content_files(self.root) if content is None else content,
                 "files": {rel: file_digest(self.root / rel) for rel in sorted(set(files))}, "payload": payload}
        try:
            atomic_write(self.path, json.dumps(entry), durable=False)
        except OSError:
            pass  # an unwritable cache only costs speed
