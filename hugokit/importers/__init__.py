"""Importers turn other formats into publications; each reports what it could not read."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from hugokit.config import SiteConfig
from hugokit.database import parse_database
from hugokit.diagnostics import Diagnostic, InputError, Position, error
from hugokit.importers.imported import Progress
from hugokit.load import read_text

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
                mapping: dict[str, str] | None = None, progress: Progress | None = None) -> ImportPlan:
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
    from hugokit.verify import expect_database

    expect_database(merged.text, config.database, merged.expected, ordered=False)
    return ImportPlan(merged.text, imported.diagnostics + merged.diagnostics, len(merged.added),
                      len(merged.updated), note, False)
