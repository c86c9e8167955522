"""The publication database (data/publications.yaml): read with positions, checked for structure."""
from __future__ import annotations

from typing import TYPE_CHECKING

from hugokit.database_fast import read_common
from hugokit.diagnostics import Diagnostic, InputError, Position, error
from hugokit.inputs import read_text
from hugokit.model import Database

if TYPE_CHECKING:
    from hugokit.config import SiteConfig


def parse_database(text: str, path: str) -> tuple[Database, list[Diagnostic]]:
    """The entries, and a diagnostic for each structural problem.

    A field of the wrong type is reported, left at its default and marked broken; an entry
    missing its title or year is reported and kept only among the entries rules check (not built).
    A YAML syntax error raises InputError.
    """
    common = read_common(text, path)  # a database in the common shape, without composing YAML nodes
    if common is not None:
        return Database(path, common, [], text), []
    from hugokit.database_full import parse_composed

    return parse_composed(text, path)


def read_for_edit(config: SiteConfig) -> tuple[str, Database] | None:
    """The database's text and entries for a command that edits it (import, add, refresh), or
    None when there is no database yet. One with errors raises InputError: an edit goes only
    into a database that reads cleanly, since entries left out of the parse would be lost."""
    target = config.path(config.database)
    if not target.exists():
        return None
    text = read_text(target, config.database)
    database, problems = parse_database(text, config.database)
    if any(d.is_error for d in problems):
        raise InputError(problems + [error(Position(config.database), "bad-database",
                                           "the database has errors; fix them before hugokit changes it",
                                           "run hugokit check")])
    return text, database
