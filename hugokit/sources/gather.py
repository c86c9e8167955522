"""Asking every source about a list of papers, and making a new entry from their answers."""
from __future__ import annotations

from typing import NamedTuple

from hugokit.venue_names import VenueFinder
from hugokit.model import Publication
from hugokit.sources import Record, ServiceError, is_arxiv_doi
from hugokit.sources.http import Client
from hugokit.sources.identifiers import Identifier
from hugokit.vocab import Vocabulary


class Paper(NamedTuple):
    arxiv: str
    doi: str
    title: str


def about(client: Client, papers: list[Paper]) -> list[list[Record]]:
    """For each paper, every record the sources have of it: arXiv's (by id), DBLP's (by title),
    then Crossref's for every DOI the paper or those records name."""
    from hugokit.sources import arxiv, crossref, dblp

    by_arxiv = arxiv.fetch(client, [p.arxiv for p in papers if p.arxiv])
    found: list[list[Record]] = []
    for paper in papers:
        record = by_arxiv.get(paper.arxiv)
        found.append([record] if record is not None else [])
    titles = [p.title or (found[i][0].title if found[i] else "") for i, p in enumerate(papers)]
    asked = [i for i, title in enumerate(titles) if title]
    for i, records in zip(asked, dblp.search_titles(client, [titles[i] for i in asked])):
        found[i].extend(records)
    dois = [[d for d in dict.fromkeys([p.doi.lower(), *(r.doi.lower() for r in found[i] if r.published)])
             if d and not is_arxiv_doi(d)] for i, p in enumerate(papers)]
    works = crossref.works(client, [d for ds in dois for d in ds])
    for i, ds in enumerate(dois):
        found[i].extend(works[d] for d in ds if d in works)
    return found


def primary(client: Client, ident: Identifier) -> Record:
    """The record an identifier names, from the source it belongs to; it must have a title and a
    year, which every entry needs."""
    record = _primary(client, ident)
    if not record.title.strip() or not record.year:
        raise ServiceError(record.source, f"answered a record of {ident.value} without a "
                           f"{'title' if not record.title.strip() else 'year'}",
                           "add the paper by another of its identifiers, or write its entry by hand")
    return record


def _primary(client: Client, ident: Identifier) -> Record:
    from hugokit.sources import arxiv, crossref, dblp

    if ident.kind == "doi" and is_arxiv_doi(ident.value):  # 10.48550/arXiv.2403.00835 is the preprint
        ident = Identifier("arxiv", ident.value.split("arXiv.", 1)[-1])
    if ident.kind == "arxiv":
        record = arxiv.fetch(client, [ident.value]).get(ident.value)
        if record is None:
            raise ServiceError(arxiv.NAME, f"has no paper {ident.value}", "check the arXiv identifier")
        return record
    if ident.kind == "doi":
        record = crossref.works(client, [ident.value]).get(ident.value.lower())
        if record is None:
            raise ServiceError(crossref.NAME, f"does not know the DOI {ident.value}",
                               "check it; a DOI registered elsewhere (DataCite, …) cannot be added by DOI yet: "
                               "add the paper by its arXiv id or DBLP key")
        return record
    return dblp.record(client, ident.value)


def new_entry(main: Record, records: list[Record], finder: VenueFinder,
              venues: Vocabulary) -> tuple[Publication, list[str]]:
    """An entry for the paper: its published version's venue and year when a source names one,
    else a preprint's; the first source's title, authors and abstract. With it, what of the
    sources' answers the entry does not hold, as notes."""
    from hugokit.refresh import left_out, published_version

    found = published_version([main, *records], finder, venues)
    arxiv = main.arxiv or next((r.arxiv for r in records if r.arxiv), "")
    year = found.year if found else (main.year or 0)
    if found:
        venue = found.venue
    elif arxiv:
        venue = f"Preprint {year}"
    else:
        from hugokit.refresh import venue_text

        venue = venue_text(main.venue, year, finder)[0] if main.venue else ""
    links: dict[str, str] = {}
    paper = found.url if found else main.url
    if paper or arxiv:
        links["paper"] = paper or f"https://arxiv.org/abs/{arxiv}"
    code = main.code or next((r.code for r in records if r.code), "")
    if code:
        links["code"] = code
    doi = found.doi if found else main.doi
    abstract = main.abstract or next((r.abstract for r in records if r.abstract), "")
    entry = Publication(title=main.title, year=year, authors=list(main.authors), venue=venue, links=links,
                        doi=doi, arxiv=arxiv, abstract=abstract)
    return entry, [note for note in [left_out([main, *records], finder, venue)] if note] + \
        list(found.notes if found else ())
