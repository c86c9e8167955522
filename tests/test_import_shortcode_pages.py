"""Shortcode pages as real sites write them: Hugo's {{% %}} delimiters beside {{< >}}, commented
shortcodes, author lists written "A, B and C", and lines inside a shortcode that the import has no
place for. The pages are the Brian simulator site's (tests/corpus/README.md says where from)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import REPO, hugokit, write
from hugokit import shortcode
from hugokit.importers.markdown import import_page
from hugokit.model import Publication
from hugokit.render.page import render_page

CORPUS = REPO / "tests/corpus/markdown"
PUBLICATIONS = CORPUS / "briansimulator-publications.md"
USING = CORPUS / "briansimulator-papers-using-brian.md"
MAP = ("--map", "journal=venue", "--map", "url=links.paper")


def imported(site: Path) -> list[dict[str, object]]:
    return yaml.safe_load((site / "data/publications.yaml").read_text(encoding="utf-8"))


def line_of(path: Path, needle: str) -> int:
    text = path.read_text(encoding="utf-8")
    return text[:text.index(needle)].count("\n") + 1


def test_a_page_of_percent_shortcodes_is_read_entry_by_entry(tmp_path: Path) -> None:
    run = hugokit("import", PUBLICATIONS, "--site", tmp_path, *MAP, "--partial")
    assert run.exit_code == 1  # the <li> lines and the "extras" parameter are reported, not dropped
    got = imported(tmp_path)
    assert len(got) == 12
    assert got[2] == {"title": "Brian 2, an intuitive and efficient neural simulator",
                      "authors": ["Stimberg M", "Brette R", "Goodman DFM"], "year": 2019, "venue": "eLife",
                      "links": {"paper": "https://elifesciences.org/articles/47314"}}
    # `{{%  publication` (two spaces) opens an entry too; its `year` parameter is the filed year.
    assert [e["year"] for e in got] == [2022, 2020, 2019, 2014, 2013, 2012, 2011, 2010, 2010, 2010, 2009, 2008]
    first = line_of(PUBLICATIONS, "<li")
    assert f"{PUBLICATIONS}:{first}:1: error[unparsed-line] this line is not part of a publication entry: " \
           '"<li class=\\"list-group-item\\">"' in run.stdout
    shortcode_at = line_of(PUBLICATIONS, "{{% publication")
    assert f"{PUBLICATIONS}:{shortcode_at}:1: warning[shortcode-delimiter] entries written {{{{% … %}}}} are built " \
           "as {{< … >}}" in run.stdout
    extras = line_of(PUBLICATIONS, 'extras="16:883700')
    assert f'{PUBLICATIONS}:{extras}:57: error[unknown-parameter] unknown shortcode parameter "extras"' in run.stdout
    # Without --partial nothing is written.
    again = tmp_path / "again"
    again.mkdir()
    assert hugokit("import", PUBLICATIONS, "--site", again, *MAP).exit_code == 1
    assert not (again / "data").exists()


def test_author_lists_written_with_and_are_split_and_what_stays_whole_is_said(tmp_path: Path) -> None:
    run = hugokit("import", PUBLICATIONS, "--site", tmp_path, *MAP, "--partial")
    authors = {e["title"]: e["authors"] for e in imported(tmp_path)}
    assert authors["Brian simulator"] == ["Goodman DFM", "Brette R"]
    assert authors["Brian: a simulator for spiking neural networks in Python"] == ["Goodman D", "Brette R"]
    # "Brette R and Goodman, DFM": the comma cut a name in two; nothing is guessed, all is said.
    assert authors["Vectorised algorithms for spiking neural network simulation"] == ["Brette R and Goodman", "DFM"]
    line = line_of(PUBLICATIONS, 'authors="Brette R and Goodman, DFM"')
    assert f'{PUBLICATIONS}:{line}:18: warning[author-list] "Brette R and Goodman" was kept as one name' \
           in run.stdout
    assert f'{PUBLICATIONS}:{line}:18: warning[author-list] "DFM" is a name of one word' in run.stdout
    code = line_of(PUBLICATIONS, 'authors="Goodman, DFM"')
    assert f'{PUBLICATIONS}:{code}:18: warning[author-list] "Goodman", "DFM" are names of one word' in run.stdout


def test_a_line_inside_a_shortcode_that_gives_its_authors_is_reported(tmp_path: Path) -> None:
    # The site's shortcode shows its inner text (a [code] link) below the citation.
    run = hugokit("import", USING, "--site", tmp_path, *MAP, "--partial")
    line = line_of(USING, '<a href="https://zenodo.org/record/7740678">[code]</a>')
    assert f"{USING}:{line}:1: error[unparsed-entry] the line between this publication and its closing tag is not " \
           "imported: the authors come from the shortcode's parameters; it says " in run.stdout
    got = imported(tmp_path)
    assert [e["authors"][0] for e in got] == ["Hürkey S", "Elices I", "Peron S"]
    assert all("code" not in e.get("links", {}) for e in got)


@pytest.mark.parametrize("comment", [("{{%/*", "*/%}}"), ("{{</*", "*/>}}")])
def test_a_commented_shortcode_is_no_entry(tmp_path: Path, comment: tuple[str, str]) -> None:
    # Hugo shows a commented shortcode as its text: it is the page's text, reported, never an entry.
    opening, closing = comment
    text = PUBLICATIONS.read_text(encoding="utf-8")
    text = text.replace('{{% publication authors="Stimberg M, Brette R', opening + ' publication authors="Stimberg M, '
                        'Brette R', 1).replace('10.7554/eLife.47314" %}}', '10.7554/eLife.47314" ' + closing, 1)
    page = write(tmp_path / "page.md", text)
    site = tmp_path / "site"
    site.mkdir()
    run = hugokit("import", page, "--site", site, *MAP, "--partial")
    titles = [e["title"] for e in imported(site)]
    assert len(titles) == 11 and "Brian 2, an intuitive and efficient neural simulator" not in titles
    line = line_of(page, opening + " publication")
    assert f"{page}:{line}:1: error[unparsed-line] this line is not part of a publication entry: " in run.stdout


def test_a_page_where_nothing_is_an_entry_is_an_error_and_writes_nothing(tmp_path: Path) -> None:
    text = PUBLICATIONS.read_text(encoding="utf-8").replace("{{% publication", "{{%/* publication").replace(
        "{{%  publication", "{{%/* publication").replace('" %}}', '" */%}}')
    page = write(tmp_path / "page.md", text)
    for partial in ((), ("--partial",)):
        site = tmp_path / f"site{len(partial)}"
        site.mkdir()
        run = hugokit("import", page, "--site", site, *MAP, *partial)
        assert run.exit_code == 1
        assert f"{page}:1:1: error[no-entries] no line of {page} is a publication entry (nothing was written; " \
               "check that this is the file or folder meant: an entry is a shortcode at the start of a line with a " \
               'title, {{< publication title="…" >}} or {{% publication title="…" %}} (a commented one, {{</* … */>}}, ' \
               "is text))" in run.stdout
        assert not (site / "data").exists()


@pytest.mark.parametrize(("written", "names"), [
    ("Goodman DFM and Brette R", ["Goodman DFM", "Brette R"]),
    ("Ada Lovelace, Alan Turing and Grace Hopper", ["Ada Lovelace", "Alan Turing", "Grace Hopper"]),
    ("Ada Lovelace, Alan Turing, and Grace Hopper", ["Ada Lovelace", "Alan Turing", "Grace Hopper"]),
    ("Ada Lovelace & Alan Turing", ["Ada Lovelace", "Alan Turing"]),
    ("Anna van der Berg and Jan de Vries", ["Anna van der Berg", "Jan de Vries"]),
    ("Candace Anderson, Andrea Sandoval", ["Candace Anderson", "Andrea Sandoval"]),  # "and" inside words
    ("Ada Lovelace, Centers for Disease Control and Prevention", ["Ada Lovelace",
                                                                  "Centers for Disease Control and Prevention"]),
    ("Bill and Melinda Gates Foundation", ["Bill and Melinda Gates Foundation"]),
    ("Procter & Gamble", ["Procter & Gamble"]),
])
def test_how_a_list_of_names_is_read(written: str, names: list[str]) -> None:
    assert shortcode.split_names(written) == names


def test_names_the_reading_keeps_whole_go_round_the_page_and_others_are_refused(tmp_path: Path) -> None:
    kept = Publication(title="T", year=2020, venue="V 2020",
                       authors=["Candace Anderson", "Centers for Disease Control and Prevention", "Procter & Gamble"])
    page = render_page([kept], "title: x\n")
    again = import_page(page, "content/publications.md")
    assert again.diagnostics == [] and again.publications == [kept]
    write(tmp_path / "data/publications.yaml",
                     '- {title: T, year: 2020, venue: "V 2020", authors: [Alice Smith and Bob Jones, "and Eve Doe"]}\n')
    run = hugokit("check", "--site", tmp_path)
    assert run.exit_code == 1
    assert 'error[unsafe-value] author "Alice Smith and Bob Jones" would read back as several names' in run.stdout
    assert 'error[unsafe-value] author "and Eve Doe" would read back as several names' in run.stdout


TEASER = CORPUS / "jayin92-teaser-publications.md"


def test_a_dialect_whose_parameters_start_on_the_next_line_is_read(tmp_path: Path) -> None:
    # `{{< publication-with-teaser` alone on its line, `title=` on a later one; authors are the
    # site's usernames joined by "," alone; `arxiv` is a link.
    run = hugokit("import", TEASER, "--site", tmp_path, "--partial", "--map", "pdf=links.paper",
                  "--map", "code=links.code", "--map", "url=links.project")
    got = imported(tmp_path)
    assert [e["title"].split(":")[0] for e in got] == ["Skyfall-GS", "BRDFusion", "Pantheon360"]
    first = got[0]
    assert first["authors"] == ["jylee", "yrliu", "srtsai", "wcchang", "chwu", "jwchan", "zjzhao", "hubertlin",
                                "ylliu"]
    assert (first["arxiv"], first["venue"], first["year"]) == ("2510.15869", "ECCV", 2026)
    line = line_of(TEASER, 'authors="jylee,yrliu')
    assert f'{TEASER}:{line}:5: warning[author-list] "jylee", "yrliu", "srtsai"' in run.stdout
    # Its one-line abstract inside the shortcode is reported, never read as the authors.
    abstract = line_of(TEASER, "We present Skyfall-GS")
    assert f"{TEASER}:{abstract}:1: error[unparsed-entry] the line between this \"publication-with-teaser\" " \
           "shortcode and its closing tag is not imported" in run.stdout


DAMKEN = CORPUS / "fdamken-publications.md"


def test_names_a_layout_renders_as_markdown_are_read_as_it_shows_them(tmp_path: Path) -> None:
    # The site's shortcode shows `authors` through markdownify: links, bold, `\*` for a mark.
    run = hugokit("import", DAMKEN, "--site", tmp_path, "--partial", "--map", "venue_name=venue",
                  "--map", "code=links.code", "--map", "full_text_pdf=links.paper")
    got = imported(tmp_path)
    assert got[0]["authors"] == ["K. Vida*", "F. Damken*", "A. Lauscher"]
    assert (got[0]["venue"], got[0]["year"], got[0]["arxiv"]) == ("AIES 2024", 2024, "2407.15184")
    line = line_of(DAMKEN, 'authors="[K. Vida]')
    assert f'{DAMKEN}:{line}:5: warning[author-markdown] the Markdown of 3 of the authors was dropped: ' \
           '"[K. Vida](https://www.bwl.uni-hamburg.de/en/ds/team/vida.html)\\\\*" is "K. Vida*"' in run.stdout
    # The second entry has no year the page shows in a form the import reads: said, not guessed.
    second = line_of(DAMKEN, 'title="STAMP')
    assert f"{DAMKEN}:{second - 1}:1: error[unparsed-entry] this publication comes before any ### YEAR heading" \
           in run.stdout


def test_the_seed_page_written_with_percent_delimiters_gives_the_same_database() -> None:
    seed = (REPO / "tests/fixtures/seed-publications.md").read_text(encoding="utf-8")
    percent = seed.replace("{{< /publication >}}", "{{% /publication %}}").replace(
        "{{< publication", "{{% publication").replace('" >}}\n', '" %}}\n')
    assert percent.count("{{% publication") == percent.count("{{% /publication %}}") == 47
    mine, theirs = import_page(percent, "p.md"), import_page(seed, "p.md")
    assert mine.publications == theirs.publications and theirs.diagnostics == []
    assert [d.code for d in mine.diagnostics] == ["shortcode-delimiter"]
    # built, it is the seed page again, byte for byte
    assert render_page(mine.publications, mine.front_matter or "") == seed


def test_a_json_list_s_author_string_is_read_the_same_way(tmp_path: Path) -> None:
    source = write(tmp_path / "list.json", '[{"title": "T", "venue": "OSDI 2022", "date": "07/2022", '
                                           '"authors": "Ada Lovelace, Alan Turing and Grace Hopper"}]')
    site = tmp_path / "site"
    site.mkdir()
    assert hugokit("import", source, "--site", site).exit_code == 0
    assert imported(site)[0]["authors"] == ["Ada Lovelace", "Alan Turing", "Grace Hopper"]
