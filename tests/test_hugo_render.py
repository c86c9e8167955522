"""The example site rendered by real Hugo: the HTML carries every entry, with what it needs."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from pybtex.database import parse_string

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
    labels = {"doi": "DOI", "arxiv": "arXiv"}
    for html, entry in zip(entries, in_page_order(DATABASE), strict=True):
        assert html["data-topic"] == ", ".join(entry["topics"]) and html["data-topic"]
        links = {a["data-kind"]: (a.get_text(strip=True), a["href"]) for a in html.select(".hugokit-pub__links a")}
        expected = {kind: (kind.capitalize(), url) for kind, url in entry.get("links", {}).items()}
        if "doi" in entry:
            expected["doi"] = ("DOI", f"https://doi.org/{entry['doi']}")
        if "arxiv" in entry:
            expected["arxiv"] = ("arXiv", f"https://arxiv.org/abs/{entry['arxiv']}")
        assert links == {kind: (labels.get(kind, label), url) for kind, (label, url) in expected.items()}
        title_link = html.select_one(".hugokit-pub__title a")
        target = next((url for kind in ("paper", "doi", "arxiv") for k, (_, url) in expected.items() if k == kind), None)
        assert (title_link["href"] if title_link else None) == target
        award = html.select_one(".hugokit-award")
        assert (award.get_text() if award else None) == entry.get("award")
        assert html.select_one(".hugokit-venue").get_text() == entry["venue"]
        owners = [s.get_text() for s in html.select(".hugokit-owner")]
        assert owners == ([OWNER] if any(a.rstrip("*†") == OWNER for a in entry["authors"]) else [])
        authors_text = html.select_one(".hugokit-pub__authors").get_text()
        assert authors_text == ", ".join(entry["authors"])  # marks kept, as superscripts
        marks = [s.get_text() for s in html.select(".hugokit-mark")]
        assert marks == [a[len(a.rstrip("*†")):] for a in entry["authors"] if a.rstrip("*†") != a]
        # Every entry can be cited: hugokit's BibTeX of it, with its id as key when it has one.
        bibtex = parse_string(html.select_one(".hugokit-toggle--bibtex code").get_text(), "bibtex")
        assert len(bibtex.entries) == 1 and (entry.get("id") in (None, *bibtex.entries))
        assert bool(html.select(".hugokit-toggle--abstract")) == ("abstract" in entry)


def test_the_page_is_a_full_document_with_one_stylesheet_and_script(public: Path) -> None:
    text = (public / "publications/index.html").read_text()
    assert text.lstrip().upper().startswith("<!DOCTYPE HTML>")
    html = BeautifulSoup(text, "html.parser")
    assert html.select_one('head meta[name="viewport"]') and html.select_one("head title").get_text()
    assert html.select_one("h1").get_text() == "Publications"
    assert text.count(".hugokit-pub{") == 1 and len(html.select("script")) == 1
    # No spacer paragraphs between the years: the headings' own margins separate them.
    assert "\u2003" not in text and "&emsp;" not in text


def test_rich_entry_shows_abstract_bibtex_doi_and_arxiv(public: Path) -> None:
    from test_layouts_standalone import assert_rich_entry

    assert_rich_entry(page(public, "publications"))


def test_type_buttons_count_each_kind_of_venue(public: Path) -> None:
    buttons = page(public, "publications").select("button[data-hugokit-type]")
    shown = {b["data-hugokit-type"]: int(b.select_one(".hugokit-count").get_text()) for b in buttons}
    entries = page(public, "publications").select(".hugokit-list .hugokit-pub")
    kinds = Counter(e["data-type"] for e in entries)
    assert shown == {"": len(DATABASE), **kinds} and "" not in kinds
    assert {"conference", "preprint"} <= set(kinds)


def test_year_headings_newest_first(public: Path) -> None:
    headings = [h.get_text() for h in page(public, "publications").select(".hugokit-list h3")]
    assert headings == [str(y) for y in sorted({e["year"] for e in DATABASE}, reverse=True)]


def test_topic_buttons_follow_the_vocabulary_with_counts(public: Path) -> None:
    buttons = page(public, "publications").select("[data-hugokit-filter=topic] button")
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


def test_every_publication_has_a_rendered_page_bundle_with_its_citation(public: Path) -> None:
    bundles = sorted((public / "publication").glob("*/index.html"))
    assert len(bundles) == len(DATABASE)
    titles = set()
    for html_file in bundles:
        html = BeautifulSoup(html_file.read_text(), "html.parser")
        titles.add(html.select_one("article.publication h1").get_text())
        cite = html.select_one("a.publication__cite")["href"]
        bib = public / cite.lstrip("/")
        assert bib.read_text().startswith("% Generated by hugokit")
    assert titles == {entry["title"] for entry in DATABASE}


def test_the_marks_mean_what_the_sites_legend_says(tmp_path: Path) -> None:
    """author_notes in hugokit.yaml reach the list page through the layouts' data: each mark's
    tooltip and the legend under the list say the site's meaning; without it, equal contribution."""
    import shutil

    from conftest import REPO, hugokit

    site = tmp_path / "site"
    shutil.copytree(EXAMPLE_SITE, site, ignore=shutil.ignore_patterns("public", "resources", ".hugo_build.lock"))
    config = (site / "hugo.toml").read_text(encoding="utf-8")
    (site / "hugo.toml").write_text(config.replace('path = "../../.."', f'path = "{REPO}"'), encoding="utf-8")
    with (site / "hugokit.yaml").open("a", encoding="utf-8") as config:
        config.write('author_notes: {"†": Corresponding author}\n')
    assert hugokit("build", "--site", site).exit_code == 0
    result = render(site, tmp_path / "public")
    assert result.returncode == 0, result.stdout + result.stderr
    html = page(tmp_path / "public", "publications")
    titles = {(s.get_text(), s["title"]) for s in html.select(".hugokit-mark")}
    assert titles == {("*", "equal contribution"), ("†", "corresponding author")}
    legend = html.select_one(".hugokit-legend")
    assert " ".join(legend.get_text().split()) == "* equal contribution; † corresponding author"
    assert [s.get_text() for s in legend.select("sup")] == ["*", "†"]


def test_without_a_legend_every_mark_is_equal_contribution(public: Path) -> None:
    html = page(public, "publications")
    assert {s["title"] for s in html.select(".hugokit-mark")} == {"equal contribution"}
    assert " ".join(html.select_one(".hugokit-legend").get_text().split()) == "*, † equal contribution"
