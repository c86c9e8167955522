"""The run cache: an unchanged check or build reuses the last result, and any change to any input
(database, vocabulary, config, content page, the set of pages, generated output) is seen."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from conftest import cache_files, hugokit, rewrite_cache_file, small_site, write

DATABASE = '- {title: "X", year: 2020, venue: OSDI 2020, authors: [A B], topics: [T]}\n'


@pytest.fixture
def cached_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return small_site(tmp_path, monkeypatch, DATABASE)


def plant(cache: Path, message: str) -> None:
    """Replaces the stored result, to see whether a later run serves it."""
    for entry_file, entry, rest in cache_files(cache):
        if "strict" in entry.get("payload", ()):
            entry["payload"]["diagnostics"] = [{"path": "x", "line": 1, "column": 1, "severity": "warning",
                                                "code": "planted", "message": message, "hint": ""}]
            rewrite_cache_file(entry_file, entry, rest)


@pytest.mark.parametrize("change", [
    lambda s: write(s / "data/publications.yaml", DATABASE.replace("OSDI", "OSDII")),
    lambda s: write(s / "data/topics.yaml", "- T\n- U\n"),
    lambda s: write(s / "data/venues.yaml", "- Foo\n"),
    lambda s: write(s / "hugokit.yaml", "venue_year_window: 3\n"),
    lambda s: write(s / "content/about.md", "---\ntitle: About us\n---\n"),
    lambda s: write(s / "content/new.md", "---\ntitle: New\n---\n"),
    lambda s: (s / "content/about.md").unlink(),
])
def test_check_reuses_an_unchanged_result_and_sees_every_change(cached_site: Path, change) -> None:
    cache = Path(os.environ["HUGOKIT_CACHE_DIR"])
    first = hugokit("check", "--site", cached_site)
    assert (first.exit_code, first.stdout) == (0, "")
    plant(cache, "served from the cache")
    assert "served from the cache" in hugokit("check", "--site", cached_site).stdout
    assert "served from the cache" not in hugokit("check", "--site", cached_site, "--no-cache").stdout

    change(cached_site)

    assert "served from the cache" not in hugokit("check", "--site", cached_site).stdout


def test_options_have_their_own_entries(cached_site: Path) -> None:
    write(cached_site / "data/publications.yaml", DATABASE.replace("OSDI", "OSDII"))
    assert hugokit("check", "--site", cached_site).exit_code == 1
    assert hugokit("check", "--site", cached_site, "--ignore", "unknown-venue").exit_code == 0
    assert hugokit("check", "--site", cached_site).exit_code == 1


def test_unchanged_build_is_served_from_the_cache_and_a_touched_output_is_rebuilt(cached_site: Path) -> None:
    assert hugokit("build", "--site", cached_site).exit_code == 0
    page = cached_site / "content/publications.md"
    good = page.read_text()
    again = hugokit("build", "--site", cached_site)
    assert again.exit_code == 0 and "up to date" in again.stderr
    page.write_text(good + "hand edit\n")
    assert hugokit("build", "--check", "--site", cached_site).exit_code == 1
    refused = hugokit("build", "--site", cached_site)  # the hand edit would be lost
    assert refused.exit_code == 1 and "error[hand-edited-page]" in refused.stdout
    assert hugokit("build", "--site", cached_site, "--force").exit_code == 0
    assert page.read_text() == good


def test_cache_can_be_turned_off(cached_site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUGOKIT_NO_CACHE", "1")
    hugokit("check", "--site", cached_site)
    assert not Path(os.environ["HUGOKIT_CACHE_DIR"]).exists()


def test_content_listing_is_the_same_however_the_site_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from hugokit.layout import walk_content

    def content_files(root: Path) -> list[str]:
        return walk_content(root).files

    write(tmp_path / "content/a/b.md", "x")
    write(tmp_path / "content/c.md", "x")
    monkeypatch.chdir(tmp_path)
    expected = ["content/a/b.md", "content/c.md"]
    assert content_files(Path(".")) == content_files(tmp_path) == content_files(Path("..") / tmp_path.name) == expected


def test_no_cache_flag_leaves_no_trace_even_for_snapshots(cached_site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from hugokit import cache as cache_module

    monkeypatch.setattr(cache_module, "SNAPSHOT_MIN_BYTES", 0)  # snapshot even this small database
    cache = Path(os.environ["HUGOKIT_CACHE_DIR"])
    assert hugokit("check", "--site", cached_site, "--no-cache").exit_code == 0
    assert hugokit("build", "--site", cached_site, "--no-cache").exit_code == 0
    assert not cache.exists()
    assert hugokit("check", "--site", cached_site).exit_code == 0  # the next plain run caches again
    assert any(p.name.startswith("db-") for p in cache.iterdir())


def test_an_unchanged_check_or_build_imports_no_yaml_and_no_rules(cached_site: Path) -> None:
    """What keeps a hook's unchanged run fast: it hashes files and parses nothing."""
    import subprocess
    import sys

    command = Path(sys.executable).parent / "hugokit"
    for name in ("check", "build"):
        assert hugokit(name, "--site", cached_site).exit_code == 0  # in-process: fills the cache
        env = {**os.environ, "PYTHONPROFILEIMPORTTIME": "1"}
        run = subprocess.run([str(command), name, "--site", str(cached_site)], env=env, capture_output=True,
                             text=True, timeout=60)
        imported = {line.rsplit("|", 1)[-1].strip() for line in run.stderr.splitlines() if line.startswith("import time:")}
        assert run.returncode == 0 and "hugokit.cache" in imported
        assert not {"yaml", "hugokit.rules", "hugokit.load", "dataclasses", "click"} & imported, sorted(imported)


def test_a_large_text_is_hashed_once_but_always_to_its_own_digest() -> None:
    """text_digest remembers the digests of the last few large texts by the objects themselves:
    every text, old or new, equal to another or not, still gets the SHA-256 of its own bytes."""
    import hashlib

    from hugokit.cache import BULK_BYTES, text_digest

    texts = ["é" * BULK_BYTES + str(i % 5) for i in range(20)]  # more than it remembers, some equal
    for _ in range(2):
        for text in texts + [t[:-1] + "x" for t in texts]:
            assert text_digest(text) == hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_digests_are_sha256_before_and_after_openssl_takes_over() -> None:
    """Small data is hashed by the built-in SHA-256 until a large text makes loading OpenSSL's
    worth it; from then on OpenSSL hashes everything: the same digests either way."""
    import subprocess

    script = ("import hashlib, os\n"
              "from hugokit import cache\n"
              "small = [os.urandom(n) for n in (0, 1, 64, 2000)]\n"
              "assert cache._openssl_sha256 is None\n"
              "before = [cache.digest(d) for d in small]\n"
              "assert cache._openssl_sha256 is None\n"
              "big = os.urandom(cache.BULK_BYTES)\n"
              "assert cache.digest(big) == hashlib.sha256(big).hexdigest()\n"
              "assert cache._openssl_sha256 is not None\n"
              "assert before == [cache.digest(d) for d in small] == [hashlib.sha256(d).hexdigest() for d in small]\n")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
