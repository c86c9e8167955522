"""duplicate-link: one paper's link used by another publication — the classic copy-paste slip.

Links that identify a single publication (paper, pdf, arxiv, doi, slides, video, poster) must
not repeat across entries. URLs are compared after normalising case, `www.`, http/https, a
trailing slash, arXiv's abs/pdf/version forms, and doi.org's (a DOI in any letter case). Code, project, blog and dataset links may be
shared (two papers from one repository).

Fix: give each entry its own link.
"""
from __future__ import annotations

from typing import Iterator

from hugokit.diagnostics import Finding, Severity
from hugokit.links import target
from hugokit.rules import Context

CODE = "duplicate-link"
SEVERITY = Severity.ERROR
IDENTIFYING = ("paper", "pdf", "arxiv", "doi", "slides", "video", "poster")


def check(context: Context) -> Iterator[Finding]:
    first: dict[str, tuple[int, str]] = {}  # link target -> (entry index, title)
    for index, pub in enumerate(context.database.checked()):
        for kind, url in pub.links.items():
            if kind not in IDENTIFYING or not url.strip():
                continue
            key = target(url)
            seen = first.setdefault(key, (index, pub.label()))
            if seen[0] != index:
                owner = context.database.checked()[seen[0]]
                yield Finding(pub.at(f"links.{kind}"),
                              f'the {kind} link of {pub.label()} is also a link of {seen[1]} (line {owner.at().line})',
                              "each publication needs its own link; one of the two was probably copied")
