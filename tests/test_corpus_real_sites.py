"""What the import makes of real sites' .bib files (tests/corpus/README.md names each source):
the values that once landed wrong or nowhere, entry by entry."""
from __future__ import annotations

from pathlib import Path

from conftest import REPO, hugokit
from hugokit.database import parse_database
from hugokit.model import Publication

BIBTEX = REPO / "tests" / "corpus" / "bibtex"


def imported(name: str, site: Path) -> tuple[dict[str, Publication], str]:
    site.mkdir(exist_ok=True)
    run = hugokit("import", BIBTEX / name, "--site", site, "--partial")
    assert run.exit_code in (0, 1) and "Traceback" not in run.output, run.output
    database, problems = parse_database((site / "data/publications.yaml").read_text(encoding="utf-8"), "db")
    assert [p for p in problems if p.is_error] == []
    return {p.id: p for p in database.publications}, run.stdout


def test_an_arxiv_id_beside_a_venue_is_the_arxiv_field_and_the_venue_stays_published(tmp_path: Path) -> None:
    pubs, out = imported("al-folio-animadversio-arxiv-venues.bib", tmp_path)
    assert (pubs["fel2025archetypal"].venue, pubs["fel2025archetypal"].arxiv) == ("ICML 2025", "2502.12892")
    assert (pubs["wang2024unreasonable"].venue, pubs["wang2024unreasonable"].arxiv) == ("TMLR 2024", "2412.09726")
    # a workshop stays a workshop, its id taken out of the name
    hidden = pubs["wang2023hidden"]
    assert (hidden.venue, hidden.arxiv) == ("NeurIPS 2023 Workshop on Diffusion Models", "2311.10892")
    assert pubs["wang2021use"].venue == "NeurIPS 2021 SVRHM Workshop"
    # only an arXiv journal is a preprint
    assert pubs["wang2023diffusion"].venue == "Preprint 2023" and pubs["wang2025analytical"].venue == "Preprint 2025"
    assert ':29:1: error[bibtex-incomplete] entry "wangdiffusion" has no year' in out


def test_an_al_folio_file_name_keeps_its_spaces(tmp_path: Path) -> None:
    pubs, out = imported("al-folio-444thliao-file-names.bib", tmp_path)
    assert pubs["liao2019tmap"].links == {"paper": "/assets/pdf/2019%20tmap%20GenomeBiology"}
    assert pubs["tao2021evolutionary"].links == {"paper": "/assets/pdf/2021%20Tao.%20Brady%20ISME%20J.pdf"}
    assert "bad-link" not in out
    assert hugokit("check", "--site", tmp_path).exit_code in (0, 1)
    assert "bad-link" not in hugokit("check", "--site", tmp_path).stdout


def test_ads_journal_macros_are_the_journals_abbreviations(tmp_path: Path) -> None:
    pubs, out = imported("ads-alecthomson-astronomy.bib", tmp_path)
    assert pubs["2026A&A...710L..32M"].venue == "A&A 710:L32, 2026"
    assert pubs["2026MNRAS.547ag394O"].venue == "MNRAS 547(4), 2026"
    assert pubs["2025AJ....170..295V"].venue == "AJ 170(5):295, 2025"
    assert pubs["2024ApJ...971..100M"].venue == "ApJ 971(1):100, 2024"
    assert pubs["2026arXiv260631440K"].venue == "Preprint 2026"
    assert "bibtex-latex" not in out


def test_biblatex_dates_give_the_year_and_the_day(tmp_path: Path) -> None:
    pubs, out = imported("zotero-trevail-ecology-dates.bib", tmp_path)
    assert (pubs["grémillet2023"].year, pubs["grémillet2023"].date) == (2023, "2023-05-02")
    assert pubs["langley2023"].date == "2023-05-18"
    assert pubs["trevail_elevated_2015"].date == "2015-07"  # year and month alone
    assert 'field "date"' not in out
    grants, out = imported("cv-harmon-grants-biblatex.bib", tmp_path / "cv")
    assert (grants["Carney:2017"].year, grants["Carney:2017"].date) == (2017, "")  # date = {2017/2021}, no year
    assert ':38:8: warning[bibtex-date] entry "Carney:2017": date "2017/2021" is a range: only its start (2017) ' \
           'was imported' in out
    # the entry commented out with % on each line is reported as such, the live one of its key imported
    assert ':8:2: warning[bibtex-commented-entry] the @unpublished entry "Streete:2025" is commented out with % ' \
           'and was not imported' in out and "bibtex-syntax" not in out
    assert grants["Streete:2025"].venue == "2025 ACSA 113th Annual Meeting Paper and Project Proceedings"


def test_an_undefined_string_macro_empties_its_field_not_the_entry(tmp_path: Path) -> None:
    pubs, out = imported("al-folio-1saacrankin-undefined-string.bib", tmp_path)
    epr = pubs["PhysRev.47.777"]
    assert (epr.venue, epr.doi, epr.date) == ("Phys. Rev. 47(10):777–780, 1935", "10.1103/PhysRev.47.777", "1935-05")
    assert ':64:16: warning[bibtex-undefined-macro] entry "PhysRev.47.777": publisher = aps names no @string ' \
           'macro; it was read as empty' in out


def test_an_entry_whose_key_lacks_its_comma_is_read(tmp_path: Path) -> None:
    pubs, _ = imported("repec-meyer-gohde-economics.bib", tmp_path)
    assert pubs["meyer-gohde_neuhoff_2015"].authors == ["Alexander Meyer-Gohde", "Daniel Neuhoff"]
    assert pubs["meyer-gohde_neuhoff_2015"].venue == "Economics Letters 133:89–91, 2015"


def test_ties_and_tex_logos_of_a_report_survive_export_and_import(tmp_path: Path) -> None:
    pubs, out = imported("report-conflictlab-latex-manuals.bib", tmp_path)
    # a tie (~) is a space, as stray-whitespace would have it: export writes it so, and import reads it back
    assert pubs["Downes04:amsart"].title == "The amsart, amsproc, and amsbook document classes"
    assert pubs["Lamport94"].title == "LaTeX: a Document Preparation System"
    assert pubs["TeXFAQ"].authors == ["UK TeX Users Group"]
    assert "bibtex-latex" not in out
    exported = tmp_path / "export.bib"
    assert hugokit("export", "bibtex", "--site", tmp_path, "--force", "-o", exported).exit_code == 0
    again = tmp_path / "again"
    again.mkdir()
    assert hugokit("import", exported, "--site", again).exit_code == 0
    assert (again / "data/publications.yaml").read_text() == (tmp_path / "data/publications.yaml").read_text()


def test_biblatex_journaltitle_date_and_eprints_of_a_zotero_export(tmp_path: Path) -> None:
    pubs, out = imported("bbt-biblatex-journaltitle-dates.bib", tmp_path)
    assert pubs["Adams2001"].venue == "Bulletin of Volcanology 62:493–518, 2001"
    staiger = pubs["Staiger1985"]
    assert (staiger.venue, staiger.links) == ("Cinema Journal 24(3):4–23, 1985",
                                              {"paper": "https://www.jstor.org/stable/1225428"})
    assert (pubs["t4"].year, pubs["t4"].date) == (2014, "2014-12-31")
    assert ':39:10: warning[bibtex-date] entry "t3": date "2014-12-31/" is a range' in out
    assert ':49:1: error[bibtex-incomplete] entry "t5" has no year' in out  # date = {-0333}
    assert 'field "journaltitle"' not in out and 'field "eprint"' not in out


def test_an_eprint_no_resolver_knows_is_reported_not_dropped(tmp_path: Path) -> None:
    source = tmp_path / "ssrn.bib"
    source.write_text("@article{k, title={T}, author={A, B}, year={2020}, journal={J},\n"
                      "  eprint={3512345}, eprinttype={ssrn}}\n", encoding="utf-8")
    run = hugokit("import", source, "--site", tmp_path)
    assert 'warning[bibtex-unused-field] field "eprint" is not imported' in run.stdout
    assert 'field "eprinttype" is not imported' in run.stdout


def test_a_link_field_with_no_kind_left_is_reported_not_dropped(tmp_path: Path) -> None:
    source = tmp_path / "links.bib"
    source.write_text("@article{k, title={T}, author={A, B}, year={2020}, journal={J},\n"
                      "  pdf={a.pdf}, paper={https://x.org/p}, url={https://x.org/u}, website={https://x.org/w},\n"
                      "  project={https://x.org/pr}, howpublished={\\url{https://x.org/h}}}\n", encoding="utf-8")
    run = hugokit("import", source, "--site", tmp_path)
    assert 'field "url" is not imported (1 entry; first at line 1) (each link kind it may be was taken' in run.stdout
    assert 'field "howpublished" is not imported' in run.stdout
    pubs, _ = imported(str(source), tmp_path / "again")  # an absolute path: BIBTEX / it is the path
    # each under a kind that says what it is: never url as a project, nor a kind hugokit check does not know
    assert pubs["k"].links == {"paper": "https://x.org/p", "pdf": "/assets/pdf/a.pdf", "project": "https://x.org/pr",
                               "website": "https://x.org/w"}


def test_an_entry_commented_out_on_one_line_is_not_imported(tmp_path: Path) -> None:
    source = tmp_path / "old.bib"
    source.write_text("% @article{old, title={Old}, author={A, B}, year={2019}, journal={J}}\n"
                      "@article{live, title={Live}, author={A, B}, year={2020}, journal={J}, note={50% of @x}}\n",
                      encoding="utf-8")
    pubs, out = imported(str(source), tmp_path / "site")
    assert list(pubs) == ["live"]
    assert ':1:3: warning[bibtex-commented-entry] the @article entry "old" is commented out with %' in out


def test_an_empty_field_is_not_reported_as_lost(tmp_path: Path) -> None:
    _, out = imported("repec-meyer-gohde-economics.bib", tmp_path)
    assert 'field "month"' not in out  # month={} in each entry


def test_zotero_text_symbols_are_characters(tmp_path: Path) -> None:
    pubs, out = imported("al-folio-fukushima-zotero-symbols.bib", tmp_path)
    pub = pubs["suetsuguTranscriptomicHeterochronyCompletely2023"]
    assert "has evolved in > 30 angiosperm lineages;" in pub.abstract
    assert pub.venue == "New Phytologist 237(1):323–338, 2023"
    assert "bibtex-latex" not in out and 'field "feature_article"' not in out


def test_no_break_spaces_pasted_into_titles_are_spaces_and_bad_keys_are_mended(tmp_path: Path) -> None:
    source = tmp_path / "pwr.bib"
    # as a department's merged list has them (Wrocław University of Science and Technology's site)
    source.write_text("@inproceedings{000165837markowska-kaczmar2009kohonen's,\n"
                      "  title = {Embedding alignment methods\u00a0in dynamic networks},\n"
                      "  author = {Markowska-Kaczmar, Urszula}, year = {2009}, booktitle = {X}}\n", encoding="utf-8")
    pubs, out = imported(str(source), tmp_path / "site")
    pub = pubs["000165837markowska-kaczmar2009kohonen-s"]
    assert pub.title == "Embedding alignment methods in dynamic networks"
    assert ':1:1: warning[bibtex-key] entry "000165837markowska-kaczmar2009kohonen\'s": its key holds "\'", which a ' \
           'BibTeX key cannot hold (BibTeX and biber refuse it); it was imported with the id ' \
           '"000165837markowska-kaczmar2009kohonen-s"' in out
    check = hugokit("check", "--site", tmp_path / "site")
    assert "bad-id" not in check.stdout and "stray-whitespace" not in check.stdout


def test_a_university_repositorys_keys_dois_and_publishers(tmp_path: Path) -> None:
    pubs, out = imported("pwr-ai-department-merged.bib", tmp_path)
    assert sorted(pubs) == ["000056753duda1984--nauka", "000165837markowska-kaczmar2009kohonen-s",
                            "000177163kazienko2011data", "000230891tagowski2021embedding"]
    assert pubs["000230891tagowski2021embedding"].doi == "10.1145/1122445.1122456"
    assert ':7:5: warning[bibtex-doi] entry "000230891tagowski2021embedding": doi "https://10.1145/1122445.1122456" ' \
           'is not a DOI (10.NNNN/…); imported as "10.1145/1122445.1122456"' in out
    assert pubs["000177163kazienko2011data"].venue == "Wrocław University of Technology 2011"  # `… ;` as written
    # the key with spaces: the entry named, where its key breaks, with a key to write instead
    assert ':36:31: error[bibtex-syntax] BibTeX syntax error in entry "000201560moreno fernandez de laceta2015real": ' \
           "its key holds a space, which a BibTeX key cannot hold; this entry was skipped (write the key without " \
           'spaces ("000201560moreno_fernandez_de_laceta2015real") and import again)' in out


def test_what_an_arxiv_venue_says_besides_arxiv_is_reported(tmp_path: Path) -> None:
    pubs, out = imported("al-folio-42shawn.bib", tmp_path)
    assert pubs["Shang_2024_Survey_LLMinference"].venue == "Preprint 2024"
    assert ':197:17: warning[bibtex-preprint] entry "Shang_2024_Survey_LLMinference": journal "arXiv Feb. (Survey ' \
           'Paper)" was read as Preprint 2024; the rest of it ("Feb. (Survey Paper") is not imported' in out


def test_a_handle_in_the_doi_field_is_no_doi(tmp_path: Path) -> None:
    pubs, out = imported("gwf-theses-handles.bib", tmp_path)
    carlow = pubs["Carlow-2021-The"]
    assert (carlow.doi, carlow.links) == ("", {"paper": "https://gwf-uwaterloo.github.io/gwf-publications/G21-1001"})
    assert ':8:11: warning[bibtex-doi] entry "Carlow-2021-The": doi "10012/17569" is not a DOI (10.NNNN/…); it was ' \
           'not imported' in out


def test_a_key_with_spaces_costs_only_its_entry_wherever_it_is(tmp_path: Path) -> None:
    text = (BIBTEX / "pwr-ai-department-merged.bib").read_text(encoding="utf-8")
    at = text.index("@inproceedings{000201560moreno")
    source = tmp_path / "first.bib"
    source.write_text(text[at:] + "\n" + text[:at], encoding="utf-8")  # the broken entry first
    pubs, out = imported(str(source), tmp_path / "site")
    assert len(pubs) == 4
    assert ':1:31: error[bibtex-syntax] BibTeX syntax error in entry "000201560moreno fernandez de laceta2015real": ' \
           "its key holds a space" in out


def test_a_volume_with_its_own_year_keeps_it_and_is_reported(tmp_path: Path) -> None:
    pubs, out = imported("volumes-with-their-own-year.bib", tmp_path)
    # the year of the entry (the volume's publication) is not appended to a title that names its own
    assert pubs["cho2026datareconstruction"].venue == (
        "Artificial Intelligence Computing and Systems: Second International Conference, AICompS 2025, Fukuoka, "
        "Japan, November 26–28, 2025, Revised Selected Papers")
    assert pubs["cho2026datareconstruction"].year == 2026
    assert pubs["11591_221524"].venue == "Euro-Par 2010 Parallel Processing Workshops - Lecture Notes in Computer " \
                                         "Science, pp. 547–554"
    assert ':9:13: warning[bibtex-venue-year] entry "cho2026datareconstruction": booktitle "Artificial ' in out
    assert 'names the year 2025, not the entry\'s year 2026; the venue keeps its own year and the entry is filed ' \
           'under 2026 (nothing to do if both are right' in out
    assert ':29:14: warning[bibtex-venue-year] entry "11591_221524": booktitle "Euro-Par 2010 Parallel Processing ' \
           "Workshops - Lecture Notes in Computer Science\" names the year 2010, not the entry's year 2011" in out


def test_affiliation_numbers_leave_names_and_marks_stay(tmp_path: Path) -> None:
    pubs, out = imported("readme-dermsynth3d-superscripts.bib", tmp_path)
    assert pubs["kawahara2023ds3d"].authors[:4] == ["Jeremy Kawahara*", "Ashish Sinha*", "Arezou Pakzad",
                                                    "Kumar Abhishek"]
    assert ':1:1: warning[bibtex-affiliation] affiliation numbers after author names were taken out (1 entry; ' \
           'first at line 1: "Kawahara, Jeremy\\\\textsuperscript{*}\\\\textsuperscript{1}")' in out
    assert "author-marker" not in hugokit("check", "--site", tmp_path).stdout


def test_al_folio_award_text_and_html_pages(tmp_path: Path) -> None:
    pubs, out = imported("al-folio-0merle0-award-html.bib", tmp_path)
    # html is the paper's page (a file name under /assets/html/, as al-folio links it), the pdf beside it a pdf
    assert pubs["einstein1920relativity"].links == {"paper": "/assets/html/relativity.html"}
    epr = pubs["PhysRev.47.777"].links
    assert (epr["paper"], epr["pdf"]) == ("https://journals.aps.org/pr/abstract/10.1103/PhysRev.47.777",
                                          "/assets/pdf/example_pdf.pdf")
    # award_name is the badge (the award); award the text under it, which the database cannot hold: reported
    assert pubs["einstein1905photoelectriceffect"].award == "Nobel Prize"
    assert ':54:9: warning[bibtex-award] entry "einstein1905photoelectriceffect": award "Albert Einstein receveid ' \
           'the **Nobel Prize in Physics** 1921' in out
    assert 'is the text al-folio shows under the badge award_name "Nobel Prize" (the award imported); it was not ' \
           'imported (the database holds the award\'s name; to keep the text, add it to data/awards.yaml: ' \
           '- {name: Nobel Prize, description: …})' in out
    assert 'field "award"' not in out and 'field "html"' not in out
    check = hugokit("check", "--site", tmp_path).stdout
    assert "unknown-link-kind" not in check and "bad-link" not in check


def test_a_mark_after_the_first_name_goes_after_the_whole_name(tmp_path: Path) -> None:
    pubs, _ = imported("al-folio-501good-marks-after-first-names.bib", tmp_path)
    assert pubs["agarwal-etal-2024-analyzing"].authors[:3] == ["Navneet Agarwal*", "Kirill Milintsevich*",
                                                               "Lucie Metivier"]
    assert "author-marker" not in hugokit("check", "--site", tmp_path).stdout


def test_a_urls_paper_page_beside_a_pdf_is_no_project(tmp_path: Path) -> None:
    pubs, out = imported("al-folio-594zyc-acl-url-beside-pdf.bib", tmp_path)
    assert pubs["gao-etal-2020-paraphrase"].links == {
        "paper": "https://aclanthology.org/2020.acl-main.60", "pdf": "/assets/pdf/acl20_parg.pdf",
        "code": "https://github.com/Silin159/PARG",
        "video": "https://slideslive.com/38928976/paraphrase-augmented-taskoriented-dialog-generation"}
    assert pubs["gao-etal-2020-paraphrase"].venue == "ACL 2020, pp. 639–649"
    assert 'field "url"' not in out and 'field "pdf"' not in out
