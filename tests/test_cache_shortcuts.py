"""The run cache's shortcuts never serve a stale result: files trusted by their status (inode,
size, times) rather than read, content/ trusted by its folders' statuses rather than listed, the
check brought up to date by `build` for the pages it wrote, and the memos of vocabularies and of
each page's findings. Every test compares what the cache serves with a check that uses no cache.
"""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from conftest import cache_files, hugokit, rewrite_cache_file, small_site, write
from hugokit import run_cache as cache_module
from hugokit import site as site_module

DATABASE = ('- {title: "Alpha", year: 2020, venue: OSDI 2020, authors: [Ann Lee, Bo Chen], topics: [T]}\n'
            '- {title: "Beta", year: 2021, venue: SOSP 2021, authors: [Ann Lee], topics: [T]}\n')
SETTLE = (cache_module.RACY_NS + 30_000_000) / 1e9  # long enough for a file's status to be trusted


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return small_site(tmp_path, monkeypatch, DATABASE)


def same_as_uncached(root: Path, *args: str) -> str:
    """The cached check's output, asserted equal to an uncached one's."""
    cached = hugokit("check", "--site", root, "--format", "json", *args)
    fresh = hugokit("check", "--site", root, "--format", "json", "--no-cache", *args)
    assert (cached.exit_code, cached.stdout) == (fresh.exit_code, fresh.stdout)
    return cached.stdout


def served(monkeypatch: pytest.MonkeyPatch, *, reading: bool = True) -> None:
    """From now on a check that parses the site fails; with reading=False, one that reads any
    recorded file for its digest, or lists content/, fails too."""
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("the check was not served from the cache")

    monkeypatch.setattr(site_module, "load_site", refuse)
    if not reading:
        monkeypatch.setattr(cache_module, "file_digest", refuse)
        monkeypatch.setattr(cache_module, "walk_content", refuse)


def settled_check(root: Path) -> None:
    """Two checks some time apart: the second records the (by then trusted) statuses."""
    same_as_uncached(root)
    time.sleep(SETTLE)
    same_as_uncached(root)


def test_an_unchanged_check_reads_no_file_once_the_statuses_are_trusted(site: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    settled_check(site)
    with monkeypatch.context() as patched:
        served(patched, reading=False)
        assert hugokit("check", "--site", site).exit_code == 0


def test_an_edit_that_keeps_size_and_modification_time_is_seen(site: Path) -> None:
    settled_check(site)
    database = site / "data/publications.yaml"
    before = database.stat()
    database.write_text(DATABASE.replace("OSDI", "OSDX"))  # same size, an unknown venue
    os.utime(database, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert database.stat().st_size == before.st_size and database.stat().st_mtime_ns == before.st_mtime_ns
    assert "unknown-venue" in same_as_uncached(site)


def test_a_status_changed_just_before_the_read_is_not_trusted(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_text("x")
    now = time.time_ns()
    values, trusted = cache_module.trusted_statuses([str(path)], now)
    assert not trusted and values.tolist() == [0, 0, 0, 0]  # changed within a clock tick of reading
    values, trusted = cache_module.trusted_statuses([str(path)], now + 10 * cache_module.RACY_NS)
    assert trusted and values == cache_module.status_values([str(path)])
    # A missing path has no status to trust: the entry lists it as missing instead.
    assert cache_module.trusted_statuses([str(tmp_path / "missing")], now)[1] is False
    assert cache_module.status_values([str(path), str(tmp_path / "missing")]) is None


@pytest.mark.parametrize("change", ["page in a bundle folder", "page in a new folder", "page in an empty folder",
                                    "removed page", "renamed page"])
def test_a_change_to_the_content_listing_is_seen_without_a_listing(site: Path, change: str) -> None:
    assert hugokit("build", "--site", site, "--pages").exit_code == 0
    bundle = next((site / "content/publication").iterdir())
    (site / "content/empty").mkdir()
    settled_check(site)
    bad = "---\ntitle: [unclosed\n---\n"
    if change == "page in a bundle folder":
        write(bundle / "notes.md", bad)
    elif change == "page in a new folder":
        write(site / "content/new/deep/page.md", bad)
    elif change == "page in an empty folder":
        write(site / "content/empty/page.md", bad)
    elif change == "removed page":
        write(site / "content/about.md", bad)
        settled_check(site)
        (site / "content/about.md").unlink()
    else:
        (site / "content/about.md").rename(site / "content/about.txt")
    out = same_as_uncached(site)
    assert ("front-matter" in out) == change.startswith("page in")


def test_build_then_check_is_served_from_the_cache_and_equals_a_fresh_check(site: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    for args in (("build",), ("build", "--pages")):
        same_as_uncached(site)  # the hook's check, then the regeneration
        assert hugokit(*args, "--site", site).exit_code == 0
        with monkeypatch.context() as patched:
            served(patched)
            cached = hugokit("check", "--site", site, "--format", "json")
        assert cached.stdout == hugokit("check", "--site", site, "--format", "json", "--no-cache").stdout
        write(site / "data/publications.yaml", DATABASE.replace("SOSP 2021", "OSDI 2021"))


def test_build_keeps_the_warnings_of_the_check_it_brought_up_to_date(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(site / "data/topics.yaml", "- T\n- U\n")
    assert "unused-topic" in same_as_uncached(site)
    assert hugokit("build", "--site", site, "--pages").exit_code == 0
    with monkeypatch.context() as patched:
        served(patched)
        assert "unused-topic" in hugokit("check", "--site", site, "--format", "json").stdout
    same_as_uncached(site)


def test_a_hand_edit_of_a_generated_page_after_build_is_seen(site: Path) -> None:
    assert hugokit("build", "--site", site, "--pages").exit_code == 0
    same_as_uncached(site)
    page = next((site / "content/publication").glob("*/index.md"))
    page.write_text(page.read_text().replace("title:", "title: [", 1))
    assert "front-matter" in same_as_uncached(site)
    assert hugokit("build", "--site", site, "--pages", "--force").exit_code == 0  # its own file: rewritten
    assert "front-matter" not in same_as_uncached(site)


def test_the_memos_of_vocabularies_and_pages_follow_their_files(site: Path) -> None:
    same_as_uncached(site)
    steps = [
        lambda: write(site / "data/publications.yaml", DATABASE + '- {title: "C", year: 2022, venue: X 2022, '
                                                                   "authors: [Ann Lee], topics: [T]}\n"),
        lambda: write(site / "data/venues.yaml", "- X\n"),
        lambda: write(site / "data/topics.yaml", "- T\n- T\n"),
        lambda: write(site / "data/topics.yaml", "- T\n"),
        lambda: write(site / "content/about.md", "---\ntitle: [About\n---\n"),
        lambda: write(site / "data/publications.yaml", DATABASE),
        lambda: write(site / "content/about.md", "---\ntitle: About\n---\n"),
        lambda: write(site / "hugokit.yaml", "front_matter_schemas:\n  - section: publication\n    required: [x]\n"),
        lambda: hugokit("build", "--site", site, "--pages"),
        lambda: write(site / "hugokit.yaml", "venue_year_window: 3\n"),
    ]
    outputs = set()
    for step in steps:
        step()
        outputs.add(same_as_uncached(site))
    assert len(outputs) >= 4  # the steps did change what the check reports
    memos = {p.name.split("-")[0] for p in (site.parent / "cache").glob("*-*.json")}
    assert {"vocab", "pages"} <= memos


def test_an_entry_of_an_older_format_is_not_used(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    same_as_uncached(site)
    for entry, data, rest in cache_files(site.parent / "cache"):
        if "payload" in data:
            rewrite_cache_file(entry, {**data, "format": 1, "payload": {"diagnostics": [], "strict": True}}, rest)
    write(site / "data/publications.yaml", DATABASE.replace("OSDI", "OSDX"))
    assert "unknown-venue" in same_as_uncached(site)


def _saved_after_it_was_read(monkeypatch: pytest.MonkeyPatch, page: Path, text: str) -> None:
    """The next check's read of the generated page is followed by a save of text into it, with
    the page's modification time put back (its change time cannot be): after the per-file rules
    and the recognition of the page as hugokit's took its bytes, before the result is stored."""
    from hugokit import provenance

    real = provenance.record_if_up_to_date

    def then_saved(*args: object) -> None:
        real(*args)  # type: ignore[arg-type]
        before = page.stat()
        page.write_text(text, encoding="utf-8")
        os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))

    monkeypatch.setattr(provenance, "record_if_up_to_date", then_saved)


def test_a_page_read_once_and_saved_during_the_check_is_checked_again(site: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A check reads each page once: a page whose status says it changed after the run began is
    read again before the result is stored, so a save during the run gets no stored answer, and
    the page is recognised as hugokit's only as the bytes that were compared."""
    assert hugokit("build", "--site", site).exit_code == 0
    page = site / "content/publications.md"
    built = page.read_text(encoding="utf-8")
    time.sleep(SETTLE)  # (the page's status is trusted from now on: only the save below changes it)
    assert built.startswith("---\n")
    edited = "---\nnot: [closed\n" + built[4:]  # a front-matter error
    (site / "data/publications.yaml").write_text(DATABASE.replace("Beta", "Gamma"), encoding="utf-8")
    with monkeypatch.context() as patched:
        _saved_after_it_was_read(patched, page, edited)
        first = hugokit("check", "--site", site, "--format", "json")
    assert first.exit_code == 0 and page.read_text(encoding="utf-8") == edited  # checked before the save
    assert "front-matter" in same_as_uncached(site)  # not the stored answer of the bytes before it
    refused = hugokit("build", "--site", site)  # the save is a hand edit: the page before it was hugokit's
    assert refused.exit_code == 1 and "error[hand-edited-page]" in refused.stdout


def test_a_page_edited_between_checks_is_read_again_and_not_taken_for_hugokits(site: Path) -> None:
    """The cold check that recognised the built page as hugokit's (from the bytes its per-file
    rules read) is no answer for the page once it is edited, and the edit is no page of hugokit's."""
    assert hugokit("build", "--site", site).exit_code == 0
    page = site / "content/publications.md"
    (site / "data/publications.yaml").write_text(DATABASE + " ", encoding="utf-8")  # a new cold check, same entries
    same_as_uncached(site)
    page.write_text(page.read_text(encoding="utf-8").replace("Alpha", "Alpha (edited)"), encoding="utf-8")
    same_as_uncached(site)
    refused = hugokit("build", "--site", site)
    assert refused.exit_code == 1 and "error[hand-edited-page]" in refused.stdout
    assert "Alpha (edited)" in page.read_text(encoding="utf-8")


def test_only_a_file_changed_since_the_run_began_is_read_again_to_see_it_is_as_read(
        site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """site.unchanged_since with the run's start: a file whose status is older is not read again;
    one saved since (its modification time put back, its change time moved on) is, and its new
    bytes are no longer the ones read; a file that appeared is seen too."""
    from hugokit.cache import Cache, digest
    from hugokit.run_cache import RunEntry

    files = {"data/publications.yaml": site / "data/publications.yaml", "content/about.md": site / "content/about.md"}
    digests: dict[str, str | None] = {rel: digest(path.read_bytes()) for rel, path in files.items()}
    digests["content/new.md"] = None  # not there when read
    time.sleep(SETTLE)
    read_at = time.time_ns()
    entry = RunEntry(Cache(None), site, "check", ("", ""))
    real, reread = cache_module.file_digest, []

    def counted(path: str) -> str | None:
        reread.append(os.path.relpath(path, site))
        return real(path)

    monkeypatch.setattr(cache_module, "file_digest", counted)
    assert site_module.unchanged_since(entry, digests, read_at) and reread == ["content/new.md"]
    about = files["content/about.md"]
    before = about.stat()
    about.write_text("---\ntitle: Edited\n---\n", encoding="utf-8")
    os.utime(about, ns=(before.st_atime_ns, before.st_mtime_ns))
    reread.clear()
    assert not site_module.unchanged_since(entry, digests, read_at) and reread == ["content/about.md", "content/new.md"]
    about.write_text("---\ntitle: About\n---\n", encoding="utf-8")  # the bytes read, saved again
    assert site_module.unchanged_since(entry, digests, read_at)
    write(site / "content/new.md", "---\ntitle: New\n---\n")
    assert not site_module.unchanged_since(entry, digests, read_at)
