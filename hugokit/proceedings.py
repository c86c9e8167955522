"""Reading a registry conference out of a whole proceedings title, as DBLP, ACM, IEEE, Springer
and Google Scholar write it: "Proceedings of the 38th International Conference on Machine
Learning, {ICML} 2021, 18-24 July 2021, Virtual Event" is ICML 2021.

The title is cut into its parts (at commas, colons, semicolons and spaced dashes). It names a
venue only when the evidence is strong and points one way:
- some part *is* a registry conference (its full name, or its name or alias with a year), and no
  part is another registry venue or another acronym with a year ("{IAAI} 2021" beside AAAI:
  joint proceedings stay as written);
- the years it writes agree with each other and are the entry's year or one either side; a part
  that is only an acronym counts only with such a year;
- nothing in it says the paper is not in the main conference: a workshop, Findings, a companion
  volume, demos, posters, a track, a doctoral consortium, or "held as part of" another event.
What the venue does not show (dates, places, "Virtual Event") is returned, so callers can say
what was left out.
"""
from __future__ import annotations

import re
from typing import Callable, NamedTuple

from hugokit.vocab import Term

_PARTS = re.compile(r"\s*[,;:]\s*|\s+[-\u2013\u2014]+\s+")
_NOT_MAIN = re.compile(
    r"\b(?:workshops?|companion|findings|adjunct|(?:extended\s+)?abstracts?|doctoral|consortium|demos?|"
    r"demonstrations?|posters?|tracks?|tutorials?|student|satellite|late[- ]breaking|work[- ]in[- ]progress|"
    r"tiny\s+papers|industry|challenges?|competitions?|supplementa\w*|co-?located|conjunction|"
    r"held\s+(?:at|with)|colloquium|summer\s+school|under\s+review|submi(?:tted|ssion)|preprint|rejected|"
    r"withdrawn|in\s+preparation)\b|@", re.I)
_YEARS = re.compile(r"(?<![\d.])((?:19|20)\d{2})(?![\d])|'(\d{2})\b")
_ACRONYM_YEAR = re.compile(r"\b[A-Z][A-Za-z0-9]*[A-Z][\w&/\-]*\s+(?:'\d{2}|(?:19|20)\d{2})\b")
_UMBRELLA = re.compile(r"\(?\b(?:held\s+)?(?:as\s+)?part\s+of\s+(?:the\s+)?[^,;:()]*\)?", re.I)
_DECORATION = re.compile(r"^(?:the\s+|(?:conference\s+record|proceedings)\s+of\s+(?:the\s+)?)", re.I)
# An acronym and the word Conference, its year after them ("{SIGMOD} Conference 2017") or before
# them ("2009 EuroSys Conference").
_ACRONYM_CONFERENCE = re.compile(r"(?:(?P<before>(?:19|20)\d{2})\s+)?(?P<acronym>\S+)\s+Conference"
                                 r"(?P<after>\s+(?:'\d{2}|(?:19|20)\d{2}))?")
_PAREN = re.compile(r"\(([^()]+)\)$")
_VOLUME = re.compile(r"\s+\d{1,3}$")  # "Advances in Neural Information Processing Systems 33"


class Reading(NamedTuple):
    name: str  # the registry's name: "ICML"
    year: int | None  # the year the title writes, else the entry's
    rest: str  # the parts the venue does not show, as written: "18-24 July 2021, Virtual Event"


def read_proceedings(text: str, year: int | None, term_of: Callable[[str], Term | None]) -> Reading | None:
    """The registry conference a proceedings title names, or None where the evidence is weak or
    points more than one way. term_of looks one part up by exact spelling."""
    text = text.replace("{", "").replace("}", "")
    if _NOT_MAIN.search(text):
        return None
    text = text.strip().rstrip(".,;: ")
    # Each part with the separator after it, so that what is left out reads as it was written.
    pieces = _PARTS.split(text)
    seps = [m.group(0) for m in _PARTS.finditer(text)] + [""]
    parts = [(p, sep) for p, sep in zip(pieces, seps) if p.strip()]
    if len(parts) < 2:
        return None  # one part is the exact rule's, which has already said no
    named: dict[str, Term] = {}
    evidence = False
    rest = []
    for part, sep in parts:
        own = _UMBRELLA.sub("", part).strip()  # "(part of FCRC 2003)": the federation, not the venue
        term = _lookup(own, term_of) if own else None
        if term is None:
            if _ACRONYM_YEAR.search(own):
                return None  # another event's acronym and year: joint proceedings
            rest.append(part.strip() + sep)
            continue
        named[term.name] = term
        full = term.full.casefold() in own.casefold() or " " in _spelled(term, own)
        # An acronym is evidence only with its year beside it ("ICML 2021", "(OSDI '06)"): a
        # part that is only a word ("Oakland", a city and an alias of IEEE S&P) proves nothing.
        evidence = evidence or full or bool(_YEARS.search(own))
    if len(named) != 1 or not evidence:
        return None
    (term,) = named.values()
    if term.kind != "conference":
        return None
    written = written_years(text, year)
    if len(written) > 1:
        return None
    shown = next(iter(written), None)
    if shown is not None and year is not None and abs(shown - year) > 1:
        return None
    return Reading(term.name, shown if shown is not None else year, "".join(rest)
                   .rstrip(" ,;:-\u2013\u2014"))


def _lookup(part: str, term_of: Callable[[str], Term | None]) -> Term | None:
    """The registry venue one part of a title is: as written, without its decorations ("The",
    "Proceedings of the", "Conference Record of", a volume number, "Conference" after an acronym,
    with its year after it or before: DBLP's "{SIGMOD} Conference 2017" and "Proceedings of the
    2009 EuroSys Conference"), or by the acronym in its parentheses ("… (OSDI '06)") where the
    words before them name no other registry venue."""
    bare = _VOLUME.sub("", _DECORATION.sub("", part))
    term = term_of(bare)
    if term is None:
        acronym = _ACRONYM_CONFERENCE.fullmatch(bare)
        if acronym:
            year = acronym["after"] or (" " + acronym["before"] if acronym["before"] else "")
            term = term_of(acronym["acronym"] + year)
            if term is not None and " " in _spelled(term, acronym["acronym"]):
                term = None  # a word of a full name before "Conference", not an acronym
    if term is None and (paren := _PAREN.search(bare)):
        inner = term_of(paren.group(1))
        if inner is not None and " " not in _spelled(inner, paren.group(1)) and \
                term_of(bare[:paren.start()]) in (None, inner):
            term = inner
    return term


def _spelled(term: Term, part: str) -> str:
    """The spelling of term that part writes (the longest one it contains), for telling a full
    name from an acronym."""
    folded = part.casefold()
    found = [s for s in (term.name, term.full, *term.aliases) if s and s.casefold() in folded]
    return max(found, key=len, default="")


def written_years(text: str, year: int | None) -> set[int]:
    years = set()
    for four, two in _YEARS.findall(text):
        if four:
            years.add(int(four))
        else:  # '14: the century closest to the entry's year
            base = (year or 2000) // 100 * 100
            years.add(min((base - 100 + int(two), base + int(two), base + 100 + int(two)),
                          key=lambda y: abs(y - (year or 2000))))
    return years
