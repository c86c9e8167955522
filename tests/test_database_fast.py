"""The reader of the database's common shape (hugokit.database_fast) against the full reader:
whenever it reads a text, it gives exactly what the full reader gives — the same entries, values,
positions (line, column, offsets) and no diagnostic — and it reads the shapes it is for. Every
database goes to it first (hugokit.database.parse_database), so every database's result,
diagnostics included, is held to the full reader's here."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from hugokit import database, database_full
from hugokit.database_fast import read_common
from hugokit.diagnostics import InputError
from hugokit.model import Publication
from hugokit.render.database_yaml import render_database
from test_roundtrip_property import database_publications

REPO = Path(__file__).resolve().parent.parent


def _full(text: str) -> tuple[list[Publication], list[object]] | str:
    try:
        db, diagnostics = database_full.parse_composed(text, "data/publications.yaml")
    except InputError as exc:
        return f"InputError {exc.diagnostics}"
    return db.checked(), list(diagnostics)


def _state(pub: Publication) -> tuple[object, ...]:
    return pub.fields(), list(pub.where.items()), pub.broken


def agrees(text: str) -> bool:
    """Asserts that the common-shape reader, if it reads text, gives what the full reader gives;
    returns whether it read it."""
    fast = read_common(text, "data/publications.yaml")
    if fast is None:
        return False
    full = _full(text)
    assert not isinstance(full, str), (text, full)
    entries, diagnostics = full
    assert diagnostics == [], text
    assert [_state(p) for p in fast] == [_state(p) for p in entries], text
    return True


# Pieces of YAML lines: well-formed ones, and every kind of near miss.
_word = st.sampled_from(["a", "OSDI 2022", "Ana Díaz", "O'Brien", "yes", "no", "null", "~", "2024", "02024", "2_024",
                         "0x7e4", "1.5", "2024-05-01", "2024-13", "-x", "x:y", "x: y", "a, b", "a #b", "C#", "*a",
                         "&a", "!t", "|", ">", "'", '"', "@x", "`x`", "%x", "?x", "[x]", "{x}", "<<", "=", " a", "a ",
                         "", "é", "李", "x\ty", "\u2028", "\x85", "\ufeff", "a\\b", "Ж", "true", "On", ".5", "+1"])
_text = st.one_of(_word, st.text(st.sampled_from("ab :#,'\"\\[]{}-é\t"), max_size=8))


@st.composite
def _scalar(draw: st.DrawFn) -> str:
    word = draw(_text)
    style = draw(st.sampled_from(["plain", "double", "single", "json"]))
    if style == "double":
        return f'"{word}"'
    if style == "single":
        return f"'{word}'"
    if style == "json":
        import json

        return json.dumps(word, ensure_ascii=draw(st.booleans()))
    return word


@st.composite
def _value(draw: st.DrawFn) -> str:
    shape = draw(st.sampled_from(["scalar", "list", "map", "odd"]))
    separator = draw(st.sampled_from([", ", ", ", ", ", ",", " ,", ",  "]))
    if shape == "list":
        return "[" + separator.join(draw(st.lists(_scalar(), max_size=4))) + "]"
    if shape == "map":
        pairs = draw(st.lists(st.tuples(_scalar(), _scalar()), max_size=3))
        colon = draw(st.sampled_from([": ", ": ", ":", " : "]))
        return "{" + separator.join(f"{k}{colon}{v}" for k, v in pairs) + "}"
    if shape == "odd":
        return draw(st.sampled_from(["", "|", ">-", "[a, [b]]", "{a: {b: c}}", "[a", "a]", "&x a", "*x", "!!str a",
                                     "[]", "{}", '"a" # c', "a  # c", "- x", "? x"]))
    return draw(_scalar())


_KEYS = ["authors", "venue", "links", "topics", "award", "date", "doi", "abstract", "editors", "keywords", "id",
         "arxiv", "colour", "Title", "title", "year"]
_LISTS = ("authors", "topics", "editors", "keywords")
_TEXTS = ("title", "venue", "award", "doi", "abstract", "id", "arxiv")
# Mostly words a plain scalar may be; quoted (half the time), any text with these characters.
_safe_word = st.one_of(st.from_regex(r"[A-Za-z0-9éü李Ж][A-Za-z0-9 éü李Ж'.*()†:/#-]{0,8}[A-Za-z.)*†]", fullmatch=True),
                       st.text(st.sampled_from("ab éü'.-*†()&!?%@:,#\"\\[]{}"), min_size=1, max_size=10))


def _now_and_then(draw: st.DrawFn) -> bool:
    """True about one time in 40 (not at 0 or 39: Hypothesis favours the ends of a range)."""
    return draw(st.integers(0, 39)) == 17


@st.composite
def _good_value(draw: st.DrawFn, key: str) -> str:
    """A value of the key's kind, written as a person or hugokit would: mostly readable."""
    import json

    def scalar() -> str:
        word = draw(_word) if draw(st.integers(0, 9)) == 7 else draw(_safe_word)
        return json.dumps(word, ensure_ascii=False) if draw(st.booleans()) else word

    if key == "year":
        return str(draw(st.integers(990, 2100)))
    if key == "date":
        return draw(st.sampled_from(["2024", "2024-05", "2024-05-01", '"2024-05"', "2024-5", "2024-02-30"]))
    if key in _LISTS:
        return "[" + ", ".join(scalar() for _ in range(draw(st.integers(0, 4)))) + "]"
    if key == "links":
        kinds = draw(st.lists(st.sampled_from(["paper", "code", "slides", "on", "x y", "a:b"]), max_size=3))
        return "{" + ", ".join(f"{kind}: {scalar()}" for kind in kinds) + "}"
    return scalar()


# A line of a block scalar: any character but a space may start or end it.
_block_word = st.from_regex(r"[A-Za-z0-9éü李Ж#\-\[{'\"*&!|>%@`][A-Za-z0-9 éü李Ж'\".,*()†:/#{}\[\]-]{0,12}[A-Za-z.)*†:#\]]",
                            fullmatch=True)


@st.composite
def _block(draw: st.DrawFn, key: str) -> str:
    """A literal or folded block scalar as a field's value (with its lines, each indented in
    full), now and then with what makes it another shape: a header of another kind, lines more or
    less indented, blank lines of spaces, a comment, trailing spaces."""
    header = draw(st.sampled_from([">", ">-", "|", "|-"])) if not _now_and_then(draw) else \
        draw(st.sampled_from([">+", "|+", "|2", ">-  ", "> # c", ">1-", "|-2"]))
    indent = 4 if not _now_and_then(draw) else draw(st.sampled_from([2, 3, 5, 8]))
    body = []
    for _ in range(draw(st.integers(0 if _now_and_then(draw) else 1, 5))):
        kind = draw(st.integers(0, 11))
        if kind == 0:
            body.append("")
        elif kind == 1 and _now_and_then(draw):
            body.append(" " * draw(st.integers(1, 6)))
        elif kind == 2 and _now_and_then(draw):
            body.append(" " * (indent + draw(st.integers(1, 3))) + draw(_safe_word))
        elif kind == 3 and _now_and_then(draw):
            body.append(" " * draw(st.integers(0, indent - 1)) + draw(st.sampled_from(["# c", "x", "a: b", "- y"])))
        else:
            word = draw(_block_word) if draw(st.integers(0, 9)) else \
                draw(st.one_of(_safe_word, _word, st.sampled_from(["a # b", "k: v", "# not a comment", "- x", "[x"])))
            body.append(" " * indent + word)
    return f"{key}: {header}" + "".join("\n" + line for line in body)


@st.composite
def _block_list(draw: st.DrawFn, key: str) -> str:
    """A block list (or, for links, mapping) as a field's value (its lines each indented in full,
    at 2 or 4), now and then with what makes it another shape: items at two indentations, a
    comment or blank line among them, an item that is a list or mapping itself, no item at all."""
    indent = draw(st.sampled_from([2, 4])) if not _now_and_then(draw) else draw(st.sampled_from([0, 1, 3, 6]))
    items = []
    for _ in range(draw(st.integers(0 if _now_and_then(draw) else 1, 4))):
        if _now_and_then(draw):
            items.append(draw(st.sampled_from(["", "# c", " " * indent + "# c", " " * (indent + 2) + "- x",
                                               " " * indent + "- - x", " " * indent + "- a: b", " " * indent + "-",
                                               " " * indent + "- x  # c", " " * indent + "- [x]", "      more"])))
        else:
            word = draw(_good_value("venue")) if draw(st.integers(0, 5)) else draw(_scalar())
            name = draw(st.sampled_from(["paper", "code", "paper", "x y", "on", "Slides", "a:b"])) + ": " \
                if key == "links" else "- "
            items.append(" " * indent + name + word)
    return f"{key}:" + "".join("\n" + line for line in items)


@st.composite
def _line(draw: st.DrawFn, key: str) -> str:
    if draw(st.integers(0, 5)) == 3 and (key in _TEXTS or _now_and_then(draw)):
        return draw(_block(key))
    if draw(st.integers(0, 3)) == 1 and (key in _LISTS or key == "links" or _now_and_then(draw)):
        return draw(_block_list(key))
    value = draw(_value()) if _now_and_then(draw) else draw(_good_value(key))
    colon = ": " if not _now_and_then(draw) else draw(st.sampled_from([":", ":  "]))
    end = "" if not _now_and_then(draw) else draw(st.sampled_from([" ", "  # note", "\r"]))
    return f"{key}{colon}{value}{end}"


@st.composite
def _database(draw: st.DrawFn) -> str:
    """Entries mostly in the common shape, each line with a small chance of a near miss."""
    lines = []
    for _ in range(draw(st.integers(0, 3))):
        keys = ["title", "year"] + draw(st.lists(st.sampled_from(_KEYS[:-4]), max_size=5, unique=True))
        if _now_and_then(draw):
            keys.append(draw(st.sampled_from(_KEYS[-4:])))  # unknown, or twice
        keys = draw(st.permutations(keys))
        body = [draw(_line(key)) for key in keys]
        lead = "- " if not _now_and_then(draw) else draw(st.sampled_from(["-  ", "-", "  - "]))
        lines.append(lead + body[0])
        for line in body[1:]:
            lines.append(("  " if not _now_and_then(draw) else draw(st.sampled_from(["   ", " ", "    "]))) + line)
        if draw(st.booleans()):
            lines.append(draw(st.sampled_from(["", "# a comment", "  # indented", "   ", "", "# b", "---", "x: y"])))
    return (draw(st.sampled_from(["\ufeff", "%YAML 1.1\n---\n"])) if _now_and_then(draw) else "# header\n") + "\n".join(lines) + \
        draw(st.sampled_from(["\n", "", "\n\n# end\n"]))


@settings(max_examples=1500, deadline=None)
@given(_database())
def test_on_generated_yaml_it_reads_only_what_the_full_reader_reads_the_same(text: str) -> None:
    agrees(text)


@settings(max_examples=1000, deadline=None)
@given(_database())
def test_every_database_gets_the_full_readers_entries_and_diagnostics(text: str) -> None:
    """parse_database (the common-shape reader first) against the full reader alone, on broken
    files too: the same entries, the same diagnostics (file, line, column, message, hint, fix),
    the same syntax error."""
    def outcome(parse: object) -> object:
        try:
            db, diagnostics = parse(text, "data/publications.yaml")  # type: ignore[operator]
        except InputError as exc:
            return "InputError", exc.diagnostics
        return ([_state(p) for p in db.publications], [_state(p) for p in db.checked()],
                [(d, d.fix) for d in diagnostics])

    assert outcome(database.parse_database) == outcome(database_full.parse_composed)


def test_block_lists_are_read_as_the_full_reader_reads_them() -> None:
    """Lists (and links) written one item a line, as people write them by hand: indented under their key or
    not (compact), before another key, another entry (after a blank line and a comment) or the
    file's end, items plain or quoted, with `, ` and brackets inside."""
    text = ("- title: A\n"
            "  authors:\n"
            "    - Ana Díaz\n"
            '    - "Bo Li*"\n'
            "    - O'Brien, Jr.\n"
            "  year: 2024\n"
            "  topics:\n"
            "  - Systems [for ML]\n"
            "  - 'a: b'\n"
            "\n"
            "# the next one\n"
            "- keywords:\n"
            "  - k\n"
            "  title: B\n"
            "  year: 2020\n"
            "  links:\n"
            "    paper: https://example.org/b.pdf\n"
            '    code: "https://github.com/example/b"\n'
            "  editors:\n"
            "    - E. Ditor")
    assert agrees(text)
    assert agrees(text + "\n")
    assert agrees(text + "\n\n  # trailing\n")
    pubs = read_common(text, "data/publications.yaml")
    assert pubs is not None and pubs[0].authors == ["Ana Díaz", "Bo Li*", "O'Brien, Jr."]
    assert pubs[1].links == {"paper": "https://example.org/b.pdf", "code": "https://github.com/example/b"}
    assert pubs[0].where["topics"][1:] == (8, 3, text.index("  - Systems") + 2, text.index("- keywords"))  # (the next token)
    # Near misses go to the full reader: a comment among the items, two indentations, no item,
    # a link kind twice.
    for odd in ("    # c\n    - y\n", "      - y\n", "  - y\n"):
        assert read_common(text.replace("    - E. Ditor", "    - x\n" + odd.rstrip("\n")), "data/publications.yaml") is None
    assert read_common("- title: A\n  year: 2024\n  authors:\n", "data/publications.yaml") is None
    assert read_common(text.replace("    code:", "    paper:"), "data/publications.yaml") is None


def test_block_scalars_are_read_as_the_full_reader_reads_them() -> None:
    """Literal and folded, clipped and stripped, with blank lines inside and after, a comment
    after the block, the block as an entry's last field or the file's last line."""
    text = ("- title: A\n"
            "  abstract: >-\n"
            "    Folded # not a comment\n"
            "    onto: one line.\n"
            "\n"
            "    A new paragraph.\n"
            "\n"
            "\n"
            "  year: 2024\n"
            "  award: |\n"
            "    Best\n"
            "    Paper\n"
            "# a comment\n"
            "- title: B\n"
            "  year: 2023\n"
            "  abstract: >\n"
            "    Last.\n")
    assert agrees(text)
    first, second = read_common(text, "p") or []
    assert first.abstract == "Folded # not a comment onto: one line.\nA new paragraph."
    assert (first.award, second.abstract) == ("Best\nPaper\n", "Last.\n")
    for other in ("      more indented\n", "  \n", "\tTab\n"):  # another shape: left to the full reader
        assert read_common(text.replace("    Paper\n", "    Paper\n" + other), "p") is None


def test_the_example_site_is_read_without_composing_nodes() -> None:
    """Not vacuous: the example site's database (hand-written, a folded abstract in it) is read
    by the common-shape reader, the same as by the full reader."""
    assert agrees((REPO / "examples/site/data/publications.yaml").read_text(encoding="utf-8"))


@settings(max_examples=300, deadline=None)
@given(st.lists(database_publications(), min_size=1, max_size=5))
def test_what_hugokit_writes_reads_the_same(publications: list[Publication]) -> None:
    agrees(render_database(publications))


def test_it_reads_the_common_shapes() -> None:
    """Not vacuous: hugokit's own output and hand-written entries in the same shape are read,
    with their comments, quotes of both kinds and escaped quotes."""
    text = ("# The publication database\n"
            "- title: \"A \\\"quoted\\\" title\"\n"
            "  authors: [Ana Díaz*, \"Bo, Jr.\", O'Brien]\n"
            "  year: 2024\n"
            "  date: 2024-05\n"
            "  venue: OSDI 2024 (Best Paper)\n"
            "  links: {paper: \"https://x.org/a.pdf#page=2\", code: \"https://github.com/a/b\"}\n"
            "\n"
            "# older work\n"
            "- title: 'It''s plain'\n"
            "  year: 1999\n"
            "  topics: []\n"
            "  abstract: Ends with C#, and has [brackets] and {braces}: fine\n")
    assert read_common(text, "p") is None  # `: ` in a plain scalar is the full reader's to judge
    text = text.replace("{braces}: fine", "{braces} fine").replace(', "Bo, Jr."', "")
    assert agrees(text)
    (first, second) = read_common(text, "p") or []
    assert first.title == 'A "quoted" title' and first.authors == ["Ana Díaz*", "O'Brien"] and second.topics == []
    url_at = text.index("\"https://github")  # the node starts at its quote and ends after the closing one
    assert first.where["links.code"] == ("p", 7, url_at - text.rindex("\n", 0, url_at), url_at, url_at + 24)


def test_the_required_fields_are_the_ones_it_checks_for() -> None:
    from hugokit.model import FIELDS

    assert [spec.name for spec in FIELDS if spec.required] == ["title", "year"]  # see database_fast._finish


def _repository_databases() -> list[str]:
    listed = subprocess.run(["git", "ls-files", "*publications.yaml", "*publications.yml"], cwd=REPO,
                            capture_output=True, text=True, check=True).stdout.split()
    return sorted(listed)


@pytest.mark.parametrize("relative", _repository_databases())
def test_on_every_database_in_the_repository(relative: str) -> None:
    """The example site, the rule cases (good and bad), the fixtures: read the same, or left to
    the full reader."""
    text = (REPO / relative).read_text(encoding="utf-8")
    agrees(text)


def test_on_databases_imported_from_the_real_corpus(tmp_path: Path) -> None:
    """Real pages, BibTeX and JSON (tests/corpus) imported, written as hugokit writes them, read
    back: every one is read by the common-shape reader and agrees."""
    from hugokit.__main__ import run

    sources = sorted(p for p in (REPO / "tests/corpus").rglob("*") if p.suffix in (".md", ".bib", ".json")
                     and p.name != "README.md")
    read = 0
    for number, source in enumerate(sources):
        site = tmp_path / f"site{number}"
        (site / "data").mkdir(parents=True)
        run(["import", str(source), "--site", str(site), "--partial"])
        written = site / "data/publications.yaml"
        if written.exists():
            read += agrees(written.read_text(encoding="utf-8"))
    assert read >= len(sources) // 2, (read, len(sources))


def test_the_characters_left_to_the_full_reader_are_those_yaml_refuses_or_reads_as_breaks() -> None:
    """Every character but the line feed, printable ASCII and the Unicode ranges YAML reads as
    text (PyYAML's NON_PRINTABLE class, less tab and carriage return, less the line and paragraph
    separators and the byte-order mark); and a printable one is never among them (the reader's
    shortcut)."""
    import re

    from hugokit.database_fast import _UNUSUAL

    allowed = re.compile("[\x0a\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
    unusual = re.compile(_UNUSUAL)
    for code in range(0x110000):
        char = chr(code)
        assert bool(unusual.match(char)) == (not allowed.match(char)), hex(code)
        assert not (char.isprintable() and unusual.match(char)), hex(code)


def test_the_example_site_written_with_block_lists_is_read_the_same() -> None:
    """The example site's database with every flow list and mapping rewritten one item a line
    (as hand-written databases often are) is still read without composing nodes, the same as
    the full reader reads it, and gives the same publications as the flow-style original."""
    import re

    original = (REPO / "examples/site/data/publications.yaml").read_text(encoding="utf-8")

    def blocked(match: re.Match[str]) -> str:
        lead, key, inner = match.groups()
        items = inner.split(", ")
        indent = "    " if key == "links" or len(items) % 2 else "  "  # compact lists too
        return f"{lead}{key}:" + "".join(f"\n{indent}{'' if key == 'links' else '- '}{item}" for item in items)

    rewritten = re.sub(r"^(- |  )(authors|editors|topics|keywords|links): [\[{](.+)[\]}]$", blocked, original,
                       flags=re.M)
    assert rewritten.count("\n") > original.count("\n") + 100
    assert agrees(rewritten)
    fields = [p.fields() for p in read_common(original, "p") or []]
    assert [p.fields() for p in read_common(rewritten, "p") or []] == fields
