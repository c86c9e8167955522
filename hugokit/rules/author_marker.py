"""author-marker: an author name with stray characters: a mark not at the end (`Hao* Zhang`), an
unknown mark (`Hao Zhang#`, `Hao Zhang1`), or a leftover `and`. (Doubled spaces and invisible
characters in a name are stray-whitespace's, which fixes them.)

Only `*`, `†` and `‡` right after the name are marks (equal contribution); they stay literal on
the page and become superscripts in hugokit's layout. Real names are accepted as they are
written: letters of any script, with combining accents (`P̄ot`, as BibTeX's `{\\={P}}ot`
decodes), dots, parentheses, hyphens (`-`, and the Unicode hyphens U+2010 and U+2011 that
publishers' files use), apostrophes (`'`, `’`, `ʼ`), and a corporate author in BibTeX braces
(`{The ATLAS Collaboration}`).

Fix: move the mark to the end of the name or remove the stray characters.
"""
from __future__ import annotations

import re
from typing import Iterator

from hugokit.diagnostics import Finding, Severity, quoted
from hugokit.rules import Context
from hugokit.text import MARKS, split_marks, tidy_spaces

CODE = "author-marker"
SEVERITY = Severity.WARNING
# Letters, spaces, and the punctuation real names use: . ( ), hyphens (ASCII, U+2010 and the
# non-breaking U+2011) and apostrophes (' ’ ʼ ‘). A whole name in braces is BibTeX's way of
# writing a corporate author ({The ATLAS Collaboration}) and is taken as written.
_PUNCTUATION = " .()-\u2010\u2011'\u2019\u02bc\u2018"
_COMBINING = "\u0300-\u036f"  # accents with no precomposed letter (P + U+0304)
# The common case, decided at once: Wei-Lin Chiang, Dennis DeCoste, Joseph E. Gonzalez.
# (A leading "And " is the slow path's to report, as "and " is.)
_PLAIN_NAME = re.compile(r"(?!And )[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?: [A-Z][A-Za-z.'-]*)+")
# Compiled on first use (the re module keeps it): a name of the common case never needs it.
_NAME = rf"[^\W\d_](?:[^\W\d_]|[ .()\-\u2010\u2011'\u2019\u02bc\u2018{_COMBINING}])*[^\W\d_.)]?[.)]?"
_CORPORATE = re.compile(r"\{[^{}]*[^\W\d_][^{}]*\}")


def problem(author: str) -> str:
    name = split_marks(author)[0]
    if _PLAIN_NAME.fullmatch(name) or _CORPORATE.fullmatch(name):
        return ""
    name = tidy_spaces(name)  # (doubled spaces and invisible characters are stray-whitespace's)
    stray = [c for c in name if c in MARKS]
    if stray:
        return f"has the mark {quoted(stray[0])} inside the name; put it at the end"
    if name.lower().startswith("and "):
        return 'starts with "and"'
    if not re.fullmatch(_NAME, name):
        odd = next((c for c in name if not (c.isalpha() or c in _PUNCTUATION)), "")
        return f"has the unexpected character {quoted(odd)}" if odd else "is not a name"
    return ""


def check(context: Context) -> Iterator[Finding]:
    entries = context.database.checked()
    # A list names the same authors again and again: each spelling is looked at once.
    problems = {author: problem(author) for author in set().union(*(pub.authors for pub in entries))}
    odd = {author for author, why in problems.items() if why}
    for pub in entries:
        if odd.isdisjoint(pub.authors):
            continue
        for i, author in enumerate(pub.authors):
            why = problems[author]
            if why:
                yield Finding(pub.at(f"authors.{i}"), f"author {quoted(author)} {why}",
                              "only *, † or ‡ at the end of a name mark equal contribution")
