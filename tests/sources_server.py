"""A stand-in for arXiv, DBLP and Crossref on 127.0.0.1, serving the recorded answers in
tests/fixtures/sources/ (see its README) under /arxiv, /dblp and /crossref.

Tests can script the next answers to a path prefix (a 429 with Retry-After, a slow answer, an
HTML error page) and read the requests that came in.
"""
from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import NamedTuple
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from conftest import SEED_PAGE, hugokit, write
from hugokit.text import ascii_slug, fold

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
_ENTRY = re.compile(r"  <entry>.*?</entry>\n", re.S)


class Scripted(NamedTuple):
    status: int
    body: str | bytes
    headers: dict[str, str] = {}
    delay: float = 0.0
    trickle: float = 0.0  # seconds between the body's ten pieces (a server that never quite stops)


class Request(NamedTuple):
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]


class SourcesServer:
    def __init__(self) -> None:
        self.requests: list[Request] = []
        self.script: dict[str, list[Scripted]] = {}
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                parts = urlsplit(self.path)
                with server.lock:
                    server.requests.append(Request(parts.path, parse_qs(parts.query), dict(self.headers)))
                    queue = next((q for prefix, q in server.script.items() if parts.path.startswith(prefix) and q), None)
                    scripted = queue.pop(0) if queue else None
                if scripted is None:
                    scripted = server.answer(parts.path, parse_qs(parts.query))
                if scripted.delay:
                    time.sleep(scripted.delay)
                body = scripted.body if isinstance(scripted.body, bytes) else scripted.body.encode()
                try:
                    self.send_response(scripted.status)
                    for name, value in scripted.headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    pieces = 10 if scripted.trickle else 1
                    for i in range(pieces):
                        self.wfile.write(body[len(body) * i // pieces:len(body) * (i + 1) // pieces])
                        if scripted.trickle:
                            self.wfile.flush()
                            time.sleep(scripted.trickle)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def start(self) -> "SourcesServer":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def paths(self, prefix: str = "") -> list[str]:
        return [r.path for r in self.requests if r.path.startswith(prefix)]

    def answer(self, path: str, query: dict[str, list[str]]) -> Scripted:
        if path == "/arxiv/query":
            return _arxiv(query.get("id_list", [""])[0].split(","))
        if path == "/dblp/search/publ/api":
            return _dblp_search(query.get("q", [""])[0])
        if path.startswith("/dblp/rec/"):
            file = FIXTURES / "dblp" / path.removeprefix("/dblp/")
            if file.is_file():
                return Scripted(200, file.read_text(), {"Content-Type": "application/xml; charset=utf-8"})
            return Scripted(404, "<html><body>Error 404: not found</body></html>", {"Content-Type": "text/html"})
        if path.startswith("/crossref/works/"):
            doi = unquote(path.removeprefix("/crossref/works/")).lower()
            file = FIXTURES / "crossref" / (doi.replace("/", "_") + ".json")
            if file.is_file():
                return Scripted(200, file.read_text(), {"Content-Type": "application/json"})
            return Scripted(404, "Resource not found.", {"Content-Type": "text/plain"})
        return Scripted(404, "not here", {"Content-Type": "text/plain"})


def _arxiv(ids: list[str]) -> Scripted:
    """One feed with the recorded entry of every id asked for, as arXiv answers an id_list."""
    names = [re.sub(r"v[0-9]+$", "", i).replace("/", "_") + ".atom" for i in ids if i]
    files = [folder / name for name in names for folder in (FIXTURES / "arxiv", FIXTURES / "arxiv-recorded")]
    texts = [f.read_text() for f in files if f.is_file()]
    entries = [e for text in texts for e in _ENTRY.findall(text)]
    first = texts[0] if texts else (FIXTURES / "arxiv-recorded" / "0000.0000.atom").read_text()
    head = re.split(r"  <entry>|</feed>", first)[0]
    head = re.sub(r"<opensearch:totalResults>\d+<", f"<opensearch:totalResults>{len(entries)}<", head)
    return Scripted(200, head + "".join(entries) + "</feed>\n", {"Content-Type": "application/atom+xml; charset=UTF-8"})


def _dblp_search(q: str) -> Scripted:
    file = FIXTURES / "dblp" / f"{ascii_slug(fold(q), 200)}.json"
    if file.is_file():
        return Scripted(200, file.read_text(), {"Content-Type": "application/json"})
    empty = {"result": {"query": q, "status": {"@code": "200", "text": "OK"}, "time": {"@unit": "msecs", "text": "3.1"},
                        "completions": {"@total": "0", "@computed": "0", "@sent": "0"},
                        "hits": {"@total": "0", "@computed": "0", "@sent": "0", "@first": "0"}}}
    return Scripted(200, json.dumps(empty), {"Content-Type": "application/json"})


@pytest.fixture
def server():
    running = SourcesServer().start()
    yield running
    running.stop()


def configure(site: Path, base: str, **extra: object) -> None:
    settings = {**{key: f"{base}/{key}" for key in ("arxiv", "dblp", "crossref")}, "contact": "lab@example.org",
                "timeout": 5, **extra}
    lines = [f"  {key}: {value}" for key, value in settings.items()]
    write(site / "hugokit.yaml", "services:\n" + "\n".join(lines) + "\n")


@pytest.fixture
def seeded(tmp_path: Path, server: SourcesServer, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A site whose database was imported from the seed page, pointed at the local server."""
    monkeypatch.setenv("HUGOKIT_CACHE_DIR", str(tmp_path / "cache"))
    site = tmp_path / "site"
    site.mkdir()
    assert hugokit("import", SEED_PAGE, "--site", site).exit_code == 0
    configure(site, server.base)
    return site


def database(site: Path) -> str:
    return (site / "data" / "publications.yaml").read_text(encoding="utf-8")
