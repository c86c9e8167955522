"""repeated-title: two entries with the same title at different venues (ignoring case, accents, punctuation).

Real lists show one paper at two workshops, or at a workshop and then a conference; that is
deliberate, and both entries are kept. It is also how a preprint kept after the published
version was added looks. The same title at the same venue is duplicate-title's, an error.

Fix: nothing if both are meant; if one is an earlier version of the other, merge them into one.
"""
from __future__ import annotations

from typing import Iterator

from hugokit.diagnostics import Finding, Severity, quoted
from hugokit.model import Publication
from hugokit.rules import Context
from hugokit.rules._common import titles_and_venues

CODE = "repeated-title"
SEVERITY = Severity.WARNING


def check(context: Context) -> Iterator[Finding]:
    first: dict[str, Publication] = {}  # the first entry with each title
    seen: set[tuple[str, str]] = set()
    for pub, title, venue in titles_and_venues(context):
        earlier = first.setdefault(title, pub)
        if (title, venue) in seen:
            continue  # duplicate-title reports it
        seen.add((title, venue))
        if earlier is not pub:
            yield Finding(pub.at("title"),
                          f"{quoted(pub.title)} is also the title of the entry at line {earlier.at().line}: "
                          f"here at {_shown(pub)}, there at {_shown(earlier)}",
                          "keep both if the paper was shown at both venues; "
                          "if one is an earlier version of the other, merge them")


def _shown(pub: Publication) -> str:
    return quoted(pub.venue) if pub.venue and pub.readable("venue") else "no venue"
