"""A bundle's front-matter text is written by hugokit itself (hugokit/render/front_matter_yaml.py):
it must be byte for byte what libyaml emits for the same nodes, for every value front_matter()
can produce, and read back as the same dict."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given, settings, strategies as st

from conftest import FIXTURES, REPO
from hugokit.importers.bibtex import import_bibtex
from hugokit.importers.json_list import import_json
from hugokit.importers.markdown import import_page
from hugokit.model import Publication
from hugokit.render import front_matter_yaml as emitter
from hugokit.render.bundles import MARK, front_matter, render_bundle
from hugokit.vocab import load_vocabularies

VENUES = load_vocabularies(REPO / "tests" / "no-site-here")[0].venues


def libyaml(meta: dict[str, object]) -> str:
    """What bundles were written with before hugokit wrote the text itself."""
    return yaml.serialize(emitter.node(meta), Dumper=yaml.CSafeDumper, allow_unicode=True, width=100)


# Every rule of the resolver and of libyaml's analyze_scalar has a string here that breaks it.
_EDGES = [
    "", " ", "  ", "yes", "Yes", "NO", "on", "Off", "y", "n", "true", "False", "null", "Null", "~", "=", "<<",
    "!", "&", "*", ".inf", "-.Inf", ".NaN", "1.0", "1e3", "1.5e+3", "1_000", "0x1F", "0o17", "0b101", "017", "08",
    "+1", "-0", "1:20", "190:20:30.15", "2020-01-01", "2020-1-1", "2001-12-14t21:59:43.10-05:00",
    "2020-01-01 10:00:00", "2022", "2022-05", "---", "...", "--- x", "...x", "-- x", "- x", "-", "-x", "?", "? x",
    "?x", ":", ": x", ":x", "a: b", "a:b", "a:", "a :", "a #b", "a#b", "#x", "x #", "'x", "x'", "it's", '"x',
    'x"', "%x", "@x", "`x", "|", "|x", ">", ">x", "[x]", "x[y]", "{x}", "x{y}", ",x", "x,y", "&a", "*a", "!a",
    "\U0001d518", "a\U0001f600b", "e\u0301", "\u0301", "李王", "Ж", "\t", "a\tb", "\x00", "\x07", "\x1b", "\x7f",
    "\x85", "\x9f", "a\u2028b", "\u2029", "\ufeff", "a\ufeffb", "\ufffe", "\uffff", "\ufffd", "\ud7ff", "\ue000",
    "\xa0", "a\xa0", "é\t", "\tЖ", "Ж\x07", "é\x7f", "李\x85", "é\nü", "é\r", "ü ", " ü",
    "\u3000", "x\u3000", "a ", " a", "a  b", "a   b", "\n", "a\nb", "a\n", "\r\n", "a\rb",
    "x" * 150, "word " * 30, "'" * 120, "Equal contribution", "https://example.org/a b?c=d#e",
]
_words = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
_plainish = st.text("abcxyz'#:-, ", min_size=1, max_size=14)


def _joined(parts: list[str], separators: list[str]) -> str:
    return "".join(p + s for p, s in zip(parts, separators + [""] * len(parts)))


# Lines near the fold: words of every kind joined by one, two or no spaces, up to ~250 columns.
_long = st.builds(_joined, st.lists(st.one_of(st.sampled_from(_EDGES), _plainish, _words), max_size=40),
                  st.lists(st.sampled_from([" ", " ", " ", "  ", "", "\n", "' "]), max_size=40))
text = st.one_of(st.sampled_from(_EDGES), _words, _long, st.text(max_size=30))
integers = st.one_of(st.integers(1000, 2100), st.integers())


@st.composite
def metas(draw: st.DrawFn) -> dict[str, object]:
    """Dicts of the shapes front_matter() makes: its keys, in its order, each optional one drawn."""
    optional = st.booleans()
    authors = draw(st.lists(text, max_size=6))
    meta: dict[str, object] = {"title": draw(text), "authors": authors}
    if draw(optional):
        meta["author_notes"] = draw(st.lists(st.one_of(st.sampled_from(["Equal contribution", ""]), text),
                                             max_size=6))
    meta["date"] = draw(text)
    meta["publication_types"] = [draw(text)]
    for key in ("publication", "publication_short", "abstract", "doi"):
        if draw(optional):
            meta[key] = draw(text)
    meta["tags"] = draw(st.lists(text, max_size=4))
    meta["featured"] = draw(st.booleans())
    for key in ("url_pdf", "url_code", "url_slides"):
        if draw(optional):
            meta[key] = draw(text)
    if draw(optional):
        meta["links"] = draw(st.lists(st.fixed_dictionaries({"name": text, "url": text}), min_size=1, max_size=3))
    if draw(optional):
        meta["award"] = draw(text)
    own: dict[str, object] = {"year": draw(integers), "venue": draw(text)}
    if draw(optional):
        own["date"] = draw(text)
    if draw(optional):
        own["authors"] = draw(st.lists(text, max_size=4))
    meta["hugokit"] = own
    return meta


@settings(max_examples=1500, deadline=None)
@given(metas())
@example({"title": "word " * 19 + "x", "authors": [], "date": "2020-01-01", "hugokit": {"year": 2020, "venue": ""}})
@example({"title": "a " * 47 + "' '", "tags": ["- " * 60], "hugokit": {"year": -1, "venue": "'" * 99}})
def test_the_text_is_libyamls_and_reads_back_as_the_dict(meta: dict[str, object]) -> None:
    text = emitter.front_matter_yaml(meta)
    assert text == libyaml(meta)
    assert yaml.safe_load(text) == meta


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.one_of(st.sampled_from(["y", "on", "null", "Key", "a b", "a:", "x" * 70, "url_pdf"]),
                                 st.text(max_size=8)),
                       st.one_of(text, st.booleans(), integers, st.lists(st.one_of(text, st.booleans(), integers)),
                                 st.dictionaries(st.text(max_size=5), st.one_of(text, st.lists(text))),
                                 st.lists(st.dictionaries(st.text(max_size=5), st.one_of(text, st.lists(text))))),
                       max_size=4))
def test_any_keys_and_nesting_give_libyamls_text_too(meta: dict[str, object]) -> None:
    assert emitter.front_matter_yaml(meta) == libyaml(meta)


def test_a_value_front_matter_never_makes_is_refused_as_before() -> None:
    for value in (None, 1.5, ("a",), {"a": None}):
        with pytest.raises(TypeError):
            emitter.front_matter_yaml({"title": "x", "other": value})


def test_a_resolver_added_later_is_obeyed(monkeypatch: pytest.MonkeyPatch) -> None:
    meta: dict[str, object] = {"title": "Hugo", "tags": ["Hugo"]}
    assert emitter.front_matter_yaml(meta) == "title: Hugo\ntags:\n- Hugo\n"
    table = {first: list(resolvers) for first, resolvers in yaml.CSafeDumper.yaml_implicit_resolvers.items()}
    table.setdefault("H", []).append(("tag:example.org,2025:hugo", re.compile("^Hugo$")))
    monkeypatch.setattr(yaml.CSafeDumper, "yaml_implicit_resolvers", table, raising=False)
    assert emitter.front_matter_yaml(meta) == libyaml(meta) == "title: 'Hugo'\ntags:\n- 'Hugo'\n"


def _same_bundles(publications: list[Publication], monkeypatch: pytest.MonkeyPatch) -> int:
    """Asserts every generated index.md is the one libyaml's text makes; the keys left to libyaml."""
    left: list[str] = []
    whole = emitter._libyaml

    def counting(meta: dict[str, object]) -> str:
        left.extend(meta)
        return whole(meta)

    monkeypatch.setattr(emitter, "_libyaml", counting)
    pages = [render_bundle(pub, "key", VENUES)["index.md"] for pub in publications]
    for pub, page in zip(publications, pages):
        meta = front_matter(pub, VENUES)
        assert page == f"---\n{MARK}\n{libyaml(meta)}---\n"
    return len(left)


@pytest.mark.parametrize("space", ["\xa0", "\u2009", "\u3000"])
def test_a_last_value_keeps_its_final_unicode_space(space: str) -> None:
    page = render_bundle(Publication(title="T", year=2020, venue="Preprint 2020" + space), "key", VENUES)["index.md"]
    assert page.endswith(f"  venue: Preprint 2020{space}\n---\n")
    assert yaml.safe_load(page.split("---\n")[1])["hugokit"]["venue"] == "Preprint 2020" + space


def test_every_bundle_of_a_generated_site_is_as_libyaml_writes_it(monkeypatch: pytest.MonkeyPatch) -> None:
    sys.path.insert(0, str(REPO / "bench"))
    import generate

    assert _same_bundles(generate.publications(2000), monkeypatch) == 0  # all written by hugokit


def _real_publications() -> list[Publication]:
    corpus = REPO / "tests" / "corpus"
    pubs = [*import_page((FIXTURES / "seed-publications.md").read_text(), "seed").publications,
            *import_page((FIXTURES / "seed-mentor-page.md").read_text(), "mentor").publications,
            *import_page((corpus / "markdown/mkpong-about-publications.md").read_text(), "mkpong").publications]
    for bib in [FIXTURES / "real-world.bib", *sorted((corpus / "bibtex").glob("*.bib"))]:
        pubs += import_bibtex(bib.read_text(), bib.name, VENUES).publications
    for listing in sorted((corpus / "json").glob("*.json")):
        pubs += import_json(listing.read_text(), listing.name).publications
    return pubs


def test_real_publications_give_libyamls_bundles(monkeypatch: pytest.MonkeyPatch) -> None:
    publications = _real_publications()
    assert len(publications) > 300
    keys = sum(len(front_matter(pub, VENUES)) for pub in publications)
    assert _same_bundles(publications, monkeypatch) <= keys // 50  # hugokit writes nearly all of it


def test_folded_lines_match_libyaml_at_every_start_column() -> None:
    for shift in range(0, 40):
        for quote in ("", "- ", "'", "a'"):
            words = quote + "x" * shift + " ab" * 60
            for meta in ({"title": words}, {"tags": [words]}, {"links": [{"name": words, "url": words}]},
                         {"hugokit": {"venue": words, "authors": [words]}}):
                assert emitter.front_matter_yaml(meta) == libyaml(meta)
