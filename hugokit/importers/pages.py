"""Importing one page per publication: Hugo Blox (Wowchemy) page bundles and academicpages'
`_publications/*.md`, from a folder of them, one bundle folder, or one page.

Each page's YAML front-matter is read with positions and mapped field by field (see
page_fields.py); a bundle's `cite.bib` fills in what the front-matter lacks. Every key that is
neither mapped nor kept is reported once per import, with its count and first place, so nothing
is dropped without a word.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from hugokit.diagnostics import Diagnostic, InputError, Position, Severity, error, quoted, warning
from hugokit.importers.imported import Imported
from hugokit.inputs import read_text
from hugokit.load import Reader, compose
from hugokit.model import Publication
from hugokit.text import front_matter_close
from hugokit.vocab import Vocabulary

if TYPE_CHECKING:
    from hugokit.importers.page_fields import NotKept
    from hugokit.importers.profiles import Profiles

PAGE_NAMES = ("index.md", "index.markdown")
SECTION_PAGE = "_index."  # a Hugo section's list page (_index.md, a translation's _index.zh.md), not a publication
# Keys only a publication page has: a page with none of them is some other kind of page.
_PUBLICATION_KEY = re.compile(r"^(?:publication|publication_types|publication_short|authors|venue|paperurl|"
                              r"citation|url_pdf|doi|hugokit)\s*[:=]", re.MULTILINE)


def looks_like_publication_page(text: str) -> bool:
    """Whether a Markdown file is a page about one publication (its front-matter says so)
    rather than a shortcode page listing many."""
    lines = text.split("\n")
    end = front_matter_close(lines) or front_matter_close(lines, "+++")  # YAML, or TOML (Hugo Academic)
    return end is not None and bool(_PUBLICATION_KEY.search("\n".join(lines[1:end])))


def page_files(source: Path) -> list[Path]:
    """The publication pages under a folder: bundles' index.md and loose .md pages, sorted."""
    if source.is_file():
        return [source]
    found = []
    for path in sorted(source.rglob("*")):
        if path.suffix.lower() not in (".md", ".markdown") or path.name.startswith(SECTION_PAGE):
            continue
        if path.name.lower() in PAGE_NAMES or path.parent == source:
            found.append(path)
    return found


def import_pages(source: Path, shown: str, venues: Vocabulary, mapping: dict[str, str] | None = None,
                 meanings: dict[str, str] | None = None) -> Imported:
    """meanings: what each author mark means (hugokit.author_notes.read_legend; default `*` alone)."""
    from hugokit.author_notes import read_legend
    from hugokit.importers.page_fields import NotKept
    from hugokit.importers.profiles import Profiles

    result = Imported()
    not_kept = NotKept()
    profiles = Profiles(source)
    cited: list[tuple[str, Publication, Position]] = []  # the ids cite.bib files gave
    for path in page_files(source):
        label = shown if path == source else str(Path(shown) / path.relative_to(source))
        pub = _page(path, label, venues, result, not_kept, mapping or {}, profiles, cited,
                    read_legend() if meanings is None else meanings)
        if pub is not None:
            result.publications.append(pub)
    _placeholder_keys(cited, result)
    result.diagnostics[:] = _once_per_field(result.diagnostics)
    result.diagnostics.extend(profiles.diagnostics())
    result.profiles.update(profiles.usernames())
    result.diagnostics.extend(not_kept.diagnostics())
    return result


def _page(path: Path, label: str, venues: Vocabulary, result: Imported, not_kept: NotKept,
          mapping: dict[str, str], profiles: Profiles,
          cited: list[tuple[str, Publication, Position]], meanings: dict[str, str]) -> Publication | None:
    from hugokit.importers.page_fields import read_page
    from hugokit.venue_names import finder_for

    try:
        text = read_text(path, label)
        node, end = _front_matter(text, label)
    except InputError as exc:
        result.diagnostics.extend(exc.diagnostics)
        return None
    if node is None:
        result.diagnostics.append(error(Position(label), "not-a-publication",
                                        f"{label} has no YAML front-matter between --- lines",
                                        "a publication page starts with ---, its fields, and ---"))
        return None
    reader = Reader(label, text)
    pub = read_page(reader, node, finder_for(venues), not_kept, mapping,
                    lambda username, where: profiles.name(path, username, where), meanings)
    result.diagnostics.extend(reader.diagnostics)
    if pub is None:
        return None
    _body(text, end, label, not_kept)
    from hugokit.importers.bundle_links import publish_bundle_links

    publish_bundle_links(pub, path, _scalars(node, ("url", "slug")))
    cite = path.parent / "cite.bib"
    if path.name.lower() in PAGE_NAMES and cite.is_file():
        _fill_from_citation(pub, cite, str(Path(label).parent / "cite.bib"), venues, result, cited)
    return pub


_UNUSED_FIELD = re.compile(r'field "([^"]+)" is not imported \(1 entry; first at line \d+\)')


def _placeholder_keys(cited: list[tuple[str, Publication, Position]], result: Imported) -> None:
    """A citation key that several bundles' cite.bib share (`type-your-key-here`, a template's)
    identifies none of them: it is not made their id (hugokit makes one), and that is said once."""
    by_key: dict[str, list[tuple[str, Publication, Position]]] = {}
    for key, pub, where in cited:
        by_key.setdefault(key.lower(), []).append((key, pub, where))
    for sharing in by_key.values():
        if len(sharing) < 2:
            continue
        for _, pub, _ in sharing:
            pub.id = ""
        key, _, first = sharing[0]
        result.diagnostics.append(warning(first, "not-imported",
                                          f"the citation key {quoted(key)} is not imported as an id: {len(sharing)} "
                                          "cite.bib files share it, the first here",
                                          "hugokit makes each publication's key; give each entry its own key "
                                          "to keep it"))


def _once_per_field(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """The bundles' cite.bib fields hugokit keeps no place for, reported once per field with the
    number of files (as the front-matter's keys are), not once per bundle."""
    first: dict[str, int] = {}
    counts: dict[str, int] = {}
    out: list[Diagnostic] = []
    for diagnostic in diagnostics:
        found = _UNUSED_FIELD.fullmatch(diagnostic.message) if diagnostic.code == "bibtex-unused-field" else None
        if found is None:
            out.append(diagnostic)
            continue
        name = found.group(1)
        counts[name] = counts.get(name, 0) + 1
        if name not in first:
            first[name] = len(out)
            out.append(diagnostic)
    for name, at in first.items():
        if counts[name] > 1:
            out[at] = out[at]._replace(message=f"field {quoted(name)} is not imported: {counts[name]} cite.bib files, "
                                               "the first here")
    return out


def _scalars(node: yaml.Node, keys: tuple[str, ...]) -> dict[str, str]:
    """The front-matter's plain values of the given keys."""
    return {k.value: v.value for k, v in node.value if isinstance(node, yaml.MappingNode)
            and isinstance(k, yaml.ScalarNode) and k.value in keys and isinstance(v, yaml.ScalarNode)}


def _front_matter(text: str, label: str) -> tuple[yaml.Node | None, int]:
    """The front-matter's node tree (YAML, or TOML between +++ lines), positions as in the file
    (None: the page has none), and the index of its closing line."""
    lines = text.split("\n")
    first = lines[0].rstrip("\r") if lines else ""
    if first not in ("---", "+++"):
        return None, 0
    end = front_matter_close(lines, first)
    if end is not None and first == "+++":
        from hugokit.importers.toml_front_matter import toml_front_matter

        return toml_front_matter(lines, end, label), end
    if end is not None:
        # The opening --- starts the YAML document, so lines and columns are the file's own.
        node = compose("\n".join(lines[:end]) + "\n", label)
        return (node if node is not None else yaml.MappingNode("tag:yaml.org,2002:map", [])), end
    raise InputError([error(Position(label, 1, 1), "unclosed-front-matter",
                            "the front-matter opened on line 1 is never closed",
                            f"end it with a line holding only {first}")])


def _body(text: str, end: int, label: str, not_kept: NotKept) -> None:
    """The page's text after the front-matter is not imported; say so where there is some."""
    lines = text.split("\n")
    for number in range(end + 1, len(lines)):
        if lines[number].strip():
            not_kept.add("(page text)", Position(label, number + 1, 1), "the text below the front-matter")
            return


def _fill_from_citation(pub: Publication, cite: Path, label: str, venues: Vocabulary, result: Imported,
                        keys: list[tuple[str, Publication, Position]]) -> None:
    """What the bundle's cite.bib adds: the citation key as id, and any field the front-matter lacks."""
    from hugokit.importers.bibtex import import_bibtex

    # A broken cite.bib costs nothing the front-matter has: its problems are warnings.
    try:
        cited = import_bibtex(read_text(cite, label), label, venues)
    except InputError as exc:
        result.diagnostics.extend(d._replace(severity=Severity.WARNING) for d in exc.diagnostics)
        return
    result.diagnostics.extend(d._replace(severity=Severity.WARNING) for d in cited.diagnostics)
    if not cited.publications:
        return
    bib = cited.publications[0]
    if not pub.id and bib.id:
        keys.append((bib.id, pub, Position(label, 1, 1)))
    if pub.venue and bib.venue and pub.venue != bib.venue:
        _venue_locator(pub, bib.venue, label, result)
    for name in ("id", "doi", "arxiv", "abstract", "keywords", "authors", "venue", "date"):
        if not getattr(pub, name) and getattr(bib, name):
            setattr(pub, name, getattr(bib, name))
    for kind, url in bib.links.items():
        pub.links.setdefault(kind, url)


def _venue_locator(pub: Publication, cited: str, label: str, result: Imported) -> None:
    """The cite.bib's volume, issue and pages for the page's venue, which pages seldom write
    (`publication: '*Information Processing & Management*'` beside `volume = {58}, number = {5},
    pages = {1-26}`): kept where the two name one venue, else reported, never dropped unsaid."""
    from hugokit.venue_string import parse, with_more_locator

    if not any(part.locator for part in parse(cited)):
        return
    year = f", {pub.year}"
    for candidate in (cited, cited[:-len(year)] if cited.endswith(year) else None):
        kept = with_more_locator(pub.venue, candidate) if candidate else None
        if kept is not None:
            pub.venue = kept
            return
    result.diagnostics.append(warning(Position(label, 1, 1), "not-imported",
                                      f"the venue of {label} ({quoted(cited)}) is not imported: the page names "
                                      f"{quoted(pub.venue)}, which the database keeps",
                                      "if the page's venue is that one, write its volume, issue and pages "
                                      "into the database's venue (Nature 585(7825):357–362, 2020)"))
