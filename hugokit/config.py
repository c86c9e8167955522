"""Site configuration: hugokit.yaml at the site's root. Every key is optional; unknown keys are errors."""

from pathlib import Path
from typing import NamedTuple

import yaml

from hugokit.diagnostics import InputError, Position, Severity
from hugokit.layout import CONFIG_NAME, CONTENT_DIR, HUGO_CONFIG_NAMES
from hugokit.load import Reader, compose, read_text
from hugokit.render.page import DEFAULT_FRONT_MATTER


class SiteConfig(NamedTuple):
    root: Path
    database: str = "data/publications.yaml"
    page: str = "content/publications.md"
    front_matter: str = DEFAULT_FRONT_MATTER
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    strict: bool = False
    venue_year_window: int = 2
    link_kinds: tuple[str, ...] = ()
    pages: bool = False
    pages_dir: str = "content/publication"
    layout_data: str = "data/hugokit/publications.json"
    front_matter_schemas: tuple["SectionSchema", ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()  # rule code -> the severity this site gives it
    services: tuple[tuple[str, str], ...] = ()  # for add and refresh: contact, timeout, each service's URL
    file: str | None = None  # the config file read, if any
    rule_codes: tuple["CodeRef", ...] = ()  # every rule code written above, for hugokit.rules to check
    read_digest: str | None = None  # the SHA-256 of the file's text as read (None: no file)

    def path(self, relative: str) -> Path:
        return self.root / relative


class _Key(NamedTuple):
    kind: str  # "str", "int", "bool", "list", "codes" (rule codes), "severities" (code -> severity), "map"
    doc: str


KEYS: dict[str, _Key] = {
    "database": _Key("str", "the publication database, relative to the site (default data/publications.yaml)"),
    "page": _Key("str", "the generated shortcode page (default content/publications.md)"),
    "front_matter": _Key("str", "the page's front-matter, verbatim, without the --- lines"),
    "select": _Key("codes", "run only these rule codes"),
    "ignore": _Key("codes", "skip these rule codes"),
    "strict": _Key("bool", "treat warnings as errors"),
    "venue_year_window": _Key("int", "how far a venue's year may be from the filed year (default 2)"),
    "link_kinds": _Key("list", "link kinds to accept besides hugokit's own"),
    "pages": _Key("bool", "also generate a page bundle per publication (as `hugokit build --pages`)"),
    "pages_dir": _Key("str", "where the page bundles go (default content/publication)"),
    "layout_data": _Key("str", "the JSON file hugokit's Hugo layouts read, written by every build "
                        '(default data/hugokit/publications.json; "" writes none)'),
    "severity": _Key("severities", "per rule code, the severity to report it with, `error` or `warning`: "
                     "`{no-topics: error}`"),
    "front_matter_schemas": _Key("map", "per content section, the front-matter keys its pages must have "
                                 "and their types: `{mentors: {required: [name], types: {seats: int}}}`"),
    "services": _Key("services", "for `hugokit add` and `hugokit refresh`: `contact` (an e-mail address the services "
                     "may write to), `timeout` (seconds), `retries`, `cache_days`, and the base URL of `arxiv`, "
                     "`dblp`, `crossref` (for a mirror)"),
}
# The settings under `services:`; declared here, not in hugokit.sources, so that check never imports that.
SERVICE_KEYS = ("contact", "timeout", "retries", "cache_days", "arxiv", "dblp", "crossref")
FRONT_MATTER_TYPES = ("string", "int", "bool", "list", "map", "date")


class CodeRef(NamedTuple):
    """A rule code as written, and where: hugokit.rules checks it against the registry."""

    code: str
    where: Position
    what: str  # e.g. '"ignore" in hugokit.yaml', or "--select"


class SectionSchema(NamedTuple):
    section: str
    required: tuple[str, ...] = ()
    types: tuple[tuple[str, str], ...] = ()


def load_config(root: Path) -> SiteConfig:
    """The site's configuration; a missing file means defaults, a bad one raises InputError."""
    path = root / CONFIG_NAME
    if not path.is_file():
        return SiteConfig(root=root)
    text = read_text(path, CONFIG_NAME)
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
            value = _value(reader, spec.kind, value_node, f'"{key}" in {CONFIG_NAME}', codes)
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
    from hugokit.cache import text_digest

    return SiteConfig(root=root, file=CONFIG_NAME, rule_codes=tuple(codes), read_digest=text_digest(text),
                      **values)  # type: ignore[arg-type]


PATH_KEYS = ("database", "page", "pages_dir")
# Files a build reads and must never overwrite; the page and the bundles may not be one of them.
CONFIG_FILES = (CONFIG_NAME, *HUGO_CONFIG_NAMES)
INPUTS = (*CONFIG_FILES, "go.mod", "data", "layouts", "static", "themes", "assets")


def overwrites_input(config: SiteConfig, path: Path) -> bool:
    """Whether writing path would replace one of the site's inputs (the database, the config,
    Hugo's config, anything under data/ or layouts/ …)."""
    target = path.resolve()
    if target == config.path(config.database).resolve():
        return True
    try:
        relative = target.relative_to(config.root.resolve()).as_posix()
    except ValueError:
        return False
    return relative.split("/")[0] in INPUTS


def _inside_site(reader: Reader, root: Path, node: yaml.Node, key: str) -> bool:
    """A configured path must be relative and stay inside the site, symbolic links followed."""
    import posixpath

    value = node.value
    normal = posixpath.normpath(value.replace("\\", "/")) if value else ""
    bad = (not value.strip() or value.startswith(("/", "\\")) or (len(value) > 1 and value[1] == ":")
           or normal in (".", "") or normal.startswith("../") or normal == ".." or "\0" in value)
    if not bad:
        try:
            resolved = (root / normal).resolve()
            bad = resolved != root.resolve() and root.resolve() not in resolved.parents
        except (OSError, RuntimeError):
            bad = True
    if bad:
        reader.report(node, "bad-config", f'"{key}" in {CONFIG_NAME} must be a path inside the site, not {value!r}',
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
            reader.report(where, "bad-config", f'"{key}" in {CONFIG_NAME} would make hugokit overwrite an input '
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
    return reader.string(node, what)


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
            reader.report(value_node, "bad-config", f'unknown severity "{value}" for "{code}"',
                          "write error or warning")
    return tuple(out)


def _services(reader: Reader, node: yaml.Node, what: str) -> tuple[tuple[str, str], ...] | None:
    if not reader.expect(node, what, "map"):
        return None
    pairs = []
    for key, key_node, value_node in reader.items(node, what):
        where = f'"{key}" in {what}'
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
        where = f'section "{section}" of {what}'
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
                        reader.report(kind_node, "bad-config", f'unknown type "{kind}" for "{name}"',
                                      "one of: " + ", ".join(FRONT_MATTER_TYPES))
            else:
                reader.unknown_key(key_node, where, ("required", "types"))
        schemas.append(SectionSchema(section, required, tuple(types)))
    return tuple(schemas)
