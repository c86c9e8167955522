"""Importing a JSON list of publications, such as the one the seed site's page was generated from.

Field names of that generator work as they are: `title`, `authors` (one comma-separated string
or a list), `venue`, `pdf`, `code`, `presentation` (a video), `award`, `project`, `tag`
(comma-separated topics) and `date` (MM/YYYY, kept with its month); hugokit's own field names
work too, and `month` (with `year`) and `selected` (the Selected topic). `mapping` adds other
names: {"pdf_url": "links.paper", "when": "date"}. A file may also hold one object.

Without a `year`, an entry is filed as that generator files it (see filed_year), so the page
built from the import has the same `### YEAR` headings as the generator's.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import Callable

import yaml

from hugokit.dates import FORMS, filed_year, parse_date
from hugokit.diagnostics import InputError, error, warning, quoted
from hugokit.importers.csl_json import import_csl, looks_like_csl
from hugokit.importers.imported import Imported
from hugokit.importers.locator_fields import Given, place_locator
from hugokit.inputs import DECIMAL
from hugokit.load import Reader, compose
from hugokit.model import FIELD_BY_NAME, SELECTED_TOPIC, Publication
from hugokit.vocab import Vocabulary

KNOWN_NAMES: dict[str, str] = {
    **{name: name for name in FIELD_BY_NAME},
    "tag": "topics", "tags": "topics", "date": "date", "pdf": "links.paper", "paper": "links.paper",
    "url": "links.paper", "code": "links.code", "presentation": "links.video", "video": "links.video",
    "slides": "links.slides", "project": "links.project", "blog": "links.blog", "poster": "links.poster",
    "month": "month", "selected": "selected",
    # A journal's volume, issue and pages (CSL's names, and BibTeX's): the venue's locator.
    "volume": "locator.volume", "issue": "locator.issue", "number": "locator.issue", "page": "locator.pages",
    "pages": "locator.pages",
}
# JSON writes a character beyond U+FFFF as two escaped surrogates, which YAML cannot read; the
# same character as one YAML escape (\UXXXXXXXX) keeps the text, 2 characters shorter.
_SURROGATES = re.compile(r"\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})", re.IGNORECASE)


def targets() -> list[str]:
    """What a mapping may name: hugokit's fields, `date`, and links.KIND."""
    return sorted(set(FIELD_BY_NAME) | {"date", "month", "selected"}) + ["links.KIND"]


def import_json(text: str, path: str, mapping: dict[str, str] | None = None,
                venues: Vocabulary | None = None) -> Imported:
    """The publications of a JSON list; a CSL-JSON one (Zotero's, pandoc's, hugokit's export) is
    read as CSL (see hugokit.importers.csl_json) unless mapping names fields."""
    names = {**KNOWN_NAMES, **(mapping or {})}
    result = Imported()
    text, shortened = _astral_escapes(text)
    in_file = _columns_in_file(text, shortened)
    try:
        root = compose(text, path)
    except InputError as exc:
        raise InputError([d._replace(col=in_file(d.line, d.col)) for d in exc.diagnostics]) from None
    reader = Reader(path, text)
    if isinstance(root, yaml.MappingNode):  # a file holding one publication
        root = yaml.SequenceNode("tag:yaml.org,2002:seq", [root], root.start_mark, root.end_mark)
    if venues is not None and not mapping and looks_like_csl(root):
        from hugokit.venue_names import finder_for

        assert isinstance(root, yaml.SequenceNode)
        result = import_csl(reader, root, finder_for(venues))
    elif root is not None and reader.expect(root, "the JSON file", "seq"):
        for number, node in enumerate(root.value, 1):
            pub = _entry(reader, node, f"item {number}", names)
            if pub is not None:
                result.publications.append(pub)
    result.diagnostics.extend(reader.diagnostics)
    if shortened:  # put every column back where it is in the file
        result.diagnostics = [d._replace(col=in_file(d.line, d.col)) for d in result.diagnostics]
        for pub in result.publications:
            for key, (path, line, col, offset, end) in pub.where.items():
                pub.where[key] = (path, line, in_file(line, col), offset, end)
    return result


def _astral_escapes(text: str) -> tuple[str, list[int]]:
    """text with each escaped surrogate pair as one YAML escape, and the offsets (in the new
    text) where those escapes end."""
    parts, ends, last, length = [], [], 0, 0
    for match in _SURROGATES.finditer(text):
        high, low = int(match.group(1), 16), int(match.group(2), 16)
        escape = f"\\U{0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00):08x}"
        parts += [text[last:match.start()], escape]
        length += match.start() - last + len(escape)
        ends.append(length)
        last = match.end()
    parts.append(text[last:])
    return "".join(parts), ends


def _columns_in_file(text: str, shortened: list[int]) -> Callable[[int, int], int]:
    """(line, column in text) -> the column in the file."""
    if not shortened:
        return lambda line, col: col
    starts = [0] + [match.end() for match in re.finditer("\n", text)]

    def in_file(line: int, col: int) -> int:
        start = starts[min(max(line, 1), len(starts)) - 1]
        return col + 2 * (bisect_right(shortened, start + col - 1) - bisect_right(shortened, start))

    return in_file


def _entry(reader: Reader, node: yaml.Node, what: str, names: dict[str, str]) -> Publication | None:
    if not reader.expect(node, what, "map"):
        return None
    values: dict[str, object] = {"links": {}}
    here = reader.pos(node)
    where = {"": here}
    month: tuple[int, yaml.Node] | None = None
    locator: dict[str, tuple[Given, yaml.Node]] = {}
    bad_date = selected = False
    for key, key_node, value_node in reader.items(node, what):
        target = names.get(key)
        if target is None:
            reader.unknown_key(key_node, what, sorted(names))
            continue
        if target == "selected":
            if reader.boolean(value_node, f'{quoted(key)} of {what}'):
                selected = True
            continue
        value = _value(reader, value_node, f'{quoted(key)} of {what}', target)
        if value in (None, "", []):
            continue
        if target.startswith("locator."):
            locator[target[8:]] = (Given(key, str(value), str(value)), value_node)
        elif target.startswith("links."):
            values["links"][target[6:]] = value  # type: ignore[index]
            where[target] = reader.pos(value_node)
        elif target == "month":
            number = int(str(value)) if DECIMAL.fullmatch(str(value).strip()) else 0
            if 1 <= number <= 12:
                month = (number, value_node)
            else:
                reader.report(value_node, "bad-date", f'{quoted(key)} of {what} is not a month: {quoted(str(value))}', "write 1 to 12")
        elif target == "date":
            date, why = parse_date(str(value))
            if date:
                values["date"] = date
            else:
                bad_date = True
                reader.report(value_node, "bad-date", f'{quoted(key)} of {what} is not a date: {why}', f"write {FORMS}")
        elif target == "topics" and "topics" in values:
            values["topics"] += value  # type: ignore[operator]
        else:
            values[target] = value
    if selected:
        others = values.get("topics", [])
        values["topics"] = [SELECTED_TOPIC] + [t for t in others if t != SELECTED_TOPIC]  # type: ignore[attr-defined]
    if locator:
        venue, missed = place_locator(str(values.get("venue", "")), {p: g for p, (g, _) in locator.items()},
                                      lambda field, value: f'{quoted(field)}: {quoted(value)}', ("volume", "issue", "page"))
        values["venue"] = venue
        reader.diagnostics += [warning(reader.pos(locator[m.piece][1]), "json-locator",
                                       f"{what}: {m.message}; it was not imported", m.hint) for m in missed]
    if month is not None and "year" in values and "date" not in values:
        values["date"] = f"{values['year']:04d}-{month[0]:02d}"
    if "year" not in values:
        filed = filed_year(str(values.get("venue", "")), str(values.get("date", "")))
        if filed is not None:
            values["year"] = filed
    if not values.get("title") or "year" not in values:
        if bad_date and values.get("title"):
            return None  # the date's diagnostic says why
        missing = "title" if not values.get("title") else "year (or date)"
        reader.diagnostics.append(error(here, "missing-key", f"{what} has no {missing}; it was skipped",
                                        "add it, or map the field that holds it with --map"))
        return None
    values["where"] = where
    return Publication(**values)  # type: ignore[arg-type]


def _value(reader: Reader, node: yaml.Node, what: str, target: str) -> object:
    kind = "str" if target.startswith(("links.", "locator.")) or target in ("date", "month") \
        else FIELD_BY_NAME[target].kind
    if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
        return None
    if kind == "list":
        return reader.comma_list(node, what, names=target in ("authors", "editors"))
    if kind == "int":
        if isinstance(node, yaml.ScalarNode) and DECIMAL.fullmatch(node.value.strip()):
            return int(node.value)  # "2020" as a string too
        return reader.integer(node, what)
    if kind == "map":
        pairs = reader.string_map(node, what)
        return None if pairs is None else {k: v for k, _, v, _ in pairs}
    if isinstance(node, yaml.ScalarNode) and node.tag.endswith((":int", ":float")):
        return node.value
    value = reader.string(node, what)
    return None if value is None else value.strip()
