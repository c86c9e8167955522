"""The example site rendered by real Hugo: the HTML carries every entry, with what it needs."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import EXAMPLE_SITE
from hugo_site import render

DATABASE = yaml.safe_load((EXAMPLE_SITE / "data/publications.yaml").read_text())
OWNER = "Hao Zhang"


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("public")
    result = render(EXAMPLE_SITE, out)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARN" not in result.stdout + result.stderr
    return out


def page(public: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((public / path / "index.html").read_text(), "html.parser")


def in_page_order(database: list[dict]) -> list[dict]:
    return sorted(database, key=lambda entry: -entry["year"])  # stable: database order within a year


def test_one_entry_per_publication_in_page_order(public: Path) -> None:
    entries = page(public, "publications").select(".hugokit-list .hugokit-pub")
    titles = [e.select_one(".hugokit-pub__title").get_text() for e in entries]
    assert titles == [entry["title"] for entry in in_page_order(DATABASE)]


def test_each_entry_has_topics_links_award_and_owner(public: Path) -> None:
    entries = page(public, "publications").select(".hugokit-list .hugokit-pub")
    for html, entry in zip(entries, in_page_order(DATABASE), strict=True):
        assert html["data-topic"] == ", ".join(entry["topics"]) and html["data-topic"]
        links = {a.get_text(): a["href"] for a in html.select(".hugokit-pub__links a")}
        assert links == {kind.capitalize(): url for kind, url in entry.get("links", {}).items()}
        title_link = html.select_one(".hugokit-pub__title a")
        assert (title_link["href"] if title_link else None) == entry.get("links", {}).get("paper")
        award = html.select_one(".hugokit-award")
        assert (award.get_text() if award else None) == entry.get("award")
        assert html.select_one(".hugokit-venue").get_text() == entry["venue"]
        owners = [s.get_text() for s in html.select(".hugokit-owner")]
        assert owners == ([OWNER] if any(a.rstrip("*†") == OWNER for a in entry["authors"]) else [])
        authors_text = html.select_one(".hugokit-pub__authors").get_text()
        assert authors_text == ", ".join(entry["authors"])  # marks kept, as superscripts
        marks = [s.get_text() for s in html.select(".hugokit-mark")]
        assert marks == [a[len(a.rstrip("*†")):] for a in entry["authors"] if a.rstrip("*†") != a]


def test_year_headings_newest_first(public: Path) -> None:
    headings = [h.get_text() for h in page(public, "publications").select(".hugokit-list h3")]
    assert headings == [str(y) for y in sorted({e["year"] for e in DATABASE}, reverse=True)]


def test_topic_buttons_follow_the_vocabulary_with_counts(public: Path) -> None:
    buttons = page(public, "publications").select("[data-hugokit-filter] button")
    shown = [(b["data-hugokit-topic"], int(b.select_one(".hugokit-count").get_text())) for b in buttons]
    counts = Counter(t for entry in DATABASE for t in entry["topics"])
    vocabulary = [t if isinstance(t, str) else t["name"] for t in yaml.safe_load((EXAMPLE_SITE / "data/topics.yaml").read_text())]
    assert shown == [("", len(DATABASE))] + [(t, counts[t]) for t in vocabulary]
    assert [b["aria-pressed"] for b in buttons] == ["true"] + ["false"] * len(vocabulary)
    assert all(b.name == "button" and b["type"] == "button" for b in buttons)


def test_legend_explains_equal_contribution_marks(public: Path) -> None:
    assert "equal contribution" in page(public, "publications").select_one(".hugokit-legend").get_text()


def test_homepage_lists_selected_publications_newest_first(public: Path) -> None:
    entries = page(public, "").select(".hugokit-selected .hugokit-pub")
    selected = [e["title"] for e in in_page_order(DATABASE) if "Selected" in e["topics"]][:8]
    assert [e.select_one(".hugokit-pub__title").get_text() for e in entries] == selected
