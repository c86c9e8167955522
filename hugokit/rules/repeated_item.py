"""repeated-item: an entry that lists one author, editor, topic or keyword twice.

A copy-paste slip (`authors: [Hao Zhang, Ion Stoica, Hao Zhang]`, the same name with and without
its mark too), or two spellings a fix made one (`topics: [GEDI, gedi]` after topic-spelling). The
page would show the name twice; a topic or keyword counts once anyway.

Fix: delete the second one.
"""
from __future__ import annotations

from typing import Iterator

from hugokit.diagnostics import Finding, Severity, quoted
from hugokit.rules import Context
from hugokit.text import split_marks

CODE = "repeated-item"
SEVERITY = Severity.WARNING
_FIELDS = (("authors", "author"), ("editors", "editor"), ("topics", "topic"), ("keywords", "keyword"))


def check(context: Context) -> Iterator[Finding]:
    for pub in context.database.checked():
        for key, what in _FIELDS:
            values = getattr(pub, key)
            if len(values) < 2 or not pub.readable(key):
                continue
            names = [split_marks(v)[0] for v in values] if key in ("authors", "editors") else values
            if len(set(names)) == len(names):  # (the common case, decided at once)
                continue
            seen: set[str] = set()
            for i, name in enumerate(names):
                if name in seen:
                    yield Finding(pub.at(f"{key}.{i}"), f"{pub.label()} lists the {what} {quoted(name)} twice",
                                  "delete the second one")
                seen.add(name)
