"""arXiv's API: `query?id_list=…` answers an Atom feed, one <entry> per paper, whose
<arxiv:journal_ref> and <arxiv:doi> name the published version when the authors have said so.
(https://info.arxiv.org/help/api/user-manual.html, sections 3.3 and 5.2.)
"""
from __future__ import annotations

import re
import time

from typing import TYPE_CHECKING

from hugokit.sources import Record, ServiceError, is_arxiv_doi, unreadable, web_url, year_in
from hugokit.sources.http import Client

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

NAME = "arXiv"
ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
PAUSE = 3.0
BATCH = 50  # ids per request; the manual's examples ask for far more, but answers stay small
_ID = re.compile(r"(?:abs/)?(\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(v\d+)?$")


def fetch(client: Client, ids: list[str]) -> dict[str, Record]:
    """Records by arXiv id (without version) for the ids arXiv knows."""
    unique = list(dict.fromkeys(ids))
    batches = [unique[i:i + BATCH] for i in range(0, len(unique), BATCH)]
    found: dict[str, Record] = {}
    asked_before = client.asked
    for number, batch in enumerate(batches):  # one at a time, and arXiv asks for three seconds between requests
        if number and client.asked > asked_before:
            time.sleep(PAUSE)
        asked_before = client.asked
        for record in client.get("arxiv", "query", {"id_list": ",".join(batch), "max_results": str(len(batch))},
                                 parse_feed):
            found[record.ref] = record
    return found


def parse_feed(status: int, body: str, kind: str) -> list[Record]:
    import xml.etree.ElementTree as ET

    if status != 200 and "<feed" not in body:
        if body.strip().startswith("Rate exceeded"):
            raise ServiceError(NAME, "is limiting the rate of requests (Rate exceeded.)", "wait a minute and rerun")
        raise unreadable(NAME, status, body, kind, "an Atom feed")
    try:
        root = ET.fromstring(body)
    except ET.ParseError:
        raise unreadable(NAME, status, body, kind, "an Atom feed") from None
    if root.tag != f"{ATOM}feed":
        raise unreadable(NAME, status, body, kind, "an Atom feed")
    records = []
    for entry in root.iter(f"{ATOM}entry"):
        ident = _text(entry, f"{ATOM}id")
        if "/api/errors" in ident:  # arXiv reports a bad request as an entry titled Error
            raise ServiceError(NAME, f"rejected the request: {_text(entry, f'{ATOM}summary')}",
                               "check the arXiv identifiers (e.g. 2403.00835 or hep-th/9901001)")
        match = _ID.search(ident)
        if match is None:
            raise unreadable(NAME, status, body, kind, "an Atom feed of arXiv entries")
        records.append(_record(entry, match.group(1)))
    if status != 200:
        raise unreadable(NAME, status, body, kind, "an Atom feed")
    return records


def _record(entry: Element, arxiv_id: str) -> Record:
    journal = _text(entry, f"{ARXIV}journal_ref")
    doi = _text(entry, f"{ARXIV}doi")
    published_doi = doi if doi and not is_arxiv_doi(doi) else ""
    evidence = [f'journal_ref "{journal}"'] if journal else []
    if published_doi:
        evidence.append(f"doi {published_doi}")
    url = next((web_url(link.get("href")) for link in entry.iter(f"{ATOM}link") if link.get("title") == "doi"), "")
    return Record(
        source=NAME, ref=arxiv_id, title=_text(entry, f"{ATOM}title"),
        authors=[_text(author, f"{ATOM}name") for author in entry.iter(f"{ATOM}author")],
        year=year_in(_text(entry, f"{ATOM}published")[:4]), venue=journal,
        venue_year=year_in(journal) if journal else None, published=bool(journal or published_doi),
        doi=published_doi, arxiv=arxiv_id, url=url if published_doi else "",
        code=_code_link(_text(entry, f"{ARXIV}comment")),
        abstract=_text(entry, f"{ATOM}summary"), note="; ".join(evidence) or "no journal reference",
    )


def _text(element: Element, tag: str) -> str:
    found = element.find(tag)
    return " ".join((found.text or "").split()) if found is not None else ""


def _code_link(comment: str) -> str:
    """A code repository the authors name in their comment ("Code: https://github.com/…")."""
    found = re.search(r"https?://(?:github\.com|gitlab\.com)/[\w.\-]+/[\w.\-]+", comment)
    return found.group().rstrip(".") if found else ""
