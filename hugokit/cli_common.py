"""What the command implementations share: printing, and how results reach the terminal.

Nothing here imports click (see hugokit.commands); echo does for plain text what click.echo does.
How a run shows paths (hugokit.display) is decided once, by hugokit.commands.invoke, and handed
to each command and on to whatever it prints.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from hugokit import reporters
from hugokit.diagnostics import Diagnostic, InputError
from hugokit.outcome import USAGE
from hugokit.writeback import append_text

if TYPE_CHECKING:
    from hugokit.display import PathDisplay


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


def report(diagnostics: list[Diagnostic], paths: PathDisplay, output_format: str = "auto", *,
           err: bool = False) -> None:
    """Prints diagnostics in the format asked for, their paths shown as paths says (to standard
    error with err: for a command whose standard output is data)."""
    diagnostics = paths.relocate(diagnostics)
    if reporters.resolve(output_format) == "json":
        echo(reporters.as_json(diagnostics), err=err, nl=False)
        return
    if diagnostics:
        echo(reporters.render(output_format, diagnostics), err=err, nl=False)


def step_summary(markdown: str) -> None:
    """Adds to the GitHub Actions job summary when running there."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        append_text(Path(target), markdown)


def fail_input(exc: InputError, paths: PathDisplay, output_format: str = "auto") -> int:
    report(exc.diagnostics, paths, output_format)
    return USAGE
