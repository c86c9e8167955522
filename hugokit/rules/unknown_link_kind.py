"""unknown-link-kind: a link kind hugokit does not know (often a typo: `paer`, `slide`).

Known kinds: paper, code, project, slides, video, blog, poster, talk, dataset, demo, pdf, doi,
arxiv, website, supplement, model, press, and those listed under `link_kinds` in hugokit.yaml.

Fix: rename the kind, or add it to `link_kinds`.
"""
from __future__ import annotations

from typing import Iterator

from hugokit.diagnostics import Finding, Severity, did_you_mean, quoted
from hugokit.rules import Context

CODE = "unknown-link-kind"
SEVERITY = Severity.WARNING
KNOWN = ("paper", "code", "project", "slides", "video", "blog", "poster", "talk", "dataset", "demo",
         "pdf", "doi", "arxiv", "website", "supplement", "model", "press")


def check(context: Context) -> Iterator[Finding]:
    known = KNOWN + context.config.link_kinds
    for pub in context.database.checked():
        for kind in pub.links:
            if kind not in known:
                hint = did_you_mean(kind, known) or "known kinds: " + ", ".join(known) + "."
                yield Finding(pub.at(f"links.{kind}"), f"unknown link kind {quoted(kind)}",
                              f"{hint} Or add it to link_kinds in hugokit.yaml")
