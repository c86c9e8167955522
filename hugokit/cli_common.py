"""What the command implementations share: printing, and how results reach the terminal.

Nothing here imports click (see hugokit.commands); echo does for plain text what click.echo does.
"""
from __future__ import annotations

import sys
from pathlib import Path

from hugokit.diagnostics import Diagnostic, InputError


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
    from hugokit import reporters

    if reporters.resolve(output_format) == "json":
        echo(reporters.as_json(diagnostics), nl=False)
        return
    if diagnostics:
        echo(reporters.render(output_format, diagnostics), nl=False)


def step_summary(markdown: str) -> None:
    """Adds to the GitHub Actions job summary when running there."""
    import os

    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        from hugokit.writeback import append_text

        append_text(Path(target), markdown)


def fail_input(exc: InputError, output_format: str = "auto") -> int:
    from hugokit.outcome import USAGE

    report(exc.diagnostics, output_format)
    return USAGE
