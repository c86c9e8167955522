"""unknown-topic: a topic tag that the site's data/topics.yaml does not list.

The topic filter shows the vocabulary's topics; a tag outside it (often a renamed or misspelled
one) silently makes its entries unreachable by the filter. When the site has no data/topics.yaml
at all, one warning says so and lists the topics in use.

Fix: correct the tag (the hint names the closest topics), or add it to data/topics.yaml.
"""
from __future__ import annotations

from typing import Iterator

from hugokit.diagnostics import Diagnostic, Position, Severity, warning
from hugokit.rules import Context
from hugokit.rules._common import unknown_values

CODE = "unknown-topic"
SEVERITY = Severity.ERROR


def check(context: Context) -> Iterator[Diagnostic]:
    topics = context.vocab.topics
    if topics.site_file is None:
        used = sorted({t for pub in context.database.checked() for t in pub.topics})
        if used:
            yield warning(Position(context.database.path), CODE,
                          "the site has no data/topics.yaml, so topic tags are not checked",
                          "create data/topics.yaml listing, in filter order: " + ", ".join(used))
        return
    yield from unknown_values(context, "topics", CODE, topics)
