"""`hugokit build` never silently drops what someone wrote into the generated page by hand."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import hugokit, write

DATABASE = """\
- {title: "Alpa", year: 2022, venue: OSDI 2022, authors: [Lianmin Zheng], topics: [T]}
- {title: "Pollux", year: 2021, venue: OSDI 2021, authors: [Aurick Qiao], topics: [T]}
"""
PASTED = '''{{< publication title="Pasted by hand" venue="ICML 2022" paperLink="" codeLink="" award="" project="" data-topic="T" >}}
Someone Else
{{< /publication >}}

'''


@pytest.fixture
def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HUGOKIT_CACHE_DIR", str(tmp_path / "cache"))
    write(tmp_path / "site/data/publications.yaml", DATABASE)
    write(tmp_path / "site/data/topics.yaml", "- T\n")
    assert hugokit("build", "--site", tmp_path / "site").exit_code == 0
    return tmp_path / "site"


def test_an_entry_pasted_into_the_page_stops_the_build(built: Path) -> None:
    page = built / "content/publications.md"
    edited = page.read_text().replace("### 2022\n\n", "### 2022\n\n" + PASTED, 1)
    page.write_text(edited)
    (built / "data/publications.yaml").write_text(DATABASE.replace("OSDI 2021", "OSDI 2020"))

    run = hugokit("build", "--site", built)

    assert run.exit_code == 1
    assert 'content/publications.md:10:1: error[hand-edited-page] "Pasted by hand" is on the page but not in ' \
           "the database; building would remove it (merge the page into the database first: " \
           "hugokit import content/publications.md)" in run.stdout
    assert page.read_text() == edited
    # The suggested way out: merge the page into the database, then build.
    assert hugokit("import", page, "--site", built).exit_code == 0
    assert hugokit("build", "--site", built).exit_code == 0
    assert "Pasted by hand" in page.read_text() and 'venue="OSDI 2020"' in page.read_text()


def test_text_added_to_the_page_stops_the_build(built: Path) -> None:
    page = built / "content/publications.md"
    page.write_text(page.read_text() + "Some notes.\n")
    (built / "data/publications.yaml").write_text(DATABASE.replace("OSDI 2021", "OSDI 2020"))
    run = hugokit("build", "--site", built)
    assert run.exit_code == 1 and "this line of the page is not an entry" in run.stdout
    assert hugokit("build", "--site", built, "--force").exit_code == 0
    assert "Some notes." not in page.read_text()


def test_deleting_an_entry_from_the_database_just_builds(built: Path) -> None:
    (built / "data/publications.yaml").write_text(DATABASE.splitlines(keepends=True)[0])
    run = hugokit("build", "--site", built)
    assert run.exit_code == 0, run.output
    assert "Pollux" not in (built / "content/publications.md").read_text()


def test_without_a_record_of_the_last_build_a_deletion_asks_for_force(built: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUGOKIT_NO_CACHE", "1")
    (built / "data/publications.yaml").write_text(DATABASE.splitlines(keepends=True)[0])
    run = hugokit("build", "--site", built)
    assert run.exit_code == 1 and '"Pollux" is on the page but not in the database' in run.stdout
    assert hugokit("build", "--site", built, "--force").exit_code == 0


def test_a_front_matter_edited_on_the_page_stops_the_build(built: Path) -> None:
    page = built / "content/publications.md"
    edited = page.read_text().replace('summary: publications\n', 'summary: publications\nmenu: main\n', 1)
    page.write_text(edited)
    (built / "data/publications.yaml").write_text(DATABASE.replace("OSDI 2021", "OSDI 2020"))

    run = hugokit("build", "--site", built)

    assert run.exit_code == 1
    assert "content/publications.md:2:1: error[hand-edited-page] the page's front-matter is not the front_matter " \
           "of hugokit.yaml; building would replace it" in run.stdout
    assert page.read_text() == edited
    # The way out the hint names: import the page, which records its front-matter, then build.
    assert hugokit("import", page, "--site", built).exit_code == 0
    assert "menu: main" in (built / "hugokit.yaml").read_text()
    assert hugokit("build", "--site", built).exit_code == 0
    assert "menu: main\n" in page.read_text() and 'venue="OSDI 2020"' in page.read_text()
