"""duplicate-title: two entries with the same title and venue (ignoring case, accents and punctuation).

Usually an entry pasted twice. The same title at two different venues (one paper shown at two
workshops, or a preprint beside its published version) is repeated-title's, a warning.

Fix: merge the two entries into one.
"""
from __future__ import annotations

from typing import Iterator

from hugokit.diagnostics import Finding, Severity
from hugokit.rules import Context
from hugokit.rules._common import titles_and_venues

CODE = "duplicate-title"
SEVERITY = Severity.ERROR


def check(context: Context) -> Iterator[Finding]:
    first: dict[tuple[str, str], int] = {}
    for pub, title, venue in titles_and_venues(context):
        line = first.setdefault((title, venue), pub.at().line)
        if line != pub.at().line:
            yield Finding(pub.at("title"), f'"{pub.title}" is also the title of the entry at line {line}, '
                          "at the same venue", "merge the two entries into one")
