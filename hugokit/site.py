"""The operations behind the commands, as functions over a site folder; no terminal, no exit codes."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hugokit.config import SiteConfig, load_config
from hugokit.database import parse_database
from hugokit.diagnostics import Diagnostic, InputError, Position, error
from hugokit.importers.markdown import import_page
from hugokit.load import read_text
from hugokit.model import Database
from hugokit.render.database_yaml import render_database
from hugokit.render.page import render_page


@dataclass(slots=True)
class Site:
    config: SiteConfig
    database: Database
    diagnostics: list[Diagnostic]  # structural problems found while reading the database


def load_site(root: Path) -> Site:
    """Config and database; unreadable input raises InputError."""
    config = load_config(root)
    text = read_text(config.path(config.database), config.database,
                     f"create it, or import an existing page: hugokit import {config.page}")
    database, diagnostics = parse_database(text, config.database)
    return Site(config, database, diagnostics)


def check(site: Site) -> list[Diagnostic]:
    """Every diagnostic for the site: structure, vocabulary files, then the configured rules."""
    from hugokit import rules
    from hugokit.vocab import load_vocabularies

    vocab, vocab_diagnostics = load_vocabularies(site.config.root)
    context = rules.Context(site.database, vocab, site.config)
    found = rules.run(context, site.config.select, site.config.ignore)
    return sorted(site.diagnostics + vocab_diagnostics + found, key=Diagnostic.sort_key)


def outputs(site: Site) -> dict[str, str]:
    """Each generated file (relative to the site) and the text it must hold."""
    return {site.config.page: render_page(site.database.publications, site.config.front_matter)}


def apply_fixes(root: Path, diagnostics: list[Diagnostic]) -> dict[str, str]:
    """The new text of each file that the diagnostics' safe fixes change (relative path -> text)."""
    by_path: dict[str, list] = {}
    for d in diagnostics:
        if d.fix is not None:
            by_path.setdefault(d.fix.path, []).append(d.fix)
    changed: dict[str, str] = {}
    for shown, fixes in by_path.items():
        text = read_text(root / shown, shown)
        edge = len(text) + 1
        for fix in sorted(set(fixes), key=lambda f: f.start, reverse=True):
            if fix.end <= edge:  # overlapping fixes: keep the later one; a rerun applies the rest
                text = text[: fix.start] + fix.replacement + text[fix.end:]
                edge = fix.start
        changed[shown] = text
    return changed


@dataclass(slots=True)
class PageImport:
    database_text: str
    diagnostics: list[Diagnostic]
    count: int
    front_matter_note: str  # what to put in hugokit.yaml so the page keeps its front-matter


def import_markdown(config: SiteConfig, source: Path, shown: str, *, force: bool) -> PageImport:
    """The database text for a shortcode page; refuses to replace an existing database unless forced."""
    target = config.path(config.database)
    if target.exists() and not force:
        raise InputError([error(Position(config.database), "database-exists",
                                f"{config.database} exists already; importing would replace it",
                                "pass --force to replace it (its entries are lost), or merge by hand")])
    page = import_page(read_text(source, shown), shown)
    note = ""
    if page.front_matter is not None and page.front_matter != config.front_matter:
        body = "".join("  " + line + "\n" for line in page.front_matter.splitlines())
        note = f"front_matter: |\n{body}"
    return PageImport(render_database(page.publications), page.diagnostics, len(page.publications), note)
