"""Hostile inputs, generated per category: what an attacker, a broken editor or a bad export
would hand hugokit. Each is (name, bytes)."""
from __future__ import annotations

import json
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
Inputs = list[tuple[str, bytes]]

ENTRY = '- {title: "Alpa", year: 2022, venue: OSDI 2022, authors: [A B], topics: [T]}\n'
# Strings that try to break out of YAML, the shortcode, HTML, a URL or the terminal.
INJECTIONS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "javascript:alert(1)",
              " JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>", '{{< publication >}}', ">}}",
              "{{% x %}}", "\\", '\\"', "`", "'", "\x1b[31mred", "\u202eevil", "a\u2028b", "\x00", "\ufeff",
              "%s%n", "../../etc/passwd", "&emsp;", "### 1999", "---", "<!--", "]]>", "\r\n- injected: 1"]


def _yaml(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def yaml_databases() -> Inputs:
    laughs = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))
    out: Inputs = [
        ("empty", b""), ("only a comment", b"# nothing\n"), ("null", b"null\n"), ("a scalar", b"7\n"),
        ("a mapping", b"title: A\nyear: 2020\n"), ("billion laughs", _yaml(laughs)),
        ("billion laughs as entries", _yaml("- &a {title: A, year: 2020, authors: [x, x, x]}\n" +
                                            "".join(f"- *a\n" for _ in range(2000)))),
        ("deep flow nesting", _yaml("- " + "[" * 20_000 + "]" * 20_000 + "\n")),
        ("deep block nesting", _yaml("".join("  " * i + "- \n" for i in range(2000)))),
        ("byte-order mark and CRLF", _yaml("\ufeff" + ENTRY.replace("\n", "\r\n"))),
        ("UTF-16", ENTRY.encode("utf-16")), ("invalid UTF-8", b"- {title: \"\xff\xfe\", year: 2020}\n"),
        ("NUL byte", b"- {title: \"A\x00\", year: 2020}\n"), ("tabs", b"-\t{title: A, year: 2020}\n"),
        ("huge year", _yaml(f"- {{title: A, year: {'9' * 5000}}}\n")),
        ("sexagesimal year", b"- {title: A, year: 33:40}\n"), ("hex year", b"- {title: A, year: 0x7e4}\n"),
        ("underscored year", b"- {title: A, year: 2_020}\n"), ("float year", b"- {title: A, year: 2020.5}\n"),
        ("negative year", b"- {title: A, year: -1}\n"), ("infinite year", b"- {title: A, year: .inf}\n"),
        ("python tag", b"- !!python/object/apply:os.system [echo hi]\n"),
        ("binary tag", b"- {title: !!binary aGVsbG8=, year: 2020}\n"),
        ("merge key", b"- &a {title: A, year: 2020}\n- {<<: *a, title: B}\n"),
        ("duplicate keys", b"- {title: A, title: B, year: 2020}\n"),
        ("undefined alias", b"- *nowhere\n"), ("two documents", _yaml(ENTRY + "---\n" + ENTRY)),
        ("two entries on one line", b'[{title: A, year: 2020, id: k}, {title: a, year: 2020, id: k}]\n'),
        ("empty title", b'- {title: "", year: 2020}\n'), ("title a list", b"- {title: [A], year: 2020}\n"),
        ("links a list", b"- {title: A, year: 2020, links: [x]}\n"),
        ("links nested", b"- {title: A, year: 2020, links: {paper: {url: x}}}\n"),
        ("long value", _yaml(f'- {{title: "{"x" * 200_000}", year: 2020}}\n')),
        ("many entries", _yaml("".join(f'- {{title: "P{i}", year: 2020}}\n' for i in range(3000)))),
        ("lone surrogate escape", b'- {title: "\\ud800", year: 2020}\n'),
        ("line separators", _yaml('- {title: "a\u2028b\u0085c", year: 2020}\n')),
        ("unclosed quote", b'- {title: "A, year: 2020}\n'), ("unclosed flow", b"- {title: A, year: 2020\n"),
    ]
    for i, value in enumerate(INJECTIONS):
        quoted = json.dumps(value)
        out.append((f"injection {i} in every field", _yaml(
            f"- {{id: {quoted}, title: {quoted}, year: 2020, venue: {quoted}, authors: [{quoted}], award: {quoted}, "
            f"topics: [{quoted}], doi: {quoted}, arxiv: {quoted}, abstract: {quoted}, keywords: [{quoted}], "
            f"links: {{paper: {quoted}, code: {quoted}, project: {quoted}, slides: {quoted}, {quoted}: {quoted}}}}}\n")))
    return out


def bibtex_sources() -> Inputs:
    chain = ['@string{m0 = "xxxxxxxxxxxxxxxx"}'] + [f"@string{{m{i} = m{i - 1} # m{i - 1}}}" for i in range(1, 40)]
    return [
        ("empty", b""), ("binary", bytes(range(256))), ("string doubling chain",
                                                        ("\n".join(chain) + "\n@article{k, title = m39, year = 2020}\n").encode()),
        ("many macro references", ("@string{m = \"" + "x" * 90_000 + "\"}\n@article{k, title = " +
                                   " # ".join(["m"] * 200) + ", year = 2020}\n").encode()),
        ("unclosed brace", b"@article{k, title = {A, year = 2020}\n"), ("no key", b"@article{title = {A}}\n"),
        ("huge year", f"@article{{k, title = {{A}}, year = {'9' * 5000}}}\n".encode()),
        ("unicode digits year", "@article{k, title = {A}, year = {٢٠٢٠}}\n".encode()),
        ("deep braces", ("@article{k, title = " + "{" * 3000 + "A" + "}" * 3000 + ", year = 2020}\n").encode()),
        ("undefined macro", b"@article{k, title = nowhere, year = 2020}\n"),
        ("duplicate fields", b"@article{k, title = {A}, title = {B}, year = 2020}\n"),
        ("duplicate keys", b"@article{k, title = {A}, year = 2020}\n@article{k, title = {B}, year = 2021}\n"),
        ("comment and preamble", b"@comment{x}\n@preamble{\"\\x\"}\n@article{k, title = {A}, year = 2020}\n"),
        ("latex accents", b"@article{k, title = {Schr\\\"odinger \\'e \\c{c} \\ss}, year = 2020}\n"),
        ("bad latex", b"@article{k, title = {\\\\}, year = 2020}\n"),
        ("key with spaces", b"@article{a b, title = {A}, year = 2020}\n"),
        ("injection", b'@article{k, title = {<script>alert(1)</script>}, url = {javascript:alert(1)}, year = 2020}\n'),
        ("latin-1", "@article{k, title = {Caf\xe9}, year = 2020}\n".encode("latin-1")),
        ("year range", b"@article{k, title = {A}, year = {2020--2021}}\n"),
        ("no entries", b"just some text\n"),
        # Files nobody here wrote (their sources are noted in tests/fixtures), and as a Windows
        # editor would save them.
        ("real-world", (FIXTURES / "real-world.bib").read_bytes()),
        ("real-world, BOM and CRLF", b"\xef\xbb\xbf" + (FIXTURES / "real-world.bib").read_bytes()
         .replace(b"\n", b"\r\n")),
    ]


def json_sources() -> Inputs:
    return [
        ("empty", b""), ("not a list", b'{"title": "A"}'), ("null", b"null"),
        ("deep nesting", b"[" * 20_000 + b"]" * 20_000), ("huge number", f'[{{"title": "A", "year": {"9" * 5000}}}]'.encode()),
        ("1e400", b'[{"title": "A", "year": 1e400}]'), ("NaN", b'[{"title": "A", "year": NaN}]'),
        ("year a string", b'[{"title": "A", "year": "2020"}]'), ("year a float", b'[{"title": "A", "year": 2020.0}]'),
        ("duplicate keys", b'[{"title": "A", "title": "B", "year": 2020}]'),
        ("null entry", b"[null, 1, \"x\", []]"), ("object title", b'[{"title": {"a": 1}, "year": 2020}]'),
        ("escaped NUL", b'[{"title": "A\\u0000", "year": 2020}]'),
        ("lone surrogate", b'[{"title": "\\ud800", "year": 2020}]'),
        ("surrogate pair", b'[{"title": "\\ud83d\\ude00", "year": 2020}]'),
        ("trailing comma", b'[{"title": "A", "year": 2020},]'), ("invalid UTF-8", b'[{"title": "\xff", "year": 2020}]'),
        ("unknown field", b'[{"title": "A", "year": 2020, "colour": "red"}]'),
        ("injection", json.dumps([{"title": s, "year": 2020, "url": s, "venue": s} for s in INJECTIONS]).encode()),
        ("duplicates", b'[{"title": "A", "year": 2020}, {"title": "a", "year": 2020}]'),
    ]


_PARAMS = 'venue="V" paperLink="" codeLink="" award="" project="" data-topic="T"'


def shortcode_pages() -> Inputs:
    front = "---\ntitle: x\n---\n\n### 2020\n\n"
    entry = f'{{{{< publication title="A" {_PARAMS} >}}}}\nA B\n{{{{< /publication >}}}}\n\n&emsp;\n'
    return [
        ("empty", b""), ("front-matter only", b"---\ntitle: x\n---\n"), ("broken front-matter", b"---\ntitle: [\n---\n"),
        ("unclosed front-matter", b"---\ntitle: x\n"), ("byte-order mark and CRLF", ("\ufeff" + front + entry).replace("\n", "\r\n").encode()),
        ("no year heading", (f'{{{{< publication title="A" {_PARAMS} >}}}}\nA\n{{{{< /publication >}}}}\n').encode()),
        ("bad heading", (front.replace("2020", "20x0") + entry).encode()),
        ("huge heading", (front.replace("2020", "9" * 5000) + entry).encode()),
        ("the seed page", (FIXTURES / "seed-publications.md").read_bytes()),
        ("the seed page, BOM and CRLF", b"\xef\xbb\xbf" + (FIXTURES / "seed-publications.md").read_bytes()
         .replace(b"\n", b"\r\n")),
        ("unterminated shortcode", (front + '{{< publication title="A\nA\n').encode()),
        ("missing close", (front + f'{{{{< publication title="A" {_PARAMS} >}}}}\nA B\n').encode()),
        ("nested shortcodes", (front + f'{{{{< publication title="{{{{< x >}}}}" {_PARAMS} >}}}}\nA\n'
                               "{{< /publication >}}\n").encode()),
        ("unknown parameter", (front + entry.replace('venue="V"', 'venue="V" onclick="x"')).encode()),
        ("backquoted values", (front + entry.replace('title="A"', "title=`A \\\" B`")).encode()),
        ("empty title", (front + entry.replace('title="A"', 'title=""')).encode()),
        ("injection", (front + entry.replace('title="A"', 'title="<script>alert(1)</script>"')
                       .replace('paperLink=""', 'paperLink="javascript:alert(1)"')).encode()),
        ("invalid UTF-8", front.encode() + b"\xff\xfe\n"), ("binary", bytes(range(256))),
    ]


def publication_pages() -> Inputs:
    """One page of a Hugo Blox bundle or academicpages, front-matter and all."""
    def page(front: str) -> bytes:
        return f"---\n{front}---\nBody.\n".encode("utf-8", "surrogatepass")

    laughs = ("a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
              "c: &c [*b, *b, *b, *b, *b, *b, *b, *b]\n")
    return [
        ("plain", page('title: "A"\ndate: 2020-01-01\npublication: "OSDI"\nauthors: [A B]\n')),
        ("no front-matter", b"Just text.\n"), ("empty", b""), ("unclosed", b"---\ntitle: A\n"),
        ("billion laughs", page(laughs + "title: A\nauthors: *c\ndate: 2020-01-01\n")),
        ("impossible date", page("title: A\ndate: 2020-13-45\npublication: X\n")),
        ("huge year date", page(f"title: A\ndate: {'9' * 5000}-01-01\npublication: X\n")),
        ("date a list", page("title: A\ndate: [2020]\npublication: X\n")),
        ("authors a mapping", page("title: A\ndate: 2020-01-01\nauthors: {a: b}\n")),
        ("injection", page('title: "<script>alert(1)</script>"\ndate: 2020-01-01\npublication: X\n'
                           'url_pdf: "javascript:alert(1)"\nauthors: ["{{< x >}}"]\n')),
        ("byte-order mark and CRLF", b"\xef\xbb\xbf" + page('title: "A"\ndate: 2020-01-01\npublication: X\n')
         .replace(b"\n", b"\r\n")),
        ("python tag", page("title: !!python/object/apply:os.system [echo]\ndate: 2020-01-01\n")),
        ("invalid UTF-8", b"---\ntitle: \xff\ndate: 2020-01-01\n---\n"),
    ]


def configs() -> Inputs:
    return [(name, text.encode()) for name, text in [
        ("empty", ""), ("a list", "- x\n"), ("unknown key", "colour: red\n"), ("page empty", 'page: ""\n'),
        ("page outside", "page: ../../x.md\n"), ("page absolute", "page: /tmp/x.md\n"),
        ("page is the database", "page: data/publications.yaml\n"), ("page is the config", "page: hugokit.yaml\n"),
        ("page is hugo.toml", "page: hugo.toml\n"), ("pages_dir root", "pages_dir: /\n"), ("pages_dir empty", 'pages_dir: ""\n'),
        ("pages_dir data", "pages_dir: data\n"), ("database outside", "database: ../db.yaml\n"),
        ("database is the config", "database: hugokit.yaml\n"), ("database a folder", "database: data\n"),
        ("page a folder", "page: content\n"), ("strict a string", "strict: yes please\n"),
        ("huge window", f"venue_year_window: {'9' * 5000}\n"), ("hex window", "venue_year_window: 0x10\n"),
        ("unknown rule", "select: [no-such-rule]\n"), ("front-matter with ---", "front_matter: |\n  a: 1\n  ---\n"),
        ("billion laughs", "a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
                           "c: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nselect: [*c, *c, *c, *c, *c, *c, *c, *c]\n"),
        ("bad severity", "severity: {no-topics: fatal}\n"), ("nul", "page: \"a\\0b\"\n"),
    ]]


def cache_files() -> Inputs:
    return [(name, text.encode("utf-8", "surrogateescape")) for name, text in [
        ("a list", "[]"), ("null", "null"), ("an object", "{}"), ("a string", '"x"'), ("truncated", '{"code": "'),
        ("binary", "\udcff\udcfe\x00"), ("wrong types", '{"code": 1, "content": {}, "files": []}'),
        ("bad digest type", '{"code": "x", "content": [], "files": {"data/publications.yaml": 7}}'),
        ("bad payload", '{"code": "x", "content": [], "files": {}, "payload": {"diagnostics": [{"severity": "fatal"}]}}'),
        ("empty snapshot", '{"hugokit": "0.1.0", "sha256": "0", "entries": []}'),
    ]]


def site_paths() -> list[str]:
    return ["", "/proc/self", "/dev/null", "/nonexistent/site", "/etc/hostname", "\x00"]
