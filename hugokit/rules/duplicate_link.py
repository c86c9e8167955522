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
    entries = context.database.checked()
    first: dict[str, int] = {}  # link target -> the index of the first entry with it
    for index, pub in enumerate(entries):
        for kind, url in pub.links.items():
            if kind not in IDENTIFYING or not url.strip():
                continue
            seen = first.setdefault(target(url), index)
            if seen != index:
                owner = entries[seen]
                yield Finding(pub.at(f"links.{kind}"),
                              f"the {kind} link of {pub.label()} is also a link of {owner.label()} "
                              f"(line {owner.at().line})",
                              "each publication needs its own link; one of the two was probably copied")
