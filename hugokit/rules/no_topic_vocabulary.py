"""no-topic-vocabulary: publications with topic tags, in a site without data/topics.yaml.

Without the site's own list of topics, hugokit cannot tell a misspelled tag from a new one
(unknown-topic checks nothing), and the filter shows the topics in no chosen order.

Fix: create data/topics.yaml listing the topics in filter order (the hint lists those in use).
"""
from __future__ import annotations

from typing import Iterator

from hugokit.diagnostics import Finding, Position, Severity
from hugokit.rules import Context

CODE = "no-topic-vocabulary"
SEVERITY = Severity.WARNING


def check(context: Context) -> Iterator[Finding]:
    if context.vocab.topics.site_file is not None:
        return
    used = sorted({t for pub in context.database.checked() for t in pub.topics})
    if used:
        yield Finding(Position(context.database.path),
                      "the site has no data/topics.yaml, so topic tags are not checked",
                      "create data/topics.yaml listing, in filter order: " + ", ".join(used))
