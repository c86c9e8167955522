"""The data hugokit's Hugo layouts read (data/hugokit/publications.json by default).

The layouts never read data/publications.yaml: Hugo's YAML loader gives up on large files
("too many YAML aliases for non-scalar nodes" from a few thousand entries on, though the file
has no aliases), while it reads JSON of any size. Each entry is found by the key the shortcode
can form from its own parameters: `id:<id>` when the entry has an id (the page passes it),
else `title:<title>`, so the shortcode page itself carries nothing extra. The venue kinds come
along (name and label, in the type filter's order), and what each author mark means (the site's
author_notes legend), so that the layouts hold no copy of them.
"""
from __future__ import annotations

import json

from hugokit import venue_string
from hugokit.author_notes import DEFAULT_LEGEND
from hugokit.model import Publication, by_year
from hugokit.render.bibtex import citation_keys, render_entry
from hugokit.venue_kinds import KINDS, Venue, venue_of
from hugokit.vocab import Vocabulary

FORMAT = 1


def lookup_key(pub: Publication) -> str:
    return f"id:{pub.id}" if pub.id else f"title:{pub.title}"


def layout_entry(pub: Publication, citation_key: str, venues: Vocabulary,
                 venue: Venue | None = None, bibtex: str | None = None) -> dict[str, object]:
    """The entry's fields, its venue's kind (the page's type filter) and its BibTeX for citing
    (venue: venue_of(pub, venues); bibtex: that BibTeX, when the caller has them)."""
    entry = pub.fields()
    venue = venue or venue_of(pub, venues)
    entry["kind"] = venue.kind_name
    # The venue grammar's presentation marks (`ATC 2018 (Oral)`) are shown as a badge, not as text.
    parts = venue_string.parse(pub.venue)
    marks = [mark for part in parts for mark in part.marks if mark.kind == "presentation"]
    if marks:
        entry["presentation"] = ", ".join(dict.fromkeys(mark.value.text.capitalize() for mark in marks))
        entry["venue_shown"] = venue_string.without(pub.venue, [mark.whole for mark in marks])
    entry["bibtex"] = bibtex or render_entry(pub, citation_key, venues, own_fields=False, venue=venue)
    return entry


def render_layout_data(publications: list[Publication], venues: Vocabulary,
                       keys: list[str] | None = None, notes: dict[str, str] | None = None,
                       citing: dict[str, str] | None = None) -> str:
    """JSON: entries by lookup key, the keys in page order, per topic its keys in page order, the
    venue kinds, and what each author mark means (keys: citation_keys(publications), when the
    caller has them; notes: the site's legend, hugokit.author_notes.legend; citing: the standard
    BibTeX of entries already rendered, by citation key, see render.bundles.render_bundle)."""
    in_order = [pub for _, group in by_year(publications) for pub in group]
    key_of = dict(zip(map(id, publications), keys or citation_keys(publications)))
    entries: list[tuple[str, Publication]] = []
    taken: set[str] = set()
    order: list[str] = []
    topics: dict[str, list[str]] = {}
    for pub in in_order:
        key = lookup_key(pub)
        if key in taken:  # a duplicate title (built with --force): the first one wins
            continue
        taken.add(key)
        entries.append((key, pub))
        order.append(key)
        for topic in pub.topics:
            topics.setdefault(topic, []).append(key)
    # json.dumps's encoder, made once; the data are lists and mappings of strings, never circular.
    dump = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode
    venue_by_name: dict[str, Venue] = {}  # a list names the same venues again and again
    citing = citing or {}

    def line(item: tuple[str, Publication]) -> str:
        key, pub = item
        venue = venue_by_name.get(pub.venue)
        if venue is None:
            venue = venue_by_name[pub.venue] = venue_of(pub, venues)
        citation_key = key_of[id(pub)]
        return f"{dump(key)}:{dump(layout_entry(pub, citation_key, venues, venue, citing.get(citation_key)))}"

    # One entry a line, so that a diff of the file (build --diff, a pull request) shows entries;
    # one join of it all (the first and last lines carrying what comes before and after): a join
    # copies every character, and the text is large.
    kinds = [{"name": name, "label": kind.label} for name, kind in KINDS.items()]
    lines = list(map(line, entries)) or [""]
    lines[0] = f'{{"format":{FORMAT},\n"entries":{{\n' + lines[0]
    lines[-1] += "".join([f'\n}},\n"order":{dump(order)},\n"topics":{{\n',
                          ",\n".join(f"{dump(topic)}:{dump(listed)}" for topic, listed in topics.items()),
                          f'\n}},\n"kinds":{dump(kinds)},\n"notes":{dump(notes or DEFAULT_LEGEND)}}}\n'])
    return ",\n".join(lines)
