"""bad-link: a link that is not a plain http(s) URL.

Rejected: empty links, spaces in or around the URL, `javascript:`, `data:` and other schemes,
URLs without a host, and backslashes or braces (a URL must percent-encode them, browsers read
a backslash as `/`, and BibTeX could not carry them back). Hugo would render them as broken
or unsafe links.

Fix: write the full URL, starting with https://.
"""
from __future__ import annotations

import re
from typing import Iterator

from hugokit.diagnostics import Finding, Severity, replacing
from hugokit.render.database_yaml import scalar
from hugokit.rules import Context

CODE = "bad-link"
SEVERITY = Severity.ERROR


_PLAIN_URL = re.compile(r"https?://[A-Za-z0-9.-]+(?::\d+)?(?:[/?#][^\s\\{}]*)?")  # the common case, decided at once


def problem(url: str) -> str:
    if _PLAIN_URL.fullmatch(url):
        return ""
    if not url.strip():
        return "is empty"
    if url != url.strip():
        return "has spaces around it"
    if any(c.isspace() for c in url):
        return "contains a space"
    if any(c in "\\{}" for c in url):
        return "contains a backslash or a brace (write %5C, %7B or %7D if it is meant)"
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme in ("javascript", "data", "vbscript", "file"):
        return f"uses the unsafe {scheme}: scheme"
    if scheme not in ("http", "https"):
        return "is not an http(s) URL"
    from urllib.parse import urlsplit  # only for the rare URL the fast pattern did not accept

    try:
        if not urlsplit(url).hostname:
            return "has no host"
    except ValueError:
        return "is not a valid URL"
    return ""


def check(context: Context) -> Iterator[Finding]:
    for pub in context.database.checked():
        for kind, url in pub.links.items():
            why = problem(url)
            if why:
                where = pub.at(f"links.{kind}")
                fix = replacing(where, scalar(url.strip(), quoted=True)) if why == "has spaces around it" else None
                yield Finding(where, f"the {kind} link {why}: {url!r}", "write the full URL, e.g. https://…", fix)
