"""DBLP: the publication search (`search/publ/api?q=…&format=json`) finds a title's records, the
arXiv preprint (venue CoRR, type "Informal and Other Publications") and the published version
alike; `rec/KEY.xml` is one record by its key. (https://dblp.org/faq/How+to+use+the+dblp+search+API.html;
records: M. Ley, "DBLP XML Requests", the appendix to "DBLP — Some Lessons Learned", 2009.)
"""
from __future__ import annotations

import re
from typing import Any

from hugokit.sources import Record, ServiceError, first_text, read_json, unreadable, web_url
from hugokit.sources.http import Client
from hugokit.links import arxiv_in_link
from hugokit.text import clean_doi, fold

NAME = "DBLP"
INFORMAL = "Informal and Other Publications"
JOURNAL = ("Journal Articles", "article")  # the search's type, the XML record's element
PROCEEDINGS = ("Conference and Workshop Papers", "inproceedings")
HITS = "10"
_HOMONYM = re.compile(r"\s+\d{4}$")        # "Hao Zhang 0013": DBLP's number for one of several namesakes
# "ACL (1)", "ECCV (12)": a volume of the venue's proceedings. A track is no volume: "ACL (Findings)",
# "ACL (demo)", "WWW (Companion Volume)" are not the main conference, and keep their mark.
_VOLUME = re.compile(r"\s*\((?:\d+|[IVX]+)\)$")


def search_titles(client: Client, titles: list[str]) -> list[list[Record]]:
    """For each title, the records DBLP finds under exactly that title (punctuation and case aside)."""
    answers = client.get_many("dblp", [("search/publ/api", {"q": _query(t), "format": "json", "h": HITS})
                                       for t in titles], parse_search)
    return [[r for r in records if fold(r.title) == fold(title)] for title, records in zip(titles, answers)]


def _query(title: str) -> str:
    return fold(title)  # DBLP's query syntax gives some punctuation a meaning; words are what match


def parse_search(status: int, body: str, kind: str) -> list[Record]:
    data = read_json(NAME, status, body, kind)
    result = data.get("result")
    if status != 200 or not isinstance(result, dict) or not isinstance(result.get("hits"), dict):
        raise unreadable(NAME, status, body, kind, "DBLP's search result")
    hits = result["hits"].get("hit", [])
    if isinstance(hits, dict):
        hits = [hits]
    records = []
    for hit in hits if isinstance(hits, list) else []:
        info = hit.get("info") if isinstance(hit, dict) else None
        if isinstance(info, dict) and info.get("title"):
            records.append(_record(info))
    return records


def _record(info: dict[str, Any]) -> Record:
    authors = info.get("authors", {}).get("author", []) if isinstance(info.get("authors"), dict) else []
    if isinstance(authors, dict):  # one author: DBLP writes the object, not a list of one
        authors = [authors]
    names = [_HOMONYM.sub("", a.get("text", "") if isinstance(a, dict) else str(a)) for a in authors]
    venue = first_text(info.get("venue"))
    kind = str(info.get("type", ""))
    ees = info.get("ee", [])
    ees = [e for e in (ees if isinstance(ees, list) else [ees]) if web_url(e)]
    arxiv = next((found for e in ees for found in [arxiv_in_link(e)] if found), "")
    if not arxiv and venue == "CoRR":
        arxiv = str(info.get("volume", "")).removeprefix("abs/")
    published = kind != INFORMAL and venue != "CoRR"
    year = int(info["year"]) if str(info.get("year", "")).isdigit() else None
    url = next((e for e in ees if "arxiv.org" not in e and "doi.org" not in e), "") or \
        next((e for e in ees if "doi.org" in e), "")
    venue = _VOLUME.sub("", venue)
    # A journal article's volume, number and pages; a proceedings paper's pages alone (its volume is a series').
    locator = tuple((field, first_text(info.get(field)) if kind in JOURNAL or field == "pages" else "")
                    for field in ("volume", "number", "pages")) if kind in (*JOURNAL, *PROCEEDINGS) and published \
        else ()
    return Record(source=NAME, ref=str(info.get("key", "")), title=first_text(info["title"]).rstrip("."),
                  authors=names, year=year, venue=venue, venue_year=year if published else None,
                  published=published, doi=clean_doi(first_text(info.get("doi"))), arxiv=arxiv,
                  url=url if published else "", note=f"{venue} {year} ({kind or 'no type'})", locator=locator)


def record(client: Client, key: str) -> Record:
    """The record with this DBLP key (e.g. conf/icml/KouHHD024)."""
    found = client.get("dblp", f"rec/{key}.xml", None, parse_record)
    if found is None:
        raise ServiceError(NAME, f"has no record {key}", "check the key: it is the part of the record's URL "
                           "after https://dblp.org/rec/")
    return found


_FIELDS = {"author", "title", "year", "booktitle", "journal", "ee", "doi", "volume", "number", "pages"}


def parse_record(status: int, body: str, kind: str) -> Record | None:
    import xml.etree.ElementTree as ET

    if status == 404:
        return None
    try:
        root = ET.fromstring(body)
    except ET.ParseError:
        raise unreadable(NAME, status, body, kind, "a DBLP XML record") from None
    if status != 200 or root.tag != "dblp" or len(root) == 0:
        raise unreadable(NAME, status, body, kind, "a DBLP XML record")
    element = root[0]
    info: dict[str, Any] = {"key": element.get("key", ""), "authors": {"author": []}, "ee": []}
    info["type"] = INFORMAL if element.get("publtype") == "informal" else element.tag
    for child in element:
        text = " ".join("".join(child.itertext()).split())
        if child.tag == "author":
            info["authors"]["author"].append({"text": text})
        elif child.tag == "ee":
            info["ee"].append(text)
        elif child.tag in ("booktitle", "journal"):
            info["venue"] = text
        elif child.tag in _FIELDS:
            info[child.tag] = text
    if not info.get("title"):
        raise unreadable(NAME, status, body, kind, "a DBLP XML record with a title")
    info["doi"] = info.get("doi") or next((e for e in info["ee"] if "doi.org/" in e), "")
    return _record(info)
