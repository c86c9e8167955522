"""duplicate-title: two entries with the same title (ignoring case, accents and punctuation).

Usually an entry pasted twice, or a preprint kept after the published version was added.

Fix: merge the two entries into one.
"""
from __future__ import annotations

from typing import Iterator

from hugokit.diagnostics import Finding, Severity
from hugokit.model import Publication
from hugokit.rules import Context
from hugokit.text import fold

CODE = "duplicate-title"
SEVERITY = Severity.ERROR


def check(context: Context) -> Iterator[Finding]:
    # Entries are told apart by their place in the list, not their line: two can share a line
    # (a flow list), or be one node repeated through a YAML alias.
    first: dict[str, Publication] = {}
    for pub in context.database.checked():
        key = fold(pub.title) if pub.readable("title") else ""
        if not key:
            continue
        seen = first.setdefault(key, pub)
        if seen is not pub:
            where = ("the same entry, repeated through a YAML alias (*name)" if seen.at() == pub.at()
                     else f"the entry at line {seen.at().line}")
            yield Finding(pub.at("title"), f'"{pub.title}" is also the title of {where}',
                          "merge the two entries into one")
