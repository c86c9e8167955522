"""Site configuration: hugokit.yaml at the site's root. Every key is optional; unknown keys are errors."""

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from hugokit.diagnostics import Position, Severity
from hugokit.inputs import read_text
from hugokit.layout import CONFIG_NAME, HUGO_CONFIG_NAMES
from hugokit.render.page import DEFAULT_FRONT_MATTER

if TYPE_CHECKING:
    from hugokit.cache import Cache


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


def load_config(root: Path, cache: "Cache | None" = None) -> SiteConfig:
    """The site's configuration; a missing file means defaults, a bad one raises InputError.

    With a cache, a text read cleanly before comes from the cache's memo, keyed by the text's
    digest (no YAML is parsed); only the check that the configured paths stay inside the site,
    which depends on the file system, is made again.
    """
    path = root / CONFIG_NAME
    if not path.is_file():
        return SiteConfig(root=root)
    text = read_text(path, CONFIG_NAME)
    from hugokit.cache import text_digest

    digest = text_digest(text)
    memo = cache.recall("config", digest) if cache is not None else None
    config = from_memo(memo, root, digest) if memo is not None else None
    if config is None:
        from hugokit.config_read import read_config

        config = read_config(root, text, digest)  # (raises InputError on any problem: none is memoised)
        if cache is not None:
            cache.remember("config", digest, to_memo(config))
    return config


def to_memo(config: SiteConfig) -> dict[str, object]:
    """A config's settings as JSON data: those the file gave, and the rule codes it names."""
    values = {key: getattr(config, key) for key in KEYS if getattr(config, key) != SiteConfig._field_defaults[key]}
    return {"values": json_ready(values), "rule_codes": json_ready(config.rule_codes)}


def json_ready(value: object) -> object:
    """value with its tuples as lists and its severities as their names, as JSON keeps them."""
    if isinstance(value, dict):
        return {key: json_ready(item) for key, item in value.items()}
    if isinstance(value, tuple):
        return [json_ready(item) for item in value]
    return value.value if isinstance(value, Severity) else value


def from_memo(memo: object, root: Path, digest: str) -> SiteConfig | None:
    """The config to_memo's data stands for, or None when the data is not what to_memo makes
    (a damaged memo) or a configured path no longer stays inside the site."""
    try:
        assert isinstance(memo, dict) and isinstance(memo["values"], dict)
        values = {key: _setting(KEYS[key].kind, value) for key, value in memo["values"].items()}
        codes = tuple(CodeRef(code, Position(*where), what) for code, where, what in memo["rule_codes"])
        assert all(isinstance(part, str) for ref in codes for part in (ref.code, ref.what, ref.where.path))
        assert all(type(number) is int for ref in codes for number in ref.where[1:])
    except (AssertionError, KeyError, TypeError, ValueError):
        return None
    if any(key in values and outside_site(root, str(values[key])) for key in PATH_KEYS):
        return None  # the full reader reports it
    return SiteConfig(root=root, file=CONFIG_NAME, rule_codes=codes, read_digest=digest,
                      **values)  # type: ignore[arg-type]


def _setting(kind: str, value: object) -> object:
    """A setting of kind as read back from JSON; AssertionError for anything else."""
    def strings(items: object) -> tuple[str, ...]:
        assert isinstance(items, list) and all(isinstance(i, str) for i in items)
        return tuple(items)

    def pairs(items: object) -> tuple[tuple[str, str], ...]:
        assert isinstance(items, list)
        out = tuple(strings(item) for item in items)
        assert all(len(pair) == 2 for pair in out)
        return out  # type: ignore[return-value]

    if kind in ("list", "codes"):
        return strings(value)
    if kind == "severities":
        return tuple((code, Severity(name)) for code, name in pairs(value))
    if kind == "services":
        return pairs(value)
    if kind == "map":
        assert isinstance(value, list)
        schemas = []
        for section, required, types in value:
            assert isinstance(section, str)
            schemas.append(SectionSchema(section, strings(required), pairs(types)))
        return tuple(schemas)
    assert type(value) is {"str": str, "int": int, "bool": bool}[kind]
    return value


def outside_site(root: Path, value: str) -> bool:
    """Whether a configured path is absolute or leads out of the site, symbolic links followed."""
    import posixpath

    normal = posixpath.normpath(value.replace("\\", "/")) if value else ""
    bad = (not value.strip() or value.startswith(("/", "\\")) or (len(value) > 1 and value[1] == ":")
           or normal in (".", "") or normal.startswith("../") or normal == ".." or "\0" in value)
    if not bad:
        try:
            resolved = (root / normal).resolve()
            bad = resolved != root.resolve() and root.resolve() not in resolved.parents
        except (OSError, RuntimeError):
            bad = True
    return bad


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
