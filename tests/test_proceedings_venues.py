"""Proceedings titles as DBLP exports them become the registry venue they name, only on strong,
unambiguous evidence; workshops, joint proceedings and near misses keep their title, and what a
mapped title loses is reported at the booktitle (tests/corpus/bibtex/dblp-pl-systems.bib is a
real DBLP excerpt: see tests/corpus/README.md)."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO
from hugokit.importers.bibtex import import_bibtex
from hugokit.venue_names import VenueFinder
from hugokit.vocab import load_vocabularies

VENUES = load_vocabularies(REPO)[0].venues
FINDER = VenueFinder(VENUES)
CORPUS = REPO / "tests/corpus/bibtex/dblp-pl-systems.bib"

# Every entry of the excerpt, and the venue it must get: a registry venue with the paper's pages,
# or its title as written (its pages, which such a title has no place for, are reported).
EXPECTED = {
    "AtkeyGJ14": "POPL 2014, pp. 503–516",  # POPL '14
    "AbadiBHR99": "POPL 1999, pp. 147–160",  # the acronym first: "POPL '99, Proceedings of the 26th …"
    "FlattF04": "PLDI 2004, pp. 47–58",  # the full name alone, with its year inside
    "GoguenM82a": "IEEE S&P 1982, pp. 11–20",
    "JonesRHHM99": "PLDI 1999, pp. 25–36",
    "RoyRSLMZ11": "EuroSys 2011, pp. 139–152",
    "YangM14": "PLDI 2014, pp. 588–598",
    "StefanYMRHKM14": "OSDI 2014, pp. 131–146",
    "ZhangAM11": "CCS 2011, pp. 563–574",
    "DBLP:conf/sosp/TerryTPDSH95": "SOSP 1995, pp. 172–183",  # "Operating System Principles": the acronym and year decide
    "DBLP:conf/pldi/BurckhardtAM07": "PLDI 2007, pp. 12–21",
    "DBLP:conf/usenix/0001LCPRV14": "ATC 2014, pp. 281–292",
    "DBLP:conf/vldb/JorwekarFRS07": "VLDB 2007, pp. 1263–1274",
    "DBLP:conf/sosp/DeCandiaHJKLPSVV07": "SOSP 2007, pp. 205–220",
    "DBLP:conf/sigmod/Pavlo17": "SIGMOD 2017, p. 3",  # DBLP's "{SIGMOD} Conference 2017"
    "IshtiaqO01": "POPL 2001, pp. 14–26",  # "Conference Record of {POPL} 2001: The 28th …"
    "ZeldovichBKM06": "OSDI 2006, pp. 263–278",  # "… Design and Implementation (OSDI '06)": the parenthesised acronym
    "YipNKM09": "EuroSys 2009, pp. 233–246",  # "Proceedings of the 2009 EuroSys Conference": the year before the acronym
    "DBLP:conf/spaa/BinghamCH03": "SPAA 2003, pp. 304–313",  # "(part of {FCRC} 2003)": the federation is not the venue
    # Kept as written: workshops (also WORKSHOP@CONF), venues the registry lacks (ESOP, FOSSACS, CSL).
    "Algehed18": "Proceedings of the 13th Workshop on Programming Languages and Analysis for Security, PLAS@CCS "
                 "2018, Toronto, ON, Canada, October 15-19, 2018",
    "VassenaR16": "Proceedings of the 2016 ACM Workshop on Programming Languages and Analysis for Security, "
                  "PLAS@CCS 2016, Vienna, Austria, October 24, 2016",
    "TomeV19": "Proceedings of the 14th ACM SIGSAC Workshop on Programming Languages and Analysis for Security, "
               "CCS 2019, London, United Kingdom, November 11-15, 2019",  # a workshop at CCS, not CCS
    "Levy02": "Computer Science Logic, 16th International Workshop, CSL 2002, 11th Annual Conference of the EACSL, "
              "Edinburgh, Scotland, UK, September 22-25, 2002, Proceedings",
    "AltenkirchBKSS21": "Foundations of Software Science and Computation Structures - 24th International Conference, "
                        "FOSSACS 2021, Held as Part of the European Joint Conferences on Theory and Practice of "
                        "Software, ETAPS 2021, Luxembourg City, Luxembourg, March 27 - April 1, 2021, Proceedings",
    "DBLP:conf/esop/BouajjaniEEH13": "Programming Languages and Systems - 22nd European Symposium on Programming, "
                                     "ESOP 2013, Held as Part of the European Joint Conferences on Theory and "
                                     "Practice of Software, ETAPS 2013, Rome, Italy, March 16-24, 2013. Proceedings",
}


def test_dblp_excerpt_gets_exactly_the_expected_venues() -> None:
    result = import_bibtex(CORPUS.read_text(), str(CORPUS), VENUES)
    assert {pub.id: pub.venue for pub in result.publications} == EXPECTED


def test_what_a_mapped_title_leaves_out_is_reported_at_its_booktitle() -> None:
    text = CORPUS.read_text()
    result = import_bibtex(text, "dblp.bib", VENUES)
    notes = {d.message.split('"')[1]: d for d in result.diagnostics if d.code == "bibtex-proceedings"}
    mapped = {key for key, venue in EXPECTED.items() if venue in {p.venue for p in result.publications}
              and len(venue) < 30}
    assert set(notes) == mapped
    note = notes["YangM14"]
    booktitle = text.index("booktitle", text.index("{YangM14,"))
    assert (note.path, note.line, note.col) == ("dblp.bib", text[:booktitle].count("\n") + 1, 15)
    assert note.message == ('entry "YangM14": booktitle "ACM SIGPLAN Conference on Programming Language Design and '
                            "Implementation, PLDI '14, Edinburgh, United Kingdom - June 09 - 11, 2014\" was read as "
                            'PLDI 2014; the rest of it ("Edinburgh, United Kingdom - June 09 - 11, 2014") is not '
                            "imported")
    assert not note.is_error


# Real proceedings titles (DBLP, PMLR, ACL Anthology, CVF) → the venue, or None: kept as written.
TITLES = {
    ("Proceedings of the 38th International Conference on Machine Learning, ICML 2021, 18-24 July 2021, "
     "Virtual Event", 2021): "ICML 2021",
    ("International Conference on Machine Learning, {ICML} 2022, 17-23 July 2022, Baltimore, Maryland, {USA}",
     2022): "ICML 2022",
    ("Forty-second International Conference on Machine Learning, ICML 2025, Vancouver, Canada, July 13-19, 2025",
     2025): "ICML 2025",
    ("Advances in Neural Information Processing Systems 33: Annual Conference on Neural Information Processing "
     "Systems 2020, NeurIPS 2020, December 6-12, 2020, virtual", 2020): "NeurIPS 2020",
    ("9th International Conference on Learning Representations, ICLR 2021, Virtual Event, Austria, May 3-7, 2021",
     2021): "ICLR 2021",
    ("The Eleventh International Conference on Learning Representations, ICLR 2023, Kigali, Rwanda, May 1-5, 2023",
     2022): "ICLR 2023",  # filed the year before: the title's year is the venue's
    ("Proceedings of the 58th Annual Meeting of the Association for Computational Linguistics, ACL 2020, Online, "
     "July 5-10, 2020", 2020): "ACL 2020",
    ("Computer Vision - ECCV 2020 - 16th European Conference, Glasgow, UK, August 23-28, 2020, Proceedings, Part I",
     2020): "ECCV 2020",
    ("KDD '21: The 27th ACM SIGKDD Conference on Knowledge Discovery and Data Mining, Virtual Event, Singapore, "
     "August 14-18, 2021", 2021): "KDD 2021",
    # The year before the acronym, as DBLP writes some titles:
    ("Proceedings of the 2009 EuroSys Conference, Nuremberg, Germany, April 1-3, 2009", 2009): "EuroSys 2009",
    ("Proceedings of the 2009 EuroSys Conference, Nuremberg", 2010): "EuroSys 2009",  # filed a year late
    ("The 2016 {SIGMOD} Conference, San Francisco, CA, USA", 2016): "SIGMOD 2016",
    ("2021 ICML Conference, Virtual Event", 2021): "ICML 2021",
    # ... and never where it would not be the main conference, or the evidence is weak:
    ("Companion Proceedings of the 2009 EuroSys Conference, Nuremberg, Germany", 2009): None,
    ("Proceedings of the 2009 EuroSys Conference Workshops, Nuremberg, Germany", 2009): None,
    ("Proceedings of the 2009 EuroSys Workshop on System-level Virtualization, Nuremberg", 2009): None,
    ("Proceedings of the 2009 EuroSys Conference Posters and Demos, Nuremberg", 2009): None,
    ("Findings of the 2021 EMNLP Conference, Punta Cana, Dominican Republic", 2021): None,
    ("Proceedings of the 2009 EuroSys Conference, Nuremberg, Germany, April 1-3, 2010", 2009): None,  # two years
    ("Proceedings of the 2009 EuroSys Conference, Nuremberg", 2015): None,  # the year is far off
    ("Proceedings of the 2009 EuroSys Conference, CCS 2009, Chicago", 2009): None,  # joint proceedings
    ("Proceedings of the 2009 ACM Conference, Chicago", 2009): None,  # no registry venue
    ("Proceedings of the 2018 World Wide Web Conference, Lyon, France", 2018): None,  # words, no acronym
    ("Proceedings of the 2009 Systems Conference, Nuremberg", 2009): None,  # a word of a full name
    # Never the main conference:
    ("Findings of the Association for Computational Linguistics: EMNLP 2020, Online Event, 16-20 November 2020",
     2020): None,
    ("IEEE Conference on Computer Vision and Pattern Recognition Workshops, CVPR Workshops 2019, Long Beach, CA, "
     "USA, June 16-20, 2019", 2019): None,
    ("Workshop on Socially Responsible Machine Learning at ICML 2021, Virtual Event", 2021): None,
    ("ICML 2021 Workshop on Theory and Foundation of Continual Learning, Virtual", 2021): None,
    ("Companion Proceedings of the Web Conference 2021, Virtual Event / Ljubljana, Slovenia, April 19-23, 2021",
     2021): None,
    ("Adjunct Proceedings of the 34th Annual ACM Symposium on User Interface Software and Technology, UIST 2021, "
     "Virtual Event, USA, October 10-14, 2021", 2021): None,
    ("CHI '21: CHI Conference on Human Factors in Computing Systems, Extended Abstracts, Virtual Event / Yokohama "
     "Japan, May 8-13, 2021", 2021): None,
    ("Proceedings of the 59th Annual Meeting of the Association for Computational Linguistics: System "
     "Demonstrations, ACL 2021, Online, August 1-6, 2021", 2021): None,
    ("Posters of the 12th International Conference on Learning Representations, ICLR 2024, Vienna", 2024): None,
    ("Doctoral Consortium of the International Conference on Machine Learning, ICML 2021", 2021): None,
    ("Proceedings of the Neural Information Processing Systems Track on Datasets and Benchmarks 1, NeurIPS "
     "Datasets and Benchmarks 2021, December 2021, virtual", 2021): None,
    # Joint proceedings, or evidence pointing two ways:
    ("Thirty-Fifth AAAI Conference on Artificial Intelligence, AAAI 2021, Thirty-Third Conference on Innovative "
     "Applications of Artificial Intelligence, IAAI 2021, The Eleventh Symposium on Educational Advances in "
     "Artificial Intelligence, EAAI 2021, Virtual Event, February 2-9, 2021", 2021): None,
    ("International Conference on Machine Learning, ICLR 2021, Vienna", 2021): None,
    ("International Conference on Machine Learning, ICML 2022, Baltimore", 2025): None,  # the year is far off
    ("ICML, Vienna, Austria", 2021): None,  # an acronym with no year to back it
    ("International Conference on Machine Learning and Applications, ICMLA 2021, Pasadena", 2021): None,
    # An alias that is only a word is no evidence: Oakland is a city before it is IEEE S&P.
    ("Proceedings of the Annual Meeting of the Cognitive Science Society, Oakland, California, 2019", 2019): None,
    ("ICLR 2024, under review", 2024): None,
    ("Submitted to NeurIPS 2023, preprint", 2023): None,
}


@pytest.mark.parametrize(("title", "year"), TITLES)
def test_proceedings_titles(title: str, year: int) -> None:
    assert FINDER.venue(title, year) == TITLES[title, year]


def test_a_page_whose_publication_is_a_proceedings_title(tmp_path: Path) -> None:
    from conftest import hugokit, write
    from hugokit.database import parse_database

    write(tmp_path / "p/x/index.md", "---\ntitle: X\nauthors: [A B]\ndate: '2021-07-18'\npublication: 'In "
                                     "*Proceedings of the 38th International Conference on Machine Learning, ICML 2021, "
                                     "18-24 July 2021, Virtual Event*'\n---\n")
    run = hugokit("import", tmp_path / "p", "--site", tmp_path)
    assert run.exit_code == 0, run.output
    database, _ = parse_database((tmp_path / "data/publications.yaml").read_text(), "db")
    assert [pub.venue for pub in database.publications] == ["ICML 2021"]
    assert ('p/x/index.md:5:14: warning[not-imported] "publication" (the part of a proceedings title its venue '
            "does not show) is not imported: 1 page, the first here") in run.stdout.replace(str(tmp_path) + "/", "")


def test_refresh_gives_what_a_proceedings_title_leaves_out_as_evidence() -> None:
    from hugokit.model import Publication
    from hugokit.refresh import Candidate, plan
    from hugokit.sources import Record

    pub = Publication(title="A Paper", year=2021, venue="Preprint 2021", arxiv="2101.00001")
    title = "Proceedings of the 38th International Conference on Machine Learning, ICML 2021, 18-24 July 2021, Virtual"
    records = [Record("arXiv", "2101.00001", "A Paper", [], 2021, venue=title, venue_year=2021, published=True,
                      note=f'journal_ref "{title}"')]
    finding = plan(Candidate(pub, "2101.00001", ""), records, FINDER, VENUES)
    assert [(c.key, c.new) for c in finding.changes] == [("venue", "ICML 2021")]
    assert finding.evidence == [f'arXiv 2101.00001: journal_ref "{title}"',
                                f'ICML 2021 was read from arXiv\'s "{title}"; the rest of it ("18-24 July 2021, '
                                'Virtual") is not kept']
    # A source that names the venue exactly needs no such note.
    exact = records + [Record("DBLP", "conf/icml/X21", "A Paper", [], 2021, venue="ICML", venue_year=2021,
                              published=True, note="ICML 2021")]
    assert len(plan(Candidate(pub, "2101.00001", ""), exact, FINDER, VENUES).evidence) == 2


ONE_PART = REPO / "tests/corpus/bibtex/dblp-one-part-titles.bib"


def test_one_part_titles_name_the_registry_conference_and_nothing_else(tmp_path: Path) -> None:
    """DBLP's condensed `{SIGMOD} Conference` (no year: the entry's), `SIGMOD Conference 2023`;
    the journal SIGMOD Record and a workshop at SIGMOD keep their names (real entries: see
    tests/corpus/README.md)."""
    from conftest import hugokit
    import yaml

    run = hugokit("import", ONE_PART, "--site", tmp_path)
    assert run.exit_code == 0, run.output
    entries = yaml.safe_load((tmp_path / "data/publications.yaml").read_text())
    assert {e["id"]: e["venue"] for e in entries} == {
        "DBLP:conf/sigmod/Sha19GCGT": "SIGMOD 2019, pp. 775–792",
        "2023khatiwadasantos": "SIGMOD 2023",
        "DBLP:conf/sigmod/Guttman84": "SIGMOD 1984, pp. 47–57",
        "miniHive": "SIGMOD Rec. 48(2):33–38, 2019",
        "DBLP:conf/dbtest-ws/Belloni0SR22": "DBTest@SIGMOD 2022, pp. 1–9",
        "pmlr-v162-wan22a": "ICML 2022, pp. 22475–22490",
        # a PACM journal: its issue named by the conference, ACM's article:page
        "DBLP:journals/pacmpl/ShiSL19": "Proc. ACM Program. Lang. 3(POPL):73:1–73:29, 2019",
    }
    # The PMLR volume is its series': said once, at the entry, with the reason.
    text = ONE_PART.read_text()
    line = text[:text.index("@InProceedings{pmlr-v162-wan22a")].count("\n") + 1
    assert f'{ONE_PART}:{line}:1: warning[bibtex-unused-field] field "volume" is not imported (1 entry; first at ' \
           f"line {line}) (a proceedings paper's volume and number are its series'" in run.stdout
    assert "bibtex-locator" not in run.stdout and '"pages"' not in run.stdout
    # build shows them, export bibtex gives them back
    assert hugokit("build", "--site", tmp_path, "--force").exit_code == 0
    page = (tmp_path / "content/publications.md").read_text()
    assert 'title="GPU-based Graph Traversal on Compressed Graphs" venue="SIGMOD 2019, pp. 775–792"' in page
    exported = hugokit("export", "bibtex", "--site", tmp_path, "--force").stdout  # (SIGMOD Rec. is unknown)
    from pybtex.database import parse_string

    entry = parse_string(exported, "bibtex").entries["DBLP:conf/sigmod/Guttman84"]
    assert (entry.type, entry.fields["booktitle"], entry.fields["pages"], entry.fields["year"]) == (
        "inproceedings", "ACM SIGMOD International Conference on Management of Data", "47--57", "1984")


def test_pages_a_whole_title_kept_as_written_has_no_room_for_are_reported_at_their_field() -> None:
    text = CORPUS.read_text()
    result = import_bibtex(text, "dblp.bib", VENUES)
    said = [d for d in result.diagnostics if d.code == "bibtex-locator"]
    assert {d.message.split('"')[1] for d in said} == {
        "Algehed18", "VassenaR16", "TomeV19", "Levy02", "AltenkirchBKSS21", "DBLP:conf/esop/BouajjaniEEH13"}
    first = next(d for d in said if '"Algehed18"' in d.message)
    pages = text.index("pages", text.index("{Algehed18,"))
    assert (first.line, first.col, first.is_error) == (text[:pages].count("\n") + 1, 15, False)
    assert first.message.startswith('entry "Algehed18": pages "24--28" do not fit into the venue "Proceedings of the '
                                    "13th Workshop on Programming Languages and Analysis for Security, PLAS@CCS")
    assert first.hint == ("pages go after the year of a venue of one part: write it as the conference's name and year "
                          "with them (OSDI 2022, pp. 559–578), by hand")
