"""stray-whitespace: a title, venue or award with spaces around it or doubled inside.

They are invisible in the editor but make `NeurIPS 2023 ` and `NeurIPS 2023` different venues.

Fix: `hugokit fix` trims them.
"""
from __future__ import annotations

import re
from typing import Iterator

from hugokit.diagnostics import Finding, Severity, replacing
from hugokit.render.database_yaml import scalar
from hugokit.rules import Context

CODE = "stray-whitespace"
SEVERITY = Severity.WARNING
FIXABLE = True


_OTHER_SPACE = re.compile(r"[^\S ]")  # whitespace but the space


def _tidy(joined: str) -> bool:
    """Whether no value in joined (values joined by NUL, which is no whitespace) has whitespace
    but single spaces between words: what every value this rule reports has."""
    return not ("  " in joined or "\x00 " in joined or " \x00" in joined or joined.startswith(" ")
                or joined.endswith(" ") or _OTHER_SPACE.search(joined))


def check(context: Context) -> Iterator[Finding]:
    entries = context.database.checked()
    if _tidy("\x00".join(value for pub in entries for value in (pub.title, pub.venue, pub.award))):
        return
    for pub in entries:
        for key in ("title", "venue", "award"):
            value = getattr(pub, key)
            tidy = " ".join(value.split())
            if value != tidy and "\n" not in value:
                where = pub.at(key)
                yield Finding(where, f"the {key} {value!r} has stray spaces", f'write "{tidy}" (hugokit fix does it)',
                              replacing(where, scalar(tidy, quoted=key == "title")))
