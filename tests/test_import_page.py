"""`hugokit import` of a shortcode page: nothing dropped silently, nothing overwritten by accident."""
from __future__ import annotations

from pathlib import Path

import yaml

from conftest import hugokit, write


def test_importing_into_an_existing_database_merges_and_force_replaces(site: Path) -> None:
    database = write(site / "data/publications.yaml", "# My list.\n- {title: Mine, year: 2020}   # mine\n")
    run = hugokit("import", site / "content/publications.md", "--site", site)
    assert run.exit_code == 0
    assert "imported 47 new and updated 0 existing publications" in run.stdout
    text = database.read_text()
    assert text.startswith("# My list.\n- title: \"CLLMs: Consistency Large Language Models\"")
    assert "- {title: Mine, year: 2020}   # mine\n" in text
    # Mine (2020) stands after every newer entry and before the seed's 2020 entries.
    assert text.index("year: 2021") < text.index("title: Mine") < text.index("year: 2020\n")

    again = hugokit("import", site / "content/publications.md", "--site", site)
    assert "imported 0 new and updated 0 existing" in again.stdout
    assert database.read_text() == text

    assert hugokit("import", site / "content/publications.md", "--site", site, "--force").exit_code == 0
    assert "Mine" not in database.read_text()


def test_lines_it_cannot_read_are_reported_with_position_and_nothing_is_written(site: Path) -> None:
    page = site / "content/publications.md"
    text = page.read_text().replace("### 2023\n", "### 2023\n\nSome intro text.\n", 1)
    text = text.replace('award="" project="" data-topic="ML Security" >}}',
                        'award="" project="" slides=x data-topic="ML Security" >}}', 1)
    page.write_text(text)
    lines = text.splitlines()
    intro = lines.index("Some intro text.") + 1
    slides = next(i for i, line in enumerate(lines) if "slides=x" in line) + 1

    run = hugokit("import", page, "--site", site)

    assert run.exit_code == 1
    assert f"{page}:{intro}:1: error[unparsed-line] this line is not part of a publication entry: " \
           '"Some intro text."' in run.stdout
    column = lines[slides - 1].index("slides=x") + 1
    assert f'{page}:{slides}:{column}: error[unknown-parameter] unknown shortcode parameter "slides"' in run.stdout
    assert "nothing was written" in run.stderr
    assert not (site / "data/publications.yaml").exists()

    partial = hugokit("import", page, "--site", site, "--partial")
    assert partial.exit_code == 1
    assert "imported 47 publications" in partial.stdout  # the entry, without the parameter


def test_broken_entries_are_reported(tmp_path: Path) -> None:
    page = write(tmp_path / "content/publications.md", (
        "---\ntitle: x\n---\n\n"
        '{{< publication title="Before any year" venue="" >}}\nA\n{{< /publication >}}\n\n'
        "### 2020\n\n"
        '{{< publication venue="V 2020" >}}\nA\n{{< /publication >}}\n\n'
        '{{< publication title="No closing" >}}\nA\nB\n\n'
        '{{< publication title="Unterminated >}}\nA\n{{< /publication >}}\n'))
    run = hugokit("import", page, "--site", tmp_path)
    assert run.exit_code == 1
    out = run.stdout
    assert ":5:1: error[unparsed-entry] this publication comes before any ### YEAR heading" in out
    assert ":11:1: error[missing-key] this publication has no title (or an empty one)" in out
    assert ":17:1: error[unparsed-entry] expected {{< /publication >}} after the author line" in out
    assert ":16:" not in out and ":17:1: error[unparsed-line]" not in out
    assert ':19:17: error[unparsed-entry] cannot read the shortcode parameters here: "title=\\"Unterminated"' in out


def test_unclosed_front_matter(tmp_path: Path) -> None:
    page = write(tmp_path / "content/publications.md", "---\ntitle: x\n\n### 2020\n")
    run = hugokit("import", page, "--site", tmp_path)
    assert run.exit_code == 1
    assert f"{page}:1:1: error[unclosed-front-matter]" in run.stdout


def test_missing_source_is_a_usage_error(tmp_path: Path) -> None:
    run = hugokit("import", tmp_path / "nope.md", "--site", tmp_path)
    assert run.exit_code == 2
    assert "does not exist" in run.stdout


# valentinp72/vpelloin.eu @ cd24312, content/_index.md (reduced: its TOML front-matter, the first
# year heading and the first entry): a multi-line `{{< publication` opening, a BibTeX body.
VPELLOIN = Path(__file__).parent / "fixtures/real/vpelloin-index.md"


def test_a_toml_front_matter_is_one_error_and_a_bibtex_body_is_read(tmp_path: Path) -> None:
    run = hugokit("import", VPELLOIN, "--site", tmp_path, "--map", "where=venue", "--map", "pdf=links.paper")
    shown = str(VPELLOIN)
    assert run.stdout.splitlines() == [
        f"{shown}:1:1: error[unparsed-line] the front-matter is TOML (between +++ lines); hugokit keeps and writes "
        'YAML front-matter (between --- lines) (rewrite it as YAML between --- lines (title = "X" becomes title: "X"), '
        "then import again)",
        f"{shown}:20:1: warning[shortcode-bibtex] the BibTeX entry's id \"pelloin26_lrec\" differs from the "
        "shortcode's \"lrec2026_a\"; the shortcode's was kept (nothing to do if the shortcode is right (the page "
        "keeps its BibTeX as written); else correct the shortcode's parameter)"]
    assert run.exit_code == 1 and not (tmp_path / "data").exists()
    assert hugokit("import", VPELLOIN, "--site", tmp_path, "--map", "where=venue", "--map", "pdf=links.paper",
                   "--partial").exit_code == 1
    assert [e["id"] for e in yaml.safe_load((tmp_path / "data/publications.yaml").read_text())] == ["lrec2026_a"]


def test_an_opening_shortcode_whose_name_ends_its_line_is_an_entry(tmp_path: Path) -> None:
    """The entry above with its BibTeX body taken out reads, with the parameters on the lines after."""
    lines = VPELLOIN.read_text(encoding="utf-8").splitlines(keepends=True)
    page = write(tmp_path / "page.md", "".join(lines[9:19] + lines[24:]))
    (tmp_path / "site").mkdir()
    run = hugokit("import", page, "--site", tmp_path / "site", "--map", "where=venue", "--map", "pdf=links.paper")
    assert run.exit_code == 0, run.output
    text = (tmp_path / "site/data/publications.yaml").read_text(encoding="utf-8")
    assert "- id: lrec2026_a\n" in text and "paper: \"https://arxiv.org/pdf/2604.09472\"" in text
    assert "authors: [Valentin Pelloin, Lina Bekkali, Reda Dehak, David Doukhan]" in text
