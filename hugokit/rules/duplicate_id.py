"""duplicate-id: two entries with the same `id`.

Ids name per-publication pages and BibTeX keys, so they must be unique.

Fix: rename one of them.
"""
from __future__ import annotations

from typing import Iterator

from hugokit.diagnostics import Finding, Severity
from hugokit.rules import Context

CODE = "duplicate-id"
SEVERITY = Severity.ERROR


def check(context: Context) -> Iterator[Finding]:
    first: dict[str, int] = {}
    for pub in context.database.publications:
        if not pub.id:
            continue
        line = first.setdefault(pub.id, pub.at().line)
        if line != pub.at().line:
            yield Finding(pub.at("id"), f'id "{pub.id}" is also the id of the entry at line {line}',
                          "ids must be unique: rename one")
