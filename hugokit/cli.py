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
NO_CACHE_OPTION = click.option("--no-cache", is_flag=True,
                                help="Do the whole run even if nothing changed since the last one.")
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
        sys.exit(_fail_input(exc))
    _report(plan.diagnostics)
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
    from hugokit.cache import RunCache
    from hugokit.layout import site_root

    mode_name = "check" if check_only or diff else "write"
    try:
        root = site_root(site)
    except InputError as exc:
        sys.exit(_fail_input(exc))
    cache = RunCache(root, "build", (str(pages), str(force))) if not no_cache else None
    cached = cache.lookup() if cache else None
    if cached is not None:  # inputs and outputs exactly as the last clean build left them
        _report([Diagnostic.from_dict(d) for d in cached["diagnostics"]])
        click.echo("all generated files are up to date", err=True)
        if mode_name == "check":
            from hugokit.reporters import build_summary_markdown

            _step_summary(build_summary_markdown([], ""))
        sys.exit(0)
    sys.exit(_build(root, mode_name, diff, force, pages, cache))


def _build(root: Path, mode_name: str, diff: bool, force: bool, pages: bool | None, cache) -> int:
    from hugokit import site as ops
    from hugokit.writeback import Mode, put, remove

    from hugokit.cache import RunCache

    # A clean check of these very inputs, cached, means the rules need not run again.
    checked = RunCache(root, "check", ("", "")).lookup() if cache is not None else None
    try:
        loaded = ops.load_site(root, positions=checked is None)
    except InputError as exc:
        return _fail_input(exc)
    if checked is not None:
        errors = [d for d in map(Diagnostic.from_dict, checked["diagnostics"]) if d.is_error]
    else:
        errors = [d for d in ops.check(loaded) if d.is_error]
    if errors and not force:
        _report(errors)
        message = f"the database has {len(errors)} error(s); nothing was written (fix them, or pass --force to build anyway)"
        click.echo(message, err=True)
        _step_summary(f"## hugokit build\n\nNot built: {message}.\n\n")
        return 1
    plan = ops.plan_build(loaded, pages)
    _report(plan.diagnostics)
    mode = Mode.CHECK if mode_name == "check" else Mode.WRITE
    outcomes = [put(loaded.config.path(rel), rel, text, mode, want_diff=diff, durable=False)
                for rel, text in plan.files.items()]
    outcomes += [remove(loaded.config.path(rel), rel, mode) for rel in plan.remove]
    changed = [o for o in outcomes if o.changed]
    for outcome in changed:
        if diff:
            click.echo(outcome.diff, nl=False)
    _say_what_changed(changed, plan.remove, mode)
    if mode is Mode.CHECK:
        from hugokit.reporters import build_summary_markdown

        _step_summary(build_summary_markdown([o.shown for o in changed], "".join(o.diff for o in changed)))
    if cache is not None and not errors and (mode is Mode.WRITE or not changed):
        outputs = list(plan.files) + plan.remove
        cache.store(ops.input_files(loaded) + outputs, {"diagnostics": [d.as_dict() for d in plan.diagnostics]})
    return 1 if changed and mode is Mode.CHECK else 0


def _say_what_changed(changed: list, removed: list[str], mode) -> None:
    from hugokit.writeback import Mode

    if not changed:
        click.echo("all generated files are up to date", err=True)
        return
    if len(changed) > 10:
        verb = "would change" if mode is Mode.CHECK else "wrote"
        click.echo(f"{verb} {len(changed)} files, {sum(o.shown in removed for o in changed)} of them removed", err=True)
        return
    for outcome in changed:
        gone = outcome.shown in removed
        verb = ("would remove" if gone else "would change") if mode is Mode.CHECK else ("removed" if gone else "wrote")
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
@NO_CACHE_OPTION
def check_command(site: str, output_format: str, strict: bool | None, select: str, ignore: str,
                  apply_fix: bool, no_cache: bool) -> None:
    """Validate the database (and the site's content) and report every problem found."""
    from hugokit import reporters
    from hugokit.cache import RunCache
    from hugokit.layout import site_root

    if apply_fix:
        _fix(site, select, ignore, show_diff=False)
    try:
        root = site_root(site)
    except InputError as exc:
        sys.exit(_fail_input(exc, output_format))
    cache = RunCache(root, "check", (select, ignore)) if not no_cache else None
    cached = cache.lookup() if cache else None
    if cached is not None:
        diagnostics = [Diagnostic.from_dict(d) for d in cached["diagnostics"]]
        configured_strict = cached["strict"]
    else:
        from hugokit import site as ops

        loaded, diagnostics = _check_site(site, select, ignore, output_format)
        configured_strict = loaded.config.strict
        if cache is not None:
            cache.store(ops.input_files(loaded), {"diagnostics": [d.as_dict() for d in diagnostics],
                                                  "strict": configured_strict})
    _report(diagnostics, output_format)
    _step_summary(reporters.check_summary_markdown(diagnostics))
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


@cli.command("export")
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
        sys.exit(_fail_input(exc))
    structural = [d for d in loaded.diagnostics if d.is_error]
    if structural:
        _report(structural)
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


@cli.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of data/publications.yaml (for editors' YAML language server)."""
    from hugokit.schema import SCHEMA_FILE

    click.echo(SCHEMA_FILE.read_text(encoding="utf-8"), nl=False)


def main() -> None:
    cli(prog_name="hugokit")
