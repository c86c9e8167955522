"""A site folder loaded and checked, and the fixes a check offers; no terminal, no exit codes."""
from __future__ import annotations

from pathlib import Path

from hugokit.config import SiteConfig, load_config
from hugokit.database import parse_database
from hugokit.diagnostics import Diagnostic
from hugokit.load import read_text
from hugokit.model import Database


class Site:
    """A site's configuration and database; its vocabularies and the listing of its content/ are
    read on first use, once, so that every part of a run sees the same files."""

    __slots__ = ("config", "database", "diagnostics", "_vocab", "_content")

    def __init__(self, config: SiteConfig, database: Database, diagnostics: list[Diagnostic]) -> None:
        self.config = config
        self.database = database
        self.diagnostics = diagnostics  # structural problems found while reading the database
        self._vocab: object = None
        self._content: list[str] | None = None

    def vocabularies(self):  # -> tuple[Vocabularies, list[Diagnostic]], read once
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


def load_site(root: Path, *, positions: bool = True) -> Site:
    """Config and database; unreadable input raises InputError.

    Without positions (for a database already checked clean) a large database may come from the
    snapshot its last full parse left in the cache, which is much faster than parsing YAML.
    """
    from hugokit.cache import load_snapshot, store_snapshot
    from hugokit.model import Publication

    config = load_config(root)
    text = read_text(config.path(config.database), config.database,
                     f"create it, or import an existing page: hugokit import {config.page}")
    snapshot = None if positions else load_snapshot(text)
    if snapshot is not None:
        return Site(config, Database(config.database, [Publication(**fields) for fields in snapshot]), [])
    database, diagnostics = parse_database(text, config.database)
    if not any(d.is_error for d in diagnostics):
        store_snapshot(text, [pub.fields() for pub in database.publications])
    return Site(config, database, diagnostics)


def check(site: Site) -> list[Diagnostic]:
    """Every diagnostic for the site: structure, vocabulary files, then the configured rules."""
    from hugokit import rules

    vocab, vocab_diagnostics = site.vocabularies()
    context = rules.Context(site.database, vocab, site.config, site.content())
    found = rules.run(context, site.config.select, site.config.ignore)
    return sorted(site.diagnostics + vocab_diagnostics + found, key=Diagnostic.sort_key)


def input_files(site: Site) -> list[str]:
    """Every file a check of the site reads (relative to it), present or not: the run cache's key."""
    from hugokit.layout import CONFIG_NAME, VOCABULARY_NAMES, is_page, vocabulary_file

    pages = [rel for rel in site.content() if is_page(rel)]
    return [CONFIG_NAME, site.config.database, *map(vocabulary_file, VOCABULARY_NAMES), *pages]


def apply_fixes(config: SiteConfig, diagnostics: list[Diagnostic]) -> dict[str, str]:
    """The new text of each file that the diagnostics' safe fixes change (relative path -> text);
    the database's is checked to read back as the fixed database (see hugokit.verify)."""
    from hugokit.verify import fix_database, fix_text

    by_path: dict[str, list] = {}
    for d in diagnostics:
        if d.fix is not None:
            by_path.setdefault(d.fix.path, []).append(d.fix)
    changed: dict[str, str] = {}
    for shown, fixes in by_path.items():
        text = read_text(config.path(shown), shown)
        changed[shown] = (fix_database if shown == config.database else fix_text)(text, shown, fixes)
    return changed
