"""TOML front-matter (`+++` lines, as Hugo Academic wrote publication pages before it moved to
YAML) as the node tree the page reader reads, each value placed at its key's line.

tomllib keeps no positions, so they come from the text: a top-level `key = …` line, or the
first `[key]` / `[[key]]` header; a value inside a table or an array is placed at its key's line.
"""
from __future__ import annotations

import datetime
import re

import yaml

from hugokit.diagnostics import InputError, Position, error

_TAG = "tag:yaml.org,2002:"
_KEY_LINE = re.compile(r"""\s*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_-]+))\s*=\s*""")
_HEADER = re.compile(r"\s*\[\[?\s*([A-Za-z0-9_.-]+)\s*\]\]?\s*(?:#.*)?$")
_ERROR_PLACE = re.compile(r"\(at line (\d+), column (\d+)\)")


def toml_front_matter(lines: list[str], end: int, label: str) -> yaml.MappingNode:
    """The front-matter between lines[0] (`+++`) and lines[end], as a YAML mapping node whose
    marks are the file's lines; InputError when it is not TOML."""
    import tomllib

    body = "\n".join(line.rstrip("\r") for line in lines[1:end])
    try:
        data = tomllib.loads(body)
    except tomllib.TOMLDecodeError as exc:
        place = _ERROR_PLACE.search(str(exc))
        line, col = (int(place.group(1)) + 1, int(place.group(2))) if place else (1, 1)
        raise InputError([error(Position(label, line, col), "bad-front-matter",
                                f"the TOML front-matter does not parse: {_ERROR_PLACE.sub('', str(exc)).strip()}",
                                "correct it (a string needs quotes: title = \"…\"), or convert the page to YAML "
                                "(hugo convert toYAML)")]) from None
    offsets = [0]
    for text in lines[:end]:
        offsets.append(offsets[-1] + len(text) + 1)
    places = _key_places(lines, end)

    def mark(key: str) -> yaml.Mark:
        line, col = places.get(key, (0, 0))
        return yaml.Mark(label, offsets[line] + col, line, col, "", 0)

    pairs = []
    for key, value in data.items():
        at = mark(key)
        pairs.append((yaml.ScalarNode(_TAG + "str", key, at, at), _node(value, mark(key))))
    start = yaml.Mark(label, 0, 0, 0, "", 0)
    return yaml.MappingNode(_TAG + "map", pairs, start, start)


def _key_places(lines: list[str], end: int) -> dict[str, tuple[int, int]]:
    """Each top-level key's (line index, column of its value), the first header's for a table."""
    places: dict[str, tuple[int, int]] = {}
    in_table = False
    for number in range(1, end):
        line = lines[number].rstrip("\r")
        header = _HEADER.match(line)
        if header:
            in_table = True
            places.setdefault(header.group(1).split(".")[0], (number, line.index("[")))
            continue
        found = _KEY_LINE.match(line)
        if found and not in_table:
            key = found.group(1) or found.group(2) or found.group(3)
            places.setdefault(key, (number, found.end()))
    return places


def _node(value: object, at: yaml.Mark) -> yaml.Node:
    if isinstance(value, dict):
        return yaml.MappingNode(_TAG + "map", [(yaml.ScalarNode(_TAG + "str", str(k), at, at), _node(v, at))
                                               for k, v in value.items()], at, at)
    if isinstance(value, list):
        return yaml.SequenceNode(_TAG + "seq", [_node(v, at) for v in value], at, at)
    if isinstance(value, bool):
        return yaml.ScalarNode(_TAG + "bool", "true" if value else "false", at, at)
    if isinstance(value, int):
        return yaml.ScalarNode(_TAG + "int", str(value), at, at)
    if isinstance(value, float):
        return yaml.ScalarNode(_TAG + "float", repr(value), at, at)
    if isinstance(value, (datetime.date, datetime.time)):  # datetime is a date
        return yaml.ScalarNode(_TAG + "timestamp", value.isoformat(), at, at)
    return yaml.ScalarNode(_TAG + "str", str(value), at, at)
