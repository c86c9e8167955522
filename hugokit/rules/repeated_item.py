"""repeated-item: an entry that lists one author, editor, topic or keyword twice.

A copy-paste slip (`authors: [Hao Zhang, Ion Stoica, Hao Zhang]`, the same name with and without
its mark too), or two spellings a fix made one (`topics: [GEDI, gedi]` after topic-spelling). The
page would show the name twice; a topic or keyword counts once anyway.

Fix: `hugokit fix` deletes a later copy written exactly as an earlier one: in a flow list
(`[a, b, a]`) the copy with the comma before it, in a block list the copy's line. It leaves to
you a copy spelled otherwise (a name with its mark once and without it once: which is right?),
one with a comment beside it or between it and the item before, and one written over several
lines.
"""
from __future__ import annotations

import re
from typing import Iterator

from hugokit.diagnostics import Finding, Fix, Severity, quoted
from hugokit.model import Publication
from hugokit.rules import Context
from hugokit.text import split_marks

CODE = "repeated-item"
SEVERITY = Severity.WARNING
FIXABLE = True
_FIELDS = (("authors", "author"), ("editors", "editor"), ("topics", "topic"), ("keywords", "keyword"))
_FLOW_SEPARATOR = re.compile(r"\s*,\s*")  # between two items of a flow list: no comment
_BLOCK_DASH = re.compile(r"[ ]*-[ ]+")  # a block list item's line up to its value


def check(context: Context) -> Iterator[Finding]:
    text = context.database.text
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
                    same = values[i] in values[:i]
                    fix = _deletion(text, pub, key, i) if same else None
                    first = values[names.index(name)]
                    hint = "delete the second one" if same else \
                        f"the first is written {quoted(first)}: keep the one with the right mark and delete the other"
                    yield Finding(pub.at(f"{key}.{i}"), f"{pub.label()} lists the {what} {quoted(name)} twice",
                                  f"{hint} (hugokit fix does it)" if fix else hint, fix)
                seen.add(name)


def _deletion(text: str, pub: Publication, key: str, i: int) -> Fix | None:
    """The fix that deletes item i of the list (never its first) and nothing else, or None when
    that cannot be done without touching a comment or a line of something else."""
    item, before, whole = pub.where.get(f"{key}.{i}"), pub.where.get(f"{key}.{i - 1}"), pub.where.get(key)
    if not text or item is None or before is None or whole is None or min(item[3], before[4], whole[3]) < 0:
        return None
    path, start, end = item[0], item[3], item[4]
    if "\n" in text[start:end] or text[start:end] == "" or end > len(text):
        return None
    if text.startswith("[", whole[3]):  # a flow list: the copy and the separator before it
        return Fix(path, before[4], end, "") if _FLOW_SEPARATOR.fullmatch(text, before[4], start) else None
    line = text.rfind("\n", 0, start) + 1
    after = text.find("\n", end)
    after = len(text) if after < 0 else after
    if not _BLOCK_DASH.fullmatch(text, line, start) or text[end:after].strip(" \t\r"):
        return None  # not the line of the item alone: another value on it, or a comment after it
    return Fix(path, line, min(after + 1, len(text)), "")
