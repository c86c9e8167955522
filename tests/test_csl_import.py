"""CSL-JSON import: Zotero's and Better BibTeX's exports (real files in tests/corpus/json/), the
shapes Crossref writes, arXiv preprints, and `hugokit export csl-json` read back."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from conftest import REPO, hugokit, write

CORPUS = REPO / "tests/corpus"


def imported(tmp_path: Path, source: Path, *options: str) -> tuple[list[dict], str, int]:
    site = tmp_path / "site"
    (site / "data").mkdir(parents=True, exist_ok=True)
    run = hugokit("import", source, "--site", site, *options)
    database = site / "data/publications.yaml"
    entries = yaml.safe_load(database.read_text(encoding="utf-8")) if database.exists() else []
    return entries, run.stdout, run.exit_code


@pytest.mark.parametrize(("name", "expected"), [
    ("csl-zotero-otani2016.json", {
        "authors": ["Yūka 大谷由香 Ōtani"], "year": 2016, "venue": "Nihon Bukkyō sōgō kenkyū 日本仏教綜合研究 14:105–132, 2016",
        "doi": "10.20588/nbs.14.0_105"}),
    ("csl-bbt-alff2023.json", {
        "authors": ["Henryk Alff", "Michael Spies"], "year": 2023, "date": "2023-11-17",
        "venue": "Eurasian Geography and Economics 64(7–8):797–810, 2023", "doi": "10.1080/15387216.2023.2258150"}),
    ("csl-bbt-olson2006.json", {
        "title": "Codes, costs, and critiques: The organization of information in Library Quarterly, 1931–2004",
        "authors": ["Hope A. Olson"], "year": 2006, "venue": "Library Quarterly 76(1):19–35, 2006",
        "doi": "10.1086/504343"}),
])
def test_a_reference_manager_s_article_is_imported_with_its_venue_and_locator(tmp_path: Path, name: str,
                                                                               expected: dict) -> None:
    entries, output, code = imported(tmp_path, CORPUS / "json" / name)
    assert code == 0, output
    (entry,) = entries
    assert {key: entry.get(key) for key in expected} == expected


def test_what_has_no_place_is_reported_once_per_field(tmp_path: Path) -> None:
    _, output, _ = imported(tmp_path, CORPUS / "json/csl-zotero-otani2016.json")
    unused = [line.split('"')[1] for line in output.splitlines() if "warning[csl-unused-field]" in line]
    assert unused == ["id", "citation-key", "ISSN", "language", "note", "publisher", "source"]
    assert 'csl-zotero-otani2016.json:3:5: warning[csl-unused-field] "id" (1 item(s))' in output


def test_markup_in_a_title_is_dropped_and_said(tmp_path: Path) -> None:
    _, output, _ = imported(tmp_path, CORPUS / "json/csl-bbt-olson2006.json")
    assert "csl-bbt-olson2006.json:24:14: warning[csl-markup] item 1: the title's markup was dropped" in output


def test_every_date_form_gives_its_first_date_and_what_cannot_be_filed_is_an_error(tmp_path: Path) -> None:
    entries, output, code = imported(tmp_path, CORPUS / "json/csl-bbt-dates.json", "--partial")
    assert code == 1
    assert [(e["title"], e["year"], e.get("date")) for e in entries] == [
        ("A manuscript", 2014, "2014-12-31"), ("open-ended date range test", 2014, "2014-12-31"),
        ("single date test", 2014, "2014-12-31"), ("The Politics of Film Canons", 1985, None)]
    assert entries[-1]["venue"] == "Cinema Journal 24(3):4–23, 1985"
    errors = [line for line in output.splitlines() if "error[" in line]
    assert errors == [
        f"{CORPUS}/json/csl-bbt-dates.json:14:4: error[missing-key] item 2 has no issued date; it was skipped "
        '(add "issued": {"date-parts": [[2024]]})',
        f'{CORPUS}/json/csl-bbt-dates.json:44:15: error[bad-date] "issued" of item 5 is the year -334: the database '
        "files publications by a year of four digits (give the publication's own year; it was skipped)",
        f'{CORPUS}/json/csl-bbt-dates.json:53:15: error[bad-date] "issued" of item 6 is the year -100: the database '
        "files publications by a year of four digits (give the publication's own year; it was skipped)"]
    unused = {line.split('"')[1] for line in output.splitlines() if "csl-unused-field" in line}
    assert unused == {"original-date", "container", "event-date", "submitted", "accessed", "id"}
    dates = [line.split(": warning[csl-date] ")[1] for line in output.splitlines() if "warning[csl-date]" in line]
    assert dates == [  # what of a date has no place is said, never dropped without a word
        '"issued" of item 1 is a range: only its start is imported (nothing to do if the start is the publication\'s date)',
        '"issued" of item 6 is a range: only its start is imported (nothing to do if the start is the publication\'s date)',
        '"issued" of item 7: its season has no place in the database; it was not imported (nothing to do if the year '
        'is what the page needs)']


def test_crossref_s_shapes_and_an_arxiv_preprint(tmp_path: Path) -> None:
    """Crossref's CSL names its types its own way (journal-article) and may write lists of one
    and a bare list of date parts; Zotero writes an arXiv preprint as an article with its number."""
    items = [
        {"type": "journal-article", "title": ["Origins of Homophily in an Evolving Social Network"],
         "author": [{"given": "Gueorgi", "family": "Kossinets"}, {"given": "Duncan J.", "family": "Watts"}],
         "container-title": ["American Journal of Sociology"], "issued": [[2009, 9]], "volume": "115", "issue": "2",
         "page": "405-450", "DOI": "10.1086/599247"},
        {"type": "article", "title": "CLLMs: Consistency Large Language Models", "number": "arXiv:2403.00835",
         "publisher": "arXiv", "DOI": "10.48550/arXiv.2403.00835", "URL": "http://arxiv.org/abs/2403.00835",
         "author": [{"given": "Siqi", "family": "Kou"}, {"literal": "The CLLM Team"}],
         "issued": {"date-parts": [["2024", "2", "28"]]}},
        {"type": "paper-conference", "title": "A Paper", "author": [{"given": "Ludwig", "non-dropping-particle": "van",
                                                                    "family": "Beethoven", "suffix": "Jr."}],
         "event": {"name": "Proceedings of the 29th Symposium on Operating Systems Principles, SOSP 2023, Koblenz, "
                            "Germany, October 23-26, 2023", "location": "Koblenz"},
         "issued": {"date-parts": [[2023, 10]]}, "page": "1-17", "volume": "12345"},
    ]
    source = write(tmp_path / "items.json", json.dumps(items))
    entries, output, code = imported(tmp_path, source)
    assert code == 0, output
    article, preprint, paper = entries
    assert (article["title"], article["venue"], article["date"]) == (
        "Origins of Homophily in an Evolving Social Network", "American Journal of Sociology 115(2):405–450, 2009",
        "2009-09")
    assert (preprint["venue"], preprint["arxiv"], preprint.get("doi"), preprint["authors"]) == (
        "Preprint 2024", "2403.00835", None, ["Siqi Kou", "The CLLM Team"])
    # A proceedings paper's pages are its locator; its volume is the series' (reported).
    assert (paper["venue"], paper["authors"]) == ("SOSP 2023, pp. 1–17", ["Ludwig van Beethoven Jr."])
    unused = {line.split('"')[1] for line in output.splitlines() if "csl-unused-field" in line}
    assert unused == {"publisher", "volume"}
    assert 'warning[csl-proceedings] item 3: "event" "Proceedings of the 29th Symposium on Operating ' \
           'Systems Principles, SOSP 2023, Koblenz, Germany, October 23-26, 2023" was read as SOSP 2023' in output


@pytest.mark.parametrize("name", ["aibasel-group.bib", "donlelek-myreferences.bib", "msmbuilder-publications.bib",
                                  "xampl.bib", "al-folio-template.bib"])
def test_export_csl_json_reads_back(tmp_path: Path, name: str) -> None:
    """What CSL can hold comes back: titles, authors (without their marks, which CSL has no place
    for), the year, the venue with its locator, the date, the DOI and the abstract."""
    first, _, _ = imported(tmp_path / "a", CORPUS / "bibtex" / name, "--partial")
    exported = hugokit("export", "csl-json", "--site", tmp_path / "a/site", "--force")
    assert exported.exit_code == 0
    again, output, code = imported(tmp_path / "b", write(tmp_path / "x.json", exported.stdout))
    assert code == 0, output
    keys = ("title", "year", "venue", "date", "doi", "abstract")
    assert [{k: e.get(k) for k in keys} for e in again] == [{k: e.get(k) for k in keys} for e in first]
    unmarked = [[a.rstrip("*†‡§") for a in e.get("authors", [])] for e in first]
    assert [e.get("authors", []) for e in again] == unmarked


def test_a_broken_item_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    items = [{"type": "article-journal", "title": "T", "author": "Ada Lovelace", "issued": {"date-parts": [[2020]]}},
             {"type": "book", "title": "U", "issued": {"date-parts": [["MMXX"]]}}]
    source = write(tmp_path / "bad.json", json.dumps(items, indent=1))
    entries, output, code = imported(tmp_path, source)
    assert code == 1 and entries == []
    assert "bad.json:5:13: error[" in output and '"author" of item 1' in output
    assert 'error[bad-date] "issued" of item 2 is not a date' in output


@pytest.mark.parametrize("issued", [{"raw": "someday"}, {"season": 2}, {"literal": "in press"}, "2020", [], {}])
def test_an_unreadable_issued_date_is_an_error_never_a_silent_skip(tmp_path: Path, issued: object) -> None:
    items = [{"type": "article-journal", "title": "T", "author": [{"family": "B"}], "issued": issued},
             {"type": "article-journal", "title": "U", "author": [{"family": "C"}], "issued": {"raw": "2021-03"}}]
    entries, output, code = imported(tmp_path, write(tmp_path / "d.json", json.dumps(items)), "--partial")
    assert code == 1 and [(e["title"], e["year"], e.get("date")) for e in entries] == [("U", 2021, "2021-03")]
    assert 'error[bad-date] "issued" of item 1 is not a date' in output, output
