"""The publication database's data model: plain dataclasses that remember where they came from."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from hugokit.diagnostics import Position

Kind = Literal["str", "int", "list", "map"]


@dataclass(frozen=True, slots=True)
class FieldSpec:
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
    FieldSpec("year", "int", "The year the entry is filed under (the `### YEAR` heading).", required=True),
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

# Link kinds with a fixed shortcode parameter name; any other kind K is written as `KLink`.
SHORTCODE_LINK_PARAMS: dict[str, str] = {"paper": "paperLink", "code": "codeLink", "project": "project"}


@dataclass(slots=True)
class Publication:
    title: str
    year: int
    authors: list[str] = field(default_factory=list)
    venue: str = ""
    links: dict[str, str] = field(default_factory=dict)
    award: str = ""
    topics: list[str] = field(default_factory=list)
    id: str = ""
    doi: str = ""
    arxiv: str = ""
    abstract: str = ""
    keywords: list[str] = field(default_factory=list)
    # Where each value was read: "" is the entry itself, then "title", "authors.2", "links.paper".
    # A value is a Position, or the tuple of its fields (cheaper by far for 100,000s of values).
    where: dict[str, "Position | tuple"] = field(default_factory=dict, compare=False, repr=False)

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
        out: dict[str, object] = {}
        for spec in FIELDS:
            value = getattr(self, spec.name)
            if spec.required or value:
                out[spec.name] = value
        return out


@dataclass(slots=True)
class Database:
    path: str
    publications: list[Publication]


def by_year(publications: list[Publication]) -> list[tuple[int, list[Publication]]]:
    """Groups entries by filed year, newest first, keeping database order within a year."""
    groups: dict[int, list[Publication]] = {}
    for pub in publications:
        groups.setdefault(pub.year, []).append(pub)
    return sorted(groups.items(), key=lambda item: -item[0])
