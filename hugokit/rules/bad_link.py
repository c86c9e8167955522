"""bad-link: a link that is neither an http(s) URL nor a path from the site's root.

Accepted: full http(s) URLs, and paths from the site's root such as `/assets/pdf/paper.pdf`
(Hugo serves static/ and page bundles' files there; the BibTeX import writes al-folio's bare
file names that way). Rejected: empty links, spaces in or around the URL, `javascript:`,
`data:` and other schemes, URLs without a host, backslashes or braces (a URL must
percent-encode them, browsers read a backslash as `/`, and BibTeX could not carry them back),
web addresses without a scheme (`www.example.org/x`), and relative paths (`slides.pdf`), which resolve against whichever page
shows them. The importers write the same links: what they cannot make one of these they keep,
and report when importing.

Fix: write the full URL, starting with https:// (`hugokit fix` adds it before `www.…`, trims
spaces, and takes an HTML anchor's target for the anchor), or the file's path from the site's root.
"""
from __future__ import annotations

from typing import Iterator

from hugokit.diagnostics import Finding, Severity, quoted, replacing
from hugokit.links import hint, problem, repaired
from hugokit.render.database_yaml import scalar
from hugokit.rules import Context

CODE = "bad-link"
SEVERITY = Severity.ERROR
FIXABLE = True


def check(context: Context) -> Iterator[Finding]:
    for pub in context.database.checked():
        for kind, url in pub.links.items():
            why = problem(url)
            if why:
                where = pub.at(f"links.{kind}")
                better = repaired(url)
                fix = replacing(where, scalar(better, quoted=True)) if better != url and not problem(better) else None
                yield Finding(where, f"the {kind} link {why}: {quoted(url)}", hint(why), fix)
