"""stray-whitespace: a title, venue or award with spaces around it or doubled inside.

They are invisible in the editor but make `NeurIPS 2023 ` and `NeurIPS 2023` different venues.

Fix: `hugokit fix` trims them.
"""
from __future__ import annotations

from typing import Iterator

from hugokit.diagnostics import Finding, Severity, replacing
from hugokit.render.database_yaml import scalar
from hugokit.rules import Context

CODE = "stray-whitespace"
SEVERITY = Severity.WARNING
FIXABLE = True


def check(context: Context) -> Iterator[Finding]:
    for pub in context.database.checked():
        for key in ("title", "venue", "award"):
            value = getattr(pub, key)
            tidy = " ".join(value.split())
            if value != tidy and "\n" not in value:
                where = pub.at(key)
                yield Finding(where, f"the {key} {value!r} has stray spaces", f'write "{tidy}" (hugokit fix does it)',
                              replacing(where, scalar(tidy, quoted=key == "title")))
