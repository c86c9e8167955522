"""What the command modules share: option definitions and how results reach the terminal."""
from __future__ import annotations

from pathlib import Path

import click

from hugokit.diagnostics import Diagnostic, InputError
SITE_OPTION = click.option("--site", default=".", show_default=True, metavar="DIR",
                           help="The Hugo site's folder.")
NO_CACHE_OPTION = click.option("--no-cache", is_flag=True,
                                help="Do the whole run even if nothing changed since the last one.")
FORMAT_OPTION = click.option("--format", "output_format", default="auto", show_default=True,
                             type=click.Choice(["auto", "human", "github", "json"]),
                             help="How to print diagnostics; auto is github inside GitHub Actions.")


def report(diagnostics: list[Diagnostic], output_format: str = "auto") -> None:
    from hugokit import reporters

    if reporters.resolve(output_format) == "json":
        click.echo(reporters.as_json(diagnostics), nl=False)
        return
    if diagnostics:
        click.echo(reporters.render(output_format, diagnostics), nl=False, err=False)


def step_summary(markdown: str) -> None:
    """Adds to the GitHub Actions job summary when running there."""
    import os

    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        from hugokit.writeback import append_text

        append_text(Path(target), markdown)


def fail_input(exc: InputError, output_format: str = "auto") -> int:
    report(exc.diagnostics, output_format)
    return 2


