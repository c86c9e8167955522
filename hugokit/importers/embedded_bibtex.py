"""The BibTeX a shortcode holds: the entry some sites write between `{{< publication … >}}` and its
closing tag (their layout shows `.Inner` as the citation), or in a `bibtex` parameter.

The entry is read as a .bib file's is (hugokit.importers.bibtex) and fills what the shortcode's
parameters lack, the venue's locator too (its pages: `ICML 2026` with `pages = {1--9}` is
`ICML 2026, pp. 1–9`, as a merge gains one); the parameters win, since the page shows them, and
each value of the entry that differs from a parameter's is said (`shortcode-bibtex`), and each of
its fields hugokit keeps no place for once per page (`bibtex-unused-field`), so nothing of it is
dropped without a word.
"""
from __future__ import annotations

import re

from hugokit.diagnostics import Diagnostic, Position, error, quoted, warning
from hugokit.model import Publication
from hugokit.venue_string import with_locator_from
from hugokit.vocab import Vocabulary

CODE = "shortcode-bibtex"
_START = re.compile(r"\s*@\s*[A-Za-z]+\s*[{(]")
# The fields an entry can give, in the order they are compared.
FIELDS = ("title", "authors", "editors", "year", "date", "venue", "doi", "arxiv", "abstract", "keywords", "id")


def is_bibtex(text: str) -> bool:
    """Whether text is a BibTeX entry (it opens with @TYPE{ or @TYPE()."""
    return bool(_START.match(text))


def read_entry(text: str, at: Position, venues: Vocabulary | None, *, one_line: bool = False) -> \
        tuple[Publication | None, list[Diagnostic]]:
    """The publication the entry in text gives, and what reading it said, placed in the page: its
    lines counted from at's line (a body), or all at at (a parameter, whose lines were joined)."""
    from hugokit.diagnostics import InputError
    from hugokit.importers.bibtex import import_bibtex

    try:
        result = import_bibtex(text, at.path, venues or Vocabulary("venues", []))
        said, pubs = result.diagnostics, result.publications
    except InputError as exc:
        said, pubs = exc.diagnostics, []

    def placed(d: Diagnostic) -> Diagnostic:
        if one_line:
            return d._replace(line=at.line, col=at.col)
        return d._replace(line=at.line + max(d.line, 1) - 1, col=d.col if d.line else 1)

    said = [placed(d) for d in said if d.code != "no-entries"]
    if len(pubs) > 1:
        said.append(error(at, CODE, f"the shortcode holds {len(pubs)} BibTeX entries; only the first was read",
                          "give each publication its own shortcode"))
    return (pubs[0] if pubs else None), said


def fill(values: dict[str, object], links: dict[str, str], bib: Publication, at: Position) -> list[Diagnostic]:
    """Gives values (the shortcode's fields) and links what the entry has and they lack; a value of
    the entry that differs from the shortcode's is said, and the shortcode's kept."""
    said = []
    for name in FIELDS:
        theirs = getattr(bib, name)
        if theirs in ("", [], None, 0):
            continue
        mine = values.get(name)
        if mine in (None, "", []):
            values[name] = theirs
        elif name == "venue" and (kept := with_locator_from(str(mine), str(theirs))) is not None:
            values[name] = kept  # the same venue: its locator (a proceedings paper's pages) is the entry's
        elif mine != theirs:
            said.append(_differs(at, name, theirs, mine))
    for kind, url in bib.links.items():
        if kind not in links and url not in links.values():
            links[kind] = url
        elif links.get(kind, url) != url and url not in links.values():
            said.append(_differs(at, f"{kind} link", url, links[kind]))
    return said


def _differs(at: Position, name: str, theirs: object, mine: object) -> Diagnostic:
    def shown(value: object) -> str:
        return ", ".join(map(str, value)) if isinstance(value, list) else str(value)

    return warning(at, CODE, f"the BibTeX entry's {name} {quoted(shown(theirs))} differs from the shortcode's "
                             f"{quoted(shown(mine))}; the shortcode's was kept",
                   "nothing to do if the shortcode is right (the page keeps its BibTeX as written); "
                   "else correct the shortcode's parameter")



_UNUSED = re.compile(r'^(field "[^"]+" is not imported) \(\d+ entr(?:y|ies); first at line \d+\)$')


def once_per_page(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """The entries' unused fields said once per page, with the number of shortcodes and the
    first place, as a .bib file's are (the rest as they are)."""
    out: list[Diagnostic] = []
    seen: dict[str, tuple[int, int]] = {}  # message -> (index in out, count)
    for d in diagnostics:
        found = _UNUSED.match(d.message) if d.code == "bibtex-unused-field" else None
        if found is None:
            out.append(d)
            continue
        index, count = seen.get(found.group(1), (len(out), 0))
        if not count:
            out.append(d)
        seen[found.group(1)] = (index, count + 1)
        first = out[index]
        out[index] = first._replace(message=f"{found.group(1)} ({count + 1} shortcode{'s' if count else ''}; "
                                            f"first at line {first.line})")
    return out
