"""Crossref's REST API: `works/{doi}` answers `{"status": "ok", "message-type": "work", "message": {…}}`
with the title, authors (given, family), container-title, type and dates of a DOI it registered,
and 404 for a DOI it does not know (arXiv's own DOIs are DataCite's, not Crossref's).
(https://github.com/CrossRef/rest-api-doc/blob/master/rest_api.md, https://api.crossref.org/swagger-ui/index.html.)
"""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from hugokit.sources import Record, first_text, read_json, unreadable, web_url
from hugokit.sources.http import Client
from hugokit.text import clean_doi

NAME = "Crossref"
PREPRINT_TYPES = {"posted-content"}  # Crossref's type for preprints
_TAG = re.compile(r"<[^>]+>")


def works(client: Client, dois: list[str]) -> dict[str, Record]:
    """Records by lower-cased DOI, for the DOIs Crossref knows."""
    unique = list(dict.fromkeys(d.lower() for d in dois))
    answers = client.get_many("crossref", [(f"works/{quote(doi, safe='/')}", None) for doi in unique], parse_work)
    return {doi: record for doi, record in zip(unique, answers) if record is not None}


def parse_work(status: int, body: str, kind: str) -> Record | None:
    if status == 404 and body.strip().lower().startswith("resource not found"):
        return None
    data = read_json(NAME, status, body, kind)
    message = data.get("message")
    if status != 200 or data.get("status") != "ok" or data.get("message-type") != "work" or not isinstance(message, dict):
        raise unreadable(NAME, status, body, kind, "a Crossref work")
    title = first_text(message.get("title"))
    authors = []
    for person in message.get("author") or []:
        if isinstance(person, dict):
            name = " ".join(p for p in (person.get("given", ""), person.get("family", "")) if p) or person.get("name", "")
            if name:
                authors.append(name)
    year = _year(message)
    venue = first_text(message.get("container-title")) or first_text(message.get("event", {}).get("name")
                                                             if isinstance(message.get("event"), dict) else "")
    kind_of = str(message.get("type", ""))
    published = kind_of not in PREPRINT_TYPES and bool(venue)
    url = ""
    resource = message.get("resource")
    if isinstance(resource, dict) and isinstance(resource.get("primary"), dict):
        url = web_url(resource["primary"].get("URL"))
    doi = clean_doi(first_text(message.get("DOI")))
    # A journal article's volume, issue and pages (or article number) become its venue's locator;
    # of a proceedings article only the pages: its volume is a series' (LNCS 12345), not the venue's.
    locator = tuple((field, first_text(message.get(field)) if kind_of == "journal-article" or field == "page" else "")
                    for field in ("volume", "issue", "page" if message.get("page") else "article-number")) \
        if kind_of in ("journal-article", "proceedings-article") else ()
    return Record(source=NAME, ref=doi, title=title, authors=authors, year=year, venue=venue,
                  venue_year=year if published else None, published=published, doi=doi,
                  url=url or (f"https://doi.org/{doi}" if doi else ""),
                  abstract=" ".join(_TAG.sub(" ", str(message.get("abstract", ""))).split()),
                  note=f'{kind_of or "work"} in "{venue}" {year or ""}'.strip(), locator=locator)


def _year(message: dict[str, Any]) -> int | None:
    for field in ("published-print", "published-online", "published", "issued"):
        parts = message.get(field, {}).get("date-parts") if isinstance(message.get(field), dict) else None
        if parts and isinstance(parts[0], list) and parts[0] and isinstance(parts[0][0], int):
            return parts[0][0]
    return None
