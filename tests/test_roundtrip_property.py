"""Property: any database the page can represent survives render → import, and any database at
all survives YAML write → read."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from hugokit.database import parse_database
from hugokit.importers.markdown import import_page
from hugokit.model import Publication, by_year
from hugokit.render.database_yaml import render_database
from hugokit.render.page import render_page

# Text as it comes from UTF-8 files: any character but surrogates, with the awkward ones common.
_awkward = st.sampled_from('"\\\'*†‡,:#&%{}<>[]|-` \t')
_letters = st.sampled_from("éüßøçñ李王Ж")
any_text = st.text(st.one_of(st.characters(exclude_categories=("Cs",)), _awkward, _letters), max_size=40)
# The page cannot hold control characters (unsafe-value rejects them), so generate few.
_printable = st.text(st.one_of(st.characters(exclude_categories=("Cs", "Cc")), _awkward, _letters), max_size=40)


def _page_can_hold(value: str, *, list_item: bool = False) -> bool:
    """The oracle, written from the format's description (DESIGN.md), not from hugokit's code: no
    shortcode delimiter, no control character, no backslash that Hugo would drop; a list item is also
    non-empty, unpadded and free of the ", " that separates items."""
    if any(mark in value for mark in ("{{<", "{{%", ">}}", "%}}")):
        return False
    # Hugo drops a quoted value's backslashes once it holds \", and a trailing one escapes the
    # closing quote; backquotes hold anything but a backquote.
    if "\\" in value and ('"' in value or value.endswith("\\")) and "`" in value:
        return False
    if any(ord(c) < 0x20 and c != "\t" or 0x7F <= ord(c) <= 0x9F for c in value):
        return False
    return not list_item or (value != "" and value == value.strip() and ", " not in value)


def _one_name(value: str) -> bool:
    """The page reads names as people write author lists (README.md, import): "A and B" or "A & B" may be
    two people, "and B" after a comma the last one. A name holding neither reads as itself."""
    return not any(word in f" {value} " for word in (" and ", " & "))


page_text = _printable.filter(_page_can_hold)
list_item = _printable.filter(lambda v: _page_can_hold(v, list_item=True))
name_item = list_item.filter(_one_name)
title_text = page_text.filter(lambda v: v.strip() != "")  # an empty title is rejected
link_kind = st.one_of(st.sampled_from(["paper", "code", "project", "slides", "video", "blog"]),
                      st.from_regex(r"[a-z][A-Za-z0-9_]{0,8}", fullmatch=True))
url = page_text.filter(bool)


@st.composite
def page_publications(draw) -> Publication:
    return Publication(
        title=draw(title_text), year=draw(st.integers(1000, 9999)), venue=draw(page_text),
        award=draw(page_text), authors=draw(st.lists(name_item, max_size=6)),
        # the topics are one parameter, so joined they must be writable as well
        topics=draw(st.lists(list_item, max_size=4).filter(lambda items: _page_can_hold(", ".join(items)))),
        links=draw(st.dictionaries(link_kind, url, max_size=5)),
    )


@st.composite
def database_publications(draw) -> Publication:
    pub = draw(page_publications())
    pub.title = draw(any_text.filter(lambda v: v.strip() != ""))
    pub.venue, pub.award = draw(any_text), draw(any_text)
    pub.authors = draw(st.lists(any_text, max_size=4))
    pub.links = draw(st.dictionaries(any_text, any_text, max_size=3))
    pub.abstract, pub.doi, pub.id = draw(any_text), draw(any_text), draw(any_text)
    pub.keywords = draw(st.lists(any_text, max_size=3))
    return pub


@settings(max_examples=300, deadline=None)
@given(st.lists(page_publications(), max_size=6), st.sampled_from(["title: x\n", 'title: ""\nlayout: "p"\n']))
def test_page_render_then_import_gives_the_same_database(publications: list[Publication], front_matter: str) -> None:
    page = render_page(publications, front_matter)
    imported = import_page(page, "content/publications.md")
    assert imported.diagnostics == []
    assert imported.front_matter == front_matter
    assert imported.publications == [pub for _, group in by_year(publications) for pub in group]
    assert render_page(imported.publications, front_matter) == page


@settings(max_examples=300, deadline=None)
@given(st.lists(database_publications(), max_size=5))
def test_database_yaml_write_then_read_gives_the_same_database(publications: list[Publication]) -> None:
    text = render_database(publications)
    database, diagnostics = parse_database(text, "data/publications.yaml")
    assert diagnostics == []
    assert database.publications == publications
    assert render_database(database.publications) == text
