"""`fix` and the import merge edit the database's real text — byte-order mark, CRLF and all —
and write only what reads back as the database they meant."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from conftest import hugokit, write
from hugokit.database import parse_database
from hugokit.diagnostics import Fix, InputError
from hugokit.merge import merge
from hugokit.model import Publication
from hugokit.verify import expect_database, fix_database

BOM = "\ufeff"
BLOCK = ('- title: "A paper"\n  year: 2024\n  venue: preprint 2024\n  authors: [Ann Lee]\n'
         '  links:\n    paper: "https://a.org/p.pdf"\n')


def _site(tmp_path: Path, database: str) -> Path:
    site = tmp_path / "site"
    (site / "data").mkdir(parents=True)
    (site / "data/publications.yaml").write_bytes(database.encode("utf-8"))
    return site


def _database(site: Path) -> str:
    return (site / "data/publications.yaml").read_bytes().decode("utf-8")


@pytest.mark.parametrize("bom", ["", BOM])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_fix_edits_the_real_text(tmp_path: Path, bom: str, newline: str) -> None:
    site = _site(tmp_path, bom + BLOCK.replace("\n", newline))
    assert hugokit("fix", "--site", site).exit_code == 0
    assert _database(site) == bom + BLOCK.replace("preprint", "Preprint").replace("\n", newline)


@pytest.mark.parametrize("bom", ["", BOM])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_the_merge_adds_a_field_and_a_link_to_a_block_style_entry(tmp_path: Path, bom: str, newline: str) -> None:
    site = _site(tmp_path, bom + BLOCK.replace("\n", newline))
    source = write(tmp_path / "in.json", json.dumps([{"title": "A paper", "year": 2024, "code": "https://c.org",
                                                      "award": "Best Paper"}]))
    run = hugokit("import", source, "--site", site)
    assert run.exit_code == 0, run.output
    expected = BLOCK + '    code: "https://c.org"\n  award: Best Paper\n'
    assert _database(site) == bom + expected.replace("\n", newline)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_newer_entry_goes_after_the_byte_order_mark(tmp_path: Path, newline: str) -> None:
    # It goes before the first entry, which starts the file's first line: after the mark, not before.
    site = _site(tmp_path, BOM + BLOCK.replace("\n", newline))
    source = write(tmp_path / "in.json", json.dumps([{"title": "Newer", "year": 2025}]))
    run = hugokit("import", source, "--site", site)
    assert run.exit_code == 0, run.output
    assert _database(site) == BOM + ('- title: "Newer"\n  year: 2025\n' + BLOCK).replace("\n", newline)


def test_the_merge_puts_new_fields_before_the_entry_that_follows(tmp_path: Path) -> None:
    text = BLOCK + '- title: "Next"\n  year: 2023\n'
    database, _ = parse_database(text, "d.yaml")
    incoming = [Publication("A paper", 2024, award="Best Paper"), Publication("Third", 2024)]
    merged = merge(text, database, incoming, "in.json")
    assert merged.text == BLOCK + '  award: Best Paper\n- title: "Third"\n  year: 2024\n- title: "Next"\n  year: 2023\n'
    expect_database(merged.text, "d.yaml", merged.expected)


def test_the_merge_knows_a_doi_however_it_is_written() -> None:
    """doi:…, http://dx.doi.org/… and the bare DOI name one paper: the entry gains the award
    instead of a second entry being added under another title."""
    text = '- title: "Old title"\n  year: 2024\n  doi: "doi:10.1145/3600006.3613165"\n'
    database, _ = parse_database(text, "d.yaml")
    incoming = [Publication("New title", 2024, doi="http://dx.doi.org/10.1145/3600006.3613165", award="Best Paper")]
    merged = merge(text, database, incoming, "in.json")
    assert not merged.added and [fields for _, fields in merged.updated] == [["award"]]


def test_incoming_duplicates_are_reported_and_both_kept(tmp_path: Path) -> None:
    site = _site(tmp_path, BLOCK)
    source = write(tmp_path / "in.json", json.dumps([{"title": "New one", "year": 2023, "id": "k"},
                                                     {"title": "Other", "year": 2023, "id": "k"},
                                                     {"title": "new  ONE", "year": 2022}]))
    run = hugokit("import", source, "--site", site)
    assert run.exit_code == 0
    assert run.stdout.count("warning[duplicate-in-import]") == 2
    assert [p.title for p in parse_database(_database(site), "d")[0].publications] == \
        ["A paper", "New one", "Other", "new  ONE"]


def test_a_fix_that_does_not_read_back_is_not_written(tmp_path: Path) -> None:
    text = BLOCK
    start = text.index("preprint 2024")
    bad = Fix("d.yaml", start, start + len("preprint 2024"), "Preprint 2024\n  year: 1")  # breaks the entry
    with pytest.raises(InputError) as raised:
        fix_database(text, "d.yaml", [bad])
    assert raised.value.diagnostics[0].code == "internal-error"


def test_a_merge_that_does_not_read_back_is_an_internal_error() -> None:
    database, _ = parse_database(BLOCK, "d.yaml")
    with pytest.raises(InputError):
        expect_database(BLOCK.replace("  links:\n", "links:\n"), "d.yaml", database.publications)


def test_the_merge_is_linear_in_the_file_size() -> None:
    n = 20_000
    text = "".join(f'- title: "Paper {i}"\n  year: {2000 + i % 20}\n  links:\n    paper: "https://x.org/{i}"\n'
                   for i in range(n))
    database, _ = parse_database(text, "d.yaml")
    incoming = [Publication(f"Paper {i}" if i % 2 else f"New {i}", 2000 + i % 20, award="Best",
                            links={"code": f"https://c.org/{i}"}) for i in range(n)]
    started = time.perf_counter()
    merged = merge(text, database, incoming, "in.json")
    assert time.perf_counter() - started < 10  # was minutes: every edit copied the whole text
    assert len(merged.added) == n // 2 and len(merged.updated) == n // 2
    assert merged.text.count("award: Best\n") == n


def test_a_fix_that_reads_back_differently_in_its_context_is_not_written() -> None:
    text = "- {title: T, year: 2024, venue: x}\n"
    start = text.index("x}")
    with pytest.raises(InputError) as raised:
        fix_database(text, "d.yaml", [Fix("d.yaml", start, start + 1, "a, b")])  # "a, b" alone; two keys in { }
    assert raised.value.diagnostics[0].code == "internal-error"


@pytest.mark.parametrize("source", ["seed-publications.md", "real-world.bib"])
def test_a_windows_saved_source_imports_as_the_original(tmp_path: Path, source: str) -> None:
    from conftest import FIXTURES

    data = (FIXTURES / source).read_bytes()
    databases = []
    for name, variant in (("plain", data), ("windows", b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n"))):
        path = tmp_path / name / source
        path.parent.mkdir()
        path.write_bytes(variant)
        run = hugokit("import", path, "--site", path.parent, "--partial")  # real-world.bib has 2 bad entries
        assert run.exit_code == (1 if source.endswith(".bib") else 0), run.output
        databases.append((path.parent / "data/publications.yaml").read_text())
    assert databases[0] == databases[1]


@pytest.mark.parametrize("module, planner, command", [
    ("hugokit.cli_exchange", "import_file", "import"),  # the import merge
    ("hugokit.fixing", "fix_site", "fix"),
])
def test_an_edit_never_undoes_a_save_made_while_it_ran(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       module: str, planner: str, command: str) -> None:
    import importlib

    commands = importlib.import_module(module)
    site = _site(tmp_path, BLOCK)
    source = write(tmp_path / "in.json", json.dumps([{"title": "New one", "year": 2023}]))
    saved = BLOCK + '- {title: "Saved meanwhile", year: 2020}\n'
    plan = getattr(commands, planner)

    def plan_then_someone_saves(*args, **kwargs):  # type: ignore[no-untyped-def]
        planned = plan(*args, **kwargs)
        (site / "data/publications.yaml").write_text(saved)
        return planned

    monkeypatch.setattr(commands, planner, plan_then_someone_saves)
    run = hugokit(command, *([source] if command == "import" else []), "--site", site)
    assert run.exit_code == 2 and "error[changed-meanwhile]" in run.stdout
    assert _database(site) == saved
