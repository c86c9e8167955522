"""`hugokit add` end to end through the CLI, against recorded answers served on 127.0.0.1."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, SEED_PAGE, hugokit, write
from sources_server import SourcesServer, configure, database, seeded, server  # noqa: F401  (fixtures)

from hugokit.sources.identifiers import Identifier, parse

GOLDEN = FIXTURES / "sources" / "added.yaml"


@pytest.fixture
def empty(tmp_path: Path, server: SourcesServer, monkeypatch: pytest.MonkeyPatch) -> Path:  # noqa: F811
    monkeypatch.setenv("HUGOKIT_CACHE_DIR", str(tmp_path / "cache"))
    site = tmp_path / "site"
    (site / "data").mkdir(parents=True)
    configure(site, server.base)
    return site


def test_add_by_arxiv_id_doi_and_dblp_url(empty: Path, server: SourcesServer) -> None:  # noqa: F811
    run = hugokit("add", "arXiv:2403.00835", "doi:10.18653/v1/2024.findings-acl.366",
                  "https://dblp.org/rec/conf/osdi/ZhongLCHZL0024.html", "--site", empty)
    assert run.exit_code == 0, run.output
    assert run.stdout.endswith("added 3 publication(s) to data/publications.yaml\n"
                               "  ICML 2024: CLLMs: Consistency Large Language Models\n"
                               "  Findings of ACL 2024: Efficient Detection of LLM-generated Texts with a Bayesian Surrogate "
                               "Model\n"
                               "  OSDI 2024, pp. 193–210: DistServe: Disaggregating Prefill and Decoding for Goodput-optimized "
                               "Large Language Model Serving\n")
    assert database(empty) == GOLDEN.read_text(encoding="utf-8"), \
        f"regenerate with: cp {empty}/data/publications.yaml {GOLDEN}"
    check = hugokit("check", "--site", empty, "--select", "unknown-venue,venue-year,bad-link,unsafe-value")
    assert check.exit_code == 0, check.output


def test_an_entry_already_listed_is_matched_and_never_added_twice(seeded: Path, server: SourcesServer) -> None:  # noqa: F811
    count = len(yaml.safe_load(database(seeded)))
    run = hugokit("add", "https://arxiv.org/abs/2402.01869v2", "--site", seeded)
    assert run.exit_code == 0, run.output
    assert 'data/publications.yaml:21:3: already listed: "APIServe: Efficient API Support for Large-Language Model ' \
           'Inferencing"; it gains arxiv, abstract' in run.stdout
    assert "added 0 publication(s)" in run.stdout
    entries = yaml.safe_load(database(seeded))
    assert len(entries) == count
    apiserve = entries[3]
    assert apiserve["arxiv"] == "2402.01869" and apiserve["venue"] == "Preprint 2024"
    assert apiserve["authors"][0] == "Reyna Abhyankar*"  # its own authors, marks and all, are kept
    again = hugokit("add", "2402.01869", "--site", seeded)
    assert "; nothing was added" in again.stdout and len(yaml.safe_load(database(seeded))) == count


def test_dry_run_prints_the_diff_and_writes_nothing(seeded: Path, server: SourcesServer) -> None:  # noqa: F811
    before = database(seeded)
    with_comment = before.replace("- title: \"How Long", "# workshop papers\n- title: \"How Long")
    (seeded / "data" / "publications.yaml").write_text(with_comment, encoding="utf-8")
    run = hugokit("add", "--dry-run", "doi:10.18653/v1/2024.findings-acl.366", "--site", seeded)
    assert run.exit_code == 1, run.output  # the database would change; --dry-run writes nothing
    assert database(seeded) == with_comment
    assert "+  doi: 10.18653/v1/2024.findings-acl.366\n" in run.stdout
    assert "would add 0 publication(s)" in run.stdout
    # what differs from the entry listed: reported (naming where the other value comes from), not replaced
    conflict = next(line for line in run.stdout.splitlines() if "warning[merge-conflict]" in line)
    assert "warning[merge-conflict] the fetched record has another " in conflict
    assert conflict.endswith("(edit the database by hand if the fetched record is right)") and "import" not in conflict


def test_a_new_paper_goes_among_its_year_keeping_comments(seeded: Path, server: SourcesServer,  # noqa: F811
                                                          tmp_path: Path) -> None:
    text = database(seeded)
    start = text.index("- title: \"DistServe")
    end = text.index("- title: \"Chatbot Arena")
    (seeded / "data" / "publications.yaml").write_text("# my list\n" + text[:start] + text[end:], encoding="utf-8")
    run = hugokit("add", "conf/osdi/ZhongLCHZL0024", "--site", seeded)
    assert run.exit_code == 0, run.output
    after = database(seeded)
    assert after.startswith("# my list\n")
    entries = yaml.safe_load(after)
    distserve = next(e for e in entries if e["title"].startswith("DistServe"))
    assert distserve["venue"] == "OSDI 2024, pp. 193–210" and distserve["year"] == 2024  # DBLP's pages
    assert entries.index(distserve) < next(i for i, e in enumerate(entries) if e["year"] == 2023)


@pytest.mark.parametrize(("argument", "message"), [
    ("not-an-id", 'not-an-id: error[bad-identifier] cannot read "not-an-id" as an arXiv id, a DOI or a DBLP key'),
    ("arXiv:2999.99999", "arXiv: error[service-error] has no paper 2999.99999 (check the arXiv identifier)"),
    ("doi:10.1000/unknown", "Crossref: error[service-error] does not know the DOI 10.1000/unknown"),
    ("conf/icml/Nobody24", "DBLP: error[service-error] has no record conf/icml/Nobody24 (check the key"),
])
def test_what_cannot_be_added_is_one_error(empty: Path, argument: str, message: str) -> None:
    run = hugokit("add", argument, "--site", empty)
    assert run.exit_code == 2
    assert run.output.startswith(message), run.output
    assert not (empty / "data" / "publications.yaml").exists()


@pytest.mark.parametrize(("text", "expected"), [
    ("arXiv:2403.00835", Identifier("arxiv", "2403.00835")),
    ("2403.00835v3", Identifier("arxiv", "2403.00835")),
    ("https://arxiv.org/pdf/2401.09670v1.pdf", Identifier("arxiv", "2401.09670")),
    ("hep-th/9901001", Identifier("arxiv", "hep-th/9901001")),
    ("doi:10.18653/v1/2024.findings-acl.366", Identifier("doi", "10.18653/v1/2024.findings-acl.366")),
    ("https://doi.org/10.1145/3600006.3613165", Identifier("doi", "10.1145/3600006.3613165")),
    ("10.1145/3600006.3613165", Identifier("doi", "10.1145/3600006.3613165")),
    ("DBLP:conf/icml/KouHHD024", Identifier("dblp", "conf/icml/KouHHD024")),
    ("https://dblp.org/rec/journals/corr/abs-2403-00835.html", Identifier("dblp", "journals/corr/abs-2403-00835")),
    ("ICML 2024", None),
])
def test_identifiers_as_people_paste_them(text: str, expected: Identifier | None) -> None:
    assert parse(text) == expected


def test_an_arxiv_doi_is_added_as_the_preprint(empty: Path, server: SourcesServer) -> None:  # noqa: F811
    run = hugokit("add", "https://doi.org/10.48550/arXiv.2402.01869", "--site", empty)
    assert run.exit_code == 0, run.output
    [entry] = yaml.safe_load(database(empty))
    assert entry["venue"] == "Preprint 2024" and entry["arxiv"] == "2402.01869"
    assert entry["links"] == {"paper": "https://arxiv.org/abs/2402.01869"}
    assert server.paths("/crossref") == []


def test_seed_page_still_imports(tmp_path: Path) -> None:
    write(tmp_path / "hugokit.yaml", "services: {contact: lab@example.org}\n")
    assert hugokit("import", SEED_PAGE, "--site", tmp_path).exit_code == 0


def test_a_rerun_of_add_is_answered_from_the_cache_with_the_server_stopped(empty: Path,
                                                                          server: SourcesServer) -> None:  # noqa: F811
    first = hugokit("add", "--dry-run", "arXiv:2403.00835", "--site", empty)
    assert first.exit_code == 1, first.output
    server.stop()
    second = hugokit("add", "arXiv:2403.00835", "--site", empty)
    assert second.exit_code == 0, second.output
    assert yaml.safe_load(database(empty))[0]["venue"] == "ICML 2024"


def test_a_proceedings_title_from_crossref_becomes_its_venue_and_what_it_leaves_out_is_said(
        empty: Path, server: SourcesServer) -> None:  # noqa: F811
    import json

    from sources_server import Scripted

    work = {"status": "ok", "message-type": "work", "message": {
        "DOI": "10.1145/3600006.3613165", "type": "proceedings-article", "title": ["A Paper"],
        "author": [{"given": "Ada", "family": "Lovelace"}], "published-print": {"date-parts": [[2023]]},
        "container-title": ["Proceedings of the 29th Symposium on Operating Systems Principles, SOSP 2023, "
                            "Koblenz, Germany, October 23-26, 2023"],
        "resource": {"primary": {"URL": "https://dl.acm.org/doi/10.1145/3600006.3613165"}}}}
    server.script["/crossref/"] = [Scripted(200, json.dumps(work), {"Content-Type": "application/json"})]
    run = hugokit("add", "doi:10.1145/3600006.3613165", "--site", empty)
    assert run.exit_code == 0, run.output
    assert yaml.safe_load(database(empty))[0]["venue"] == "SOSP 2023"
    assert run.stdout.endswith(
        "  SOSP 2023: A Paper\n"
        'note: SOSP 2023 was read from Crossref\'s "Proceedings of the 29th Symposium on Operating Systems '
        'Principles, SOSP 2023, Koblenz, Germany, October 23-26, 2023"; the rest of it ("Proceedings of the 29th '
        'Symposium on Operating Systems Principles, Koblenz, Germany, October 23-26, 2023") is not kept\n')


def test_a_journal_article_s_volume_issue_and_pages_become_its_venue_s_locator(empty: Path,
                                                                               server: SourcesServer) -> None:  # noqa: F811
    """As a BibTeX import writes them (Nature 585(7825):357–362, 2020), from Crossref's volume,
    issue and page and from DBLP's volume, number and pages (both recorded answers)."""
    run = hugokit("add", "doi:10.1002/pssc.201200953", "dblp:journals/cacm/Szalay08", "--site", empty)
    assert run.exit_code == 0, run.output
    venues = [entry["venue"] for entry in yaml.safe_load(database(empty))]
    assert venues == ["physica status solidi (c) 10(3):319–322, 2013", "Commun. ACM 51(11):58–65, 2008"]
    exported = hugokit("export", "bibtex", "--site", empty, "--force")  # venues the registry lacks
    assert "volume = {10}" in exported.stdout and "pages = {319--322}" in exported.stdout
    assert "number = {11}" in exported.stdout and "pages = {58--65}" in exported.stdout


@pytest.mark.parametrize(("fields", "venue", "said"), [
    ({"volume": "8", "article-number": "e1078"}, "J. Test 8:e1078, 2020", []),
    ({"volume": "8", "issue": "2", "page": "1-"}, "J. Test 8(2), 2020",
     ["note: Crossref's page \"1-\" is not a page range, a page or an article number"]),
    ({"volume": "Spring", "page": "12-34"}, "J. Test 2020, pp. 12–34",  # the pages are kept alone
     ["note: Crossref's volume \"Spring\" is not a volume"]),
    ({"volume": "8"}, "J. Test 2020", ["note: Crossref's volume \"8\" has no issue or pages with it"]),
])
def test_what_of_a_source_s_locator_the_venue_cannot_hold_is_said(empty: Path, server: SourcesServer,  # noqa: F811
                                                                  fields: dict[str, str], venue: str,
                                                                  said: list[str]) -> None:
    import json

    from sources_server import Scripted

    work = {"status": "ok", "message-type": "work", "message": {
        "DOI": "10.5555/test", "type": "journal-article", "title": ["A Paper"],
        "author": [{"given": "Ada", "family": "Lovelace"}], "published-print": {"date-parts": [[2020]]},
        "container-title": ["J. Test"], **fields}}
    server.script["/crossref/"] = [Scripted(200, json.dumps(work), {"Content-Type": "application/json"})]
    run = hugokit("add", "doi:10.5555/test", "--site", empty)
    assert run.exit_code == 0, run.output
    assert yaml.safe_load(database(empty))[0]["venue"] == venue
    notes = [line for line in run.stdout.splitlines() if line.startswith("note: Crossref's")]
    assert [note[:len(expected)] for note, expected in zip(notes, said)] == said and len(notes) == len(said)


def test_a_proceedings_volume_never_becomes_a_locator(empty: Path, server: SourcesServer) -> None:  # noqa: F811
    """A proceedings article's volume is its series' (LNCS 12345) and never becomes a locator; its
    pages come with the record whose venue is taken (DBLP's, which has none here, not Crossref's)."""
    run = hugokit("add", "doi:10.18653/v1/2024.findings-acl.366", "--site", empty)  # Crossref's recording has its page
    assert run.exit_code == 0, run.output
    assert yaml.safe_load(database(empty))[0]["venue"] == "Findings of ACL 2024"


def test_add_takes_the_vocabularies_from_the_memo_while_their_files_are_unchanged(
        empty: Path, server: SourcesServer, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    from hugokit import vocab

    loaded = vocab.load_vocabularies
    parsed: list[Path] = []

    def counting(root: Path, *args: object) -> object:
        parsed.append(root)
        return loaded(root, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(vocab, "load_vocabularies", counting)
    assert hugokit("add", "arXiv:2403.00835", "--site", empty).exit_code == 0
    assert len(parsed) == 1
    assert hugokit("add", "doi:10.18653/v1/2024.findings-acl.366", "--site", empty).exit_code == 0
    assert len(parsed) == 1  # served from the memo the first run stored
    write(empty / "data/venues.yaml", "- XYZ\n")  # the site's own venues: the memo's key changes
    assert hugokit("add", "https://dblp.org/rec/conf/osdi/ZhongLCHZL0024.html", "--site", empty).exit_code == 0
    assert len(parsed) == 2
    assert hugokit("add", "arXiv:2403.00835", "--site", empty, "--no-cache").exit_code == 0
    assert len(parsed) == 3  # --no-cache: no memo either
