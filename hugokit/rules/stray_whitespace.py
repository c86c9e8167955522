"""stray-whitespace: a title, venue, award or name with spaces around it or doubled inside, or an
invisible character (a zero-width space, or a byte-order mark that text copied from a PDF brings).

They are invisible in the editor but make `NeurIPS 2023 ` and `NeurIPS 2023` different venues.

Fix: `hugokit fix` trims them.
"""
from __future__ import annotations

import re
from typing import Iterator

from hugokit.diagnostics import Finding, Position, Severity, quoted, replacing
from hugokit.render.database_yaml import scalar
from hugokit.rules import Context
from hugokit.text import INVISIBLE, tidy_spaces

CODE = "stray-whitespace"
SEVERITY = Severity.WARNING
FIXABLE = True


_OTHER_SPACE = re.compile(f"[^\\S ]|[{INVISIBLE}]")  # whitespace but the space, or an invisible character


def _tidy(joined: str) -> bool:
    """Whether no value in joined (values joined by NUL, which is no whitespace) has whitespace
    but single spaces between words: what every value this rule reports has."""
    return not ("  " in joined or "\x00 " in joined or " \x00" in joined or joined.startswith(" ")
                or joined.endswith(" ") or _OTHER_SPACE.search(joined))


def check(context: Context) -> Iterator[Finding]:
    entries = context.database.checked()
    if _tidy("\x00".join(value for pub in entries
                         for value in (pub.title, pub.venue, pub.award, *pub.authors, *pub.editors))):
        return
    for pub in entries:
        for key in ("title", "venue", "award"):
            yield from _value(pub.at(key), f"the {key}", getattr(pub, key), key == "title")
        for key in ("authors", "editors"):
            for i, name in enumerate(getattr(pub, key)):
                yield from _value(pub.at(f"{key}.{i}"), key[:-1], name, False)


def _value(where: Position, what: str, value: str, in_quotes: bool) -> Iterator[Finding]:
    tidy = tidy_spaces(value)
    if value != tidy and "\n" not in value:
        invisible = " or invisible characters" if any(c in value for c in INVISIBLE) else ""
        yield Finding(where, f"{what} {quoted(value)} has stray spaces{invisible}", f"write {quoted(tidy)} (hugokit fix does it)",
                      replacing(where, scalar(tidy, quoted=in_quotes)))
