"""The 2022 homepage's selected publications, written as database entries (a fixture nobody here
wrote the data of): several venues in one string, presentation marks, workshops at conferences
and awards inside the venue check clean; what is reported is a real defect."""
from __future__ import annotations

import shutil
from pathlib import Path

from conftest import FIXTURES, hugokit

SITE = FIXTURES / "homepage-2022"


def test_only_real_defects_are_reported() -> None:
    run = hugokit("check", "--site", SITE, "--no-cache")
    assert run.stdout == (SITE / "expected.txt").read_text()
    codes = sorted(line.split("[")[1].split("]")[0] for line in run.stdout.splitlines())
    # The awards written into two venues, and the paper link the seed page copied from another paper.
    assert codes == ["award-in-venue", "award-in-venue", "duplicate-link"]


def test_fix_moves_the_awards_and_the_page_shows_every_venue(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    assert hugokit("fix", "--site", site).exit_code == 1  # the duplicate link is left to a person
    database = (site / "data/publications.yaml").read_text()
    assert "  venue: OSDI 2021\n  award: Jay Lepreau Best Paper Award\n" in database
    assert "  venue: NeurIPS 2017\n  award: Nvidia Pioneer Research Award\n" in database
    assert "  venue: ATC 2018 (Oral), AISys@SOSP 2017, MLSys@NeurIPS 2017\n" in database  # untouched
    run = hugokit("check", "--site", site, "--no-cache")
    assert [line.split("]")[0].split("[")[1] for line in run.stdout.splitlines()] == ["duplicate-link"]
    assert hugokit("build", "--site", site, "--force").exit_code == 0
    page = (site / "content/publications.md").read_text()
    assert 'venue="ATC 2018 (Oral), AISys@SOSP 2017, MLSys@NeurIPS 2017"' in page
    assert 'venue="OSDI 2021" paperLink="https://arxiv.org/pdf/2008.12260.pdf" codeLink="https://github.com/petuum/adaptdl" award="Jay Lepreau Best Paper Award"' in page
