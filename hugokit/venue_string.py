"""The venue string's grammar, in one place: what `venue: …` may hold and where each piece stands.

    venue   := part (", " part)*
    part    := [WORKSHOP "@"] NAME [" " LOCATOR] [[","] " " YEAR] mark*
    locator := VOLUME ["(" ISSUE ")"] [(":" | ", ") PAGES] ["."]   with an issue or pages at least
    mark    := [" "] "(" TEXT ")"        a presentation mark, or an award

`ATC 2018 (Oral), AISys@SOSP 2017, MLSys@NeurIPS 2017` is three parts: ATC 2018 presented as an
oral, and two workshops at conferences. `OSDI 2021(Jay Lepreau Best Paper Award!)` is one part
with an award written into it. `Nature 585(7825):357–362` is the journal Nature with its volume,
issue and pages (the locator), as Hugo Blox pages and citations write a journal article's
venue; `PeerJ Computer Science 8, e1078` and `Phys. Rev. 47:777–780` are others. A bare number
after a name (`Web 3`) is part of the name. A ", " separates parts only after a year or a mark, so a name
that contains a comma (`Foo, Bar 2020`) stays one part. A parenthesis that is neither a
presentation mark nor an award stays part of the name (and is then checked as a venue name).
Every piece keeps its character span in the string, so a diagnostic can point at it and a fix
can replace it alone.
"""

import re
from functools import lru_cache
from typing import NamedTuple

# Presentation marks (case-insensitive), as programme committees name them.
PRESENTATIONS = ("oral", "spotlight", "poster", "highlight", "talk", "contributed talk", "invited talk",
                 "long talk", "short talk", "lightning talk", "long oral", "short oral", "demo")
# Compiled on first use (the re module keeps it): a presentation mark, the common one, never needs it.
_AWARD_WORDS = r"(?i)\b(award|prize|best|honou?rable|distinguished|outstanding|winner)\b"
_MARK = re.compile(r"\s?\(([^()]*)\)\s*$")
_YEAR = re.compile(r"\s(\d{4})$")
_PAGES = r"(?:pp?\.\s?)?[A-Za-z]?\d+(?:\s?[-–—]{1,2}\s?[A-Za-z]?\d+)?"
_ISSUE = r"(?:S|Suppl\.?\s?|Pt\.?\s?)?\d+(?:[-–/]\d+)?[A-Za-z]?"  # 7825, 3-4, S1, Suppl. 2
# Compiled on first use (the re module keeps them): most venues end in no digit and have no locator.
_LOCATOR = rf"\s(\d+(?:\s?\(({_ISSUE})\))?(?:(:\s?|,\s){_PAGES})?)\.?$"
_LOCATOR_PIECES = rf"(\d+)(?:\s?\(({_ISSUE})\))?(?:(?::\s?|,\s)(?:pp?\.\s?)?(.+))?"


class Span(NamedTuple):
    start: int
    end: int
    text: str


class Parenthetical(NamedTuple):
    kind: str  # "presentation" or "award"
    value: Span  # the text inside the parentheses, without a trailing "!"
    whole: Span  # the mark with its parentheses and the space before it


class VenuePart(NamedTuple):
    whole: Span
    name: Span  # the conference, journal or other venue (after the "@" of a workshop)
    workshop: Span | None = None
    year: Span | None = None
    marks: tuple[Parenthetical, ...] = ()
    locator: Span | None = None  # a journal's volume, issue and pages: 585(7825):357–362

    @property
    def awards(self) -> tuple[Parenthetical, ...]:
        return tuple(m for m in self.marks if m.kind == "award")


def mark_kind(text: str) -> str:
    """"presentation", "award" or "" for the text inside a parenthesis."""
    bare = text.strip().rstrip("!").strip()
    if bare.casefold() in PRESENTATIONS:
        return "presentation"
    return "award" if re.search(_AWARD_WORDS, bare) else ""


@lru_cache(maxsize=4096)  # a site writes the same few hundred venues again and again
def parse(venue: str) -> tuple[VenuePart, ...]:
    """The parts of a venue string, in order; none for an empty one."""
    parts: list[VenuePart] = []
    start = 0
    search_from = 0
    while True:
        comma = venue.find(", ", search_from)
        if comma < 0:
            break
        part = _part(venue, start, comma)
        if part.year is not None or part.marks:
            parts.append(part)
            start = comma + 2
        search_from = comma + 2
    if venue[start:].strip() or not parts:
        if venue.strip():
            parts.append(_part(venue, start, len(venue)))
    return tuple(parts)


def _part(venue: str, start: int, end: int) -> VenuePart:
    text = venue[start:end]
    stop = len(text.rstrip())
    marks: list[Parenthetical] = []
    while True:
        found = _MARK.search(text, 0, stop)
        if not found:
            break
        kind = mark_kind(found.group(1))
        if not kind:
            break
        inner = found.group(1)
        left = len(inner) - len(inner.lstrip())
        bare = inner.strip().rstrip("!").rstrip()
        value_start = start + found.start(1) + left
        marks.insert(0, Parenthetical(kind, Span(value_start, value_start + len(bare), bare),
                             Span(start + found.start(), start + found.end(), found.group(0))))
        stop = len(text[: found.start()].rstrip())
    year = None
    found = _YEAR.search(text, 0, stop)
    if found:
        year = Span(start + found.start(1), start + found.end(1), found.group(1))
        stop = found.start()
    lead = len(text) - len(text.lstrip())
    core = text[lead:stop].rstrip().rstrip(",")
    locator = None
    last = core.rstrip(".")[-1:]
    found = re.search(_LOCATOR, core) if last.isdigit() or last == ")" else None  # a locator ends so
    if found and (found.group(2) or found.group(3)):
        at = start + lead + found.start(1)
        locator = Span(at, at + len(found.group(1)), found.group(1))
        core = core[: found.start()].rstrip().rstrip(",")
    workshop = None
    at = core.find("@")
    name_start = start + lead
    if 0 < at < len(core) - 1 and " " not in core[at - 1: at + 2]:
        workshop = Span(name_start, name_start + at, core[:at])
        name_start += at + 1
        core = core[at + 1:]
    name = Span(name_start, name_start + len(core), core)
    return VenuePart(Span(start, end, text), name, workshop, year, tuple(marks), locator)


class Locator(NamedTuple):
    volume: str
    issue: str  # "" when not given
    pages: str  # as written ("357–362", "e1078"), "" when not given

    def fields(self, volume: str, issue: str, pages: str, dash: str) -> list[tuple[str, str]]:
        """The pieces given, under a format's names for them, the pages' range with the format's
        dash (BibTeX's --, CSL's -)."""
        page_range = re.sub(r"\s*[-–—]+\s*", dash, self.pages)
        return [(name, value) for name, value in ((volume, self.volume), (issue, self.issue), (pages, page_range))
                if value]

    def __str__(self) -> str:
        return self.volume + (f"({self.issue})" if self.issue else "") + (f":{self.pages}" if self.pages else "")


def locator_pieces(locator: Span) -> Locator:
    """A locator's volume, issue and pages, for the exports' own fields."""
    found = re.fullmatch(_LOCATOR_PIECES, locator.text)
    assert found is not None  # the locator was found by the same pattern
    return Locator(found.group(1), found.group(2) or "", found.group(3) or "")


def replaced(venue: str, span: Span, new: str) -> str:
    return venue[: span.start] + new + venue[span.end:]


def without(venue: str, spans: list[Span]) -> str:
    """The venue with the spans cut out (for moving an award out of it)."""
    for span in sorted(spans, key=lambda s: s.start, reverse=True):
        venue = venue[: span.start] + venue[span.end:]
    return venue
