"""hugokit's readers against answers the services really gave (recorded by others; see
tests/fixtures/sources/arxiv-recorded/README.md), read directly and through the CLI."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, hugokit
from sources_server import Scripted, SourcesServer, configure, database, seeded, server  # noqa: F401 (fixtures)

from hugokit.sources import ServiceError
from hugokit.sources.arxiv import parse_feed
from hugokit.sources.crossref import parse_work
from hugokit.sources.dblp import parse_search
from hugokit.sources.http import read

RECORDED = FIXTURES / "sources" / "arxiv-recorded"


def recorded(name: str) -> str:
    return (RECORDED / name).read_text(encoding="utf-8")


def test_a_journal_reference_names_the_published_version() -> None:
    [record] = parse_feed(200, recorded("astro-ph_0601001.atom"), "application/atom+xml")
    assert record.arxiv == "astro-ph/0601001" and record.year == 2006
    assert record.title == ("Frequency of Hot Jupiters and Very Hot Jupiters from the OGLE-III Transit Surveys "
                            "Toward the Galactic Bulge and Carina")
    assert record.authors == ["Andrew Gould", "Susan Dorsher", "B. Scott Gaudi", "Andrzej Udalski"]
    assert (record.published, record.venue, record.venue_year) == (True, "ActaAstron.56:1-50,2006", 2006)
    assert record.doi == ""


def test_the_older_format_with_a_doi_reads_the_same() -> None:
    [record] = parse_feed(200, recorded("cond-mat_0603029.atom"), "application/atom+xml")
    assert record.arxiv == "cond-mat/0603029"
    assert record.title == "From stripe to checkerboard order on the square lattice in the presence of quenched disorder"
    assert record.doi == "10.1103/PhysRevB.74.024520" and record.url == "http://dx.doi.org/10.1103/PhysRevB.74.024520"
    assert (record.venue, record.venue_year) == ("Phys. Rev. B 74, 024520 (2006)", 2006)


def test_a_preprint_an_unknown_id_and_a_partly_known_list() -> None:
    [preprint] = parse_feed(200, recorded("1605.08386.atom"), "application/atom+xml")
    assert preprint.arxiv == "1605.08386" and not preprint.published and preprint.note == "no journal reference"
    assert parse_feed(200, recorded("0000.0000.atom"), "application/atom+xml") == []
    assert [r.arxiv for r in parse_feed(200, recorded("0808.05394,1707.08567.atom"), "")] == ["1707.08567"]


def test_arxivs_error_entry_is_an_error() -> None:
    with pytest.raises(ServiceError) as caught:
        parse_feed(400, recorded("abc.atom"), "application/atom+xml")
    assert caught.value.message == "rejected the request: incorrect id format for abc"


def test_add_from_a_recorded_answer(tmp_path: Path, server: SourcesServer,  # noqa: F811
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUGOKIT_CACHE_DIR", str(tmp_path / "cache"))
    site = tmp_path / "site"
    (site / "data").mkdir(parents=True)
    configure(site, server.base)
    run = hugokit("add", "https://arxiv.org/abs/astro-ph/0601001v1", "1605.08386", "--site", site)
    assert run.exit_code == 0, run.output
    first, second = yaml.safe_load(database(site))
    assert first["venue"] == "ActaAstron.56:1-50,2006"  # not in the registry: as arXiv has it, year and all
    assert first["year"] == 2006 and first["arxiv"] == "astro-ph/0601001"
    assert first["links"] == {"paper": "https://arxiv.org/abs/astro-ph/0601001"}
    assert second["venue"] == "Preprint 2016" and second["arxiv"] == "1605.08386"
    check = hugokit("check", "--site", site, "--select", "unknown-venue")
    assert "ActaAstron.56:1-50,2006" in check.output  # check then asks for the venue to be registered


def test_refresh_notes_a_venue_the_registry_lacks(tmp_path: Path, server: SourcesServer,  # noqa: F811
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUGOKIT_CACHE_DIR", str(tmp_path / "cache"))
    site = tmp_path / "site"
    (site / "data").mkdir(parents=True)
    configure(site, server.base)
    (site / "data" / "publications.yaml").write_text(
        "- title: From stripe to checkerboard order on the square lattice in the presence of quenched disorder\n"
        "  authors: [Adrian Del Maestro, Bernd Rosenow, Subir Sachdev]\n  year: 2006\n  venue: Preprint 2006\n"
        "  links: {paper: \"https://arxiv.org/abs/cond-mat/0603029\"}\n", encoding="utf-8")
    run = hugokit("refresh", "--site", site)
    assert run.exit_code == 1, run.output
    assert "was published: Phys. Rev. B 74, 024520 (2006)\n" in run.stdout
    assert "    doi: (none) -> 10.1103/PhysRevB.74.024520\n" in run.stdout
    assert ('    note: "Phys. Rev. B 74, 024520 (2006)" is the source\'s own spelling, not a venue of the registry'
            in run.stdout)
    assert server.paths("/crossref") == ["/crossref/works/10.1103/physrevb.74.024520"]  # asked; it has no record


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["result", "hits", "hit", "info", "authors", "author", "title", "venue", "year", "type", "ee",
                         "status", "message-type", "message", "container-title", "issued", "date-parts", "DOI",
                         "resource", "primary", "URL", "given", "family", "event", "name", "text", "@code"]),
        children, max_size=6),
    max_leaves=30)


@given(value=json_values, status=st.sampled_from([200, 404, 500]))
@settings(max_examples=300, deadline=None)
def test_any_json_answer_is_a_value_or_one_error(value: object, status: int) -> None:
    """Whatever JSON DBLP or Crossref send, the reader returns records or raises ServiceError."""
    body = json.dumps(value)
    for service, parse in (("dblp", parse_search), ("crossref", parse_work)):
        try:
            read(service, parse, status, body, "application/json")
        except ServiceError:
            pass


@given(body=st.text(max_size=300) | st.sampled_from([
    recorded("astro-ph_0601001.atom")[:n] for n in (0, 40, 200, 900, 2000)]))
@settings(max_examples=200, deadline=None)
def test_any_text_from_arxiv_is_records_or_one_error(body: str) -> None:
    try:
        read("arxiv", parse_feed, 200, body, "application/atom+xml")
    except ServiceError:
        pass


def test_dblp_reads_the_arxiv_id_of_any_arxiv_link_as_add_reads_it() -> None:
    """A versioned link, or an old-style id, gives the id itself (as `hugokit add` reads a pasted link)."""
    def hit(ee: str) -> str:
        return json.dumps({"result": {"hits": {"hit": [{"info": {
            "title": "A paper.", "year": "2006", "type": "Journal Articles", "venue": "Geom. Topol.", "ee": ee}}]}}})

    assert parse_search(200, hit("https://arxiv.org/abs/2403.00835v2"), "application/json")[0].arxiv == "2403.00835"
    assert parse_search(200, hit("http://arxiv.org/abs/math/0601001"), "application/json")[0].arxiv == "math/0601001"
