"""Merging imported publications into an existing database file, as text edits.

Entries are matched by DOI, arXiv id, `id`, then normalised title. A match gains the fields it
lacks (and link kinds it lacks); a field it has already is never overwritten, and a different
incoming value is reported as a conflict. A venue that is the same venue with a journal's
locator it lacks (hugokit.venue_string.with_more_locator) counts as a field it lacks: it is
replaced where it stands. New entries go in among the entries of their year.
Everything else in the file — comments, key order, quoting — stays as it was.
"""
from __future__ import annotations

import re

from hugokit.diagnostics import Diagnostic, warning, quoted
from hugokit.inputs import bom_length
from hugokit.model import FIELDS, Database, Publication
from hugokit.render.database_yaml import render_entry, render_link, render_value
from hugokit.text import clean_doi, fold
from hugokit.venue_string import with_more_locator
from hugokit.verify import copy

# (offset, order, what to put there: text, or a new entry to render; where the text it replaces
# ends: offset for an insertion)
Edit = tuple[int, int, "str | Publication", int]


class MergeResult:
    """(A plain class, as the start-up path's are: see hugokit.model.)"""

    __slots__ = ("text", "added", "updated", "diagnostics", "expected", "matched")

    def __init__(self, text: str) -> None:
        self.text = text
        self.added: list[Publication] = []
        self.updated: list[tuple[Publication, list[str]]] = []  # (entry, fields gained)
        self.diagnostics: list[Diagnostic] = []  # conflicts
        self.expected: list[Publication] = []  # what text must read back as
        self.matched: list[tuple[Publication, Publication]] = []  # (incoming, the entry it is)


class _Index:
    def __init__(self) -> None:
        self.by_key: dict[str, int] = {}

    @staticmethod
    def keys(pub: Publication) -> list[str]:
        keys = []
        if pub.doi:
            keys.append("doi:" + clean_doi(pub.doi).casefold())
        if pub.arxiv:
            keys.append("arxiv:" + pub.arxiv.casefold())
        if pub.id:
            keys.append("id:" + pub.id)
        if fold(pub.title):
            keys.append("title:" + fold(pub.title))
        return keys

    def find(self, pub: Publication) -> int | None:
        return next((self.by_key[k] for k in self.keys(pub) if k in self.by_key), None)

    def add(self, pub: Publication, index: int) -> None:
        for key in self.keys(pub):
            self.by_key.setdefault(key, index)


def merge(text: str, database: Database, incoming: list[Publication], source: str) -> MergeResult:
    """source names where the incoming entries come from, as conflicts speak of it: the imported
    file as shown ("scholar.bib"), or "the fetched record"."""
    entries = list(database.publications)
    index = _Index()
    for i, pub in enumerate(entries):
        index.add(pub, i)
    result = MergeResult(text)
    edits: list[Edit] = []
    gained: dict[int, Publication] = {}  # existing entry -> the fields it gains, gathered
    offsets: dict[int, int] = {}  # year -> where its new entries go (one scan per distinct year)
    for order, new in enumerate(incoming):
        at = index.find(new)
        if at is not None and at >= len(database.publications):
            # Another incoming entry is the same publication: both are kept, as an import into a
            # new database keeps them, and check's duplicate rules then point at the pair.
            result.diagnostics.append(warning(new.at(), "duplicate-in-import",
                                              f'{source} has {quoted(new.title)} twice; both were added',
                                              "delete the one you do not want from the database"))
            at = None
        if at is None:
            index.add(new, len(entries))
            entries.append(new)
            result.added.append(new)
            if new.year not in offsets:
                offsets[new.year] = _new_entry_offset(text, database.publications, new.year)
            edits.append((offsets[new.year], order, new, offsets[new.year]))
            continue
        old = database.publications[at]
        result.matched.append((new, old))
        target = gained.setdefault(at, Publication(title=old.title, year=old.year))
        for spec in FIELDS:
            _gain(spec.name, old, new, target, result, source)
    expected = [copy(pub) for pub in database.publications]
    for at, target in gained.items():
        old = database.publications[at]
        names = [name for name, value in target.fields().items() if value and name not in ("title", "year")]
        if names:
            result.updated.append((old, names))
            replaced = [name for name in names if name != "links" and getattr(old, name)]
            for name in replaced:
                where = old.at(name)
                edits.append((where.offset, _FIELDS, render_value(name, getattr(target, name)), where.end))
            added = [name for name in names if name not in replaced]
            edits.extend((offset, order, body, offset) for offset, order, body in
                         _field_edits(text, old, target, added))
            for name in names:
                if name == "links":
                    expected[at].links.update(target.links)
                else:
                    setattr(expected[at], name, getattr(target, name))
    empty = _empty_list(text, database) if result.added else None
    if empty is not None:  # the new entries take its place (after it, the file would not be a list)
        edits.append((empty[0], len(incoming), "", empty[1]))
    result.text = _apply(text, edits, database)
    result.expected = expected + [copy(pub) for pub in result.added]
    return result


# A database with no entries written as an empty flow list, as hugokit init writes it.
_EMPTY_LIST = re.compile(r"^\[[ \t]*\][ \t]*(?:#[^\n]*)?(?:\r?\n|\Z)", re.M)


def _empty_list(text: str, database: Database) -> tuple[int, int] | None:
    """Where a database without entries writes its empty list (its line), if it does."""
    if database.publications or database.entries:
        return None
    found = _EMPTY_LIST.search(text)
    return (found.start(), found.end()) if found else None


def _gain(name: str, old: Publication, new: Publication, target: Publication, result: MergeResult,
          source: str) -> None:
    mine, theirs = getattr(old, name), getattr(new, name)
    if not theirs or name in ("title", "year") and fold(str(mine)) == fold(str(theirs)):
        return
    if name == "links":
        for kind, url in theirs.items():
            if kind not in mine:
                target.links[kind] = url
            elif mine[kind] != url:
                _conflict(result, old, f"links.{kind}", f"the {kind} link", mine[kind], url, source)
        return
    if not mine:
        setattr(target, name, theirs)
    elif name == "venue" and (kept := with_more_locator(mine, theirs)) is not None:
        if kept != mine:
            setattr(target, name, kept)
    elif mine != theirs:
        _conflict(result, old, name, name, mine, theirs, source)


def _conflict(result: MergeResult, old: Publication, key: str, label: str, mine: object, theirs: object,
              source: str) -> None:
    def shown(value: object) -> str:
        return ", ".join(value) if isinstance(value, list) else str(value)

    result.diagnostics.append(warning(old.at(key), "merge-conflict",
                                      f'{source} has another {label} for {quoted(old.title)}: {quoted(shown(theirs))}; '
                                      f"kept {quoted(shown(mine))}", f"edit the database by hand if {source} is right"))


def _line_start(text: str, offset: int) -> int:
    """Where offset's line starts: on the first line, after the byte-order mark (an entry put
    before it would move the mark into the middle of the file)."""
    return text.rfind("\n", 0, offset) + 1 or bom_length(text)


def _after_line(text: str, offset: int) -> int:
    if offset > 0 and text[offset - 1] == "\n":
        return offset
    end = text.find("\n", offset)
    return len(text) if end < 0 else end + 1


def _new_entry_offset(text: str, existing: list[Publication], year: int) -> int:
    """Before the first entry filed under an older year, above the comments that lead into it
    (comments above the first entry are the file's header and stay on top)."""
    for number, pub in enumerate(existing):
        if pub.year < year:
            start = _line_start(text, pub.at().offset)
            while start > 0 and number > 0:
                previous = _line_start(text, start - 1)
                if not text[previous:start].strip().startswith("#"):
                    break  # a blank line or another entry ends the comments that lead into this one
                start = previous
            return start
    return len(text)


# Where insertions meet at one offset, they go in this order, then new entries in import order:
# an entry's last line break, its new links (still inside `links:`), its new fields, then the
# entries that follow it.
_LINE_END, _LINKS, _FIELDS = -3, -2, -1


def _field_edits(text: str, old: Publication, target: Publication, names: list[str]) -> list[tuple[int, int, str]]:
    entry = old.at()
    flow = text[entry.offset] == "{"
    edits: list[tuple[int, int, str]] = []
    top = [n for n in names if n != "links" or not old.links]
    if "links" in names and old.links:
        links = old.at("links")
        if text[links.offset] == "{":
            body = "".join(f", {render_link(k, u)}" for k, u in target.links.items())
            edits.append((links.end - 1, _LINKS, body))
        else:
            first = old.at(f"links.{next(iter(old.links))}")
            line = text[_line_start(text, first.offset):first.offset]
            indent = " " * (len(line) - len(line.lstrip()))
            last_end = max(old.at(f"links.{k}").end for k in old.links)
            body = "".join(f"{indent}{render_link(k, u)}\n" for k, u in target.links.items())
            edits.append((_after_line(text, last_end), _LINKS, body))
    if not top:
        return edits
    if flow:
        body = "".join(f", {n}: {render_value(n, getattr(target, n))}" for n in top)
        edits.append((entry.end - 1, _FIELDS, body))
    else:
        last_end = max(old.at(k).end for k in old.where if k and "." not in k)
        indent = " " * (entry.col - 1)
        body = "".join(f"{indent}{n}: {render_value(n, getattr(target, n))}\n" for n in top)
        edits.append((_after_line(text, last_end), _FIELDS, body))
    return edits


def _apply(text: str, edits: list[Edit], database: Database) -> str:
    """The text with every insertion and replacement made, in one pass (linear in the file's
    size). Insertions at one offset keep their order; new text uses the file's own line ending."""
    indent = ""
    if database.publications:
        first = database.publications[0].at()
        line_start = _line_start(text, first.offset)
        indent = " " * (len(text[line_start:first.offset]) - len(text[line_start:first.offset].lstrip()))
    newline = "\r\n" if "\r\n" in text[:text.find("\n") + 1] else "\n"
    rendered: list[tuple[int, int, str, int]] = []
    for offset, order, entry_or_text, until in edits:
        body = render_entry(entry_or_text, indent) if isinstance(entry_or_text, Publication) else entry_or_text
        rendered.append((offset, order, body if newline == "\n" else body.replace("\n", newline), until))
    end = len(text)
    if text and not text.endswith("\n") and any(offset == end for offset, _, _, _ in rendered):
        rendered.append((end, _LINE_END, newline, end))
    pieces: list[str] = []
    done = 0
    for offset, _, body, until in sorted(rendered, key=lambda e: (e[0], e[1])):
        pieces += [text[done:offset], body]
        done = max(done, until)  # (an insertion where a replaced text began is not a step back)
    pieces.append(text[done:])
    return "".join(pieces)
