"""The command line: parses options, calls hugokit.site, prints, and returns an exit code.

Exit codes: 0 clean; 1 findings (errors, warnings under --strict, files that would change under
--check); 2 usage, configuration or unreadable input.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from hugokit import __version__
from hugokit.diagnostics import Diagnostic, InputError

SITE_OPTION = click.option("--site", default=".", show_default=True, metavar="DIR",
                           help="The Hugo site's folder.")
FORMAT_OPTION = click.option("--format", "output_format", default="auto", show_default=True,
                             type=click.Choice(["auto", "human", "github", "json"]),
                             help="How to print diagnostics; auto is github inside GitHub Actions.")


def _report(diagnostics: list[Diagnostic], output_format: str = "auto") -> None:
    from hugokit import reporters

    if reporters.resolve(output_format) == "json":
        click.echo(reporters.as_json(diagnostics), nl=False)
        return
    if diagnostics:
        click.echo(reporters.render(output_format, diagnostics), nl=False, err=False)


def _fail_input(exc: InputError, output_format: str = "auto") -> int:
    _report(exc.diagnostics, output_format)
    return 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="hugokit")
def cli() -> None:
    """hugokit: one publication database for a Hugo site, validated, rendered into pages."""


@cli.command("import")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@SITE_OPTION
@click.option("--force", is_flag=True, help="Replace an existing database.")
@click.option("--partial", is_flag=True, help="Write the database even if some lines could not be read.")
def import_command(source: Path, site: str, force: bool, partial: bool) -> None:
    """Import an existing shortcode page (content/publications.md) into data/publications.yaml."""
    from hugokit import site as ops
    from hugokit.config import CONFIG_NAME, load_config, site_root
    from hugokit.writeback import Mode, put

    try:
        root = site_root(site)
        config = load_config(root)
        result = ops.import_markdown(config, source, str(source), force=force)
    except InputError as exc:
        sys.exit(_fail_input(exc))
    _report(result.diagnostics)
    if result.diagnostics and not partial:
        click.echo(f"{len(result.diagnostics)} problem(s) in {source}; nothing was written. "
                   "Fix them, or pass --partial to import the rest.", err=True)
        sys.exit(1)
    put(config.path(config.database), config.database, result.database_text, Mode.WRITE)
    click.echo(f"imported {result.count} publications into {config.database}")
    if result.front_matter_note:
        if config.file is None:
            put(root / CONFIG_NAME, CONFIG_NAME, "# hugokit site configuration\n" + result.front_matter_note, Mode.WRITE)
            click.echo(f"kept the page's front-matter in {CONFIG_NAME}")
        else:
            click.echo(f"the page's front-matter differs from {CONFIG_NAME}; to keep it, set there:\n"
                       + result.front_matter_note, err=True)
    sys.exit(1 if result.diagnostics else 0)


@cli.command("build")
@SITE_OPTION
@click.option("--check", "check_only", is_flag=True, help="Write nothing; exit 1 if a file would change.")
@click.option("--diff", is_flag=True, help="Print a unified diff of what changes.")
@click.option("--force", is_flag=True, help="Write even though the database has errors.")
def build_command(site: str, check_only: bool, diff: bool, force: bool) -> None:
    """Regenerate content/publications.md from the database."""
    from hugokit import site as ops
    from hugokit.config import site_root
    from hugokit.writeback import Mode, put

    try:
        loaded = ops.load_site(site_root(site))
    except InputError as exc:
        sys.exit(_fail_input(exc))
    errors = [d for d in ops.check(loaded) if d.is_error]
    if errors and not force:
        _report(errors)
        click.echo(f"the database has {len(errors)} error(s); nothing was written "
                   "(fix them, or pass --force to build anyway)", err=True)
        sys.exit(1)
    mode = Mode.CHECK if check_only or diff else Mode.WRITE
    changed = []
    for relative, text in ops.outputs(loaded).items():
        outcome = put(loaded.config.path(relative), relative, text, mode, want_diff=diff)
        if outcome.diff:
            click.echo(outcome.diff, nl=False)
        if outcome.changed:
            changed.append(relative)
            verb = "wrote" if outcome.written else "would change"
            click.echo(f"{verb} {relative}", err=True)
    if not changed:
        click.echo("all generated files are up to date", err=True)
    sys.exit(1 if changed and mode is Mode.CHECK else 0)


@cli.command("check")
@SITE_OPTION
@FORMAT_OPTION
@click.option("--strict", is_flag=True, default=None, help="Warnings fail the check too.")
@click.option("--select", default="", metavar="CODES", help="Comma-separated rule codes to run (default all).")
@click.option("--ignore", default="", metavar="CODES", help="Comma-separated rule codes to skip.")
def check_command(site: str, output_format: str, strict: bool | None, select: str, ignore: str) -> None:
    """Validate the database (and the site's content) and report every problem found."""
    from dataclasses import replace

    from hugokit import reporters, site as ops
    from hugokit.config import site_root

    try:
        loaded = ops.load_site(site_root(site))
    except InputError as exc:
        sys.exit(_fail_input(exc, output_format))
    config = loaded.config
    if select:
        config = replace(config, select=tuple(c.strip() for c in select.split(",") if c.strip()))
    if ignore:
        config = replace(config, ignore=config.ignore + tuple(c.strip() for c in ignore.split(",") if c.strip()))
    loaded.config = config
    diagnostics = ops.check(loaded)
    _report(diagnostics, output_format)
    if reporters.resolve(output_format) == "human":
        click.echo(reporters.summary(diagnostics), err=True)
    strict = config.strict if strict is None else strict
    failed = any(d.is_error or strict for d in diagnostics)
    sys.exit(1 if failed else 0)


@cli.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of data/publications.yaml (for editors' YAML language server)."""
    from hugokit.schema import SCHEMA_FILE

    click.echo(SCHEMA_FILE.read_text(encoding="utf-8"), nl=False)


def main() -> None:
    cli(prog_name="hugokit")
