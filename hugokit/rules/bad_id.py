r"""bad-id: an `id` that cannot be a BibTeX citation key.

The id is the entry's key in `hugokit export bibtex` and in each page bundle's cite.bib; a key
with a space, a comma, a brace or one of `"#%'()=\~` ends or breaks the entry, so the export
would not import back as the same database.

Fix: keep to letters, digits and `-_:./+`, e.g. `zheng2022alpa`.
"""
from __future__ import annotations

import re
from typing import Iterator

from hugokit.diagnostics import Finding, Severity, quoted
from hugokit.rules import Context
from hugokit.text import BIBTEX_KEY_BREAKERS

CODE = "bad-id"
SEVERITY = Severity.ERROR
_BREAKS_BIBTEX = re.compile(BIBTEX_KEY_BREAKERS)


def check(context: Context) -> Iterator[Finding]:
    for pub in context.database.publications:
        found = _BREAKS_BIBTEX.search(pub.id)
        if found:
            yield Finding(pub.at("id"), f"id {quoted(pub.id)} contains {quoted(found.group())}, which a BibTeX key cannot hold",
                          "keep to letters, digits and -_:./+, e.g. zheng2022alpa")
