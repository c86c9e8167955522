"""What a link in the database may be, and what it points at. The bad-link rule and every
importer use this one definition, so that nothing an importer writes without a word is then an
error; duplicate-link, refresh and `hugokit add` read arXiv ids and DOIs out of links here.

A link is a full http(s) URL, or a path from the site's root (`/assets/pdf/x.pdf`): Hugo serves
static/ and each page bundle's files at such paths, and a page's link to one works from every
page. A relative path (`slides.pdf`) is not: it resolves against whichever page shows it.
"""
from __future__ import annotations

import re
from typing import Iterable

from hugokit.diagnostics import Diagnostic, quoted, warning
from hugokit.model import Publication
from hugokit.text import ARXIV_ID, INVISIBLE, clean_doi

_PLAIN_URL = re.compile(r"https?://[A-Za-z0-9.-]+(?::\d+)?(?:[/?#][^\s\\{}]*)?")  # the common case, decided at once
_SITE_PATH = re.compile(r"/(?!/)[^\s\\{}]*")
# Compiled on first use (the re module keeps it): a link the patterns above accept never needs it.
_NO_SCHEME = r"(?i)www\.[A-Za-z0-9-]+\.[A-Za-z0-9.-]+(?:[:/?#]\S*)?"
ARXIV_LINK = re.compile(r"https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/(.+?)(?:\.pdf)?/?$", re.I)
DOI_LINK = re.compile(r"https?://(?:dx\.)?doi\.org/(10\..+)$", re.I)
ARXIV_VERSIONED = re.compile(rf"({ARXIV_ID})(?:v\d+)?")  # an id as arXiv writes it, version and all
_PARTS = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.-]*:)?(?://(?:[^@/?#]*@)?([^/?#:]*)(?::\d*)?)?([^?#]*)(?:\?([^#]*))?")
# A link written as an HTML anchor, perhaps after a label (`doi:<a href="https://doi.org/…">…</a>`, as
# some sites' .bib files hold it); `<ahref` too: BibTeX's url field loses its spaces on import.
_ANCHOR = r"(?is)(?:[a-z]+:\s*)?<a\s*href\s*=\s*(\"|')([^\"'<>]+)\1[^<>]*>[^<>]*</a>"
RELATIVE = "is a relative path"
NO_SCHEME = "has no scheme"


def problem(url: str) -> str:
    """Why url is not a link hugokit can write into a page ("" when it is one)."""
    if _PLAIN_URL.fullmatch(url) or _SITE_PATH.fullmatch(url):
        return ""
    if not url.strip():
        return "is empty"
    if url != url.strip():
        return "has spaces around it"
    if any(c.isspace() for c in url):
        return "contains a space"
    if any(c in "\\{}" for c in url):  # browsers read a backslash as /; BibTeX could not carry them back
        return "contains a backslash or a brace (write %5C, %7B or %7D if it is meant)"
    if re.fullmatch(_NO_SCHEME, url):
        return NO_SCHEME
    scheme = url.split(":", 1)[0].lower() if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", url) else ""
    if not scheme and not url.startswith("//"):
        return RELATIVE
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


def arxiv_in_link(url: str) -> str:
    """The arXiv id of an arxiv.org link, abs or pdf, without its version ("" for any other link)."""
    match = ARXIV_LINK.match(url.strip())
    found = ARXIV_VERSIONED.fullmatch(match.group(1)) if match else None
    return found.group(1) if found else ""


def doi_in_link(url: str) -> str:
    """The DOI of a doi.org (or dx.doi.org) link ("" for any other link)."""
    match = DOI_LINK.match(url.strip())
    return clean_doi(match.group(1)) if match else ""


def target(url: str) -> str:
    """What a link points at, for telling two links apart: `arxiv:<id>` for every form of an
    arXiv link, `doi:<doi>` for a doi.org link (DOIs ignore case), else the URL without its
    scheme, port, `www.` and trailing slash, its host in lower case."""
    arxiv = arxiv_in_link(url)
    if arxiv:
        return f"arxiv:{arxiv.lower()}"
    doi = doi_in_link(url)
    if doi:
        return f"doi:{doi.casefold()}"
    parts = _PARTS.match(url.strip())
    assert parts is not None  # always matches: every part is optional
    host, path, query = parts.groups()
    host = (host or "").lower().removeprefix("www.")
    return f"{host}{(path or '').rstrip('/')}" + (f"?{query}" if query else "")


def repaired(url: str) -> str:
    """The link as it is meant, where that is certain: spaces and invisible characters around it
    gone, an HTML anchor's target for the anchor (`<a href="https://…">…</a>`), and https://
    before a web address written without a scheme (www.example.org/x). Else url unchanged."""
    url = url.strip().strip(INVISIBLE).strip()
    anchor = re.fullmatch(_ANCHOR, url) if "<" in url else None
    if anchor:
        url = anchor.group(2).strip().strip(INVISIBLE).strip()
    return "https://" + url if re.fullmatch(_NO_SCHEME, url) else url


def hint(why: str) -> str:
    if why == RELATIVE:
        return ("write the full URL (https://…) if it is a web address, or the file's path from the "
                "site's root (/files/paper.pdf for static/files/paper.pdf; a page bundle's files sit "
                "under its page's URL)")
    if why == NO_SCHEME:
        return "write https:// before it (hugokit fix does it)"
    return "write the full URL, e.g. https://…"


def settle(publications: Iterable[Publication]) -> list[Diagnostic]:
    """Every imported link as the database is to hold it: repaired where that is certain, and
    said so; kept as it is, and reported, where bad-link would reject it."""
    notes = []
    for pub in publications:
        for kind, url in pub.links.items():
            why = problem(url)
            if not why:
                continue
            where = pub.at(f"links.{kind}")
            better = repaired(url)
            if better != url and not problem(better):
                pub.links[kind] = better
                notes.append(warning(where, "link-repaired", f"the {kind} link {quoted(url)} {why}: imported as {quoted(better)}",
                                     "check it in the database"))
            else:
                notes.append(warning(where, "bad-link", f"the {kind} link {why}: {quoted(url)}; imported as it is",
                                     hint(why)))
    return notes
