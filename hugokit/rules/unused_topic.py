"""unused-topic: a topic in the site's data/topics.yaml that no publication uses.

Its filter button would stay hidden; usually the topic was renamed in the data but not in the
vocabulary.

Fix: remove it from data/topics.yaml, or tag the publications that belong to it.
"""
from __future__ import annotations

from typing import Iterator

from hugokit.diagnostics import Finding, Severity, quoted
from hugokit.rules import Context

CODE = "unused-topic"
SEVERITY = Severity.WARNING


def check(context: Context) -> Iterator[Finding]:
    topics = context.vocab.topics
    if topics.site_file is None:
        return
    used = set()
    for pub in context.database.checked():
        for topic in pub.topics:
            match = topics.lookup(topic)
            if match:
                used.add(match.term.name)
    for term in topics.terms:
        if term.where.path == topics.site_file and term.name not in used:
            yield Finding(term.where, f"topic {quoted(term.name)} is used by no publication",
                          f"remove it from {topics.site_file}, or tag the publications that belong to it")
