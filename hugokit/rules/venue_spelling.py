"""venue-spelling: a known venue written under an alias or in the wrong case (`MLSYS`, `NIPS`).

The page should show one spelling per venue, the registry's `name` (`MLSys`, `NeurIPS`).

Fix: `hugokit fix` rewrites the venue to the canonical spelling, keeping its year.
"""
from __future__ import annotations

from typing import Iterator

from hugokit.diagnostics import Finding, Severity
from hugokit.rules import Context
from hugokit.rules._common import respelled_values

CODE = "venue-spelling"
SEVERITY = Severity.WARNING
FIXABLE = True


def check(context: Context) -> Iterator[Finding]:
    return respelled_values(context, "venue", context.vocab.venues)
