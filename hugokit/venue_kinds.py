"""Venue kinds and what each becomes in the formats hugokit writes: one table for the registry's
`kind`, BibTeX entry types, CSL types, Hugo Blox's publication_types (which are CSL's), and the
list page's type filter (its buttons' order and labels, which the layouts read from the layout data)."""

from typing import TYPE_CHECKING, NamedTuple

from hugokit.text import split_venue
from hugokit.venue_string import Locator, locator_pieces, parse

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
    full: str    # the registry's full name of a known venue, else name
    short: str   # the registry's spelling of a known venue, else name
    kind_name: str = ""  # the registry's kind (conference, journal, …), "" when unknown
    locator: Locator | None = None  # a journal's volume, issue and pages, or pages alone, where the venue gives them


def venue_of(pub: "Publication", venues: "Vocabulary") -> Venue:
    """The venue of pub, looked up in the venue vocabulary (a family of names matched by a
    pattern gives its kind, but its own name stays)."""
    name, year = split_venue(pub.venue)
    match = venues.lookup(name) if name else None
    kind = KINDS.get(match.term.kind, UNKNOWN) if match else UNKNOWN
    known = match.term if match is not None and match.term.pattern is None else None
    full = (known.full or known.name) if known else name
    kind_name = match.term.kind if match and match.term.kind in KINDS else ""
    parts = parse(pub.venue) if name else ()
    locator = locator_pieces(parts[0].locator) if parts and parts[0].locator else None
    return Venue(name, year, kind, full, known.name if known else name, kind_name, locator)
