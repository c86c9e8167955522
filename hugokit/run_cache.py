"""A command's result on a site, reused while nothing it depends on has changed.

An entry records the SHA-256 of every file the run read or wrote, the listing of content/ and
its folders (a page added anywhere is an input too), and the fingerprint of hugokit's code.
Reading and hashing 40,000 page-bundle files would take longer than the rest of the run, so it
also keeps each file's and folder's status (inode, size, modification and change times, as git's
index does): while none changed, the files did not either, and nothing is read or listed. A
status is trusted only when its change time lies clearly before the moment the file was read
(RACY_NS; more for file systems with whole-second times): a write in the same clock tick as that
read could otherwise go unseen. An untrusted status is stored as zeros, which no file has.

An entry file is a JSON line, the paths it names, and JSON again. The first line and the paths
(joined by NULs: JSON reads 40,000 escaped line breaks several times slower than they are split)
are what an unchanged run needs: with one digest of all their statuses (only when every one is
trusted) and the result; checking it is one `stat` per path, compared in one pass, and parses
nothing else. The rest (each path's status, the files' digests, the listing) is read only when
a status differs: then only the files whose status differs are read again, only the folders
whose status differs are listed again, and the entry is stored again with the new statuses.
"""
from __future__ import annotations

import binascii
import json
import os
import time
from array import array
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from hugokit.cache import FORMAT, digest, file_digest, store_json
from hugokit.layout import CONTENT_DIR, Listing, walk_content

from hugokit.file_status import (  # noqa: F401 (RACY_NS: the tests' name for the window)
    RACY_COARSE_NS, RACY_NS, UNTRUSTED, absent, status_digest, status_values, trusted_statuses)

if TYPE_CHECKING:
    from hugokit.cache import Cache


class Record:
    """What an entry says about its inputs (paths relative to the site). (A plain class: this
    module's annotations are strings, which a named tuple would have typing parse at import.)"""

    __slots__ = ("folders", "files", "digests", "missing", "listing", "values")

    def __init__(self, folders: list[str], files: list[str], digests: list[str], missing: list[str],
                 listing: list[str] | None, values: array[int]) -> None:
        self.folders = folders  # every folder of content/, whose statuses guard the listing (or the
                                # folders a build looked into)
        self.files = files      # the files read or written, that were there (sorted)
        self.digests = digests  # their SHA-256, in the same order
        self.missing = missing  # the inputs that were not there (content/ itself, when it is missing)
        self.listing = listing  # every file under content/; None: the folders' entries are not listed
                                # (a change to one is a miss)
        self.values = values    # the statuses of folders and files in path order (see order), four
                                # numbers each (zeros: untrusted)

    def with_values(self, values: array[int]) -> Record:
        return Record(self.folders, self.files, self.digests, self.missing, self.listing, values)

    def order(self) -> list[str]:
        """Folders and files in one sorted list, the order of the statuses: each bundle's folder
        beside its files, which the file system looks up faster than in two passes."""
        return sorted(self.folders + self.files)


class RunEntry:
    """One command's entry, on one site, with one set of options (no file when the cache is off)."""

    __slots__ = ("root", "path", "cache", "_answer")

    def __init__(self, cache: Cache, root: Path, command: str, options: Iterable[str]) -> None:
        self.root = root
        self.cache = cache
        self._answer: bytes | Record | None = None  # what the last lookup that answered was: its first line, or all
        self.path: Path | None = None
        if cache.folder is not None:
            key = digest("\0".join([str(root.resolve()), command, *options]).encode())
            self.path = cache.folder / f"{key[:32]}.json"

    def _top(self) -> str:
        return os.path.join(str(self.root), "")  # "site/", or "./"

    def _head(self, read: tuple[bytes, bytes] | None = None) -> dict[str, Any] | None:
        """The entry's first line (checked) with its paths (the block after it, its "paths"
        turned into them, joined by NULs), if there is an entry of this format for this code;
        any other file is noted. read: the file's first line and what follows, when read already."""
        if self.path is None:
            return None
        handle = None
        if read is None:
            try:
                handle = open(self.path, "rb")
            except OSError:
                return None
        try:
            line = read[0] if read is not None else handle.readline()  # type: ignore[union-attr]
            head = _parse(line)
            if head is None:
                return None
            if head is _FOREIGN:
                self.cache.ignored(self.path, "not a cache entry")
                return None
            size = head["paths"]
            block = read[1][:size] if read is not None else handle.read(size)  # type: ignore[union-attr]
        except OSError:
            return None
        finally:
            if handle is not None:
                handle.close()
        if len(block) != size:
            self.cache.ignored(self.path, "not a cache entry")
            return None
        if read is None:
            self._answer = line
        head["paths"] = block  # (bytes: os.stat takes them as they are, with no decoding either way)
        return head if head["code"] == self.cache.code() else None

    def _full(self, line_read: bytes | None = None) -> tuple[dict[str, Any], Record] | None:
        """The whole entry, read at once (the file may be replaced meanwhile), or None (noted)
        when its last part does not fit the first; or when the first line is not line_read."""
        if self.path is None:
            return None
        try:
            line, _, rest = self.path.read_bytes().partition(b"\n")
        except OSError:
            return None
        if line_read is not None and line.rstrip(b"\n") != line_read.rstrip(b"\n"):
            return None
        head = self._head((line, rest))
        if head is None:
            return None
        try:
            tail = json.loads(rest[len(head["paths"]):])
            values = array("q", binascii.a2b_base64(tail["statuses"]))
            record = Record(_lines(tail["folders"]), _lines(tail["files"]), _lines(tail["digests"]),
                            _lines(head["missing"]), None if tail["listing"] is None else _lines(tail["listing"]),
                            values)
        except (ValueError, TypeError, KeyError, AttributeError):
            record = None
        if record is None or len(record.digests) != len(record.files) \
                or len(record.values) != 4 * (len(record.folders) + len(record.files)) \
                or head["paths"] != os.fsencode("\0".join(head["top"] + relative for relative in record.order())):
            self.cache.ignored(self.path, "not a cache entry")
            return None
        return head, record

    def lookup(self) -> Any:
        """The stored result if every recorded input is unchanged, else None."""
        head = self._head()
        if head is None:
            self._answer = None
            return None
        top = self._top()
        if head["statuses"] is not None:
            paths = head["paths"].split(b"\0") if head["paths"] else []
            if head["top"] != top:  # the same site, named otherwise
                start, new_top = len(os.fsencode(head["top"])), os.fsencode(top)
                paths = [new_top + path[start:] for path in paths]
            if all(absent(top + relative) for relative in _lines(head["missing"])):
                values = status_values(paths)
                if values is not None and status_digest(values) == head["statuses"]:
                    return head.get("payload")  # self._answer: the first line
        self._answer = None
        full = self._full()
        if full is None:
            return None
        payload = self._verify(full[0].get("payload"), full[1])
        self._answer = None if payload is None else full[1]
        return payload

    def served(self) -> dict[str, str | None] | None:
        """After a lookup that answered: the digests (None: missing) of the inputs its result is
        the result of; None when they cannot be known any more (the entry was replaced since)."""
        record = self._answer
        if isinstance(record, bytes):
            full = self._full(record)
            record = None if full is None else full[1]
        if record is None:
            return None
        return dict.fromkeys(record.missing) | dict(zip(record.files, record.digests))

    def _verify(self, payload: Any, record: Record) -> Any:
        """The payload when the inputs, checked one by one, are unchanged (then stored again with
        the statuses found); else None."""
        read_at = time.time_ns()
        top = self._top()
        if not all(absent(top + relative) for relative in record.missing):
            return None
        order = record.order()
        now, _ = trusted_statuses([top + relative for relative in order], None)
        recorded = record.values
        untrusted = array("q", UNTRUSTED)
        position = {relative: 4 * index for index, relative in enumerate(order)}

        def same(relative: str) -> bool:
            at = position[relative]
            return recorded[at:at + 4] == now[at:at + 4] and recorded[at:at + 4] != untrusted

        changed = [folder for folder in record.folders if not same(folder)]
        if changed and (record.listing is None or not self._same_entries(changed, record)):
            return None
        # the files outside content/ first (the database, config, vocabularies: what an edit
        # usually changes), so that a changed one is found before any page is read
        pages = CONTENT_DIR + "/"
        for relative, recorded_digest in sorted(zip(record.files, record.digests), key=lambda item: item[0].startswith(pages)):
            if not same(relative) and (file_digest(top + relative) or "-") != recorded_digest:
                return None
        self._write(payload, record, read_at, read_at)
        return payload

    def _same_entries(self, folders: list[str], record: Record) -> bool:
        """Whether each of these folders holds the files and folders the record lists in it, as
        os.walk sees them (a link to a folder is not walked). When every other folder's status
        is unchanged, the whole of content/ is then as recorded: from content/ down, each folder
        either did not change its entries, or was listed again."""
        assert record.listing is not None
        expected: dict[str, tuple[set[str], set[str]]] = {folder: (set(), set()) for folder in folders}
        for relative in record.listing:
            parent, _, name = relative.rpartition("/")
            if parent in expected:
                expected[parent][0].add(name)
        for relative in record.folders:
            parent, _, name = relative.rpartition("/")
            if parent in expected:
                expected[parent][1].add(name)
        top = self._top()
        for folder, (files, subfolders) in expected.items():
            try:
                with os.scandir(top + folder) as entries:
                    found = [(entry.name, entry.is_dir(), entry.is_dir() and not entry.is_symlink()) for entry in entries]
            except OSError:
                return False
            if {name for name, is_dir, _ in found if not is_dir} != files \
                    or {name for name, _, walked in found if walked} != subfolders:
                return False
        return True

    def damaged(self) -> None:
        """The payload was not what its command stores: noted, and replaced by the next store."""
        if self.path is not None:
            self.cache.ignored(self.path, "its result is not of the expected shape")

    def digests(self, files: Iterable[str]) -> dict[str, str | None]:
        """Every file's SHA-256 now (None when missing)."""
        relatives = sorted(set(files))
        top = self._top()
        return dict(zip(relatives, map(file_digest, [top + rel for rel in relatives])))  # plain strings: no Path per file

    def store(self, digests: dict[str, str | None], payload: Any, content: Listing | None = None,
              read_at: int | None = None, folders: list[str] | None = None,
              written: frozenset[str] = frozenset()) -> None:
        """Records payload as the result for files with these digests: those of the bytes the
        run read (or wrote), never of the files afterwards (they may have changed during the
        run). content is the listing of content/ the run saw (listed now if not given), unless
        folders names the only folders whose entries the result depends on: then any change to
        one is a miss. read_at is time.time_ns() from before the run read its files: a status is
        trusted only when its file did not change since a clock tick before it (a later lookup
        adds the others). written: files the run itself wrote after read_at, whose statuses are
        untrusted without a look (a cold build's 40,000 new bundle files need no stat)."""
        if self.path is None:
            return
        files = sorted(rel for rel, found in digests.items() if found is not None)
        missing = sorted(rel for rel, found in digests.items() if found is None)
        if folders is not None:
            # What the run saw of these folders it saw after read_at: a change since, even its own
            # (a bundle renamed into place), leaves their status untrusted.
            listed_at = -RACY_COARSE_NS if read_at is None else read_at
            there = [folder for folder in folders if os.path.isdir(os.path.join(self.root, folder))]
            missing += [folder for folder in folders if folder not in there]  # appearing is a change too
            record = Record(there, files, [str(digests[rel]) for rel in files], sorted(missing), None, array("q"))
            self._write(payload, record, listed_at, read_at, written)
            return
        listing = walk_content(self.root) if content is None else content
        if not listing.folders:
            missing.append(CONTENT_DIR)  # content/ appearing is a change too
        record = Record(listing.folders, files, [str(digests[rel]) for rel in files], missing, listing.files,
                        array("q"))
        self._write(payload, record, listing.taken_at, read_at, written)

    def _write(self, payload: Any, record: Record, listed_at: int, read_at: int | None,
               written: frozenset[str] = frozenset()) -> None:
        """Stores the entry with the statuses found now (trusted when older than listed_at for the
        folders, read_at for the files; none trusted for files without read_at, nor for those the
        run wrote)."""
        top = self._top()
        folder_values, trusted = trusted_statuses([top + relative for relative in record.folders], listed_at)
        looked = [] if read_at is None else [relative for relative in record.files if relative not in written]
        file_values, files_trusted = trusted_statuses([top + relative for relative in looked], read_at)
        trusted = trusted and files_trusted and len(looked) == len(record.files) and read_at is not None
        found: dict[str, tuple[int, ...]] = dict.fromkeys(record.files, UNTRUSTED) \
            if len(looked) < len(record.files) else {}
        found.update(zip(record.folders + looked, _quads(folder_values + file_values)))
        values = array("q", chain.from_iterable(found[relative] for relative in record.order()))
        self._dump(payload, record.with_values(values), trusted)

    def _dump(self, payload: Any, record: Record, trusted: bool) -> None:
        top = self._top()
        values = record.values
        # After the first line, the paths as the file system names them (a name that is not UTF-8
        # too): JSON reads a string of 40,000 escaped line breaks several times slower than this is split.
        paths = os.fsencode("\0".join(top + relative for relative in record.order()))
        head = {"format": FORMAT, "code": self.cache.code(), "top": top,
                "paths": len(paths), "missing": "\0".join(record.missing),
                "statuses": status_digest(values) if trusted else None, "payload": payload}
        # (joined by NULs, the one character no name holds: a line break may be in a file's name)
        tail = {"folders": "\0".join(record.folders), "files": "\0".join(record.files),
                "digests": "\0".join(record.digests),
                "listing": None if record.listing is None else "\0".join(record.listing),
                "statuses": binascii.b2a_base64(values.tobytes(), newline=False).decode("ascii")}
        assert self.path is not None
        store_json(self.path, b"%s\n%s%s" % (_json(head), paths, _json(tail)))

    def amend(self, changed: dict[str, str | None], recorded: Iterable[str], payload: Any,
              read: dict[str, str | None]) -> bool:
        """The entry brought up to date with files the caller itself just wrote (their digests) or
        removed (None): they join or leave the listing of content/, and those in recorded become
        (or stay) recorded inputs, with untrusted statuses, as their folders get: the next lookup
        reads those files and lists those folders again, and nothing else. read holds the digests
        of the inputs as the caller read them: an entry recorded for other versions of them (a file
        saved meanwhile, and another run's entry stored) is left alone, as payload is not its
        result. False when there is no entry to amend."""
        full = self._full()
        if full is None:
            return False
        record = full[1]
        inputs = dict.fromkeys(record.missing) | dict(zip(record.files, record.digests))
        if record.listing is None or any(rel not in changed and rel in read and read[rel] != found
                                         for rel, found in inputs.items()):
            return False
        listing = set(record.listing)
        for relative, found in changed.items():
            if relative.startswith(CONTENT_DIR + "/"):
                (listing.add if found is not None else listing.discard)(relative)
        old = {relative: tuple(record.values[4 * index:4 * index + 4]) for index, relative in enumerate(record.order())}
        files = dict(zip(record.files, record.digests))
        for relative in recorded:
            if changed.get(relative) is None:
                files.pop(relative, None)
            else:
                files[relative] = str(changed[relative])
                old[relative] = UNTRUSTED
        folders, seen = set(record.folders), set()
        top = self._top()
        for relative, found in changed.items():  # their folders' entries changed: each is listed again next time
            parent = relative.rpartition("/")[0]
            while (parent.startswith(CONTENT_DIR + "/") or parent == CONTENT_DIR) and parent not in seen:
                seen.add(parent)
                # (a file just written is in a folder; should it be gone since, its status and
                # listing, untrusted, are a miss)
                if found is not None or os.path.isdir(top + parent):
                    folders.add(parent)
                    old[parent] = UNTRUSTED
                else:
                    folders.discard(parent)  # removed with its last file
                parent = parent.rpartition("/")[0]
        relatives = sorted(files)
        missing = [relative for relative in record.missing if relative not in folders]  # content/ made by the caller
        amended = Record(sorted(folders), relatives, [files[r] for r in relatives], missing, sorted(listing),
                         array("q"))
        amended.values.extend(chain.from_iterable(old[relative] for relative in amended.order()))
        self._dump(payload, amended, False)
        return True


_FOREIGN: dict[str, Any] = {}  # a first line that is not an entry's


def _parse(line: bytes) -> dict[str, Any] | None:
    """An entry's first line: its fields, _FOREIGN when it is none, None when it is another
    format's (replaced without a word, as after any upgrade)."""
    try:
        head = json.loads(line)
    except ValueError:
        return _FOREIGN
    if isinstance(head, dict) and type(head.get("format")) is int and head["format"] != FORMAT:
        return None
    if not isinstance(head, dict) or head.get("format") != FORMAT \
            or not all(isinstance(head.get(k), str) for k in ("code", "top", "missing")) \
            or type(head.get("paths")) is not int or head["paths"] < 0 \
            or not isinstance(head.get("statuses"), (str, type(None))):
        return _FOREIGN
    return head


def _json(value: object) -> bytes:
    return json.dumps(value, check_circular=False).encode("ascii")  # (in ASCII: a name's lone surrogate escaped)


def _quads(values: array[int]) -> Iterable[tuple[int, ...]]:
    """The statuses of an array, four numbers each."""
    numbers = iter(values)
    return zip(numbers, numbers, numbers, numbers)


def _lines(text: str) -> list[str]:
    """The names a stored field joins."""
    return text.split("\0") if text else []
