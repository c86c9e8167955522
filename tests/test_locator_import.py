"""A journal entry's volume, number and pages, and a proceedings paper's pages, become the venue's
locator on import, in the venue grammar's form; export → import gives every locator back; a value the grammar cannot hold is
reported at its field, never dropped without a word."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO, hugokit
from hugokit.importers.bibtex import import_bibtex
from hugokit.model import Publication
from hugokit.render.bibtex import render_entry
from hugokit.venue_names import finder_for
from hugokit.venue_string import parse
from hugokit.vocab import load_vocabularies

VENUES = load_vocabularies(REPO)[0].venues
JOURNALS = sorted(t.name for t in VENUES.terms if t.kind == "journal" and t.pattern is None)


def imported(entry: str) -> tuple[str, list[str]]:
    result = import_bibtex(entry, "x.bib", VENUES)
    (pub,) = result.publications
    return pub.venue, [f"{d.line}:{d.col}: {d.severity.value}[{d.code}] {d.message}" for d in result.diagnostics]


def article(fields: str, journal: str = "Nature", kind: str = "article") -> str:
    return f"@{kind}{{k,\n  title = {{T}},\n  journal = {{{journal}}},\n  year = {{2020}},\n{fields}}}\n"


@pytest.mark.parametrize(("fields", "venue"), [
    ("  volume = {585},\n  number = {7825},\n  pages = {357--362},\n", "Nature 585(7825):357–362, 2020"),
    ("  volume = {585},\n  pages = {357-362},\n", "Nature 585:357–362, 2020"),
    ("  volume = {585},\n  pages = {357–362},\n", "Nature 585:357–362, 2020"),
    ("  volume = {585},\n  pages = {357 -- 362},\n", "Nature 585:357–362, 2020"),
    ("  volume = {585},\n  pages = {pp. 357--362},\n", "Nature 585:357–362, 2020"),
    ("  volume = {Vol. 585},\n  number = {No. 7825},\n", "Nature 585(7825), 2020"),
    ("  volume = {8},\n  pages = {e1078},\n", "Nature 8:e1078, 2020"),          # an article number
    ("  volume = {74},\n  number = {3},\n  pages = {036701},\n", "Nature 74(3):036701, 2020"),
    ("  volume = {8},\n  eid = {e1078},\n", "Nature 8:e1078, 2020"),            # biblatex's article number
    ("  volume = {45B},\n  pages = {12--34},\n", "Nature 45B:12–34, 2020"),      # a volume with a letter
    ("  volume = {426-427},\n  pages = {231--237},\n", "Nature 426–427:231–237, 2020"),  # a double volume
    ("  volume = {146},\n  number = {5-6},\n  pages = {441--470},\n", "Nature 146(5-6):441–470, 2020"),
    ("  volume = {12},\n  number = {S1},\n  pages = {S12--S20},\n", "Nature 12(S1):S12–S20, 2020"),
    ("  volume = {363},\n  pages = {fnw102},\n", "Nature 363:fnw102, 2020"),
    ("  volume = {12},\n  number = {3-4},\n  pages = {3:1--3:22},\n", "Nature 12(3-4):3:1–3:22, 2020"),  # ACM's
    # article:page, and a PACM journal's issue named by its conference (DBLP's export)
    ("  volume = {3},\n  number = {{POPL}},\n  pages = {73:1--73:29},\n", "Nature 3(POPL):73:1–73:29, 2020"),
])
def test_a_journal_entry_s_volume_number_and_pages_become_the_locator(fields: str, venue: str) -> None:
    assert imported(article(fields)) == (venue, [])
    (part,) = parse(venue)
    assert part.name.text == "Nature" and part.year is not None and part.year.text == "2020"


def test_the_locator_goes_between_a_registry_name_and_its_year_and_before_a_mark() -> None:
    fields = "  volume = {75},\n  pages = {1633--1699},\n"
    assert imported(article(fields, "Journal of Artificial Intelligence Research"))[0] == "JAIR 75:1633–1699, 2020"
    assert imported(article(fields, "Applied Soft Computing (Oral)"))[0] == "Appl. Soft Comput. 75:1633–1699, 2020 (Oral)"
    assert imported(article(fields, "J. Foo Bar"))[0] == "J. Foo Bar 75:1633–1699, 2020"
    # @misc with howpublished is what hugokit exports for a journal the registry lacks.
    misc = "@misc{k,\n  title = {T},\n  howpublished = {J. Foo},\n  volume = {3},\n  pages = {1},\n  year = {2020},\n}\n"
    assert imported(misc)[0] == "J. Foo 3:1, 2020"


@pytest.mark.parametrize(("fields", "venue", "reported"), [
    ("  volume = {12},\n  pages = {1--},\n", "Nature 2020", [
        '5:12: warning[bibtex-locator] entry "k": volume "12" cannot be written without an issue or pages, '
        "which were left out; it was not imported",
        '6:11: warning[bibtex-locator] entry "k": pages "1--" is not a page range, a page or an article number '
        "(12–34, 12, e1234, fnw102); it was not imported"]),
    ("  volume = {12},\n  number = {3-4},\n  pages = {3:1--3:22:5},\n", "Nature 12(3-4), 2020", [
        '7:11: warning[bibtex-locator] entry "k": pages "3:1--3:22:5" is not a page range, a page or an article '
        "number (12–34, 12, e1234, fnw102); it was not imported"]),
    ("  volume = {3},\n  number = {Spring},\n  pages = {1--5},\n", "Nature 3:1–5, 2020", [  # no issue number
        '6:12: warning[bibtex-locator] entry "k": number "Spring" is not an issue number the venue can hold (7825, '
        "3-4, S1, Suppl. 2, or POPL with pages); it was not imported"]),
    ("  number = {3},\n", "Nature 2020", [
        '5:12: warning[bibtex-locator] entry "k": number "3" has no volume to go with it (the venue writes a '
        "journal's volume first); it was not imported"]),
    ("  pages = {1--14},\n", "Nature 2020, pp. 1–14", []),  # pages alone, after the year
    ("  volume = {27},\n", "Nature 2020", [
        '5:12: warning[bibtex-locator] entry "k": volume "27" has no issue or pages with it, and a volume alone '
        "would read as part of the venue's name; it was not imported"]),
    ("  volume = {XII},\n  pages = {1--5},\n", "Nature 2020, pp. 1–5", [  # the pages are kept alone
        '5:12: warning[bibtex-locator] entry "k": volume "XII" is not a volume the venue can hold (585, 426–427, '
        "45B); it was not imported"]),
])
def test_what_the_venue_cannot_hold_is_reported_at_its_field(fields: str, venue: str, reported: list[str]) -> None:
    assert imported(article(fields)) == (venue, reported)


def test_the_hints_say_what_to_write() -> None:
    result = import_bibtex(article("  number = {3},\n  pages = {1--},\n"), "x.bib", VENUES)
    assert [d.hint for d in result.diagnostics] == [
        "add the volume (volume = {12}) and import again, or write the venue with its locator by hand "
        "(Nature 585(7825):357–362, 2020)",
        "correct it if it is a slip (pages = {12--34}; an open range such as 1– names no last page); the venue "
        "cannot hold other forms, so the value stays only in the imported file"]


def test_a_locator_that_does_not_fit_the_venue_text_is_reported() -> None:
    text = article("  volume = {12},\n  pages = {1--5},\n", journal="Nature 3(4):5--6")
    venue, reported = imported(text)
    assert venue == "Nature 3(4):5–6, 2020"
    assert [line.split("] ")[1] for line in reported] == [
        'entry "k": volume "12" does not fit into the venue "Nature 3(4):5–6, 2020"; it was not imported',
        'entry "k": pages "1--5" does not fit into the venue "Nature 3(4):5–6, 2020"; it was not imported']
    # The same locator in the journal's text and in the fields is no conflict.
    assert imported(article("  volume = {3},\n  number = {4},\n  pages = {5--6},\n",
                            journal="Nature 3(4):5--6"))[1] == []


def test_a_proceedings_paper_s_pages_are_its_locator_and_its_series_volume_is_reported() -> None:
    """DBLP writes a proceedings paper's series volume (LNCS, PMLR) and its pages: the pages are
    the venue's locator, after the year; the volume is the series', not the conference's: it
    stays out of the venue, reported once with a hint."""
    dblp = ("@inproceedings{DBLP:conf/icml/X21,\n  title = {T},\n  booktitle = {Proceedings of the 38th International "
            "Conference on Machine Learning},\n  series = {Proceedings of Machine Learning Research},\n"
            "  volume = {139},\n  pages = {1--10},\n  publisher = {{PMLR}},\n  year = {2021},\n}\n")
    venue, reported = imported(dblp)
    assert venue == "ICML 2021, pp. 1–10"
    assert [line for line in reported if "locator" in line or '"pages"' in line or '"volume"' in line] == [
        '1:1: warning[bibtex-unused-field] field "volume" is not imported (1 entry; first at line 1)']
    result = import_bibtex(dblp, "x.bib", VENUES)
    hints = {d.message.split('"')[1]: d.hint for d in result.diagnostics if d.code == "bibtex-unused-field"}
    assert hints["volume"].startswith("a proceedings paper's volume and number are its series' (DBLP writes the "
                                      "LNCS, PMLR or LIPIcs volume), not the conference's")
    assert hints["series"] == ("a proceedings volume's series (LNCS, PMLR) is no part of the venue, which shows the "
                               "conference: it stays only in the .bib file")


@pytest.mark.parametrize(("entry", "venue", "reported"), [
    # DBLP's condensed export (tests/corpus/bibtex/dblp-condensed.bib)
    ("@inproceedings{k,\n  title = {T},\n  booktitle = {{OSDI}},\n  pages = {559--578},\n  year = {2022},\n}\n",
     "OSDI 2022, pp. 559–578", []),
    # ACM's export: an en dash in pages, numpages beside them
    ("@inproceedings{k,\n  title = {T},\n  booktitle = {Proceedings of SIGMOD 2017},\n  pages = {123–130},\n"
     "  numpages = {8},\n  year = {2017},\n}\n", "SIGMOD 2017, pp. 123–130",
     ['1:1: warning[bibtex-unused-field] field "numpages" is not imported (1 entry; first at line 1)']),
    # a presentation mark stays last
    ("@inproceedings{k,\n  title = {T},\n  booktitle = {ICML (Oral)},\n  pages = {7},\n  year = {2020},\n}\n",
     "ICML 2020, p. 7 (Oral)", []),
    # a chapter's pages, in a book that is no registry venue
    ("@incollection{k,\n  title = {T},\n  booktitle = {Handbook of Things},\n  pages = {12--34},\n"
     "  year = {2019},\n}\n", "Handbook of Things 2019, pp. 12–34", []),
    # ACM's article number and page (DBLP's export of an ICPS paper)
    ("@inproceedings{k,\n  title = {T},\n  booktitle = {{OSDI}},\n  pages = {3:1--3:22},\n  year = {2022},\n}\n",
     "OSDI 2022, pp. 3:1–3:22", []),
    # no page range: reported at its field
    ("@inproceedings{k,\n  title = {T},\n  booktitle = {{OSDI}},\n  pages = {73+},\n  year = {2022},\n}\n",
     "OSDI 2022", ['4:11: warning[bibtex-locator] entry "k": pages "73+" is not a page range, a page or an '
                   "article number (12–34, 12, e1234, fnw102); it was not imported"]),
    # a book's pages are no venue's
    ("@book{k,\n  title = {T},\n  publisher = {Springer},\n  pages = {350},\n  year = {2019},\n}\n",
     "Springer 2019", ['1:1: warning[bibtex-unused-field] field "pages" is not imported (1 entry; first at line 1)']),
])
def test_a_proceedings_paper_s_pages_land_after_the_year(entry: str, venue: str, reported: list[str]) -> None:
    assert imported(entry) == (venue, reported)


def test_dblp_s_corr_volume_is_the_arxiv_id_again() -> None:
    corr = ("@article{DBLP:journals/corr/abs-2103-00020,\n  title = {T},\n  journal = {CoRR},\n"
            "  volume = {abs/2103.00020},\n  year = {2021},\n  eprinttype = {arXiv},\n  eprint = {2103.00020},\n}\n")
    assert imported(corr) == ("Preprint 2021", [])


_PAGE = st.one_of(st.integers(1, 9999).map(str), st.integers(1, 9999).map(lambda n: f"e{n}"),
                  st.tuples(st.integers(1, 99), st.integers(1, 99)).map(lambda t: f"{t[0]}:{t[1]}"),
                  st.integers(1, 999).map(lambda n: f"S{n}"), st.integers(1, 999).map(lambda n: f"fnw{n}"))
_VOLUME = st.one_of(st.integers(1, 2500).map(str), st.integers(1, 999).map(lambda n: f"{n}–{n + 1}"),
                    st.tuples(st.integers(1, 99), st.sampled_from("ABC")).map(lambda t: f"{t[0]}{t[1]}"))
_ISSUE = st.one_of(st.just(""), st.integers(1, 9999).map(str), st.integers(1, 11).map(lambda n: f"{n}-{n + 1}"),
                   st.sampled_from(["S1", "Suppl. 2", "Pt. 3", "POPL", "OOPSLA2"]))
_PAGES = st.one_of(st.just(""), _PAGE, st.tuples(_PAGE, _PAGE).map(lambda t: f"{t[0]}–{t[1]}"))
# Registry journals (exported under their full names) and names it lacks (exported as @misc).
_OTHERS = ["J. Fish Dis.", "Web 3", "Foo, Bar", "Math. Mag.", "Bell System Technical Journal", "Rev. 2",
           "Journal of Statistical Mechanics: Theory and Experiment"]
_NAMES = st.one_of(st.sampled_from(JOURNALS), st.sampled_from([n for n in _OTHERS if finder_for(VENUES).short_name(n)
                                                                in (None, n)]))


@settings(max_examples=150, deadline=None)
@given(name=_NAMES, volume=_VOLUME, issue=_ISSUE, pages=_PAGES, year=st.integers(1900, 2030))
def test_export_then_import_gives_every_locator_back(name: str, volume: str, issue: str, pages: str,
                                                     year: int) -> None:
    if not pages and (not issue or issue.isupper()):
        pages = "1"  # a volume alone reads as part of the name; an issue named by its conference needs pages
    locator = volume + (f"({issue})" if issue else "") + (f":{pages}" if pages else "")
    pub = Publication(title="T", year=year, authors=["Ada Lovelace"], venue=f"{name} {locator}, {year}", id="k")
    for own_fields in (False, True):  # a reader's cite.bib, and hugokit's own export
        result = import_bibtex(render_entry(pub, "k", VENUES, own_fields=own_fields), "x.bib", VENUES)
        assert [p.venue for p in result.publications] == [pub.venue]
        assert [d.message for d in result.diagnostics if d.code in ("bibtex-locator", "bibtex-unused-field")] == []


CONFERENCES = sorted(t.name for t in VENUES.terms if t.kind == "conference" and t.pattern is None)


@settings(max_examples=100, deadline=None)
@given(name=st.one_of(st.sampled_from(CONFERENCES), st.sampled_from(["Foo Workshop", "Web 3", "Foo, Bar"])),
       pages=st.one_of(_PAGE, st.tuples(_PAGE, _PAGE).map(lambda t: f"{t[0]}–{t[1]}")),
       mark=st.sampled_from(["", " (Oral)", " (Best Paper Award)"]), year=st.integers(1900, 2030))
def test_export_then_import_gives_a_proceedings_paper_s_pages_back(name: str, pages: str, mark: str,
                                                                   year: int) -> None:
    written = f"{'pp.' if '–' in pages else 'p.'} {pages}"
    pub = Publication(title="T", year=year, authors=["Ada Lovelace"], venue=f"{name} {year}, {written}{mark}", id="k")
    (part,) = parse(pub.venue)
    assert part.locator is not None and part.locator.text == written and part.name.text == name
    for own_fields in (False, True):  # a reader's cite.bib, and hugokit's own export
        text = render_entry(pub, "k", VENUES, own_fields=own_fields)
        assert f"pages = {{{pages.replace('–', '--')}}}" in text
        result = import_bibtex(text, "x.bib", VENUES)
        (back,) = result.publications
        if own_fields:
            assert back.venue == pub.venue
        else:  # BibTeX's own fields hold no presentation mark or award: the name, year and pages come back
            assert back.venue.removesuffix(mark) == f"{name} {year}, {written}"
        assert [d.message for d in result.diagnostics if d.code in ("bibtex-locator", "bibtex-unused-field")] == []


def test_a_real_bib_file_s_locators_survive_import_export_import(tmp_path: Path) -> None:
    """The corpus's journal articles (tests/corpus/README.md): the exported file's standard fields
    say what the import read, and importing the export gives the same venues."""
    from pybtex.database import parse_string

    source = REPO / "tests/corpus/bibtex/msc-thesis-references.bib"
    assert hugokit("import", source, "--site", tmp_path, "--partial").exit_code in (0, 1)
    exported = hugokit("export", "bibtex", "--site", tmp_path, "--force")
    entry = parse_string(exported.stdout, "bibtex").entries["boninsegni2006worm"]
    assert {k: entry.fields[k] for k in ("journal", "volume", "number", "pages", "hugokit-venue")} == {
        "journal": "Physical Review E", "volume": "74", "number": "3", "pages": "036701",
        "hugokit-venue": "Phys. Rev. E 74(3):036701, 2006"}
    bare = "\n".join(line for line in exported.stdout.splitlines() if not line.lstrip().startswith("hugokit-"))
    again = import_bibtex(bare, "bare.bib", VENUES)
    first = import_bibtex(exported.stdout, "own.bib", VENUES)
    located = [p.venue for p in first.publications if parse(p.venue) and parse(p.venue)[0].locator]
    assert len(located) > 40
    assert [p.venue for p in again.publications if p.venue in located] == located


def test_a_json_list_s_volume_issue_and_page_become_the_locator() -> None:
    """CSL's names (volume, issue, page) and BibTeX's (number, pages) in a JSON list."""
    from hugokit.importers.json_list import import_json

    text = ('[{"title": "A", "authors": "Ada Lovelace", "venue": "Nature 2020", "volume": 585, "issue": "7825",\n'
            '  "page": "357-362"},\n'
            ' {"title": "B", "authors": "Ada Lovelace", "venue": "Nature 2020", "volume": "12", "number": "3",\n'
            '  "pages": "1--"},\n'
            ' {"title": "C", "authors": "Ada Lovelace", "year": 2020, "volume": "1", "page": "2"}]\n')
    result = import_json(text, "x.json")
    assert [p.venue for p in result.publications] == ["Nature 585(7825):357–362, 2020", "Nature 12(3), 2020", ""]
    assert [f"{d.line}:{d.col}: {d.severity.value}[{d.code}] {d.message} ({d.hint})" for d in result.diagnostics] == [
        '4:12: warning[json-locator] item 2: pages "1--" is not a page range, a page or an article number (12–34, 12, '
        'e1234, fnw102); it was not imported (correct it if it is a slip ("pages": "12-34"; an open range such as 1– '
        "names no last page); the venue cannot hold other forms, so the value stays only in the imported file)",
        '5:68: warning[json-locator] item 3: volume "1" has no venue to go with it; it was not imported (give the '
        "entry its journal and import again)",
        '5:81: warning[json-locator] item 3: page "2" has no venue to go with it; it was not imported (give the entry '
        "its journal and import again)"]


def test_a_double_volume_is_exported_with_each_format_s_dash() -> None:
    from hugokit.render.csl import item

    pub = Publication(title="T", year=2014, authors=["Ada Lovelace"], venue="Aquaculture 426–427:231–237, 2014", id="k")
    bib = render_entry(pub, "k", VENUES, own_fields=False)
    assert "  volume = {426--427},\n  pages = {231--237},\n" in bib
    assert (item(pub, "k", VENUES)["volume"], item(pub, "k", VENUES)["page"]) == ("426-427", "231-237")
    assert [p.venue for p in import_bibtex(bib, "x.bib", VENUES).publications] == [pub.venue]
