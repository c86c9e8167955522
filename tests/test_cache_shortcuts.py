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
