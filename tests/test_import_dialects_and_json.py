"""Other sites' shortcode dialects, and JSON lists: months, invalid dates, the generator's filing rule."""
from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import FIXTURES, REPO, hugokit, write
from hugokit.database import parse_database
from hugokit.model import Publication

CORPUS = REPO / "tests" / "corpus"
SELF_CLOSING = ('---\ntitle: Publications\n---\n\n### 2024\n\n'
                '{{< publication title="A" authors="X Y, Z W" journal="Nature" >}}\n'
                '{{< publication title="B" authors="Q R" journal="Science" year="2023" >}}\n')


def database_of(site: Path) -> list[Publication]:
    database, problems = parse_database((site / "data/publications.yaml").read_text(), "db")
    assert problems == []
    return database.publications


def test_self_closing_publication_shortcodes_name_what_they_cannot_map(tmp_path: Path) -> None:
    page = write(tmp_path / "pubs.md", SELF_CLOSING)
    run = hugokit("import", page, "--site", tmp_path)
    assert run.exit_code == 1
    errors = [line for line in run.stdout.splitlines() if "error[" in line]
    column, column8 = (SELF_CLOSING.splitlines()[i].index("journal=") + 1 for i in (6, 7))
    assert errors == [
        f'{page}:7:{column}: error[unknown-parameter] unknown shortcode parameter "journal" (import them with '
        "--map journal=FIELD (FIELD: a database field, date or links.KIND), or delete them; known: title, venue, "
        "paperLink, codeLink, award, project, data-topic, a link kind written as <kind>Link, or a database field name)",
        f'{page}:8:{column8}: error[unknown-parameter] unknown shortcode parameter "journal" (import them with '
        "--map journal=FIELD (FIELD: a database field, date or links.KIND), or delete them; known: title, venue, "
        "paperLink, codeLink, award, project, data-topic, a link kind written as <kind>Link, or a database field name)"]
    assert not (tmp_path / "data").exists()

    run = hugokit("import", page, "--site", tmp_path, "--map", "journal=venue")
    assert run.exit_code == 0, run.output
    a, b = database_of(tmp_path)
    assert (a.title, a.authors, a.venue, a.year) == ("A", ["X Y", "Z W"], "Nature", 2024)
    assert (b.title, b.authors, b.venue, b.year) == ("B", ["Q R"], "Science", 2023)  # its year= wins over the heading


def test_another_sites_pub_shortcode(tmp_path: Path) -> None:
    page = CORPUS / "markdown/mkpong-about-publications.md"
    lines = page.read_text().splitlines()
    run = hugokit("import", page, "--site", tmp_path)
    assert run.exit_code == 1 and not (tmp_path / "data").exists()
    unknown = re.findall(r':(\d+):\d+: error\[unknown-parameter\] unknown "pub" shortcode parameter "(\w+)"', run.stdout)
    assert unknown == [("13", "status"), ("15", "type"), ("17", "note")]  # each at its own entry's line
    for number, name in unknown:
        assert f'{name}="' in lines[int(number) - 1]
    assert ":12:1: error[unparsed-line]" in run.stdout and ":19:1: error[unparsed-line]" in run.stdout

    partial = hugokit("import", page, "--site", tmp_path, "--partial")
    assert "imported 6 publications" in partial.stdout  # the entries named above are imported, not lost
    years = [(p.venue, p.year) for p in database_of(tmp_path)]
    assert years[:3] == [("IEEE Access, 2026", 2026), ("KCC 2026", 2026), ("MobiSec 2025", 2025)]  # venue years

    mapped = tmp_path / "mapped"
    mapped.mkdir()
    run = hugokit("import", page, "--site", mapped, "--partial", "--map", "status=keywords", "--map", "type=keywords",
                  "--map", "note=keywords")
    assert "unknown-parameter" not in run.stdout
    sentra = database_of(mapped)[2]
    assert sentra.keywords == ["Poster"] and sentra.award == "KIISC Best Poster Award"


def test_json_months_are_kept_wherever_a_date_is_written(tmp_path: Path) -> None:
    source = write(tmp_path / "list.json", json.dumps(
        [{"title": "A Paper", "authors": "X Y", "venue": "Preprint 2025", "date": "10/2025",
          "pdf": "https://x.org/a"}]))
    assert hugokit("import", source, "--site", tmp_path).exit_code == 0
    (pub,) = database_of(tmp_path)
    assert (pub.date, pub.year) == ("2025-10", 2025)
    assert "  date: 2025-10\n" in (tmp_path / "data/publications.yaml").read_text()
    assert hugokit("build", "--pages", "--site", tmp_path, "--force").exit_code == 0
    bundle = next((tmp_path / "content/publication").glob("*/index.md")).read_text()
    assert "\ndate: '2025-10-01'\n" in bundle
    bib = hugokit("export", "bibtex", "--site", tmp_path).stdout
    assert "  month = oct,\n" in bib and "  hugokit-date = {2025-10},\n" in bib
    csl = json.loads(hugokit("export", "csl-json", "--site", tmp_path).stdout)
    assert csl[0]["issued"] == {"date-parts": [[2025, 10]]}


def test_json_invalid_dates_are_errors_at_their_line(tmp_path: Path) -> None:
    source = write(tmp_path / "list.json", '[\n {"title": "A", "venue": "Preprint", "date": "13/2025"},\n'
                                           ' {"title": "B", "venue": "Preprint", "date": "2025-13-45"},\n'
                                           ' {"title": "C", "venue": "Preprint", "date": "2025-02-30"}\n]\n')
    run = hugokit("import", source, "--site", tmp_path)
    assert run.exit_code == 1 and not (tmp_path / "data").exists()
    errors = [line for line in run.stdout.splitlines() if "error[" in line]
    assert errors[:3] == [
        f'{source}:2:46: error[bad-date] "date" of item 1 is not a date: month 13 does not exist '
        "(write YYYY, MM/YYYY, YYYY-MM or YYYY-MM-DD)",
        f'{source}:3:46: error[bad-date] "date" of item 2 is not a date: month 13 does not exist '
        "(write YYYY, MM/YYYY, YYYY-MM or YYYY-MM-DD)",
        f'{source}:4:46: error[bad-date] "date" of item 3 is not a date: February 2025 has no day 30 '
        "(write YYYY, MM/YYYY, YYYY-MM or YYYY-MM-DD)"]


def test_the_generators_filing_rule_gives_the_same_year_headings(tmp_path: Path) -> None:
    entries = [("ICLR 2023", "09/2022", 2023), ("OSDI 2021", "11/2020", 2021), ("ICML 2009", "10/2008", 2008),
               ("Preprint", "05/2019", 2019), ("Workshop on X 7", "03/2017", 2017)]
    source = write(tmp_path / "list.json", json.dumps(
        [{"title": f"Paper {i}", "authors": "X Y", "venue": venue, "date": date} for i, (venue, date, _) in
         enumerate(entries)]))
    assert hugokit("import", source, "--site", tmp_path).exit_code == 0
    assert [p.year for p in database_of(tmp_path)] == [year for _, _, year in entries]
    assert hugokit("build", "--site", tmp_path, "--force").exit_code == 0
    page = (tmp_path / "content/publications.md").read_text()
    assert re.findall(r"^### (\d{4})$", page, re.MULTILINE) == ["2023", "2021", "2019", "2017", "2008"]


def test_the_seed_sites_json_format_files_by_the_venue_year(tmp_path: Path) -> None:
    assert hugokit("import", FIXTURES / "seed-format.json", "--site", tmp_path).exit_code == 0
    assert hugokit("build", "--site", tmp_path, "--force").exit_code == 0
    page = (tmp_path / "content/publications.md").read_text()
    assert re.findall(r"^### (\d{4})$", page, re.MULTILINE) == ["2022", "2021"]  # OSDI 2022, OSDI 2021 (11/2020)


def test_another_labs_json_with_maps(tmp_path: Path) -> None:
    source = CORPUS / "json/gpauloski-publications.json"
    run = hugokit("import", source, "--site", tmp_path)
    assert run.exit_code == 1
    assert f'{source}:15:5: error[unknown-key] unknown key "tldr" in item 1' in run.stdout
    maps = ["tldr=abstract", "bibtex=id", "website=links.project", "preprint=links.arxiv",
            "publisher=links.publisher", "category=keywords"]
    run = hugokit("import", source, "--site", tmp_path, *[arg for m in maps for arg in ("--map", m)])
    assert run.exit_code == 0, run.output
    proxystore, glioma = database_of(tmp_path)
    assert (proxystore.id, proxystore.year, proxystore.date) == ("pauloski2023proxystore", 2023, "2023-11")
    assert proxystore.topics == ["Selected"] and proxystore.links["arxiv"] == "https://arxiv.org/abs/2305.09593"
    assert (glioma.venue, glioma.keywords, glioma.topics) == ("BrainLes 2018", ["science"], [])


def test_a_json_file_holding_one_object(tmp_path: Path) -> None:
    source = CORPUS / "json/pauloski2021kaisa.json"
    run = hugokit("import", source, "--site", tmp_path, "--map", "tldr=abstract", "--map", "bibtex=id",
                  "--map", "website=links.project")
    assert run.exit_code == 0, run.output
    (kaisa,) = database_of(tmp_path)
    assert (kaisa.id, kaisa.venue, kaisa.date, kaisa.topics) == \
        ("pauloski2021kaisa", "SC 2021", "2021-11", ["Selected"])


def test_the_databases_date_field(tmp_path: Path) -> None:
    write(tmp_path / "data/publications.yaml", "- title: A\n  year: 2024\n  date: 2024-05-01\n"
                                               "- title: B\n  year: 2024\n  date: 2024-13\n"
                                               "- title: C\n  year: 2024\n  date: 05/2024\n")
    run = hugokit("check", "--site", tmp_path)
    errors = [line for line in run.stdout.splitlines() if "error[" in line]
    assert errors == [
        'data/publications.yaml:6:9: error[bad-date] "date" of publication 2 is not a date: month 13 does not exist '
        "(write YYYY, YYYY-MM or YYYY-MM-DD)",
        'data/publications.yaml:9:9: error[bad-date] "date" of publication 3 is not a date: "05/2024" '
        "(write YYYY, YYYY-MM or YYYY-MM-DD)"]
