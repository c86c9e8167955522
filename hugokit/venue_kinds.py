"""Venue kinds and what each becomes in the formats hugokit writes: one table for the registry's
`kind`, BibTeX entry types, CSL types and Hugo Blox's publication_types (which are CSL's)."""

from typing import TYPE_CHECKING, NamedTuple

from hugokit.text import split_venue

if TYPE_CHECKING:
    from hugokit.model import Publication
    from hugokit.vocab import Vocabulary


class Kind(NamedTuple):
    csl: str      # CSL-JSON `type`, and Hugo Blox's publication_types
    bibtex: str   # BibTeX entry type


KINDS: dict[str, Kind] = {
    "conference": Kind("paper-conference", "inproceedings"),
    "journal": Kind("article-journal", "article"),
    "workshop": Kind("paper-conference", "inproceedings"),
    "preprint": Kind("article", "misc"),
    "thesis": Kind("thesis", "phdthesis"),
    "blog": Kind("post-weblog", "misc"),
    "report": Kind("report", "techreport"),
    "book": Kind("book", "book"),
}
UNKNOWN = Kind("article", "misc")  # a venue of no known kind


class Venue(NamedTuple):
    """A publication's venue as the renderers need it."""

    name: str    # as written, without its year ("" when the entry has no venue)
    year: int | None
    kind: Kind
    full: str    # the registry's full name of a known venue, else name
    short: str   # the registry's spelling of a known venue, else name
    kind_name: str = ""  # the registry's kind (conference, journal, …), "" when unknown


def venue_of(pub: "Publication", venues: "Vocabulary") -> Venue:
    """The venue of pub, looked up in the venue vocabulary (a family of names matched by a
    pattern gives its kind, but its own name stays)."""
    name, year = split_venue(pub.venue)
    match = venues.lookup(name) if name else None
    kind = KINDS.get(match.term.kind, UNKNOWN) if match else UNKNOWN
    known = match.term if match is not None and match.term.pattern is None else None
    full = (known.full or known.name) if known else name
    kind_name = match.term.kind if match and match.term.kind in KINDS else ""
    return Venue(name, year, kind, full, known.name if known else name, kind_name)
