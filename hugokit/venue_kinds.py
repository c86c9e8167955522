"""Venue kinds and what each becomes in the formats hugokit writes: one table for the registry's
`kind`, BibTeX entry types, CSL types, Hugo Blox's publication_types (which are CSL's), and the
list page's type filter (its buttons' order and labels, which the layouts read from the layout data)."""

from typing import TYPE_CHECKING, NamedTuple

from hugokit.text import split_venue
from hugokit.venue_string import Locator, VenuePart, locator_pieces, parse, without

if TYPE_CHECKING:
    from hugokit.model import Publication
    from hugokit.vocab import Vocabulary


class Kind(NamedTuple):
    csl: str      # CSL-JSON `type`, and Hugo Blox's publication_types
    bibtex: str   # BibTeX entry type
    label: str    # the list page's filter button


# In the order of the list page's type filter.
KINDS: dict[str, Kind] = {
    "conference": Kind("paper-conference", "inproceedings", "Conference"),
    "journal": Kind("article-journal", "article", "Journal"),
    "workshop": Kind("paper-conference", "inproceedings", "Workshop"),
    "preprint": Kind("article", "misc", "Preprint"),
    "thesis": Kind("thesis", "phdthesis", "Thesis"),
    "book": Kind("book", "book", "Book"),
    "report": Kind("report", "techreport", "Report"),
    "blog": Kind("post-weblog", "misc", "Blog post"),
}
UNKNOWN = Kind("article", "misc", "")  # a venue of no known kind


class Venue(NamedTuple):
    """A publication's venue as the renderers need it."""

    name: str    # as written, without its year ("" when the entry has no venue)
    year: int | None
    kind: Kind
    full: str    # the registry's full name of a known venue, else name; or the whole venue (see venue_of)
    short: str   # the registry's spelling of a known venue, else name; or the whole venue
    kind_name: str = ""  # the registry's kind (conference, journal, …), "" when unknown
    locator: Locator | None = None  # a journal's volume, issue and pages, or pages alone, where the venue gives them


def venue_of(pub: "Publication", venues: "Vocabulary") -> Venue:
    """The venue of pub, looked up in the venue vocabulary (a family of names matched by a
    pattern gives its kind, but its own name stays).

    A venue of several parts that all name venues (`ATC 2018 (Oral), AISys@SOSP 2017`) is where
    the paper appeared first, and again: its first part is the one a citation names. One with a
    part that names none is one venue's whole title, split where it has a year inside (DBLP's
    `Proceedings of the 13th Workshop on …, PLAS@CCS 2018, Toronto, ON, Canada, October 15-19,
    2018`): its full and short names are then all of it but its marks, as the first part alone
    would lose the rest."""
    name, year = split_venue(pub.venue)
    match = venues.lookup(name) if name else None
    kind = KINDS.get(match.term.kind, UNKNOWN) if match else UNKNOWN
    known = match.term if match is not None and match.term.pattern is None else None
    full = (known.full or known.name) if known else name
    short = known.name if known else name
    kind_name = match.term.kind if match and match.term.kind in KINDS else ""
    parts = parse(pub.venue) if name else ()
    if len(parts) > 1 and not all(_names_a_venue(pub.venue, part, venues) for part in parts):
        full = short = " ".join(without(pub.venue, [mark.whole for part in parts for mark in part.marks]).split())
    locator = locator_pieces(parts[0].locator) if parts and parts[0].locator else None
    return Venue(name, year, kind, full, short, kind_name, locator)


def _names_a_venue(venue: str, part: VenuePart, venues: "Vocabulary") -> bool:
    """Whether the part names a venue of the vocabulary (a workshop's by the venue after its "@")."""
    return venues.lookup(part.name.text) is not None or \
        part.workshop is not None and venues.lookup(venue[part.workshop.start:part.name.end]) is not None
