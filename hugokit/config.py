"""Site configuration: hugokit.yaml at the site's root. Every key is optional; unknown keys are errors.

Loaded by hugokit.config_load (from the cache's memo, else parsed by hugokit.config_read)."""

from pathlib import Path
from typing import NamedTuple

from hugokit.diagnostics import Position, Severity
from hugokit.layout import CONFIG_NAME, HUGO_CONFIG_NAMES
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
    author_notes: tuple[tuple[str, str], ...] = ()  # author mark (*, †, ‡) -> what it means, the site's legend
    file: str | None = None  # the config file read, if any
    rule_codes: tuple["CodeRef", ...] = ()  # every rule code written above, for hugokit.rules to check
    read_digest: str | None = None  # the SHA-256 of the file's text as read (None: no file)

    def path(self, relative: str) -> Path:
        return self.root / relative


class _Key(NamedTuple):
    kind: str  # "str", "int", "bool", "list", "codes" (rule codes), "severities" (code -> severity), "map",
    # "services", "marks" (author mark -> note)
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
    "author_notes": _Key("marks", "what each author mark means, as page bundles' `author_notes` write it: "
                         "`{\"†\": Corresponding author}` (default: every mark, "
                         "Equal contribution); an import reads these notes back as the marks"),
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
