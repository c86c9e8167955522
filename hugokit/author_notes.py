"""What the marks after an author's name mean, as Hugo Blox's `author_notes` say it: the one
legend the page bundles are written with and read back by.

Real sites give a mark many meanings: `*` equal contribution and `†` the corresponding author
(shengyang93.github.io writes the marks themselves as notes: `"*"`, `"†"`), `corresponding
author` spelled out (NJUAstrometry.github.io), `† Equal contribution` (Animadversio.github.io).
In the database every mark means equal contribution (the owner's lab writes `†` so; the
importers mark no other note), and bundles say so, unless the site's `author_notes` setting gives
a mark another meaning (a site whose `†` is the corresponding author says so there). Reading notes
back, a mark means only what the site's setting says (and `*`, equal contribution): a note that is
a bare `†` is kept as the mark, and reported, since hugokit cannot tell what it means.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from hugokit.diagnostics import Position, quoted, warning
from hugokit.text import MARKS

if TYPE_CHECKING:
    import yaml

    from hugokit.load import Reader

EQUAL_CONTRIBUTION = "Equal contribution"
DEFAULT_LEGEND: dict[str, str] = dict.fromkeys(MARKS, EQUAL_CONTRIBUTION)  # what bundles are written with
READ_LEGEND: dict[str, str] = {"*": EQUAL_CONTRIBUTION}  # what notes are read back by
# A note's words that say equal contribution, however a site words it.
CONTRIBUTION = re.compile(r"equal(?:ly)? contribut|contributed equally|\bco-?first|\bjoint first", re.IGNORECASE)
_PIECES = re.compile(r"\s*[,;]\s*")


def legend(configured: tuple[tuple[str, str], ...] = ()) -> dict[str, str]:
    """Mark → note, as bundles are written: the site's setting over every mark's Equal contribution."""
    return {**DEFAULT_LEGEND, **dict(configured)}


def read_legend(configured: tuple[tuple[str, str], ...] = ()) -> dict[str, str]:
    """Mark → note, as notes are read back: the site's setting, and `*` for Equal contribution."""
    return {**READ_LEGEND, **dict(configured)}


def note_for(marks: str, meanings: dict[str, str]) -> str:
    """The note for the marks after a name ("" for none): each mark's meaning, or the mark itself."""
    return ", ".join(dict.fromkeys(meanings.get(mark, mark) for mark in marks))


def marks_in(note: str, meanings: dict[str, str]) -> str | None:
    """The marks a note stands for by the legend: its meanings (`Corresponding author`, in any
    case), the marks written alone (`†`), or several of them joined by commas; None when some
    piece is neither."""
    by_note: dict[str, str] = {}
    for mark, meaning in meanings.items():
        by_note.setdefault(_words(meaning), mark)
    if _words(note) in by_note:  # a meaning with a comma of its own (Equal contribution, alphabetical order)
        return by_note[_words(note)]
    found = ""
    for piece in _PIECES.split(note.strip()):
        if piece and piece.strip(MARKS) == "":
            found += piece
        elif _words(piece) in by_note:
            found += by_note[_words(piece)]
        else:
            return None
    return "".join(dict.fromkeys(found)) or None


def mark_authors(reader: Reader, authors: list[str], notes: list[tuple[str, yaml.Node]],
                 unkept: Callable[[Position, str], None], meanings: dict[str, str]) -> None:
    """Marks the authors a note names by the site's legend (hugokit.author_notes: its meanings,
    `Equal contribution` for `*`, or the marks written alone, `†`); then those an
    equal-contribution note names otherwise: `*`, or the mark the note starts with (`† Equal
    contribution`); two such notes worded apart are two groups, each its own mark (never one the
    legend gives another meaning). Every other note (`Equal supervision`, `Corresponding
    author` where the legend does not name it: the author stays unmarked) and notes past the
    last author are reported, once per page."""
    marks: dict[str, str] = {}
    unkept_notes: dict[str, yaml.Node] = {}
    unexplained = ""
    other = {mark for mark, meaning in meanings.items() if not CONTRIBUTION.search(meaning)}
    for index, (note, note_node) in enumerate(notes):
        text = note.strip()
        words = " ".join(text.lstrip(MARKS + " ").casefold().split())
        if not text:
            continue
        if index >= len(authors):
            unkept_notes.setdefault("a note after the last author", note_node)
            continue
        named = marks_in(text, meanings)
        if named is not None and set(named) - meanings.keys() and not unexplained:
            unexplained = text  # a bare mark the site's legend does not explain: kept, and reported once
            reader.diagnostics.append(warning(
                reader.pos(note_node), "unexplained-mark",
                f"the author note {quoted(text)} is a mark alone: it was kept as the mark, which hugokit's "
                "database reads as equal contribution",
                'if it means something else, say so in hugokit.yaml (author_notes: {"†": Corresponding author}) '
                "and import again"))
        if named is not None and not set(named) & set(marks.values()):  # (a group took them: one of its own)
            other.update(named)  # (no group of equal contributors gets them)
            if not authors[index].endswith(tuple(MARKS)):
                authors[index] += named
            continue
        if not CONTRIBUTION.search(words):
            unkept_notes.setdefault("notes other than equal contribution", note_node)
            continue
        if words not in marks:
            wanted = MARKS.index(text[0]) if text[0] in MARKS else 0
            free = [m for m in MARKS[wanted:] + MARKS[:wanted] if m not in marks.values() and m not in other]
            if not free:
                unkept_notes.setdefault("a fourth group of equal contributors, past *, † and ‡", note_node)
                continue
            marks[words] = free[0]
        if not authors[index].endswith(tuple(MARKS)):
            authors[index] += marks[words]
    if unkept_notes:  # once per page, at the first note not kept
        what, note_node = next(iter(unkept_notes.items()))
        unkept(reader.pos(note_node), what)


def _words(text: str) -> str:
    return " ".join(text.casefold().split())
