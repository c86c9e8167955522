"""The venue string's grammar, in one place: what `venue: …` may hold and where each piece stands.

    venue   := part (", " part)*
    part    := [WORKSHOP "@"] NAME [" " LOCATOR] [[","] " " YEAR | " (" YEAR ")"] [", " PAGES-ALONE] mark*
    locator := VOLUME ["(" ISSUE ")"] [(":" | ", ") PAGES] ["."]   with an issue or pages at least
    pages-alone := ("pp. " | "p. ") PAGES  a locator without a volume: a proceedings paper's pages
    mark    := [" "] "(" TEXT ")"        a presentation mark, or an award

`ATC 2018 (Oral), AISys@SOSP 2017, MLSys@NeurIPS 2017` is three parts: ATC 2018 presented as an
oral, and two workshops at conferences. `OSDI 2021(Jay Lepreau Best Paper Award!)` is one part
with an award written into it. `Nature 585(7825):357–362` is the journal Nature with its volume,
issue and pages (the locator), as Hugo Blox pages and citations write a journal article's
venue; `PeerJ Computer Science 8, e1078`, `Phys. Rev. 47:777–780` and `Aquaculture 426–427:231–237`
(a double volume) and `Proc. ACM Program. Lang. 3(POPL):73:1–73:29` (an issue named by its
conference, ACM's article and page) are others; `OSDI 2022, pp. 559–578` is a proceedings paper's pages, which
have no volume and so stand after the year, behind "pp." (the one locator a part may have). After a
locator, a year may stand in parentheses, as physics and astronomy cite a journal
(`A&A 634, A28 (2020)`, `Nature 612, 45–50 (2022)`): there it is no issue. A bare number
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
_PARENTHESIZED_YEAR = re.compile(r"\s\((\d{4})\)$")
_PAGE = r"(?:\d+:)?[A-Za-z]{0,3}\d+"  # 357, e1078, S12, fnw102 (an article number), ACM's 73:1 (article:page)
_PAGES = rf"(?:pp?\.\s?)?{_PAGE}(?:\s?[-–—]{{1,2}}\s?{_PAGE})?"
_VOLUME = r"\d+(?:[-–]\d+|[A-Z])?"  # 585, a double volume 426–427, 45B
_ISSUE = r"(?:S|Suppl\.?\s?|Pt\.?\s?)?\d+(?:[-–/]\d+)?[A-Za-z]?"  # 7825, 3-4, S1, Suppl. 2
# ACM's PACM journals number an issue by its conference (3(POPL), 7(OOPSLA2)): only with pages after it.
_ACRONYM = r"[A-Z]{2,}\d?"
# Compiled on first use (the re module keeps them): most venues end in no digit and have no locator.
_LOCATOR = rf"\s({_VOLUME}(?:(?:\s?\(({_ISSUE})\))?(?:(:\s?|,\s){_PAGES})?|\s?\(({_ACRONYM})\)(?::\s?|,\s){_PAGES}))\.?$"
_LOCATOR_PIECES = rf"({_VOLUME})(?:\s?\(({_ISSUE}|{_ACRONYM})\))?(?:(?::\s?|,\s)(?:pp?\.\s?)?(.+))?"
# Pages without a volume, after the year: ", pp. 559–578" (the comma is the part's, not a separator).
_PAGES_ALONE = rf"pp?\.\s?{_PAGE}(?:\s?[-–—]{{1,2}}\s?{_PAGE})?"
_PAGES_ALONE_END = rf",\s({_PAGES_ALONE})$"
_VOLUME_ISSUE_END = rf"\s{_VOLUME}(?:\s?\(({_ISSUE}|{_ACRONYM})\))?$"
_PAGES_ALONE_NEXT = rf"{_PAGES_ALONE}(?=\s?\(|,\s|\s*$)"


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
    locator: Span | None = None  # a journal's volume, issue and pages (585(7825):357–362), or pp. 559–578

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
        if venue.startswith("p", comma + 2) and re.match(_PAGES_ALONE_NEXT, venue[comma + 2:]):
            search_from = comma + 2  # ", pp. 12–34": the pages of the part before, not a part
            continue
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
    marks, stop = _marks(text, start, stop) if text.endswith(")", 0, stop) else ([], stop)
    locator = None
    found = re.search(_PAGES_ALONE_END, text[:stop]) if "p." in text else None
    if found:  # OSDI 2022, pp. 559–578 (Oral); ICML 2020 (Oral), pp. 1–10
        more, before = _marks(text, start, found.start())
        # after a volume or an issue (Proc. IEEE 86(11), pp. 2278–2324) they are a journal's locator's
        if more or _YEAR.search(text, 0, before) or not re.search(_VOLUME_ISSUE_END, text[:before]):
            locator = Span(start + found.start(1), start + found.end(1), found.group(1))
            marks, stop = more + marks, before
    year = None
    found = _YEAR.search(text, 0, stop) or _year_after_locator(text, stop, locator)
    if found:
        year = Span(start + found.start(1), start + found.end(1), found.group(1))
        stop = found.start()
    lead = len(text) - len(text.lstrip())
    core = text[lead:stop].rstrip().rstrip(",")
    last = core.rstrip(".")[-1:]
    # a journal's locator ends so
    found = re.search(_LOCATOR, core) if locator is None and (last.isdigit() or last == ")") else None
    if found and (found.group(2) or found.group(3) or found.group(4)):
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


def _year_after_locator(text: str, stop: int, locator: Span | None) -> "re.Match[str] | None":
    """A year in parentheses right after a journal's locator (`Nature 612, 45–50 (2022)`), which
    would otherwise read as the issue of a volume `45–50`."""
    found = _PARENTHESIZED_YEAR.search(text, 0, stop) if locator is None and text.endswith(")", 0, stop) else None
    if found is None:
        return None
    before = re.search(_LOCATOR, text[:found.start()].rstrip(","))
    return found if before and (before.group(2) or before.group(3) or before.group(4)) else None


def _marks(text: str, start: int, stop: int) -> tuple[list[Parenthetical], int]:
    """The marks text[:stop] ends with, in order, and where they begin."""
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
    return marks, stop


class Locator(NamedTuple):
    volume: str  # "" for pages alone (a proceedings paper's)
    issue: str  # "" when not given
    pages: str  # as written ("357–362", "e1078"), "" when not given

    def fields(self, volume: str, issue: str, pages: str, dash: str) -> list[tuple[str, str]]:
        """The pieces given, under a format's names for them, a range of pages or volumes with the
        format's dash (BibTeX's --, CSL's -)."""
        def ranged(text: str) -> str:
            return re.sub(r"\s*[-–—]+\s*", dash, text)

        return [(name, value) for name, value in ((volume, ranged(self.volume)), (issue, self.issue),
                                                  (pages, ranged(self.pages))) if value]

    def __str__(self) -> str:
        if not self.volume:
            return ("pp. " if re.search(r"\d\s?[-–—]", self.pages) else "p. ") + self.pages
        return self.volume + (f"({self.issue})" if self.issue else "") + (f":{self.pages}" if self.pages else "")


def locator_pieces(locator: Span) -> Locator:
    """A locator's volume, issue and pages, for the exports' own fields."""
    if locator.text.startswith("p"):  # pp. 559–578
        return Locator("", "", locator.text.partition(".")[2].strip())
    found = re.fullmatch(_LOCATOR_PIECES, locator.text)
    assert found is not None  # the locator was found by the same pattern
    return Locator(found.group(1), found.group(2) or "", found.group(3) or "")


# A format's own fields, read only by imports: compiled on first use (the re module keeps them).
_VOLUME_FIELD = rf"(?i)(?:vol(?:ume)?\.?\s*)?({_VOLUME})"
_ISSUE_FIELD = rf"(?i)(?:no\.?\s*|nr\.?\s*)?({_ISSUE})"
_PAGES_FIELD = rf"(?:pp?\.\s*)?({_PAGE}(?:–{_PAGE})?)"
ISSUE_FORMS = "7825, 3-4, S1, Suppl. 2, or POPL with pages"


def locator_from(volume: str, issue: str, pages: str) -> tuple[Locator | None, dict[str, str]]:
    """The locator a format's own fields (BibTeX's volume, number, pages) give, in the grammar's
    canonical form (585(7825):357–362: a page range with an en dash), and for each piece the
    grammar cannot hold ("volume", "issue", "pages") why: "form" (not a number, an issue number,
    a page range, a page or an article number), "no-volume" (an issue needs one),
    "volume-left-out" (the volume was not in its form), "alone" (a volume without issue or pages
    would read as part of the name), "rest-left-out" (a volume whose issue and pages were not in
    their forms). Pages without a volume are a locator of their own (pp. 559–578): a proceedings
    paper's, or a journal article's whose volume is missing."""
    problems: dict[str, str] = {}
    pieces = []
    for piece, value, form in (("volume", volume, _VOLUME_FIELD), ("issue", issue, _ISSUE_FIELD),
                               ("pages", pages, _PAGES_FIELD)):
        if piece != "issue":  # a range's dash as the venue writes it: 357–362, 426–427
            value = re.sub(r"\s*[-–—]+\s*", "–", value.strip())
        found = re.fullmatch(form, value.strip())
        if piece == "issue" and not found and pages.strip():
            found = re.fullmatch(f"({_ACRONYM})", value.strip())  # Proc. ACM Program. Lang. 3(POPL):73:1–73:29
        if value.strip() and not found:
            problems[piece] = "form"
        pieces.append(found.group(1) if found else "")
    volume_text, issue_text, pages_text = pieces
    if not volume_text:
        if issue_text:
            problems["issue"] = "volume-left-out" if volume.strip() else "no-volume"
        return (Locator("", "", pages_text) if pages_text else None), problems
    if not (issue_text or pages_text):
        problems.setdefault("volume", "rest-left-out" if issue.strip() or pages.strip() else "alone")
        return None, problems
    return Locator(volume_text, issue_text, pages_text), problems


def with_locator(venue: str, locator: Locator) -> str | None:
    """The one-part venue with the locator after its name, before its year
    ("Nature 2020" → "Nature 585(7825):357–362, 2020"), or pages alone after the year, before
    the marks ("OSDI 2022 (Oral)" → "OSDI 2022, pp. 559–578 (Oral)"); None where the result would
    not read back as that name with that locator (a venue of several parts, or one that has a
    locator)."""
    parts = parse(venue)
    if len(parts) != 1 or parts[0].locator is not None:
        return None
    part = parts[0]
    if locator.volume:
        at = part.name.end
        written = f"{venue[:at]} {locator}{',' if part.year else ''}{venue[at:]}"
    else:
        at = (part.year or part.name).end
        written = f"{venue[:at]}, {locator}{venue[at:]}"
    again = parse(written)
    return written if len(again) == 1 and _shape(again[0]) == (_shape(part)[0], str(locator), *_shape(part)[2:]) \
        else None


def without_locator(venue: str) -> str:
    """with_locator undone: a one-part venue without its locator ("Nature 585(7825):357–362, 2020"
    → "Nature 2020"); any other venue as it is."""
    parts = parse(venue)
    if len(parts) != 1 or parts[0].locator is None:
        return venue
    part, locator = parts[0], parts[0].locator
    if locator.start > (part.year or part.name).start:  # pages alone, after ", "
        return venue[:locator.start - 2] + venue[locator.end:]
    return venue[:part.name.end] + venue[locator.end:].removeprefix(",")


def _shape(part: VenuePart) -> tuple[str, str, str, str, tuple[str, ...]]:
    return (part.name.text, part.locator.text if part.locator else "", part.year.text if part.year else "",
            part.workshop.text if part.workshop else "", tuple(m.whole.text for m in part.marks))


def with_more_locator(mine: str, theirs: str) -> str | None:
    """Of two writings of one venue, the one that says more: they name the same venues part by
    part (name, workshop, year, presentation marks and awards) and differ at most in locators
    one of them lacks ("Nature 2020" and "Nature 585(7825):357–362, 2020" give the latter, and the
    other way round too). Locators both write must be the same ("357-362" is "357–362"). None
    when the venues differ otherwise, or each has a locator the other lacks."""
    ours, others = parse(mine), parse(theirs)
    if len(ours) != len(others) or any(_named(a) != _named(b) for a, b in zip(ours, others)):
        return None
    gains = keeps = False
    for a, b in zip(ours, others):
        if a.locator is not None and b.locator is not None:
            if _pieces(a.locator) != _pieces(b.locator):
                return None
        elif b.locator is not None:
            gains = True
        elif a.locator is not None:
            keeps = True
    if gains and keeps:
        return None
    return theirs if gains else mine


def _named(part: VenuePart) -> tuple[str, str, str, tuple[tuple[str, str], ...]]:
    """What a part names, without its locator: marks by what they say, not how they are spaced."""
    return (part.name.text, part.year.text if part.year else "", part.workshop.text if part.workshop else "",
            tuple((m.kind, m.value.text.casefold()) for m in part.marks))


def _pieces(locator: Span) -> tuple[str, ...]:
    pieces = locator_pieces(locator)
    return tuple(re.sub(r"\s*[-–—]+\s*", "–", piece) for piece in pieces)


def replaced(venue: str, span: Span, new: str) -> str:
    return venue[: span.start] + new + venue[span.end:]


def without(venue: str, spans: list[Span]) -> str:
    """The venue with the spans cut out (for moving an award out of it)."""
    for span in sorted(spans, key=lambda s: s.start, reverse=True):
        venue = venue[: span.start] + venue[span.end:]
    return venue
