"""unknown-topic: a topic tag that the site's data/topics.yaml does not list.

The topic filter shows the vocabulary's topics; a tag outside it (often a renamed or misspelled
one) silently makes its entries unreachable by the filter. A site without data/topics.yaml is
not checked by this rule (no-topic-vocabulary says so).

Fix: correct the tag (the hint names the closest topics), or add it to data/topics.yaml.
"""
from __future__ import annotations

from typing import Iterator

from hugokit.diagnostics import Finding, Severity
from hugokit.rules import Context
from hugokit.rules._common import unknown_values

CODE = "unknown-topic"
SEVERITY = Severity.ERROR


def check(context: Context) -> Iterator[Finding]:
    if context.vocab.topics.site_file is not None:
        yield from unknown_values(context, "topics", context.vocab.topics)
