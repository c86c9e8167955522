"""A journal's locator is written once: in a bundle's `publication`, and in the BibTeX and CSL
exports' own fields, however the venue is written (tests/corpus/hugoblox/nju-astrometry writes it
whole, as physics cites a journal: `*Astronomy & Astrophysics* 634, A28 (2020)`)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import frontmatter
import pybtex.database
import pytest

from conftest import REPO, hugokit, write
from hugokit.database import parse_database
from hugokit.model import Publication
from hugokit.render.bundles import front_matter
from hugokit.render.csl import item
from hugokit.venue_string import parse
from hugokit.vocab import load_vocabularies

NJU = REPO / "tests" / "corpus" / "hugoblox" / "nju-astrometry"
VENUES = load_vocabularies(Path("/nonexistent"))[0].venues


@pytest.mark.parametrize("venue, name, locator, year", [
    ("Nature 612, 45–50 (2022)", "Nature", "612, 45–50", "2022"),  # not volume 45–50, issue 2022
    ("A&A 634, A28 (2020)", "A&A", "634, A28", "2020"),
    ("RAA 22:025008 (2022)", "RAA", "22:025008", "2022"),
    ("Foo 12(3) (2020)", "Foo", "12(3)", "2020"),
    # without a locator before it, a parenthesis is no year; after a volume alone, an issue
    ("ICML (2020)", "ICML (2020)", None, None),
    ("Nature 585 (7825)", "Nature", "585 (7825)", None),
])
def test_a_year_in_parentheses_after_a_locator(venue: str, name: str, locator: str | None, year: str | None) -> None:
    (part,) = parse(venue)
    assert (part.name.text, part.locator and part.locator.text, part.year and part.year.text) == (name, locator, year)


@pytest.mark.parametrize("venue, publication, fields", [
    ("Nature 612, 45–50 (2022)", "*Nature* 612:45–50", {"volume": "612", "page": "45-50"}),
    # a venue of several parts, one naming no venue, is written whole: but for its locator
    ("Nature 612:45–50, 2022, Proceedings of Something", "*Nature 2022, Proceedings of Something* 612:45–50",
     {"volume": "612", "page": "45-50"}),
    ("OSDI 2022, pp. 1–10 (Oral), Some Workshop Thing", "*OSDI 2022, Some Workshop Thing*, pp. 1–10",
     {"page": "1-10"}),
])
def test_the_locator_is_written_once(venue: str, publication: str, fields: dict[str, str]) -> None:
    pub = Publication(title="T", year=2022, venue=venue, authors=["A B"])
    meta = front_matter(pub, VENUES)
    assert meta["publication"] == publication
    csl = item(pub, "k", VENUES)
    assert {k: csl[k] for k in ("volume", "issue", "page") if k in csl} == fields
    assert publication.split("*")[1] == csl["container-title"]  # the container names no locator


def test_a_journal_written_whole_builds_and_exports_its_locator_once(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(NJU, site / "content")
    run = hugokit("import", site / "content/publication", "--site", site)
    assert run.exit_code == 0, run.output  # _index.zh.md, a translation's section page, is no publication
    assert "_index.zh.md" not in run.output
    shutil.rmtree(site / "content/publication")  # the site's own bundles: hugokit's take their place
    run = hugokit("build", "--pages", "--site", site, "--force")
    assert run.exit_code == 0, run.output
    pages = {p.parent.name: frontmatter.load(p).metadata for p in (site / "content/publication").glob("*/index.md")}
    aberration = pages["the-galactic-aberration-and-its-impact-on-astronomical"]
    assert (aberration["publication"], aberration["publication_short"]) == \
        ("*Chin. Astron. Astrophys.* 44:131–145", "Chin. Astron. Astrophys. 44, 131–145 (2020)")
    assert aberration["publication_types"] == ["article-journal"]  # as the site's page says, and the CSL export
    vlbi = pages["systematics-and-accuracy-of-vlbi-astrometry-a-comparison"]
    assert vlbi["publication"] == "*A&A* 634:A28"
    cite = pybtex.database.parse_file(str(site / "content/publication/systematics-and-accuracy-of-vlbi-astrometry-"
                                           "a-comparison/cite.bib"), "bibtex")
    (entry,) = cite.entries.values()
    assert (entry.fields["howpublished"], entry.fields["volume"], entry.fields["pages"], entry.fields["year"]) == \
        ("A\\&A", "634", "A28", "2020")
    assert "number" not in entry.fields  # the year is no issue
    exported = tmp_path / "export.json"
    assert hugokit("export", "csl-json", "--site", site, "--force", "-o", exported).exit_code == 0
    items = {i["title"][:20]: i for i in json.loads(exported.read_text())}
    assert {k: items["The Galactic Aberrat"][k] for k in ("container-title", "volume", "page")} == \
        {"container-title": "Chin. Astron. Astrophys.", "volume": "44", "page": "131-145"}
    # and the database comes back from the bundles as it was
    again = tmp_path / "again"
    again.mkdir()
    assert hugokit("import", site / "content/publication", "--site", again).exit_code == 0
    assert database_of(again) == database_of(site)


def database_of(site: Path) -> list[Publication]:
    database, problems = parse_database((site / "data/publications.yaml").read_text(encoding="utf-8"), "db")
    assert problems == []
    return database.publications


def test_a_venue_written_whole_keeps_its_text_in_the_database(tmp_path: Path) -> None:
    write(tmp_path / "data/publications.yaml", '- {title: T, year: 2022, venue: "Nature 612, 45–50 (2022)"}\n')
    run = hugokit("check", "--site", tmp_path)
    assert "venue-year" not in run.stdout  # its year, read at last, is the filed year
