"""Hugo Blox's nested front-matter (its 2025 schema) as the flat keys the page reader maps:
`hugoblox: {ids: {doi: …, arxiv: …}}` (where the DOI lives now; a top-level `doi` is deprecated)
and `publication: {name, short_name, volume, issue, pages}` (the venue with its locator).

A nested key the database has no place for (`hugoblox.ids.pmid`, `publication.location`) is
reported under its dotted name, as every other key is.
"""
from __future__ import annotations

from typing import Any, Iterator

import yaml

from hugokit.diagnostics import quoted, warning
from hugokit.load import Reader

NESTED_KEYS = {
    "hugoblox.ids.doi": "doi", "hugoblox.ids.arxiv": "arxiv",
    "publication.name": "venue_full", "publication.short_name": "venue_short",
    "publication.volume": "locator.volume", "publication.issue": "locator.issue", "publication.pages": "locator.pages",
}
_HOLDING_KEYS = ("hugoblox", "publication")  # keys whose value may be a mapping of keys of their own


def flat_items(reader: Reader, node: yaml.MappingNode) -> Iterator[tuple[str, yaml.Node, yaml.Node]]:
    """The front-matter's keys, a nested mapping's as dotted keys (`hugoblox.ids.doi`)."""
    for key, key_node, value_node in reader.items(node, "the front-matter"):
        if key not in _HOLDING_KEYS or not isinstance(value_node, yaml.MappingNode):
            yield key, key_node, value_node
            continue
        for sub, sub_key, sub_value in reader.items(value_node, quoted(key)):
            if key == "hugoblox" and sub == "ids" and isinstance(sub_value, yaml.MappingNode):
                for name, name_key, name_value in reader.items(sub_value, '"ids" of "hugoblox"'):
                    yield f"hugoblox.ids.{name}", name_key, name_value
            else:
                yield f"{key}.{sub}", sub_key, sub_value


def with_locator(venue: str, raw: dict[str, tuple[Any, yaml.Node]], reader: Reader) -> str:
    """The venue with the volume, issue and pages `publication:` gives, each piece the venue
    cannot hold reported (never dropped unsaid)."""
    from hugokit.importers.locator_fields import Given, place_locator

    given = {piece: Given(piece, str(raw[f"locator.{piece}"][0]).strip(), str(raw[f"locator.{piece}"][0]))
             for piece in ("volume", "issue", "pages") if f"locator.{piece}" in raw}
    if not given:
        return venue
    placed, left_out = place_locator(venue, given, lambda name, value: f"{name}: {value}",
                                     ("volume", "issue", "pages"))
    for left in left_out:
        reader.diagnostics.append(warning(reader.pos(raw[f"locator.{left.piece}"][1]), "not-imported",
                                          f"publication's {left.message}; it was not imported", left.hint))
    return placed
