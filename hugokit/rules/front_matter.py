"""front-matter: a content page whose front-matter Hugo cannot read, or that breaks its section's schema.

Every page under the site's content/ (.md, .markdown, .html; not in a hidden file or folder,
which Hugo skips) with front-matter (YAML between `---` lines, TOML between `+++` lines, or a
JSON object) must parse, and must be a mapping. Pages of a section listed under
`front_matter_schemas` in hugokit.yaml must have its required keys, with the declared types.
Hugo stops at the first such page; hugokit reports them all.

Fix: as the hint says; a line that is not `key: value` is the usual culprit.
"""
from __future__ import annotations

import re
from typing import Iterator

from hugokit.config import SectionSchema, SiteConfig
from hugokit.diagnostics import Finding, InputError, Position, Severity, quoted
from hugokit.layout import is_page
from hugokit.text import front_matter_close

CODE = "front-matter"
SEVERITY = Severity.ERROR
_TOML_AT = r"\(at line (\d+), column (\d+)\)"  # compiled when first needed (the re module keeps it)
_YAML_TYPES = {"string": "str", "int": "int", "bool": "bool", "list": "seq", "map": "map", "date": "timestamp"}


def check_file(config: SiteConfig, shown: str, data: bytes) -> Iterator[Finding]:
    """The findings in one page (shown relative to the site), from its bytes."""
    if not is_page(shown):
        return
    inside = shown.split("/")[1:]  # below content/
    schemas = {s.section: s for s in config.front_matter_schemas}
    schema = schemas.get(inside[0]) if len(inside) > 1 and not inside[-1].startswith("_index.") else None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        yield Finding(Position(shown), f"cannot read this page: {exc}", "save it as UTF-8 text")
        return
    yield from check_page(text, shown, schema)


def finds_nothing_in_emitted(config: SiteConfig, shown: str) -> bool:
    """Whether this rule has nothing to report on a page whose front-matter hugokit's YAML
    emitter wrote from plain values (a page bundle): such front-matter parses, as a mapping, by
    construction; only a schema of its section could still find something."""
    inside = shown.split("/")[1:]
    return len(inside) < 2 or inside[-1].startswith("_index.") \
        or all(schema.section != inside[0] for schema in config.front_matter_schemas)


def check_page(text: str, shown: str, schema: SectionSchema | None = None) -> Iterator[Finding]:
    lines = text.split("\n")
    opener = lines[0].rstrip("\r") if lines else ""
    if opener in ("---", "+++"):
        end = front_matter_close(lines, opener)
        if end is None:
            yield Finding(Position(shown), f"the front-matter opened by {opener} on line 1 is never closed",
                          f"end it with a line holding only {opener}")
            return
        body = "\n".join(lines[1:end]) + "\n"
        if opener == "+++":
            yield from _toml(body, shown)
        else:
            yield from _yaml(body, shown, schema)
    elif text.lstrip().startswith("{"):
        import json

        try:
            json.JSONDecoder().raw_decode(text.lstrip())
        except json.JSONDecodeError as exc:
            yield Finding(Position(shown, exc.lineno, exc.colno), f"JSON front-matter: {exc.msg}")


def _toml(body: str, shown: str) -> Iterator[Finding]:
    import tomllib

    try:
        tomllib.loads(body)
    except tomllib.TOMLDecodeError as exc:
        at = re.search(_TOML_AT, str(exc))
        where = Position(shown, int(at.group(1)) + 1, int(at.group(2))) if at else Position(shown)
        yield Finding(where, f"TOML front-matter: {re.sub(_TOML_AT, '', str(exc)).strip()}",
                      'write each line as key = "value"')


def _yaml(body: str, shown: str, schema: SectionSchema | None) -> Iterator[Finding]:
    # Here, not at the top: a check whose pages' findings are memoised parses no YAML at all.
    import yaml

    from hugokit.load import Reader, compose, type_name

    try:
        node = compose(body, shown, line_offset=1)
    except InputError as exc:
        for d in exc.diagnostics:
            yield Finding(Position(d.path, d.line, d.col), d.message.replace("YAML syntax error", "front-matter"),
                          d.hint)
        return
    reader = Reader(shown, body)
    if node is None:
        node = yaml.MappingNode("tag:yaml.org,2002:map", [])
    if not isinstance(node, yaml.MappingNode):
        yield Finding(Position(shown, node.start_mark.line + 2, node.start_mark.column + 1),
                      f"the front-matter must be `key: value` lines, not {type_name(node)}")
        return
    if schema is None:
        return
    values = {k.value: (k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)}
    for key in schema.required:
        if key not in values:
            yield Finding(Position(shown, 1, 1), f"the front-matter has no {quoted(key)}",
                          f'pages in {schema.section}/ need: {", ".join(schema.required)}')
    for key, kind in schema.types:
        if key not in values:
            continue
        key_node, value_node = values[key]
        ok = (isinstance(value_node, yaml.SequenceNode) if kind == "list"
              else isinstance(value_node, yaml.MappingNode) if kind == "map"
              else isinstance(value_node, yaml.ScalarNode) and value_node.tag.endswith(":" + _YAML_TYPES[kind]))
        if kind == "date" and isinstance(value_node, yaml.ScalarNode) and not ok:
            ok = _is_date(value_node.value)
        if not ok:
            where = reader.pos(value_node)
            yield Finding(Position(shown, where.line + 1, where.col),
                          f"{quoted(key)} must be {kind}, not {type_name(value_node)}",
                          f"pages in {schema.section}/ declare {key}: {kind} in hugokit.yaml")


def _is_date(text: str) -> bool:
    import datetime

    try:
        datetime.datetime.fromisoformat(text.strip())
        return True
    except ValueError:
        return False
