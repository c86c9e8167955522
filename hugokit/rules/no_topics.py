"""no-topics: a publication without topic tags.

The topic filter can never show it except under "All".

Fix: add `topics: [...]` to the entry.
"""
from __future__ import annotations

from typing import Iterator

from hugokit.diagnostics import Finding, Severity
from hugokit.rules import Context

CODE = "no-topics"
SEVERITY = Severity.WARNING


def check(context: Context) -> Iterator[Finding]:
    for pub in context.database.checked():
        if not pub.topics and pub.readable("topics"):
            yield Finding(pub.at("topics"), f'{pub.label()} has no topics',
                          "add topics: [...] so the topic filter can find it")
