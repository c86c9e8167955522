"""Reading a paper's identifier as people paste it: an arXiv id or URL, a DOI or doi.org URL,
a DBLP key or record URL."""
from __future__ import annotations

import re
from typing import NamedTuple

from hugokit.text import ARXIV_ID, clean_doi


class Identifier(NamedTuple):
    kind: str   # "arxiv", "doi" or "dblp"
    value: str  # 2403.00835, 10.18653/v1/…, conf/icml/KouHHD024


_ARXIV = re.compile(rf"({ARXIV_ID})(?:v\d+)?")
_ARXIV_URL = re.compile(r"https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/(.+?)(?:\.pdf)?/?$", re.I)
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_DOI_URL = re.compile(r"https?://(?:dx\.)?doi\.org/(10\..+)$", re.I)
_DBLP_KEY = re.compile(r"(?:conf|journals|books|phd|series|reference|tr|persons)/[\w\-]+(?:/[\w\-.]+)+")
_DBLP_URL = re.compile(r"https?://(?:www\.)?dblp\.(?:org|uni-trier\.de)/rec/(?:bibtex/)?(.+?)(?:\.html|\.xml|\.bib)?$",
                       re.I)


def parse(text: str) -> Identifier | None:
    """The identifier in text, or None when it is none of the forms hugokit reads."""
    text = text.strip()
    for pattern, kind in ((_ARXIV_URL, "arxiv"), (_DOI_URL, "doi"), (_DBLP_URL, "dblp")):
        match = pattern.match(text)
        if match:
            text = f"{kind}:{match.group(1)}"
            break
    prefix, _, rest = text.partition(":")
    prefix = prefix.lower()
    if prefix == "arxiv" and _ARXIV.fullmatch(rest):
        return Identifier("arxiv", _ARXIV.fullmatch(rest).group(1))  # type: ignore[union-attr]
    if prefix == "doi" and _DOI.fullmatch(clean_doi(rest)):
        return Identifier("doi", clean_doi(rest))
    if prefix == "dblp" and _DBLP_KEY.fullmatch(rest):
        return Identifier("dblp", rest)
    if _ARXIV.fullmatch(text):
        return Identifier("arxiv", _ARXIV.fullmatch(text).group(1))  # type: ignore[union-attr]
    if _DOI.fullmatch(text):
        return Identifier("doi", text)
    if _DBLP_KEY.fullmatch(text):
        return Identifier("dblp", text)
    return None


def arxiv_in_link(url: str) -> str:
    """The arXiv id of an arxiv.org link ("" for any other link)."""
    match = _ARXIV_URL.match(url.strip())
    if not match:
        return ""
    found = _ARXIV.fullmatch(match.group(1))
    return found.group(1) if found else ""


def doi_in_link(url: str) -> str:
    match = _DOI_URL.match(url.strip())
    return clean_doi(match.group(1)) if match else ""
