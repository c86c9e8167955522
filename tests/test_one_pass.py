"""One run reports everything: a structural problem costs only its entry's field (or, for a
missing title or year, keeps the entry out of the build), never the rest of the report."""
from __future__ import annotations

import json
from pathlib import Path

from conftest import hugokit, write

# Every entry has one structural error and findings of other rules besides.
DATABASE = """\
- title: Wrong type
  year: "2021"
  authors: [Joseph E. Gonzalez, Hao Zhang]
  venue: NIPS 2021
  links: {paper: "https://arxiv.org/abs/2101.00001"}
  topics: [ML Systems]
- title: Unknown key
  year: 2021
  authros: [x]
  authors: [Joseph E. Gonzalez]
  venue: OSDII 2021
  links: {paper: "https://arxiv.org/abs/2101.00001"}
  topics: [ML Systems]
- year: 2020
  authors: [Joey Gonzalez, Hao Zhang]
  venue: FOOCONF 2020
  links: {paper: "https://example.org/a.pdf", video: "https://github.com/a/b"}
  topics: [ML Systems]
- title: No year
  authors: [Hao* Zhang]
  venue: ICML 2020(Best Papper Award)
  links: {paper: "https://example.org/b.pdf"}
  topics: [Unknwon Topic]
- title: Authors not a list
  year: 2019
  authors: Joseph E. Gonzalez
  venue: MLSYS 2019
  links: {paper: "https://example.org/c.pdf"}
  topics: [ML Systems]
- title: Duplicate key
  year: 2019
  year: 2019
  authors: [Hao Zhang]
  venue: ICLR 2011
  links: {paper: "https://example.org/d.pdf", slide: "https://example.org/d-slides.pdf"}
  topics: [ML Systems]
"""

EXPECTED = [
    (2, "wrong-type"), (4, "venue-spelling"),
    (9, "unknown-key"), (11, "unknown-venue"), (12, "duplicate-link"),
    (14, "missing-key"), (15, "author-variant"), (16, "unknown-venue"), (17, "wrong-link-kind"),
    (19, "missing-key"), (20, "author-marker"), (20, "author-variant"), (21, "award-in-venue"), (21, "unknown-award"), (23, "unknown-topic"),
    (26, "wrong-type"), (27, "venue-spelling"),
    (32, "duplicate-key"), (34, "venue-year"), (35, "unknown-link-kind"),
]


def test_one_structural_error_per_entry_still_reports_every_other_finding(tmp_path: Path) -> None:
    write(tmp_path / "data/publications.yaml", DATABASE)
    write(tmp_path / "data/topics.yaml", "- ML Systems\n")
    run = hugokit("check", "--site", tmp_path, "--format", "json", "--no-cache")
    found = [(d["line"], d["code"]) for d in json.loads(run.stdout)["diagnostics"]]
    assert found == EXPECTED
    assert run.exit_code == 1
    # No false alarm from a field that could not be read: the authors given as a string are
    # not "no authors", the quoted year is not "implausible", the untitled entry is no duplicate.
    assert not {"no-authors", "duplicate-title"} & {code for _, code in found}


def test_incomplete_entries_are_checked_but_never_built(tmp_path: Path) -> None:
    write(tmp_path / "data/publications.yaml", DATABASE)
    write(tmp_path / "data/topics.yaml", "- ML Systems\n")
    assert hugokit("build", "--site", tmp_path, "--force", "--no-cache").exit_code == 0
    page = (tmp_path / "content/publications.md").read_text()
    assert 'title="Wrong type"' not in page and 'title="No year"' not in page  # no readable year
    assert page.count("{{< publication ") == 3  # the entries with a title and a readable year


def test_every_broken_content_page_is_reported_in_the_same_run(tmp_path: Path) -> None:
    write(tmp_path / "data/publications.yaml", "- {title: A, year: 2020, venue: NIPS 2020, authors: [A B], topics: [T]}\n")
    write(tmp_path / "data/topics.yaml", "- T\n")
    write(tmp_path / "content/a.md", "---\ntitle: A\nthis is not yaml\n---\n")
    write(tmp_path / "content/b.md", "+++\ntitle = \n+++\n")
    write(tmp_path / "content/c.md", "---\n- a list\n---\n")
    run = hugokit("check", "--site", tmp_path, "--format", "json", "--no-cache")
    found = [(d["path"], d["code"]) for d in json.loads(run.stdout)["diagnostics"]]
    assert found == [("content/a.md", "front-matter"), ("content/b.md", "front-matter"),
                     ("content/c.md", "front-matter"), ("data/publications.yaml", "venue-spelling")]
