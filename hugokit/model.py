"""The publication database's data model: plain records that remember where they came from."""

from typing import Literal, NamedTuple

from hugokit.diagnostics import Mark, Position, quoted

Kind = Literal["str", "int", "list", "map"]


class FieldSpec(NamedTuple):
    name: str
    kind: Kind
    description: str
    required: bool = False


# The database format, field by field, in the order entries are written. The loader, the JSON
# Schema and the README's format table are all derived from this one table.
FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("id", "str", "Stable identifier (e.g. a BibTeX citation key); unique."),
    FieldSpec("title", "str", "Title as displayed.", required=True),
    FieldSpec("authors", "list", "Author names as displayed; `*` or `†` after a name marks equal contribution."),
    FieldSpec("editors", "list", "Editor names as displayed (an edited volume); shown where there are no authors."),
    FieldSpec("year", "int", "The year the entry is filed under (the `### YEAR` heading).", required=True),
    FieldSpec("date", "str", "Publication date as the source gives it: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`."),
    FieldSpec("venue", "str", "Venue as displayed: short name and year, e.g. `OSDI 2022`."),
    FieldSpec("links", "map", "Link kind to URL: paper, code, project, slides, video, blog, poster, …"),
    FieldSpec("award", "str", "Award, as displayed."),
    FieldSpec("topics", "list", "Topic tags; drive the page's topic filter."),
    FieldSpec("doi", "str", "DOI, without the https://doi.org/ prefix."),
    FieldSpec("arxiv", "str", "arXiv identifier, e.g. 2201.12023."),
    FieldSpec("abstract", "str", "Abstract."),
    FieldSpec("keywords", "list", "Free keywords (not filtered on)."),
)
FIELD_BY_NAME: dict[str, FieldSpec] = {f.name: f for f in FIELDS}
_FIELD_NAMES = tuple((f.name, f.required) for f in FIELDS)
# The topic a source's "selected" or "featured" flag becomes (the layouts' selected.html shows it).
SELECTED_TOPIC = "Selected"

class Publication:
    """One entry of the database.

    A plain class, not a dataclass: importing dataclasses costs every pre-commit hook run 7 ms.
    Publications are equal when their fields are; where they were read does not count.
    """

    __slots__ = ("title", "year", "date", "authors", "editors", "venue", "links", "award", "topics", "id", "doi",
                 "arxiv", "abstract", "keywords", "where", "broken")

    def __init__(self, title: str, year: int, authors: list[str] | None = None, venue: str = "",
                 links: dict[str, str] | None = None, award: str = "", topics: list[str] | None = None,
                 id: str = "", doi: str = "", arxiv: str = "", abstract: str = "", keywords: list[str] | None = None,
                 date: str = "", where: dict[str, Mark] | None = None, editors: list[str] | None = None,
                 broken: frozenset[str] = frozenset()) -> None:
        self.title = title
        self.year = year
        self.date = date
        self.authors = [] if authors is None else authors
        self.editors = [] if editors is None else editors
        self.venue = venue
        self.links = {} if links is None else links
        self.award = award
        self.topics = [] if topics is None else topics
        self.id = id
        self.doi = doi
        self.arxiv = arxiv
        self.abstract = abstract
        self.keywords = [] if keywords is None else keywords
        # Where each value was read: "" is the entry itself, then "title", "authors.2", "links.paper".
        self.where: dict[str, Mark] = {} if where is None else where
        # Fields present in the file but unreadable (wrong type) or missing though required: rules
        # skip them, so one structural error costs only its field, never the rest of the report.
        self.broken = broken

    def readable(self, *names: str) -> bool:
        """True when none of the fields is broken (see broken)."""
        return not (self.broken and self.broken.intersection(names))  # (most entries have none broken)

    def label(self) -> str:
        """How messages name the entry: its title, or its line when the title is unreadable."""
        return quoted(self.title) if self.title and "title" not in self.broken else f"the entry at line {self.at().line}"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Publication):
            return NotImplemented
        return all(getattr(self, spec.name) == getattr(other, spec.name) for spec in FIELDS)

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        return "Publication(" + ", ".join(f"{spec.name}={getattr(self, spec.name)!r}" for spec in FIELDS) + ")"

    def at(self, key: str = "") -> Position:
        """The position of a value, falling back to its field, then to the entry."""
        while key not in self.where and key:
            key = key.rpartition(".")[0]
        found = self.where.get(key)
        if found is None:
            return Position("<memory>")
        return found if isinstance(found, Position) else Position(*found)

    def fields(self) -> dict[str, object]:
        """The non-empty fields, in the database's field order."""
        return {name: value for name, required in _FIELD_NAMES if (value := getattr(self, name)) or required}


class Database(NamedTuple):
    path: str
    publications: list[Publication]  # the complete entries: what is built, exported and merged
    # Every entry in file order, the incomplete ones (no readable title or year) too: what rules
    # check. Empty when it would equal publications.
    entries: list[Publication] = []
    text: str = ""  # what it was read from, which the positions point into ("" when not read from a text)

    def checked(self) -> list[Publication]:
        return self.entries or self.publications


def by_year(publications: list[Publication]) -> list[tuple[int, list[Publication]]]:
    """Groups entries by filed year, newest first, keeping database order within a year."""
    groups: dict[int, list[Publication]] = {}
    for pub in publications:
        groups.setdefault(pub.year, []).append(pub)
    return sorted(groups.items(), key=lambda item: -item[0])
