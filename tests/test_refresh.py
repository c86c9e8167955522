"""`hugokit refresh` end to end through the CLI, against recorded answers of arXiv, DBLP and
Crossref served on 127.0.0.1 (tests/sources_server.py); no other address is contacted."""
from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from conftest import hugokit, write
from sources_server import Scripted, SourcesServer, configure, database, seeded, server  # noqa: F401 (fixtures)

# What the seed page's preprints became, as the issue lists them.
PUBLISHED = {
    "CLLMs: Consistency Large Language Models": "ICML 2024",
    "DistServe: Disaggregating Prefill and Decoding for Goodput-optimized Large Language Model Serving": "OSDI 2024",
    "Chatbot Arena: An Open Platform for Evaluating LLMs by Human Preference": "ICML 2024",
    "Break the Sequential Dependency of LLM Inference using Lookahead Decoding": "ICML 2024",
    "Online Speculative Decoding": "ICML 2024",
    "Efficient Detection of LLM-generated Texts with a Bayesian Surrogate Model": "ACL 2024",
}
PUBLISHED_LINE = re.compile(r'^data/publications\.yaml:\d+:\d+: "(.+)" was published: (.+)$', re.M)


def test_the_seed_preprints_that_were_published_get_exactly_their_venues(seeded: Path, server: SourcesServer) -> None:
    before = database(seeded)
    run = hugokit("refresh", "--site", seeded)
    assert run.exit_code == 1, run.output  # changes proposed, none written
    assert dict(PUBLISHED_LINE.findall(run.stdout)) == PUBLISHED  # and nothing for the other six preprints
    assert "asked about 12 entries; would update 6; rerun with --write to apply" in run.stdout
    assert database(seeded) == before  # without --write nothing is written
    # The evidence names the source and what it said.
    assert "    evidence: DBLP conf/osdi/ZhongLCHZL0024: OSDI 2024 (Conference and Workshop Papers)" in run.stdout
    assert '    evidence: arXiv 2402.02057: journal_ref "ICML 2024"' in run.stdout
    assert ('    evidence: Crossref 10.18653/v1/2024.findings-acl.366: proceedings-article in '
            '"Findings of the Association for Computational Linguistics ACL 2024" 2024') in run.stdout
    assert "    year: 2023 -> 2024" in run.stdout
    assert "    doi: (none) -> 10.18653/v1/2024.findings-acl.366" in run.stdout
    # One arXiv request for all twelve ids; a DBLP search per title; Crossref for the one DOI named.
    assert server.paths("/arxiv") == ["/arxiv/query"]
    assert len(server.requests[0].query["id_list"][0].split(",")) == 12
    assert len(server.paths("/dblp")) == 12
    assert server.paths("/crossref") == ["/crossref/works/10.18653/v1/2024.findings-acl.366"]
    crossref = next(r for r in server.requests if r.path.startswith("/crossref"))
    assert crossref.query["mailto"] == ["lab@example.org"]
    assert all(r.headers["User-Agent"] == "hugokit/0.1.0 (publication-list tool; mailto:lab@example.org)"
               for r in server.requests)


def test_write_applies_the_changes_in_place_keeping_comments(seeded: Path, server: SourcesServer) -> None:
    path = seeded / "data" / "publications.yaml"
    path.write_text(database(seeded).replace("- title: \"Online Speculative Decoding\"",
                                             "# accepted at ICML, camera-ready pending\n"
                                             "- title: \"Online Speculative Decoding\""), encoding="utf-8")
    run = hugokit("refresh", "--write", "--site", seeded)
    assert run.exit_code == 0, run.output
    assert "updated 6" in run.stdout
    text = database(seeded)
    assert "# accepted at ICML, camera-ready pending\n- title: \"Online Speculative Decoding\"" in text
    entries = {e["title"]: e for e in yaml.safe_load(text)}
    for title, venue in PUBLISHED.items():
        assert entries[title]["venue"] == venue
    speculative = entries["Online Speculative Decoding"]
    assert speculative["year"] == 2024
    assert speculative["links"] == {"paper": "https://proceedings.mlr.press/v235/liu24y.html"}
    assert speculative["arxiv"] == "2310.07177"  # the arXiv link made way for the published one; its id stays
    bayesian = entries["Efficient Detection of LLM-generated Texts with a Bayesian Surrogate Model"]
    assert bayesian["doi"] == "10.18653/v1/2024.findings-acl.366"
    assert bayesian["links"]["paper"] == "https://aclanthology.org/2024.findings-acl.366"
    assert entries["APIServe: Efficient API Support for Large-Language Model Inferencing"]["venue"] == "Preprint 2024"
    # The result builds, and a second refresh has nothing left to propose.
    assert hugokit("build", "--site", seeded, "--force").exit_code == 0
    page = (seeded / "content" / "publications.md").read_text(encoding="utf-8")
    assert 'title="Online Speculative Decoding" venue="ICML 2024" paperLink="https://proceedings.mlr.press/v235/liu24y.html"' in page
    again = hugokit("refresh", "--site", seeded)
    assert again.exit_code == 0 and "asked about 6 entries; would update 0" in again.stdout


def test_a_rerun_is_answered_from_the_cache_with_the_server_stopped(seeded: Path, server: SourcesServer) -> None:
    first = hugokit("refresh", "--site", seeded)
    server.stop()
    second = hugokit("refresh", "--site", seeded)
    assert second.exit_code == 1, second.output
    assert second.stdout == first.stdout
    offline = hugokit("refresh", "--no-cache", "--site", seeded)
    assert offline.exit_code == 2
    assert offline.stdout.startswith("arXiv: error[service-error] cannot be reached at ")


def test_an_expired_cache_asks_again(seeded: Path, server: SourcesServer) -> None:
    configure(seeded, server.base, cache_days=0)
    hugokit("refresh", "--site", seeded)
    asked = len(server.requests)
    hugokit("refresh", "--site", seeded)
    assert len(server.requests) == 2 * asked


def test_an_unreachable_service_is_one_clear_error_and_nothing_is_written(seeded: Path, server: SourcesServer) -> None:
    configure(seeded, server.base, retries=0)
    text = (seeded / "hugokit.yaml").read_text().replace(f"{server.base}/dblp", "http://127.0.0.1:9/dblp")
    (seeded / "hugokit.yaml").write_text(text)
    before = database(seeded)
    run = hugokit("refresh", "--write", "--site", seeded)
    assert run.exit_code == 2
    lines = run.output.splitlines()
    assert len(lines) == 1 and lines[0].startswith("DBLP: error[service-error] cannot be reached at http://127.0.0.1:9/dblp")
    assert "HUGOKIT_DBLP_URL" in lines[0] and "Traceback" not in run.output
    assert database(seeded) == before


def test_the_environment_overrides_the_configured_address(seeded: Path, server: SourcesServer,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    configure(seeded, "http://127.0.0.1:9", retries=0)
    for key in ("arxiv", "dblp", "crossref"):
        monkeypatch.setenv(f"HUGOKIT_{key.upper()}_URL", f"{server.base}/{key}")
    monkeypatch.setenv("HUGOKIT_CONTACT", "someone@example.org")
    run = hugokit("refresh", "--site", seeded)
    assert run.exit_code == 1, run.output
    assert dict(PUBLISHED_LINE.findall(run.stdout)) == PUBLISHED
    assert "mailto:someone@example.org" in server.requests[0].headers["User-Agent"]


def test_a_429_is_retried_after_the_time_it_asks_for(seeded: Path, server: SourcesServer) -> None:
    server.script["/dblp/"] = [Scripted(429, "Too Many Requests", {"Retry-After": "1"})]
    start = time.monotonic()
    run = hugokit("refresh", "--site", seeded)
    assert run.exit_code == 1, run.output
    assert time.monotonic() - start >= 1.0
    assert dict(PUBLISHED_LINE.findall(run.stdout)) == PUBLISHED
    assert len(server.paths("/dblp")) == 13  # one title asked twice


def test_a_service_that_keeps_refusing_is_reported(seeded: Path, server: SourcesServer) -> None:
    configure(seeded, server.base, retries=1)
    server.script["/arxiv/"] = [Scripted(503, "busy", {"Retry-After": "0"})] * 2
    run = hugokit("refresh", "--site", seeded)
    assert run.exit_code == 2
    assert run.output.startswith("arXiv: error[service-error] answered something that is not an Atom feed "
                                 "(HTTP 503: 'busy')")
    server.script["/arxiv/"] = [Scripted(429, "slow down", {"Retry-After": "3600"})]
    run = hugokit("refresh", "--site", seeded)
    assert run.exit_code == 2
    assert "arXiv: error[service-error] asks to wait 3600 s before it answers again (HTTP 429)" in run.output


def test_a_timeout_names_the_service_and_the_setting(seeded: Path, server: SourcesServer) -> None:
    configure(seeded, server.base, timeout=0.5, retries=0)
    server.script["/arxiv/"] = [Scripted(200, "", delay=2.0)]
    before = database(seeded)
    run = hugokit("refresh", "--write", "--site", seeded)
    assert run.exit_code == 2
    assert run.output.startswith("arXiv: error[service-error] did not answer within 0.5 s")
    assert "raise `timeout:` under `services:` in hugokit.yaml" in run.output
    assert database(seeded) == before


@pytest.mark.parametrize(("prefix", "answer", "expected"), [
    ("/arxiv/", Scripted(200, "<!DOCTYPE html><html><body>Service Unavailable</body></html>",
                         {"Content-Type": "text/html"}), "arXiv: error[service-error] answered an HTML page (HTTP 200)"),
    ("/arxiv/", Scripted(200, "<feed xmlns='http://www.w3.org/2005/Atom'><entry>", {}),
     "arXiv: error[service-error] answered something that is not an Atom feed"),
    ("/arxiv/", Scripted(503, "Rate exceeded.", {"Retry-After": "0"}),
     "arXiv: error[service-error] is limiting the rate of requests"),
    ("/dblp/", Scripted(200, '{"result": {"hits": ', {"Content-Type": "application/json"}),
     "DBLP: error[service-error] answered something that is not JSON"),
    ("/dblp/", Scripted(200, '{"error": "maintenance"}', {"Content-Type": "application/json"}),
     "DBLP: error[service-error] answered something that is not DBLP's search result"),
    ("/crossref/", Scripted(500, "<html><head><title>500</title></head></html>", {"Content-Type": "text/html"}),
     "Crossref: error[service-error] answered an HTML page (HTTP 500)"),
    ("/crossref/", Scripted(200, '{"status": "ok", "message-type": "work-list", "message": {}}', {}),
     "Crossref: error[service-error] answered something that is not a Crossref work"),
])
def test_garbage_is_reported_never_cached(seeded: Path, server: SourcesServer, prefix: str, answer: Scripted,
                                          expected: str) -> None:
    configure(seeded, server.base, retries=0)
    server.script[prefix] = [answer]
    before = database(seeded)
    run = hugokit("refresh", "--write", "--site", seeded)
    assert run.exit_code == 2, run.output
    assert run.output.startswith(expected), run.output
    assert len(run.output.splitlines()) == 1 and "Traceback" not in run.output
    assert database(seeded) == before
    again = hugokit("refresh", "--site", seeded)  # the garbage was not kept: asked again, answered well
    assert again.exit_code == 1 and dict(PUBLISHED_LINE.findall(again.stdout)) == PUBLISHED


def test_a_paper_listed_twice_is_reported_with_a_hint_to_merge(seeded: Path, server: SourcesServer) -> None:
    path = seeded / "data" / "publications.yaml"
    path.write_text(database(seeded) + (
        "- title: \"Online Speculative Decoding\"\n"
        "  authors: [Xiaoxuan Liu, Lanxiang Hu]\n  year: 2024\n  venue: ICML 2024\n"
        "  links: {paper: \"https://arxiv.org/pdf/2310.07177.pdf\"}\n"), encoding="utf-8")
    run = hugokit("refresh", "--site", seeded)
    assert run.exit_code == 1, run.output
    assert re.search(r'data/publications\.yaml:39:3: warning\[listed-twice\] "Online Speculative Decoding" '
                     r'\(Preprint 2023\) and line \d+ \("Online Speculative Decoding", ICML 2024\) are one paper: '
                     r'both name arXiv 2310\.07177 \(merge them: keep the published entry', run.stdout), run.stdout
    published = dict(PUBLISHED_LINE.findall(run.stdout))
    assert "Online Speculative Decoding" not in published  # no second published copy is made
    assert len(published) == 5


def test_all_asks_about_published_entries_too(seeded: Path, server: SourcesServer) -> None:
    run = hugokit("refresh", "--all", "--site", seeded)
    assert run.exit_code == 1, run.output
    assert "asked about 46 entries" in run.stdout  # all but the one entry with no link at all
    assert dict(PUBLISHED_LINE.findall(run.stdout)) == PUBLISHED


@pytest.mark.parametrize(("services", "message"), [
    ("{bogus: 1}", 'unknown key "bogus" in "services" in hugokit.yaml'),
    ("{timeout: soon}", '"timeout" in "services" in hugokit.yaml must be a number'),
    ("{dblp: dblp.org}", '"dblp" in "services" in hugokit.yaml must be an http(s) URL'),
])
def test_bad_service_settings_are_placed_in_the_config(seeded: Path, services: str, message: str) -> None:
    write(seeded / "hugokit.yaml", f"services: {services}\n")
    run = hugokit("refresh", "--site", seeded)
    assert run.exit_code == 2
    assert run.output.startswith("hugokit.yaml:1:"), run.output
    assert message in run.output


def test_check_and_build_never_load_the_online_code(seeded: Path) -> None:
    script = ("import sys; from hugokit.argv import parse; from hugokit.commands import invoke\n"
              "for argv in (['check', '--site', sys.argv[1]], ['build', '--site', sys.argv[1], '--force']):\n"
              "    invoke(*parse(argv))\n"
              "print(sorted(m for m in sys.modules if m == 'httpx' or m.startswith(('hugokit.sources', "
              "'hugokit.refresh', 'hugokit.cli_sources'))))")
    out = subprocess.run([sys.executable, "-c", script, str(seeded)], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_a_bad_address_in_the_environment_is_one_error(seeded: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUGOKIT_CROSSREF_URL", "api.crossref.org")
    run = hugokit("refresh", "--site", seeded)
    assert run.exit_code == 2
    assert run.output == ("Crossref: error[service-error] the address 'api.crossref.org' is not an http(s) URL "
                          "(set HUGOKIT_CROSSREF_URL (or `services: crossref:` in hugokit.yaml) to the service's base "
                          "URL, e.g. https://api.crossref.org)\n")


def test_retry_after_is_read_as_seconds_or_an_http_date() -> None:
    from email.utils import formatdate

    from hugokit.sources.http import _retry_after

    assert _retry_after("7") == 7.0
    assert 5 < _retry_after(formatdate(time.time() + 10, usegmt=True)) <= 10  # type: ignore[operator]
    assert _retry_after("soon") is None and _retry_after(None) is None


def test_arxiv_is_asked_fifty_ids_at_a_time_with_a_pause_between(seeded: Path, server: SourcesServer,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from hugokit.sources import arxiv

    pauses: list[float] = []
    monkeypatch.setattr(arxiv.time, "sleep", pauses.append)
    extra = "".join(f"- title: Paper {n}\n  year: 2020\n  venue: Preprint 2020\n"
                    f"  links: {{paper: \"https://arxiv.org/abs/2001.{n:05d}\"}}\n" for n in range(45))
    path = seeded / "data" / "publications.yaml"
    path.write_text(database(seeded) + extra, encoding="utf-8")
    run = hugokit("refresh", "--site", seeded)
    assert run.exit_code == 1, run.output
    assert dict(PUBLISHED_LINE.findall(run.stdout)) == PUBLISHED
    asked = [r.query["id_list"][0].split(",") for r in server.requests if r.path == "/arxiv/query"]
    assert [len(ids) for ids in asked] == [50, 7]
    assert pauses == [arxiv.PAUSE]


def test_an_entry_already_at_its_venue_keeps_its_filed_year(seeded: Path, server: SourcesServer) -> None:
    path = seeded / "data" / "publications.yaml"
    path.write_text(database(seeded).replace("  venue: Preprint 2023\n  links: {paper: \"https://arxiv.org/pdf/2310.07177.pdf\"}",
                                             "  venue: ICML 2024\n  links: {paper: \"https://arxiv.org/pdf/2310.07177.pdf\"}"),
                    encoding="utf-8")
    run = hugokit("refresh", "--all", "--site", seeded)
    published = dict(PUBLISHED_LINE.findall(run.stdout))
    assert published.pop("Online Speculative Decoding") == "ICML 2024"
    assert published == {k: v for k, v in PUBLISHED.items() if k != "Online Speculative Decoding"}
    section = run.stdout.split('"Online Speculative Decoding" was published: ICML 2024\n')[1].split("evidence")[0]
    assert "year:" not in section and "venue:" not in section  # only the paper link is proposed, filed in 2023
    assert "links.paper: https://arxiv.org/pdf/2310.07177.pdf -> https://proceedings.mlr.press/v235/liu24y.html" in section


@pytest.mark.parametrize("bug", ["a value replaced wrongly", "a value the merge adds wrongly"])
@pytest.mark.parametrize("mode", [(), ("--write",)])
def test_an_edit_that_does_not_read_back_as_meant_is_refused(seeded: Path, server: SourcesServer,
                                                             monkeypatch: pytest.MonkeyPatch, bug: str,
                                                             mode: tuple[str, ...]) -> None:
    # The edited text is re-read and compared with the database the changes mean (as fix and the
    # import's merge are): a bug in the edit is one error, and nothing is written.
    from hugokit import merge
    from hugokit.render import database_yaml

    right = database_yaml.render_value

    def wrong(key: str, value: object) -> str:
        return right(key, f"{value}0" if key in ("venue", "doi") else value)

    monkeypatch.setattr(*(("hugokit.render.database_yaml.render_value", wrong) if bug.startswith("a value replaced")
                          else (merge, "render_value", wrong)))
    before = database(seeded)
    run = hugokit("refresh", *mode, "--site", seeded)
    assert run.exit_code == 2, run.output
    assert run.stdout.splitlines()[-1] == (
        "data/publications.yaml:1:1: error[internal-error] hugokit's edit of data/publications.yaml would not read back "
        "as intended; nothing was written (this is a bug in hugokit: please report it with the file attached)")
    assert "---" not in run.stdout and database(seeded) == before  # no diff shown, nothing written


def test_a_value_written_empty_is_replaced_where_it_stands(seeded: Path, server: SourcesServer) -> None:
    path = seeded / "data" / "publications.yaml"
    title = '- title: "Efficient Detection of LLM-generated Texts with a Bayesian Surrogate Model"\n'
    path.write_text(database(seeded).replace(title, title + '  doi: ""\n'), encoding="utf-8")
    run = hugokit("refresh", "--write", "--site", seeded)
    assert run.exit_code == 0, run.output
    text = database(seeded)
    assert text.count("doi:") == 1 and title + "  doi: 10.18653/v1/2024.findings-acl.366\n" in text
