"""The operations behind the commands, as functions over a site folder; no terminal, no exit codes."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from hugokit.config import SiteConfig, load_config
from hugokit.database import parse_database
from hugokit.diagnostics import Diagnostic, InputError, Position, error
from hugokit.load import read_text
from hugokit.model import Database


@dataclass(slots=True)
class Site:
    config: SiteConfig
    database: Database
    diagnostics: list[Diagnostic]  # structural problems found while reading the database
    _vocab: object = None

    def vocabularies(self):  # -> tuple[Vocabularies, list[Diagnostic]], read once
        if self._vocab is None:
            from hugokit.vocab import load_vocabularies

            self._vocab = load_vocabularies(self.config.root)
        return self._vocab


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
    context = rules.Context(site.database, vocab, site.config)
    found = rules.run(context, site.config.select, site.config.ignore)
    return sorted(site.diagnostics + vocab_diagnostics + found, key=Diagnostic.sort_key)


def input_files(site: Site) -> list[str]:
    """Every file a check of the site reads (relative to it), present or not: the run cache's key."""
    from hugokit.layout import CONFIG_NAME, VOCABULARY_NAMES, content_files, is_page, vocabulary_file

    pages = [rel for rel in content_files(site.config.root) if is_page(rel)]
    return [CONFIG_NAME, site.config.database, *map(vocabulary_file, VOCABULARY_NAMES), *pages]


def hand_edits(site: Site, page_text: str) -> list[Diagnostic]:
    """What a rebuild of the page would lose: entries on it that the database lacks, and lines
    that are not entries. Deleting an entry from the database shows up here too, which is why
    build asks only when the page is not what hugokit itself last wrote."""
    from hugokit.diagnostics import error as make_error
    from hugokit.importers.markdown import import_page
    from hugokit.text import fold

    page = import_page(page_text, site.config.page)
    known = {fold(pub.title) for pub in site.database.publications}
    lost = [make_error(pub.at(), "hand-edited-page",
                       f'"{pub.title}" is on the page but not in the database; building would remove it',
                       f"merge the page into the database first: hugokit import {site.config.page}")
            for pub in page.publications if fold(pub.title) not in known]
    odd = [make_error(Position(d.path, d.line, d.col), "hand-edited-page",
                      "this line of the page is not an entry; building would remove it", d.hint)
           for d in page.diagnostics if d.code == "unparsed-line"]
    return lost + odd


@dataclass(slots=True)
class BuildPlan:
    files: dict[str, str]           # generated file (relative to the site) -> the text it must hold
    remove: list[str]               # files hugokit generated earlier that nothing produces now
    diagnostics: list[Diagnostic]   # hand-written files in the way (left untouched)


def plan_build(site: Site, pages: bool | None = None) -> BuildPlan:
    """What `hugokit build` makes: the shortcode page, and the page bundles when enabled."""
    from hugokit.render.page import render_page

    config = site.config
    files = {config.page: render_page(site.database.publications, config.front_matter)}
    plan = BuildPlan(files, [], [])
    if not (config.pages if pages is None else pages):
        return plan
    from hugokit.diagnostics import warning
    from hugokit.render.bundles import BIB_MARK, MARK, is_generated, render_bundles

    vocab, _ = site.vocabularies()
    folder = config.pages_dir.strip("/")
    for relative, text in render_bundles(site.database.publications, vocab.venues, folder).items():
        existing = config.path(relative)
        mark = BIB_MARK if relative.endswith(".bib") else MARK
        if existing.exists() and not is_generated(existing, mark):
            plan.diagnostics.append(warning(Position(relative), "hand-written-page",
                                            f"{relative} was not generated by hugokit; it was left as it is",
                                            "move it, or delete it to let hugokit generate this page"))
            continue
        files[relative] = text
    root = config.path(folder)
    if root.is_dir():
        for path in sorted(root.glob("*/*")):
            relative = path.relative_to(config.root).as_posix()
            mark = BIB_MARK if path.name == "cite.bib" else MARK if path.name == "index.md" else None
            if mark and relative not in files and is_generated(path, mark):
                plan.remove.append(relative)
    return plan


@dataclass(slots=True)
class BuildResult:
    refused: str = ""                 # "errors" or "hand-edits" when nothing was written, else ""
    problems: list[Diagnostic] = field(default_factory=list)  # what the refusal is about
    notes: list[Diagnostic] = field(default_factory=list)     # hand-written pages left alone
    outcomes: list = field(default_factory=list)              # writeback.Outcome of every file
    removed: list[str] = field(default_factory=list)          # generated files no longer produced

    @property
    def changed(self) -> list:
        return [o for o in self.outcomes if o.changed]


def build(root: Path, *, write: bool, force: bool = False, pages: bool | None = None, want_diff: bool = False,
          cache=None) -> BuildResult:  # cache: hugokit.cache.RunCache
    """Regenerates the site's pages (write) or compares them (not write). A database with errors,
    or a page edited by hand, is not overwritten unless forced."""
    from hugokit.cache import RunCache, file_digest
    from hugokit.writeback import Mode, current_text, put, remove

    # A clean check of these very inputs, cached, means the rules need not run again.
    checked = RunCache(root, "check", ("", "")).lookup() if cache is not None else None
    site = load_site(root, positions=checked is None)
    if checked is not None:
        errors = [d for d in map(Diagnostic.from_dict, checked["diagnostics"]) if d.is_error]
    else:
        errors = [d for d in check(site) if d.is_error]
    if errors and not force:
        return BuildResult("errors", errors)
    plan = plan_build(site, pages)
    page = site.config.path(site.config.page)
    old = current_text(page)
    if write and not force and old is not None and old != plan.files[site.config.page]:
        # hugokit's own last output (recorded by the cache) lacks nothing on purpose: entries
        # removed from the database. Anything else may hold hand edits.
        if cache is None or cache.recorded(site.config.page) != file_digest(page):
            edits = hand_edits(site, old)
            if edits:
                return BuildResult("hand-edits", edits, plan.diagnostics)
    mode = Mode.WRITE if write else Mode.CHECK
    outcomes = [put(site.config.path(rel), rel, text, mode, want_diff=want_diff, durable=False)
                for rel, text in plan.files.items()]
    outcomes += [remove(site.config.path(rel), rel, mode) for rel in plan.remove]
    result = BuildResult("", [], plan.diagnostics, outcomes, plan.remove)
    if cache is not None and not errors and (write or not result.changed):
        cache.store(input_files(site) + list(plan.files) + plan.remove,
                    {"diagnostics": [d.as_dict() for d in plan.diagnostics]})
    return result


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


FORMATS = {".md": "markdown", ".markdown": "markdown", ".bib": "bibtex", ".bibtex": "bibtex", ".json": "json"}


@dataclass(slots=True)
class ImportPlan:
    database_text: str          # what the database file should hold afterwards
    diagnostics: list[Diagnostic]
    added: int
    updated: int
    front_matter_note: str      # what to put in hugokit.yaml so a page keeps its front-matter
    replaced: bool              # the database was created or replaced, not merged into


def import_file(config: SiteConfig, source: Path, shown: str, *, fmt: str | None = None, force: bool = False,
                mapping: dict[str, str] | None = None, progress=None) -> ImportPlan:
    """Reads source and plans the new database: merged into the existing one, or (created or
    with force) replacing it. Nothing is written here."""
    from hugokit.render.database_yaml import render_database

    fmt = fmt or FORMATS.get(source.suffix.lower())
    if fmt is None:
        raise InputError([error(Position(shown), "bad-format", f"cannot tell the format of {shown}",
                                "pass --format markdown, bibtex or json")])
    text = read_text(source, shown)
    if fmt == "markdown":
        from hugokit.importers.markdown import import_page

        imported = import_page(text, shown)
    elif fmt == "json":
        from hugokit.importers.json_list import import_json

        imported = import_json(text, shown, mapping)
    else:
        from hugokit.importers.bibtex import import_bibtex
        from hugokit.vocab import load_vocabularies

        vocab, _ = load_vocabularies(config.root)
        imported = import_bibtex(text, shown, vocab.venues, progress)
    note = ""
    if imported.front_matter is not None and imported.front_matter != config.front_matter:
        body = "".join("  " + line + "\n" for line in imported.front_matter.splitlines())
        note = f"front_matter: |\n{body}"
    target = config.path(config.database)
    if force or not target.exists():
        count = len(imported.publications)
        return ImportPlan(render_database(imported.publications), imported.diagnostics, count, 0, note, True)
    from hugokit.merge import merge

    existing_text = read_text(target, config.database)
    database, problems = parse_database(existing_text, config.database)
    if any(d.is_error for d in problems):
        raise InputError(problems + [error(Position(config.database), "bad-database",
                                           "the database has errors; fix them before merging into it",
                                           "run hugokit check")])
    merged = merge(existing_text, database, imported.publications, shown)
    return ImportPlan(merged.text, imported.diagnostics + merged.diagnostics, len(merged.added),
                      len(merged.updated), note, False)
