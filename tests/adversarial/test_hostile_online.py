"""`add` and `refresh` with hostile databases, and with hostile answers from arXiv, DBLP and
Crossref: served on 127.0.0.1 by tests/sources_server.py (no other address is ever contacted).
For each run: exit 0, 1 or 2; no traceback; a service's bad answer is one error naming it, with
nothing written; the database byte-identical unless the command's purpose is to change it, and
then still readable, with every entry it had."""
from __future__ import annotations

from pathlib import Path

import pytest

import hostile
from conftest import hugokit
from hugokit.database import parse_database
from hugokit.rules.unsafe_value import findings as unsafe_values
from sources_server import Scripted, SourcesServer, configure, server  # noqa: F401 (fixture)
from test_hostile_inputs import DATABASE, allowed, readable, run, tree

# (command line, what it may write)
ONLINE_COMMANDS = [(("add", "arXiv:2310.07177", "--dry-run"), "nothing"), (("refresh",), "nothing"),
                   (("add", "arXiv:2402.01869", "doi:10.18653/v1/2024.findings-acl.366"), "database"),
                   (("refresh", "--write", "--all"), "database")]
# Which command asks which service (with the recorded answers for the others).
ASKING = {"/arxiv/": [("add", "arXiv:2310.07177"), ("refresh", "--write")],
          "/dblp/": [("add", "arXiv:2310.07177"), ("refresh", "--write")],
          "/crossref/": [("add", "doi:10.18653/v1/2024.findings-acl.366"), ("refresh", "--write")]}
NAMES = {"/arxiv/": "arXiv", "/dblp/": "DBLP", "/crossref/": "Crossref"}


@pytest.fixture
def site(tmp_path: Path, server: SourcesServer, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HUGOKIT_CACHE_DIR", str(tmp_path / "cache"))
    site = tmp_path / "site"
    (site / "data").mkdir(parents=True)
    (site / "data/topics.yaml").write_text("- T\n")
    configure(site, server.base, timeout=1, retries=0)
    return site


def _titles(data: bytes) -> list[str]:
    database, _ = parse_database(data.decode("utf-8"), DATABASE)
    return [p.title for p in database.publications]


@pytest.mark.parametrize("name,data", hostile.yaml_databases(), ids=[n for n, _ in hostile.yaml_databases()])
def test_hostile_databases_online(site: Path, name: str, data: bytes) -> None:
    for command, may in ONLINE_COMMANDS:
        (site / DATABASE).write_bytes(data)
        before = tree(site)
        status = run(*command, "--no-cache", "--site", site)
        after = tree(site)
        allowed(before, after, may)
        if status == 2 or not readable(data):
            assert after == before  # a database with errors is refused whole
        elif after != before:
            assert _titles(after[DATABASE])[:len(_titles(data))] == _titles(data) or \
                set(_titles(data)) <= set(_titles(after[DATABASE]))  # nothing lost


@pytest.mark.parametrize("name,data", hostile.refreshable_databases(), ids=[n for n, _ in hostile.refreshable_databases()])
def test_refresh_and_add_edit_any_saved_form_in_place(site: Path, name: str, data: bytes) -> None:
    (site / DATABASE).write_bytes(data)
    assert run("refresh", "--write", "--site", site) == 0
    written = (site / DATABASE).read_bytes()
    assert written.startswith(b"\xef\xbb\xbf") == data.startswith(b"\xef\xbb\xbf")
    assert (b"\r\n" in written) == (b"\r\n" in data) and written.count(b"\n") - written.count(b"\r\n") in (
        0, data.count(b"\n") - data.count(b"\r\n"), len(written.splitlines()))  # line endings kept, never mixed
    if b"\r\n" in data:
        assert written.count(b"\n") == written.count(b"\r\n")
    database, problems = parse_database(written.decode("utf-8-sig"), DATABASE)
    assert not any(d.is_error for d in problems)
    entries = {p.title: p for p in database.publications}
    assert entries["Online Speculative Decoding"].venue == "ICML 2024"
    assert entries["Efficient Detection of LLM-generated Texts with a Bayesian Surrogate Model"].doi == \
        "10.18653/v1/2024.findings-acl.366"
    assert entries["Alpa"].venue == "OSDI 2022" and len(entries) == 3
    assert b"# a comment refresh keeps" in written
    assert run("add", "arXiv:2402.01869", "--site", site) == 0
    added = (site / DATABASE).read_bytes()
    assert added.startswith(written) or added.count(b"\n") > written.count(b"\n")
    assert (b"\r\n" in added) == (b"\r\n" in data) and len(_titles(added.removeprefix(b"\xef\xbb\xbf"))) == 4


def _answers() -> list[hostile.Answer]:
    return hostile.service_answers()


@pytest.mark.parametrize("answer", _answers(), ids=[f"{a[1].strip('/')}: {a[0]}" for a in _answers()])
def test_hostile_service_answers(site: Path, server: SourcesServer, answer: hostile.Answer) -> None:
    name, prefix, status, body, headers, delay = answer
    for command in ASKING[prefix]:
        (site / DATABASE).write_bytes(hostile.REFRESHABLE.encode())
        server.script[prefix] = [Scripted(status, body, headers, delay)] * 60
        before = tree(site)
        result = hugokit(*command, "--no-cache", "--site", site)
        assert result.exit_code in (0, 1, 2) and "Traceback" not in result.output, result.output
        after = tree(site)
        allowed(before, after, "database")
        if result.exit_code == 2:
            assert after == before
            assert result.output.startswith((f"{NAMES[prefix]}: error[service-error] ", f"{command[1]}: error[unsafe-answer] "
                                             "what the sources answered")), result.output
        else:
            titles = _titles(after[DATABASE])
            assert set(_titles(before[DATABASE])) <= set(titles)  # nothing lost
            assert b"root:" not in after[DATABASE]  # no local file was read into it
            written, _ = parse_database(after[DATABASE].decode("utf-8"), DATABASE)
            assert not list(unsafe_values(written.publications))  # nothing build would refuse


def test_an_answer_the_page_could_not_hold_changes_nothing(site: Path, server: SourcesServer) -> None:
    # DBLP names a venue with a terminal escape in it: refresh leaves that entry as it was and says
    # why; add refuses the paper. Either way the database stays one that build accepts.
    name, prefix, status, body, headers, delay = next(a for a in _answers() if a[:2] == ("injection 2", "/dblp/"))
    server.script[prefix] = [Scripted(status, body, headers, delay)] * 60
    (site / DATABASE).write_text(hostile.REFRESHABLE)
    result = hugokit("refresh", "--write", "--no-cache", "--site", site)
    assert result.exit_code == 0, result.output
    assert ('data/publications.yaml:2:3: warning[unsafe-answer] the published version the sources name for "Online '
            "Speculative Decoding\" cannot be written safely (venue contains a control character); the entry was not "
            "changed (check the sources' records, and edit the entry by hand)") in result.output
    written = (site / DATABASE).read_text()
    assert hostile.REFRESHABLE.splitlines()[1] in written.splitlines()  # that entry as it was
    assert "  doi: 10.18653/v1/2024.findings-acl.366\n" in written  # the other one refreshed
    server.script[prefix] = [Scripted(status, body, headers, delay)] * 60
    before = (site / DATABASE).read_bytes()
    added = hugokit("add", "arXiv:2310.07177", "--no-cache", "--site", site)
    assert added.exit_code == 2 and added.output.startswith(
        "arXiv:2310.07177: error[unsafe-answer] what the sources answered for arXiv:2310.07177 cannot be written "
        "safely: venue contains a control character"), added.output
    assert (site / DATABASE).read_bytes() == before


def test_an_answer_that_never_quite_ends_is_stopped(site: Path, server: SourcesServer) -> None:
    # A byte every 0.4 s passes the 1 s timeout of each read; the whole answer has 3 s.
    server.script["/arxiv/"] = [Scripted(200, (hostile.FIXTURES / "sources/arxiv/2310.07177.atom").read_text(),
                                         {"Content-Type": "application/atom+xml"}, trickle=0.4)]
    (site / DATABASE).write_text(hostile.REFRESHABLE)
    result = hugokit("add", "arXiv:2310.07177", "--no-cache", "--site", site)
    assert result.exit_code == 2 and result.output.startswith(
        "arXiv: error[service-error] did not finish its answer within 3 s (http://127.0.0.1:"), result.output
    assert (site / DATABASE).read_text() == hostile.REFRESHABLE


def count() -> tuple[int, int]:
    """(hostile inputs, command runs) of this suite, for the README."""
    databases = len(hostile.yaml_databases())
    saved = len(hostile.refreshable_databases())
    answers = len(_answers())
    return databases + saved + answers + 1, databases * len(ONLINE_COMMANDS) + saved * 2 + answers * 2 + 2 + 1
