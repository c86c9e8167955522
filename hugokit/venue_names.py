"""The one venue rule the BibTeX and page importers and `hugokit add`/`refresh` follow: a
free-text venue (a BibTeX booktitle, a page's `publication`, a source's venue) becomes a registry
venue only on an exact match, and is otherwise kept as written. (A shortcode page or a JSON list
already holds venues as displayed: those importers keep them verbatim.)

A text is the registry's venue when it *is* one of the venue's spellings (name, full name or an
alias, in any letter case), after the decorations proceedings titles add are taken off: a leading
"Proceedings of the" / "Proc." / "In", ordinals ("16th", "Thirty-Seventh"), the word "Annual",
years ("2019", "'19"), trailing punctuation, and a trailing "(ABBR)" or "(ABBR YEAR)" that names
the same venue. DBLP's "{SIGMOD} Conference" (the acronym of a registry conference and the word
Conference, a year before or after them) is that conference too. The registry's spellings are
compared in the same form. A trailing presentation
mark ("(oral)") is no part of the name: it is kept after the year. Venues given by a
pattern (theses, workshops) are never matched: their text is already the venue.
A near miss is never mapped to the nearest registry entry.
"""
from __future__ import annotations

import re
from functools import lru_cache

from hugokit.venue_string import PRESENTATIONS
from hugokit.vocab import Term, Vocabulary

_UNITS = ("first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|"
          "fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|fortieth|fiftieth")
_ORDINAL = re.compile(rf"\b(?:(?:twenty|thirty|forty|fifty|sixty)-?)?(?:{_UNITS})\b|\b\d+(?:st|nd|rd|th)\b|\bannual\b",
                      re.I)
_LEADING = re.compile(r"^(?:in\s+)?(?:(?:the\s+)?proceedings\s+of\s+(?:the\s+)?|proc\.?\s+(?:of\s+)?(?:the\s+)?)",
                      re.I)
_YEAR = re.compile(r"(?:'|\b(?:19|20))\d{2}\b")
_PAREN = re.compile(r"\s*\(([^()]*)\)$")
# DBLP's name for a conference by its acronym: "{SIGMOD} Conference" (its year, if any, already off).
_ACRONYM_CONFERENCE = re.compile(r"(?:(?:ACM|IEEE|USENIX)\s+)?(\S+)\s+Conference", re.I)
# The venue grammar's presentation marks (longest first, so "contributed talk" wins over "talk").
PRESENTATION = re.compile(r"\s*\((" + "|".join(sorted(map(re.escape, PRESENTATIONS), key=len, reverse=True))
                          + r")(?: presentation)?\)$", re.I)


def _core(text: str) -> str:
    text = _LEADING.sub("", text.strip())
    text = _YEAR.sub(" ", _ORDINAL.sub(" ", text))
    return " ".join(text.split()).strip(" ,.;:-")


@lru_cache(maxsize=8)  # one registry per site: every page and cite.bib of an import shares it
def finder_for(venues: Vocabulary) -> VenueFinder:
    return VenueFinder(venues)


class VenueFinder:
    """Looks a free-text venue up in the registry by exact spelling."""

    def __init__(self, venues: Vocabulary) -> None:
        self.venues = venues
        self._spellings: dict[str, Term] = {}
        for term in venues.terms:
            if term.pattern is None:
                for spelling in (term.name, term.full, *term.aliases):
                    if spelling:
                        self._spellings.setdefault(spelling.casefold(), term)
                        self._spellings.setdefault(_core(spelling).casefold(), term)

    def _term(self, text: str) -> Term | None:
        return self._spellings.get(text.strip(" ,.;:").casefold())

    def short_name(self, text: str) -> str | None:
        """"OSDI" for "Proceedings of the 16th USENIX Symposium on Operating Systems Design and
        Implementation"; None for anything that is not exactly a registry venue."""
        term = self.term_of(text)
        return term.name if term is not None else None

    def term_of(self, text: str) -> Term | None:
        """The registry venue text exactly is (see short_name), or None."""
        term = self._term(text)
        if term is None:
            text = text.strip().rstrip(",.;: ")
            paren = _PAREN.search(text)
            core = _core(text[: paren.start()] if paren else text)
            term = self._term(core) if core else None
            if term is None and (acronym := _ACRONYM_CONFERENCE.fullmatch(core)):
                term = self._acronym_conference(acronym.group(1))
            if term is not None and paren and self._term(_core(paren.group(1))) is not term:
                return None  # "(ACL)" after another venue's name, or "(Oral)": not a decoration
        return term

    def _acronym_conference(self, acronym: str) -> Term | None:
        """The registry conference "ACRONYM Conference" names ("SIGMOD Conference"): acronym is its
        name or an alias of one word, and the registry calls it a conference (HotOS Conference is
        no workshop's other name)."""
        term = self._term(acronym)
        if term is None or term.kind != "conference":
            return None
        return term if acronym.casefold() in (s.casefold() for s in (term.name, *term.aliases)) else None

    def venue(self, text: str, year: int | None) -> str | None:
        """The venue as the database writes it — the registry's name and a year — when text is
        exactly a registry venue, or a proceedings title that names one (see read), else None
        (the caller keeps the text as written)."""
        found = self.read(text, year)
        return found[0] if found is not None else None

    def read(self, text: str, year: int | None) -> tuple[str, str] | None:
        """(the venue as the database writes it, what of text it does not show: "" on an exact
        match) or None. On an exact match the year is the one the text ends with ("ICLR 2023"
        filed under 2022 stays ICLR 2023), or the one it writes elsewhere ("2009 EuroSys Conference",
        "SIGMOD '17"; two different years map to nothing), else year; a proceedings title's year is the one it
        writes (hugokit.proceedings)."""
        mark = PRESENTATION.search(text)
        name = text[: mark.start()] if mark else text
        short = self.short_name(name) if name.strip() else None
        rest = ""
        if short is not None:
            # The year it writes, at its end or elsewhere ("2009 EuroSys Conference", "SIGMOD '17").
            from hugokit.proceedings import written_years

            years = written_years(name, year)
            if len(years) > 1:
                return None  # two years: which one is the venue's is not for a guess
            shown: int | None = next(iter(years), year)
        else:
            from hugokit.proceedings import read_proceedings

            reading = read_proceedings(name, year, self.term_of) if name.strip() else None
            if reading is None:
                return None
            short, shown, rest = reading
        venue = f"{short} {shown}" if shown else short
        # A presentation mark stays after the year, as the venue grammar writes it: ICML 2020 (Oral).
        return (f"{venue} ({mark.group(1).capitalize()})" if mark else venue), rest
