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
        # From JabRef's parser tests (JabRef/jabref, .../fileformat/BibtexParserTest.java): entries
        # switched off inside a @Comment block, one of them unclosed.
        ("entries inside a comment", b"@Comment{@article{myarticle,}\n@inproceedings{blabla, title={the proceedings "
                                     b"of bl@bl@}; }\n}\n@article{test,author={Ed von T@st}, title={A}, year=2005}\n"),
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
        *_csl_sources(),
    ]


def _csl_sources() -> Inputs:
    """CSL-JSON items (what the CSL reader takes) with every part of the wrong shape."""
    def item(**fields: object) -> dict[str, object]:
        return {"type": "article-journal", "title": "A", "author": [{"family": "B"}],
                "issued": {"date-parts": [[2020]]}, **fields}

    cases = {
        "names a string": item(author="Ada Lovelace"), "a name a list": item(author=[["B"]]),
        "name parts of wrong types": item(author=[{"family": {"x": 1}, "given": [1], "literal": None}]),
        "issued a string": item(issued="2020"), "date-parts empty": item(issued={"date-parts": []}),
        "date-parts deep": item(issued={"date-parts": [[[[2020]]]]}), "date-parts huge": item(issued={"date-parts": [[10**40]]}),
        "month 13": item(issued={"date-parts": [[2020, 13]]}), "year 0": item(issued={"date-parts": [[0]]}),
        "raw not a date": item(issued={"raw": "someday"}), "title a list of objects": item(title=[{"a": 1}]),
        "title all markup": item(title="<i></i>"), "container a mapping": item(**{"container-title": {"a": 1}}),
        "locator of wrong forms": item(**{"container-title": "J", "volume": "XII", "issue": {"a": 1}, "page": "1-"}),
        "arXiv number empty": item(type="article", number="arXiv:"), "injection in CSL": item(
            title=INJECTIONS[0], **{"container-title": INJECTIONS[1], "URL": INJECTIONS[2], "DOI": INJECTIONS[0]}),
    }
    return [(f"CSL: {name}", json.dumps([value]).encode()) for name, value in cases.items()]


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


# A database refresh has work on: two preprints its recorded answers say were published (one
# flow-style with its arXiv id, one block-style with an arXiv paper link and a DOI to ask Crossref).
REFRESHABLE = ENTRY + '''- {title: "Online Speculative Decoding", year: 2023, venue: Preprint 2023, authors: [X Liu], topics: [T], arxiv: "2310.07177"}
# a comment refresh keeps
- title: "Efficient Detection of LLM-generated Texts with a Bayesian Surrogate Model"
  year: 2023
  venue: Preprint 2023
  authors: [Z Deng]
  links:
    paper: https://arxiv.org/abs/2305.16617
  topics: [T]
'''


def refreshable_databases() -> Inputs:
    """REFRESHABLE as editors save it: what refresh --write and add edit in place."""
    lf = REFRESHABLE.encode()
    return [("plain", lf), ("byte-order mark", b"\xef\xbb\xbf" + lf), ("CRLF", lf.replace(b"\n", b"\r\n")),
            ("byte-order mark and CRLF", b"\xef\xbb\xbf" + lf.replace(b"\n", b"\r\n")),
            ("no final line break", lf.rstrip(b"\n")),
            ("empty values", lf.replace(b"  year: 2023\n", b'  year: 2023\n  doi: ""\n')),
            ("links block last", lf.replace(b"  links:\n    paper: https://arxiv.org/abs/2305.16617\n  topics: [T]\n",
                                            b"  topics: [T]\n  links:\n    paper: https://arxiv.org/abs/2305.16617\n")),
            ("the list indented", b"".join(b"  " + line for line in lf.splitlines(keepends=True)))]


# (name, path prefix, status, body, headers, delay): what a service, a proxy or an attacker in
# between may answer. The client is configured with timeout 1 s and no retries.
Answer = tuple[str, str, int, bytes, dict[str, str], float]
_FEED = (FIXTURES / "sources/arxiv/2310.07177.atom").read_text()
_SEARCH = (FIXTURES / "sources/dblp/online-speculative-decoding.json").read_text()
_WORK = (FIXTURES / "sources/crossref/10.18653_v1_2024.findings-acl.366.json").read_text()
_XML_BOMB = ('<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY a "aaaaaaaaaa">'
             + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
             + ']><feed xmlns="http://www.w3.org/2005/Atom"><title>&i;</title></feed>')
_XXE = ('<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        + _FEED.split("?>", 1)[1].replace("Online Speculative Decoding</title>", "&x;</title>"))


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def service_answers() -> list[Answer]:
    json_type, xml_type, html_type = ({"Content-Type": t} for t in ("application/json", "application/atom+xml",
                                                                   "text/html"))
    out: list[Answer] = []
    for prefix, good, kind in (("/arxiv/", _FEED, xml_type), ("/dblp/", _SEARCH, json_type),
                               ("/crossref/", _WORK, json_type)):
        out += [
            ("empty body", prefix, 200, b"", kind, 0.0), ("login page", prefix, 200,
                                                          b"<html><body>Sign in to the Wi-Fi</body></html>", html_type, 0.0),
            ("500", prefix, 500, b"Internal Server Error", {}, 0.0), ("404 page", prefix, 404, b"<h1>404</h1>", html_type, 0.0),
            ("429 for a day", prefix, 429, b"slow down", {"Retry-After": "86400"}, 0.0),
            ("truncated", prefix, 200, good[: len(good) // 2].encode(), kind, 0.0),
            ("invalid UTF-8", prefix, 200, good.encode().replace(b"Online", b"On\xff\xfeline"), kind, 0.0),
            ("NUL bytes", prefix, 200, good.replace("Decoding", "Deco\x00ding").encode(), kind, 0.0),
            ("too slow", prefix, 200, good.encode(), kind, 1.5),
            ("redirect to a closed port", prefix, 302, b"", {"Location": "http://127.0.0.1:9/"}, 0.0),
            ("redirect loop", prefix, 302, b"", {"Location": prefix + "loop"}, 0.0),
            ("5 MB of spaces", prefix, 200, good.encode() + b" " * 5_000_000, kind, 0.0),
            ("unknown charset", prefix, 200, good.encode(), {"Content-Type": kind["Content-Type"] + "; charset=x-none"},
             0.0),
        ]
        for i, value in enumerate(("<script>alert(1)</script>", "javascript:alert(1)", "\x1b[31mred\u202e", "9" * 5000)):
            if prefix == "/arxiv/":
                body = (_FEED.replace("Proceedings of the 41st", _escaped(value))
                        .replace("<published>2023", f"<published>{_escaped(value)}"))
            elif prefix == "/dblp/":
                body = (_SEARCH.replace('"venue": "ICML"', f'"venue": {json.dumps(value)}')
                        .replace("https://proceedings.mlr.press/v235/liu24y.html", json.dumps(value)[1:-1]))
            else:
                body = (_WORK.replace('"URL":"https:\\/\\/aclanthology.org\\/2024.findings-acl.366"', f'"URL":{json.dumps(value)}')
                        .replace('"container-title":["Findings', f'"container-title":[{json.dumps(value)[:-1]} Findings'))
            out.append((f"injection {i}", prefix, 200, body.encode(), kind, 0.0))
    deep = b"[" * 100_000 + b"]" * 100_000
    out += [("XML entity bomb", "/arxiv/", 200, _XML_BOMB.encode(), xml_type, 0.0),
            ("XML external entity", "/arxiv/", 200, _XXE.encode(), xml_type, 0.0),
            ("a feed of errors", "/arxiv/", 200, _FEED.replace("http://arxiv.org/abs/2310.07177v4",
                                                              "http://arxiv.org/api/errors#x").encode(), xml_type, 0.0),
            ("entry without id", "/arxiv/", 200, _FEED.replace("<id>http://arxiv.org/abs/2310.07177v4</id>", "")
             .encode(), xml_type, 0.0),
            ("deep JSON", "/dblp/", 200, deep, json_type, 0.0), ("deep JSON", "/crossref/", 200, deep, json_type, 0.0),
            ("JSON a list", "/dblp/", 200, b"[]", json_type, 0.0), ("JSON null", "/crossref/", 200, b"null", json_type, 0.0),
            ("hits a string", "/dblp/", 200, b'{"result": {"hits": {"hit": "x"}}}', json_type, 0.0),
            ("hit of wrong types", "/dblp/", 200, json.dumps({"result": {"hits": {"hit": [
                {"info": {"title": "Online Speculative Decoding.", "venue": ["ICML", 7], "year": [], "authors": "x",
                          "ee": {"a": 1}, "type": None}}]}}}).encode(), json_type, 0.0),
            ("work of wrong types", "/crossref/", 200, json.dumps({"status": "ok", "message-type": "work", "message": {
                "title": [None], "author": "x", "published": {"date-parts": [["2024"]]}, "container-title": {},
                "resource": {"primary": {"URL": ["x"]}}, "DOI": None}}).encode(), json_type, 0.0),
            ("25 MB", "/dblp/", 200, _SEARCH.encode() + b" " * 25 * 2**20, json_type, 0.0),
            ("huge year", "/crossref/", 200, _WORK.replace("[[2024]]", "[[99999999]]").encode(), json_type, 0.0)]
    return out
