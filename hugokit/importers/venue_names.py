"""Finding the registry's short venue name in a BibTeX booktitle, journal or publisher."""
from __future__ import annotations

import re

from hugokit.text import fold
from hugokit.vocab import Vocabulary

# Words that decorate a venue's name without naming it.
_NOISE = re.compile(r"\b(?:proceedings|proc|of|the|in|on|\d+(?:st|nd|rd|th)|\d{4}|annual|volume|vol|part)\b")
_ACRONYM = re.compile(r"[A-Z0-9].*[A-Z]")  # a name with capitals after the first: ICML, MLSys


def _clean(text: str) -> str:
    return " ".join(_NOISE.sub(" ", fold(text)).split())


class VenueFinder:
    """Looks a free-text venue up in the registry by name, full name and aliases."""

    def __init__(self, venues: Vocabulary) -> None:
        self.venues = venues
        self._phrases: list[tuple[str, str]] = []  # (cleaned phrase, short name), longest first
        self._tokens: dict[str, str] = {}
        for term in venues.terms:
            if term.pattern is not None:
                continue
            for spelling in (term.name, term.full, *term.aliases):
                cleaned = _clean(spelling) if spelling else ""
                if not cleaned:
                    continue
                if " " in cleaned:
                    self._phrases.append((cleaned, term.name))
                elif _ACRONYM.fullmatch(spelling) or spelling is term.full or len(cleaned) > 6:
                    self._tokens.setdefault(cleaned, term.name)
        self._phrases.sort(key=lambda item: -len(item[0]))

    def short_name(self, text: str) -> str | None:
        """"OSDI" for "Proceedings of the 16th USENIX Symposium on Operating Systems Design and Implementation"."""
        match = self.venues.lookup(text.strip())
        if match is not None and match.term.pattern is None:
            return match.term.name
        cleaned = f" {_clean(text)} "
        for phrase, name in self._phrases:
            if f" {phrase} " in cleaned:
                return name
        for token in cleaned.split():
            if token in self._tokens:
                return self._tokens[token]
        return None
