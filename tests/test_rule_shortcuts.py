"""The rules' shortcuts for large databases — values that recur looked up once, whole-database
scans that spare most entries a look — change no finding: each rule with its shortcut finds
exactly what it finds with the shortcut turned off, on random entries full of the values the
shortcuts are about (aliases, wrong case, unknown terms, unsafe characters, stray spaces)."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from hugokit.cache import Cache
from hugokit.diagnostics import Finding
from hugokit.model import Database, Publication
from hugokit.rules import Context, all_rules
from hugokit.site import load_site

EXAMPLE = Path(__file__).resolve().parent.parent / "examples/site"
_SITE = load_site(EXAMPLE, Cache(None))
VOCAB = _SITE.vocabularies()[0]

_tricky = st.sampled_from(["", " ", "a  b", " lead", "trail ", "tab\tx", "nb\u00a0sp", "line\nbreak", "{{< x >}}",
                           "a %}}", "back\\slash\"quote`tick", "x, y", "ctl\x01", "a\x00 b", "`", "{", "}",
                           "Hao* Zhang", "Hao Zhang#", "and Bo", "Bo  Li", "P\u0304ot", "{The ATLAS Collaboration}"])
_terms = st.sampled_from(["NeurIPS 2023", "NIPS 2019", "neurips 2020", "OSDI 2022 (Best Paper Award)", "Unknown Conf 2020",
                          "ICML 2021 (Oral), AISys@SOSP 2017", "Preprint 2026", "ATC 2018", "arXiv", "",
                          "Workshop on X @ NeurIPS 2022"])
_topics = st.sampled_from(["Selected", "ML Systems", "ml systems", "AutoML", "Unknown Topic", "Healthcare", " AutoML"])
_people = st.sampled_from(["Joseph E. Gonzalez", "Joseph Gonzalez", "Joey Gonzalez", "Joseph E Gonzalez*",
                           "Eric Xing", "Eric P. Xing", "Hao Zhang", "Hao Zhang†", "H. Zhang", "Ana Díaz", "Ana Diaz"])
_awards = st.sampled_from(["", "Best Paper Award", "best paper award", "Most Unusual Prize", " Best Paper Award"])
_kinds = st.sampled_from(["paper", "code", "video", "slides", "x y", "1bad", "project"])
_urls = st.sampled_from(["https://github.com/a/b", "https://arxiv.org/abs/2101.00001", "https://youtu.be/x",
                         "https://example.org/a.pdf", "bad url", "{{< x >}}", "https://x.org/`a\\\"", "/assets/p.pdf"])


def _value(base: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(base, base, base, _tricky)


@st.composite
def _publication(draw: st.DrawFn) -> Publication:
    return Publication(
        title=draw(_value(st.sampled_from(["A Title", "Another one", "A title", "a-title"]))),
        year=draw(st.sampled_from([2020, 2021, 999, 10000, 2031])),
        venue=draw(_value(_terms)), award=draw(_value(_awards)),
        authors=draw(st.lists(_value(_people), max_size=5)), editors=draw(st.lists(_value(_people), max_size=2)),
        topics=draw(st.lists(_value(_topics), max_size=4)),
        links=draw(st.dictionaries(_value(_kinds), _value(_urls), max_size=3)),
        broken=draw(st.sampled_from([frozenset(), frozenset(), frozenset(("venue",)), frozenset(("authors",))])))


def _findings(code: str, publications: list[Publication]) -> list[Finding]:
    context = Context(Database("data/publications.yaml", publications), VOCAB, _SITE.config, {})
    check = all_rules()[code].check
    assert check is not None
    return list(check(context))


def _all_entries(context: Context, field: str, vocabulary: object, fine: object) -> Iterator[Publication]:
    return iter(context.database.checked())


# Each shortcut, and how to turn it off.
SHORTCUTS = {
    "unsafe-value": [("hugokit.rules.unsafe_value._PlainValues.holds", lambda self, pub: False)],
    "stray-whitespace": [("hugokit.rules.stray_whitespace._tidy", lambda joined: False)],
    "unknown-venue": [("hugokit.rules._common._worth_a_look", _all_entries)],
    "unknown-award": [("hugokit.rules._common._worth_a_look", _all_entries)],
    "unknown-topic": [("hugokit.rules._common._worth_a_look", _all_entries)],
    "venue-spelling": [("hugokit.rules._common._worth_a_look", _all_entries)],
    "award-spelling": [("hugokit.rules._common._worth_a_look", _all_entries)],
    "topic-spelling": [("hugokit.rules._common._worth_a_look", _all_entries)],
    "author-variant": [("hugokit.rules.author_variant._as_written", lambda name, people, canonical: False),
                       ("hugokit.rules.author_variant.partnered", set)],  # every spelling's papers
}


@pytest.mark.parametrize("code", sorted(SHORTCUTS))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(publications=st.lists(_publication(), max_size=8))
def test_a_shortcut_changes_no_finding(code: str, publications: list[Publication],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    fast = _findings(code, publications)
    with monkeypatch.context() as patch:
        for target, replacement in SHORTCUTS[code]:
            patch.setattr(target, replacement)
        assert _findings(code, publications) == fast


@settings(max_examples=100, deadline=None)
@given(st.lists(_publication(), max_size=8))
def test_titles_folded_once_serve_both_title_rules_as_before(publications: list[Publication]) -> None:
    """duplicate-title and repeated-title share one folding of the titles per check: each finds,
    in one shared context, what it finds alone."""
    context = Context(Database("data/publications.yaml", publications), VOCAB, _SITE.config, {})
    rules = all_rules()
    shared = [list(rules[code].check(context)) for code in ("duplicate-title", "repeated-title")]  # type: ignore[misc]
    assert shared == [_findings(code, publications) for code in ("duplicate-title", "repeated-title")]


@given(st.one_of(st.text(), st.text(alphabet="aB1 _-:.\t\u212a\u0130", max_size=12)))
def test_titles_are_folded_as_fold_does(title: str) -> None:
    from hugokit.rules._common import folded_title
    from hugokit.text import fold

    assert folded_title(title) == fold(title)


@given(st.lists(_value(_people), max_size=20))
def test_author_marker_judges_each_spelling_as_it_did(authors: list[str]) -> None:
    from hugokit.diagnostics import quoted
    from hugokit.rules.author_marker import problem

    found = _findings("author-marker", [Publication("T", 2020, authors=authors)])
    assert [f.message for f in found] == [f"author {quoted(a)} {problem(a)}" for a in authors if problem(a)]


@given(st.one_of(st.from_regex(r"(And|[A-Z][a-z]+)(-[A-Z][a-z]+)?( [A-Z][A-Za-z.'-]*){1,3}", fullmatch=True),
                 st.sampled_from(["And Smith", "And Ion Stoica", "Andrea Smith", "Anderson Cooper"])))
def test_author_marker_plain_names_shortcut_judges_as_the_full_check(name: str) -> None:
    """A name of the common shape is decided at once; what the full check says of it is the same."""
    import re

    from hugokit.rules import author_marker

    fast = author_marker.problem(name)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(author_marker, "_PLAIN_NAME", re.compile(r"(?!)"))
        assert author_marker.problem(name) == fast
    assert (fast == 'starts with "and"') == name.startswith("And ")


def test_the_shortcuts_are_exercised() -> None:
    """Not vacuous: the sampled values give findings of every one of these rules."""
    pubs = [Publication("A  Title", 2020, venue="NIPS 2019", award="best paper award", topics=["ml systems", "Nope"],
                        authors=["Joseph Gonzalez", "Hao Zhang"], links={"paper": "{{< x >}}"}),
            Publication("A title", 2020, venue="Unknown Conf 2020", award="Most Unusual Prize", authors=["Joseph E. Gonzalez",
                        "Hao Zhang"]),
            Publication("B", 2021, authors=["Joseph E. Gonzalez", "Hao Zhang"])]
    for code in [*SHORTCUTS, "repeated-title"]:
        assert _findings(code, pubs), code
