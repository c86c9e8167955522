"""The renderers' shortcuts (values that recur made once, one join of the layouts' JSON) write
exactly what the plain implementations they replaced wrote, kept here as references, on random
databases full of recurring authors and venues, dates with months, and values to escape."""
from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given, settings, strategies as st

from hugokit import shortcode
from hugokit.model import Publication, by_year
from hugokit.render import bibtex, layout_data, page
from hugokit.text import BIBTEX_KEY_BREAKERS, ascii_slug, split_marks
from hugokit.vocab import load_vocabularies
from test_roundtrip_property import database_publications

VENUES = load_vocabularies(Path(__file__).resolve().parent.parent / "examples/site")[0].venues
_people = st.sampled_from(["Joseph E. Gonzalez", "Hao Zhang*", "Ana Díaz", "Anna van der Berg", "et al.", "",
                           "Zillions of Games", "J{\\\"u}rgen", "Łukasz Şahin", "O'Brien"])
_venues = st.sampled_from(["OSDI 2022", "NeurIPS 2023 (Oral)", "Nature 585(7825):357–362", "PhD thesis, MIT 2020",
                           "Master's thesis 2019", "ATC 2018 (Oral), AISys@SOSP 2017", "Preprint 2026", "", "arXiv"])


@st.composite
def _publication(draw: st.DrawFn) -> Publication:
    pub = draw(database_publications())
    pub.authors = draw(st.lists(st.one_of(_people, _people, st.just(pub.authors[0] if pub.authors else "X")),
                                max_size=4))
    pub.venue = draw(st.one_of(_venues, _venues, st.just(pub.venue)))
    pub.year = draw(st.sampled_from([2020, 2021, 2022]))
    pub.date = draw(st.sampled_from(["", "2021", "2021-03", "2022-11-05"]))
    pub.id = draw(st.sampled_from(["", "", "", pub.id, pub.id.upper(), "a b", "a-b"]))
    return pub


def _citation_keys(publications: list[Publication]) -> list[str]:
    """Each key searched from its first suffix (no memo of the last one taken), compared folded."""
    def usable(key: str) -> bool:
        return bool(key) and re.search(BIBTEX_KEY_BREAKERS, key) is None

    firsts = {}
    for at, pub in reversed(list(enumerate(publications))):
        if usable(pub.id):
            firsts[pub.id.lower()] = at
    keys, taken = [], set(firsts)
    for at, pub in enumerate(publications):
        if usable(pub.id) and firsts[pub.id.lower()] == at:
            keys.append(pub.id)
            continue
        if pub.id:
            base = re.sub(BIBTEX_KEY_BREAKERS, "-", pub.id)
        else:
            words = split_marks(pub.authors[0])[0].split() if pub.authors else []
            last = words[-1] if words else "anon"
            words = [w for w in ascii_slug(pub.title).split("-") if len(w) > 3] or ["untitled"]
            base = f"{ascii_slug(last).replace('-', '') or 'anon'}{pub.year}{words[0]}"
        suffixes = [""] + [chr(c) for c in range(ord("a"), ord("z") + 1)] + [str(n) for n in range(28, 10_000)]
        key = next(base + suffix for suffix in suffixes if (base + suffix).lower() not in taken)
        taken.add(key.lower())
        keys.append(key)
    return keys


def _bibtex_entry(pub: Publication, key: str, own_fields: bool) -> str:
    from hugokit.dates import month_of
    from hugokit.venue_kinds import venue_of

    venue = venue_of(pub, VENUES)
    entry_type = venue.kind.bibtex
    if entry_type == "phdthesis" and "master" in venue.name.lower():
        entry_type = "mastersthesis"
    fields: list[tuple[str, str]] = [("title", pub.title)]
    if pub.authors:
        fields.append(("author", " and ".join(bibtex._bibtex_name(a) for a in pub.authors)))
    if pub.editors:
        fields.append(("editor", " and ".join(bibtex._bibtex_name(e) for e in pub.editors)))
    container = bibtex.CONTAINER.get(entry_type.replace("masters", "phd"), "howpublished")
    if venue.name:
        fields.append((container, venue.full))
    if venue.locator is not None:
        fields += venue.locator.fields("volume", "number", "pages", "--")
    fields.append(("year", str(venue.year or pub.year)))
    month = month_of(pub.date) if pub.date else None
    if month:
        fields.append(("month", bibtex.MONTHS[month - 1]))
    if pub.doi:
        fields.append(("doi", pub.doi))
    if pub.arxiv:
        fields += [("eprint", pub.arxiv), ("archivePrefix", "arXiv")]
    if "paper" in pub.links:
        fields.append(("url", pub.links["paper"]))
    if own_fields:
        fields += bibtex._own_fields(pub)
    body = "".join(f"  {name} = {value},\n" if name == "month" else f"  {name} = {{{bibtex._value(name, value)}}},\n"
                   for name, value in fields)
    return f"@{entry_type}{{{key},\n{body}}}\n"


def _page_entry(pub: Publication) -> str:
    params = [(param, pub.links.get(source[6:], "") if source.startswith("links.") else str(getattr(pub, source)))
              for param, source in shortcode.PARAMS]
    params += [(shortcode.link_param(kind), url) for kind, url in pub.links.items()
               if kind not in shortcode.SHORTCODE_LINK_PARAMS]
    params.append((shortcode.TOPICS_PARAM, shortcode.LIST_SEPARATOR.join(pub.topics)))
    if pub.id:
        params.append((shortcode.ID_PARAM, pub.id))
    opening = " ".join(f"{name}={shortcode.quote(value)}" for name, value in params)
    return (f"{{{{< {shortcode.NAME} {opening} >}}}}\n"
            f"{shortcode.author_line(pub.authors, pub.editors)}\n"
            f"{{{{< /{shortcode.NAME} >}}}}\n")


def _layout_text(publications: list[Publication]) -> str:
    """The layouts' JSON as json.dumps writes it, parts joined by lines as before."""
    in_order = [pub for _, group in by_year(publications) for pub in group]
    keys = dict(zip(map(id, publications), _citation_keys(publications)))
    entries: dict[str, object] = {}
    topics: dict[str, list[str]] = {}
    for pub in in_order:
        key = layout_data.lookup_key(pub)
        if key not in entries:
            entries[key] = layout_data.layout_entry(pub, keys[id(pub)], VENUES)
            for topic in pub.topics:
                topics.setdefault(topic, []).append(key)
    dump = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode
    kinds = [{"name": name, "label": kind.label} for name, kind in layout_data.KINDS.items()]
    return "\n".join([f'{{"format":{layout_data.FORMAT},\n"entries":{{',
                      ",\n".join(f"{dump(key)}:{dump(entry)}" for key, entry in entries.items()),
                      f'}},\n"order":{dump(list(entries))},\n"topics":{{',
                      ",\n".join(f"{dump(topic)}:{dump(keys)}" for topic, keys in topics.items()),
                      f'}},\n"kinds":{dump(kinds)},\n"notes":{dump(dict.fromkeys("*†‡", "Equal contribution"))}}}\n'])


@settings(max_examples=200, deadline=None)
@given(st.lists(_publication(), max_size=8))
def test_the_renderers_write_what_the_plain_implementations_wrote(publications: list[Publication]) -> None:
    assert bibtex.citation_keys(publications) == _citation_keys(publications)
    assert layout_data.render_layout_data(publications, VENUES) == _layout_text(publications)
    assert page.render_page(publications) == "".join(
        [f"---\n{page.DEFAULT_FRONT_MATTER}---\n"] + [part for year, entries in by_year(publications) for part in
                                                     (f"\n### {year}\n\n", *(_page_entry(p) + "\n" for p in entries),
                                                      page.YEAR_END)])
    for pub, key in zip(publications, _citation_keys(publications)):
        for own in (True, False):
            assert bibtex.render_entry(pub, key, VENUES, own_fields=own) == _bibtex_entry(pub, key, own)
