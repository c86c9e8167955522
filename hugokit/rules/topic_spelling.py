"""topic-spelling: a topic tag written under an old name (an alias in data/topics.yaml) or in the wrong case.

When a topic is renamed, list the old name under `aliases:` of the new one; every entry still
using the old name is reported.

Fix: `hugokit fix` rewrites the tag to the topic's current name.
"""
from __future__ import annotations

from typing import Iterator

from hugokit.diagnostics import Finding, Severity
from hugokit.rules import Context
from hugokit.rules._common import respelled_values

CODE = "topic-spelling"
SEVERITY = Severity.WARNING
FIXABLE = True


def check(context: Context) -> Iterator[Finding]:
    return respelled_values(context, "topics", context.vocab.topics)
