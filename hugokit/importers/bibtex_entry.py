"""One BibTeX entry (its fields already resolved) → a Publication.

What maps to what is documented in the README's import section. Every field is either used
here, or listed in `Mapped.unused` for the importer to report: nothing is dropped silently.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from hugokit.dates import month_number
from hugokit.diagnostics import Position, quoted
from hugokit.venue_names import PRESENTATION, VenueFinder
from hugokit.importers.locator_fields import Given, place_locator
from hugokit.venue_string import parse
from hugokit.latex import decode
from hugokit.importers.bibtex_texts import Texts
from hugokit.importers.bibtex_values import doi, file_name, is_url, spaced, url
from hugokit.text import ARXIV_ID as ARXIV_ID_PATTERN, tidy_spaces
from hugokit.model import SELECTED_TOPIC, Publication

ARXIV_ID = re.compile(rf"(?:arxiv[:/\s]*|arxiv\.org/(?:abs|pdf)/)({ARXIV_ID_PATTERN})(?:v\d+)?", re.I)
# Link fields (Google Scholar's, al-folio's, hugokit's), in order of preference for the paper
# link, each with the kinds it may take: the first that is still free.
# BibTeX's url and al-folio's html are the paper's own page (al-folio's HTML button, before the PDF
# one): beside a pdf they are the paper, and the pdf the pdf. A kind is always one hugokit check
# knows: a field whose kinds are all taken is reported, never filed under a kind it is not.
LINK_FIELDS: dict[str, tuple[str, ...]] = {
    "paper": ("paper",), "html": ("paper",), "url": ("paper",), "pdf": ("paper", "pdf"),
    "project": ("project",), "website": ("project", "website"), "code": ("code",), "github": ("code",),
    "slides": ("slides",), "poster": ("poster",), "video": ("video",), "blog": ("blog",), "supp": ("supplement",),
    "dataset": ("dataset",),
}
_MORE = ("paper",)  # where a link from another field goes (howpublished, an eprint)
# al-folio links a file name without a scheme under assets/pdf/, an html one under assets/html/
# (its _layouts/bib.liquid).
_AL_FOLIO_FILES = {"pdf": "/assets/pdf/", "supp": "/assets/pdf/", "poster": "/assets/pdf/", "slides": "/assets/pdf/",
                   "html": "/assets/html/"}
# Fields that hold URLs and identifiers: never LaTeX-decoded (a ~ in a URL is a tilde).
VERBATIM = {"doi", "eprint", "file", "archiveprefix", "eprinttype", "hugokit-links", "arxiv", *LINK_FIELDS}
_USED = {"title", "author", "editor", "year", "doi", "abstract", "keywords", "crossref", "arxiv", "selected",
         *LINK_FIELDS}
_EPRINT = ("eprint", "archiveprefix", "eprinttype", "primaryclass", "eprintclass")
# biblatex's resolvers for the other eprint types (its eprint handlers): the eprint is a link there.
_EPRINT_LINKS = {"jstor": "https://www.jstor.org/stable/", "hdl": "https://hdl.handle.net/",
                 "pubmed": "https://www.ncbi.nlm.nih.gov/pubmed/", "googlebooks": "https://books.google.com/books?id="}
# What `hugokit export bibtex` writes besides its hugokit-* fields (derived from them).
_EXPORTED = {"booktitle", "journal", "howpublished", "school", "institution", "url", "month", "volume", "number", "pages",
             *_EPRINT}
_BOOK_KINDS = {"book", "inbook", "booklet", "manual", "proceedings", "collection"}
_TRUE = {"true", "yes", "1"}
_FLAGS = _TRUE | {"false", "no", "0"}
MASTERS = "Master's Thesis"
# The venue fields whose locator fields are the venue's own: a journal's volume, number and
# pages; a booktitle's pages (its volume and number are its series': DBLP's LNCS or PMLR volume).
# A publisher's (a book's) are a book series'.
_LOCATED = {"journal": ("volume", "issue", "pages"), "journaltitle": ("volume", "issue", "pages"),
            "howpublished": ("volume", "issue", "pages"),
            "booktitle": ("pages",)}
# biblatex's date: ISO 8601 (`2023`, `2023-05`, `2023-05-12`), or a range whose start is taken (`2017/2021`).
_DATE = re.compile(r"((?:19|20)\d{2})((?:-(?:0[1-9]|1[0-2]))(?:-(?:0[1-9]|[12]\d|3[01]))?)?(/\S*)?")
# What an arXiv venue says besides the id: nothing a Preprint venue does not.
_PREPRINT_WORDS = re.compile(rf"{ARXIV_ID.pattern}|\b(?:arxiv(?:\.org)?|preprint|e-?prints?|corr|abs/\S+)\b", re.I)
_YEAR = re.compile(r"(?<![\d.:/-])(?:19|20)\d{2}(?![\d.:/])")  # a year in a venue, not a part of an id or a DOI
_DOI = re.compile(r"10\.\d+(?:\.\d+)*/\S+")
_ARXIV_BARE = re.compile(rf"(?:{ARXIV_ID_PATTERN})(?:v\d+)?")
# An arXiv id written into a venue, bracketed or after a comma: taken out before the venue is read.
_ARXIV_MENTION = re.compile(rf"\s*[(\[]\s*{ARXIV_ID.pattern}\s*[)\]]|,?\s*{ARXIV_ID.pattern}\s*$", re.I)


class Entry(NamedTuple):
    kind: str
    key: str
    fields: dict[str, str]   # lower-case name → raw value (macros expanded, crossref resolved)
    line: int
    start: int = 0           # the entry's offsets in the file, to point at one of its fields
    end: int = 0


class Mapped(NamedTuple):
    publication: Publication | None
    problem: str             # why there is no publication
    unused: list[str]        # fields neither mapped nor kept
    latex: list[str]         # LaTeX commands left over in imported text
    # (code, field, why, hint): a value the venue cannot hold, or the part of a proceedings title
    # the registry venue read from it does not show
    left_out: list[tuple[str, str, str, str]]
    affiliations: list[str] = []  # names as written whose affiliation numbers were taken out


def map_entry(entry: Entry, path: str, finder: VenueFinder) -> Mapped:
    text = Texts(entry.fields, VERBATIM)
    own = {name.removeprefix("hugokit-"): text[name] for name in entry.fields if name.startswith("hugokit-")}
    title = text.get("title")
    dated = _DATE.fullmatch(text.get("date")) if "year" not in own else None
    year_text = own.get("year") or text.get("year") or (dated.group(1) if dated else "")
    if not title or not re.fullmatch(r"[0-9]{4}", year_text):
        problem = "has no title" if not title else (f'has year {quoted(year_text)}, not a four-digit year' if year_text
                                                   else "has no year")
        return Mapped(None, problem, [], text.latex, [])
    used = set(_USED)
    left_out: list[tuple[str, str, str, str]] = []
    if "year" in own:  # written by hugokit: its own fields are the whole truth, nothing is inferred
        pub = _own(entry, text, own, title)
        used |= _EXPORTED
    else:
        pub = _inferred(entry, text, finder, title, int(year_text), used, left_out)
        start = dated.group(1) + (dated.group(2) or "") if dated else ""
        if dated and dated.group(1) == year_text and (start.startswith(pub.date) or pub.date.startswith(start)):
            used.add("date")  # biblatex's date, as precise as it is, where the year and month fields agree
            pub.date = max(start, pub.date, key=len) if len(start) > 4 or pub.date else ""
            if dated.group(3):
                left_out.append(("bibtex-date", "date", f'date {quoted(dated.group())} is a range: only its start '
                                 f"({start}) was imported", "the database holds one date; the .bib file "
                                 "keeps the range"))
    pub.where[""] = Position(path, entry.line, 1)
    for name, count in text.comma_lists:
        left_out.append(("bibtex-name", name, f"{name} lists {count} names separated by commas, which BibTeX "
                                              f"separates with \"and\"; they were read as {count} names",
                         'check them, and write the names separated by " and " in the .bib file'))
    for name, written, read in text.superscripts:
        if read.unread:
            left_out.append(("bibtex-name", name, f"{name} {quoted(written)}: {quoted(read.unread)} is neither an "
                             "affiliation number nor an equal-contribution mark (*, †, ‡); it was kept as written",
                             "write * or † after the name for equal contribution, or delete it"))
    # an empty field (`month = {}`, as IDEAS exports) holds nothing to lose: not reported
    unused = [name for name, value in entry.fields.items()
              if name not in used and not name.startswith("hugokit-") and value.strip()]
    affiliations = [written for _, written, read in text.superscripts if read.affiliations]
    return Mapped(pub, "", unused, text.latex, left_out, affiliations)


def _own(entry: Entry, text: Texts, own: dict[str, str], title: str) -> Publication:
    links = {}
    # kind=url pairs, one space apart; a link kept with a space inside (a file's name) stays whole
    for pair in re.split(r" (?=\w+=)", own.get("links", "")) if own.get("links") else []:
        kind, _, link = pair.partition("=")
        links[kind] = link
    return Publication(
        id="" if own.get("generated-key") else entry.key, title=title, year=int(own["year"]),
        authors=_split(own.get("authors", "")), editors=_split(own.get("editors", "")), venue=own.get("venue", ""),
        links=links, award=own.get("award", ""), topics=_split(own.get("topics", "")), date=own.get("date", ""),
        doi=doi(text.get("doi")),
        arxiv=text.get("eprint"), abstract=text.get("abstract"), keywords=text.keywords(),
    )


def _inferred(entry: Entry, text: Texts, finder: VenueFinder, title: str, year: int, used: set[str],
              left_out: list[tuple[str, str, str, str]]) -> Publication:
    arxiv = _arxiv(text)
    the_doi = _doi(text, left_out)
    unplaced: list[str] = []  # link fields whose every kind was taken: reported, not dropped
    links = _links(text, arxiv, the_doi, unplaced)
    eprint = text.get("eprint")
    resolver = _EPRINT_LINKS.get((text.get("eprinttype") or text.get("archiveprefix")).lower())
    if not eprint or arxiv and _bare_arxiv(eprint) == _bare_arxiv(arxiv):
        used.update(_EPRINT)  # the arXiv id (or no eprint at all: a class alone says nothing)
    elif resolver:
        link = resolver + eprint
        if link in links.values() or _place(links, link, _MORE):
            used.update(_EPRINT)
    venue, presentation, source = _venue(entry.kind, text, arxiv, finder, year, used, left_out)
    used.difference_update(unplaced)
    volume_taken = bool(arxiv) and text.get("volume").lower() == f"abs/{arxiv}".lower()
    if volume_taken:
        used.add("volume")  # DBLP's CoRR entries: the arXiv id once more
    if source in _LOCATED and venue:
        venue = _located(text, venue, _LOCATED[source], used, left_out, volume_taken)
    month = month_number(text.get("month"))
    if month is not None:
        used.add("month")
    award = _award(text, left_out)
    used.update(("award", "award_name"))
    return Publication(
        id=entry.key, title=title, year=year, date=f"{year:04d}-{month:02d}" if month else "",
        authors=text.name_list("author"), editors=text.name_list("editor"),
        # A presentation mark stays in the venue, as the venue grammar writes it: `ATC 2018 (Oral)`.
        venue=f"{venue} ({presentation})" if venue and presentation else venue, links=links,
        award=", ".join(a for a in (award, "" if venue else presentation) if a),
        topics=[SELECTED_TOPIC] if text.get("selected").lower() in _TRUE else [],
        doi=the_doi, arxiv=arxiv, abstract=text.get("abstract"),
        keywords=text.keywords(),
    )


def _award(text: Texts, left_out: list[tuple[str, str, str, str]]) -> str:
    """al-folio's award: award_name is the badge (the award), award the text shown under it when
    the badge is clicked, or a flag ({true}) beside award_name. The database holds the award
    alone: a text beside it, or a flag naming none, is reported."""
    name, told = text.get("award_name"), text.get("award")
    flag = told.lower() in _FLAGS
    if told and flag and told.lower() in _TRUE and not name:
        left_out.append(("bibtex-award", "award", f"award = {{{told}}} names no award (al-folio's badge shows "
                         "award_name, which the entry lacks)", "write the award's name in award_name"))
    elif told and not flag and name and told != name:
        left_out.append(("bibtex-award", "award", f"award {quoted(told)} is the text al-folio shows under the badge "
                         f"award_name {quoted(name)} (the award imported)",
                         f"the database holds the award's name; to keep the text, add it to data/awards.yaml: "
                         f"- {{name: {name}, description: …}}"))
    return name or ("" if flag else told)


def _split(value: str) -> list[str]:
    return value.split(", ") if value else []


def _arxiv(text: Texts) -> str:
    prefix = text.get("archiveprefix") or text.get("eprinttype")
    if prefix.lower() == "arxiv" and text.get("eprint"):
        return text["eprint"]
    if _ARXIV_BARE.fullmatch(text.get("arxiv")):
        return re.sub(r"v\d+$", "", text["arxiv"])
    for name in ("arxiv", "eprint", "journal", "journaltitle", "booktitle", "url", "note", "howpublished"):
        found = ARXIV_ID.search(text.get(name))
        if found:
            return found.group(1)
    return ""


def _bare_arxiv(value: str) -> str:
    return re.sub(r"v\d+$", "", value.removeprefix("arXiv:").removeprefix("arxiv:"))


def _place(links: dict[str, str], link: str, kinds: tuple[str, ...]) -> bool:
    """Put link under the first of kinds still free; False when none is (the field is then reported)."""
    kind = next((k for k in kinds if k not in links), None)
    if kind is not None:
        links[kind] = link
    return kind is not None


def _doi(text: Texts, left_out: list[tuple[str, str, str, str]]) -> str:
    """The DOI, bare; a value that is none (`https: //10.1145/…`, a template's `{TBD}`) is the DOI
    inside it, or nothing, and is reported either way."""
    value = doi(text.get("doi"))
    if not value or _DOI.fullmatch(value):
        return value
    found = _DOI.search(value)
    said = f"imported as {quoted(found.group())}" if found else "it was not imported"
    left_out.append(("bibtex-doi", "doi", f'doi {quoted(text["doi"])} is not a DOI (10.NNNN/…); {said}',
                     "write the DOI alone (10.1145/3368089.3409752), or delete the field"))
    return found.group() if found else ""


def _links(text: Texts, arxiv: str, the_doi: str, unplaced: list[str]) -> dict[str, str]:
    links: dict[str, str] = {}
    for name, kinds in LINK_FIELDS.items():
        link = text.get(name)
        if not link or link in links.values():
            continue
        if name in _AL_FOLIO_FILES and not is_url(link) and not link.startswith("/"):
            link = _AL_FOLIO_FILES[name] + file_name(text.fields[name])
        if not _place(links, link, kinds):
            unplaced.append(name)
    howpublished = url(text.get("howpublished"))
    if is_url(howpublished) and howpublished not in links.values() and not _place(links, howpublished, _MORE):
        unplaced.append("howpublished")
    if "paper" not in links and arxiv:
        links["paper"] = f"https://arxiv.org/abs/{arxiv}"
    if "paper" not in links and the_doi:
        links["paper"] = "https://doi.org/" + the_doi
    return links


def _venue(kind: str, text: Texts, arxiv: str, finder: VenueFinder, year: int, used: set[str],
           left_out: list[tuple[str, str, str, str]]) -> tuple[str, str, str]:
    """(venue as displayed, presentation such as "Oral" taken off its end, the field it was read
    from: "" where it came from none of booktitle, journal, howpublished, publisher)."""
    presentation = ""
    if is_url(url(text.get("howpublished"))):
        used.add("howpublished")  # the links take it
    if kind in ("phdthesis", "mastersthesis", "thesis"):  # @thesis is biblatex's, with its type
        used.update(("school", "institution", "type"))  # biblatex: institution
        thesis = text.get("type").lower()
        what = "PhD Dissertation" if kind == "phdthesis" or "phd" in thesis else \
            MASTERS if kind == "mastersthesis" or "master" in thesis or thesis == "mathesis" else "Thesis"
        return f"{text.get('school') or text.get('institution')} {what} {year}".strip(), "", ""
    if kind == "techreport":
        return f"Tech Report {year}", "", ""
    fields = ["booktitle", "journal", "journaltitle", "howpublished"] + (["publisher"] if kind in _BOOK_KINDS else [])
    source = next((f for f in fields if text.get(f) and not is_url(url(text.get(f)))), "")
    raw = text.get(source) if source else ""
    used.add(source)
    if arxiv and source:
        # `ICML 2025 (arXiv:2502.12892)`: the id is the arxiv field's; the venue is what is left
        raw = _ARXIV_MENTION.sub("", raw).strip(" ,;:-") or raw
    found = PRESENTATION.search(raw)
    if found:
        presentation, raw = found.group(1).capitalize(), raw[:found.start()]
    said = sorted(set(_YEAR.findall(raw)))
    if said and str(year) not in said:
        left_out.append(("bibtex-venue-year", source, f"{source} {quoted(raw)} names the year {', '.join(said)}, not "
                         f"the entry's year {year}; the venue keeps its own year and the entry is filed under {year}",
                         "nothing to do if both are right (a paper filed under 2022 may be at ICLR 2023); else "
                         "correct the year in the venue or in the year field"))
    read = finder.read(raw, year) if raw else None
    venue = read[0] if read is not None else None
    if read is not None and read[1]:
        left_out.append(("bibtex-proceedings", source, f'{source} {quoted(raw)} was read as {venue}; the rest of it '
                         f'({quoted(read[1])}) is not imported',
                         "nothing to do if that is the venue (the .bib file keeps the whole title); if the "
                         "paper is in a workshop or companion volume, write that venue in the database"))
    # al-folio's abbr is the site's short label. It names the venue only where the entry has no
    # venue text, or agrees with it: sites often give a workshop or Findings paper the main
    # conference's abbr, and that must not relabel it.
    abbr = re.sub(r"\s*(?:19|20)\d{2}$", "", text.get("abbr"))
    abbr_short = finder.short_name(abbr) if abbr else None
    if abbr_short is not None:
        if not raw:
            venue = finder.venue(abbr, year)
        if not raw or abbr_short == finder.short_name(raw):
            used.add("abbr")
    if venue is not None:
        return venue, presentation, source if raw else ""
    if arxiv and (not raw or "arxiv" in raw.lower() or "corr" == raw.lower()):
        rest = _PREPRINT_WORDS.sub("", _ARXIV_MENTION.sub("", raw)).strip(" ,;:.-()[]")
        if rest:  # `arXiv preprint arXiv:2301.00001 (accepted at ICML)`: what the venue cannot say
            left_out.append(("bibtex-preprint", source, f'{source} {quoted(raw)} was read as Preprint {year}; the rest of '
                             f'it ({quoted(rest)}) is not imported', "if the paper was published, write that venue in "
                             "the database (or in the .bib file's journal or booktitle, alone)"))
        return f"Preprint {year}", presentation, ""
    name = raw.strip().rstrip(",; ")  # `Wrocław University of Technology ;`
    if not name:
        return "", presentation, ""
    # A venue written with a year (its own, or another: a workshop of the year before) keeps it.
    if _YEAR.search(name):
        return name, presentation, source
    parts = parse(name)
    located = bool(parts) and parts[-1].locator is not None  # the year after a comma: Nature 3(4):5–6, 2020
    return f"{name}{',' if located else ''} {year}", presentation, source


def _located(text: Texts, venue: str, pieces: tuple[str, ...], used: set[str],
             left_out: list[tuple[str, str, str, str]], volume_taken: bool) -> str:
    """The venue with the locator the entry's fields for pieces give (volume, number, pages;
    biblatex's eid where there are no pages); volume_taken: the volume was read as something else."""
    # APS's export and al-folio's template write the issue as `issue` (biblatex's name for an issue's
    # title): it is the number where there is no number.
    fields = {"volume": "volume", "issue": "number" if text.get("number") or not text.get("issue") else "issue",
              "pages": "pages" if text.get("pages") else "eid"}
    given = {piece: Given(field, text[field], " ".join(text.fields[field].split())) for piece, field in fields.items()
             if piece in pieces and text.get(field) and not (piece == "volume" and volume_taken)}
    used.update(g.field for g in given.values())
    venue, missed = place_locator(venue, given, lambda field, value: f"{field} = {{{value.replace('-', '--')}}}",
                                  ("volume", "number", "pages"))
    left_out += [("bibtex-locator", given[m.piece].field, m.message, m.hint) for m in missed]
    return venue
