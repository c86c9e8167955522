"""A site folder loaded and checked, and the fixes a check offers; no terminal, no exit codes.

A check served from the run cache reads nothing but this module, hugokit.cache and their own
light imports: what loads and checks a site (YAML, the rules) is imported where it is used.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from hugokit.diagnostics import Diagnostic, Fix

if TYPE_CHECKING:
    from hugokit.cache import Cache, RunEntry
    from hugokit.config import SiteConfig
    from hugokit.model import Database
    from hugokit.rules import Rule
    from hugokit.vocab import Vocabularies


class Site:
    """A site's configuration and database; its vocabularies and the listing of its content/ are
    read on first use, once, so that every part of a run sees the same files."""

    __slots__ = ("config", "database", "diagnostics", "read", "_vocab", "_content")

    def __init__(self, config: SiteConfig, database: Database, diagnostics: list[Diagnostic]) -> None:
        self.config = config
        self.database = database
        self.diagnostics = diagnostics  # structural problems found while reading the database
        self.read: dict[str, str] = {}  # file -> SHA-256 of the text read (the database's)
        self._vocab: tuple[Vocabularies, list[Diagnostic]] | None = None
        self._content: list[str] | None = None

    def vocabularies(self) -> tuple[Vocabularies, list[Diagnostic]]:
        """The vocabularies and the problems found in their files, read once."""
        if self._vocab is None:
            from hugokit.vocab import load_vocabularies

            self._vocab = load_vocabularies(self.config.root)
        return self._vocab

    def content(self) -> list[str]:
        """Every file under content/, relative to the site, sorted."""
        if self._content is None:
            from hugokit.layout import content_files

            self._content = content_files(self.config.root)
        return self._content


def load_site(root: Path, cache: Cache, *, positions: bool = True) -> Site:
    """Config and database; unreadable input raises InputError.

    Without positions (for a database already checked clean) a large database may come from the
    snapshot its last full parse left in the cache, which is much faster than parsing YAML.
    """
    from hugokit.config import load_config
    from hugokit.database import parse_database
    from hugokit.load import read_text
    from hugokit.model import Database, Publication

    config = load_config(root)
    text = read_text(config.path(config.database), config.database,
                     f"create it, or import an existing page: hugokit import {config.page}")
    snapshot = None if positions else cache.load_snapshot(text)
    if snapshot is not None:
        site = Site(config, Database(config.database, [Publication(**fields) for fields in snapshot]), [])
    else:
        database, diagnostics = parse_database(text, config.database)
        if not any(d.is_error for d in diagnostics):
            cache.store_snapshot(text, [pub.fields() for pub in database.publications])
        site = Site(config, database, diagnostics)
    site.read[config.database] = cache.digest(text)
    return site


def read_digests(site: Site, entry: RunEntry) -> dict[str, str | None]:
    """The digests of a check's input files as the run read them: the database's from its very
    text, the others (read later in the run) as they are now."""
    return entry.digests(input_files(site)) | site.read


def unchanged_since(site: Site, entry: RunEntry, digests: dict[str, str | None]) -> bool:
    """Whether every input is still as the run read it: only then may its result be stored
    (a file saved during the run must not get the old result under its new digest)."""
    return entry.digests(digests) == digests


class Checked(NamedTuple):
    """A check's outcome: every diagnostic, and whether the site's config asks for --strict."""

    diagnostics: list[Diagnostic]
    strict: bool
    site: Site | None  # the site as loaded, or None when the outcome came from the cache


def checked(root: Path, cache: Cache, select: str = "", ignore: str = "") -> Checked:
    """The check of a site with the command line's --select/--ignore, from the cache when none of
    its inputs changed since the last one. `build` asks for it too (with no selection), so one
    check serves both commands."""
    entry = cache.run(root, "check", (select, ignore))
    payload = entry.lookup()
    if payload is not None:
        stored = Diagnostic.all_from_dicts(payload.get("diagnostics") if isinstance(payload, dict) else None)
        if stored is not None and isinstance(payload.get("strict"), bool):
            return Checked(stored, payload["strict"], None)
        entry.damaged()
    from hugokit.rules import selected

    site = load_site(root, cache)
    digests = read_digests(site, entry)
    diagnostics = check(site, selected(site.config, select, ignore))
    from hugokit.provenance import record_if_up_to_date

    record_if_up_to_date(site, cache)
    if unchanged_since(site, entry, digests):
        entry.store(digests, {"diagnostics": [d.as_dict() for d in diagnostics], "strict": site.config.strict},
                    site.content())
    return Checked(diagnostics, site.config.strict, site)


def load_and_check(root: Path, cache: Cache, select: str = "", ignore: str = "") -> tuple[Site, list[Diagnostic]]:
    """A full check, never from the cache (for `fix`, which needs the fixes' exact spans)."""
    from hugokit.rules import selected

    site = load_site(root, cache)
    return site, check(site, selected(site.config, select, ignore))


def check(site: Site, rules: list[Rule]) -> list[Diagnostic]:
    """Every diagnostic for the site: structure, vocabulary files, then the given rules'."""
    from hugokit.rules import Context, run

    vocab, vocab_diagnostics = site.vocabularies()
    found = run(Context(site.database, vocab, site.config, site.content()), rules)
    return sorted(site.diagnostics + vocab_diagnostics + found, key=Diagnostic.sort_key)


def input_files(site: Site) -> list[str]:
    """Every file a check of the site reads (relative to it), present or not: the run cache's key."""
    from hugokit.layout import CONFIG_NAME, VOCABULARY_NAMES, is_page, vocabulary_file

    pages = [rel for rel in site.content() if is_page(rel)]
    return [CONFIG_NAME, site.config.database, *map(vocabulary_file, VOCABULARY_NAMES), *pages]


def apply_fixes(config: SiteConfig, diagnostics: list[Diagnostic]) -> dict[str, tuple[str, str]]:
    """The text each file that the diagnostics' safe fixes change holds now and will hold
    (relative path -> (old, new)); the database's is checked to read back as the fixed database
    (see hugokit.verify)."""
    from hugokit.load import read_text
    from hugokit.verify import fix_database, fix_text

    by_path: dict[str, list[Fix]] = {}
    for d in diagnostics:
        if d.fix is not None:
            by_path.setdefault(d.fix.path, []).append(d.fix)
    changed: dict[str, tuple[str, str]] = {}
    for shown, fixes in by_path.items():
        text = read_text(config.path(shown), shown)
        changed[shown] = (text, (fix_database if shown == config.database else fix_text)(text, shown, fixes))
    return changed
