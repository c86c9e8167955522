"""Importing BibTeX (Google Scholar, DBLP, Zotero exports, or hugokit's own) through pybtex.

pybtex's LowLevelParser yields entries one at a time, so each entry's line is known and a syntax
error costs only the entry it is in: it is reported with its line and the rest still imports.
Fields named hugokit-* (written by `hugokit export bibtex`) carry what BibTeX cannot express and
take precedence, so that a hugokit database survives the round trip exactly.
"""
from __future__ import annotations

import re
from typing import Any

from hugokit.diagnostics import Position, error, warning
from hugokit.importers.imported import Imported, Progress
from hugokit.importers.venue_names import VenueFinder
from hugokit.latex import from_latex
from hugokit.load import MAX_VALUE_CHARS
from hugokit.model import Publication
from hugokit.vocab import Vocabulary

ARXIV_ID = re.compile(r"(?:arxiv[:/\s]*|arxiv\.org/(?:abs|pdf)/)(\d{4}\.\d{4,5}|[a-z\-]+/\d{7})(?:v\d+)?", re.I)
_LINKS = {"code": "code", "github": "code", "slides": "slides", "video": "video", "poster": "poster",
          "project": "project", "blog": "blog", "dataset": "dataset"}
_SIMPLE_NAME = re.compile(r"[^\s,{}\\~]+(?: [^\s,{}\\~]+)*(?:, [^\s,{}\\~]+(?: [^\s,{}\\~]+)*)?")
# Fields that hold URLs and identifiers: never LaTeX-decoded (a ~ in a URL is a tilde).
VERBATIM = {"url", "doi", "eprint", "pdf", "file", "archiveprefix", "eprinttype", "hugokit-links", *_LINKS}
_URL_ESCAPE = re.compile(r"\\([_%&#~$])")


def _verbatim(value: str, separator: str = "") -> str:
    """A URL may be wrapped across lines in a .bib file: its white space goes."""
    return _URL_ESCAPE.sub(r"\1", separator.join(value.split()))


def import_bibtex(text: str, path: str, venues: Vocabulary, progress: Progress | None = None) -> Imported:
    from pybtex.database.input.bibtex import LowLevelParser, month_names
    from pybtex.utils import CaseInsensitiveDict

    result = Imported()
    errors: list[Any] = []  # pybtex's TokenRequired errors (pybtex is untyped)
    macros = _bounded_macros(CaseInsensitiveDict)(month_names)
    parser = LowLevelParser(text, macros=macros, handle_error=errors.append, filename=path)
    finder = VenueFinder(venues)
    lines = _LineCounter(text)
    done = 0
    for command, body in parser:
        start = parser.command_start or 0
        here = Position(path, lines.line_of(start), 1)
        if macros.exceeded:
            result.diagnostics.append(error(here, "too-long", f"the @string macros used here expand to more than "
                                            f"{MAX_VALUE_CHARS:,} characters; this entry was skipped",
                                            "BibTeX macros that repeat each other grow without bound: write the "
                                            "value out"))
            macros.exceeded = False
            errors.clear()
        elif errors:
            for exc in errors:
                _, lineno, colno = exc.parser.get_error_context(exc.error_context_info)
                result.diagnostics.append(error(Position(path, lineno or here.line, (colno or 0) + 1), "bibtex-syntax",
                                                f"BibTeX syntax error: {exc.args[0]}; this entry was skipped",
                                                "fix the entry (often a missing comma or brace) and import again"))
            errors.clear()
        elif command.lower() not in ("string", "preamble"):
            key, fields = body
            pub = _publication(command.lower(), key, fields, here, finder, result)
            if pub is not None:
                result.publications.append(pub)
        macros.served = 0
        if progress is not None:
            progress(parser.pos - done)
            done = parser.pos
    for exc in errors:  # an error after the last entry
        result.diagnostics.append(error(Position(path, exc.lineno or 1, 1), "bibtex-syntax",
                                        f"BibTeX syntax error: {exc.args[0]}", "fix the file and import again"))
    return result


def _bounded_macros(base: type) -> type:
    """pybtex's macro table, made to serve at most MAX_VALUE_CHARS characters per command: a
    chain of @string macros that each double the last would otherwise take all memory (30 lines
    make a gigabyte). An entry over the limit gets empty values and is reported."""

    class BoundedMacros(base):  # type: ignore[misc]
        served = 0
        exceeded = False

        def __getitem__(self, name: str) -> str:
            value = str(super().__getitem__(name))
            self.served += len(value)
            if self.served > MAX_VALUE_CHARS:
                self.exceeded = True
                return ""
            return value

        def __setitem__(self, name: str, value: str) -> None:
            super().__setitem__(name, "" if self.exceeded else value)

    return BoundedMacros


class _LineCounter:
    """Line numbers for increasing offsets, counting each newline once."""

    def __init__(self, text: str) -> None:
        self.text, self.offset, self.line = text, 0, 1

    def line_of(self, offset: int) -> int:
        self.line += self.text.count("\n", self.offset, offset)
        self.offset = offset
        return self.line


def _publication(kind: str, key: str, raw_fields: list[tuple[str, list[str]]], here: Position, finder: VenueFinder,
                 result: Imported) -> Publication | None:
    fields: dict[str, str] = {}
    for name, parts in raw_fields:
        name = name.lower()
        if name in fields:
            result.diagnostics.append(warning(here, "bibtex-duplicate-field",
                                              f'entry "{key}" has "{name}" twice; the first was kept'))
            continue
        fields[name] = "".join(parts)
    # In BibTeX, runs of white space (line breaks included) are one space; \\ is a line break.
    text = {name: _verbatim(value, " " if name == "hugokit-links" else "") if name in VERBATIM
            else from_latex(" ".join(value.split()))
            for name, value in fields.items()}
    own = {name.removeprefix("hugokit-"): value for name, value in text.items() if name.startswith("hugokit-")}
    title = text.get("title", "").strip()
    year_text = own.get("year") or text.get("year", "")
    if not title or not re.fullmatch(r"[0-9]{4}", year_text.strip()):
        missing = "title" if not title else "year"
        result.diagnostics.append(error(here, "bibtex-incomplete", f'entry "{key}" has no {missing}; it was skipped',
                                        f"add {missing} = {{…}} to the entry"))
        return None
    year = int(year_text)
    if "year" in own:  # written by hugokit: its own fields are the whole truth, nothing is inferred
        arxiv = text.get("eprint", "")
        authors, venue = _split(own.get("authors", "")), own.get("venue", "")
        links = _own_links(own.get("links", ""))
    else:
        arxiv = _arxiv(text)
        authors = _authors(" ".join(fields.get("author", "").split()))
        venue = _venue(kind, text, arxiv, finder, year)
        links = _links(text, arxiv)
    return Publication(
        id="" if own.get("generated-key") else key,
        title=title,
        year=year,
        authors=authors,
        venue=venue,
        links=links,
        award=own.get("award", text.get("award", "")),
        topics=_split(own.get("topics", "")),
        doi=text.get("doi", "").removeprefix("https://doi.org/"),
        arxiv=arxiv,
        abstract=text.get("abstract", ""),
        keywords=_split(text.get("keywords", "")) if "year" in own else
        [k.strip() for k in re.split(r"[,;]", text.get("keywords", "")) if k.strip()],
        where={"": here},
    )


def _split(value: str) -> list[str]:
    return value.split(", ") if value else []


def _authors(value: str) -> list[str]:
    from pybtex.database import Person
    from pybtex.bibtex.utils import split_name_list

    names = []
    for raw in split_name_list(value):
        if raw.strip().lower() == "others":
            names.append("et al.")
            continue
        if _SIMPLE_NAME.fullmatch(raw):  # "Last, First" or "First Last": no braces, LaTeX, von or Jr
            last, _, first = raw.partition(", ")
            names.append(f"{first} {last}" if first else last)
            continue
        person = Person(raw)
        parts = person.first_names + person.middle_names + person.prelast_names + person.last_names
        parts += person.lineage_names
        names.append(" ".join(from_latex(p) for p in parts if p))
    return names


def _arxiv(text: dict[str, str]) -> str:
    prefix = text.get("archiveprefix") or text.get("eprinttype") or ""
    if prefix.lower() == "arxiv" and text.get("eprint"):
        return text["eprint"].strip()
    for name in ("eprint", "journal", "url", "note", "howpublished"):
        found = ARXIV_ID.search(text.get(name, ""))
        if found:
            return found.group(1)
    return ""


def _venue(kind: str, text: dict[str, str], arxiv: str, finder: VenueFinder, year: int) -> str:
    school = text.get("school", "")
    if kind == "phdthesis":
        name = f"{school} PhD Dissertation".strip()
    elif kind == "mastersthesis":
        name = f"{school} Master's Thesis".strip()
    elif kind == "techreport":
        name = "Tech Report"
    else:
        raw = next((text[f] for f in ("booktitle", "journal", "howpublished", "publisher") if text.get(f)), "")
        short = finder.short_name(raw) if raw else None
        if short is None and arxiv and (not raw or "arxiv" in raw.lower() or "corr" in raw.lower()):
            short = "Preprint"
        name = short or raw
    return f"{name} {year}" if name else ""


def _links(text: dict[str, str], arxiv: str) -> dict[str, str]:
    links: dict[str, str] = {}
    paper = text.get("pdf") or text.get("url")
    if not paper and arxiv:
        paper = f"https://arxiv.org/abs/{arxiv}"
    if not paper and text.get("doi"):
        paper = "https://doi.org/" + text["doi"].removeprefix("https://doi.org/")
    if paper:
        links["paper"] = paper.strip()
    if text.get("pdf") and text.get("url") and text["url"].strip() != links.get("paper"):
        links["project"] = text["url"].strip()
    for name, kind in _LINKS.items():
        if text.get(name) and kind not in links:
            links[kind] = text[name].strip()
    return links


def _own_links(value: str) -> dict[str, str]:
    links = {}
    for pair in value.split():
        kind, _, url = pair.partition("=")
        links[kind] = url
    return links
