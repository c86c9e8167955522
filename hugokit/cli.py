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


def _step_summary(markdown: str) -> None:
    """Adds to the GitHub Actions job summary when running there."""
    import os

    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        from hugokit.writeback import append_text

        append_text(Path(target), markdown)


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
        message = f"the database has {len(errors)} error(s); nothing was written (fix them, or pass --force to build anyway)"
        click.echo(message, err=True)
        _step_summary(f"## hugokit build\n\nNot built: {message}.\n\n")
        sys.exit(1)
    mode = Mode.CHECK if check_only or diff else Mode.WRITE
    changed = []
    diffs = []
    for relative, text in ops.outputs(loaded).items():
        outcome = put(loaded.config.path(relative), relative, text, mode, want_diff=diff)
        if outcome.diff:
            click.echo(outcome.diff, nl=False)
            diffs.append(outcome.diff)
        if outcome.changed:
            changed.append(relative)
            verb = "wrote" if outcome.written else "would change"
            click.echo(f"{verb} {relative}", err=True)
    if not changed:
        click.echo("all generated files are up to date", err=True)
    if mode is Mode.CHECK:
        from hugokit.reporters import build_summary_markdown

        _step_summary(build_summary_markdown(changed, "".join(diffs)))
    sys.exit(1 if changed and mode is Mode.CHECK else 0)


def _codes(text: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in text.split(",") if c.strip())


def _check_site(site: str, select: str, ignore: str, output_format: str):  # -> (Site, diagnostics)
    from dataclasses import replace

    from hugokit import rules, site as ops
    from hugokit.config import site_root
    from hugokit.diagnostics import Position, error

    try:
        loaded = ops.load_site(site_root(site))
        config = loaded.config
        config = replace(config, select=_codes(select) or config.select, ignore=config.ignore + _codes(ignore))
        known = rules.all_rules()
        unknown = [c for c in config.select + config.ignore if c not in known]
        if unknown:
            raise InputError([error(Position(config.file or "--select/--ignore"), "bad-config",
                                    f"unknown rule code {c!r}", "list them with: hugokit rules") for c in unknown])
    except InputError as exc:
        sys.exit(_fail_input(exc, output_format))
    loaded.config = config
    return loaded, ops.check(loaded)


@cli.command("check")
@SITE_OPTION
@FORMAT_OPTION
@click.option("--strict", is_flag=True, default=None, help="Warnings fail the check too.")
@click.option("--select", default="", metavar="CODES", help="Comma-separated rule codes to run (default all).")
@click.option("--ignore", default="", metavar="CODES", help="Comma-separated rule codes to skip.")
@click.option("--fix", "apply_fix", is_flag=True, help="Apply the safe fixes first (as hugokit fix).")
def check_command(site: str, output_format: str, strict: bool | None, select: str, ignore: str,
                  apply_fix: bool) -> None:
    """Validate the database (and the site's content) and report every problem found."""
    from hugokit import reporters

    if apply_fix:
        _fix(site, select, ignore, show_diff=False)
    loaded, diagnostics = _check_site(site, select, ignore, output_format)
    config = loaded.config
    _report(diagnostics, output_format)
    _step_summary(reporters.check_summary_markdown(diagnostics))
    if reporters.resolve(output_format) == "human":
        click.echo(reporters.summary(diagnostics), err=True)
    strict = config.strict if strict is None else strict
    failed = any(d.is_error or strict for d in diagnostics)
    sys.exit(1 if failed else 0)


def _fix(site: str, select: str, ignore: str, show_diff: bool) -> int:
    """Applies (or, with show_diff, shows) the safe fixes; returns how many files change."""
    from hugokit import site as ops
    from hugokit.writeback import Mode, put

    loaded, diagnostics = _check_site(site, select, ignore, "human")
    changed = ops.apply_fixes(loaded.config.root, diagnostics)
    fixed = sum(1 for d in diagnostics if d.fix is not None)
    for relative, text in changed.items():
        outcome = put(loaded.config.path(relative), relative, text, Mode.CHECK if show_diff else Mode.WRITE,
                      want_diff=show_diff)
        click.echo(outcome.diff, nl=False)
    verb = "would fix" if show_diff else "fixed"
    click.echo(f"{verb} {fixed} problem(s) in {len(changed)} file(s)", err=True)
    return len(changed)


@cli.command("fix")
@SITE_OPTION
@click.option("--diff", "show_diff", is_flag=True, help="Print the changes as a diff instead of writing them.")
@click.option("--select", default="", metavar="CODES", help="Fix only these rule codes.")
@click.option("--ignore", default="", metavar="CODES", help="Do not fix these rule codes.")
def fix_command(site: str, show_diff: bool, select: str, ignore: str) -> None:
    """Apply the safe fixes (canonical spellings, stray spaces), keeping comments and key order."""
    changed = _fix(site, select, ignore, show_diff)
    loaded, remaining = _check_site(site, select, ignore, "human")
    if remaining and not show_diff:
        _report(remaining)
        from hugokit import reporters

        click.echo(f"left to fix by hand: {reporters.summary(remaining)}", err=True)
    sys.exit(1 if (show_diff and changed) or any(d.is_error for d in remaining) else 0)


@cli.command("rules")
@click.argument("code", required=False)
def rules_command(code: str | None) -> None:
    """List the rules, or show one rule's documentation."""
    from hugokit import rules

    known = rules.all_rules()
    if code:
        if code not in known:
            click.echo(f"unknown rule {code!r}; known: {', '.join(known)}", err=True)
            sys.exit(2)
        rule = known[code]
        click.echo(f"{rule.code} ({rule.severity.value}{', fixable' if rule.fixable else ''})\n\n{rule.doc}")
        return
    for rule in known.values():
        click.echo(f"{rule.code:<20} {rule.severity.value:<8} {rule.summary}")


@cli.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of data/publications.yaml (for editors' YAML language server)."""
    from hugokit.schema import SCHEMA_FILE

    click.echo(SCHEMA_FILE.read_text(encoding="utf-8"), nl=False)


def main() -> None:
    cli(prog_name="hugokit")
