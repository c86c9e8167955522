"""What became of the preprints: from what the sources said, the changes to propose for each
entry (venue, year, DOI, paper link) with their evidence, and the entries listed twice.

Pure functions over the database and the sources' records; hugokit.cli_sources asks the
sources and prints, and only hugokit.writeback writes.
"""
from __future__ import annotations

from typing import NamedTuple

from hugokit.diagnostics import quoted
from hugokit.model import Database, Publication
from hugokit.sources import Record, is_arxiv_doi, year_in
from hugokit.links import arxiv_in_link, doi_in_link
from hugokit.text import fold, split_venue
from hugokit.venue_kinds import venue_of
from hugokit.venue_names import VenueFinder
from hugokit.vocab import Vocabulary

FETCHED = "the fetched record"  # what add and refresh merge, as the merge's messages name it
PREFERENCE = ("DBLP", "Crossref", "arXiv")  # whose venue wins: DBLP's names are curated short names
DOI_PREFERENCE = ("Crossref", "arXiv", "DBLP")  # whose spelling of a DOI: DBLP upper-cases them


class Candidate(NamedTuple):
    pub: Publication
    arxiv: str
    doi: str


class Change(NamedTuple):
    key: str      # "venue", "year", "doi", "arxiv", "links.paper"
    old: object   # "" or None when the entry has no such value yet
    new: object


class Published(NamedTuple):
    """The published version of a paper, as the most trusted source names it."""

    venue: str
    year: int
    doi: str
    url: str
    source: str
    known: bool      # the venue registry knows the venue
    notes: tuple[str, ...] = ()  # what of the source's volume, issue and pages the venue could not hold


class Finding(NamedTuple):
    pub: Publication
    changes: list[Change]
    evidence: list[str]   # "DBLP conf/icml/KouHHD024: ICML 2024 (Conference and Workshop Papers)"
    unknown_venue: bool = False  # the proposed venue is not in the registry (as its source wrote it)


class Duplicate(NamedTuple):
    preprint: Publication
    published: Publication
    why: str


def is_preprint(pub: Publication, venues: Vocabulary) -> bool:
    return venue_of(pub, venues).kind_name == "preprint"


def arxiv_of(pub: Publication) -> str:
    return pub.arxiv or next((found for url in _links_paper_first(pub) for found in [arxiv_in_link(url)] if found), "")


def doi_of(pub: Publication) -> str:
    return pub.doi or next((found for url in _links_paper_first(pub) for found in [doi_in_link(url)] if found), "")


def _links_paper_first(pub: Publication) -> list[str]:
    first = [pub.links["paper"]] if "paper" in pub.links else []
    return first + [u for k, u in pub.links.items() if k != "paper"]


def candidates(database: Database, venues: Vocabulary, everything: bool) -> list[Candidate]:
    """The entries to ask about: preprints (or, with everything, all entries) that have an arXiv
    id, a DOI or a paper link."""
    out = []
    for pub in database.publications:
        if not everything and not is_preprint(pub, venues):
            continue
        arxiv, doi = arxiv_of(pub), doi_of(pub)
        if arxiv or doi or pub.links.get("paper"):
            out.append(Candidate(pub, arxiv, "" if is_arxiv_doi(doi) else doi))
    return out


def venue_text(raw: str, year: int | None, finder: VenueFinder) -> tuple[str, bool]:
    """The venue as the import writes it (the registry's name and the year on an exact match,
    else the text and the year), and whether the registry knew it."""
    known = finder.venue(raw, year) if raw else None
    if known is not None:
        return known, True
    from hugokit.venue_string import parse

    name, written = split_venue(raw)
    parts = parse(raw)
    # "Foo 2024": the name, then the year; a list stays whole, and a citation keeps its locator
    if written == year and len(parts) == 1 and parts[0].locator is None:
        raw = name
    if year and year_in(raw) == year:  # a citation: "Phys. Rev. B 74, 024520 (2006)"
        return raw, False
    return (f"{raw} {year}" if year else raw), False


def published_version(records: list[Record], finder: VenueFinder, venues: Vocabulary) -> Published | None:
    """The venue, year, DOI and URL of the published version the records name, if any.

    The venue comes from the most trusted source whose venue the registry knows (else from the
    most trusted one at all); DOI and URL from any source that names them."""
    published = [r for r in records if r.published and r.venue and r.venue_year]
    if not published:
        return None
    published.sort(key=lambda r: PREFERENCE.index(r.source) if r.source in PREFERENCE else len(PREFERENCE))
    named = [(r, *venue_text(r.venue, r.venue_year, finder)) for r in published]
    record, venue, known = next((item for item in named if item[2]), named[0])
    match = venues.lookup(split_venue(venue)[0])
    if match is not None and match.term.kind == "preprint" or record.venue_year is None:
        return None
    by_doi = sorted(published, key=lambda r: DOI_PREFERENCE.index(r.source) if r.source in DOI_PREFERENCE else 9)
    doi = next((r.doi for r in by_doi if r.doi), "")
    urls = [u for u in (record.url, *(r.url for r in published)) if u]
    url = next((u for u in urls if not doi_in_link(u)), "") or (f"https://doi.org/{doi}" if doi else "")
    venue, notes = placed_locator(record, venue)
    return Published(venue, record.venue_year, doi, url, record.source, known, tuple(notes))


def placed_locator(record: Record, venue: str) -> tuple[str, list[str]]:
    """The venue with the locator a journal article's volume, issue and pages, or a proceedings
    paper's pages give, as a BibTeX import writes it (Nature 585(7825):357–362, 2020; OSDI 2022,
    pp. 559–578), and what of them it could not hold, as notes."""
    if not any(text for _, text in record.locator):
        return venue, []
    from hugokit.importers.locator_fields import PIECES, Given, place_locator

    volume, issue, pages = record.locator
    given = {piece: Given(field, text, text) for piece, (field, text) in zip(PIECES, record.locator) if text}
    placed, missed = place_locator(venue, given, lambda field, value: f'{field} {quoted(value)}',
                                   (volume[0], issue[0], pages[0]))
    return placed, [f"{record.source}'s {m.message}, so it is not in the venue; to show it, write it into the venue "
                    "by hand (Nature 585(7825):357–362, 2020)" for m in missed]


def left_out(records: list[Record], finder: VenueFinder, venue: str) -> str:
    """What of a source's proceedings title the venue read from it does not show, said as a note
    ("" where the venue is the source's text, or no source's title was read as it)."""
    from hugokit.venue_string import without_locator

    venue = without_locator(venue)
    reads = [(r, read) for r in records if r.published and r.venue
             for read in [finder.read(r.venue, r.venue_year)] if read is not None and read[0] == venue]
    if any(not rest for _, (_, rest) in reads):
        return ""  # a source names the venue exactly
    return next((f'{venue} was read from {r.source}\'s {quoted(r.venue)}; the rest of it ({quoted(rest)}) is not kept'
                 for r, (_, rest) in reads), "")


def plan(candidate: Candidate, records: list[Record], finder: VenueFinder, venues: Vocabulary) -> Finding:
    pub = candidate.pub
    evidence = [f"{r.source} {r.ref}: {r.note}" for r in records]
    found = published_version(records, finder, venues)
    changes: list[Change] = []
    if found is not None:
        if found.venue != pub.venue:
            changes.append(Change("venue", pub.venue, found.venue))
            evidence += [note for note in [left_out(records, finder, found.venue)] if note] + list(found.notes)
            if found.year != pub.year:  # moved to its venue's year; an entry keeping its venue keeps its year
                changes.append(Change("year", pub.year, found.year))
        if found.doi and not pub.doi:
            changes.append(Change("doi", "", found.doi))
        paper = pub.links.get("paper", "")
        if found.url and (not paper or arxiv_in_link(paper)) and found.url != paper:
            changes.append(Change("links.paper", paper, found.url))
            if candidate.arxiv and not pub.arxiv:  # the arXiv link goes: keep its id
                changes.append(Change("arxiv", "", candidate.arxiv))
    return Finding(pub, changes, evidence, found is not None and not found.known and any(
        c.key == "venue" for c in changes))


def duplicates(database: Database, venues: Vocabulary, findings: list[Finding]) -> list[Duplicate]:
    """Pairs of entries that are one paper: a preprint, and its published version listed too —
    by a shared arXiv id, DOI or title, or because the published version a source names is there."""
    pubs = database.publications
    published = [p for p in pubs if p.venue and not is_preprint(p, venues)]
    pairs: list[Duplicate] = []
    seen: set[tuple[int, int]] = set()

    def pair(pre: Publication, pub: Publication, why: str) -> None:
        key = (id(pre), id(pub))
        if pre is not pub and key not in seen:
            seen.add(key)
            pairs.append(Duplicate(pre, pub, why))

    for pre in (p for p in pubs if is_preprint(p, venues)):
        arxiv, doi, title = arxiv_of(pre), doi_of(pre).lower(), fold(pre.title)
        for other in published:
            if arxiv and arxiv_of(other) == arxiv:
                pair(pre, other, f"both name arXiv {arxiv}")
            elif doi and doi_of(other).lower() == doi:
                pair(pre, other, f"both have DOI {doi}")
            elif title and fold(other.title) == title:
                pair(pre, other, "the same title")
    for finding in findings:
        new = {c.key: c.new for c in finding.changes}
        for other in published:
            if other is finding.pub:
                continue
            if new.get("doi") and doi_of(other).lower() == str(new["doi"]).lower():
                pair(finding.pub, other, f"its published version (DOI {new['doi']}) is this entry")
            elif new.get("links.paper") and other.links.get("paper") == new["links.paper"]:
                pair(finding.pub, other, f"its published version ({new['links.paper']}) is this entry")
    return pairs


class Refreshed(NamedTuple):
    text: str                  # the database text with the changes made
    expected: list[Publication]  # the entries text must read back as (see hugokit.verify)


def apply(text: str, database: Database, findings: list[Finding]) -> Refreshed:
    """The database text with the findings' changes made in place: values the entries have are
    replaced where they stand, values they lack are added by the import's merge; comments, key
    order and everything else stay."""
    from hugokit.database import parse_database
    from hugokit.merge import merge
    from hugokit.render.database_yaml import render_value, scalar
    from hugokit.verify import copy

    now = {id(f.pub): changed(f) for f in findings}
    expected = [now[id(pub)] if id(pub) in now else copy(pub) for pub in database.publications]
    edits: list[tuple[int, int, str]] = []
    for finding in findings:
        for change in finding.changes:
            if not _has(finding.pub, change.key):
                continue
            where = finding.pub.at(change.key)
            rendered = scalar(str(change.new), quoted=True) if change.key.startswith("links.") \
                else render_value(change.key, change.new)
            edits.append((where.offset, where.end, rendered))
    for start, end, rendered in sorted(edits, reverse=True):
        text = text[:start] + rendered + text[end:]
    if not any(not _has(f.pub, c.key) for f in findings for c in f.changes):
        return Refreshed(text, expected)
    reread, _ = parse_database(text, database.path)
    incoming = []
    for finding in findings:
        missing = {c.key: c.new for c in finding.changes if not _has(finding.pub, c.key)}
        if missing:
            year = next((c.new for c in finding.changes if c.key == "year"), finding.pub.year)
            links = {k.removeprefix("links."): str(v) for k, v in missing.items() if k.startswith("links.")}
            incoming.append(Publication(title=finding.pub.title, year=int(str(year)), arxiv=str(missing.get("arxiv", "")),
                                        doi=str(missing.get("doi", "")), venue=str(missing.get("venue", "")),
                                        links=links))
    return Refreshed(merge(text, reread, incoming, FETCHED).text, expected)


def changed(finding: Finding) -> Publication:
    """The entry as the finding's changes leave it (a copy)."""
    from hugokit.verify import copy

    pub = copy(finding.pub)
    for change in finding.changes:
        _change(pub, change)
    return pub


def _change(pub: Publication, change: Change) -> None:
    """Makes the change on pub (a copy: what the database must read back as)."""
    if change.key.startswith("links."):
        pub.links[change.key.removeprefix("links.")] = str(change.new)
    elif change.key == "year":
        pub.year = int(str(change.new))
    else:
        setattr(pub, change.key, str(change.new))


def _has(pub: Publication, key: str) -> bool:
    """Whether the entry writes a value for key, which the change replaces where it stands."""
    return key in pub.where and pub.at(key).offset >= 0
