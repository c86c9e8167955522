"""BibTeX and JSON import, merging into an existing database, and BibTeX / CSL-JSON export."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pybtex.database
import pytest
from hypothesis import given, settings, strategies as st

from conftest import EXAMPLE_SITE, FIXTURES, REPO, hugokit, write
from hugokit.database import parse_database
from hugokit.importers.bibtex import import_bibtex
from hugokit.model import Publication
from hugokit.render.bibtex import citation_keys, render_bibliography
from hugokit.vocab import load_vocabularies

VENUES = load_vocabularies(REPO / "examples/site")[0].venues


def database_of(site: Path) -> list[Publication]:
    database, problems = parse_database((site / "data/publications.yaml").read_text(), "db")
    assert problems == []
    return database.publications


def by_id(site: Path) -> dict[str, Publication]:
    return {p.id: p for p in database_of(site)}


def test_real_world_bibtex(tmp_path: Path) -> None:
    run = hugokit("import", FIXTURES / "real-world.bib", "--site", tmp_path)
    assert run.exit_code == 1 and "nothing was written" in run.stderr
    assert f"{FIXTURES / 'real-world.bib'}:50:3: error[bibtex-syntax] BibTeX syntax error in entry \"broken2020\": '}}' expected; " \
           "this entry was skipped" in run.stdout
    assert 'error[bibtex-incomplete] entry "noyear" has no year' in run.stdout

    run = hugokit("import", FIXTURES / "real-world.bib", "--site", tmp_path, "--partial")
    assert "imported 6 publications" in run.stdout
    pubs = by_id(tmp_path)
    alpa = pubs["zheng2022alpa"]
    assert alpa.title == "Alpa: Automating Inter-and Intra-Operator Parallelism for Distributed Deep Learning"
    # the @string's proceedings title, mapped through the registry, with the paper's pages
    assert alpa.venue == "OSDI 2022, pp. 559–578"
    assert alpa.authors == ["Lianmin Zheng", "Zhuohan Li", "Hao Zhang", "Yonghao Zhuang", "et al."]
    dblp = pubs["DBLP:journals/corr/abs-2309-06180"]
    assert (dblp.venue, dblp.arxiv, dblp.doi) == ("Preprint 2023", "2309.06180", "10.48550/ARXIV.2309.06180")
    assert dblp.title.endswith("with PagedAttention") and dblp.authors[2] == "Joseph E. Gonzalez"
    muller = pubs["muller2021"]
    assert muller.title == "Über GPUs – a Study of Müller's ß-Problem"
    assert muller.authors == ["Jörg Müller", "José García", "Anna van der Berg", "Martin King Jr."]
    assert muller.venue == "NeurIPS 2021"
    assert muller.links == {"paper": "https://proceedings.neurips.cc/paper/2021/file/x.pdf",
                            "code": "https://github.com/example/uber"}
    assert muller.abstract == "We study GPUs. Across two lines." and muller.keywords == ["gpus", "systems"]
    arxiv_only = pubs["lookahead2024"]
    assert (arxiv_only.venue, arxiv_only.links) == ("Preprint 2024", {"paper": "https://arxiv.org/abs/2402.02057"})
    assert pubs["pollux"].venue == "OSDI 2021"
    assert pubs["zhang2020thesis"].venue == "Carnegie Mellon University PhD Dissertation 2020"
    assert "broken2020" not in pubs and "noyear" not in pubs


def test_seed_generator_json_imports_without_configuration(tmp_path: Path) -> None:
    run = hugokit("import", FIXTURES / "seed-format.json", "--site", tmp_path)
    assert run.exit_code == 0, run.output
    alpa, pollux = database_of(tmp_path)
    assert alpa.authors == ["Lianmin Zheng*", "Zhuohan Li*", "Hao Zhang*", "Yonghao Zhuang"]
    assert alpa.year == 2022 and alpa.topics == ["Selected", "Large Language Models", "ML Systems"]
    assert alpa.links == {"paper": "https://arxiv.org/pdf/2201.12023.pdf",
                          "video": "https://www.usenix.org/conference/osdi22/presentation/zheng-lianmin",
                          "project": "https://alpa.ai/"}
    assert alpa.award == "" and pollux.award == "Jay Lepreau Best Paper Award"
    # filed under the venue's trailing year (above 2010), as the lab's generator does; the month is kept
    assert pollux.year == 2021 and pollux.venue == "OSDI 2021" and pollux.date == "2020-11"


def test_json_mapping_and_unknown_fields(tmp_path: Path) -> None:
    source = write(tmp_path / "list.json", json.dumps([
        {"name": "A Paper", "when": "2019", "pdf_url": "https://x.org/a.pdf", "people": ["A B", "C D"], "colour": 1}]))
    (tmp_path / "site").mkdir()
    run = hugokit("import", source, "--site", tmp_path / "site")
    assert run.exit_code == 1 and "nothing was written" in run.stderr
    assert f'{source}:1:3: error[unknown-key] unknown key "name" in item 1' in run.stdout
    run = hugokit("import", source, "--site", tmp_path / "site", "--map", "name=title", "--map", "when=date",
                  "--map", "pdf_url=links.paper", "--map", "people=authors", "--map", "colour=keywords")
    assert run.exit_code == 1 and '"colour" of item 1 must be a string, not a whole number' in run.stdout
    run = hugokit("import", source, "--site", tmp_path / "site", "--map", "name=title", "--map", "when=date",
                  "--map", "pdf_url=links.paper", "--map", "people=authors", "--map", "colour=abstract")
    assert run.exit_code == 0, run.output
    (pub,) = database_of(tmp_path / "site")
    assert (pub.title, pub.year, pub.authors, pub.links["paper"], pub.abstract) == \
        ("A Paper", 2019, ["A B", "C D"], "https://x.org/a.pdf", "1")
    bad = hugokit("import", source, "--site", tmp_path / "site", "--map", "name=titel")
    assert bad.exit_code == 2 and 'cannot read --map "name=titel"' in bad.stdout


def test_merge_gains_fields_keeps_existing_reports_conflicts_and_keeps_comments(tmp_path: Path) -> None:
    database = write(tmp_path / "data/publications.yaml", """\
# Lab papers. This comment stays.
- title: "Pollux: Co-adaptive Cluster Scheduling for Goodput-Optimized Deep Learning"
  year: 2020            # filed under 2020 on purpose
  venue: OSDI 2021
  links: {paper: "https://arxiv.org/pdf/2008.12260.pdf"}
  topics: [ML Systems]
- title: "Older"
  year: 2015
""")
    bib = write(tmp_path / "new.bib", r"""
@inproceedings{pollux,
  title = {{Pollux}: Co-adaptive Cluster Scheduling for Goodput-Optimized Deep Learning},
  author = {Qiao, Aurick and Zhang, Hao},
  booktitle = {15th USENIX Symposium on Operating Systems Design and Implementation},
  year = {2021},
  doi = {10.5555/pollux},
  url = {https://www.usenix.org/pollux.pdf},
  code = {https://github.com/petuum/adaptdl},
}
@inproceedings{alpa, title = {Alpa}, author = {Zheng, Lianmin}, booktitle = {OSDI}, year = {2022}}
@inproceedings{mid, title = {Mid}, author = {X, Y}, booktitle = {ICML}, year = {2017}}
""")
    preview = hugokit("import", bib, "--site", tmp_path, "--dry-run")
    assert preview.exit_code == 1 and "would import 2 new and updated 1 existing" in preview.stdout  # as build --diff
    assert "+  doi: 10.5555/pollux" in preview.stdout
    assert f'kept "https://arxiv.org/pdf/2008.12260.pdf" (edit the database by hand if {bib} is right)' \
        in preview.stdout  # the conflict, reported
    assert database.read_text().count("title:") == 2  # nothing written

    run = hugokit("import", bib, "--site", tmp_path)
    assert run.exit_code == 0
    assert 'warning[merge-conflict] new.bib has another the paper link' not in run.stdout
    assert "data/publications.yaml:5:18: warning[merge-conflict]" in run.stdout
    assert database.read_text() == """\
# Lab papers. This comment stays.
- id: alpa
  title: "Alpa"
  authors: [Lianmin Zheng]
  year: 2022
  venue: OSDI 2022
- title: "Pollux: Co-adaptive Cluster Scheduling for Goodput-Optimized Deep Learning"
  year: 2020            # filed under 2020 on purpose
  venue: OSDI 2021
  links: {paper: "https://arxiv.org/pdf/2008.12260.pdf", code: "https://github.com/petuum/adaptdl"}
  topics: [ML Systems]
  id: pollux
  authors: [Aurick Qiao, Hao Zhang]
  doi: 10.5555/pollux
- id: mid
  title: "Mid"
  authors: [Y X]
  year: 2017
  venue: ICML 2017
- title: "Older"
  year: 2015
"""
    again = hugokit("import", bib, "--site", tmp_path)
    assert "imported 0 new and updated 0 existing" in again.stdout
    unchanged = hugokit("import", bib, "--site", tmp_path, "--dry-run")
    assert unchanged.exit_code == 0 and "would import 0 new and updated 0 existing" in unchanged.stdout


def test_database_to_bibtex_to_database_loses_nothing(tmp_path: Path) -> None:
    out = tmp_path / "all.bib"
    assert hugokit("export", "bibtex", "--site", EXAMPLE_SITE, "-o", out).exit_code == 0
    parsed = pybtex.database.parse_string(out.read_text(), "bibtex")
    assert len(parsed.entries) == len(database_of(EXAMPLE_SITE))
    assert hugokit("import", out, "--site", tmp_path).exit_code == 0
    assert database_of(tmp_path) == database_of(EXAMPLE_SITE)


_text = st.text(st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp", "Co")), min_size=1, max_size=25) \
    .map(lambda s: " ".join(s.split())).filter(bool)
_item = _text.filter(lambda s: ", " not in s and not s.endswith(","))


@st.composite
def publications(draw) -> Publication:
    return Publication(
        title=draw(_text), year=draw(st.integers(1900, 2030)), venue=draw(st.sampled_from(
            ["OSDI 2022", "Preprint 2024", "Workshop on X 2020", "Unknown Venue 2019", "NeurIPS"])),
        authors=draw(st.lists(_item, max_size=4)), topics=draw(st.lists(_item, max_size=3)),
        award=draw(st.sampled_from(["", "Best Paper Award", "Oral"])),
        links=draw(st.dictionaries(st.sampled_from(["paper", "code", "slides", "video"]),
                                   st.from_regex(r"https://[a-z]{1,8}\.org/[a-z0-9_%~.\-]{0,12}", fullmatch=True),
                                   max_size=3)),
        id=draw(st.sampled_from(["", "key1", "Key1"])), doi=draw(st.sampled_from(["", "10.1/x.y"])),
        arxiv=draw(st.sampled_from(["", "2201.12023"])), abstract=draw(st.sampled_from(["", "Line one.\nLine two."])),
        keywords=draw(st.lists(_item, max_size=2)),
    )


@settings(max_examples=150, deadline=None)
@given(st.lists(publications(), min_size=1, max_size=4))
def test_bibtex_round_trip_property(pubs: list[Publication]) -> None:
    text = render_bibliography(pubs, VENUES)
    imported = import_bibtex(text, "x.bib", VENUES)
    assert imported.diagnostics == []
    ids = [p.id for p in pubs if p.id]
    if len(ids) == len({i.lower() for i in ids}):
        assert imported.publications == pubs
    else:  # an error the check reports; a forced export still gives every entry, a repeated id suffixed
        assert [p.id for p in imported.publications] == [key if p.id else "" for p, key in
                                                         zip(pubs, citation_keys(pubs))]
        assert [p.fields() | {"id": ""} for p in imported.publications] == [p.fields() | {"id": ""} for p in pubs]


CSL_SCHEMA = json.loads((FIXTURES / "csl-data.schema.json").read_text())


def test_csl_json_export_validates() -> None:
    run = hugokit("export", "csl-json", "--site", EXAMPLE_SITE)
    items = json.loads(run.stdout)
    jsonschema.validate(items, CSL_SCHEMA)
    assert len(items) == len(database_of(EXAMPLE_SITE))
    alpa = next(i for i in items if i["title"].startswith("Alpa:"))
    assert alpa["type"] == "paper-conference"
    assert alpa["container-title"] == "USENIX Symposium on Operating Systems Design and Implementation"
    assert alpa["issued"] == {"date-parts": [[2022]]}
    assert alpa["author"][2] == {"family": "Zhang", "given": "Hao"}


def test_export_to_file_is_atomic_and_untouched_when_unchanged(tmp_path: Path) -> None:
    out = tmp_path / "refs.json"
    first = hugokit("export", "csl-json", "--site", EXAMPLE_SITE, "-o", out)
    assert first.exit_code == 0 and "wrote" in first.stderr
    again = hugokit("export", "csl-json", "--site", EXAMPLE_SITE, "-o", out)
    assert "unchanged" in again.stderr


@pytest.mark.parametrize("bad", ["data.txt"])
def test_unknown_import_format_is_a_usage_error(tmp_path: Path, bad: str) -> None:
    source = write(tmp_path / bad, "x")
    run = hugokit("import", source, "--site", tmp_path)
    assert run.exit_code == 2 and "pass --format markdown, pages, bibtex or json" in run.stdout


def test_json_escapes_beyond_the_basic_plane(tmp_path: Path) -> None:
    source = write(tmp_path / "x.json", json.dumps([{"title": "Smile 😀 / done", "date": "2020"}]))
    assert "\\ud83d\\ude00" in source.read_text() and "\\/" not in source.read_text()
    write(tmp_path / "y.json", '[{"title": "a\\/b \\ud83d\\ude00", "date": "2021"}]')
    assert hugokit("import", source, "--site", tmp_path).exit_code == 0
    assert database_of(tmp_path)[0].title == "Smile 😀 / done"
    assert hugokit("import", tmp_path / "y.json", "--site", tmp_path).exit_code == 0
    assert database_of(tmp_path)[0].title == "a/b 😀"


def test_positions_after_escapes_beyond_the_basic_plane_are_the_files(tmp_path: Path) -> None:
    line = '[{"title": "\\ud83d\\ude00 \\ud83d\\ude00", "date": 2021}, {"title": "x", "date": "soon", "year": [1]}]'
    source = write(tmp_path / "z.json", line + "\n")
    (tmp_path / "site").mkdir()
    run = hugokit("import", source, "--site", tmp_path / "site", "--partial")
    for problem, col in ((f"{source}:1:", line.index('"soon"') + 1), (f"{source}:1:", line.index("[1]") + 1)):
        assert f"{problem}{col}: error" in run.stdout, run.stdout
    broken = write(tmp_path / "broken.json", '[{"title": "\\ud83d\\ude00", "date": 2021}, {"title": "x" "y"}]\n')
    run = hugokit("import", broken, "--site", tmp_path / "site")
    col = broken.read_text().index('"y"') + 1
    assert run.exit_code == 2 and f"{broken}:1:{col}: error[yaml-syntax]" in run.stdout, run.stdout


@pytest.mark.parametrize("command", [("import", "x.bib"), ("add", "arXiv:2403.00835"), ("refresh", "--write")])
def test_a_database_with_errors_is_never_edited(tmp_path: Path, command: tuple[str, ...]) -> None:
    """import, add and refresh share one refusal: entries left out of a broken parse would be
    lost by the edit, so nothing is read from a service and nothing is written."""
    write(tmp_path / "x.bib", "@article{a, title={A}, author={Ann Lee}, year={2020}, journal={JMLR}}\n")
    broken = "- title: Kept\n  authors: [Ann Lee]\n  year: twenty\n"
    write(tmp_path / "data/publications.yaml", broken)
    write(tmp_path / "hugokit.yaml", "services: {arxiv: 'http://127.0.0.1:9/', dblp: 'http://127.0.0.1:9/', "
                                     "crossref: 'http://127.0.0.1:9/'}\n")
    run = hugokit(*command, "--site", tmp_path)
    assert run.exit_code == 2, run.output
    assert "data/publications.yaml:1:1: error[bad-database] the database has errors; fix them before hugokit " \
           "changes it (run hugokit check)" in run.output
    assert (tmp_path / "data/publications.yaml").read_text() == broken


def test_a_missing_source_says_where_it_was_looked_for(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    run = hugokit("import", tmp_path / "nowhere.bib", "--site", tmp_path)
    assert run.exit_code == 2
    assert "error[unreadable] the file does not exist (check the path: it is read from the folder hugokit runs in, " \
           "not from --site)" in run.stdout + run.stderr
