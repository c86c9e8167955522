"""The publication database read from its YAML node tree, whatever the text's shape: the full
reader, which alone reports problems (hugokit.database_fast reads the common shape faster, and
hands anything it would have a word about to this one)."""
from __future__ import annotations

import yaml

from hugokit.diagnostics import Diagnostic, Mark, quoted
from hugokit.inputs import MAX_VALUE_CHARS
from hugokit.load import Reader, compose
from hugokit.model import FIELD_BY_NAME, FIELDS, Database, Publication

_KNOWN_KEYS = tuple(f.name for f in FIELDS)


def parse_composed(text: str, path: str) -> tuple[Database, list[Diagnostic]]:
    """hugokit.database.parse_database from the YAML's node tree, whatever the text's shape."""
    root = compose(text, path)
    reader = Reader(path, text)
    entries: list[Publication] = []
    if root is not None and reader.expect(root, "the publication database", "seq"):
        for index, node in enumerate(root.value):
            pub = _read_entry(reader, node, index + 1)
            if pub is not None:
                entries.append(pub)
    publications = [pub for pub in entries if pub.readable("title", "year")]
    return Database(path, publications, entries if len(publications) < len(entries) else [], text), reader.diagnostics


_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"


def _read_entry(reader: Reader, node: yaml.Node, number: int) -> Publication | None:
    what = f"publication {number}"
    if not reader.expect(node, what, "map"):
        return None
    values: dict[str, object] = {}
    mark = reader.mark
    where: dict[str, Mark] = {"": mark(node)}
    broken: set[str] = set()
    for key, key_node, value_node in reader.items(node, what):
        spec = FIELD_BY_NAME.get(key)
        if spec is None:
            reader.unknown_key(key_node, what, _KNOWN_KEYS)
            continue
        where[key] = mark(value_node)
        if key == "venue":  # lets a fix add a key next to it (award-in-venue)
            where["venue:flow" if node.flow_style else "venue:key"] = mark(key_node)
        if value_node.tag == _NULL and not spec.required:
            continue  # `award:` left empty means no award
        if key == "date":
            date = _date(reader, value_node, f'"date" of {what}')
            if date:
                values[key] = date
            continue
        value = _value(reader, spec.kind, key, value_node, f'{quoted(key)} of {what}', where)
        if value is not None:
            values[key] = value
        else:
            broken.add(key)
    title = values.get("title")
    if isinstance(title, str) and not title.strip():
        reader.report(node, "missing-key", f"the title of {what} is empty", "write the publication's title")
        broken.add("title")
    for spec in FIELDS:
        if spec.required and spec.name not in values:
            if spec.name not in where:  # absent; present but of the wrong type is already reported
                reader.report(node, "missing-key", f'{what} has no {quoted(spec.name)}',
                              f"add `{spec.name}: …` ({spec.description.rstrip('.').lower()})")
            broken.add(spec.name)
            values[spec.name] = "" if spec.kind == "str" else 0
    return Publication(where=where, broken=frozenset(broken), **values)  # type: ignore[arg-type]


def _date(reader: Reader, node: yaml.Node, label: str) -> str | None:
    """A date as written (YAML reads an unquoted 2024-05-01 as a timestamp, 2024 as a number)."""
    from hugokit.dates import FORMS, STORED, parse_date

    if not isinstance(node, yaml.ScalarNode):
        reader.expect(node, label, "str")
        return None
    date, why = parse_date(node.value)
    if not date or not STORED.fullmatch(node.value.strip()):
        reader.report(node, "bad-date", f"{label} is not a date: {why or quoted(node.value)}", f"write {FORMS.replace('MM/YYYY, ', '')}")
        return None
    return date


def _value(reader: Reader, kind: str, key: str, node: yaml.Node, label: str, where: dict[str, Mark]) -> object:
    """A field's value; the common well-formed shapes are read directly, anything else goes
    through the reader's checks, which report it."""
    mark = reader.mark
    if kind == "str":
        if type(node) is yaml.ScalarNode and node.tag == _STR:
            return node.value if reader.spend(node) and reader.short(node, label) else None
        return reader.string(node, label)
    if kind == "int":
        return reader.integer(node, label)
    if kind == "list":
        if type(node) is yaml.SequenceNode and all(type(i) is yaml.ScalarNode and i.tag == _STR
                                                   and len(i.value) <= MAX_VALUE_CHARS for i in node.value):
            if not reader.spend(node, 1 + len(node.value)):
                return None
            for i, item in enumerate(node.value):
                where[f"{key}.{i}"] = mark(item)
            return [item.value for item in node.value]
        items = reader.string_list(node, label)
        if items is None:
            return None
        for i, (_, item_node) in enumerate(items):
            where[f"{key}.{i}"] = mark(item_node)
        return [v for v, _ in items]
    pairs = reader.string_map(node, label)
    if pairs is None:
        return None
    for link_kind, _, _, link_node in pairs:
        where[f"{key}.{link_kind}"] = mark(link_node)
    return {k: v for k, _, v, _ in pairs}
