"""award-spelling: a known award written under an alias or in the wrong case.

Fix: `hugokit fix` rewrites the award to the vocabulary's spelling.
"""
from __future__ import annotations

from typing import Iterator

from hugokit.diagnostics import Finding, Severity
from hugokit.rules import Context
from hugokit.rules._common import respelled_values

CODE = "award-spelling"
SEVERITY = Severity.WARNING
FIXABLE = True


def check(context: Context) -> Iterator[Finding]:
    return respelled_values(context, "award", context.vocab.awards)
