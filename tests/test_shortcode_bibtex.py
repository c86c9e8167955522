"""A shortcode that holds its BibTeX entry (between `{{< publication … >}}` and its closing tag, as
a real Hugo site writes it: tests/corpus/markdown/valentinp72-publications.md, see
tests/corpus/README.md; or in a `bibtex` parameter) is imported with what the entry adds; the
parameters win, and what of the entry is not kept is said. A body that is no BibTeX is an error
at its line, and the entry's parameters are still imported under --partial."""
from __future__ import annotations

from pathlib import Path

import yaml

from conftest import REPO, Run, hugokit, write

PAGE = REPO / "tests/corpus/markdown/valentinp72-publications.md"
MAP = ("--map", "where=venue", "--map", "pdf=links.paper", "--map", "hal=links.hal")


def entries(site: Path) -> dict[str, dict[str, object]]:
    return {e["id"]: e for e in yaml.safe_load((site / "data/publications.yaml").read_text(encoding="utf-8"))}


def line_of(text: str, needle: str) -> int:
    return text[:text.index(needle)].count("\n") + 1


def test_a_real_page_s_bibtex_bodies_fill_what_the_parameters_lack(tmp_path: Path) -> None:
    run = hugokit("import", PAGE, "--site", tmp_path, *MAP)
    assert run.exit_code == 0, run.output
    got = entries(tmp_path)
    assert len(got) == 13
    thesis = got["thesis2024"]
    # The parameters give title, authors, year, venue and links; the entry its month and keywords.
    assert (thesis["venue"], thesis["date"], thesis["keywords"][:2]) == (
        "Le Mans University (PhD thesis)", "2024-01", ["Spoken language understanding", "Automatic speech recognition"])
    # the body's url is the HAL page the hal parameter has; its pdf (the latest version) fills the pdf link
    assert thesis["links"] == {"paper": "https://theses.hal.science/tel-04446162v1/file/2024LEMA1002.pdf",
                               "hal": "https://theses.hal.science/tel-04446162",
                               "pdf": "https://theses.hal.science/tel-04446162/file/2024LEMA1002.pdf"}
    # A DOI written as a link is the DOI, as in the entry: no difference to report. The entry's
    # pages are the venue's locator, where the shortcode's venue names the entry's (as a merge gains one).
    first = got["interspeech2024_a"]
    assert (first["venue"], first["doi"]) == ("Interspeech 2024, pp. 3055–3059, Kos, Greece",
                                              "10.21437/Interspeech.2024-1854")
    assert got["interspeech2022"]["venue"] == "Interspeech 2022, pp. 3453–3457, Incheon, South Korea"
    text = PAGE.read_text(encoding="utf-8")
    body = line_of(text, "@inproceedings{pelloin24_interspeech")
    assert f"{PAGE}:{body}:1: warning[shortcode-bibtex] the BibTeX entry's venue" not in run.stdout
    # A venue the entry names otherwise keeps its own text: the entry's, with its pages, is said.
    lrec = line_of(text, "@inproceedings{laperriere2022_b")
    assert f"{PAGE}:{lrec}:1: warning[shortcode-bibtex] the BibTeX entry's venue \"LREC 2022, pp. 1595–1602\" " \
           "differs from the shortcode's \"LREC 2022 - Language Resources" in run.stdout
    # "…, Antoine Laurent and Laurent Besacier" is two authors, as the entry has them.
    assert got["interspeech2022"]["authors"][-2:] == ["Antoine Laurent", "Laurent Besacier"]
    assert got["recital2020"]["authors"] == ["Valentin Pelloin", "Thibault Prouteau"]
    assert "warning[author-list]" not in run.stdout
    # What the entry says otherwise is said at its first line, and the shortcode's value kept.
    slt = line_of(text, "@inproceedings{laperriere22_slt")
    assert f"{PAGE}:{slt}:1: warning[shortcode-bibtex] the BibTeX entry's year \"2023\" differs from the " \
           "shortcode's \"2022\"; the shortcode's was kept" in run.stdout
    # The entries' fields hugokit has no place for: once per page, with the number of shortcodes.
    address = [line for line in run.stdout.splitlines() if 'field "address" is not imported' in line]
    assert len(address) == 1 and "(7 shortcodes; first at line" in address[0]
    # Names a .bib entry lists with commas: read as names, and said at the field.
    jep = line_of(text, "author = {Valentin Pelloin, Nathalie Camelin")
    assert f"{PAGE}:{jep}:12: warning[bibtex-name] entry \"pelloin2022jep\": author lists 4 names separated by " \
           "commas" in run.stdout


def test_without_a_venue_parameter_the_entry_s_venue_and_pages_are_imported(tmp_path: Path) -> None:
    run = hugokit("import", PAGE, "--site", tmp_path, "--map", "pdf=links.paper", "--map", "hal=links.hal",
                  "--partial")
    assert run.exit_code == 1  # "where" is still an unknown parameter: reported, not dropped
    where = line_of(PAGE.read_text(encoding="utf-8"), 'where="Interspeech 2024, Kos, Greece"')
    # at its own line and column, though the shortcode's parameters run over several lines
    assert f'{PAGE}:{where}:2: error[unknown-parameter] unknown shortcode parameter "where"' in run.stdout
    got = entries(tmp_path)
    assert got["interspeech2024_a"]["venue"] == "Interspeech 2024, pp. 3055–3059"
    assert got["icassp2021"]["venue"] == "ICASSP 2021, pp. 7448–7452"


def test_the_imported_page_builds_and_reads_back(tmp_path: Path) -> None:
    assert hugokit("import", PAGE, "--site", tmp_path, *MAP).exit_code == 0
    assert hugokit("build", "--site", tmp_path, "--force").exit_code == 0
    built = (tmp_path / "content/publications.md").read_text(encoding="utf-8")
    assert '{{< publication title="ASR-Generated Text for Language Model Pre-training Applied to Speech Tasks" ' \
           'venue="Interspeech 2022, pp. 3453–3457, Incheon, South Korea" paperLink="https://www.isca-archive.org/interspeech_2022/' \
           'pelloin22_interspeech.pdf"' in built
    # The built page is hugokit's own format: it imports and rebuilds byte for byte.
    again = tmp_path / "again"
    again.mkdir()
    assert hugokit("import", tmp_path / "content/publications.md", "--site", again).exit_code == 0
    assert hugokit("build", "--site", again, "--force").exit_code == 0
    assert (again / "content/publications.md").read_text(encoding="utf-8") == built


def test_a_body_that_is_no_bibtex_is_an_error_and_the_parameters_still_count(tmp_path: Path) -> None:
    # As real pages write an abstract or a citation there.
    page = write(tmp_path / "page.md", '### 2026\n\n{{< publication title="A Paper" venue="ISMIR 2026" >}}\n'
                                       "Detectors that excel on clean audio degrade sharply.\n"
                                       "We introduce **BAMM**, a 40-hour dataset.\n{{< /publication >}}\n")
    run, site = _imported_into_a_new_site(page, tmp_path)
    assert run.exit_code == 1 and not (site / "data/publications.yaml").exists()
    assert run.stdout.startswith(f"{page}:4:1: error[unparsed-entry] the 2 lines between this publication "
                                 "shortcode and its {{< /publication >}} (line 6) are neither one author line nor a "
                                 "BibTeX entry; they were not imported")
    assert hugokit("import", page, "--site", site, "--partial").exit_code == 1
    assert yaml.safe_load((site / "data/publications.yaml").read_text()) == [
        {"title": "A Paper", "year": 2026, "venue": "ISMIR 2026"}]


def test_a_bibtex_parameter_is_read_the_same_way(tmp_path: Path) -> None:
    page = write(tmp_path / "page.md", '### 2026\n\n{{< publication title="B Paper" venue="ICML 2026" '
                                       'bibtex="@inproceedings{b26, title={B Paper}, author={Ada Lovelace and Alan '
                                       'Turing}, booktitle={ICML}, pages={1--9}, year={2026}, doi={10.1/b}}" >}}\n'
                                       "{{< /publication >}}\n")
    run, site = _imported_into_a_new_site(page, tmp_path)
    assert run.exit_code == 0, run.output
    # The entry's pages are the venue's locator, as a .bib file's booktitle and pages give it.
    assert yaml.safe_load((site / "data/publications.yaml").read_text()) == [
        {"id": "b26", "title": "B Paper", "authors": ["Ada Lovelace", "Alan Turing"], "year": 2026,
         "venue": "ICML 2026, pp. 1–9", "links": {"paper": "https://doi.org/10.1/b"}, "doi": "10.1/b"}]
    assert "shortcode-bibtex" not in run.stdout


def test_a_broken_entry_in_a_body_is_said_at_its_line_in_the_page(tmp_path: Path) -> None:
    page = write(tmp_path / "page.md", '### 2026\n\n{{< publication title="C Paper" venue="ICML 2026" >}}\n'
                                       "@inproceedings{c26,\n  title = {C Paper},\n  year = {2026\n}\n"
                                       "{{< /publication >}}\n")
    run, site = _imported_into_a_new_site(page, tmp_path)
    assert run.exit_code == 1 and "Traceback" not in run.output
    assert f"{page}:7:" in run.stdout and "error[bibtex-syntax]" in run.stdout


def _imported_into_a_new_site(page: Path, tmp_path: Path) -> tuple[Run, Path]:
    site = tmp_path / "site"
    site.mkdir()
    return hugokit("import", page, "--site", site), site
