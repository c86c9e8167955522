"""author-variant on real data: labelled pairs of spellings from a real bibliography, and the
seed page's own variants. No false group is allowed; recall is reported and must not drop."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import yaml

from conftest import FIXTURES, hugokit, write
from hugokit.author_identity import IF_COAUTHOR, NO, YES, agree, group, nicknames_among, parse

PAIRS = FIXTURES / "author-pairs"


def _papers() -> list[list[str]]:
    lines = (PAIRS / "d2l-papers.txt").read_text(encoding="utf-8").splitlines()
    return [line.split(" | ") for line in lines if line and not line.startswith("#")]


def _grouped(papers: list[list[str]]) -> dict[str, int]:
    counts: Counter[str] = Counter(name for paper in papers for name in paper)
    on: dict[str, set[int]] = {}
    for index, paper in enumerate(papers):
        for name in paper:
            on.setdefault(name, set()).add(index)
    return {name: number for number, members in enumerate(group(counts, on, papers)) for name in members}


def test_the_papers_of_partnered_spellings_alone_group_as_all_papers_do() -> None:
    """group() looks only at the papers of the spellings partnered() names (on real data: a
    real bibliography's authors, and each of its papers with a mark-less variant added)."""
    from hugokit.author_identity import partnered

    papers = _papers()
    papers += [[name.replace(" ", " X. ", 1) for name in paper] for paper in papers[::3]]
    counts: Counter[str] = Counter(name for paper in papers for name in paper)
    every: dict[str, set[int]] = {}
    for index, paper in enumerate(papers):
        for name in paper:
            every.setdefault(name, set()).add(index)
    maybe = partnered(counts)
    assert 0 < len(maybe) < len(counts)
    some = {name: on for name, on in every.items() if name in maybe}
    assert group(counts, some, papers) == group(counts, every, papers)


def test_no_false_group_on_labelled_pairs_from_a_real_bibliography() -> None:
    pairs = yaml.safe_load((PAIRS / "pairs.yaml").read_text(encoding="utf-8"))["pairs"]
    person = _grouped(_papers())
    grouped = [(a, b, label) for a, b, label in pairs if person[a] == person[b]]
    false_groups = [(a, b) for a, b, label in grouped if label == "different"]
    same = [p for p in pairs if p[2] == "same"]
    precision = (len(grouped) - len(false_groups)) / len(grouped)
    recall = (len(grouped) - len(false_groups)) / len(same)
    print(f"\nauthor-variant on {len(pairs)} labelled pairs ({len(same)} same): "
          f"precision {precision:.2f}, recall {recall:.2f}")
    assert false_groups == []
    assert (len(pairs), len(same)) == (122, 58)
    assert len(grouped) >= 26  # measured: 26 of the 58 (README: author identity); only ever raise it


def test_the_seed_pages_spellings_of_one_coauthor_are_found_and_nothing_else(tmp_path: Path) -> None:
    write(tmp_path / "data/topics.yaml", "- Selected\n")
    assert hugokit("import", FIXTURES / "seed-publications.md", "--site", tmp_path).exit_code == 0
    run = hugokit("check", "--site", tmp_path, "--select", "author-variant", "--no-cache")
    messages = sorted({line.split("] ", 1)[1].split(" (written")[0] for line in run.stdout.splitlines()})
    assert messages == ['"Eric P Xing" looks like "Eric P. Xing"', '"Eric Xing" looks like "Eric P. Xing"',
                        '"Joey Gonzalez" looks like "Joseph E. Gonzalez"',
                        '"Joseph E Gonzalez" looks like "Joseph E. Gonzalez"',
                        '"Joseph Gonzalez" looks like "Joseph E. Gonzalez"']


def test_the_reported_false_alarms_are_two_people() -> None:
    # From public BibTeX files: co-authors of one paper, other middle initials, a name inside a
    # longer compound surname.
    for a, b in [("S. P. Chen", "S. C. Chen"), ("M. V. Rojas", "M. E. Rojas"),
                 ("Olivier Coudert", "Olivier Regnier-Coudert"), ("M. E. López", "M. Marcos-López"),
                 ("Joseph E. Gonzalez", "Joseph K. Gonzalez")]:
        assert agree(parse(a), parse(b)) == NO, (a, b)
    papers = [["S. P. Chen", "S. C. Chen"], ["S. P. Chen", "Hao Zhang"], ["S. C. Chen", "Hao Zhang"]]
    assert len(set(_grouped(papers).values())) == 3  # same spellings would need another paper


def test_evidence_by_kind_of_difference() -> None:
    assert agree(parse("Joseph E Gonzalez"), parse("Joseph E. Gonzalez")) == YES
    assert agree(parse("Joseph Gonzalez"), parse("Joseph E. Gonzalez")) == YES  # a missing middle initial
    assert agree(parse("Léon Bottou"), parse("Leon Bottou")) == YES
    assert agree(parse("Joey Gonzalez"), parse("Joseph E. Gonzalez")) == IF_COAUTHOR  # a nickname
    assert agree(parse("J. Gonzalez"), parse("J. González")) == IF_COAUTHOR  # an initial
    assert agree(parse("J. Gonzalez"), parse("Joseph Gonzalez")) == NO
    nicknames = nicknames_among(["joey", "joseph", "joe", "william"])  # from the nicknames package's table
    assert {"joseph", "joe"} <= nicknames["joey"] and "william" not in nicknames["joey"]
    assert nicknames_among(["joey"]) == {}  # one name has no nickname among the names asked about
    # A nickname with no co-author in common stays two people (d2l.bib's Kathy Lee and Katherine Lee).
    papers = [["Kathy Lee", "Aaditya Prakash"], ["Katherine Lee", "Colin Raffel"]]
    assert len(set(_grouped(papers).values())) == 4
    papers = [["Joey Gonzalez", "Ion Stoica"], ["Joseph E. Gonzalez", "Ion Stoica"]]
    assert _grouped(papers)["Joey Gonzalez"] == _grouped(papers)["Joseph E. Gonzalez"]
