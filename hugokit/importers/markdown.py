"""Importing a hand-written shortcode page (content/publications.md) into publications."""
from __future__ import annotations

import re

from hugokit import shortcode
from hugokit.diagnostics import Mark, Position, error
from hugokit.importers.imported import Imported
from hugokit.load import BOM
from hugokit.model import Publication

_OPEN = re.compile(r"\{\{<\s*" + shortcode.NAME + r"(?=\s|>)")
_CLOSE = re.compile(r"\{\{<\s*/" + shortcode.NAME + r"\s*>\}\}\s*$")
_HEADING = re.compile(r"#{1,6}\s+(.*?)\s*$")
_SEPARATORS = {"", "&emsp;", "&nbsp;", "<br>", "<br/>", "<br />"}


def import_page(text: str, path: str) -> Imported:
    """Every publication on the page; every line it cannot account for is a diagnostic."""
    # Only \n ends a line for Hugo; str.splitlines would also split at \x85, \u2028 and others.
    # A byte-order mark (as Windows editors save) is not part of the first line, for Hugo either.
    lines = [line.removesuffix("\r") for line in text.removeprefix(BOM).split("\n")]
    if lines and lines[-1] == "":
        lines.pop()
    front_matter, index = _front_matter(lines)
    page = Imported(front_matter=front_matter)
    if front_matter is None and lines and lines[0].strip() == "---":
        page.diagnostics.append(error(Position(path, 1, 1), "unclosed-front-matter",
                                      "the front-matter opened on line 1 is never closed",
                                      "end it with a line holding only ---"))
        return page
    year: int | None = None
    while index < len(lines):
        line = lines[index]
        number = index + 1
        index += 1
        heading = _HEADING.fullmatch(line)
        if line.strip() in _SEPARATORS:
            continue
        if heading:
            title = heading.group(1)
            if re.fullmatch(r"[0-9]{4}", title):
                year = int(title)
            else:
                page.diagnostics.append(error(Position(path, number, 1), "unparsed-line",
                                              f'heading "{title}" is not a year',
                                              "headings on the page must be years (### 2024); move other text elsewhere"))
            continue
        if _OPEN.match(line):
            index = _entry(lines, number - 1, year, path, page)
            continue
        page.diagnostics.append(error(Position(path, number, 1), "unparsed-line",
                                      "this line is not part of a publication entry: " + _clip(line),
                                      "the page holds only `### YEAR` headings and publication shortcodes; "
                                      "move this text to another page"))
    return page


def _front_matter(lines: list[str]) -> tuple[str | None, int]:
    if not lines or lines[0] != "---":
        return None, 0
    for end in range(1, len(lines)):
        if lines[end] == "---":
            return "".join(line + "\n" for line in lines[1:end]), end + 1
    return None, len(lines)


def _entry(lines: list[str], start: int, year: int | None, path: str, page: Imported) -> int:
    """Reads the entry opening at line index start; returns the index after it."""
    opening, end = lines[start], start
    while not opening.rstrip().endswith(">}}") and end + 1 < len(lines):
        end += 1
        opening += " " + lines[end]
    here = Position(path, start + 1, 1)
    if not opening.rstrip().endswith(">}}"):
        page.diagnostics.append(error(here, "unparsed-entry", "this publication shortcode is never closed with >}}"))
        return end + 1
    if end + 1 >= len(lines):
        page.diagnostics.append(error(here, "unparsed-entry", "the file ends inside this publication"))
        return len(lines)
    author_line, closing_index = lines[end + 1], end + 2
    if _CLOSE.match(author_line):
        author_line, closing_index = "", end + 1
    elif closing_index >= len(lines) or not _CLOSE.match(lines[closing_index]):
        page.diagnostics.append(error(Position(path, closing_index + 1, 1), "unparsed-entry",
                                      f"expected {{{{< /{shortcode.NAME} >}}}} after the author line",
                                      "each entry is three lines: the shortcode, the authors, the closing shortcode"))
        opens_next = closing_index < len(lines) and _OPEN.match(lines[closing_index])
        return closing_index if opens_next else closing_index + 1
    opened = _OPEN.match(opening)
    assert opened is not None  # the caller found the entry by this pattern
    body = opening.rstrip()[opened.end():-3]
    offset = len(opening) - len(opening.lstrip()) + opened.end()
    pub = _publication(body, offset, here, year, Position(path, end + 2, 1), author_line, page)
    if pub is not None:
        page.publications.append(pub)
    return closing_index + 1


def _publication(body: str, offset: int, here: Position, year: int | None, authors_at: Position,
                 author_line: str, page: Imported) -> Publication | None:
    params, bad = shortcode.parse_params(body)

    def col(at: int) -> Position:
        return Position(here.path, here.line, offset + at + 1)

    if bad is not None:
        page.diagnostics.append(error(col(bad), "unparsed-entry", "cannot read the shortcode parameters here: "
                                      + _clip(body[bad:]), 'write parameters as name="value"'))
        return None
    values: dict[str, str] = {}
    where: dict[str, Mark] = {"": here, "authors": authors_at}
    links: dict[str, str] = {}
    for name, value, at in params:
        if name in values or shortcode.link_kind(name) in links:
            page.diagnostics.append(error(col(at), "duplicate-parameter", f'parameter "{name}" appears twice'))
            continue
        kind = shortcode.link_kind(name)
        if kind is not None:
            if value:
                links[kind] = value
                where[f"links.{kind}"] = col(at)
        elif name in ("title", "venue", "award", shortcode.TOPICS_PARAM):
            values[name] = value
            where["topics" if name == shortcode.TOPICS_PARAM else name] = col(at)
        else:
            page.diagnostics.append(error(col(at), "unknown-parameter", f'unknown shortcode parameter "{name}"',
                                          "known: " + ", ".join(shortcode.LEADING_PARAMS + (shortcode.TOPICS_PARAM,))
                                          + ", or a link kind written as <kind>Link"))
    if not values.get("title", "").strip():
        page.diagnostics.append(error(here, "missing-key", "this publication has no title (or an empty one)",
                                      'write it as title="…"'))
        return None
    if year is None:
        page.diagnostics.append(error(here, "unparsed-entry", "this publication comes before any ### YEAR heading",
                                      "put a heading such as ### 2024 above it"))
        return None
    return Publication(
        title=values["title"], year=year, authors=shortcode.split_list(author_line), venue=values.get("venue", ""),
        links=links, award=values.get("award", ""), topics=shortcode.split_list(values.get(shortcode.TOPICS_PARAM, "")),
        where=where)


def _clip(text: str, limit: int = 60) -> str:
    text = text.strip()
    return repr(text if len(text) <= limit else text[:limit] + "…")
