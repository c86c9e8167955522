"""no-authors: a publication with neither authors nor editors.

Fix: add `authors: [...]` to the entry.
"""
from __future__ import annotations

from typing import Iterator

from hugokit.diagnostics import Finding, Severity
from hugokit.rules import Context

CODE = "no-authors"
SEVERITY = Severity.WARNING


def check(context: Context) -> Iterator[Finding]:
    for pub in context.database.checked():
        if not pub.authors and not pub.editors and pub.readable("authors"):
            yield Finding(pub.at("authors"), f'{pub.label()} has no authors', "add authors: [First Last, …]")
