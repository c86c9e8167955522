"""duplicate-link: one paper's link used by another publication — the classic copy-paste slip.

Links that identify a single publication (paper, pdf, arxiv, doi, slides, video, poster) must
not repeat across entries. URLs are compared after normalising case, `www.`, http/https, a
trailing slash, and arXiv's abs/pdf/version forms. Code, project, blog and dataset links may be
shared (two papers from one repository).

Fix: give each entry its own link.
"""
from __future__ import annotations

import re
from typing import Iterator

from hugokit.diagnostics import Finding, Severity
from hugokit.rules import Context
from hugokit.text import ARXIV_ID

CODE = "duplicate-link"
SEVERITY = Severity.ERROR
IDENTIFYING = ("paper", "pdf", "arxiv", "doi", "slides", "video", "poster")
_URL = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.-]*:)?(?://(?:[^@/?#]*@)?([^/?#:]*)(?::\d*)?)?([^?#]*)(?:\?([^#]*))?")
_ARXIV = re.compile(rf"arxiv\.org/(?:abs|pdf)/({ARXIV_ID})(?:v\d+)?(?:\.pdf)?/?$", re.I)


def normalise(url: str) -> str:
    url = url.strip()
    arxiv = _ARXIV.search(url)
    if arxiv:
        return f"arxiv:{arxiv.group(1).lower()}"
    parts = _URL.match(url)
    assert parts is not None  # always matches: every part is optional
    host, path, query = parts.groups()
    host = (host or "").lower().removeprefix("www.")
    return f"{host}{(path or '').rstrip('/')}" + (f"?{query}" if query else "")


def check(context: Context) -> Iterator[Finding]:
    first: dict[str, tuple[int, str]] = {}  # normalised URL -> (entry index, title)
    for index, pub in enumerate(context.database.checked()):
        for kind, url in pub.links.items():
            if kind not in IDENTIFYING or not url.strip():
                continue
            key = normalise(url)
            seen = first.setdefault(key, (index, pub.label()))
            if seen[0] != index:
                owner = context.database.checked()[seen[0]]
                yield Finding(pub.at(f"links.{kind}"),
                              f'the {kind} link of {pub.label()} is also a link of {seen[1]} (line {owner.at().line})',
                              "each publication needs its own link; one of the two was probably copied")
