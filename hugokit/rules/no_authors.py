"""no-authors: a publication with an empty author list.

Fix: add `authors: [...]` to the entry.
"""
from __future__ import annotations

from typing import Iterator

from hugokit.diagnostics import Diagnostic, Severity, warning
from hugokit.rules import Context

CODE = "no-authors"
SEVERITY = Severity.WARNING


def check(context: Context) -> Iterator[Diagnostic]:
    for pub in context.database.checked():
        if not pub.authors and pub.readable("authors"):
            yield warning(pub.at("authors"), CODE, f'{pub.label()} has no authors', "add authors: [First Last, …]")
