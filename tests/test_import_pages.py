"""Importing publication pages: Hugo Blox bundles and academicpages pages, from real sites' files."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLE_SITE, REPO, hugokit, write
from hugokit.database import parse_database
from hugokit.model import Publication

CORPUS = REPO / "tests" / "corpus"
HUGOBLOX = CORPUS / "hugoblox"


def database_of(site: Path) -> list[Publication]:
    database, problems = parse_database((site / "data/publications.yaml").read_text(), "db")
    assert problems == []
    return database.publications


def test_a_folder_of_hugo_blox_bundles(tmp_path: Path) -> None:
    source = tmp_path / "hugoblox"
    for item in ("giabbanelli-group", "theme-academic-cv"):
        shutil.copytree(HUGOBLOX / item, source / item)
    run = hugokit("import", source, "--site", tmp_path)
    assert run.exit_code == 0, run.output
    assert "imported 4 publications" in run.stdout
    pubs = {p.title: p for p in database_of(tmp_path)}
    obesity = pubs["A fuzzy cognitive map of the psychosocial determinants of obesity"]
    assert obesity.authors == ["P.J. Giabbanelli", "T. Torsney-Weir", "V.K. Mago"]
    assert (obesity.year, obesity.date, obesity.doi) == (2012, "2012-09-28", "10.1016/j.asoc.2012.02.006")
    assert obesity.venue == "Applied Soft Computing 12(12):3711–3724"  # in no registry: verbatim
    inline = pubs["Inline tests"]
    assert inline.id == "liu2022inlinetests"  # the key of its cite.bib
    assert inline.venue == "ASE 2022"  # publication_short without its "In *…*"
    assert inline.topics == ["Selected", "inline testing"]  # featured: true
    assert inline.links == {"code": "https://github.com/EngineeringSoftware/inlinetest",
                            "slides": "inline-tests-slides.pdf"}  # the empty url_* are not links
    assert inline.abstract.startswith("Unit tests are widely used")
    # what is not imported is named once, with its count and first place
    first = f"{source}/giabbanelli-group/a-fuzzy-cognitive-map-of-the-psychosocial-determinants-of-obesity"
    assert f'{first}/index.md:3:1: warning[not-imported] "publication_types" is not imported: 4 pages' in run.stdout
    assert run.stdout.count('"image" is not imported') == 1
    # Both pages' full names (`32th ACM SIGSOFT International Symposium on Software Testing and
    # Analysis`) name the registry venue their publication_short gives, so nothing is left unused.
    assert '"publication" (the full venue name' not in run.stdout
    assert 'warning[profile-author] author "admin" is a Hugo Blox user profile' in run.stdout


@pytest.mark.parametrize("source", [HUGOBLOX / "theme-academic-cv/exli", HUGOBLOX / "theme-academic-cv/exli/index.md"])
def test_one_bundle_or_one_index_md_is_one_publication_never_page_front_matter(tmp_path: Path, source: Path) -> None:
    run = hugokit("import", source, "--site", tmp_path)
    assert run.exit_code == 0, run.output
    assert "imported 1 publications" in run.stdout
    assert not (tmp_path / "hugokit.yaml").exists()  # the paper's front-matter is not the page's
    (pub,) = database_of(tmp_path)
    assert (pub.id, pub.title, pub.year, pub.venue) == ("LiuISSTA23EXLI", "Extracting inline tests from unit tests",
                                                        2023, "ISSTA 2023, pp. 1–13")  # its cite.bib's pages


def test_academicpages(tmp_path: Path) -> None:
    run = hugokit("import", CORPUS / "academicpages", "--site", tmp_path)
    assert run.exit_code == 0, run.output
    pubs = database_of(tmp_path)
    icml, cnn, sums = (next(p for p in pubs if p.title.startswith(start)) for start in
                       ("Boosting Deep Neural", "An architecture combining", "Permutation-based true"))
    assert (icml.venue, icml.year, icml.date) == ("ICML 2020", 2020, "2020-01-25")  # the registry's, exactly
    assert icml.links == {"paper": "http://wang-yuke.com/files/05-ICML20.pdf"}
    assert cnn.venue == "Preprint 2017" and cnn.abstract.startswith("TLDR:")  # arXiv.org; the excerpt
    assert sums.authors == ["Anna Vesely", "Livio Finos", "Jelle J. Goeman"]  # from its citation
    # The page's "Journal of the Royal Statistical Society, Series B (Statistical Methodology)" is
    # exactly a spelling of the registry's journal: its name, then the page's year.
    assert sums.venue == "J. R. Stat. Soc. B 2023"
    assert '"(page text)" (the text below the front-matter) is not imported: 3 pages' in run.stdout


def test_apa_citation_authors_and_unreadable_ones(tmp_path: Path) -> None:
    write(tmp_path / "pubs/a.md", "---\ntitle: A\ndate: 2019-03-01\nvenue: V\n"
                                  "citation: 'Agarap, A. F., & Su, T. (2019). A. <i>V</i>.'\n---\n")
    write(tmp_path / "pubs/b.md", "---\ntitle: B\ndate: 2019-03-01\nvenue: V\ncitation: 'Some Lab et al. 2019'\n---\n")
    run = hugokit("import", tmp_path / "pubs", "--site", tmp_path)
    assert run.exit_code == 0, run.output
    a, b = database_of(tmp_path)
    assert a.authors == ["A. F. Agarap", "T. Su"] and b.authors == []
    assert f'{tmp_path / "pubs"}/b.md:5:11: warning[not-imported] "citation" (its authors could not be told apart)' \
        in run.stdout


def test_equal_contribution_notes_and_other_notes(tmp_path: Path) -> None:
    write(tmp_path / "p/x/index.md", "---\ntitle: X\nauthors: [A B, C D, E F]\n"
                                     "author_notes: [Equal contribution, Equal contribution, Corresponding author]\n"
                                     "date: '2021-8-20T00:00:00Z'\npublication: '*NeurIPS*'\n---\n")
    run = hugokit("import", tmp_path / "p", "--site", tmp_path)
    assert run.exit_code == 0, run.output
    (pub,) = database_of(tmp_path)
    assert pub.authors == ["A B*", "C D*", "E F"]
    assert (pub.date, pub.venue) == ("2021-08-20", "NeurIPS 2021")  # registry name + the date's year
    assert '"author_notes" (notes other than equal contribution) is not imported: 1 page' in run.stdout


def test_bad_dates_in_pages_are_errors_at_their_line(tmp_path: Path) -> None:
    write(tmp_path / "p/x/index.md", "---\ntitle: X\ndate: 2025-13-45\n---\n")
    write(tmp_path / "p/y/index.md", "---\ntitle: Y\ndate: 2025-10-01\n---\n")
    run = hugokit("import", tmp_path / "p", "--site", tmp_path)
    assert run.exit_code == 1
    assert f'{tmp_path / "p"}/x/index.md:3:7: error[bad-date] "date" is not a date: month 13 does not exist' \
        in run.stdout
    assert not (tmp_path / "data/publications.yaml").exists()
    assert hugokit("import", tmp_path / "p", "--site", tmp_path, "--partial").exit_code == 1
    assert [p.title for p in database_of(tmp_path)] == ["Y"]


def test_build_pages_then_import_them_gives_the_database_back(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(EXAMPLE_SITE, site)
    assert hugokit("build", "--pages", "--site", site, "--force").exit_code == 0
    again = tmp_path / "again"
    again.mkdir()
    run = hugokit("import", site / "content/publication", "--site", again)
    assert run.exit_code == 0, run.output
    assert "not-imported" not in run.stdout  # every key of hugokit's own bundles is read back
    original = {p.title: p for p in database_of(site)}
    imported = {p.title: p for p in database_of(again)}
    assert imported == original


@pytest.mark.parametrize("name, text", [("empty.md", ""), ("empty.json", "[]"), ("empty.bib", "% nothing\n"),
                                        ("fm-only.md", "---\ntitle: Publications\n---\n")])
def test_an_input_with_no_entries_is_an_error_and_writes_nothing(tmp_path: Path, name: str, text: str) -> None:
    source = write(tmp_path / name, text)
    for extra in ((), ("--partial",)):
        run = hugokit("import", source, "--site", tmp_path, *extra)
        assert run.exit_code == 1, run.output
        assert f"{source}:1:1: error[no-entries] {source} holds no publications" in run.stdout
        assert not (tmp_path / "data").exists() and not (tmp_path / "hugokit.yaml").exists()


def test_a_folder_without_bundles_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "content/publication").mkdir(parents=True)
    write(tmp_path / "content/publication/_index.md", "---\ntitle: Publications\n---\n")
    run = hugokit("import", tmp_path / "content/publication", "--site", tmp_path)
    assert run.exit_code == 1 and "error[no-entries]" in run.stdout
    assert not (tmp_path / "data").exists()


def test_toml_front_matter_that_does_not_parse_is_named_at_its_line(tmp_path: Path) -> None:
    write(tmp_path / "p/x/index.md", '+++\ntitle = "X"\ndate = 2020-01-01\nauthors = [A B]\n+++\n')
    run = hugokit("import", tmp_path / "p", "--site", tmp_path)
    assert run.exit_code == 1
    assert "x/index.md:4:" in run.stdout and "error[bad-front-matter] the TOML front-matter does not parse" \
        in run.stdout
    assert not (tmp_path / "data").exists()


ITEMS = sorted(p for folder in ("hugoblox", "academicpages", "json", "markdown") for p in (CORPUS / folder).iterdir()
               if p.suffix != ".expected")


@pytest.mark.parametrize("item", ITEMS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus_items_are_counted_and_survive_export(item: Path, tmp_path: Path) -> None:
    """Every entry imported or named in an error, and export → import gives the same database."""
    site, again = tmp_path / "site", tmp_path / "again"
    site.mkdir()
    again.mkdir()
    run = hugokit("import", item, "--site", site, "--partial")
    assert run.exit_code in (0, 1) and "Traceback" not in run.output
    sidecar = item.with_name(item.name + ".expected")
    expected = int(sidecar.read_text()) if sidecar.is_file() else len(json.loads(item.read_text()))
    skipped = [line for line in run.stdout.splitlines()
               if "error[missing-key]" in line or "error[bad-date]" in line or "warning[draft-page]" in line
               or "comes before any ### YEAR heading" in line]
    if not (site / "data/publications.yaml").exists():  # none imported without --map: each said, nothing written
        assert "error[no-entries]" in run.stdout and len(skipped) == expected, run.stdout
        return
    assert len(database_of(site)) + len(skipped) == expected
    exported = tmp_path / "export.bib"
    assert hugokit("export", "bibtex", "--site", site, "--force", "-o", exported).exit_code == 0
    assert hugokit("import", exported, "--site", again).exit_code == 0
    assert database_of(again) == database_of(site)


def test_map_imports_front_matter_keys_the_page_format_does_not_know(tmp_path: Path) -> None:
    run = hugokit("import", CORPUS / "academicpages", "--site", tmp_path,
                  "--map", "category=topics", "--map", "permalink=links.project")
    assert run.exit_code == 0, run.output
    pubs = {p.title: p for p in database_of(tmp_path)}
    sums = pubs["Permutation-based true discovery guarantee by sum tests"]
    assert sums.topics == ["manuscripts"]
    assert sums.links == {"project": "/publication/2023-Permutation-based-true-discovery-guarantee-by-sum-tests"}
    assert '"category" is not imported' not in run.stdout and '"permalink" is not imported' not in run.stdout
    assert '"collection" is not imported: 3 pages, the first here (hugokit\'s database has no place for it; ' \
           'keep it in the page, or import it with --map collection=FIELD)' in run.stdout


def test_keys_mapped_to_one_list_add_up_and_to_one_value_are_an_error(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    run = hugokit("import", HUGOBLOX / "theme-academic-cv", "--site", tmp_path / "a", "--map", "projects=topics")
    assert run.exit_code == 0, run.output
    exli = next(p for p in database_of(tmp_path / "a") if p.id == "LiuISSTA23EXLI")
    assert exli.topics == ["Selected", "inline testing", "inline-tests-extraction"]
    (tmp_path / "b").mkdir()
    run = hugokit("import", HUGOBLOX / "theme-academic-cv", "--site", tmp_path / "b", "--map", "summary=abstract")
    assert run.exit_code == 1
    assert 'theme-academic-cv/exli/index.md:22:1: error[duplicate-key] "summary" gives abstract a second time ' \
           '(after "abstract"); it was not imported (map one of them to another field with --map summary=FIELD)' \
        in run.stdout
    assert not (tmp_path / "b/data/publications.yaml").exists()


def test_map_reaches_every_database_field_and_venues_go_through_the_registry(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    write(pages / "one.md", "---\ntitle: A Paper\nwriters: [Ada Lovelace, Alan Turing]\npubyear: 2019\n"
                            "journal: International Conference on Machine Learning\nkey: lovelace19\n"
                            "preprint: '1901.00001'\nwords: [engines, notes]\nstarred: true\nmonth_no: 7\n---\n")
    site = tmp_path / "site"
    site.mkdir()
    run = hugokit("import", pages, "--site", site, "--map", "writers=authors", "--map", "pubyear=year",
                  "--map", "journal=venue", "--map", "key=id", "--map", "preprint=arxiv", "--map", "words=keywords",
                  "--map", "starred=selected", "--map", "month_no=month")
    assert run.exit_code == 0, run.output
    (pub,) = database_of(site)
    assert (pub.id, pub.year, pub.date, pub.venue, pub.arxiv) == ("lovelace19", 2019, "2019-07", "ICML 2019",
                                                                 "1901.00001")
    assert (pub.authors, pub.keywords, pub.topics) == (["Ada Lovelace", "Alan Turing"], ["engines", "notes"],
                                                       ["Selected"])


def test_a_bundles_named_links_become_link_kinds_the_check_accepts(tmp_path: Path) -> None:
    # chrisdonahue/chrisdonahue.github.io @ dc3cb7c, content/publication/24-11-aria/index.md (abstract shortened):
    # `links: [{name: Project Page, url: …}]`
    run = hugokit("import", REPO / "tests/fixtures/real/chrisdonahue", "--site", tmp_path)
    assert run.exit_code == 0, run.output
    (aria,) = database_of(tmp_path)
    assert aria.links == {"paper": "https://arxiv.org/pdf/2502.08122.pdf", "arxiv": "https://arxiv.org/abs/2502.08122",
                          "project_page": "https://hooktheory.com/hookpad/aria"}
    check = hugokit("check", "--site", tmp_path)
    assert "unsafe-value" not in check.stdout and "project_page" in check.stdout  # only unknown-link-kind, a warning


def test_invisible_characters_pasted_into_pages_are_repaired_or_fixed(tmp_path: Path) -> None:
    # pinshuai/academicpages.github.io @ 05b92fb, _publications/2016-01-01-Nutrient-in-parafluvial-
    # hyporheic-zone.md and 2017-01-01-Tidal-pulse-propagation.md (front-matter only): a U+FEFF
    # pasted before the venue, the paperurl and the citation.
    site = tmp_path / "site"
    run = hugokit("init", REPO / "tests/fixtures/real/pinshuai", "--site", site)
    assert "warning[link-repaired] the paper link \"\\ufeffhttp://doi.wiley.com/10.1111/gwat.12509\"" in run.stdout
    assert "bad-link" not in run.stdout
    assert ("warning[stray-whitespace] the venue \"\\ufeffGroundwater\" has stray spaces or invisible characters "
            '(write "Groundwater" (hugokit fix does it))') in run.stdout
    assert "warning[stray-whitespace] author \"P. \\ufeffShuai\" has stray spaces" in run.stdout
    assert "- name: P. Shuai\n" in (site / "data/people.yaml").read_text()  # the proposal's name is the tidy one
    assert hugokit("fix", "--site", site).exit_code == 1  # the venues are in no registry: errors left
    pubs = database_of(site)
    assert [p.venue for p in pubs] == ["Hydrogeology Journal", "Groundwater"]
    assert [p.authors[0] for p in pubs] == ["A. C. Briody", "P. Shuai"]
    assert pubs[1].links["paper"] == "http://doi.wiley.com/10.1111/gwat.12509"
    again = hugokit("check", "--site", site)
    assert "stray-whitespace" not in again.stdout and "author-variant" not in again.stdout, again.stdout
    assert "\ufeff" not in (site / "data/publications.yaml").read_text()


@pytest.mark.parametrize(("publication", "short", "venue", "said"), [
    # the locator the full name writes is the venue's, though publication_short lacks it
    ("*ACM SIGMOD International Conference on Management of Data*, pp. 47–57", "SIGMOD 1984", "SIGMOD 1984, pp. 47–57",
     False),
    ("*Nature* 585(7825):357–362", "Nature", "Nature 585(7825):357–362, 2020", False),
    ("*International Conference on Machine Learning*", "ICML", "ICML 2020", False),  # nothing to add
    # no place for it in a venue of two parts: said, never dropped without a word
    ("*Nature* 585(7825):357–362", "ICML 2020 (Oral), ATC 2020", "ICML 2020 (Oral), ATC 2020", True),
    ("*Nature* 585(7825):357–362, 2020, *Science* 1(2):3–4, 2021", "Nature", "Nature 2020", True),
])
def test_a_full_venue_name_s_locator_is_kept_beside_publication_short(tmp_path: Path, publication: str, short: str,
                                                                      venue: str, said: bool) -> None:
    page = write(tmp_path / "content/publication/x/index.md",
                 f"---\ntitle: X\nauthors: [A B]\ndate: '2020-01-01'\npublication: '{publication}'\n"
                 f"publication_short: '{short}'\n---\n")
    run = hugokit("import", page, "--site", tmp_path)
    assert run.exit_code == 0, run.output
    assert [p.venue for p in database_of(tmp_path)] == [venue]
    assert (f'{page}:5:14: warning[not-imported] "publication"' in run.stdout) is said, run.stdout
