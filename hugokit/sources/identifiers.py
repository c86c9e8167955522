"""Reading a paper's identifier as people paste it: an arXiv id or URL, a DOI or doi.org URL,
a DBLP key or record URL."""
from __future__ import annotations

import re
from typing import NamedTuple

from hugokit.links import ARXIV_LINK, ARXIV_VERSIONED, DOI_LINK
from hugokit.text import clean_doi


class Identifier(NamedTuple):
    kind: str   # "arxiv", "doi" or "dblp"
    value: str  # 2403.00835, 10.18653/v1/…, conf/icml/KouHHD024


_DOI = re.compile(r"10\.\d{4,9}/\S+")
_DBLP_KEY = re.compile(r"(?:conf|journals|books|phd|series|reference|tr|persons)/[\w\-]+(?:/[\w\-.]+)+")
_DBLP_URL = re.compile(r"https?://(?:www\.)?dblp\.(?:org|uni-trier\.de)/rec/(?:bibtex/)?(.+?)(?:\.html|\.xml|\.bib)?$",
                       re.I)


def parse(text: str) -> Identifier | None:
    """The identifier in text, or None when it is none of the forms hugokit reads."""
    text = text.strip()
    for pattern, kind in ((ARXIV_LINK, "arxiv"), (DOI_LINK, "doi"), (_DBLP_URL, "dblp")):
        match = pattern.match(text)
        if match:
            text = f"{kind}:{match.group(1)}"
            break
    prefix, _, rest = text.partition(":")
    prefix = prefix.lower()
    if prefix == "arxiv" and ARXIV_VERSIONED.fullmatch(rest):
        return Identifier("arxiv", ARXIV_VERSIONED.fullmatch(rest).group(1))  # type: ignore[union-attr]
    if prefix == "doi" and _DOI.fullmatch(clean_doi(rest)):
        return Identifier("doi", clean_doi(rest))
    if prefix == "dblp" and _DBLP_KEY.fullmatch(rest):
        return Identifier("dblp", rest)
    if ARXIV_VERSIONED.fullmatch(text):
        return Identifier("arxiv", ARXIV_VERSIONED.fullmatch(text).group(1))  # type: ignore[union-attr]
    if _DOI.fullmatch(text):
        return Identifier("doi", text)
    if _DBLP_KEY.fullmatch(text):
        return Identifier("dblp", text)
    return None
