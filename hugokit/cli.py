"""The command line: parses options, calls hugokit.site, prints, and returns an exit code.

Exit codes: 0 clean; 1 findings (errors, warnings under --strict, files that would change under
--check); 2 usage, configuration or unreadable input.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from hugokit import __version__
from hugokit.cli_common import (FORMAT_OPTION, NO_CACHE_OPTION, SITE_OPTION, fail_input, report,
                                step_summary)
from hugokit.cli_exchange import export_command, import_command
from hugokit.diagnostics import Diagnostic, InputError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="hugokit")
def cli() -> None:
    """hugokit: one publication database for a Hugo site, validated, rendered into pages."""
    from hugokit import cache

    cache.configure(enabled=True)  # each invocation starts afresh; --no-cache turns it off


@cli.command("build")
@SITE_OPTION
@click.option("--check", "check_only", is_flag=True, help="Write nothing; exit 1 if a file would change.")
@click.option("--diff", is_flag=True, help="Print a unified diff of what changes.")
@click.option("--force", is_flag=True, help="Write even though the database has errors.")
@click.option("--pages/--no-pages", default=None,
              help="Also generate content/publication/<slug>/ page bundles (default: `pages` in hugokit.yaml).")
@NO_CACHE_OPTION
def build_command(site: str, check_only: bool, diff: bool, force: bool, pages: bool | None, no_cache: bool) -> None:
    """Regenerate content/publications.md (and the page bundles) from the database."""
    from hugokit import cache as run_cache
    from hugokit.cache import RunCache
    from hugokit.layout import site_root

    run_cache.configure(enabled=not no_cache)
    check_mode = check_only or diff
    try:
        root = site_root(site)
    except InputError as exc:
        sys.exit(fail_input(exc))
    cache = RunCache(root, "build", (str(pages), str(force)))
    cached = cache.lookup()
    if cached is not None:  # inputs and outputs exactly as the last clean build left them
        report([Diagnostic.from_dict(d) for d in cached["diagnostics"]])
        click.echo("all generated files are up to date", err=True)
        if check_mode:
            from hugokit.reporters import build_summary_markdown

            step_summary(build_summary_markdown([], ""))
        sys.exit(0)
    sys.exit(_build(root, check_mode, diff, force, pages, cache))


def _build(root: Path, check_mode: bool, diff: bool, force: bool, pages: bool | None, cache) -> int:
    from hugokit import site as ops

    try:
        result = ops.build(root, write=not check_mode, force=force, pages=pages, want_diff=diff, cache=cache)
    except InputError as exc:
        return fail_input(exc)
    if result.refused == "errors":
        report(result.problems)
        message = (f"the database has {len(result.problems)} error(s); nothing was written "
                   "(fix them, or pass --force to build anyway)")
        click.echo(message, err=True)
        step_summary(f"## hugokit build\n\nNot built: {message}.\n\n")
        return 1
    report(result.notes)
    if result.refused == "hand-edits":
        report(result.problems)
        page = result.problems[0].path
        click.echo(f"{page} was edited by hand; nothing was written (merge it with "
                   f"hugokit import {page}, or pass --force to overwrite it)", err=True)
        return 1
    changed = result.changed
    if diff:
        for outcome in changed:
            click.echo(outcome.diff, nl=False)
    _say_what_changed(changed, result.removed, check_mode)
    if check_mode:
        from hugokit.reporters import build_summary_markdown

        step_summary(build_summary_markdown([o.shown for o in changed], "".join(o.diff for o in changed)))
    return 1 if changed and check_mode else 0


def _say_what_changed(changed: list, removed: list[str], check_mode: bool) -> None:
    if not changed:
        click.echo("all generated files are up to date", err=True)
        return
    if len(changed) > 10:
        verb = "would change" if check_mode else "wrote"
        click.echo(f"{verb} {len(changed)} files, {sum(o.shown in removed for o in changed)} of them removed", err=True)
        return
    for outcome in changed:
        gone = outcome.shown in removed
        verb = ("would remove" if gone else "would change") if check_mode else ("removed" if gone else "wrote")
        click.echo(f"{verb} {outcome.shown}", err=True)


def _codes(text: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in text.split(",") if c.strip())


def _check_site(site: str, select: str, ignore: str, output_format: str):  # -> (Site, diagnostics)
    from dataclasses import replace

    from hugokit import rules, site as ops
    from hugokit.layout import site_root
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
        sys.exit(fail_input(exc, output_format))
    loaded.config = config
    return loaded, ops.check(loaded)


@cli.command("check")
@SITE_OPTION
@FORMAT_OPTION
@click.option("--strict", is_flag=True, default=None, help="Warnings fail the check too.")
@click.option("--select", default="", metavar="CODES", help="Comma-separated rule codes to run (default all).")
@click.option("--ignore", default="", metavar="CODES", help="Comma-separated rule codes to skip.")
@click.option("--fix", "apply_fix", is_flag=True, help="Apply the safe fixes first (as hugokit fix).")
@NO_CACHE_OPTION
def check_command(site: str, output_format: str, strict: bool | None, select: str, ignore: str,
                  apply_fix: bool, no_cache: bool) -> None:
    """Validate the database (and the site's content) and report every problem found."""
    from hugokit import cache as run_cache, reporters
    from hugokit.cache import RunCache
    from hugokit.layout import site_root

    if apply_fix:
        _fix(site, select, ignore, show_diff=False)
    try:
        root = site_root(site)
    except InputError as exc:
        sys.exit(fail_input(exc, output_format))
    run_cache.configure(enabled=not no_cache)
    cache = RunCache(root, "check", (select, ignore))
    cached = cache.lookup()
    if cached is not None:
        diagnostics = [Diagnostic.from_dict(d) for d in cached["diagnostics"]]
        configured_strict = cached["strict"]
    else:
        from hugokit import site as ops

        loaded, diagnostics = _check_site(site, select, ignore, output_format)
        configured_strict = loaded.config.strict
        cache.store(ops.input_files(loaded), {"diagnostics": [d.as_dict() for d in diagnostics],
                                              "strict": configured_strict})
    report(diagnostics, output_format)
    step_summary(reporters.check_summary_markdown(diagnostics))
    if reporters.resolve(output_format) == "human":
        click.echo(reporters.summary(diagnostics), err=True)
    strict = configured_strict if strict is None else strict
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
        report(remaining)
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


cli.add_command(import_command)
cli.add_command(export_command)


def main() -> None:
    cli(prog_name="hugokit")
