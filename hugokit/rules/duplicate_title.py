"""duplicate-title: two entries with the same title (ignoring case, accents and punctuation).

Usually an entry pasted twice, or a preprint kept after the published version was added.

Fix: merge the two entries into one.
"""
from __future__ import annotations

from typing import Iterator

from hugokit.diagnostics import Finding, Severity
from hugokit.rules import Context
from hugokit.text import fold

CODE = "duplicate-title"
SEVERITY = Severity.ERROR


def check(context: Context) -> Iterator[Finding]:
    first: dict[str, int] = {}
    for pub in context.database.publications:
        key = fold(pub.title)
        if not key:
            continue
        line = first.setdefault(key, pub.at().line)
        if line != pub.at().line:
            yield Finding(pub.at("title"), f'"{pub.title}" is also the title of the entry at line {line}',
                          "merge the two entries into one")
