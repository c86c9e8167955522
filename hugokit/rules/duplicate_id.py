"""duplicate-id: two entries with the same `id`.

Ids name per-publication pages and BibTeX keys, so they must be unique; as BibTeX keys, ids
that differ only in case (`Lovelace2019`, `lovelace2019`) are the same.

Fix: rename one of them.
"""
from __future__ import annotations

from typing import Iterator

from hugokit.diagnostics import Finding, Severity, quoted
from hugokit.model import Publication
from hugokit.rules import Context

CODE = "duplicate-id"
SEVERITY = Severity.ERROR


def check(context: Context) -> Iterator[Finding]:
    # Entries are told apart by their place in the list, not their line: two can share a line
    # (a flow list), or be one node repeated through a YAML alias.
    first: dict[str, Publication] = {}
    for pub in context.database.checked():
        if not pub.id:
            continue
        seen = first.setdefault(pub.id.lower(), pub)
        if seen is not pub:
            where = ("the same entry, repeated through a YAML alias (*name)" if seen.at() == pub.at()
                     else f"the entry at line {seen.at().line}")
            spelled = f" (as {quoted(seen.id)}: BibTeX keys ignore case)" if seen.id != pub.id else ""
            yield Finding(pub.at("id"), f"id {quoted(pub.id)} is also the id of {where}{spelled}",
                          "ids must be unique: rename one")
