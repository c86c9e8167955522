"""no-topics: a publication without topic tags, in a site that uses topics.

The topic filter can never show it except under "All". A site uses topics when it has its own
data/topics.yaml or any entry has topics; a site with neither shows no topic filter, so its
entries are not reported one by one (no-topic-vocabulary speaks of a site whose tags have no
list).

Fix: add `topics: [...]` to the entry.
"""
from __future__ import annotations

from typing import Iterator

from hugokit.diagnostics import Finding, Severity
from hugokit.rules import Context

CODE = "no-topics"
SEVERITY = Severity.WARNING


def check(context: Context) -> Iterator[Finding]:
    entries = context.database.checked()
    if context.vocab.topics.site_file is None and not any(pub.topics for pub in entries):
        return
    for pub in entries:
        if not pub.topics and pub.readable("topics"):
            yield Finding(pub.at("topics"), f'{pub.label()} has no topics',
                          "add topics: [...] so the topic filter can find it")
