"""award-spelling: a known award written under an alias or in the wrong case.

Fix: `hugokit fix` rewrites the award to the vocabulary's spelling.
"""
from __future__ import annotations

from typing import Iterator

from hugokit.diagnostics import Diagnostic, Severity
from hugokit.rules import Context
from hugokit.rules._common import respelled, vocabulary_terms

CODE = "award-spelling"
SEVERITY = Severity.WARNING
FIXABLE = True


def check(context: Context) -> Iterator[Diagnostic]:
    for pub in context.database.publications:
        for label, value, key in vocabulary_terms(pub, "award"):
            match = context.vocab.awards.lookup(value)
            if match and not match.canonical:
                yield respelled(CODE, pub, "award", label, value, match.term.name, pub.at(key), match.how)
