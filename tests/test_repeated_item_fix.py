"""repeated-item's fix: a later copy of an item is deleted from a flow or a block list, and nothing
else is touched; a copy spelled otherwise, or with a comment beside it, is left to a person."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import hugokit
from hugokit.diagnostics import Fix, InputError
from hugokit.verify import fix_database

ENTRY = '''- title: "Alpa: Automating Inter- and Intra-Operator Parallelism"
  year: 2022
  venue: OSDI 2022
  links: {paper: "https://arxiv.org/pdf/2201.12023.pdf"}
'''


def _site(tmp_path: Path, database: str) -> Path:
    site = tmp_path / "site"
    (site / "data").mkdir(parents=True)
    (site / "data/topics.yaml").write_text("- ML Systems\n- Compilers\n", encoding="utf-8")
    (site / "data/publications.yaml").write_text(database, encoding="utf-8")
    return site


def _fixed(site: Path) -> str:
    assert hugokit("fix", "--site", site).exit_code == 0
    after = hugokit("check", "--site", site, "--strict")
    assert (after.exit_code, after.stdout) == (0, "")  # fix, then check: nothing left
    return (site / "data/publications.yaml").read_text(encoding="utf-8")


def test_copies_leave_a_flow_list_with_the_commas_between_the_others(tmp_path: Path) -> None:
    site = _site(tmp_path, ENTRY + '  authors: [Lianmin Zheng, Zhuohan Li, Hao Zhang, Zhuohan Li, Hao Zhang]\n'
                                   '  topics: [ML Systems, "ML Systems", Compilers]\n'
                                   '  keywords: [parallelism, compilers, parallelism, parallelism]\n')
    found = hugokit("check", "--site", site, "--select", "repeated-item")
    assert found.stdout.count("(delete the second one (hugokit fix does it))") == 5
    assert _fixed(site) == ENTRY + '  authors: [Lianmin Zheng, Zhuohan Li, Hao Zhang]\n' \
                                   '  topics: [ML Systems, Compilers]\n' \
                                   '  keywords: [parallelism, compilers]\n'


def test_a_copy_in_a_block_list_loses_its_line_and_comments_stay(tmp_path: Path) -> None:
    database = ('# Our papers, newest first.\n' + ENTRY.replace("  year:", "  authors:  # as on the paper\n"
                "    - Lianmin Zheng   # first author\n    - Hao Zhang\n    - Lianmin Zheng\n  year:") +
                '  topics: [ML Systems,  # the main one\n           Compilers,\n           ML Systems]\n'
                '  keywords:\n  - parallelism\n  - parallelism')  # (no line break at the end)
    expected = ('# Our papers, newest first.\n' + ENTRY.replace("  year:", "  authors:  # as on the paper\n"
                "    - Lianmin Zheng   # first author\n    - Hao Zhang\n  year:") +
                '  topics: [ML Systems,  # the main one\n           Compilers]\n'
                '  keywords:\n  - parallelism\n')
    assert _fixed(_site(tmp_path, database)) == expected


def test_a_copy_spelled_otherwise_or_beside_a_comment_is_left_to_a_person(tmp_path: Path) -> None:
    database = (ENTRY + '  authors: [Lianmin Zheng*, Hao Zhang, Lianmin Zheng]\n'
                '  topics: [ML Systems,  # keep?\n    ML Systems]\n'
                '  keywords:\n  - parallelism\n  - parallelism  # twice on purpose?\n')
    site = _site(tmp_path, database)
    run = hugokit("fix", "--site", site)
    assert "fixed 0 problem(s) in 0 file(s)" in run.stderr
    assert (site / "data/publications.yaml").read_text(encoding="utf-8") == database
    lines = hugokit("check", "--site", site, "--select", "repeated-item").stdout.splitlines()
    assert [line.split(" twice ")[1] for line in lines] == [
        '(the first is written "Lianmin Zheng*": keep the one with the right mark and delete the other)',
        "(delete the second one)", "(delete the second one)"]


def test_the_fix_is_checked_to_delete_whole_items_only(tmp_path: Path) -> None:
    text = ENTRY + "  authors: [Hao Zhang, Ion Stoica, Hao Zhang]\n"
    whole = text.index(", Hao Zhang]")
    cut = [Fix("p.yaml", whole, whole + len(", Hao Zhang"), "")]
    assert fix_database(text, "p.yaml", cut) == text.replace(", Hao Zhang]", "]")
    # Deleting part of an item, or an item and a piece of the next, reads back as a list nobody meant.
    for start, end in ((whole, whole + len(", Hao")), (text.index(", Ion"), text.index(" Zhang]"))):
        with pytest.raises(InputError) as raised:
            fix_database(text, "p.yaml", [Fix("p.yaml", start, end, "")])
        assert raised.value.diagnostics[0].code == "internal-error"
    # An item replaced by a value that reads back as two items is refused too.
    first = text.index("Ion Stoica")
    with pytest.raises(InputError):
        fix_database(text, "p.yaml", [Fix("p.yaml", first, first + len("Ion Stoica"), "Ion, Stoica")])


def test_block_lists_in_the_common_shape_are_fixed_alike(tmp_path: Path) -> None:
    """(Without comments, the fast reader reads them: its positions are the ones the fix uses.)"""
    from hugokit.database_fast import read_common

    database = ENTRY + "  authors:\n    - Hao Zhang\n    - Ion Stoica\n    - Hao Zhang\n  topics: [ML Systems, Compilers]\n" \
                       "  keywords:\n  - x\n  - x\n  - y\n"
    assert read_common(database, "data/publications.yaml") is not None
    assert _fixed(_site(tmp_path, database)) == ENTRY + "  authors:\n    - Hao Zhang\n    - Ion Stoica\n" \
                                                        "  topics: [ML Systems, Compilers]\n  keywords:\n  - x\n  - y\n"
