"""hugokit.yaml and the vocabularies served from the cache's memos (keyed by the digests of the
very texts parsed) give exactly what parsing them gives, and never a stale answer: a file replaced
by another of equal size and modification time, an edit within the same second, a configured
path that has since become a link out of the site, a damaged memo, a config with errors (never
memoised)."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings, strategies as st

from conftest import hugokit, small_site, write
from hugokit import config_read
from hugokit import vocab as vocab_module
from hugokit.cache import Cache
from hugokit.config import SiteConfig
from hugokit.config_load import from_memo, load_config, to_memo
from hugokit.diagnostics import InputError

DATABASE = '- {title: "Alpha", year: 2020, venue: OSDI 2020, authors: [Ann Lee], topics: [T]}\n'


def outcome(root: Path, cache: Cache | None = None) -> object:
    try:
        return load_config(root, cache)
    except InputError as exc:
        return "InputError", [(d, d.fix) for d in exc.diagnostics]


def refuse_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object) -> None:
        raise AssertionError("hugokit.yaml was parsed, not served from the memo")

    monkeypatch.setattr(config_read, "read_config", refuse)


_word = st.sampled_from(["data/db.yaml", "content/pubs.md", "content/publication", "content/p", "../out", "/abs",
                         "data", "", "  ", "hugokit.yaml", "x\\y", "title: x", "a" * 3, "é", "yes", "2024", "---"])
_codes = st.lists(st.sampled_from(["unknown-topic", "no-topics", "front-matter", "nope", ""]), max_size=3)
_values = {
    "database": _word, "page": _word, "pages_dir": _word, "layout_data": _word,
    "front_matter": st.sampled_from(['title: "P"', 'title: "P"\n', "a: 1\n---\nb: 2", ""]),
    "select": _codes, "ignore": _codes, "strict": st.booleans(), "pages": st.booleans(),
    "venue_year_window": st.one_of(st.integers(-3, 10**10), st.just("2")),
    "link_kinds": st.lists(st.sampled_from(["poster", "talk", "x y"]), max_size=2),
    "severity": st.dictionaries(st.sampled_from(["no-topics", "unknown-topic", "nope"]),
                                st.sampled_from(["error", "warning", "fatal"]), max_size=2),
    "front_matter_schemas": st.dictionaries(st.sampled_from(["mentors", "posts"]), st.fixed_dictionaries(
        {}, optional={"required": st.lists(st.sampled_from(["name", "title"]), max_size=2),
                      "types": st.dictionaries(st.sampled_from(["seats", "tags"]),
                                               st.sampled_from(["int", "list", "date", "float"]), max_size=2)}),
        max_size=2),
    "services": st.fixed_dictionaries({}, optional={"contact": st.just("a@example.org"), "timeout": st.sampled_from([5, "x"]),
                                                    "dblp": st.sampled_from(["https://dblp.org", "ftp://x"])}),
    "unknown": st.just(1),
}


@st.composite
def _config(draw: st.DrawFn) -> str:
    keys = draw(st.lists(st.sampled_from(sorted(_values)), unique=True, max_size=6))
    settings = {key: draw(_values[key]) for key in keys}
    text = yaml.safe_dump(settings, default_flow_style=draw(st.sampled_from([None, True, False])), sort_keys=False)
    return draw(st.sampled_from(["", "# settings\n"])) + text


@settings(max_examples=400, deadline=None)
@given(_config())
def test_a_memoised_config_is_the_config_parsed(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "site"
        (root / "data").mkdir(parents=True)
        (root / "hugokit.yaml").write_text(text, encoding="utf-8")
        parsed = outcome(root)
        cache = Cache(Path(folder) / "cache")
        assert outcome(root, cache) == parsed  # parsed, and memoised when clean
        assert cache.folder is not None
        memos = list(cache.folder.glob("config-*.json")) if cache.folder.exists() else []
        assert len(memos) == (1 if isinstance(parsed, SiteConfig) else 0)  # a config with errors is never memoised
        if not isinstance(parsed, SiteConfig):
            assert outcome(root, cache) == parsed
            return
        real, config_read.read_config = config_read.read_config, None  # type: ignore[assignment]
        try:
            assert outcome(root, Cache(cache.folder)) == parsed  # served from the memo (nothing parsed)
        finally:
            config_read.read_config = real
        assert from_memo(json.loads(json.dumps(to_memo(parsed))), root, str(parsed.read_digest)) == parsed


def test_a_config_is_served_from_its_memo_and_follows_every_edit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "site"
    config = root / "hugokit.yaml"
    write(config, "strict: true\n")
    cache = Cache(tmp_path / "cache")
    parsed = load_config(root, cache)
    assert parsed.strict and parsed == load_config(root, Cache(None))
    with monkeypatch.context() as patched:
        refuse_parsing(patched)
        assert load_config(root, cache) == parsed
    # the same second, the same size, the same modification time: another text, another answer
    before = os.stat(config)
    config.write_text("pages:  true\n", encoding="utf-8")
    os.utime(config, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(config).st_size == before.st_size
    served = load_config(root, cache)
    assert (served.strict, served.pages) == (False, True) and served == load_config(root)
    config.write_text("strict: true\n", encoding="utf-8")  # back: served from the first memo again
    with monkeypatch.context() as patched:
        refuse_parsing(patched)
        assert load_config(root, cache).strict


def test_a_memoised_path_that_now_leads_out_of_the_site_is_reported(tmp_path: Path) -> None:
    """Whether a configured path stays inside the site depends on the file system, not on the
    text: it is checked again on every memo hit, and the full reader reports it."""
    root = tmp_path / "site"
    write(root / "hugokit.yaml", "database: pubs/db.yaml\n")
    (root / "pubs").mkdir()
    cache = Cache(tmp_path / "cache")
    assert load_config(root, cache).database == "pubs/db.yaml"
    (root / "pubs").rmdir()
    (tmp_path / "elsewhere").mkdir()
    (root / "pubs").symlink_to(tmp_path / "elsewhere")
    served, parsed = outcome(root, cache), outcome(root)
    assert served == parsed and not isinstance(parsed, SiteConfig)
    assert "must be a path inside the site" in parsed[1][0][0].message  # type: ignore[index]


@pytest.mark.parametrize("damage", [
    "not json", "[]", '{"code": "x", "value": 1}', None,
    {"values": {"strict": "yes"}, "rule_codes": []}, {"values": {"venue_year_window": True}, "rule_codes": []},
    {"values": {"select": ["a", 1]}, "rule_codes": []}, {"values": {"nope": 1}, "rule_codes": []},
    {"values": {"severity": [["a", "fatal"]]}, "rule_codes": []}, {"values": {"services": [["a"]]}, "rule_codes": []},
    {"values": {}, "rule_codes": [["c", ["p", "1", 1, 0, 1], "w"]]}, {"values": {}, "rule_codes": [["c"]]},
    {"values": {"front_matter_schemas": [["s", [1], []]]}, "rule_codes": []},
])
def test_a_damaged_memo_is_not_used(tmp_path: Path, damage: object) -> None:
    root = tmp_path / "site"
    write(root / "hugokit.yaml", "strict: true\nselect: [no-topics]\n")
    cache = Cache(tmp_path / "cache")
    parsed = load_config(root, cache)
    (memo,) = cache.folder.glob("config-*.json")  # type: ignore[union-attr]
    if isinstance(damage, str):
        memo.write_text(damage, encoding="utf-8")
    else:
        stored = json.loads(memo.read_text(encoding="utf-8"))
        memo.write_text(json.dumps({**stored, "value": damage} if damage is not None else {**stored, "code": "old"}),
                        encoding="utf-8")
    assert load_config(root, cache) == parsed


def test_the_vocabulary_memo_follows_the_texts_parsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A vocabulary replaced by one of equal size and modification time is read anew; a file that
    changed between being hashed and being read is memoised under the text parsed, not the one hashed."""
    site = small_site(tmp_path, monkeypatch, DATABASE)
    topics = site / "data/topics.yaml"
    assert hugokit("check", "--site", site).exit_code == 0
    before = os.stat(topics)
    topics.write_text("- U\n", encoding="utf-8")
    os.utime(topics, ns=(before.st_atime_ns, before.st_mtime_ns))
    run = hugokit("check", "--site", site)
    assert run.exit_code == 1 and "unknown-topic" in run.stdout

    real_read = vocab_module.read_text

    def saved_before_read(path: Path, shown: str) -> str:
        if path.resolve() == topics.resolve():
            topics.write_text("- W\n", encoding="utf-8")  # after it was hashed for the memo's key, before it is read
        return real_read(path, shown)

    write(topics, "- V\n")
    monkeypatch.setattr(vocab_module, "read_text", saved_before_read)
    assert 'topic "W"' in hugokit("check", "--site", site).stdout
    monkeypatch.setattr(vocab_module, "read_text", real_read)
    write(topics, "- V\n")  # the text first hashed: the memo of "- W" must not be served for it
    fresh = hugokit("check", "--site", site, "--no-cache")
    assert 'topic "V"' in fresh.stdout
    assert (hugokit("check", "--site", site).stdout, fresh.exit_code) == (fresh.stdout, 1)
