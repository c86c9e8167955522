"""duplicate-title: two entries with the same title and venue (ignoring case, accents and punctuation).

Usually an entry pasted twice. The same title at two different venues (one paper shown at two
workshops, or a preprint beside its published version) is repeated-title's, a warning.

Fix: merge the two entries into one.
"""
from __future__ import annotations

from typing import Iterator

from hugokit.diagnostics import Finding, Severity, quoted
from hugokit.model import Publication
from hugokit.rules import Context
from hugokit.rules._common import titles_and_venues

CODE = "duplicate-title"
SEVERITY = Severity.ERROR


def check(context: Context) -> Iterator[Finding]:
    # Entries are told apart by their place in the list, not their line: two can share a line
    # (a flow list), or be one node repeated through a YAML alias.
    first: dict[tuple[str, str], Publication] = {}
    for pub, title, venue in titles_and_venues(context):
        seen = first.setdefault((title, venue), pub)
        if seen is not pub:
            where = ("the same entry, repeated through a YAML alias (*name)" if seen.at() == pub.at()
                     else f"the entry at line {seen.at().line}, at the same venue")
            yield Finding(pub.at("title"), f"{quoted(pub.title)} is also the title of {where}",
                          "merge the two entries into one")
