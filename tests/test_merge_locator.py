"""Re-importing a journal's volume, issue and pages into a database written before the import
read them: the same venue with a locator it lacks fills it in, as an empty field is filled; a
locator the database has is kept; different locators, or different venues, stay a conflict."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import REPO, hugokit, write
from hugokit.database import parse_database
from hugokit.venue_string import with_more_locator

REAL = REPO / "tests/corpus/bibtex/msmbuilder-publications.bib"
NUMPY = """\
# Our papers.
- title: "Array programming with NumPy"
  authors: [Charles R. Harris, K. Jarrod Millman]
  year: 2020
  venue: Nature 2020   # written before imports read locators
  doi: 10.1038/s41586-020-2649-2
"""


def venues(site: Path) -> list[str]:
    database, problems = parse_database((site / "data/publications.yaml").read_text(encoding="utf-8"), "db")
    assert problems == []
    return [pub.venue for pub in database.publications]


def as_exported_elsewhere(site: Path, fields: str) -> str:
    """The database's BibTeX export as another tool would give it back: without hugokit's own
    fields (which take precedence on import), with a journal's volume, number and pages."""
    exported = hugokit("export", "bibtex", "--site", site)
    assert exported.exit_code == 0
    bib = "".join(line for line in exported.stdout.splitlines(keepends=True) if not line.startswith("  hugokit-"))
    return bib.replace("  year = {2020},\n", "  year = {2020},\n" + fields, 1)


def test_re_importing_an_export_with_volume_number_and_pages_fills_in_the_locator(tmp_path: Path) -> None:
    database = write(tmp_path / "data/publications.yaml", NUMPY)
    bib = write(tmp_path / "numpy.bib", as_exported_elsewhere(
        tmp_path, "  volume = {585},\n  number = {7825},\n  pages = {357--362},\n"))

    preview = hugokit("import", bib, "--site", tmp_path, "--dry-run")
    assert preview.exit_code == 1 and "merge-conflict" not in preview.output
    assert '-  venue: Nature 2020   # written before imports read locators\n' \
           '+  venue: "Nature 585(7825):357–362, 2020"   # written before imports read locators\n' in preview.stdout
    assert "would import 0 new and updated 1 existing" in preview.stdout
    assert database.read_text(encoding="utf-8") == NUMPY

    run = hugokit("import", bib, "--site", tmp_path)
    assert run.exit_code == 0 and "merge-conflict" not in run.output
    # Replaced where it stands: the comment after it and everything else stay as they were.
    assert database.read_text(encoding="utf-8") == NUMPY.replace(
        "venue: Nature 2020", 'venue: "Nature 585(7825):357–362, 2020"') + \
        '  id: harris2020array\n  links: {paper: "https://doi.org/10.1038/s41586-020-2649-2"}\n'
    assert hugokit("import", bib, "--site", tmp_path).stdout.endswith(
        "imported 0 new and updated 0 existing publications in data/publications.yaml\n")
    checked = hugokit("check", "--site", tmp_path)
    assert (checked.exit_code, checked.output) == (0, "no problems\n")


def test_a_flow_mapping_entry_s_venue_is_replaced_inside_it(tmp_path: Path) -> None:
    database = write(tmp_path / "data/publications.yaml",
                     '- {title: "Array programming with NumPy", year: 2020, venue: Nature 2020}')
    bib = write(tmp_path / "numpy.bib", "@article{numpy, title = {Array programming with NumPy}, journal = {Nature},"
                                        " volume = {585}, pages = {357--362}, year = {2020}}\n")
    run = hugokit("import", bib, "--site", tmp_path)
    assert run.exit_code == 0 and "merge-conflict" not in run.output
    assert database.read_text(encoding="utf-8") == \
        '- {title: "Array programming with NumPy", year: 2020, venue: "Nature 585:357–362, 2020", id: numpy}'


@pytest.mark.parametrize(("stored", "fields", "reported"), [
    # The database's locator and an import without one: kept, nothing to report.
    ('"Nature 585(7825):357–362, 2020"', "", False),
    # The same locator written with another dash: the same.
    ('"Nature 585(7825):357-362, 2020"', "  volume = {585},\n  number = {7825},\n  pages = {357--362},\n", False),
    # Different locators, or the locator of a venue with another year: a conflict as before.
    ('"Nature 585(7824):1–6, 2020"', "  volume = {585},\n  number = {7825},\n  pages = {357--362},\n", True),
    ("Nature 2019", "  volume = {585},\n  pages = {357--362},\n", True),
    ("Nature 2020 (Oral)", "  volume = {585},\n  pages = {357--362},\n", True),
])
def test_a_locator_the_database_has_is_kept(tmp_path: Path, stored: str, fields: str, reported: bool) -> None:
    text = NUMPY.replace("venue: Nature 2020", f"venue: {stored}")
    database = write(tmp_path / "data/publications.yaml", text)
    bib = write(tmp_path / "numpy.bib", "@article{numpy,\n  title = {Array programming with NumPy},\n"
                                        f"  journal = {{Nature}},\n  year = {{2020}},\n{fields}}}\n")
    run = hugokit("import", bib, "--site", tmp_path)
    assert run.exit_code == 0
    assert ("warning[merge-conflict]" in run.stdout) is reported
    assert venues(tmp_path) == [stored.strip('"')]
    assert database.read_text(encoding="utf-8").startswith(text)


@pytest.mark.parametrize(("mine", "theirs", "kept"), [
    ("Nature 2020", "Nature 585(7825):357–362, 2020", "Nature 585(7825):357–362, 2020"),
    ("Nature 585(7825):357–362, 2020", "Nature 2020", "Nature 585(7825):357–362, 2020"),
    ("Nature", "Nature 585:357–362", "Nature 585:357–362"),
    ("Nature 2020", "Nature 2020", "Nature 2020"),
    ("Nature 2020(Oral)", "Nature 585:1–2, 2020 (oral)", "Nature 585:1–2, 2020 (oral)"),
    ("Nature 585:357-362, 2020", "Nature 585:357–362, 2020", "Nature 585:357-362, 2020"),
    ("ICML 2020 (Oral), Nature 2020", "ICML 2020 (Oral), Nature 585:1, 2020", "ICML 2020 (Oral), Nature 585:1, 2020"),
    # Not one venue with more said, so a conflict:
    ("Nature 585:357–362, 2020", "Nature 585(7825):357–362, 2020", None),  # both write a locator
    ("Nature 585(7824):1–6, 2020", "Nature 585(7825):357–362, 2020", None),
    ("Nature 2021", "Nature 585:357–362, 2020", None),
    ("Nature 2020 (Oral)", "Nature 585:357–362, 2020", None),
    ("Nature 2020", "Nature 585:357–362, 2020 (Best Paper Award)", None),
    ("Science 2020", "Nature 585:357–362, 2020", None),
    ("nature 2020", "Nature 585:357–362, 2020", None),
    ("Nature 2020", "Nature 585:357–362, 2020, ICML 2020", None),
    ("Nature 1:2, 2020, Science 2020", "Nature 2020, Science 3:4, 2020", None),  # each has one the other lacks
    ("MLSys@NeurIPS 2020", "NeurIPS 12:1, 2020", None),
])
def test_one_venue_with_a_locator_the_other_lacks(mine: str, theirs: str, kept: str | None) -> None:
    assert with_more_locator(mine, theirs) == kept


def test_a_real_journal_bibliography_fills_in_its_locators(tmp_path: Path) -> None:
    """msmbuilder's docs/publications.bib (tests/corpus/README.md), imported first as the import
    read it before locators (volume, number, pages and eid left out), then as it is."""
    text = REAL.read_text(encoding="utf-8")
    older = write(tmp_path / "older.bib", re.sub(r"(?m)^(volume|number|pages|eid)\s*=.*\n", "", text))
    assert hugokit("import", older, "--site", tmp_path).exit_code == 0
    assert venues(tmp_path) == ["J. Am. Chem. Soc. 2011", "Nat. Chem. 2014", "Proc. Natl. Acad. Sci. U.S.A. 2012",
                                "Biophys. J. 2012", "J. Chem. Phys. 2012"]
    run = hugokit("import", REAL, "--site", tmp_path)
    assert run.exit_code == 0 and "merge-conflict" not in run.output
    assert run.stdout.endswith("imported 0 new and updated 5 existing publications in data/publications.yaml\n")
    filled = ["J. Am. Chem. Soc. 133(45):18413–18419, 2011", "Nat. Chem. 6:15–21, 2014",
              "Proc. Natl. Acad. Sci. U.S.A. 109(44):17807–17813, 2012", "Biophys. J. 102(2):315–324, 2012",
              "J. Chem. Phys. 137(13):134111, 2012"]
    assert venues(tmp_path) == filled
    # The older file again: the locators stay, with nothing to report.
    again = hugokit("import", older, "--site", tmp_path)
    assert "merge-conflict" not in again.output and "updated 0 existing" in again.stdout
    assert venues(tmp_path) == filled
