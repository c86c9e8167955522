"""One publication page's front-matter → a Publication: the Hugo Blox (Wowchemy) and academicpages keys.

Venues follow the rule every importer follows (hugokit.venue_names): a registry venue only on an
exact match (then written as the registry's name and the year), else the source's text as it
is, without its Markdown emphasis.
"""
from __future__ import annotations

import html
import re
from typing import Any, Callable

import yaml

from hugokit.author_notes import READ_LEGEND, mark_authors
from hugokit.dates import FORMS, parse_date, year_of
from hugokit.diagnostics import Diagnostic, Position, warning, quoted
from hugokit.load import Reader
from hugokit.model import SELECTED_TOPIC, Publication
from hugokit.text import MARKS, clean_doi
from hugokit.importers.nested_keys import NESTED_KEYS, flat_items, with_locator
from hugokit.venue_names import VenueFinder

# Key → what it becomes. url_<kind> keys become links of that kind (url_pdf: the paper).
KEYS = {
    "title": "title", "authors": "authors", "author_notes": "author_notes", "date": "date",
    "publication": "venue_full", "publication_short": "venue_short", "venue": "venue_short",
    "abstract": "abstract", "excerpt": "excerpt", "doi": "doi", "tags": "topics", "featured": "featured",
    "links": "links", "award": "award", "hugokit": "own", "citation": "citation",
    "paperurl": "links.paper", "slidesurl": "links.slides", "bibtexurl": "links.bibtex",
    # Hugo Academic's names before version 4: custom links, and the featured flag
    "url_custom": "links", "selected": "featured",
}
# --map FIELD → what that key becomes here, where a page's own key differs from the field.
_MAPPED = {"venue": "venue_short", "selected": "featured"}
_ADDING_UP = {"topics", "keywords", "editors"}
_MAPPABLE = re.compile(r"[^\s.()=]+")  # a front-matter key of its own (not "(page text)", not "links.x")
_INITIALS = re.compile(r"(?:[A-Z][a-z]?\.[\s-]?)+")
_CITED_AUTHORS = re.compile(r"^(.*?)\s*\(\d{4}[a-z]?\)")
_PROFILE_NAMES = {"admin"}
_GENERIC_LINK_TYPES = {"custom", "site", "link", "url"}


class NotKept:
    """Keys read but not imported, reported once per import: key, count, first place."""

    def __init__(self) -> None:
        self.seen: dict[str, tuple[int, Position, str]] = {}

    def add(self, key: str, where: Position, what: str = "") -> None:
        count, first, text = self.seen.get(key, (0, where, what))
        self.seen[key] = (count + 1, first, text)

    def diagnostics(self) -> list[Diagnostic]:
        out = []
        for key, (count, first, what) in self.seen.items():
            pages = "1 page" if count == 1 else f"{count} pages"
            label = quoted(key) + (f" ({what})" if what else "")
            how = f"import it with --map {key}=FIELD" if _MAPPABLE.fullmatch(key) and not what else "map it by hand"
            out.append(warning(first, "not-imported", f"{label} is not imported: {pages}, the first here",
                               f"hugokit's database has no place for it; keep it in the page, or {how}"))
        return out


def page_target(key: str, mapping: dict[str, str]) -> str | None:
    """What a front-matter key becomes: --map first (FIELD as for every importer: a database
    field, date, month, selected or links.KIND), then the keys Hugo Blox and academicpages write."""
    if key in mapping:
        return _MAPPED.get(mapping[key], mapping[key])
    return KEYS.get(key) or NESTED_KEYS.get(key) or ("links." + ("paper" if key == "url_pdf" else key[4:])
                             if key.startswith("url_") and len(key) > 4 else None)


# A Hugo Blox profile's display name, given its username and where the page names it (or None).
ProfileName = Callable[[str, Position], "str | None"]


def read_page(reader: Reader, node: yaml.Node, finder: VenueFinder, not_kept: NotKept,
              mapping: dict[str, str] | None = None, profile: ProfileName | None = None,
              meanings: dict[str, str] = READ_LEGEND) -> Publication | None:
    """The publication a page's front-matter gives (None: it gives none; the reader says why).
    profile: a Hugo Blox profile's name; meanings: what each author mark means."""
    if not reader.expect(node, "the front-matter", "map"):
        return None
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == "draft" and "draft" not in (mapping or {}) \
                and _true(value_node):
            reader.diagnostics.append(warning(reader.pos(key_node), "draft-page",
                                              "this page is a draft (draft: true), which Hugo does not publish; "
                                              "it was not imported", "to import it, set draft: false and import again"))
            return None
    raw: dict[str, tuple[Any, yaml.Node]] = {}
    # A bundle hugokit wrote derives its publication_types from the venue: nothing is lost.
    derived = {"publication_types"} if any(k.value == "hugokit" for k, _ in node.value
                                           if isinstance(k, yaml.ScalarNode)) else set()
    given: dict[str, str] = {}
    for key, key_node, value_node in flat_items(reader, node):
        target = page_target(key, mapping or {})
        if _empty(value_node):
            continue
        if target is None:
            if key not in derived:
                not_kept.add(key, reader.pos(key_node))
            continue
        value = _read(reader, target, key, value_node, not_kept)
        if target in given and target not in _ADDING_UP:
            if value != raw[target][0]:  # the same value twice (doi and hugoblox.ids.doi) says nothing new
                reader.report(key_node, "duplicate-key", f"{quoted(key)} gives {target} a second time (after "
                              f"{quoted(given[target])}); it was not imported",
                              f"map one of them to another field with --map {key}=FIELD")
            continue
        if value is not None:
            if target in raw and isinstance(value, list):  # several keys mapped to one list add up
                value = raw[target][0] + [v for v in value if v not in raw[target][0]]
            raw[target] = (value, value_node)
            given[target] = key
    own: dict[str, Any] = raw.pop("own", ({}, node))[0]
    if "title" not in raw:
        reader.report(node, "missing-key", "this publication page has no title; it was skipped", "add `title: …`")
        return None
    if "year" in raw:  # mapped: the filed year, as in the JSON import
        own.setdefault("year", raw["year"][0])
    date = _date(reader, raw, own)
    year: int | None = own.get("year") or (year_of(date) if date else None)
    if year is None:
        if "date" not in raw:
            reader.report(node, "missing-key", "this publication page has no date; it was skipped",
                          f"add `date: …` ({FORMS})")
        return None
    if not date and "month" in raw:
        date = f"{year:04d}-{raw['month'][0]:02d}"
    text = {target: str(raw[target][0]).strip() for target in ("abstract", "doi", "award", "excerpt") if target in raw}
    if "abstract" in text and "excerpt" in text:
        not_kept.add("excerpt", reader.pos(raw["excerpt"][1]), "the page has an abstract too")
    topics: list[str] = list(raw.get("topics", ([], node))[0])
    if raw.get("featured", (False, node))[0] is True and SELECTED_TOPIC not in topics:
        topics.insert(0, SELECTED_TOPIC)
    links: dict[str, str] = {target[6:]: value for target, (value, _) in raw.items() if target.startswith("links.")}
    for kind, url in raw.get("links", ({}, node))[0].items():
        if links.setdefault(kind, url) != url:
            reader.diagnostics.append(warning(reader.pos(raw["links"][1]), "not-imported",
                                              f'the {kind} link of "links" ({url}) is not imported: the page\'s '
                                              f"url_{'pdf' if kind == 'paper' else kind} gives another one",
                                              "give it a name of its own (name: …) to keep both"))
    extra = {name: raw[name][0] for name in ("id", "editors", "arxiv", "keywords") if name in raw}
    return Publication(
        **extra, title=str(raw["title"][0]).strip(), year=year, date=date,
        authors=own.get("authors") or _authors(reader, raw, not_kept, profile, meanings),
        venue=own["venue"] if "venue" in own else with_locator(_venue(raw, year, finder, not_kept, reader), raw, reader),
        links=links, award=text.get("award", ""), topics=topics, doi=clean_doi(text.get("doi", "")),
        abstract=text.get("abstract") or text.get("excerpt", ""),
        where={"": reader.pos(node), **{target: reader.pos(value_node) for target, (_, value_node) in raw.items()
                                        if target.startswith("links.")}})


def _true(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag.endswith(":bool") and node.value.lower() in ("true", "yes", "on")


def _empty(node: yaml.Node) -> bool:
    if isinstance(node, yaml.ScalarNode):
        return node.tag.endswith(":null") or (node.tag.endswith(":str") and not node.value.strip())
    return not node.value


def _read(reader: Reader, target: str, key: str, node: yaml.Node, not_kept: NotKept) -> object:
    what = quoted(key)
    if target == "featured":
        return reader.boolean(node, what)
    if target == "date":
        return node.value if isinstance(node, yaml.ScalarNode) else reader.string(node, what)
    if target.startswith("locator."):  # a volume may be a number (volume: 12)
        return node.value if isinstance(node, yaml.ScalarNode) else reader.string(node, what)
    if target in ("year", "month"):
        number = reader.integer(node, what)
        if target == "month" and number is not None and not 1 <= number <= 12:
            reader.report(node, "bad-date", f"{what} is not a month: {number}", "write 1 to 12")
            return None
        return number
    if target == "author_notes":
        if not reader.expect(node, what, "seq"):
            return None
        return [(item.value if isinstance(item, yaml.ScalarNode) and not item.tag.endswith(":null") else "", item)
                for item in node.value]
    if target in ("authors", "topics", "editors", "keywords"):
        return reader.comma_list(node, what)
    if target == "links":
        return _links(reader, node, not_kept)
    if target == "own":
        return _own(reader, node)
    return reader.string(node, what)


def _date(reader: Reader, raw: dict[str, tuple[Any, yaml.Node]], own: dict[str, Any]) -> str:
    if "year" in own:  # a bundle hugokit wrote: its date key is the real one, front-matter's made up
        return str(own.get("date", ""))
    if "date" not in raw:
        return ""
    text, node = raw["date"]
    date, why = parse_date(str(text))
    if not date:
        reader.report(node, "bad-date", f'"date" is not a date: {why}; the page was skipped', f"write {FORMS}")
    return date


def _authors(reader: Reader, raw: dict[str, tuple[Any, yaml.Node]], not_kept: NotKept,
             profile: ProfileName | None, meanings: dict[str, str]) -> list[str]:
    if "authors" not in raw:
        if "citation" in raw:
            found = _authors_in_citation(str(raw["citation"][0]))
            if found:
                return found
            not_kept.add("citation", reader.pos(raw["citation"][1]), "its authors could not be told apart")
        return []
    authors: list[str] = raw["authors"][0]
    node = raw["authors"][1]
    for index, item in enumerate(node.value if isinstance(node, yaml.SequenceNode) else []):
        if not isinstance(item, yaml.ScalarNode) or index >= len(authors) or authors[index] != item.value.strip():
            continue
        name = profile(authors[index], reader.pos(item)) if profile else None
        if name:
            authors[index] = name
        elif item.value in _PROFILE_NAMES:
            reader.diagnostics.append(warning(reader.pos(item), "profile-author",
                                              f'author {quoted(item.value)} is a Hugo Blox user profile, not a name',
                                              "replace it with the person's name in the database"))
    for index, author in enumerate(authors):
        plain = _without_emphasis(author)
        if plain != author:
            authors[index] = plain
            where = node.value[index] if isinstance(node, yaml.SequenceNode) and index < len(node.value) else node
            not_kept.add("authors", reader.pos(where), "the Markdown emphasis around a name (**Ada Lovelace**), which "
                          "hugokit's owner setting gives the site's owner")
    mark_authors(reader, authors, raw.get("author_notes", ([], node))[0],
                 lambda where, what: not_kept.add("author_notes", where, what), meanings)
    return authors


def _without_emphasis(name: str) -> str:
    """A name without the Markdown emphasis a theme renders around it (`__**Ada Lovelace**__`),
    which would otherwise read as equal-contribution marks."""
    while len(name) > 2:
        wrap = next((w for w in ("**", "__", "*", "_") if name.startswith(w) and name.endswith(w)
                     and len(name) > 2 * len(w)), "")
        if not wrap:
            break
        name = name[len(wrap):-len(wrap)].strip()
    return name


def _authors_in_citation(citation: str) -> list[str]:
    """The authors of an APA-style citation (`Agarap, A. F., & Su, T. (2017). …`), or [] when
    the names cannot be told apart for certain."""
    text = re.sub(r"<[^>]+>", "", html.unescape(citation))
    found = _CITED_AUTHORS.match(text)
    if not found:
        return []
    parts = [p.strip() for p in re.split(r",\s*(?:&\s*|and\s+)?|\s+(?:&|and)\s+", found.group(1)) if p.strip()]
    if len(parts) % 2 == 0 and parts and all(_INITIALS.fullmatch(p) for p in parts[1::2]):
        return [f"{given.strip()} {family}" for family, given in zip(parts[::2], parts[1::2])]
    if parts and all(len(p.split()) >= 2 and not _INITIALS.fullmatch(p) and "." not in p.split()[-1] for p in parts):
        return parts  # "Anna Vesely, Livio Finos, Jelle J. Goeman"
    return []


def _links(reader: Reader, node: yaml.Node, not_kept: NotKept) -> dict[str, str] | None:
    if not reader.expect(node, '"links"', "seq"):
        return None
    out: dict[str, str] = {}
    for number, item in enumerate(node.value, 1):
        what = f'link {number} of "links"'
        if not reader.expect(item, what, "map"):
            continue
        # Hugo Blox's own template leaves `icon_pack:` and `icon:` empty: an empty value says nothing
        given = [(k, kn, vn) for k, kn, vn in reader.items(item, what) if not _empty(vn)]
        fields = {k: (v, kn) for k, kn, vn in given if (v := reader.string(vn, f"{quoted(k)} in {what}")) is not None}
        url = fields.pop("url", ("", item))[0].strip()
        if not url:  # the template's `- type: dataset` with `url: ""`, as an empty url_dataset
            continue
        # A generic type (Hugo Blox's `type: custom` or `site`) is named by its label
        generic = fields.get("type", ("", item))[0].strip().lower() in _GENERIC_LINK_TYPES and "label" in fields
        name = (fields.pop("name", None) or (fields.pop("label") if generic else None) or fields.pop("type", None)
                or fields.pop("label", None) or ("", item))[0]
        if generic:
            fields.pop("type")
        for key, (_, key_node) in fields.items():
            not_kept.add(f"links.{key}", reader.pos(key_node))
        kind = re.sub(r"\W+", "_", name.strip().lower()).strip("_")  # a plain word, as link kinds are
        kind = "paper" if kind == "pdf" else kind
        if not kind:
            reader.report(item, "missing-key", f"{what} needs a name or a type; it was not imported")
        elif kind in out and out[kind] != url:
            reader.diagnostics.append(warning(reader.pos(item), "not-imported",
                                              f"{what} is a second {kind} link ({url}); it was not imported",
                                              "give it a name of its own (name: …) to keep both"))
        else:
            out[kind] = url
    return out


def _own(reader: Reader, node: yaml.Node) -> dict[str, object]:
    """hugokit's own key in the bundles it writes: the filed year, the venue as displayed, the date."""
    out: dict[str, object] = {}
    if not reader.expect(node, '"hugokit"', "map"):
        return out
    for key, key_node, value_node in reader.items(node, '"hugokit"'):
        if key == "year":
            out[key] = reader.integer(value_node, '"year" of "hugokit"')
        elif key in ("venue", "date"):
            out[key] = value_node.value if isinstance(value_node, yaml.ScalarNode) else ""
        elif key == "authors":
            out[key] = [v for v, _ in reader.string_list(value_node, '"authors" of "hugokit"') or []]
        else:
            reader.unknown_key(key_node, '"hugokit"', ("year", "venue", "date", "authors"))
    return {k: v for k, v in out.items() if v is not None}


def clean_venue(text: str) -> str:
    """A venue without the Markdown a theme renders: `In *ASE 2022*` → `ASE 2022`."""
    text = " ".join(text.replace("*", "").split())
    if len(text) > 2 and text[0] == text[-1] == "_":
        text = text[1:-1]
    return text[3:].strip() if text.startswith("In ") else text


def _with_full_locator(venue: str, full: str, raw: dict[str, tuple[Any, yaml.Node]], not_kept: NotKept,
                       reader: Reader) -> str:
    """The venue with the locator the full venue name writes (`*Nature* 585(7825):357–362`, `*…*,
    pp. 47–57`), which publication_short lacks; said where the venue has no place for it."""
    from hugokit.venue_string import locator_pieces, parse, with_locator

    located = [part.locator for part in parse(full) if part.locator is not None]
    if not located or any(part.locator is not None for part in parse(venue)):
        return venue
    placed = with_locator(venue, locator_pieces(located[0])) if len(located) == 1 else None
    if placed is None:
        not_kept.add("publication", reader.pos(raw["venue_full"][1]), "the volume, issue or pages of the full "
                     "venue name, which its venue has no place for")
        return venue
    return placed


def _venue(raw: dict[str, tuple[Any, yaml.Node]], year: int, finder: VenueFinder, not_kept: NotKept,
           reader: Reader) -> str:
    short = clean_venue(str(raw["venue_short"][0])) if "venue_short" in raw else ""
    full = clean_venue(str(raw["venue_full"][0])) if "venue_full" in raw else ""
    for name, text in (("venue_short", short), ("venue_full", full)):
        found = finder.read(text, year) if text else None
        if found:
            if found[1]:
                not_kept.add("publication", reader.pos(raw[name][1]),
                             "the part of a proceedings title its venue does not show")
            return _with_full_locator(found[0], full if name == "venue_short" else "", raw, not_kept, reader)
    if short and full and short != full:
        not_kept.add("publication", reader.pos(raw["venue_full"][1]),
                     "the full venue name, where publication_short gives the venue")
    return short or full
