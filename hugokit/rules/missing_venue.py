"""missing-venue: a publication without a venue.

Fix: add `venue: NAME YEAR` (for unpublished work, `Preprint YEAR`).
"""
from __future__ import annotations

from typing import Iterator

from hugokit.diagnostics import Finding, Severity
from hugokit.rules import Context

CODE = "missing-venue"
SEVERITY = Severity.WARNING


def check(context: Context) -> Iterator[Finding]:
    for pub in context.database.checked():
        if not pub.venue.strip() and pub.readable("venue"):
            year = pub.year if pub.readable("year") else "YEAR"
            yield Finding(pub.at("venue"), f'{pub.label()} has no venue',
                          f'add venue: NAME {year} (for unpublished work: Preprint {year})')
