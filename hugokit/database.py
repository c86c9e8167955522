"""The publication database (data/publications.yaml): read with positions, checked for structure."""
from __future__ import annotations

import yaml

from hugokit.diagnostics import Diagnostic
from hugokit.load import Reader, compose
from hugokit.model import FIELD_BY_NAME, FIELDS, Database, Publication

_KNOWN_KEYS = tuple(f.name for f in FIELDS)


def parse_database(text: str, path: str) -> tuple[Database, list[Diagnostic]]:
    """Entries that are structurally sound, and a diagnostic for each that is not.

    An entry missing its title or year is left out of the result (and reported); a field of the
    wrong type is reported and left at its default. A YAML syntax error raises InputError.
    """
    root = compose(text, path)
    reader = Reader(path, len(text))
    publications: list[Publication] = []
    if root is not None and reader.expect(root, "the publication database", "seq"):
        for index, node in enumerate(root.value):
            pub = _read_entry(reader, node, index + 1)
            if pub is not None:
                publications.append(pub)
    return Database(path, publications), reader.diagnostics


def _read_entry(reader: Reader, node: yaml.Node, number: int) -> Publication | None:
    what = f"publication {number}"
    if not reader.expect(node, what, "map"):
        return None
    values: dict[str, object] = {}
    where = {"": reader.pos(node)}
    for key, key_node, value_node in reader.items(node, what):
        spec = FIELD_BY_NAME.get(key)
        if spec is None:
            reader.unknown_key(key_node, what, _KNOWN_KEYS)
            continue
        label = f'"{key}" of {what}'
        where[key] = reader.pos(value_node)
        if value_node.tag == "tag:yaml.org,2002:null" and not spec.required:
            continue  # `award:` left empty means no award
        if spec.kind == "str":
            value = reader.string(value_node, label)
        elif spec.kind == "int":
            value = reader.integer(value_node, label)
        elif spec.kind == "list":
            items = reader.string_list(value_node, label)
            if items is not None:
                for i, (_, item_node) in enumerate(items):
                    where[f"{key}.{i}"] = reader.pos(item_node)
            value = None if items is None else [v for v, _ in items]
        else:
            pairs = reader.string_map(value_node, label)
            if pairs is not None:
                for link_kind, _, _, value_node_ in pairs:
                    where[f"{key}.{link_kind}"] = reader.pos(value_node_)
            value = None if pairs is None else {k: v for k, _, v, _ in pairs}
        if value is not None:
            values[key] = value
    missing = [f.name for f in FIELDS if f.required and f.name not in values]
    for name in missing:
        if name in where:
            continue  # present but of the wrong type: already reported
        reader.report(node, "missing-key", f'{what} has no "{name}"',
                      f"add `{name}: …` ({FIELD_BY_NAME[name].description.rstrip('.').lower()})")
    if missing:
        return None
    return Publication(where=where, **values)  # type: ignore[arg-type]
