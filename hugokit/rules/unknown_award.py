"""unknown-award: the award is in no award vocabulary.

Known awards are hugokit's (data/hugokit/awards.yaml: best paper awards, oral, spotlight, ICLR's
notable-top-5%/25%, …) and the site's data/awards.yaml.

Fix: correct a misspelling (the hint names the closest known awards), or add the award to
data/awards.yaml.
"""
from __future__ import annotations

from typing import Iterator

from hugokit.diagnostics import Finding, Severity
from hugokit.rules import Context
from hugokit.rules._common import unknown_values

CODE = "unknown-award"
SEVERITY = Severity.ERROR


def check(context: Context) -> Iterator[Finding]:
    return unknown_values(context, "award", context.vocab.awards)
