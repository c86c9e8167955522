"""The data-exchange commands: `hugokit import` and `hugokit export`."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from hugokit.cli_common import SITE_OPTION, fail_input, report
from hugokit.diagnostics import InputError


@click.command("import")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@SITE_OPTION
@click.option("--format", "fmt", type=click.Choice(["markdown", "bibtex", "json"]),
              help="The source's format (default: from its extension: .md, .bib, .json).")
@click.option("--map", "mappings", multiple=True, metavar="NAME=FIELD",
              help="JSON: read field NAME as FIELD (a database field, date, or links.KIND). Repeatable.")
@click.option("--dry-run", is_flag=True, help="Show what would change in the database; write nothing.")
@click.option("--force", is_flag=True, help="Replace the existing database instead of merging into it.")
@click.option("--partial", is_flag=True, help="Write even though some of the source could not be read.")
def import_command(source: Path, site: str, fmt: str | None, mappings: tuple[str, ...], dry_run: bool,
                   force: bool, partial: bool) -> None:
    """Import a shortcode page, a BibTeX file or a JSON list into data/publications.yaml.

    Into an existing database the import merges: entries are matched by DOI, arXiv id, id or
    title; matches gain the fields they lack and never lose one; new entries go among their year.
    """
    from hugokit import site as ops
    from hugokit.config import load_config
    from hugokit.layout import CONFIG_NAME, site_root
    from hugokit.writeback import Mode, current_text, put, unified_diff

    try:
        root = site_root(site)
        config = load_config(root)
        mapping = _parse_mappings(mappings)
        with _progress(source) as progress:
            plan = ops.import_file(config, source, str(source), fmt=fmt, force=force, mapping=mapping,
                                   progress=progress)
    except InputError as exc:
        sys.exit(fail_input(exc))
    report(plan.diagnostics)
    unreadable = [d for d in plan.diagnostics if d.is_error]
    if unreadable and not partial:
        click.echo(f"{len(unreadable)} problem(s) in {source}; nothing was written. "
                   "Fix them, or pass --partial to import the rest.", err=True)
        sys.exit(1)
    target = config.path(config.database)
    if dry_run:
        click.echo(unified_diff(current_text(target) or "", plan.database_text, config.database), nl=False)
    else:
        put(target, config.database, plan.database_text, Mode.WRITE)
    verb = "would import" if dry_run else "imported"
    if plan.replaced:
        click.echo(f"{verb} {plan.added} publications into {config.database}")
    else:
        click.echo(f"{verb} {plan.added} new and updated {plan.updated} existing publications in {config.database}")
    if plan.front_matter_note and not dry_run:
        if config.file is None:
            put(root / CONFIG_NAME, CONFIG_NAME, "# hugokit site configuration\n" + plan.front_matter_note, Mode.WRITE)
            click.echo(f"kept the page's front-matter in {CONFIG_NAME}")
        else:
            click.echo(f"the page's front-matter differs from {CONFIG_NAME}; to keep it, set there:\n"
                       + plan.front_matter_note, err=True)
    sys.exit(1 if unreadable else 0)


def _parse_mappings(mappings: tuple[str, ...]) -> dict[str, str]:
    from hugokit.diagnostics import Position, error
    from hugokit.importers.json_list import targets

    out = {}
    for item in mappings:
        name, _, field = item.partition("=")
        if not name or not (field in targets() or field.startswith("links.") and len(field) > 6):
            raise InputError([error(Position("--map"), "bad-option", f"cannot read --map {item!r}",
                                    "write NAME=FIELD, FIELD one of: " + ", ".join(targets()))])
        out[name] = field
    return out


class _progress:
    """A progress bar over the source's characters, only for large files on a terminal
    (never in CI or a hook), so that automation logs stay clean."""

    def __init__(self, source: Path) -> None:
        import os

        size = source.stat().st_size if source.is_file() else 0
        quiet = os.environ.get("CI") or os.environ.get("PRE_COMMIT") or not sys.stderr.isatty()
        self.bar = None if quiet or size < 500_000 else click.progressbar(
            length=size, label=f"importing {source.name}", file=sys.stderr)

    def __enter__(self):
        if self.bar is None:
            return None
        bar = self.bar.__enter__()
        return bar.update

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            if exc[0] is None:  # done: the parser stops short of the file's last bytes
                self.bar.update(max(0, self.bar.length - self.bar.pos))
            self.bar.__exit__(*exc)  # type: ignore[arg-type]


@click.command("export")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(["bibtex", "csl-json"]))
@SITE_OPTION
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (atomically; untouched when unchanged) instead of printing.")
def export_command(fmt: str, site: str, output: Path | None) -> None:
    """Export the whole database as BibTeX or CSL-JSON."""
    from hugokit import site as ops
    from hugokit.layout import site_root
    from hugokit.writeback import Mode, put

    try:
        loaded = ops.load_site(site_root(site))
    except InputError as exc:
        sys.exit(fail_input(exc))
    structural = [d for d in loaded.diagnostics if d.is_error]
    if structural:
        report(structural)
        click.echo("the database has structural errors; nothing was exported", err=True)
        sys.exit(1)
    vocab, _ = loaded.vocabularies()
    if fmt == "bibtex":
        from hugokit.render.bibtex import render_bibliography

        text = render_bibliography(loaded.database.publications, vocab.venues)
    else:
        from hugokit.render.csl import render_csl

        text = render_csl(loaded.database.publications, vocab.venues)
    if output is None:
        click.echo(text, nl=False)
        return
    outcome = put(output, str(output), text, Mode.WRITE)
    click.echo(f"{'wrote' if outcome.written else 'unchanged:'} {output} "
               f"({len(loaded.database.publications)} publications)", err=True)
