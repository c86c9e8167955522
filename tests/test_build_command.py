"""`hugokit build`: deterministic, atomic, untouched when unchanged, and safe on bad input."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import hugokit, write

DATABASE = """\
- title: "Alpa: Automating Inter- and Intra-Operator Parallelism"
  authors: [Lianmin Zheng*, Zhuohan Li*, Hao Zhang*]
  year: 2022
  venue: OSDI 2022
  links: {paper: "https://arxiv.org/pdf/2201.12023.pdf", project: "https://alpa.ai/"}
  topics: [Selected, ML Systems]
"""
PAGE = """\
---
title: "Publications"
layout: "publications"
url: "/publications/"
summary: publications
---

### 2022

{{< publication title="Alpa: Automating Inter- and Intra-Operator Parallelism" venue="OSDI 2022" \
paperLink="https://arxiv.org/pdf/2201.12023.pdf" codeLink="" award="" project="https://alpa.ai/" \
data-topic="Selected, ML Systems" >}}
Lianmin Zheng*, Zhuohan Li*, Hao Zhang*
{{< /publication >}}

&emsp;
"""


@pytest.fixture
def small_site(tmp_path: Path) -> Path:
    write(tmp_path / "data/publications.yaml", DATABASE)
    return tmp_path


def test_build_writes_the_page(small_site: Path) -> None:
    run = hugokit("build", "--site", small_site)
    assert run.exit_code == 0
    assert (small_site / "content/publications.md").read_text() == PAGE
    assert "wrote content/publications.md" in run.stderr


def test_unchanged_page_is_not_rewritten(small_site: Path) -> None:
    hugokit("build", "--site", small_site)
    page = small_site / "content/publications.md"
    os.utime(page, (1_000_000, 1_000_000))
    run = hugokit("build", "--site", small_site)
    assert run.exit_code == 0
    assert page.stat().st_mtime == 1_000_000
    assert "up to date" in run.stderr


@pytest.mark.parametrize("spoil", ["same size, other bytes", "not UTF-8", "cut short"])
def test_a_generated_file_is_compared_byte_for_byte(small_site: Path, spoil: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """build tells an unchanged generated file from its bytes (the layouts' data are large, and
    are never decoded for it): one of the same size with other bytes, or bytes that are not
    UTF-8, or a shorter file, is written anew; the very same bytes are left with their mtime."""
    from hugokit import writeback

    decoded: list[str] = []
    current_text = writeback.current_text
    monkeypatch.setattr(writeback, "current_text", lambda path: decoded.append(path.name) or current_text(path))
    hugokit("build", "--site", small_site)
    data = small_site / "data/hugokit/publications.json"
    good = data.read_bytes()
    spoilt = {"same size, other bytes": good.replace(b"Alpa", b"Alpo"),
              "not UTF-8": good.replace("Alpa".encode(), b"\xff\xfeAl"), "cut short": good[:-1]}[spoil]
    assert spoilt != good and (len(spoilt) == len(good)) == (spoil != "cut short")
    data.write_bytes(spoilt)
    assert hugokit("build", "--site", small_site, "--no-cache").exit_code == 0
    assert data.read_bytes() == good
    os.utime(data, (1_000_000, 1_000_000))
    assert hugokit("build", "--site", small_site, "--no-cache").exit_code == 0
    assert data.stat().st_mtime == 1_000_000
    assert "publications.json" not in decoded


def test_check_reports_a_stale_page_and_writes_nothing(small_site: Path) -> None:
    page = write(small_site / "content/publications.md", PAGE.replace("OSDI 2022", "OSDI 2021"))
    before = page.read_text()
    run = hugokit("build", "--check", "--site", small_site)
    assert run.exit_code == 1
    assert "would change content/publications.md" in run.stderr
    assert page.read_text() == before
    assert hugokit("build", "--site", small_site, "--force").exit_code == 0  # a page nobody knows: forced
    assert hugokit("build", "--check", "--site", small_site).exit_code == 0


def test_diff_prints_a_unified_diff(small_site: Path) -> None:
    write(small_site / "content/publications.md", PAGE.replace("OSDI 2022", "OSDI 2021"))
    run = hugokit("build", "--diff", "--site", small_site)
    assert run.exit_code == 1
    assert "--- a/content/publications.md\n+++ b/content/publications.md\n" in run.stdout
    assert '-{{< publication title="Alpa: Automating Inter- and Intra-Operator Parallelism" venue="OSDI 2021"' in run.stdout
    assert '+{{< publication title="Alpa: Automating Inter- and Intra-Operator Parallelism" venue="OSDI 2022"' in run.stdout


def test_yaml_syntax_error_names_line_and_column_and_writes_nothing(small_site: Path) -> None:
    write(small_site / "data/publications.yaml", DATABASE + "- title: [unclosed\n  year: 2020\n")
    run = hugokit("build", "--site", small_site)
    assert run.exit_code == 2
    assert run.stdout.startswith("data/publications.yaml:8:")
    assert "error[yaml-syntax]" in run.stdout
    assert not (small_site / "content").exists()


@pytest.mark.parametrize("entry, expected", [
    ("- title: X\n  year: '2020'\n", "data/publications.yaml:2:9: error[wrong-type] \"year\" of publication 1 "
     "must be a whole number, not a string (write it without quotes: 2020)"),
    ("- year: 2020\n  authors: [A]\n", "data/publications.yaml:1:3: error[missing-key] publication 1 has no \"title\""),
    ("- title: X\n  year: 2020\n  venu: ICML 2020\n", "data/publications.yaml:3:3: error[unknown-key] "
     "unknown key \"venu\" in publication 1 (did you mean \"venue\"?)"),
    ("- title: X\n  year: 2020\n  authors: A, B\n", "data/publications.yaml:3:12: error[wrong-type] \"authors\" "
     "of publication 1 must be a list, not a string"),
    ("- title: X\n  year: 2020\n  title: Y\n", "data/publications.yaml:3:3: error[duplicate-key] \"title\" "
     "appears twice in publication 1"),
    ("- title: 'Bad {{< x >}}'\n  year: 2020\n", "data/publications.yaml:1:10: error[unsafe-value] title contains "
     '"{{<", which would end or open a shortcode'),
])
def test_malformed_database_is_reported_and_nothing_written(tmp_path: Path, entry: str, expected: str) -> None:
    write(tmp_path / "data/publications.yaml", entry)
    run = hugokit("build", "--site", tmp_path)
    assert run.exit_code == 1
    assert expected in run.stdout
    assert "nothing was written" in run.stderr
    assert not (tmp_path / "content").exists()


def test_force_builds_despite_errors(tmp_path: Path) -> None:
    write(tmp_path / "data/publications.yaml", "- title: X\n  year: 2020\n  bogus: 1\n")
    assert hugokit("build", "--force", "--site", tmp_path).exit_code == 0
    assert (tmp_path / "content/publications.md").exists()


def test_alias_expansion_is_bounded(tmp_path: Path) -> None:
    # A 5,000-name anchor reused 2,000 times: 10 million values from a 140 kB file.
    names = ", ".join(f"n{i}" for i in range(5000))
    lines = [f"- {{title: X, year: 2020, keywords: &many [{names}]}}"]
    lines += [f"- {{title: Y{i}, year: 2020, keywords: *many}}" for i in range(2000)]
    write(tmp_path / "data/publications.yaml", "\n".join(lines) + "\n")
    run = hugokit("build", "--site", tmp_path)
    assert run.exit_code == 1
    assert "error[alias-limit] YAML aliases expand to too many values" in run.stdout


def test_missing_database_is_a_usage_error_with_a_hint(tmp_path: Path) -> None:
    run = hugokit("build", "--site", tmp_path)
    assert run.exit_code == 2
    assert "data/publications.yaml: error[unreadable] the file does not exist " \
           "(create it, or import an existing page: hugokit import content/publications.md)" in run.stdout


def test_missing_site_folder(tmp_path: Path) -> None:
    run = hugokit("build", "--site", tmp_path / "nope")
    assert run.exit_code == 2
    assert "does not exist" in run.stdout


def test_unknown_config_key_is_fatal_and_named(small_site: Path) -> None:
    write(small_site / "hugokit.yaml", "databse: data/x.yaml\n")
    run = hugokit("build", "--site", small_site)
    assert run.exit_code == 2
    assert 'hugokit.yaml:1:1: error[unknown-key] unknown key "databse" in hugokit.yaml (did you mean "database"?)' in run.stdout


def test_config_moves_database_and_page(tmp_path: Path) -> None:
    write(tmp_path / "pubs.yaml", DATABASE)
    write(tmp_path / "hugokit.yaml", "database: pubs.yaml\npage: content/papers.md\n")
    assert hugokit("build", "--site", tmp_path).exit_code == 0
    assert (tmp_path / "content/papers.md").read_text() == PAGE


@pytest.mark.parametrize("text", [
    "- title: [unclosed\n  year: 2020\n",
    "- title: x\n  year: 2020\nstray\n- title: y\n",
    "- title: x\n   year: 2020\n",
    "- title: x\n\tyear: 2020\n",
    "- title: a: b\n",
    '- title: "abc\n  year: 2020\n',
    "- title: a\x07b\n",
    "- &a x\n- *b\n",
    (Path(__file__).parent / "fixtures/seed-mentor-page.md").read_text().split("---\n")[1],
])
def test_pure_python_yaml_gives_the_same_diagnostics_as_libyaml(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import hugokit.load
    from hugokit.diagnostics import InputError

    def diagnostics() -> list:
        try:
            hugokit.load.compose(text, "data/publications.yaml")
        except InputError as exc:
            return exc.diagnostics
        return []

    with_libyaml = diagnostics()
    monkeypatch.setattr(hugokit.load, "LOADER", hugokit.load.PureLoader)
    assert diagnostics() == with_libyaml
    assert with_libyaml, "each case is malformed"


@pytest.mark.parametrize("text", ["", "# publications\n", "[]\n"])
@pytest.mark.parametrize("pages", [False, True])
def test_a_database_with_no_publications_does_not_empty_the_page_unless_forced(tmp_path: Path, text: str,
                                                                             pages: bool) -> None:
    """An empty database is more often a save caught half-way than meant: build keeps the page
    and the bundles, and says how to empty them on purpose."""
    site = tmp_path / "site"
    write(site / "data/publications.yaml", DATABASE)
    option = ["--pages"] if pages else []
    assert hugokit("build", "--site", site, *option).exit_code == 0
    before = {p: p.read_bytes() for p in (site / "content").rglob("*") if p.is_file()}
    write(site / "data/publications.yaml", text)
    run = hugokit("build", "--site", site, *option)
    assert run.exit_code == 1
    assert ("data/publications.yaml:1:1: error[empty-database] data/publications.yaml holds no publications, "
            "but building would remove every entry of content/publications.md") in run.stdout + run.stderr
    assert "hugokit build --force" in run.stdout + run.stderr
    assert {p: p.read_bytes() for p in (site / "content").rglob("*") if p.is_file()} == before
    assert hugokit("build", "--site", site, *option, "--force").exit_code == 0
    assert "{{< publication" not in (site / "content/publications.md").read_text(encoding="utf-8")
