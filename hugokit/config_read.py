"""hugokit.yaml read from its YAML node tree, with a diagnostic for every problem (see
hugokit.config_load, which serves a text read cleanly before from the cache's memo)."""
from __future__ import annotations

from pathlib import Path

import yaml

from hugokit.config import (CONFIG_FILES, FRONT_MATTER_TYPES, INPUTS, KEYS, PATH_KEYS, SERVICE_KEYS, CodeRef,
                            SectionSchema, SiteConfig, outside_site)
from hugokit.diagnostics import InputError, Severity, quoted
from hugokit.layout import CONFIG_NAME, CONTENT_DIR
from hugokit.load import Reader, compose


def read_config(root: Path, text: str, digest: str) -> SiteConfig:
    """The config hugokit.yaml's text (of that digest) gives; InputError with every problem."""
    node = compose(text, CONFIG_NAME)
    reader = Reader(CONFIG_NAME, text)
    values: dict[str, object] = {}
    codes: list[CodeRef] = []
    if node is not None and reader.expect(node, CONFIG_NAME, "map"):
        for key, key_node, value_node in reader.items(node, CONFIG_NAME):
            spec = KEYS.get(key)
            if spec is None:
                reader.unknown_key(key_node, CONFIG_NAME, tuple(KEYS))
                continue
            value = _value(reader, spec.kind, value_node, f'{quoted(key)} in {CONFIG_NAME}', codes)
            if key == "front_matter" and isinstance(value, str):
                value = value if value.endswith("\n") or not value else value + "\n"
                if "---" in value.splitlines():
                    reader.report(value_node, "bad-config", "front_matter must not contain a line ---",
                                  "give only the lines between the two --- lines")
            if key in PATH_KEYS and isinstance(value, str) and not _inside_site(reader, root, value_node, key):
                continue
            if value is not None:
                values[key] = value
    _outputs_are_not_inputs(reader, node, values)
    if reader.diagnostics:
        raise InputError(reader.diagnostics)
    return SiteConfig(root=root, file=CONFIG_NAME, rule_codes=tuple(codes), read_digest=digest,
                      **values)  # type: ignore[arg-type]


def _inside_site(reader: Reader, root: Path, node: yaml.Node, key: str) -> bool:
    """A configured path must be relative and stay inside the site, symbolic links followed."""
    value = node.value
    bad = outside_site(root, value)
    if bad:
        reader.report(node, "bad-config", f'{quoted(key)} in {CONFIG_NAME} must be a path inside the site, not {quoted(value)}',
                      f"give it relative to the site's folder, e.g. {SiteConfig._field_defaults[key]}")
    return not bad


def _outputs_are_not_inputs(reader: Reader, node: yaml.Node | None, values: dict[str, object]) -> None:
    """No generated file may be an input: the page and the bundles stay out of data/, the site's
    config and the database; the database is not the config."""
    import posixpath

    defaults = SiteConfig._field_defaults
    database = posixpath.normpath(str(values.get("database", defaults["database"])))
    clashes = {"database": database in CONFIG_FILES}
    for key in ("page", "pages_dir"):
        output = posixpath.normpath(str(values.get(key, defaults[key])))
        clashes[key] = (output == database or database.startswith(output + "/") or output.split("/")[0] in INPUTS
                        or key == "page" and output == CONTENT_DIR)
    for key, clash in clashes.items():
        if clash and isinstance(node, yaml.MappingNode):
            where = next((v for k, v in node.value if k.value == key), node)
            reader.report(where, "bad-config", f'{quoted(key)} in {CONFIG_NAME} would make hugokit overwrite an input '
                          f"({values.get(key, defaults[key])})", f"the default is {defaults[key]}")


def _value(reader: Reader, kind: str, node: yaml.Node, what: str, codes: list[CodeRef]) -> object:
    """A key's value (None when it is wrong); rule codes among it are added to codes."""
    if kind in ("list", "codes"):
        items = reader.string_list(node, what)
        if items is None:
            return None
        if kind == "codes":
            codes += [CodeRef(code, reader.pos(item), what) for code, item in items]
        return tuple(v for v, _ in items)
    if kind == "bool":
        return reader.boolean(node, what)
    if kind == "int":
        return reader.integer(node, what)
    if kind == "map":
        return _schemas(reader, node, what)
    if kind == "severities":
        return _severities(reader, node, what, codes)
    if kind == "services":
        return _services(reader, node, what)
    if kind == "marks":
        return _marks(reader, node, what)
    return reader.string(node, what)


def _marks(reader: Reader, node: yaml.Node, what: str) -> tuple[tuple[str, str], ...] | None:
    from hugokit.text import MARKS

    items = reader.string_map(node, what)
    if items is None:
        return None
    out = []
    for mark, key_node, note, value_node in items:
        if mark not in MARKS:
            reader.report(key_node, "bad-config", f"{quoted(mark)} in {what} is no author mark",
                          "the marks are " + ", ".join(MARKS) + ", each alone")
        elif not note.strip():
            reader.report(value_node, "bad-config", f"the note of {quoted(mark)} in {what} is empty",
                          "say what the mark means, e.g. Corresponding author")
        else:
            out.append((mark, " ".join(note.split())))
    return tuple(out)


def _severities(reader: Reader, node: yaml.Node, what: str,
                codes: list[CodeRef]) -> tuple[tuple[str, Severity], ...] | None:
    items = reader.string_map(node, what)
    if items is None:
        return None
    out = []
    for code, key_node, value, value_node in items:
        codes.append(CodeRef(code, reader.pos(key_node), what))
        if value in (Severity.ERROR.value, Severity.WARNING.value):
            out.append((code, Severity(value)))
        else:
            reader.report(value_node, "bad-config", f'unknown severity {quoted(value)} for {quoted(code)}',
                          "write error or warning")
    return tuple(out)


def _services(reader: Reader, node: yaml.Node, what: str) -> tuple[tuple[str, str], ...] | None:
    if not reader.expect(node, what, "map"):
        return None
    pairs = []
    for key, key_node, value_node in reader.items(node, what):
        where = f'{quoted(key)} in {what}'
        if key not in SERVICE_KEYS:
            reader.unknown_key(key_node, what, SERVICE_KEYS)
        elif key in ("timeout", "retries", "cache_days"):
            text = value_node.value if isinstance(value_node, yaml.ScalarNode) else ""
            if not text.replace(".", "", 1).isdigit():
                reader.report(value_node, "bad-config", f"{where} must be a number", f"e.g. {key}: 10")
            else:
                pairs.append((key, text))
        else:
            value = reader.string(value_node, where)
            if value is not None and key != "contact" and not value.startswith(("http://", "https://")):
                reader.report(value_node, "bad-config", f"{where} must be an http(s) URL",
                              "give the service's base URL, e.g. https://dblp.org")
            elif value is not None:
                pairs.append((key, value))
    return tuple(pairs)


def _schemas(reader: Reader, node: yaml.Node, what: str) -> tuple[SectionSchema, ...] | None:
    if not reader.expect(node, what, "map"):
        return None
    schemas = []
    for section, _, body in reader.items(node, what):
        where = f'section {quoted(section)} of {what}'
        if not reader.expect(body, where, "map"):
            continue
        required: tuple[str, ...] = ()
        types: list[tuple[str, str]] = []
        for key, key_node, value_node in reader.items(body, where):
            if key == "required":
                required = tuple(v for v, _ in reader.string_list(value_node, f'"required" of {where}') or [])
            elif key == "types":
                for name, _, kind, kind_node in reader.string_map(value_node, f'"types" of {where}') or []:
                    if kind in FRONT_MATTER_TYPES:
                        types.append((name, kind))
                    else:
                        reader.report(kind_node, "bad-config", f'unknown type {quoted(kind)} for {quoted(name)}',
                                      "one of: " + ", ".join(FRONT_MATTER_TYPES))
            else:
                reader.unknown_key(key_node, where, ("required", "types"))
        schemas.append(SectionSchema(section, required, tuple(types)))
    return tuple(schemas)
