"""venue-spelling: a known venue written under an alias or in the wrong case (`MLSYS`, `NIPS`).

The page should show one spelling per venue, the registry's `name` (`MLSys`, `NeurIPS`).

Fix: `hugokit fix` rewrites the venue to the canonical spelling, keeping its year.
"""
from __future__ import annotations

from typing import Iterator

from hugokit.diagnostics import Diagnostic, Severity
from hugokit.rules import Context
from hugokit.rules._common import respelled, vocabulary_terms

CODE = "venue-spelling"
SEVERITY = Severity.WARNING
FIXABLE = True


def check(context: Context) -> Iterator[Diagnostic]:
    for pub in context.database.publications:
        for label, value, key in vocabulary_terms(pub, "venue"):
            match = context.vocab.venues.lookup(value)
            if match and not match.canonical:
                yield respelled(CODE, pub, "venue", label, value, match.term.name, pub.at(key), match.how)
