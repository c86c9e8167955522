"""`hugokit export`: what it refuses to export from, the keys it writes, where it writes, and the
venue its standard fields carry."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pybtex.database
import pytest

from conftest import REPO, hugokit, write
from hugokit.database import parse_database
from hugokit.importers.bibtex import import_bibtex
from hugokit.model import Publication
from hugokit.render.bibtex import citation_keys, render_entry
from hugokit.render.bundles import front_matter
from hugokit.vocab import load_vocabularies

VENUES = load_vocabularies(REPO)[0].venues
TOPICS = "- Selected\n"


def entry(key: str, title: str, venue: str = "ICML 2019") -> str:
    return (f"- id: {key}\n  title: \"{title}\"\n  authors: [Ada Lovelace]\n  year: 2019\n"
            f"  venue: {venue}\n  topics: [Selected]\n")


def site_with(tmp_path: Path, database: str) -> Path:
    site = tmp_path / "site"
    write(site / "data/publications.yaml", database)
    write(site / "data/topics.yaml", TOPICS)
    return site


def database_of(site: Path) -> list[Publication]:
    database, problems = parse_database((site / "data/publications.yaml").read_text(), "db")
    assert problems == []
    return database.publications


def bib_keys(text: str) -> list[str]:
    return re.findall(r"^@\w+\{([^,]+),$", text, re.M)


# Two entries of one id, and two whose ids differ only in case (one key to BibTeX and pybtex).
DUPLICATES = entry("lovelace2019", "On the Analytical Engine") + entry("lovelace2019", "Notes on the Engine") \
    + entry("Lovelace2019", "Sketch of the Engine")


@pytest.mark.parametrize("fmt", ["bibtex", "csl-json"])
def test_duplicate_ids_are_refused_with_their_place_and_nothing_written(tmp_path: Path, fmt: str) -> None:
    site = site_with(tmp_path, DUPLICATES)
    out = write(tmp_path / "refs.out", "the previous export\n")
    for args in ((), ("-o", out)):
        run = hugokit("export", fmt, "--site", site, *args)
        assert run.exit_code == 1
        assert run.stdout == ""  # standard output is the export's: the diagnostics go to standard error
        assert 'data/publications.yaml:7:7: error[duplicate-id] id "lovelace2019" is also the id of the entry ' \
               "at line 1 (ids must be unique: rename one)" in run.stderr
        assert 'data/publications.yaml:13:7: error[duplicate-id] id "Lovelace2019" is also the id of the entry ' \
               'at line 1 (as "lovelace2019": BibTeX keys ignore case)' in run.stderr
        assert "nothing was exported (fix them, or pass --force to export anyway)" in run.stderr
    assert out.read_text() == "the previous export\n"


def test_a_forced_export_writes_every_key_once_and_imports_whole(tmp_path: Path) -> None:
    site = site_with(tmp_path, DUPLICATES)
    out = tmp_path / "refs.bib"
    run = hugokit("export", "bibtex", "--site", site, "--force", "-o", out)
    assert run.exit_code == 0
    assert 'data/publications.yaml:7:7: warning[export-key] the id "lovelace2019" cannot be a key of this file; ' \
           'the entry was exported with the key "lovelace2019a"' in run.stderr
    text = out.read_text()
    assert bib_keys(text) == ["lovelace2019", "lovelace2019a", "Lovelace2019b"]
    assert len(pybtex.database.parse_string(text, "bibtex").entries) == 3
    other = tmp_path / "other"
    other.mkdir()
    again = hugokit("import", out, "--site", other)
    assert again.exit_code == 0, again.output
    imported = database_of(other)
    assert [p.id for p in imported] == ["lovelace2019", "lovelace2019a", "Lovelace2019b"]
    assert [p.title for p in imported] == [p.title for p in database_of(site)]

    items = json.loads(hugokit("export", "csl-json", "--site", site, "--force").stdout)
    assert [item["id"] for item in items] == ["lovelace2019", "lovelace2019a", "Lovelace2019b"]


def test_keys_never_repeat_whatever_the_ids() -> None:
    pubs = [Publication("A", 2019, ["Ada Lovelace"], id="k"), Publication("B", 2019, ["Ada Lovelace"], id="K"),
            Publication("C", 2019, ["Ada Lovelace"], id="ka"), Publication("D", 2019, ["Ada Lovelace"], id="a b"),
            Publication("E", 2019, ["Ada Lovelace"], id="a-b"), Publication("Engine", 2019, ["Ada Lovelace"]),
            Publication("Engine", 2019, ["Ada Lovelace"], id="lovelace2019engine")]
    keys = citation_keys(pubs)
    assert keys == ["k", "Kb", "ka", "a-ba", "a-b", "lovelace2019enginea", "lovelace2019engine"]
    assert len({key.lower() for key in keys}) == len(keys)


def test_unreadable_entries_are_never_exported_even_forced(tmp_path: Path) -> None:
    site = site_with(tmp_path, entry("a", "Kept") + "- title: Lost\n  year: twenty\n")
    out = tmp_path / "refs.bib"
    run = hugokit("export", "bibtex", "--site", site, "--force", "-o", out)
    assert run.exit_code == 1 and not out.exists()
    assert "data/publications.yaml:8:9: error[" in run.stderr
    assert "nothing was exported, even with --force" in run.stderr


def test_an_export_after_a_cached_check_sees_the_database_as_saved_since(tmp_path: Path) -> None:
    site = site_with(tmp_path, entry("a", "One") + entry("b", "Two"))
    assert hugokit("check", "--site", site).exit_code == 0  # stored in the run cache
    assert bib_keys(hugokit("export", "bibtex", "--site", site).stdout) == ["a", "b"]
    (site / "data/publications.yaml").write_text(entry("a", "One") + entry("a", "Two"))
    run = hugokit("export", "bibtex", "--site", site)
    assert run.exit_code == 1 and "error[duplicate-id]" in run.stderr and run.stdout == ""


def test_output_in_a_missing_folder_is_refused_and_nothing_made(tmp_path: Path) -> None:
    site = site_with(tmp_path, entry("a", "One"))
    before = sorted(tmp_path.rglob("*"))
    run = hugokit("export", "bibtex", "--site", site, "-o", tmp_path / "statc" / "refs.bib")
    assert run.exit_code == 2
    assert f"--output: error[bad-option] --output {tmp_path / 'statc' / 'refs.bib'}: the folder " \
           f"{tmp_path / 'statc'} does not exist; nothing was written" in run.stdout
    assert sorted(tmp_path.rglob("*")) == before
    (tmp_path / "static").mkdir()
    run = hugokit("export", "bibtex", "--site", site, "-o", tmp_path / "static" / "refs.bib")
    assert run.exit_code == 0 and bib_keys((tmp_path / "static/refs.bib").read_text()) == ["a"]


# From tests/corpus/bibtex/dblp-pl-systems.bib (DBLP's records conf/ccs/Algehed18 and
# conf/ccs/CortinasV19): a workshop's whole proceedings title, kept as the venue.
DBLP = r"""
@inproceedings{Algehed18,
  author    = {Maximilian Algehed},
  title     = {A Perspective on the Dependency Core Calculus},
  booktitle = {Proceedings of the 13th Workshop on Programming Languages and Analysis
               for Security, PLAS@CCS 2018, Toronto, ON, Canada, October 15-19, 2018},
  pages     = {24--28},
  publisher = {{ACM}},
  year      = {2018},
  url       = {https://doi.org/10.1145/3264820.3264823},
  doi       = {10.1145/3264820.3264823},
}
@inproceedings{TomeV19,
  author    = {Carlos {Tom{\'{e}} Corti{\~{n}}as} and
               Nachiappan Valliappan},
  title     = {Simple Noninterference by Normalization},
  booktitle = {Proceedings of the 14th {ACM} {SIGSAC} Workshop on Programming Languages
               and Analysis for Security, {CCS} 2019, London, United Kingdom, November
               11-15, 2019},
  year      = {2019},
  doi       = {10.1145/3338504.3357342},
}
"""
PLAS = "Proceedings of the 13th Workshop on Programming Languages and Analysis for Security, PLAS@CCS 2018, " \
       "Toronto, ON, Canada, October 15-19, 2018"
PLAS_2019 = "Proceedings of the 14th ACM SIGSAC Workshop on Programming Languages and Analysis for Security, " \
            "CCS 2019, London, United Kingdom, November 11-15, 2019"


def test_a_proceedings_title_kept_whole_is_the_whole_container(tmp_path: Path) -> None:
    write(tmp_path / "dblp.bib", DBLP)
    site = tmp_path / "site"
    site.mkdir()
    assert hugokit("import", tmp_path / "dblp.bib", "--site", site).exit_code == 0
    assert [p.venue for p in database_of(site)] == [PLAS, PLAS_2019]

    exported = hugokit("export", "bibtex", "--site", site, "--force").stdout
    fields = [e.fields for e in pybtex.database.parse_string(exported, "bibtex").entries.values()]
    assert [f.get("booktitle") or f.get("howpublished") for f in fields] == [PLAS, PLAS_2019]
    items = json.loads(hugokit("export", "csl-json", "--site", site, "--force").stdout)
    assert [(i["container-title"], i["container-title-short"]) for i in items] == [(PLAS, PLAS), (PLAS_2019, PLAS_2019)]

    # The standard fields alone (a page bundle's cite.bib) import as the same venue as DBLP's record.
    pubs = database_of(site)
    alone = "".join(render_entry(p, k, VENUES, own_fields=False) for p, k in zip(pubs, citation_keys(pubs)))
    assert [p.venue for p in import_bibtex(alone, "cite.bib", VENUES).publications] == [PLAS, PLAS_2019]
    assert [front_matter(p, VENUES)["publication"] for p in pubs] == [f"*{PLAS}*", f"*{PLAS_2019}*"]  # Hugo Blox's


def test_venues_of_several_registry_venues_cite_the_first() -> None:
    pub = Publication("A", 2018, ["Ada Lovelace"], venue="ATC 2018 (Oral), AISys@SOSP 2017, MLSys@NeurIPS 2017")
    text = render_entry(pub, "k", VENUES, own_fields=False)
    assert "  booktitle = {USENIX Annual Technical Conference},\n" in text
    marked = Publication("A", 2019, ["Ada Lovelace"], venue="Workshop on Foo 2019 (Oral), Vancouver, Canada")
    assert "{Workshop on Foo 2019, Vancouver, Canada}" in render_entry(marked, "k", VENUES, own_fields=False)


def test_every_whole_proceedings_title_of_a_real_dblp_file_is_exported_whole(tmp_path: Path) -> None:
    """Every venue the import of tests/corpus/bibtex/dblp-pl-systems.bib keeps as written with a
    part that names no venue (workshops, ETAPS volumes) is the standard fields' whole text; the
    others are their registry venue's full name."""
    from hugokit.venue_kinds import venue_of

    site = tmp_path / "site"
    site.mkdir()
    hugokit("import", REPO / "tests/corpus/bibtex/dblp-pl-systems.bib", "--site", site, "--partial")
    pubs = database_of(site)
    exported = pybtex.database.parse_string(hugokit("export", "bibtex", "--site", site, "--force").stdout, "bibtex")
    items = json.loads(hugokit("export", "csl-json", "--site", site, "--force").stdout)
    whole = 0
    for pub, record, item in zip(pubs, exported.entries.values(), items):
        container = next(record.fields[f] for f in ("booktitle", "journal", "howpublished") if f in record.fields)
        assert container == item["container-title"]
        if ", " in pub.venue and len(pub.venue) > 60:  # a proceedings title kept as written
            assert container == pub.venue
            whole += 1
        else:
            assert container == venue_of(pub, VENUES).full and VENUES.lookup(container) is not None, pub.venue
    assert whole == 6
