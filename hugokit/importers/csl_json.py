"""Importing CSL-JSON: what Zotero, pandoc, citeproc and `hugokit export csl-json` write, and
what Crossref answers for a DOI in it (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html,
the schema https://github.com/citation-style-language/schema). A list of items, each with a `type`
and names as objects (`{"family": …, "given": …}`), dates as `{"date-parts": [[2020, 5]]}`.

The venue is read from `container-title-short` or `container-title` through the venue registry,
as `hugokit add` reads Crossref's (a proceedings title names its conference: "Proceedings of the
29th Symposium on Operating Systems Principles" → SOSP 2023), else kept as written with the year;
a journal article's `volume`, `issue` and `page` become its locator, and so does a proceedings
paper's or a chapter's `page` (`OSDI 2022, pp. 559–578`). Fields hugokit has no place
for (`publisher`, `ISSN`, `note`, …) are reported once per file with a count, never dropped
without a word.
"""
from __future__ import annotations

import re

import yaml

from hugokit.diagnostics import error, warning, quoted
from hugokit.importers.imported import Imported
from hugokit.importers.locator_fields import Given, place_locator
from hugokit.links import arxiv_in_link
from hugokit.load import Reader
from hugokit.model import Publication
from hugokit.venue_names import VenueFinder

# CSL 1.0.2's item types, and Crossref's own names, which its CSL answers use.
TYPES = frozenset((
    "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book", "broadcast", "chapter",
    "classic", "collection", "dataset", "document", "entry", "entry-dictionary", "entry-encyclopedia", "event",
    "figure", "graphic", "hearing", "interview", "legal_case", "legislation", "manuscript", "map", "motion_picture",
    "musical_score", "pamphlet", "paper-conference", "patent", "performance", "periodical", "personal_communication",
    "post", "post-weblog", "regulation", "report", "review", "review-book", "software", "song", "speech",
    "standard", "thesis", "treaty", "webpage",
    "journal-article", "proceedings-article", "book-chapter", "posted-content", "dissertation", "monograph",
    "edited-book", "reference-entry", "other"))
JOURNAL = frozenset(("article-journal", "article-magazine", "article-newspaper", "journal-article"))
PREPRINT = frozenset(("posted-content",))  # (Crossref's; CSL's "article" is any unpublished work)
_NAMES = ("given", "dropping-particle", "non-dropping-particle", "family", "suffix")
_ARXIV_NUMBER = re.compile(r"(?i)^arxiv:\s*(\S+)$")
# CSL's rich-text markup in titles (citeproc-js's list): italics, bold, small caps, super- and
# subscript, and "nocase" spans; the database holds plain text.
_MARKUP = re.compile(r'</?(?:i|b|sc|sup|sub)>|<span\s+(?:style="font-variant:\s*small-caps;?"|class="nocase")\s*>|</span>')
# The item fields read; of them, a journal article's locator and an arXiv number only for those.
READ = frozenset(("title", "author", "editor", "issued", "container-title", "container-title-short", "event",
                  "event-title", "volume", "issue", "page", "number", "DOI", "URL", "abstract", "keyword", "type"))
_LOCATOR = frozenset(("volume", "issue", "page"))
_IN_CONTAINER = frozenset(("paper-conference", "chapter"))


def looks_like_csl(root: yaml.Node | None) -> bool:
    """Whether a JSON list's items are CSL items: a CSL type, and names or dates as CSL writes them."""
    if not isinstance(root, yaml.SequenceNode) or not root.value:
        return False
    for node in root.value[:20]:
        if not isinstance(node, yaml.MappingNode):
            return False
        fields = {key.value: value for key, value in node.value if isinstance(key, yaml.ScalarNode)}
        kind = fields.get("type")
        names = fields.get("author") or fields.get("editor")
        if isinstance(kind, yaml.ScalarNode) and kind.value in TYPES and (
                isinstance(fields.get("issued"), (yaml.MappingNode, yaml.SequenceNode))
                or isinstance(names, yaml.SequenceNode) and any(isinstance(n, yaml.MappingNode) for n in names.value)):
            return True
    return False


def import_csl(reader: Reader, root: yaml.SequenceNode, finder: VenueFinder) -> Imported:
    result = Imported()
    unused: dict[str, tuple[int, yaml.Node]] = {}  # field -> (how many items have it, the first)
    for number, node in enumerate(root.value, 1):
        pub = _item(reader, node, f"item {number}", finder, unused)
        if pub is not None:
            result.publications.append(pub)
    for field, (count, first) in unused.items():
        reader.diagnostics.append(warning(reader.pos(first), "csl-unused-field",
                                          f'{quoted(field)} ({count} item(s)) has no place in the database; it was not '
                                          "imported", "nothing to do if it is not needed on the site"))
    return result


def _item(reader: Reader, node: yaml.Node, what: str, finder: VenueFinder,
          unused: dict[str, tuple[int, yaml.Node]]) -> Publication | None:
    if not reader.expect(node, what, "map"):
        return None
    fields: dict[str, yaml.Node] = {}
    spare: list[tuple[str, yaml.Node]] = []
    for key, key_node, value_node in reader.items(node, what):
        if key in READ:
            fields[key] = value_node
        spare.append((key, key_node))
    text = {key: _text(reader, value, f'{quoted(key)} of {what}') for key, value in fields.items()
            if key not in ("author", "editor", "issued")}
    if _MARKUP.search(text.get("title", "")):
        plain = _MARKUP.sub("", text["title"])
        reader.diagnostics.append(warning(reader.pos(fields["title"]), "csl-markup",
                                          f"{what}: the title's markup was dropped: {quoted(text['title'])} is imported as "
                                          f"{quoted(plain)}", "nothing to do; the page shows titles as plain text"))
        text["title"] = plain
    title = text.get("title", "")
    date = _date(reader, fields.get("issued"), what)
    if not title or date is None:
        if title and "issued" in fields:
            return None  # the date's diagnostic says why
        reader.diagnostics.append(error(reader.pos(node), "missing-key",
                                        f"{what} has no {'title' if not title else 'issued date'}; it was skipped",
                                        'add its "title"' if not title else 'add "issued": {"date-parts": [[2024]]}'))
        return None
    year, full_date = date
    where = {"": reader.pos(node)}
    values: dict[str, object] = {"title": title, "year": year, "links": {}, "where": where}
    if full_date:
        values["date"] = full_date
    for field, target in (("author", "authors"), ("editor", "editors")):
        if field in fields:
            values[target] = _names(reader, fields[field], f'{quoted(field)} of {what}')
    kind = text.get("type", "")
    arxiv = _arxiv(text)
    journal = kind in JOURNAL or kind == "article" and bool(text.get("container-title"))  # (a periodical's)
    # A proceedings paper's or a chapter's pages are its own; their volume and issue are the series'.
    kept = set(READ) if journal else set(READ - _LOCATOR) | ({"page"} if kind in _IN_CONTAINER else set())
    if not _ARXIV_NUMBER.match(text.get("number", "")):
        kept.discard("number")
    for key, key_node in spare:
        if key not in kept:
            count, first = unused.get(key, (0, key_node))
            unused[key] = (count + 1, first)
    values["venue"] = _venue(reader, fields, text, journal, kind in PREPRINT or bool(arxiv), year, finder, what)
    if arxiv:
        values["arxiv"] = arxiv
    if text.get("DOI") and not text["DOI"].lower().startswith("10.48550/arxiv."):
        values["doi"] = text["DOI"]
    if text.get("URL"):
        values["links"] = {"paper": text["URL"]}
        where["links.paper"] = reader.pos(fields["URL"])
    if text.get("abstract"):
        values["abstract"] = text["abstract"]
    if text.get("keyword"):
        values["keywords"] = [k.strip() for k in re.split(r"[,;]", text["keyword"]) if k.strip()]
    return Publication(**values)  # type: ignore[arg-type]


def _venue(reader: Reader, fields: dict[str, yaml.Node], text: dict[str, str], journal: bool, preprint: bool,
           year: int, finder: VenueFinder, what: str) -> str:
    """The registry's venue for the short or the full container title, else the title as written
    with the year; a journal article's locator after its name; an arXiv preprint's Preprint YEAR."""
    from hugokit.refresh import venue_text

    field = next((f for f in ("container-title", "event-title", "event") if text.get(f)), "")
    raw, short = text.get(field, ""), text.get("container-title-short", "")
    known = finder.venue(short, year) if short else None
    read = finder.read(raw, year) if raw and known is None else None
    if read is not None and read[1]:
        reader.diagnostics.append(warning(reader.pos(fields[field]), "csl-proceedings",
                                          f'{what}: {quoted(field)} {quoted(raw)} was read as {read[0]}; the rest of it '
                                          f'({quoted(read[1])}) is not imported', "nothing to do if that is the venue; if the "
                                          "paper is in a workshop or companion volume, write that venue in the database"))
    venue = known or (read[0] if read else venue_text(raw, year, finder)[0] if raw else "")
    if not venue and preprint:
        return f"Preprint {year}"
    if (journal or text.get("type") in _IN_CONTAINER) and venue:
        given = {piece: Given(field, text[field], text[field]) for piece, field in
                 (("volume", "volume"), ("issue", "issue"), ("pages", "page")) if text.get(field)
                 and (journal or piece == "pages")}
        venue, missed = place_locator(venue, given, lambda field, value: f'{quoted(field)}: {quoted(value)}',
                                      ("volume", "issue", "page"))
        reader.diagnostics += [warning(reader.pos(fields["page" if m.piece == "pages" else m.piece]), "json-locator",
                                       f"{what}: {m.message}; it was not imported", m.hint) for m in missed]
    return venue


def _arxiv(text: dict[str, str]) -> str:
    """An arXiv preprint's id, from its number ("arXiv:2403.00835"), its arXiv DOI or its URL."""
    number = _ARXIV_NUMBER.match(text.get("number", ""))
    if number:
        return number.group(1)
    doi = text.get("DOI", "")
    if doi.lower().startswith("10.48550/arxiv."):
        return doi[len("10.48550/arxiv."):]
    return arxiv_in_link(text.get("URL", "")) or ""


def _text(reader: Reader, node: yaml.Node, what: str) -> str:
    """A text field (a number too: "volume": 12; Crossref's lists of one: "title": ["…"]; an
    `event` object's name)."""
    if isinstance(node, yaml.SequenceNode):
        node = node.value[0] if node.value else yaml.ScalarNode("tag:yaml.org,2002:str", "")
    if isinstance(node, yaml.MappingNode):
        named = [value for key, value in node.value if isinstance(key, yaml.ScalarNode) and key.value == "name"]
        node = named[0] if named else node
    if isinstance(node, yaml.ScalarNode) and node.tag.endswith((":int", ":float")):
        return str(node.value)
    if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
        return ""
    value = reader.string(node, what)
    return " ".join(value.split()) if value else ""


def _names(reader: Reader, node: yaml.Node, what: str) -> list[str]:
    """Names as the database writes them: given, particles, family and suffix in reading order
    ("Ludwig van Beethoven"); a `literal` name (an institution) as it is."""
    if not reader.expect(node, what, "seq"):
        return []
    names = []
    for number, person in enumerate(node.value, 1):
        here = f"name {number} of {what}"
        if not reader.expect(person, here, "map"):
            continue
        parts = {key: _text(reader, value, f'{quoted(key)} of {here}') for key, _, value in reader.items(person, here)}
        name = parts.get("literal") or " ".join(parts[key] for key in _NAMES if parts.get(key))
        if name:
            names.append(name)
    return names


def _date(reader: Reader, node: yaml.Node | None, what: str) -> tuple[int, str] | None:
    """(year, the database's date: YYYY-MM or YYYY-MM-DD, or "") of an `issued` date: its first
    date-parts, Crossref's bare list of them, or a `raw` or `literal` text starting with a year."""
    if node is None:
        return None
    hint = 'write {"date-parts": [[2024, 5]]} (a year, and a month and day if known)'
    parts: yaml.Node | None = node
    if isinstance(node, yaml.MappingNode):
        fields = {key.value: value for key, value in node.value if isinstance(key, yaml.ScalarNode)}
        kept_out = [name for name in ("season", "circa") if name in fields]
        if kept_out:
            reader.diagnostics.append(warning(reader.pos(node), "csl-date", f'"issued" of {what}: its '
                                              f'{" and ".join(kept_out)} has no place in the database; it was not '
                                              "imported", "nothing to do if the year is what the page needs"))
        if "date-parts" not in fields:
            raw = fields.get("raw") or fields.get("literal")
            found = re.match(r"\s*((?:1[89]|20)\d{2})(?:-(\d{1,2}))?", raw.value) \
                if isinstance(raw, yaml.ScalarNode) else None
            if found is None:
                reader.report(node, "bad-date", f'"issued" of {what} is not a date', hint)
                return None
            return int(found.group(1)), f"{found.group(1)}-{int(found.group(2)):02d}" if found.group(2) else ""
        parts = fields["date-parts"]
    first = parts.value[0] if isinstance(parts, yaml.SequenceNode) and parts.value else None
    numbers = [p.value for p in first.value] if isinstance(first, yaml.SequenceNode) else []
    end = parts.value[1] if isinstance(parts, yaml.SequenceNode) and len(parts.value) > 1 else None
    if isinstance(end, yaml.SequenceNode) and any(isinstance(p, yaml.ScalarNode) and p.value.strip("0 ") for p in end.value):
        reader.diagnostics.append(warning(reader.pos(end), "csl-date", f'"issued" of {what} is a range: only its '
                                          "start is imported", "nothing to do if the start is the publication's date"))
    if not numbers or not all(isinstance(n, str) and re.fullmatch(r"\s*-?\d{1,9}\s*", n) for n in numbers):
        reader.report(node, "bad-date", f'"issued" of {what} is not a date', hint)
        return None
    year, *rest = (int(n) for n in numbers[:3])
    if not 1000 <= year <= 9999:
        reader.report(node, "bad-date", f'"issued" of {what} is the year {year}: the database files publications '
                      "by a year of four digits", "give the publication's own year; it was skipped")
        return None
    if not all(1 <= n <= 31 for n in rest) or (rest and rest[0] > 12):
        reader.report(node, "bad-date", f'"issued" of {what} is not a date', hint)
        return None
    return year, "-".join([f"{year:04d}", *(f"{n:02d}" for n in rest)]) if rest else ""
