"""`hugokit check` and `hugokit fix` as a user runs them."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLE_SITE, FIXTURES, hugokit, write


@pytest.fixture
def seed_site(site: Path) -> Path:
    """The seed page imported as is, with the seed's mentor page beside it."""
    assert hugokit("import", site / "content/publications.md", "--site", site).exit_code == 0
    shutil.copy(FIXTURES / "seed-mentor-page.md", site / "content/mentor-page.md")
    return site


def test_seed_defects_are_all_found(seed_site: Path) -> None:
    run = hugokit("check", "--site", seed_site)
    assert run.exit_code == 1
    out = run.stdout
    # The mentor page's front-matter, at the line a person has to change.
    assert "content/mentor-page.md:9:1: error[front-matter] front-matter: this line is not `key: value`" in out
    # The Autoloss entry reuses the staleness paper's link.
    assert ('error[duplicate-link] the paper link of "Autoloss: Learning Discrete Schedules for Alternate '
            'Optimization" is also a link of "Toward Understanding the Impact of Staleness') in out
    assert 'warning[venue-spelling] venue "MLSYS" should be spelled "MLSys"' in out
    assert 'warning[venue-spelling] venue "EUROSYS" should be spelled "EuroSys"' in out
    for variant in ("Joseph E Gonzalez", "Joseph Gonzalez", "Joey Gonzalez"):
        assert f'warning[author-variant] "{variant}" looks like "Joseph E. Gonzalez" (written so in 3 other places)' in out
    assert 'warning[author-variant] "Eric Xing" looks like "Eric P. Xing"' in out
    assert "has stray spaces" in out  # the venue with a trailing space
    assert "2 errors" in run.stderr


def test_example_site_is_clean() -> None:
    run = hugokit("check", "--site", EXAMPLE_SITE, "--strict")
    assert (run.exit_code, run.stdout) == (0, "")
    assert "no problems" in run.stderr


def test_fix_keeps_comments_and_key_order_and_fixes_only_what_is_safe(tmp_path: Path) -> None:
    database = write(tmp_path / "data/publications.yaml", """\
# Our papers. Keep this comment.
- venue: EUROSYS 2016   # venue first, on purpose
  title: "Geeps"
  year: 2016
  authors: [Joey Gonzalez*, Eric P Xing]   # two spellings to canonicalise
  topics: [ML Systems]
  links: {paper: "https://x.org/geeps.pdf"}
- title: "Other"
  year: 2016
  venue: OSDII 2016
  authors: [Eric Xing]
  topics: [ML Systems]
""")
    write(tmp_path / "data/people.yaml", "- {name: Joseph E. Gonzalez, aliases: [Joey Gonzalez]}\n")
    write(tmp_path / "data/topics.yaml", "- ML Systems\n")

    run = hugokit("fix", "--site", tmp_path)

    assert database.read_text() == """\
# Our papers. Keep this comment.
- venue: EuroSys 2016   # venue first, on purpose
  title: "Geeps"
  year: 2016
  authors: [Joseph E. Gonzalez*, Eric P Xing]   # two spellings to canonicalise
  topics: [ML Systems]
  links: {paper: "https://x.org/geeps.pdf"}
- title: "Other"
  year: 2016
  venue: OSDII 2016
  authors: [Eric Xing]
  topics: [ML Systems]
"""
    assert "fixed 2 problem(s) in 1 file(s)" in run.stderr
    assert "error[unknown-venue]" in run.stdout  # left for a person, and exit 1
    assert run.exit_code == 1


def test_fix_diff_writes_nothing(tmp_path: Path) -> None:
    text = '- {title: "X", year: 2020, venue: NIPS 2020, authors: [A B], topics: [T]}\n'
    database = write(tmp_path / "data/publications.yaml", text)
    run = hugokit("fix", "--diff", "--site", tmp_path)
    assert run.exit_code == 1
    assert "-- {title: \"X\", year: 2020, venue: NIPS 2020" in run.stdout
    assert "+- {title: \"X\", year: 2020, venue: NeurIPS 2020" in run.stdout
    assert database.read_text() == text
    assert hugokit("check", "--fix", "--site", tmp_path, "--select", "venue-spelling").exit_code == 0
    assert "venue: NeurIPS 2020" in database.read_text()


def test_json_format_has_exactly_the_documented_keys(seed_site: Path) -> None:
    run = hugokit("check", "--site", seed_site, "--format", "json")
    payload = json.loads(run.stdout)
    assert payload["version"] == 2
    assert payload["summary"]["errors"] == 2
    keys = {"path", "line", "column", "severity", "code", "message", "hint"}
    assert all(set(d) == keys for d in payload["diagnostics"])
    first = payload["diagnostics"][0]
    assert (first["path"], first["line"], first["column"], first["code"]) == ("content/mentor-page.md", 9, 1, "front-matter")


def test_github_format_escapes_properties_and_data(tmp_path: Path) -> None:
    write(tmp_path / "data/publications.yaml", '- {title: "X", year: 2020, venue: "Foo, Bar: 100% 2020", authors: [A B], topics: [T]}\n')
    run = hugokit("check", "--site", tmp_path, "--format", "github", "--select", "unknown-venue")
    assert run.stdout == ("::error file=data/publications.yaml,line=1,col=36,title=hugokit unknown-venue::"
                          'unknown venue "Foo, Bar: 100%25" (add it to data/venues.yaml)\n')


def test_auto_format_is_github_under_github_actions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "data/publications.yaml", '- {title: "X", year: 2020, venue: OSDII 2020, authors: [A B], topics: [T]}\n')
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert hugokit("check", "--site", tmp_path, "--select", "unknown-venue").stdout.startswith("::error file=")


def test_select_and_ignore(seed_site: Path) -> None:
    only = hugokit("check", "--site", seed_site, "--select", "venue-spelling")
    assert only.exit_code == 0 and only.stdout.count("venue-spelling") == 4
    ignored = hugokit("check", "--site", seed_site, "--ignore", "duplicate-link,front-matter")
    assert ignored.exit_code == 0 and "duplicate-link" not in ignored.stdout
    assert hugokit("check", "--site", seed_site, "--ignore", "duplicate-link,front-matter", "--strict").exit_code == 1


def test_unknown_rule_code_is_a_usage_error(seed_site: Path) -> None:
    run = hugokit("check", "--site", seed_site, "--select", "venue-speling")
    assert run.exit_code == 2
    assert run.stdout.startswith("--select: error[bad-config] unknown rule code \"venue-speling\" in --select (did you mean "
                                 "\"venue-spelling\"?)")
    github = hugokit("check", "--site", seed_site, "--select", "venue-speling", "--format", "github")
    assert github.stdout.startswith("::error title=hugokit bad-config::--select: unknown rule code \"venue-speling\" in --select")


def test_unknown_rule_code_in_the_config_stops_check_and_build(seed_site: Path) -> None:
    write(seed_site / "hugokit.yaml", "strict: false\nignore: [front-matter, duplicate-lnk]\n")
    for command in ("check", "build"):
        run = hugokit(command, "--site", seed_site)
        assert run.exit_code == 2
        assert "hugokit.yaml:2:24: error[bad-config] unknown rule code \"duplicate-lnk\" in \"ignore\" in " \
               "hugokit.yaml (did you mean \"duplicate-link\" or" in run.stdout


def test_config_sets_a_rules_severity(seed_site: Path) -> None:
    quiet = "ignore: [duplicate-link, front-matter]\n"
    write(seed_site / "hugokit.yaml", quiet)
    assert hugokit("check", "--site", seed_site).exit_code == 0
    write(seed_site / "hugokit.yaml", quiet + "severity: {venue-spelling: error}\n")
    run = hugokit("check", "--site", seed_site, "--format", "json")
    found = {d["code"]: d["severity"] for d in json.loads(run.stdout)["diagnostics"]}
    assert run.exit_code == 1 and found["venue-spelling"] == "error" and found["author-variant"] == "warning"
    assert hugokit("build", "--site", seed_site).exit_code == 1  # build refuses errors, whatever made them so
    write(seed_site / "hugokit.yaml", quiet + "severity: {duplicate-link: warning}\n")
    assert hugokit("check", "--site", seed_site, "--ignore", "").exit_code == 0


def test_config_severity_names_a_known_rule_and_severity(seed_site: Path) -> None:
    write(seed_site / "hugokit.yaml", "severity: {no-topic: error}\n")
    run = hugokit("check", "--site", seed_site)
    assert run.exit_code == 2
    assert "hugokit.yaml:1:12: error[bad-config] unknown rule code \"no-topic\" in \"severity\" in hugokit.yaml" in run.stdout
    write(seed_site / "hugokit.yaml", "severity: {no-topics: fatal}\n")
    run = hugokit("build", "--site", seed_site)
    assert run.exit_code == 2
    assert 'hugokit.yaml:1:23: error[bad-config] unknown severity "fatal" for "no-topics" (write error or warning)' \
        in run.stdout


def test_config_sets_strict_and_ignore(seed_site: Path) -> None:
    write(seed_site / "hugokit.yaml", "strict: true\nignore: [duplicate-link, front-matter]\n")
    assert hugokit("check", "--site", seed_site).exit_code == 1
    write(seed_site / "hugokit.yaml", "strict: false\nignore: [duplicate-link, front-matter]\n")
    assert hugokit("check", "--site", seed_site).exit_code == 0


def test_build_refuses_a_database_with_errors(seed_site: Path) -> None:
    page = seed_site / "content/publications.md"
    before = page.read_text()
    write(seed_site / "data/publications.yaml",
          (seed_site / "data/publications.yaml").read_text().replace("venue: ICML 2021", "venue: ICMLL 2021"))
    run = hugokit("build", "--site", seed_site)
    assert run.exit_code == 1 and "error[unknown-venue]" in run.stdout
    assert page.read_text() == before


def test_vocabulary_file_problems_are_reported(tmp_path: Path) -> None:
    write(tmp_path / "data/publications.yaml", '- {title: "X", year: 2020, venue: OSDI 2020, authors: [A B], topics: [T]}\n')
    write(tmp_path / "data/topics.yaml", "- T\n- name: T\n- {name: U, colour: red}\n")
    run = hugokit("check", "--site", tmp_path)
    assert 'data/topics.yaml:2:3: error[duplicate-term] "T" is listed twice in data/topics.yaml' in run.stdout
    assert 'data/topics.yaml:3:13: error[unknown-key] unknown key "colour"' in run.stdout


def test_rules_command_lists_and_explains() -> None:
    listing = hugokit("rules")
    assert "duplicate-link" in listing.stdout and "venue-spelling" in listing.stdout
    one = hugokit("rules", "duplicate-link")
    assert one.stdout.startswith("duplicate-link (error)") and "Fix:" in one.stdout
    assert hugokit("rules", "nope").exit_code == 2
