"""Finding a registry venue for a BibTeX booktitle, journal or publisher, by exact match only.

A venue is the registry's only when the text *is* one of its spellings (name, full name or an
alias, in any letter case), after the decorations proceedings titles add are taken off: a leading
"Proceedings of the" / "Proc." / "In", ordinals ("16th", "Thirty-Seventh"), the word "Annual",
years ("2019", "'19"), trailing punctuation, and a trailing "(ABBR)" or "(ABBR YEAR)" that names
the same venue. The registry's spellings are compared in the same form.
Anything else is kept as written: a near miss is never mapped to the nearest registry entry.
"""
from __future__ import annotations

import re

from hugokit.vocab import Term, Vocabulary

_UNITS = ("first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|"
          "fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|fortieth|fiftieth")
_ORDINAL = re.compile(rf"\b(?:(?:twenty|thirty|forty|fifty|sixty)-?)?(?:{_UNITS})\b|\b\d+(?:st|nd|rd|th)\b|\bannual\b",
                      re.I)
_LEADING = re.compile(r"^(?:in\s+)?(?:(?:the\s+)?proceedings\s+of\s+(?:the\s+)?|proc\.?\s+(?:of\s+)?(?:the\s+)?)",
                      re.I)
_YEAR = re.compile(r"(?:'|\b(?:19|20))\d{2}\b")
_PAREN = re.compile(r"\s*\(([^()]*)\)$")
PRESENTATION = re.compile(r"\s*\((oral|spotlight|poster|contributed talk|invited talk)(?: presentation)?\)$", re.I)


def _core(text: str) -> str:
    text = _LEADING.sub("", text.strip())
    text = _YEAR.sub(" ", _ORDINAL.sub(" ", text))
    return " ".join(text.split()).strip(" ,.;:-")


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
        term = self._term(text)
        if term is None:
            text = text.strip().rstrip(",.;: ")
            paren = _PAREN.search(text)
            core = _core(text[: paren.start()] if paren else text)
            term = self._term(core) if core else None
            if term is not None and paren:
                named = self._term(_core(paren.group(1)))
                if named is not None and named is not term:
                    return None  # "(ACL)" after another venue's name: the two disagree
        return term.name if term is not None else None
