"""Every rule against a site that breaks it (bad/) and sites that do not (good/, good-<what>/).

Each tests/cases/<code>/bad/expected.txt holds the exact diagnostics `hugokit check --select
<code>` prints; regenerate them with HUGOKIT_REGENERATE=1 after a deliberate change, and read
the diff.
"""
from __future__ import annotations

import os
from pathlib import Path
import re

import pytest

from conftest import REPO, hugokit
from hugokit.rules import all_rules

CASES = REPO / "tests" / "cases"
RULES = all_rules()


def test_every_rule_has_a_case_folder() -> None:
    assert sorted(p.name for p in CASES.iterdir() if p.is_dir()) == sorted(RULES)


@pytest.mark.parametrize("code", sorted(RULES))
def test_bad_site_reports_exactly_the_expected_diagnostics(code: str) -> None:
    site = CASES / code / "bad"
    run = hugokit("check", "--site", site, "--select", code, "--format", "human")
    expected_file = site / "expected.txt"
    if os.environ.get("HUGOKIT_REGENERATE"):
        changed = not expected_file.exists() or expected_file.read_text() != run.stdout
        expected_file.write_text(run.stdout)
        # Never also a pass: a run that writes its own expectations proves nothing.
        pytest.fail(f"{'rewrote' if changed else 'kept'} {expected_file}; review it and rerun without HUGOKIT_REGENERATE")
    assert run.stdout == expected_file.read_text(), f"regenerate with HUGOKIT_REGENERATE=1 and review {expected_file}"
    assert run.stdout, "a bad case must produce diagnostics"
    assert all(f"[{code}]" in line for line in run.stdout.splitlines())
    assert run.exit_code == (1 if "error[" in run.stdout else 0)
    assert hugokit("check", "--site", site, "--select", code, "--strict").exit_code == 1


# good/ and any good-<what>/ beside it: a site the rule must leave alone (a false alarm once seen).
GOOD = [(code, site.name) for code in sorted(RULES) for site in sorted((CASES / code).glob("good*")) if site.is_dir()]


def test_every_rule_has_a_good_site() -> None:
    assert {code for code, _ in GOOD} == set(RULES)


@pytest.mark.parametrize(("code", "folder"), GOOD, ids=lambda v: v)
def test_good_site_is_clean(code: str, folder: str) -> None:
    run = hugokit("check", "--site", CASES / code / folder, "--select", code)
    assert (run.exit_code, run.stdout) == (0, "")


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_is_documented(code: str) -> None:
    rule = RULES[code]
    assert rule.doc.startswith(f"{code}: ")
    assert "Fix:" in rule.doc


@pytest.mark.parametrize("code", sorted(RULES))
def test_a_rule_is_marked_fixable_when_its_bad_case_has_fixes(code: str) -> None:
    """The README's rules table says which rules `hugokit fix` repairs: that comes from FIXABLE."""
    from hugokit.cache import Cache
    from hugokit.site import load_and_check

    _, diagnostics = load_and_check(CASES / code / "bad", Cache(None), select=code)
    assert RULES[code].fixable == any(d.fix is not None for d in diagnostics if d.code == code)


def test_duplicate_link_knows_an_old_style_arxiv_id_in_any_of_its_forms() -> None:
    from hugokit.links import target

    forms = {target(url) for url in ("https://arxiv.org/abs/math.GT/0601001v2", "http://arxiv.org/pdf/math.GT/0601001.pdf",
                                     "https://arxiv.org/abs/math.GT/0601001")}
    assert forms == {"arxiv:math.gt/0601001"}
    assert target("https://arxiv.org/pdf/2403.00835v1") == target("https://www.arxiv.org/abs/2403.00835") == \
        target("https://export.arxiv.org/abs/2403.00835/") == "arxiv:2403.00835"


def test_duplicate_link_knows_a_doi_in_any_of_its_forms_and_an_address_in_its_usual_variants() -> None:
    from hugokit.links import target

    assert {target(url) for url in ("https://doi.org/10.1145/3600006.3613165", "http://dx.doi.org/10.1145/3600006.3613165",
                                    "https://doi.org/10.1145/3600006.3613165".upper().replace("HTTPS://DOI.ORG", "https://doi.org"))
            } == {"doi:10.1145/3600006.3613165"}
    assert target("https://WWW.Example.org/Paper/") == target("http://example.org:80/Paper") == "example.org/Paper"
    assert target("https://example.org/paper") != target("https://example.org/Paper")  # a path's case counts
    assert target("https://example.org/p?id=1") != target("https://example.org/p?id=2")


# What quotes a value in a message: every rule module, the helpers whose words rules pass on, and
# the modules that report on what a user wrote outside the rules (the readers of the database, the
# vocabularies and the config, dates, the importers, the merge, add and refresh, build's and
# export's notes, a hand-edited page, the command line's options).
_MESSAGE_SOURCES = [*sorted((REPO / "hugokit" / "rules").glob("*.py")), REPO / "hugokit" / "links.py",
                    *sorted((REPO / "hugokit" / "importers").glob("*.py")),
                    *(REPO / "hugokit" / f"{name}.py" for name in (
                        "load", "database_full", "vocab", "config_read", "dates", "merge", "refresh", "build",
                        "export", "provenance", "cli_check", "cli_exchange", "cli_sources"))]


def _doubling_templates(source: str, name: str) -> list[str]:
    """The f-strings of source that put a value in quotes of their own (`"{value}"`) or show it
    with repr (`{value!r}`): a value holding a quote then reads `""ml""` or `'"ml"'`."""
    import ast

    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.JoinedStr):
            continue
        parts = node.values
        for i, part in enumerate(parts):
            if not isinstance(part, ast.FormattedValue):
                continue
            before = parts[i - 1] if i else None
            after = parts[i + 1] if i + 1 < len(parts) else None
            opened = before.value[-1:] if isinstance(before, ast.Constant) else ""
            closed = after.value[:1] if isinstance(after, ast.Constant) else ""
            if part.conversion == ord("r") or (opened in ("'", '"') and closed == opened):
                found.append(f"{name}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_no_message_puts_a_value_in_quotes_of_its_own() -> None:
    """Values go through diagnostics.quoted, which escapes the quotes a value holds."""
    import inspect
    import textwrap

    from hugokit import shortcode
    from hugokit.diagnostics import did_you_mean
    from hugokit.model import Publication

    found = [line for path in _MESSAGE_SOURCES for line in _doubling_templates(path.read_text(encoding="utf-8"), path.name)]
    for helper in (Publication.label, did_you_mean, shortcode.unwritable):
        found += _doubling_templates(textwrap.dedent(inspect.getsource(helper)), helper.__qualname__)
    assert found == []
    assert _doubling_templates("f'topic \"{value}\"'", "x") and _doubling_templates("f'{value!r}'", "x")  # (it sees them)


_DOUBLED = re.compile(r"\"\"[^\s)]|[^\s(]\"\"|'\"|\"'")  # ""ml"", '"ml"': a value's own quotes inside added ones


@pytest.mark.parametrize("code", sorted(RULES))
def test_no_expected_message_doubles_the_quotes_of_a_value(code: str) -> None:
    """Expectations include values that hold quotes (a title, a topic alias): shown escaped, once."""
    lines = (CASES / code / "bad" / "expected.txt").read_text(encoding="utf-8").splitlines()
    unescaped = [line.replace("\\\\", "").replace('\\"', "") for line in lines]  # (an escaped quote is the value's)
    assert [line for line in unescaped if _DOUBLED.search(line)] == []


def test_quoted_values_read_back_as_the_value_they_show() -> None:
    import yaml

    from hugokit.diagnostics import quoted

    shown = {value: quoted(value) for value in ('"ml"', "ml", "O'Brien", "C:\\", "a\u200bb", "tab\there", "\U0001f600")}
    assert shown['"ml"'] == '"\\"ml\\""' and shown["ml"] == '"ml"' and shown["O'Brien"] == '"O\'Brien"'
    assert shown["a\u200bb"] == '"a\\u200bb"' and shown["\U0001f600"] == '"\U0001f600"'
    assert all(yaml.safe_load(text) == value for value, text in shown.items())


def test_messages_outside_the_rules_show_a_value_with_quotes_once(tmp_path: Path) -> None:
    """A key, a heading or a character a user wrote, as the readers and importers name it."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data/publications.yaml").write_text("- {title: x, year: 2020, '\"tags\"': [a]}\n", encoding="utf-8")
    run = hugokit("check", "--site", tmp_path)
    assert 'error[unknown-key] unknown key "\\"tags\\"" in publication 1' in run.stdout
    page = tmp_path / "page.md"
    page.write_text('---\ntitle: x\n---\n\n### "2024"\n', encoding="utf-8")
    (tmp_path / "new").mkdir()
    run = hugokit("import", page, "--site", tmp_path / "new")
    assert 'error[unparsed-line] heading "\\"2024\\"" is not a year' in run.stdout
    (tmp_path / "data/publications.yaml").write_text("- title: a\x07b\n", encoding="utf-8")
    run = hugokit("check", "--site", tmp_path)
    assert 'error[yaml-syntax] character "\\x07" is not allowed in YAML' in run.stdout  # (it said "character 7")
