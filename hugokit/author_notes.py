"""What the marks after an author's name mean, as Hugo Blox's `author_notes` say it: the one
legend the page bundles are written with and read back by.

Real sites give a mark many meanings: `*` equal contribution and `†` the corresponding author
(shengyang93.github.io writes the marks themselves as notes: `"*"`, `"†"`), `corresponding
author` spelled out (NJUAstrometry.github.io), `† Equal contribution` (Animadversio.github.io).
Only `*` means equal contribution unless the site's `author_notes` setting says more; a mark the
site gives no meaning is written as itself, never as a meaning it may not have.
"""
from __future__ import annotations

import re

from hugokit.text import MARKS

EQUAL_CONTRIBUTION = "Equal contribution"
DEFAULT_LEGEND: dict[str, str] = {"*": EQUAL_CONTRIBUTION}
# A note's words that say equal contribution, however a site words it.
CONTRIBUTION = re.compile(r"equal(?:ly)? contribut|contributed equally|\bco-?first|\bjoint first", re.IGNORECASE)
_PIECES = re.compile(r"\s*[,;]\s*")


def legend(configured: tuple[tuple[str, str], ...] = ()) -> dict[str, str]:
    """Mark → note: the site's setting over the default (`*`: Equal contribution)."""
    return {**DEFAULT_LEGEND, **dict(configured)}


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


def _words(text: str) -> str:
    return " ".join(text.casefold().split())
