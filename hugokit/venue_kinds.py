"""Venue kinds and what each becomes in the formats hugokit writes: one table for the registry's
`kind`, BibTeX entry types, CSL types, Hugo Blox's publication_types (which are CSL's), and the
list page's type filter (its buttons' order and labels, which the layouts read from the layout data)."""

from typing import TYPE_CHECKING, NamedTuple

from hugokit.text import split_venue
from hugokit.venue_string import Locator, Span, VenuePart, locator_pieces, parse, without

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
        # without the first part's locator too, which the renderers write on its own (once)
        cut = [mark.whole for part in parts for mark in part.marks] + _locator_span(pub.venue, parts[0])
        full = short = " ".join(without(pub.venue, cut).split())
    locator = locator_pieces(parts[0].locator) if parts and parts[0].locator else None
    return Venue(name, year, kind, full, short, kind_name, locator)


def csl_type(venue: Venue) -> str:
    """The CSL type (Hugo Blox's publication_types too): the kind's, but a venue of no known kind
    with a volume is a journal's (the venue grammar's); pages alone are a proceedings paper's as
    much as a journal article's."""
    if venue.locator is not None and venue.locator.volume and not venue.kind_name:
        return "article-journal"
    return venue.kind.csl


def _names_a_venue(venue: str, part: VenuePart, venues: "Vocabulary") -> bool:
    """Whether the part names a venue of the vocabulary (a workshop's by the venue after its "@")."""
    return venues.lookup(part.name.text) is not None or \
        part.workshop is not None and venues.lookup(venue[part.workshop.start:part.name.end]) is not None


def _locator_span(venue: str, part: VenuePart) -> list[Span]:
    """The part's locator with what joins it to the part: the ", " before pages alone
    (`OSDI 2022, pp. 1–10`), the space before a volume and the comma after it (`Nature 612:45–50, 2022`)."""
    found = part.locator
    if found is None:
        return []
    if found.start > (part.year or part.name).start:
        return [Span(found.start - 2, found.end, venue[found.start - 2:found.end])]
    end = found.end + 1 if venue.startswith(",", found.end) else found.end
    return [Span(part.name.end, end, venue[part.name.end:end])]
