"""The cache cannot lie: a result is stored under the digest of the bytes that were checked, a
cache or snapshot file of any shape is validated when read (and ignored with a note when
wrong), and a snapshot never makes build drop entries."""
from __future__ import annotations

import json
import os
import random
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from conftest import cache_files, hugokit, rewrite_cache_file, write

CLEAN = '- {title: "X", year: 2020, venue: OSDI 2020, authors: [A B], topics: [T]}\n'
# Four errors: a javascript: link, an unknown topic, a duplicate title, a bad id.
BROKEN = CLEAN + ('- {title: "X", year: 2020, venue: OSDI 2020, authors: [A B], topics: [Nope], id: "a b",'
                  ' links: {paper: "javascript:alert(1)"}}\n')


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HUGOKIT_CACHE_DIR", str(tmp_path / "cache"))
    write(tmp_path / "site/data/publications.yaml", CLEAN)
    write(tmp_path / "site/data/topics.yaml", "- T\n")
    return tmp_path / "site"


def _answer(site: Path, *options: str) -> tuple[int, str]:
    run = hugokit("check", "--site", site, "--format", "json", *options)
    return run.exit_code, run.stdout


def test_no_cached_answer_disagrees_with_a_full_check_while_the_database_is_saved(site: Path) -> None:
    database = site / "data/publications.yaml"
    assert hugokit("check", "--site", site, "--no-cache").exit_code == 0
    write(database, BROKEN)
    assert hugokit("check", "--site", site, "--no-cache").stdout.count("error[") == 4
    randomly = random.Random(19)
    for _ in range(40):
        stop = threading.Event()

        def writer() -> None:
            while not stop.is_set():
                database.write_text(randomly.choice([CLEAN, BROKEN]))

        thread = threading.Thread(target=writer)
        thread.start()
        try:
            hugokit("check", "--site", site)  # reads whichever version, maybe half of one
        finally:
            stop.set()
            thread.join()
        database.write_text(randomly.choice([CLEAN, BROKEN]))
        assert _answer(site) == _answer(site, "--no-cache")


# Versions of the database a writer saves while build runs: three that build writes, one it refuses.
WRITTEN = [CLEAN, CLEAN + '- {title: "Y", year: 2021, venue: OSDI 2021, authors: [C D], topics: [T]}\n',
           CLEAN.replace('"X"', '"X, revised"')]
REFUSED = CLEAN + '- {title: "X", year: 2020, venue: OSDI 2020, authors: [A B], topics: [Nope], id: "a b"}\n'


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _save(database: Path, text: str, in_place: bool) -> None:
    """As an editor saves: in place (truncate, then write), or a new file renamed over it."""
    if in_place:
        database.write_text(text)
    else:
        temporary = database.with_name(f"saving-{threading.get_ident()}")
        temporary.write_text(text)
        os.replace(temporary, database)


@pytest.mark.parametrize("pages", [False, True], ids=["page", "pages"])
@pytest.mark.parametrize("in_place", [False, True], ids=["renamed", "in-place"])
def test_build_writes_one_version_of_a_database_saved_while_it_runs(site: Path, tmp_path: Path, pages: bool,
                                                                      in_place: bool) -> None:
    """Whatever build wrote is what a full build writes from one exact version of the database
    (saved whole, each time: a half-saved file is a version of its own, so in place only the
    cache's later answers are compared); after the writer stops, the cached build and check
    answer as --no-cache ones do."""
    option = "--pages" if pages else "--no-pages"
    assert hugokit("check", "--site", site, "--no-cache").stdout == ""
    write(site / "data/publications.yaml", REFUSED)
    assert hugokit("build", "--site", site, "--no-cache").exit_code == 1
    expected = []
    for number, text in enumerate(WRITTEN):
        reference = tmp_path / f"reference-{number}"
        write(reference / "data/publications.yaml", text)
        write(reference / "data/topics.yaml", "- T\n")
        assert hugokit("build", "--site", reference, option, "--no-cache").exit_code == 0
        expected.append(_tree(reference / "content"))
    database = site / "data/publications.yaml"
    _save(database, CLEAN, in_place)
    assert hugokit("build", "--site", site, option).exit_code == 0
    randomly = random.Random(19)
    for _ in range(30):
        _save(database, randomly.choice(WRITTEN), in_place)
        stop = threading.Event()

        def writer() -> None:
            while not stop.is_set():
                _save(database, randomly.choice([*WRITTEN, REFUSED]), in_place)

        thread = threading.Thread(target=writer)
        switching = sys.getswitchinterval()
        sys.setswitchinterval(1e-5)  # the writer gets a turn between any two steps of build, nearly
        thread.start()
        try:
            run = hugokit("build", "--site", site, option)  # reads whichever version, maybe half of one
        finally:
            stop.set()
            thread.join()
            sys.setswitchinterval(switching)
        # 1: errors read; 2, only for an in-place save: a read torn between two versions (the kernel
        # does not order a read and a write of one file), which is a YAML syntax error, nothing written
        torn = in_place and run.exit_code == 2 and "error[yaml-syntax]" in run.output
        assert (run.exit_code in (0, 1) or torn) and "edited by hand" not in run.output, run.output
        tree = _tree(site / "content")
        assert not in_place and tree in expected or in_place and b"Nope" not in b"".join(tree.values()), run.output
        final = randomly.choice(WRITTEN)
        _save(database, final, in_place)
        assert hugokit("build", "--site", site, option).exit_code == 0
        assert _tree(site / "content") == expected[WRITTEN.index(final)]
        assert hugokit("build", "--site", site, option, "--check", "--no-cache").exit_code == 0
        assert _answer(site) == _answer(site, "--no-cache")


def test_a_database_saved_between_builds_cached_check_and_its_read_is_checked(site: Path,
                                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """The moment the race above may hit: build takes the check from the cache, then the database
    is saved with errors before build reads it to write the page. What build read is checked."""
    from hugokit.site import checked

    assert hugokit("build", "--site", site).exit_code == 0
    page = (site / "content/publications.md").read_text()
    write(site / "data/publications.yaml", WRITTEN[1])
    assert hugokit("check", "--site", site).exit_code == 0  # stored: build's check comes from the cache

    def checked_then_saved(*args: Any, **options: Any) -> Any:
        outcome = checked(*args, **options)
        assert outcome.site is None  # served from the cache
        write(site / "data/publications.yaml", REFUSED)
        return outcome

    with monkeypatch.context() as patched:
        patched.setattr("hugokit.build.checked", checked_then_saved)
        run = hugokit("build", "--site", site)
    assert run.exit_code == 1 and "error[unknown-topic]" in run.stdout, run.output
    assert (site / "content/publications.md").read_text() == page
    assert _answer(site) == _answer(site, "--no-cache")


def test_build_brings_up_to_date_only_the_stored_check_of_what_it_read(site: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The other moment: build's check is not stored (the database was saved during it), and the
    stored check on disk is another version's. After writing, build must not give that entry its
    own diagnostics (a later check of the other version would then answer with them)."""
    assert _answer(site, "--no-cache") == (0, _answer(site)[1])  # stored: the check of CLEAN
    write(site / "data/publications.yaml", CLEAN.replace("[T]", "[]"))  # a warning: T is unused
    assert "unused-topic" in _answer(site, "--no-cache")[1]
    with monkeypatch.context() as patched:
        patched.setattr("hugokit.site.unchanged_since", lambda *args: False)
        assert hugokit("build", "--site", site).exit_code == 0
    write(site / "data/publications.yaml", CLEAN)
    assert _answer(site) == _answer(site, "--no-cache")


SHAPES = ["[]", "null", "{}", '"text"', "7", '{"code": 1, "content": [], "files": {}}',
          '{"code": "x", "content": "x", "files": []}', '{"code": "x", "content": [], "files": {"a": 7}}', "{",
          "\x00\xff", ""]


@pytest.mark.parametrize("shape", SHAPES)
def test_a_cache_file_of_any_shape_is_ignored_with_a_note(site: Path, shape: str) -> None:
    (site / "content").mkdir()
    expected = hugokit("check", "--site", site, "--no-cache")
    assert hugokit("build", "--site", site).exit_code == 0
    cache = site.parent / "cache"
    for entry in cache.glob("*.json"):
        entry.write_text(shape, encoding="utf-8", errors="surrogateescape")
    run = hugokit("check", "--site", site)
    assert (run.exit_code, run.stdout) == (expected.exit_code, expected.stdout)
    assert "note: ignored the cache file" in run.stderr
    built = hugokit("build", "--site", site)
    assert built.exit_code == 0, built.output


@pytest.mark.parametrize("payload", [
    [], None, {"diagnostics": "x", "strict": False}, {"diagnostics": [], "strict": "no"},
    {"diagnostics": [{"path": "x", "line": 1, "column": 1, "severity": "fatal", "code": "c", "message": "m",
                      "hint": ""}], "strict": False},
    {"diagnostics": [{"path": "x", "line": "1", "column": 1, "severity": "error", "code": "c", "message": "m",
                      "hint": ""}], "strict": False}])
def test_a_stored_result_of_the_wrong_shape_is_not_served(site: Path, payload: object) -> None:
    write(site / "data/publications.yaml", BROKEN)
    expected = _answer(site, "--no-cache")
    _answer(site)
    for entry_file, entry, rest in cache_files(site.parent / "cache"):
        if isinstance(entry, dict) and "payload" in entry:
            entry["payload"] = payload
            rewrite_cache_file(entry_file, entry, rest)
    assert _answer(site) == expected
    assert hugokit("build", "--site", site).exit_code == 1  # the errors are seen: nothing is written


def _large_site(site: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A database large enough to be snapshotted (the threshold lowered, to keep this quick)."""
    monkeypatch.setattr("hugokit.cache.SNAPSHOT_MIN_BYTES", 1000)
    text = "".join(f'- {{title: "Paper {i}", year: {2000 + i % 20}, venue: OSDI {2000 + i % 20}, '
                   f'authors: [A B], topics: [T]}}\n' for i in range(ENTRIES))
    write(site / "data/publications.yaml", text)
    return text


ENTRIES = 40


def _snapshot_bytes(text: str, payload: bytes, *, version: str | None = None, python: str | None = None,
                   payload_digest: str | None = None) -> bytes:
    """A snapshot file as hugokit writes one, with any part of it chosen by the test."""
    from hugokit import __version__
    from hugokit.cache import digest, text_digest

    head = " ".join(["hugokit-snapshot", version or __version__, python or f"python{sys.version_info[0]}.{sys.version_info[1]}",
                     text_digest(text), payload_digest or digest(payload)])
    return head.encode() + b"\n" + payload


def _forgeries(text: str) -> dict[str, bytes]:
    import marshal

    from hugokit.cache import digest

    entries = [{"title": "Only one", "year": 2020}]
    good = marshal.dumps(entries)
    sound = _snapshot_bytes(text, good)
    return {
        "empty": _snapshot_bytes(text, marshal.dumps([])),
        "foreign version": _snapshot_bytes(text, good, version="0.0.0"),
        "another Python": _snapshot_bytes(text, good, python="python2.7"),
        "old JSON format": json.dumps({"hugokit": "0.1.0", "sha256": "0", "entries": entries}).encode(),
        "wrong fields": _snapshot_bytes(text, marshal.dumps([{"title": "T", "year": "2020", "colour": "red"}])),
        "a year that is a bool": _snapshot_bytes(text, marshal.dumps([{"title": "T", "year": True}])),
        "a tuple of entries": _snapshot_bytes(text, marshal.dumps(tuple(entries))),
        "a list of tuples": _snapshot_bytes(text, marshal.dumps([{"title": "T", "year": 2020, "authors": ("A",)}])),
        "a code object": _snapshot_bytes(text, marshal.dumps(compile("1", "x", "eval"))),
        "other database": _snapshot_bytes("x", good),
        "truncated": sound[:-3],
        "a byte changed": sound[:-4] + bytes([sound[-4] ^ 0x20]) + sound[-3:],
        "payload digest of other bytes": _snapshot_bytes(text, good, payload_digest=digest(b"other")),
        "marshal garbage with its digest": _snapshot_bytes(text, b"\xff\x00garbage"),
        "no line break": sound.partition(b"\n")[0],
        "empty file": b"",
    }


FORGERIES = list(_forgeries("").keys())


@pytest.mark.parametrize("forgery", FORGERIES)
def test_a_bad_snapshot_never_makes_build_drop_entries(site: Path, forgery: str,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    text = _large_site(site, monkeypatch)
    assert hugokit("check", "--site", site).exit_code == 0  # a full parse stores the snapshot
    (snapshot,) = (site.parent / "cache").glob("db-*.snapshot")
    snapshot.write_bytes(_forgeries(text)[forgery])
    run = hugokit("build", "--site", site)
    assert run.exit_code == 0, run.output
    assert "note: ignored the cache file" in run.stderr
    assert (site / "content/publications.md").read_text().count("{{< publication ") == ENTRIES
    assert not snapshot.exists() or snapshot.read_bytes().startswith(b"hugokit-snapshot ")  # replaced by a sound one


def test_a_sound_snapshot_is_what_build_reads(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check of the page is cached away; a planted snapshot with the right digests is believed,
    so what the page shows proves that build read the snapshot and not the database."""
    import marshal

    text = _large_site(site, monkeypatch)
    assert hugokit("check", "--site", site).exit_code == 0
    (snapshot,) = (site.parent / "cache").glob("db-*.snapshot")
    entries = marshal.loads(snapshot.read_bytes().partition(b"\n")[2])
    assert len(entries) == ENTRIES and entries[0]["title"] == "Paper 0"
    entries[0]["title"] = "Read from the snapshot"
    snapshot.write_bytes(_snapshot_bytes(text, marshal.dumps(entries)))
    run = hugokit("build", "--site", site)
    assert run.exit_code == 0 and "ignored" not in run.stderr, run.output
    assert "Read from the snapshot" in (site / "content/publications.md").read_text()


def test_snapshots_carry_the_version_and_the_digests_of_their_text_and_payload(site: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import marshal

    from hugokit import __version__
    from hugokit.cache import digest, text_digest

    text = _large_site(site, monkeypatch)
    hugokit("check", "--site", site)
    (snapshot,) = (site.parent / "cache").glob("db-*.snapshot")
    head, _, payload = snapshot.read_bytes().partition(b"\n")
    magic, version, python, text_sha, payload_sha = head.decode().split(" ")
    assert (magic, version, python) == ("hugokit-snapshot", __version__,
                                        f"python{sys.version_info[0]}.{sys.version_info[1]}")
    assert text_sha == text_digest(text) and payload_sha == digest(payload)
    assert len(marshal.loads(payload)) == ENTRIES


def test_only_the_newest_snapshots_are_kept(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every edit of a large database makes a snapshot: the cache keeps the newest few (the old
    JSON ones of earlier versions count among them), and the one just made is always kept."""
    from hugokit import cache as cache_module

    cache = site.parent / "cache"
    cache.mkdir()
    for i in range(cache_module.KEPT_SNAPSHOTS + 2):
        old = cache / f"db-{i:040x}{'.json' if i % 2 else '.snapshot'}"
        old.write_bytes(b"old")
        os.utime(old, ns=(10**18 + i, 10**18 + i))
    _large_site(site, monkeypatch)
    assert hugokit("check", "--site", site).exit_code == 0
    left = sorted(p.name for p in cache.glob("db-*"))
    assert len(left) == cache_module.KEPT_SNAPSHOTS
    fresh = [name for name in left if not name.startswith("db-0000000000")]
    assert len(fresh) == 1 and fresh[0].endswith(".snapshot")
    assert f"db-{0:040x}.snapshot" not in left and f"db-{1:040x}.json" not in left  # the oldest went


def test_an_entry_of_another_cache_format_is_replaced_without_a_note(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """After an upgrade, the older version's entries are simply replaced: no note on every first run."""
    from hugokit.cache import FORMAT

    cache = tmp_path / "cache"
    monkeypatch.setenv("HUGOKIT_CACHE_DIR", str(cache))
    site = tmp_path / "site"
    write(site / "data/publications.yaml", '- {title: "X", year: 2020, venue: OSDI 2020, authors: [A B], topics: [T]}\n')
    write(site / "data/topics.yaml", "- T\n")
    assert hugokit("check", "--site", site).exit_code == 0
    entries = [p for p in cache.glob("*.json") if not p.name.startswith("db-")]
    assert entries
    for path in entries:
        path.write_text(json.dumps({"format": FORMAT - 1, "code": "old"}))
    run = hugokit("check", "--site", site)
    assert run.exit_code == 0 and "note:" not in run.stderr


def test_a_config_saved_just_after_it_was_read_gets_no_stored_answer(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """hugokit.yaml is keyed by the text the run read, as the database is: a save between its
    read and the end of the run leaves the next check to check again."""
    config = site / "hugokit.yaml"
    config.write_text("strict: false\n", encoding="utf-8")
    write(site / "data/publications.yaml", CLEAN.replace("topics: [T]", "topics: [Nope]"))
    import hugokit.config_read

    real_compose = hugokit.config_read.compose

    def saved_meanwhile(text: str, path: str) -> Any:
        node = real_compose(text, path)
        config.write_text("ignore: [unknown-topic]\n", encoding="utf-8")  # after the read
        return node

    monkeypatch.setattr(hugokit.config_read, "compose", saved_meanwhile)
    first = _answer(site)
    monkeypatch.setattr(hugokit.config_read, "compose", real_compose)
    assert first[0] == 1 and "unknown-topic" in first[1]
    assert _answer(site) == _answer(site, "--no-cache")
    assert _answer(site)[0] == 0


@pytest.mark.skipif(sys.platform != "linux", reason="a file name that is not UTF-8 needs a POSIX file system that allows it")
def test_a_page_whose_name_is_not_utf8_is_checked_and_cached(site: Path) -> None:
    """Such a name is a lone surrogate in Python; the cache keeps it escaped, so a check and its
    cached repeat agree (it used to end in a traceback when the cache was written)."""
    content = os.fsencode(site / "content")
    os.makedirs(content, exist_ok=True)
    with open(content + b"/caf\xff.md", "wb") as page:
        page.write(b"---\ntitle: [x\n---\n")
    first, again = _answer(site), _answer(site)
    assert first == again == _answer(site, "--no-cache")
    assert first[0] == 1 and json.loads(first[1])["diagnostics"][0]["code"] == "front-matter"
    assert hugokit("build", "--site", site).exit_code == 0
    assert _answer(site) == first  # the check amended by build is served
