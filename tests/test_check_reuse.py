"""build reuses what the check it runs (or the check served from the cache) found about the
database's unsafe values, and only for the very text that check read: the refusal is always
the one a fresh look at the database gives."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import hugokit, small_site, write
from hugokit.model import Publication
from hugokit.rules import unsafe_value

CLEAN = '- {title: "Paper", year: 2020, venue: OSDI 2020, authors: [A B], topics: [T]}\n'
UNSAFE = '- {title: "Paper {{< x >}}", year: 2020, venue: OSDI 2020, authors: [A B], topics: [T]}\n'


def _counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    original = unsafe_value.findings

    def counting(publications: list[Publication]):  # type: ignore[no-untyped-def]
        calls.append(len(publications))
        return original(publications)

    monkeypatch.setattr(unsafe_value, "findings", counting)
    return calls


def _fresh_refusal(root: Path) -> list[str]:
    """The unsafe values a look at the database as it is now finds (what build must refuse)."""
    from hugokit.cache import Cache
    from hugokit.site import load_site

    site = load_site(root, Cache(None))
    return [f"{f.where.line}:{f.message}" for f in unsafe_value.findings(site.database.publications)]


def test_build_alone_looks_once_and_refuses_what_the_check_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = small_site(tmp_path, monkeypatch, UNSAFE)
    expected = _fresh_refusal(root)
    calls = _counted(monkeypatch)
    run = hugokit("build", "--force", "--site", root)
    assert run.exit_code == 1 and calls == [1]  # the check's look, reused by build
    assert [line for line in run.output.splitlines() if "unsafe-value" in line]
    assert all(message.split(":", 1)[1] in run.output for message in expected)
    assert not (root / "content/publications.md").exists()


@pytest.mark.parametrize("config", ["", "strict: false\n"])
def test_a_clean_check_from_the_cache_spares_build_the_look(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            config: str) -> None:
    root = small_site(tmp_path, monkeypatch, CLEAN)
    if config:
        write(root / "hugokit.yaml", config)
    assert hugokit("check", "--site", root).exit_code == 0
    calls = _counted(monkeypatch)
    assert hugokit("build", "--site", root).exit_code == 0
    assert calls == []
    assert (root / "content/publications.md").read_text().count("{{< publication ") == 1


def test_a_database_saved_after_the_check_is_looked_at_anew(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The clean check is of the old text: build must not take its word for the new one."""
    root = small_site(tmp_path, monkeypatch, CLEAN)
    assert hugokit("check", "--site", root).exit_code == 0
    write(root / "data/publications.yaml", UNSAFE)
    run = hugokit("build", "--force", "--site", root)
    assert run.exit_code == 1 and "unsafe-value" in run.output
    assert not (root / "content/publications.md").exists()


@pytest.mark.parametrize("config", ["ignore: [unsafe-value]\n", "severity: {unsafe-value: warning}\n"])
def test_a_check_that_did_not_report_the_rule_as_an_error_is_not_taken_for_clean(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, config: str) -> None:
    """Ignored, the check never looked; as a warning, it found some: build looks itself and
    refuses, forced or not."""
    root = small_site(tmp_path, monkeypatch, UNSAFE)
    write(root / "hugokit.yaml", config)
    hugokit("check", "--site", root)
    for args in (("build",), ("build", "--force")):
        run = hugokit(*args, "--site", root)
        assert run.exit_code == 1 and "unsafe-value" in run.output, run.output
        assert not (root / "content/publications.md").exists()


def test_a_kept_result_is_only_for_the_list_it_was_found_in() -> None:
    """Two lists of equal length and the same titles but for one value: each its own findings."""
    clean = [Publication(title="Paper", year=2020)]
    unsafe = [Publication(title="Paper {{< x >}}", year=2020)]
    shared: dict[str, object] = {}
    assert unsafe_value.found_in(clean, shared) == []
    found = unsafe_value.found_in(unsafe, shared)
    assert [f.message for f in found] == [f.message for f in unsafe_value.findings(unsafe)] and found
    assert unsafe_value.found_in(clean, shared) == []
    again = unsafe_value.found_in(clean, shared)
    again.append(found[0])  # a caller's list is its own: the kept result is not changed through it
    assert unsafe_value.found_in(clean, shared) == []


@pytest.mark.parametrize("config", ["", "select: [unsafe-value, bad-id]\n", "ignore: [unsafe-value]\n",
                                    "select: [bad-id]\nignore: [bad-id]\n"])
@pytest.mark.parametrize(("select", "ignore"), [("", ""), ("unsafe-value", ""), ("", "unsafe-value,bad-id"),
                                                ("bad-id, unsafe-value", "bad-id")])
def test_runs_answers_as_the_selection_does(tmp_path: Path, config: str, select: str, ignore: str) -> None:
    """What build asks (does the default check run unsafe-value?) without importing the rules."""
    from hugokit.config_load import load_config
    from hugokit.rules import all_rules, runs, selected

    write(tmp_path / "hugokit.yaml", config or "{}\n")
    site_config = load_config(tmp_path)
    assert {rule.code for rule in selected(site_config, select, ignore)} == \
        {code for code in all_rules() if runs(site_config, code, select, ignore)}
