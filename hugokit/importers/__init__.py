"""Importers turn other formats into publications; each reports what it could not read."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from hugokit.config import SiteConfig
from hugokit.database import read_for_edit
from hugokit.diagnostics import Diagnostic, InputError, Position, error
from hugokit.importers.imported import Progress
from hugokit.inputs import read_text
from hugokit.merge import merge
from hugokit.render.database_yaml import render_database

if TYPE_CHECKING:
    from hugokit.cache import Cache
    from hugokit.vocab import Vocabulary

NO_ENTRIES = "no-entries"
FORMATS = {".md": "markdown", ".markdown": "markdown", ".bib": "bibtex", ".bibtex": "bibtex", ".json": "json"}


class ImportPlan:
    """(A plain class, as the start-up path's are: see hugokit.model.)"""

    __slots__ = ("database_text", "diagnostics", "added", "updated", "front_matter_note", "replaced", "base",
                 "profiles")

    def __init__(self, database_text: str, diagnostics: list[Diagnostic], added: int, updated: int,
                 front_matter_note: str, replaced: bool, base: str | None = None,
                 profiles: dict[str, str] | None = None) -> None:
        self.database_text = database_text  # what the database file should hold afterwards
        self.diagnostics = diagnostics
        self.added = added
        self.updated = updated
        self.front_matter_note = front_matter_note  # what to put in hugokit.yaml so a page keeps its front-matter
        self.replaced = replaced  # the database was created or replaced, not merged into
        self.base = base  # the database text merged into
        self.profiles = profiles or {}  # a name read from a Hugo Blox profile -> its username


def import_file(config: SiteConfig, source: Path, shown: str, *, fmt: str | None = None, force: bool = False,
                mapping: dict[str, str] | None = None, progress: Progress | None = None,
                crossref_parents: bool = False, cache: Cache | None = None) -> ImportPlan:
    """Reads source and plans the new database: merged into the existing one, or (created or
    with force) replacing it. Nothing is written here. The site's vocabularies come from cache's
    memo where it holds them."""

    def venues() -> Vocabulary:  # read only by the importers that look venues up
        from hugokit.cache import Cache
        from hugokit.vocab import cached_vocabularies

        return cached_vocabularies(config.root, cache or Cache(None))[0].venues
    if source.is_dir():
        fmt = fmt or "pages"
        if fmt != "pages":
            raise InputError([error(Position(shown), "bad-format", f"{shown} is a folder",
                                    "a folder is imported as publication pages (Hugo Blox bundles, academicpages)")])
    fmt = fmt or FORMATS.get(source.suffix.lower())
    if fmt is None:
        raise InputError([error(Position(shown), "bad-format", f"cannot tell the format of {shown}",
                                "pass --format markdown, pages, bibtex or json")])
    text = "" if source.is_dir() else read_text(source, shown, "check the path: it is read from the folder hugokit "
                                                               "runs in, not from --site")
    if fmt == "markdown":
        from hugokit.importers.pages import looks_like_publication_page

        fmt = "pages" if looks_like_publication_page(text) else fmt
    if fmt == "pages":
        from hugokit.author_notes import read_legend
        from hugokit.importers.pages import import_pages

        imported = import_pages(source, shown, venues(), mapping,
                                read_legend(config.author_notes))
    elif fmt == "markdown":
        from hugokit.importers.markdown import import_page

        imported = import_page(text, shown, mapping, venues)  # (venues: only for a shortcode that holds BibTeX)
    elif fmt == "json":
        from hugokit.importers.json_list import import_json

        imported = import_json(text, shown, mapping, venues())
    else:
        from hugokit.importers.bibtex import import_bibtex

        imported = import_bibtex(text, shown, venues(), progress, crossref_parents)
    from hugokit.links import settle

    imported.diagnostics.extend(settle(imported.publications))
    if not imported.publications:
        errors = [d for d in imported.diagnostics if d.is_error]
        message = ("none of the publications in {} could be imported" if errors else "{} holds no publications")
        hint = "nothing was written; check that this is the file or folder meant"
        if fmt == "markdown" and errors and all(d.code == "unparsed-line" for d in errors):
            message = "no line of {} is a publication entry"
            hint += (": an entry is a shortcode at the start of a line with a title, {{< publication title=\"…\" >}} "
                     "or {{% publication title=\"…\" %}} (a commented one, {{</* … */>}}, is text)")
        imported.diagnostics.append(error(Position(shown), NO_ENTRIES, message.format(shown), hint))
    note = ""
    if imported.front_matter is not None and imported.front_matter != config.front_matter:
        body = "".join("  " + line + "\n" for line in imported.front_matter.splitlines())
        note = f"front_matter: |\n{body}"
    existing = None if force else read_for_edit(config)
    if existing is None:
        count = len(imported.publications)
        return ImportPlan(render_database(imported.publications), imported.diagnostics, count, 0, note, True,
                          profiles=imported.profiles)
    existing_text, database = existing
    merged = merge(existing_text, database, imported.publications, shown)
    from hugokit.verify import expect_database

    expect_database(merged.text, config.database, merged.expected)
    return ImportPlan(merged.text, imported.diagnostics + merged.diagnostics, len(merged.added),
                      len(merged.updated), note, False, existing_text, imported.profiles)
