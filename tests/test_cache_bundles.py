"""The run cache with page bundles present: an unchanged `check` or `build --pages` stats each
recorded path once and reads nothing, and every kind of change to a bundle is seen — an edit
that keeps the size and modification time, a file removed or added beside index.md, a whole
bundle replaced by a rename, a new folder beside the bundles. A build reads no content page but
the ones it makes, so a page elsewhere neither stops it nor invalidates it. Each test compares
what the cache serves with what a run without the cache does.
"""
from __future__ import annotations

import contextlib
import io
import os
import shutil
import time
from pathlib import Path
from typing import Iterator

import pytest
from hypothesis import given, settings, strategies as st

from test_roundtrip_property import any_text, database_publications
from conftest import cache_files, hugokit, rewrite_cache_file, small_site, write
from hugokit import run_cache
from hugokit import site as site_module

DATABASE = "".join(f'- {{id: p{i}, title: "Paper {i}", year: 2020, venue: OSDI 2020, authors: [Ann Lee], topics: [T]}}\n'
                   for i in range(4))
SETTLE = (run_cache.RACY_NS + 30_000_000) / 1e9  # long enough for a file's status to be trusted
BAD = "---\ntitle: [unclosed\n---\n"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = small_site(tmp_path, monkeypatch, DATABASE)
    assert hugokit("build", "--site", root, "--pages").exit_code == 0
    return root


def settled(root: Path, *args: str) -> None:
    """The command twice, some time apart: the second stores the (by then trusted) statuses."""
    hugokit(*args, "--site", root)
    time.sleep(SETTLE)
    hugokit(*args, "--site", root)


def served(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on a run that parses the site, reads a recorded file or lists content/ fails."""
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("not served from the cache's first line")

    for module, name in ((site_module, "load_site"), (site_module, "checked"), (run_cache, "file_digest"),
                         (run_cache, "walk_content")):
        monkeypatch.setattr(module, name, refuse)
    from hugokit import build as build_module

    monkeypatch.setattr(build_module, "checked", refuse)


@contextlib.contextmanager
def files_read(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The paths the run cache reads for their digests meanwhile, as they are read."""
    read: list[str] = []
    digest = run_cache.file_digest

    def counting(path: Path | str) -> str | None:
        read.append(str(path))
        return digest(path)

    with monkeypatch.context() as patched:
        patched.setattr(run_cache, "file_digest", counting)
        yield read


def bundle(root: Path, number: int = 0) -> Path:
    return root / f"content/publication/p{number}"


def same_edit(path: Path, old: str, new: str) -> None:
    """Replaces old by new (of the same length) in place, keeping the modification time."""
    assert len(old) == len(new)
    before = path.stat()
    with open(path, "r+", encoding="utf-8") as handle:
        text = handle.read()
        handle.seek(0)
        handle.write(text.replace(old, new, 1))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns


def test_unchanged_check_and_build_with_bundles_read_nothing(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for args in (("check",), ("build", "--pages"), ("build",)):
        settled(site, *args)
    entries = [data for _, data, _ in cache_files(site.parent / "cache") if "payload" in data]
    assert entries and all(data["statuses"] for data in entries)
    with monkeypatch.context() as patched:
        served(patched)
        assert hugokit("check", "--site", site).exit_code == 0
        assert "up to date" in hugokit("build", "--site", site, "--pages").stderr
        assert "up to date" in hugokit("build", "--site", site).stderr


def _cached_and_fresh(root: Path, args: tuple[str, ...]) -> tuple[tuple[int, str], tuple[int, str]]:
    """The run with the cache on the site, and one without it on a copy made just before."""
    copy = root.parent / "copy"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(root, copy, symlinks=True)
    cached = hugokit(*args, "--site", root)
    fresh = hugokit(*args, "--site", copy, "--no-cache")
    return (cached.exit_code, cached.stdout + cached.stderr), (fresh.exit_code, fresh.stdout + fresh.stderr)


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and "/." not in f"/{p.relative_to(root).as_posix()}"}


CHANGES = {
    "index.md edited, same size and time": lambda s: same_edit(bundle(s) / "index.md", "Paper 0", "Paper X"),
    "cite.bib edited, same size and time": lambda s: same_edit(bundle(s) / "cite.bib", "Paper 0", "Paper X"),
    "index.md removed": lambda s: (bundle(s) / "index.md").unlink(),
    "cite.bib removed": lambda s: (bundle(s) / "cite.bib").unlink(),
    "broken page beside index.md": lambda s: write(bundle(s) / "notes.md", BAD),
    "broken _index.md added": lambda s: write(bundle(s) / "_index.md", BAD),
    "broken page in a new subfolder": lambda s: write(bundle(s) / "extra/page.md", BAD),
    "bundle replaced whole by a rename": lambda s: _swap(bundle(s, 1), bundle(s, 2)),
    "bundle folder removed": lambda s: shutil.rmtree(bundle(s)),
    "bundle folder emptied": lambda s: [path.unlink() for path in bundle(s).iterdir()],
    "generated bundle of no publication": lambda s: shutil.copytree(bundle(s, 3), s / "content/publication/gone"),
    "hand-written bundle gains the mark": lambda s: _marked_later(s),
    "hand edit drops the mark": lambda s: same_edit(bundle(s) / "index.md", "# Generated", "# Handmade "),
}


def _swap(one: Path, other: Path) -> None:
    aside = one.parent / "aside"
    one.rename(aside)
    other.rename(one)
    aside.rename(other)


def _marked_later(root: Path) -> None:
    page = root / "content/publication/mine/index.md"
    same_edit(page, "# Handmade ", "# Generated")


@pytest.mark.parametrize("change", list(CHANGES))
@pytest.mark.parametrize("args", [("check",), ("build", "--pages")], ids=["check", "build-pages"])
def test_every_change_to_a_bundle_is_seen(site: Path, change: str, args: tuple[str, ...]) -> None:
    mine = site / "content/publication/mine/index.md"
    write(mine, (bundle(site, 3) / "index.md").read_text().replace("# Generated", "# Handmade "))
    for settle in (("check",), ("build", "--pages")):
        settled(site, *settle)
    CHANGES[change](site)
    cached, fresh = _cached_and_fresh(site, args)
    assert cached == fresh
    assert _tree(site) == _tree(site.parent / "copy")


def test_a_page_saved_unchanged_is_the_only_file_read_again(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settled(site, "check")
    page = bundle(site) / "index.md"
    page.write_bytes(page.read_bytes())  # a new status, the same bytes
    read: list[str] = []
    digest = run_cache.file_digest

    def counting(path: Path | str) -> str | None:
        read.append(str(path))
        return digest(path)

    monkeypatch.setattr(run_cache, "file_digest", counting)
    monkeypatch.setattr(run_cache, "walk_content", lambda *_: pytest.fail("content/ was listed again"))
    with monkeypatch.context() as patched:
        patched.setattr(site_module, "load_site", lambda *_: pytest.fail("the check ran again"))
        assert hugokit("check", "--site", site).exit_code == 0
    assert read == ["./content/publication/p0/index.md"]


def test_the_same_entry_serves_the_site_named_otherwise(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from hugokit.__main__ import run

    settled(site, "build", "--pages")
    same_edit(bundle(site) / "cite.bib", "Paper 0", "Paper X")
    monkeypatch.chdir(site.parent)
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert run(["build", "--site", "site", "--pages"]) == 0  # paths recorded as ./…, now site/…
    assert "Paper 0" in (bundle(site) / "cite.bib").read_text()


def test_a_page_outside_the_bundles_neither_stops_nor_invalidates_a_build(site: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    settled(site, "build", "--pages")
    write(site / "content/about.md", BAD)
    write(site / "content/blog/new.md", "---\ntitle: New\n---\n")
    with monkeypatch.context() as patched:
        served(patched)
        assert "up to date" in hugokit("build", "--site", site, "--pages").stderr
    assert "front-matter" in hugokit("check", "--site", site).stdout  # check reports it
    fresh = hugokit("build", "--site", site, "--pages", "--no-cache")
    assert fresh.exit_code == 0 and "up to date" in fresh.stderr
    write(site / "data/publications.yaml", DATABASE.replace("OSDI 2020", "OSDX 2020"))
    refused = hugokit("build", "--site", site, "--pages")
    assert refused.exit_code == 1 and "unknown-venue" in refused.stdout  # the database's errors still stop it


@pytest.mark.parametrize("damage", ["second line cut", "statuses of another length", "second line missing"])
def test_a_damaged_second_line_is_noted_and_the_run_is_done_in_full(site: Path, damage: str) -> None:
    hugokit("check", "--site", site)
    write(bundle(site) / "notes.md", BAD)
    for path, head, rest in cache_files(site.parent / "cache"):
        if "payload" in head:
            rest = {"second line cut": rest[: len(rest) // 2], "second line missing": "",
                    "statuses of another length": rest.replace('"statuses": "', '"statuses": "AAAA', 1)}[damage]
            rewrite_cache_file(path, {**head, "statuses": None}, rest)
    run = hugokit("check", "--site", site)
    assert "front-matter" in run.stdout and "note: ignored the cache file" in run.stderr


@settings(max_examples=150, deadline=None)
@given(st.lists(database_publications(), min_size=1, max_size=3), any_text, any_text)
def test_bundle_front_matter_always_reads_as_a_mapping(pubs: list, abstract: str, doi: str) -> None:
    """What lets build skip parsing the bundles it just wrote (front_matter.finds_nothing_in_emitted):
    whatever the database holds, the front-matter the emitter writes parses as a mapping."""
    from hugokit.config import SiteConfig
    from hugokit.render.bundles import render_bundle
    from hugokit.rules import front_matter
    from hugokit.vocab import Vocabulary

    pubs[0].abstract, pubs[0].doi = abstract, doi
    for n, pub in enumerate(pubs):
        shown, text = f"content/publication/p{n}/index.md", render_bundle(pub, "key", Vocabulary("venues", []))["index.md"]
        assert front_matter.finds_nothing_in_emitted(SiteConfig(root=Path(".")), shown)
        assert list(front_matter.check_file(SiteConfig(root=Path(".")), shown, text.encode("utf-8"))) == []


def test_a_bundle_folder_changed_during_a_build_is_seen_by_the_next(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder that appears after the build's plan listed the bundles, while it writes: the entry
    it stores must not vouch for it, however long before the next run that was."""
    from hugokit import build as build_module

    write_plan = build_module.write_plan

    def meanwhile(*args: object, **kwargs: object) -> object:
        done = write_plan(*args, **kwargs)  # type: ignore[arg-type]
        shutil.copytree(bundle(site, 3), site / "content/publication/gone")  # generated, of no publication
        time.sleep(SETTLE)  # long before the entry is stored
        return done

    write(site / "data/publications.yaml", DATABASE.replace("Paper 3", "Paper Three"))
    with monkeypatch.context() as patched:
        patched.setattr(build_module, "write_plan", meanwhile)
        assert hugokit("build", "--site", site, "--pages").exit_code == 0
    time.sleep(SETTLE)
    cached, fresh = _cached_and_fresh(site, ("build", "--pages"))
    assert cached == fresh and not (site / "content/publication/gone/index.md").exists()


def test_check_after_a_build_that_rewrote_one_bundle_reads_only_that_bundle(site: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    settled(site, "check")
    write(site / "data/publications.yaml", DATABASE.replace("Paper 1", "Paper One").replace("p3", "p4"))
    assert hugokit("build", "--site", site, "--pages").exit_code == 0  # rewrites p1, makes p4, removes p3
    with files_read(monkeypatch) as read, monkeypatch.context() as patched:
        patched.setattr(run_cache, "walk_content", lambda *_: pytest.fail("content/ was walked again"))
        patched.setattr(site_module, "load_site", lambda *_: pytest.fail("the check ran again"))
        cached = hugokit("check", "--site", site, "--format", "json")
    assert sorted(read) == ["./content/publication/p1/index.md", "./content/publication/p4/index.md",
                            "./content/publications.md", "./data/publications.yaml"]  # the database: just saved
    assert cached.stdout == hugokit("check", "--site", site, "--format", "json", "--no-cache").stdout
    write(bundle(site, 4) / "notes.md", BAD)  # the new bundle's folder is watched too
    assert "front-matter" in hugokit("check", "--site", site).stdout


def test_a_build_vouches_for_none_of_the_files_it_wrote_and_stats_none_of_them(site: Path,
                                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """The files a build wrote changed after it read its inputs: their statuses are stored as
    untrusted without a stat (RunEntry.store's written), so the next build reads each of them once
    for its digest, and then nothing."""
    write(site / "data/publications.yaml", DATABASE.replace("Paper 1", "Paper One"))
    time.sleep(SETTLE)  # every input older than a clock tick: only the outputs are left to read again
    looked: list[str] = []
    statuses = run_cache.trusted_statuses

    def counting(paths: list[str], read_at: int | None) -> object:
        looked.extend(paths)
        return statuses(paths, read_at)

    from hugokit import build as build_module

    stored = run_cache.RunEntry.store
    written: list[str] = []

    def store(self: run_cache.RunEntry, *args: object, **kwargs: object) -> None:
        written.extend(kwargs.get("written", ()))  # type: ignore[call-overload]
        looked.clear()
        stored(self, *args, **kwargs)  # type: ignore[arg-type]

    with monkeypatch.context() as patched:
        patched.setattr(run_cache, "trusted_statuses", counting)
        patched.setattr(build_module.RunEntry, "store", store)
        assert hugokit("build", "--site", site, "--pages").exit_code == 0
    assert "content/publication/p1/index.md" in written and "content/publications.md" in written
    assert not {"./" + rel for rel in written} & set(looked) and "./data/publications.yaml" in looked
    time.sleep(SETTLE)
    with files_read(monkeypatch) as read:
        assert "up to date" in hugokit("build", "--site", site, "--pages").stderr
        assert sorted(read) == sorted("./" + rel for rel in written)
        read.clear()
        assert "up to date" in hugokit("build", "--site", site, "--pages").stderr and read == []
