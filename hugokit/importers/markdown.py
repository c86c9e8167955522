"""Importing a hand-written shortcode page (content/publications.md) into publications."""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from typing import TYPE_CHECKING, Callable

from hugokit import shortcode
from hugokit.dates import FORMS, filed_year, parse_date
from hugokit.diagnostics import Diagnostic, Mark, Position, error, quoted, warning
from hugokit.importers.imported import Imported
from hugokit.inputs import BOM
from hugokit.model import FIELD_BY_NAME, Publication
from hugokit.text import front_matter_close

if TYPE_CHECKING:
    from hugokit.vocab import Vocabulary

# Any shortcode at the start of a line opens an entry: hugokit's own `publication`, or another
# site's dialect (`pub`, `paper`, …) whose parameters are mapped to fields or reported. Hugo has
# two delimiters, {{< >}} and {{% %}} (whose inner text is Markdown); an entry closes with the
# delimiter it opened with. A commented shortcode ({{</* … */>}}, {{%/* … */%}}) is text, not an entry.
_OPEN = re.compile(r"\{\{([<%])\s*([A-Za-z][\w-]*)(?=\s|/?[>%]|$)")
_HEADING = re.compile(r"#{1,6}\s+(.*?)\s*$")
_SEPARATORS = {"", "&emsp;", "&nbsp;", "<br>", "<br/>", "<br />"}


def import_page(text: str, path: str, mapping: dict[str, str] | None = None,
                venues: Callable[[], Vocabulary] | None = None) -> Imported:
    """Every publication on the page; every line it cannot account for is a diagnostic. venues:
    gives the registry a shortcode's BibTeX entry's venue is read through."""
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
    toml_end = front_matter_close(lines, "+++")
    if front_matter is None and toml_end is not None:  # one error for it, not one per line
        page.diagnostics.append(error(Position(path, 1, 1), "unparsed-line",
                                      "the front-matter is TOML (between +++ lines); hugokit keeps and writes "
                                      "YAML front-matter (between --- lines)",
                                      'rewrite it as YAML between --- lines (title = "X" becomes title: "X"), '
                                      "then import again"))
        index = toml_end + 1
    year: int | None = None
    percent: Position | None = None  # the first entry written {{% … %}}
    venues = cache(venues) if venues is not None else None  # read once, for the first entry that needs it
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
                                              f'heading {quoted(title)} is not a year',
                                              "headings on the page must be years (### 2024); move other text elsewhere"))
            continue
        opened = _OPEN.match(line)
        if opened and (opened.group(2) == shortcode.NAME or "title=" in _opening(lines, index - 1, opened.group(1))):
            if opened.group(1) == "%" and percent is None:
                percent = Position(path, number, 1)
            index = _entry(lines, number - 1, year, path, page, mapping or {}, venues)
            continue
        page.diagnostics.append(error(Position(path, number, 1), "unparsed-line",
                                      "this line is not part of a publication entry: " + _clip(line),
                                      "the page holds only `### YEAR` headings and publication shortcodes; "
                                      "move this text to another page"))
    if percent is not None and page.publications:
        page.diagnostics.append(warning(percent, "shortcode-delimiter",
                                        "entries written {{% … %}} are built as {{< … >}}, the form hugokit's layouts "
                                        "read (Hugo then shows the author line as written, not as Markdown)",
                                        "nothing to do; the page changes form at the next hugokit build"))
    if any(d.code == "bibtex-unused-field" for d in page.diagnostics):
        from hugokit.importers.embedded_bibtex import once_per_page

        page.diagnostics = once_per_page(page.diagnostics)
    return page


def _front_matter(lines: list[str]) -> tuple[str | None, int]:
    if not lines or lines[0] != "---":
        return None, 0
    end = front_matter_close(lines)  # the lines have no \r left
    if end is None:
        return None, len(lines)
    return "".join(line + "\n" for line in lines[1:end]), end + 1


def _entry(lines: list[str], start: int, year: int | None, path: str, page: Imported, mapping: dict[str, str],
           venues: Callable[[], Vocabulary] | None) -> int:
    """Reads the entry opening at line index start; returns the index after it."""
    opening, end = lines[start], start
    delimiter, name = _OPEN.match(opening).groups()  # type: ignore[union-attr]  # how the caller found it
    close = delimiter.replace("<", ">") + "}}"
    starts = [0]  # where each line of the opening begins in the joined text
    while not opening.rstrip().endswith(close) and end + 1 < len(lines):
        end += 1
        starts.append(len(opening) + 1)
        opening += " " + lines[end]
    here = Position(path, start + 1, 1)
    if not opening.rstrip().endswith(close):
        page.diagnostics.append(error(here, "unparsed-entry", f"this {name} shortcode is never closed with {close}"))
        return end + 1
    opened = _OPEN.match(opening)
    assert opened is not None  # the caller found the entry by this pattern
    params_text = opening.rstrip().removesuffix(close).removesuffix("/")[opened.end():]
    closing_tag = f"{{{{{delimiter} /{name} {close}"  # as the messages show it: {{< /publication >}}
    closing = re.compile(r"\{\{" + delimiter + r"\s*/" + re.escape(name) + r"\s*" + re.escape(close) + r"\s*$")
    following = lines[end + 1] if end + 1 < len(lines) else None
    author_line, after = "", end + 1
    body: tuple[str, Position] | None = None  # a body of several lines, and where it starts
    if opening.rstrip().endswith("/" + close) or following is None:
        pass  # self-closing: everything is in the parameters
    elif closing.match(following):
        after = end + 2
    elif end + 2 < len(lines) and closing.match(lines[end + 2]):
        author_line, after = following, end + 3
    elif _ends_entry(following):
        pass  # self-closing too: no author line follows
    else:
        closed_at = _closing_line(lines, end + 1, closing)
        if closed_at is None and not _gives_authors(params_text, mapping):
            page.diagnostics.append(error(Position(path, end + 3, 1), "unparsed-entry",
                                          f"expected {closing_tag} after the author line",
                                          "each entry is three lines: the shortcode, the authors, the closing "
                                          "shortcode"))
            opens_next = end + 2 < len(lines) and _OPEN.match(lines[end + 2])
            return end + 2 if opens_next else end + 3
        # Without a closing tag, its parameters giving the authors, the shortcode closes itself and
        # the page's own text follows (reported line by line).
        # A body of several lines: a BibTeX entry is read; anything else (an abstract, a citation) is one error.
        if closed_at is not None:
            body, after = ("\n".join(lines[end + 1:closed_at]), Position(path, end + 2, 1)), closed_at + 1
        from hugokit.importers.embedded_bibtex import is_bibtex

        if body is not None and closed_at is not None and not is_bibtex(body[0]):
            page.diagnostics.append(error(body[1], "unparsed-entry",
                                          f"the {closed_at - end - 1} lines between this {name} shortcode and its "
                                          f"{closing_tag} (line {closed_at + 1}) are neither one author line "
                                          "nor a BibTeX entry; they were not imported",
                                          "each entry is three lines: the shortcode, the authors, the closing "
                                          "shortcode (or the shortcode, a BibTeX entry, the closing shortcode); move "
                                          "the rest to the shortcode's parameters or another page"))
            body = None
    offset = opened.end()

    def position(at: int) -> Position:  # a parameter's place in the page, on whichever line it stands
        line = bisect_right(starts, offset + at) - 1
        return Position(path, start + 1 + line, offset + at - starts[line] + 1)

    pub = _publication(name, params_text, position, here, year, Position(path, end + 2, 1), author_line, page, mapping,
                       body, venues)
    if pub is not None:
        page.publications.append(pub)
    return after


def _opening(lines: list[str], start: int, delimiter: str) -> str:
    """The opening shortcode at line index start, its lines joined (parameters may run over
    several: `{{< pub` alone on its line, then one a line), up to where it closes or another opens."""
    close = delimiter.replace("<", ">") + "}}"
    text = lines[start]
    for line in lines[start + 1:]:
        if close in text or _OPEN.match(line.lstrip()):
            break
        text += " " + line
    return text


def _closing_line(lines: list[str], start: int, closing: re.Pattern[str]) -> int | None:
    """The index of the closing shortcode at or after start, before any other shortcode opens."""
    for index in range(start, len(lines)):
        if closing.match(lines[index]):
            return index
        if _OPEN.match(lines[index].lstrip()):
            return None
    return None


def _gives_authors(opening: str, mapping: dict[str, str]) -> bool:
    """Whether a shortcode's parameters give the authors, so that no author line is to follow."""
    params, _ = shortcode.parse_params(opening)
    return any(_target(name, mapping) == "authors" for name, _, _ in params)


def _ends_entry(line: str) -> bool:
    """Whether a line after a shortcode shows that the shortcode had no author line: a blank
    line, a heading or the next shortcode."""
    return not line.strip() or bool(_HEADING.fullmatch(line)) or line.lstrip().startswith(("{{<", "{{%"))


def _publication(name: str, body: str, position: Callable[[int], Position], here: Position, year: int | None,
                 authors_at: Position, author_line: str, page: Imported, mapping: dict[str, str],
                 embedded: tuple[str, Position] | None = None,
                 venues: Callable[[], Vocabulary] | None = None) -> Publication | None:
    """The entry the shortcode's parameters (body) give, and its author line or its BibTeX
    (embedded: a body, or a `bibtex` parameter, with where it starts)."""
    what = "publication" if name == shortcode.NAME else f'{quoted(name)} shortcode'
    params, bad = shortcode.parse_params(body)

    def col(at: int) -> Position:
        return position(at)

    if bad is not None:
        page.diagnostics.append(error(col(bad), "unparsed-entry", "cannot read the shortcode parameters here: "
                                      + _clip(body[bad:]), 'write parameters as name="value"'))
        return None
    values: dict[str, object] = {}
    where: dict[str, Mark] = {"": here, "authors": authors_at}
    links: dict[str, str] = {}
    unmapped: list[tuple[str, int]] = []
    seen: set[str] = set()
    one_line = False
    for param, value, at in params:
        if param == "bibtex" and param not in mapping and embedded is None:
            embedded, one_line = (value, col(at)), True  # the entry's BibTeX as a parameter
            continue
        target = _target(param, mapping)
        if target is None:
            unmapped.append((param, at))
            continue
        if param in seen:
            page.diagnostics.append(error(col(at), "duplicate-parameter", f'parameter {quoted(param)} appears twice'))
            continue
        seen.add(param)
        spec = FIELD_BY_NAME.get(target)
        if (target in values and not (spec and spec.kind == "list")) or target[6:] in links and target[:6] == "links.":
            page.diagnostics.append(error(col(at), "duplicate-parameter",
                                          f'parameter {quoted(param)} gives {target} a second time'))
            continue
        where[target] = col(at)
        if not value:
            if target in FIELD_BY_NAME and FIELD_BY_NAME[target].kind == "str":
                values[target] = ""  # title="" is a title, if an empty one
            continue
        if target.startswith("links."):
            links[target[6:]] = value
        else:
            converted = _convert(target, value, col(at), page)
            if isinstance(converted, list) and target in values:
                values[target] += converted  # type: ignore[operator]  # several parameters mapped to one list
            elif converted is not None:
                values[target] = converted
    if unmapped:
        names = ", ".join(quoted(p) for p, _ in unmapped)
        plural = "s" if len(unmapped) > 1 else ""
        example = " ".join(f"--map {p}=FIELD" for p, _ in unmapped)
        page.diagnostics.append(error(col(unmapped[0][1]), "unknown-parameter",
                                      ("unknown shortcode parameter" if name == shortcode.NAME
                                       else f"unknown {what} parameter")
                                      + f"{plural} {names}",
                                      f"import them with {example} (FIELD: a database field, date or links.KIND), "
                                      "or delete them; known: " + ", ".join(shortcode.LEADING_PARAMS
                                                                            + (shortcode.TOPICS_PARAM,))
                                      + ", a link kind written as <kind>Link, or a database field name"))
    bib = None
    if embedded is not None:
        from hugokit.importers.embedded_bibtex import read_entry

        bib, said = read_entry(embedded[0], embedded[1], venues() if venues else None, one_line=one_line)
        page.diagnostics += said
        if bib is not None and "title" not in values:
            values["title"] = bib.title
    if not str(values.get("title", "")).strip():
        page.diagnostics.append(error(here, "missing-key", f"this {what} has no title (or an empty one)",
                                      'write it as title="…"'))
        return None
    seen_targets: set[str] = {key for key in ("authors", "editors") if key in values}
    if author_line and "authors" not in values:
        values["authors"], editors = shortcode.read_author_line(author_line)
        if editors:
            values["editors"] = editors
            where["editors"] = authors_at
    elif author_line and shortcode.read_author_line(author_line)[0] != values["authors"]:
        page.diagnostics.append(error(authors_at, "unparsed-entry",
                                      f"the line between this {what} and its closing tag is not imported: "
                                      "the authors come from the shortcode's parameters; it says "
                                      + _clip(author_line), "move what it says into the shortcode's parameters "
                                      "(a link as <kind>Link=\"…\"), or delete it"))
    # How a parameter's names were read is said (hugokit's own author line, which it writes, is its format).
    page.diagnostics += _names_said(values, where, seen_targets, authors_at)
    if "year" not in values:
        values["year"] = year if year is not None else bib.year if bib is not None else \
            filed_year(str(values.get("venue", "")), str(values.get("date", "")))
    if values["year"] is None:
        page.diagnostics.append(error(here, "unparsed-entry", f"this {what} comes before any ### YEAR heading",
                                      "put a heading such as ### 2024 above it"))
        return None
    if bib is not None and embedded is not None:
        from hugokit.importers.embedded_bibtex import fill

        page.diagnostics += fill(values, links, bib, embedded[1])
    return Publication(links=links, where=where, **values)  # type: ignore[arg-type]


def _names_said(values: dict[str, object], where: dict[str, Mark], keys: set[str], fallback: Position) -> \
        list[Diagnostic]:
    """What reading the names of the parameters (keys: authors, editors) may have got wrong: a name of
    one word (half of a "Last, First"), a name kept whole that holds " and " or " & "."""
    said = []
    for key in sorted(keys):
        listed: list[str] = values.get(key, [])  # type: ignore[assignment]
        at = Position(*where.get(key, fallback))
        single = [name for name in listed if len(name.split()) == 1]
        if single and len(listed) > 1:
            said.append(warning(at, "author-list", ", ".join(map(quoted, single))
                                + (" is a name" if len(single) == 1 else " are names")
                                + f" of one word among the {key} of {quoted(str(values['title']))}",
                                'nothing to do if so; a person written "Last, First" (Goodman, DFM), whom the '
                                'comma made two names, is written "First Last" or "Last First" without it, and '
                                "a username (jylee) that the site's data turns into a name as that name"))
        said += [warning(at, "author-list", f"{quoted(name)} was kept as one name: it holds \" and \" or \" & \", "
                                            "but not between two people's names as they are written (two words "
                                            "or more each)",
                         'nothing to do if it is one name (an organisation); if it is two people, write them '
                         'separated by ", "') for name in listed if shortcode.kept_conjunction(name)]
    return said


def _target(param: str, mapping: dict[str, str]) -> str | None:
    """The field a shortcode parameter fills: --map first, then the page format's own names,
    then hugokit's field names."""
    if param in mapping:
        return mapping[param]
    kind = shortcode.link_kind(param)
    if kind is not None:
        return "links." + kind
    if param == shortcode.TOPICS_PARAM:
        return "topics"
    return param if param in FIELD_BY_NAME or param == "date" else None


def _convert(target: str, value: str, where: Position, page: Imported) -> object:
    spec = FIELD_BY_NAME.get(target)
    if target == "date":
        date, why = parse_date(value)
        if not date:
            page.diagnostics.append(error(where, "bad-date", f"not a date: {why}", f"write {FORMS}"))
        return date or None
    if target == "doi":
        from hugokit.text import clean_doi

        return clean_doi(value)  # https://doi.org/10.1/x is the DOI 10.1/x, as every other import reads it
    if spec is not None and spec.kind == "int":
        if not value.strip().isdigit():
            page.diagnostics.append(error(where, "wrong-type", f"{target} must be a whole number, not {quoted(value)}"))
            return None
        return int(value)
    if target == "arxiv":  # https://arxiv.org/abs/2510.15869 is the id 2510.15869, as a link gives it
        from hugokit.links import arxiv_in_link

        return arxiv_in_link(value) or value
    if target in ("authors", "editors"):  # "A,B" too: the page's own author line is the one written ", "
        from hugokit.text import name_from_markdown

        names = shortcode.split_names(re.sub(r"\s*,\s*", shortcode.LIST_SEPARATOR, value))
        plain = [name_from_markdown(name) for name in names]
        changed = [(name, shown) for name, shown in zip(names, plain) if name != shown]
        if changed:  # a layout that renders the parameter as Markdown shows the names so
            page.diagnostics.append(warning(where, "author-markdown",
                                            f"the Markdown of {len(changed)} of the {target} was dropped: "
                                            f"{quoted(changed[0][0])} is {quoted(changed[0][1])}",
                                            "nothing to do (the page shows the names so); links to the people's "
                                            "pages are not imported, and an escaped \\* is the mark *"))
        return plain
    if spec is not None and spec.kind == "list":
        return shortcode.split_list(value)
    if spec is not None and spec.kind == "map":
        page.diagnostics.append(error(where, "wrong-type", f"{target} cannot be given as one parameter",
                                      "map the parameter to links.KIND"))
        return None
    return value


def _clip(text: str, limit: int = 60) -> str:
    text = text.strip()
    return quoted(text if len(text) <= limit else text[:limit] + "…")
