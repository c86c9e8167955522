"""What `hugokit export` writes: the whole database as BibTeX or CSL-JSON, or why nothing.

As `hugokit build`, it exports from a database the check finds no error in (or, forced, from one
it does), and never from one whose entries could not all be read: those entries would be missing
from the file. Whatever it writes has every key once (see citation_keys), so that LaTeX, biber and
`hugokit import` read all of it.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from hugokit.diagnostics import Diagnostic, error, on_command_line, quoted, warning
from hugokit.site import checked, generation_errors, load_and_check, load_site

if TYPE_CHECKING:
    from hugokit.cache import Cache
    from hugokit.config import SiteConfig
    from hugokit.site import Site


class Export(NamedTuple):
    text: str                  # the file's text ("" when refused)
    refused: str               # "" when exported, else "errors" (--force exports) or "unreadable" (never)
    problems: list[Diagnostic]  # what the refusal is about
    notes: list[Diagnostic]    # entries whose id could not be their key (exported under another)
    exported: int              # how many publications it holds


def export(root: Path, cache: Cache, fmt: str, *, force: bool = False) -> Export:
    """The export of the site at root in fmt ("bibtex" or "csl-json")."""
    site, diagnostics = _checked(root, cache)
    unreadable = [d for d in site.diagnostics if d.is_error]
    if unreadable:
        return Export("", "unreadable", unreadable, [], 0)
    errors = generation_errors(site.config, diagnostics)
    if errors and not force:
        return Export("", "errors", errors, [], 0)
    from hugokit.render.bibtex import citation_keys

    publications = site.database.publications
    keys = citation_keys(publications)
    venues = site.vocabularies()[0].venues
    if fmt == "bibtex":
        from hugokit.render.bibtex import render_bibliography

        text = render_bibliography(publications, venues, keys)
    else:
        from hugokit.render.csl import render_csl

        text = render_csl(publications, venues, keys)
    notes = [warning(pub.at("id"), "export-key", f'the id {quoted(pub.id)} cannot be a key of this file; '
                                                 f'the entry was exported with the key {quoted(key)}',
                     "rename it in the database (hugokit check says why), so that every export keeps it")
             for pub, key in zip(publications, keys) if pub.id and key != pub.id]
    return Export(text, "", [], notes, len(publications))


def _checked(root: Path, cache: Cache) -> tuple[Site, list[Diagnostic]]:
    """The site and its check's diagnostics, from the run cache when the texts of the config and
    the database loaded now are the ones that check read; else checked afresh."""
    outcome = checked(root, cache)
    if outcome.site is not None:
        return outcome.site, outcome.diagnostics
    site = load_site(root, cache)
    served = outcome.inputs() if outcome.inputs is not None else None
    if served is not None and all(served.get(rel, "-") == digest for rel, digest in site.read.items()):
        return site, outcome.diagnostics
    return load_and_check(root, cache)


def output_problem(config: SiteConfig, output: Path) -> Diagnostic | None:
    """Why export must not write to output, if it must not: one of the site's inputs, or a file
    in a folder that does not exist (a mistyped path would otherwise make a new tree)."""
    from hugokit.config import overwrites_input

    if overwrites_input(config, output):
        return error(on_command_line("--output"), "bad-option",
                     f"--output {output} would overwrite one of the site's inputs; nothing was written",
                     "write the export elsewhere, e.g. static/publications.bib")
    if not output.parent.is_dir():
        return error(on_command_line("--output"), "bad-option",
                     f"--output {output}: the folder {output.parent} does not exist; nothing was written",
                     f"check the path, or create the folder first (mkdir -p {output.parent})")
    return None


def refusal_message(result: Export) -> str:
    if result.refused == "unreadable":
        return (f"{len(result.problems)} error(s) in reading the database; nothing was exported, even with --force "
                "(fix them: the export would lack what they leave out)")
    return (f"the database has {len(result.problems)} error(s); nothing was exported "
            "(fix them, or pass --force to export anyway)")

