"""BibTeX output: the whole database (`hugokit export bibtex`) or one entry (a page bundle's cite.bib).

Standard fields serve LaTeX and reference managers; hugokit-* fields keep what BibTeX cannot
express (the filed year, the venue as displayed, authors with their marks, topics, award, every
link), so that importing the file gives the same database back.
"""
from __future__ import annotations

import re
from functools import lru_cache

from hugokit.dates import month_of
from hugokit.latex import to_latex
from hugokit.model import Publication
from hugokit.text import BIBTEX_KEY_BREAKERS, PARTICLES, ascii_slug, name_parts, split_marks
from hugokit.venue_kinds import Venue, venue_of
from hugokit.vocab import Vocabulary

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
CONTAINER = {"inproceedings": "booktitle", "article": "journal", "phdthesis": "school", "techreport": "institution"}


def citation_keys(publications: list[Publication]) -> list[str]:
    """Each entry's key: its id, or first author's last name + year + first title word; unique as
    BibTeX and pybtex compare keys (ignoring case), so that no file holds one key twice. An id
    that cannot be its entry's key (another entry's before it, or with a character a key cannot
    hold: errors the check reports) is written with a suffix, or with "-" for that character."""
    keys: list[str] = []
    breaks = re.compile(BIBTEX_KEY_BREAKERS)
    first_of: dict[str, int] = {}  # an id, folded -> the place of its first usable holder
    for at, pub in enumerate(publications):
        if pub.id and not breaks.search(pub.id):
            first_of.setdefault(pub.id.lower(), at)
    taken = set(first_of)
    tried: dict[str, int] = {}  # base -> the last suffix taken: the search resumes there (taken only grows)
    surnames: dict[str, str] = {}  # first author -> the key's surname part (authors recur)
    for at, pub in enumerate(publications):
        if pub.id and first_of.get(pub.id.lower()) == at:
            keys.append(pub.id)
            continue
        if pub.id:
            base = breaks.sub("-", pub.id)
        else:
            first = pub.authors[0] if pub.authors else ""
            surname = surnames.get(first)
            if surname is None:
                words = split_marks(first)[0].split()
                surname = surnames[first] = ascii_slug(words[-1] if words else "anon").replace("-", "") or "anon"
            word = next((w for w in ascii_slug(pub.title).split("-") if len(w) > 3), "untitled")
            base = f"{surname}{pub.year}{word}"
        n = tried.get(base, 1)
        key = base if n == 1 else f"{base}{chr(ord('a') + n - 2)}" if n <= 27 else f"{base}{n}"
        while key.lower() in taken:
            n += 1
            key = f"{base}{chr(ord('a') + n - 2)}" if n <= 27 else f"{base}{n}"
        tried[base] = n
        taken.add(key.lower())
        keys.append(key)
    return keys


def render_entry(pub: Publication, key: str, venues: Vocabulary, *, own_fields: bool = True,
                 venue: Venue | None = None) -> str:
    """One entry; without own_fields, only the standard fields (for readers to cite, not to
    re-import). venue: venue_of(pub, venues), when the caller has it."""
    head, own = entry_parts(pub, key, venues, venue=venue, own_fields=own_fields)
    return f"{head}{own}}}\n"


def entry_parts(pub: Publication, key: str, venues: Vocabulary, *, venue: Venue | None = None,
                own_fields: bool = True) -> tuple[str, str]:
    """The entry up to its standard fields' end, and its own fields' lines ("" without
    own_fields): the entry is their text and "}\n"; the first and "}\n", its standard fields
    alone (a bundle's cite.bib and the layouts' BibTeX come from one rendering)."""
    venue = venue or venue_of(pub, venues)
    entry_type = venue.kind.bibtex
    if entry_type == "phdthesis" and "master" in venue.name.lower():
        entry_type = "mastersthesis"
    fields: list[tuple[str, str]] = [("title", pub.title)]
    if pub.authors:
        fields.append(("author", " and ".join(map(_bibtex_name, pub.authors))))
    if pub.editors:
        fields.append(("editor", " and ".join(map(_bibtex_name, pub.editors))))
    container = CONTAINER.get(entry_type.replace("masters", "phd"), "howpublished")
    if venue.name:
        fields.append((container, venue.full))
    if venue.locator is not None:
        fields += venue.locator.fields("volume", "number", "pages", "--")
    fields.append(("year", str(venue.year or pub.year)))
    month = month_of(pub.date) if pub.date else None
    if month:
        fields.append(("month", MONTHS[month - 1]))
    if pub.doi:
        fields.append(("doi", pub.doi))
    if pub.arxiv:
        fields += [("eprint", pub.arxiv), ("archivePrefix", "arXiv")]
    if "paper" in pub.links:
        fields.append(("url", pub.links["paper"]))
    head = f"@{entry_type}{{{key},\n" + "".join([_line(name, value) for name, value in fields])
    own = "".join([_line(name, value) for name, value in _own_fields(pub)]) if own_fields else ""
    return head, own


def _own_fields(pub: Publication) -> list[tuple[str, str]]:
    """The abstract and keywords, and the hugokit-* fields that make an import give the entry back."""
    fields = [(name, value) for name, value in (("abstract", pub.abstract), ("keywords", "\n".join(pub.keywords)))
              if value]
    own = [("year", str(pub.year)), ("date", pub.date), ("venue", pub.venue), ("authors", ", ".join(pub.authors)),
           ("editors", ", ".join(pub.editors)),
           ("topics", ", ".join(pub.topics)), ("award", pub.award),
           ("links", " ".join(f"{kind}={url}" for kind, url in pub.links.items()))]
    if not pub.id:
        own.append(("generated-key", "yes"))
    return fields + [(f"hugokit-{name}", value) for name, value in own if value]


def _line(name: str, value: str) -> str:
    """A field's line; the venue's, the year's and the month's, which recur across entries, are
    made once each."""
    if name in _RECURRING:
        return _recurring_line(name, value)
    return f"  {name} = {{{_value(name, value)}}},\n"


# (A month is written as BibTeX's macro, oct, which every style prints in its own way.)
_RECURRING = frozenset(("booktitle", "journal", "school", "institution", "howpublished", "year", "month"))


@lru_cache(maxsize=4096)
def _recurring_line(name: str, value: str) -> str:
    return f"  {name} = {value},\n" if name == "month" else f"  {name} = {{{_value(name, value)}}},\n"


def _value(name: str, value: str) -> str:
    if name in ("author", "editor"):
        return value  # _bibtex_name has encoded each name
    if name in ("pages", "volume", "number") and re.fullmatch(r"[\w:-]+", value):
        return value  # 357--362 is the en dash BibTeX means: to_latex would escape it
    if name == "keywords":  # separated by commas; one's own comma or semicolon braced, as biblatex reads them
        return ", ".join(to_latex(k).replace(",", "{,}").replace(";", "{;}") for k in value.split("\n"))
    if name in ("url", "doi", "eprint") or name == "hugokit-links":
        return value.replace("{", "%7B").replace("}", "%7D").replace("\\", "%5C")
    return to_latex(value)


@lru_cache(maxsize=None)  # a list's authors recur across its entries
def _bibtex_name(author: str) -> str:
    """"von Last, Jr, First" — the BibTeX form that keeps particles and suffixes apart."""
    if split_marks(author)[0] == "et al.":
        return "others"
    given, particle, family, suffix = name_parts(author)
    if not given or _corporate(split_marks(author)[0]):
        return "{" + to_latex(split_marks(author)[0]) + "}"
    last = " ".join(p for p in (particle, family) if p)
    parts = [to_latex(last)] + ([to_latex(suffix)] if suffix else []) + [to_latex(given)]
    return ", ".join(parts)


def _corporate(name: str) -> bool:
    """A name that is not "Given Family" ("Zillions of Games", "Procter and Gamble"): a lower-case
    word that is no particle, or "&", would be misread as a name part or as " and "."""
    words = name.split()[1:]
    return any(w == "&" or (w[:1].islower() and w not in PARTICLES) for w in words)


def render_bibliography(publications: list[Publication], venues: Vocabulary, keys: list[str] | None = None) -> str:
    """The whole database, each entry under its key (citation_keys, unless given)."""
    keys = citation_keys(publications) if keys is None else keys
    return "\n".join(render_entry(pub, key, venues) for pub, key in zip(publications, keys))
