"""What the command implementations share: printing, and how results reach the terminal.

Nothing here imports click (see hugokit.commands); echo does for plain text what click.echo does.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from hugokit import reporters
from hugokit.diagnostics import Diagnostic, InputError
from hugokit.outcome import USAGE
from hugokit.writeback import append_text
from hugokit.display import HERE, PathDisplay

_display = HERE  # how this run shows paths (hugokit.commands.invoke sets it from --site)


def show_paths(display: PathDisplay) -> None:
    global _display
    _display = display


def shown(path: str) -> str:
    """A site-relative path as this run shows it."""
    return _display.shown(path)


def relocated(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics with their paths as this run shows them."""
    return _display.relocate(diagnostics)


def echo(text: str = "", *, err: bool = False, nl: bool = True) -> None:
    """Prints text, with a newline unless nl is False, to standard output (or error)."""
    stream = sys.stderr if err else sys.stdout
    if stream is None:  # no console at all (pythonw)
        return
    text = text + "\n" if nl else text
    try:
        stream.write(text)
    except UnicodeEncodeError:  # a terminal that cannot show every character: escape those
        encoding = stream.encoding or "utf-8"
        stream.write(text.encode(encoding, "backslashreplace").decode(encoding))
    stream.flush()


def report(diagnostics: list[Diagnostic], output_format: str = "auto") -> None:
    diagnostics = _display.relocate(diagnostics)
    if reporters.resolve(output_format) == "json":
        echo(reporters.as_json(diagnostics), nl=False)
        return
    if diagnostics:
        echo(reporters.render(output_format, diagnostics), nl=False)


def step_summary(markdown: str) -> None:
    """Adds to the GitHub Actions job summary when running there."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        append_text(Path(target), markdown)


def fail_input(exc: InputError, output_format: str = "auto") -> int:
    report(exc.diagnostics, output_format)
    return USAGE
