"""`hugokit fix` applies the safe fixes until none is left: a fix that makes another (a topic
respelled into a repeated one), or two that rewrite one value (stray spaces and a misspelled
venue), are all applied by one run, written once, and verified pass by pass."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, hugokit
from hugokit.diagnostics import Fix

TOPICS = "- ML Systems\n- Compilers\n"
DATABASE = ('- title: "Alpa"\n  year: 2022\n  venue: "NIPS  2022"\n  authors: [Lianmin  Zheng, Zhuohan Li]\n'
            '  topics: [ML Systems, ml systems, Compilers]\n')
FIXED = ('- title: "Alpa"\n  year: 2022\n  venue: NeurIPS 2022\n  authors: [Lianmin Zheng, Zhuohan Li]\n'
         '  topics: [ML Systems, Compilers]\n')
# Pass 1: venue-spelling (whose span lies inside stray-whitespace's on the venue: that one waits),
# stray-whitespace on the author, topic-spelling; pass 2: stray-whitespace on the venue, and
# repeated-item on the topic the respelling repeated.
FIXES = 5


def _site(tmp_path: Path, database: str = DATABASE, newline: str = "\n") -> Path:
    site = tmp_path / "site"
    (site / "data").mkdir(parents=True)
    (site / "data/topics.yaml").write_text(TOPICS, encoding="utf-8")
    (site / "data/publications.yaml").write_bytes(database.replace("\n", newline).encode("utf-8"))
    return site


def _database(site: Path) -> bytes:
    return (site / "data/publications.yaml").read_bytes()


def _nothing_fixable(site: Path) -> None:
    after = hugokit("check", "--site", site, "--strict")
    assert (after.exit_code, after.stdout) == (0, ""), after.stdout


def test_one_fix_applies_fixes_that_overlap_or_make_each_other(tmp_path: Path) -> None:
    site = _site(tmp_path)
    before = hugokit("check", "--site", site)
    assert before.stdout.count("(hugokit fix does it)") == 4  # the repeated topic is not there yet
    run = hugokit("fix", "--site", site)
    assert run.exit_code == 0, run.output
    assert run.stderr == f"fixed {FIXES} problem(s) in 1 file(s)\n"
    assert run.stdout == ""
    assert _database(site).decode("utf-8") == FIXED
    _nothing_fixable(site)
    again = hugokit("fix", "--site", site)
    assert (again.exit_code, again.stderr) == (0, "fixed 0 problem(s) in 0 file(s)\n")


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_the_diff_is_the_change_of_every_pass(tmp_path: Path, newline: str) -> None:
    site = _site(tmp_path, newline=newline)
    before = _database(site)
    run = hugokit("fix", "--diff", "--site", site)
    assert run.exit_code == 1
    nl = newline
    assert run.stdout == (
        "--- a/data/publications.yaml\n+++ b/data/publications.yaml\n@@ -1,5 +1,5 @@\n"
        f' - title: "Alpa"{nl}   year: 2022{nl}'
        f'-  venue: "NIPS  2022"{nl}-  authors: [Lianmin  Zheng, Zhuohan Li]{nl}'
        f"-  topics: [ML Systems, ml systems, Compilers]{nl}"
        f"+  venue: NeurIPS 2022{nl}+  authors: [Lianmin Zheng, Zhuohan Li]{nl}"
        f"+  topics: [ML Systems, Compilers]{nl}")
    assert run.stderr == f"would fix {FIXES} problem(s) in 1 file(s)\n"
    assert _database(site) == before


def test_a_fix_that_fails_its_verification_in_a_later_pass_leaves_the_file_as_it_was(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first pass's fixes are sound, the second's (repeated-item's, here made to cut half an
    item) would not read back as meant: nothing is written, not even the first pass's."""
    from hugokit.rules import repeated_item

    def half_an_item(text: str, pub: object, key: str, i: int) -> Fix | None:
        where = pub.where[f"{key}.{i}"]  # type: ignore[attr-defined]
        return Fix(where[0], where[3], where[4] - 3, "")

    monkeypatch.setattr(repeated_item, "_deletion", half_an_item)
    site = _site(tmp_path, "\ufeff" + DATABASE, newline="\r\n")
    before = _database(site)
    run = hugokit("fix", "--site", site)
    assert run.exit_code == 2
    assert "error[internal-error] hugokit's edit of data/publications.yaml would not read back as intended; " \
           "nothing was written" in run.stdout
    assert _database(site) == before
    assert not [p.name for p in (site / "data").iterdir() if p.name.endswith(".tmp")]


def test_the_bound_on_passes_names_what_is_still_fixable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from hugokit import fixing

    monkeypatch.setattr(fixing, "MAX_PASSES", 1)
    site = _site(tmp_path)
    run = hugokit("fix", "--site", site)
    assert run.exit_code == 1
    assert run.stderr == ("fixed 3 problem(s) in 1 file(s)\n"
                          "still fixable after 1 pass of the fixes: 2 problem(s) (repeated-item, stray-whitespace); "
                          "run hugokit fix again (if they come back, please report it)\n")
    assert run.stdout == (
        'data/publications.yaml:3:10: warning[stray-whitespace] the venue "NeurIPS  2022" has stray spaces '
        '(write "NeurIPS 2022" (hugokit fix does it))\n'
        'data/publications.yaml:5:24: warning[repeated-item] "Alpa" lists the topic "ML Systems" twice '
        "(delete the second one (hugokit fix does it))\n")
    second = hugokit("fix", "--site", site)
    assert (second.exit_code, second.stderr) == (0, "fixed 2 problem(s) in 1 file(s)\n")
    assert _database(site).decode("utf-8") == FIXED


def test_the_seed_page_imported_and_fixed_leaves_nothing_fixable(site: Path) -> None:
    """The seed page nobody here wrote: after one fix, no check offers a fix."""
    shutil.copy(FIXTURES / "seed-publications.md", site / "content/publications.md")
    assert hugokit("import", site / "content/publications.md", "--site", site).exit_code == 0
    assert "(hugokit fix does it)" in hugokit("check", "--site", site).stdout
    hugokit("fix", "--site", site)
    assert "hugokit fix does it" not in hugokit("check", "--site", site).stdout


def test_check_with_fix_fixes_to_the_end_before_it_checks(tmp_path: Path) -> None:
    site = _site(tmp_path)
    run = hugokit("check", "--fix", "--site", site, "--strict")
    assert (run.exit_code, run.stdout) == (0, "")
    assert _database(site).decode("utf-8") == FIXED
