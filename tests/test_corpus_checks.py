"""`hugokit check` after importing real corpus files (tests/corpus/README.md): what an importer
writes without a word is never then an error, and real lists' habits raise no false alarms."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import REPO, hugokit, write
from hugo_site import render
from hugokit.database import parse_database
from hugokit.model import Publication

CORPUS = REPO / "tests" / "corpus"
BUNDLES = CORPUS / "hugoblox" / "theme-academic-cv"
# The source site's config/_default/hugo.yaml, reduced to its permalinks (none for publication).
SOURCE_CONFIG = """baseURL: https://example.org/
permalinks:
  event: '/talk/:slug/'
  tags: '/tag/:slug/'
  categories: '/category/:slug/'
  publication_types: '/publication-type/:slug/'
disableKinds: [taxonomy, term, RSS, sitemap]
"""


def imported(source: Path, site: Path, *args: str) -> tuple[str, list[Publication]]:
    site.mkdir(exist_ok=True)
    run = hugokit("import", source, "--site", site, "--partial", *args)
    assert run.exit_code in (0, 1) and "Traceback" not in run.output, run.output
    db, problems = parse_database((site / "data/publications.yaml").read_text(encoding="utf-8"), "db")
    assert problems == []
    return run.stdout, db.publications


def checked(site: Path, *codes: str) -> list[str]:
    return hugokit("check", "--site", site, "--select", ",".join(codes)).stdout.splitlines()


def source_site(tmp_path: Path, config: str = SOURCE_CONFIG) -> Path:
    """The corpus bundles where the source site keeps them, content/publication/<bundle>/, with
    stand-ins for the slides the pages link to."""
    source = tmp_path / "source"
    shutil.copytree(BUNDLES, source / "content" / "publication")
    write(source / "content/publication/exli/exli-slides.pdf", "slides\n")
    write(source / "content/publication/inlinetests/inline-tests-slides.pdf", "slides\n")
    write(source / "hugo.yaml", config)
    return source


def test_bundle_files_become_the_paths_hugo_publishes_them_at(tmp_path: Path) -> None:
    source = source_site(tmp_path)
    output, pubs = imported(source / "content" / "publication", tmp_path / "site")
    assert {p.title[:20]: p.links["slides"] for p in pubs} == {
        "Extracting inline te": "/publication/exli/exli-slides.pdf",
        "Inline tests": "/publication/inlinetests/inline-tests-slides.pdf"}
    assert "bad-link" not in output
    assert checked(tmp_path / "site", "bad-link") == []
    # Hugo itself publishes the files there.
    write(source / "layouts/_default/single.html", "{{ .Title }}\n")
    write(source / "layouts/_default/list.html", "list\n")
    result = render(source, tmp_path / "public")
    assert result.returncode == 0, result.stdout + result.stderr
    for pub in pubs:
        assert (tmp_path / "public" / pub.links["slides"].lstrip("/")).read_text() == "slides\n"


def test_a_bundle_file_whose_url_is_not_certain_is_kept_and_reported_where_it_is(tmp_path: Path) -> None:
    # Outside a site's content/ folder (the corpus as committed), under permalinks for the
    # section, and with a url of its own, the page's URL is not certain.
    permalinks = SOURCE_CONFIG.replace("permalinks:\n", "permalinks:\n  publication: '/papers/:slug/'\n")
    elsewhere = source_site(tmp_path / "b", permalinks) / "content/publication"
    own_url = source_site(tmp_path / "c") / "content/publication"
    page = own_url / "exli/index.md"
    page.write_text(page.read_text().replace('slides: ""\n', 'slides: ""\nurl: /exli/\n'))
    for n, source in enumerate((BUNDLES, elsewhere, own_url / "exli")):
        output, pubs = imported(source, tmp_path / f"site{n}")
        exli = next(p for p in pubs if p.id == "LiuISSTA23EXLI")
        assert exli.links["slides"] == "exli-slides.pdf"
        assert re.search(r"exli/index\.md:30:13: warning\[bad-link\] the slides link is a relative path: "
                         r'"exli-slides\.pdf"; imported as it is \(.*a page bundle\'s files sit under its page\'s URL\)',
                         output), output
        assert any("error[bad-link]" in line and "\"exli-slides.pdf\"" in line
                   for line in checked(tmp_path / f"site{n}", "bad-link"))


def test_al_folio_file_names_are_site_paths_the_check_accepts(tmp_path: Path) -> None:
    _, pubs = imported(CORPUS / "bibtex/al-folio-template.bib", tmp_path / "site")
    assert "/assets/pdf/example_pdf.pdf" in [p.links.get("pdf") for p in pubs]  # beside html, the paper's page
    assert checked(tmp_path / "site", "bad-link") == []
    assert checked(tmp_path / "site", "unknown-link-kind") == []


def test_json_relative_links_are_reported_at_import_and_by_the_check(tmp_path: Path) -> None:
    output, pubs = imported(CORPUS / "json/pauloski2021kaisa.json", tmp_path / "site",
                            "--map", "tldr=abstract")
    assert pubs[0].links["paper"] == "publications/pauloski2021kaisa.pdf"
    assert "pauloski2021kaisa.json:14:14: warning[bad-link] the paper link is a relative path: " \
           "\"publications/pauloski2021kaisa.pdf\"; imported as it is" in output
    reported = checked(tmp_path / "site", "bad-link")
    assert len(reported) == 2 and all("error[bad-link]" in line and "is a relative path" in line for line in reported)
    assert '"publications/pauloski2021kaisa.pdf"' in reported[0] and '"slides/pauloski-sc21-kaisa.pdf"' in reported[1]


def test_web_addresses_without_a_scheme_are_imported_with_https(tmp_path: Path) -> None:
    output, pubs = imported(CORPUS / "bibtex/donlelek-myreferences.bib", tmp_path / "site")
    links = [url for p in pubs for url in p.links.values()]
    assert not [url for url in links if url.startswith("www.")]
    assert len([url for url in links if url.startswith("https://www.sernapesca.cl/index.php?option=")]) == 5
    repaired = [line for line in output.splitlines() if "warning[link-repaired]" in line]
    assert len(repaired) == 5 and "has no scheme: imported as \"https://www.sernapesca.cl/" in repaired[0]
    assert checked(tmp_path / "site", "bad-link") == []


def test_links_written_as_html_anchors_are_imported_as_their_targets(tmp_path: Path) -> None:
    """A lab site's .bib holds every url as `doi:<a href="https://doi.org/…">…</a>` (its own
    templates render it); the link is the anchor's target, said so at import, and `fix` repairs
    such a link already in a database the same way."""
    output, pubs = imported(CORPUS / "bibtex/4c-multiphysics-anchor-urls.bib", tmp_path / "site")
    assert pubs[0].links == {"paper": "https://doi.org/10.1007/s10237-026-02064-8"}
    assert all(p.links["paper"].startswith("https://doi.org/10.") for p in pubs) and len(pubs) == 6
    repaired = [line for line in output.splitlines() if "warning[link-repaired]" in line]
    assert len(repaired) == 6 and repaired[0].endswith(
        'is not an http(s) URL: imported as "https://doi.org/10.1007/s10237-026-02064-8" (check it in the database)')
    assert checked(tmp_path / "site", "bad-link") == []
    database = tmp_path / "site/data/publications.yaml"
    text = database.read_text(encoding="utf-8")
    database.write_text(text.replace('"https://doi.org/10.1007/s10237-026-02064-8"',
                                     '"doi:<a href=\'https://doi.org/10.1007/s10237-026-02064-8\'>10.1007/…</a>"'),
                        encoding="utf-8")
    assert len(checked(tmp_path / "site", "bad-link")) == 1
    hugokit("fix", "--site", tmp_path / "site", "--select", "bad-link")
    assert database.read_text(encoding="utf-8") == text


def test_one_paper_at_two_workshops_is_a_warning_naming_both(tmp_path: Path) -> None:
    imported(CORPUS / "bibtex/aibasel-group.bib", tmp_path / "site")
    found = checked(tmp_path / "site", "duplicate-title", "repeated-title")
    assert [re.sub(r"^\S+ ", "", line) for line in found] == [
        'warning[repeated-title] "Mechanically Proving Guarantees of Generalized Heuristics: First Results and '
        'Ongoing Work" is also the title of the entry at line 19: here at "IJCAI 2022 Workshop on Generalization in '
        'Planning", there at "ICAPS 2022 Workshop on Heuristics and Search for Domain-independent Planning (HSDIP)" '
        "(keep both if the paper was shown at both venues; if one is an earlier version of the other, merge them)"]


def test_a_thesis_of_no_stated_degree_is_a_known_venue(tmp_path: Path) -> None:
    _, pubs = imported(CORPUS / "bibtex/msc-thesis-references.bib", tmp_path / "site")
    assert "University of Waterloo Thesis 2012" in [p.venue for p in pubs]
    assert not [line for line in checked(tmp_path / "site", "unknown-venue") if "Thesis" in line]


def test_no_topics_is_quiet_in_a_site_without_topics_and_per_entry_in_one_with_them(tmp_path: Path) -> None:
    imported(CORPUS / "bibtex/donlelek-myreferences.bib", tmp_path / "site")
    assert checked(tmp_path / "site", "no-topics", "no-topic-vocabulary") == []
    _, pubs = imported(CORPUS / "bibtex/al-folio-42shawn.bib", tmp_path / "tagged")
    untagged = [p for p in pubs if not p.topics]
    assert 0 < len(untagged) < len(pubs)
    assert len(checked(tmp_path / "tagged", "no-topics")) == len(untagged)


def test_journals_of_real_lists_and_hugo_blox_citations_are_known_venues(tmp_path: Path) -> None:
    """A Hugo Blox `publication` that gives the journal's volume, issue and pages is kept as
    written and checked by the journal's name; a physics thesis's references name journals the
    registry lists. What is left unknown is what the registry does not list (reviewed by hand)."""
    _, pubs = imported(CORPUS / "hugoblox/giabbanelli-group", tmp_path / "bundles")
    assert sorted(p.venue for p in pubs) == ["Applied Soft Computing 12(12):3711–3724", "PeerJ Computer Science 8, e1078"]
    assert checked(tmp_path / "bundles", "unknown-venue", "venue-spelling") == []
    imported(CORPUS / "bibtex/msc-thesis-references.bib", tmp_path / "thesis")
    unknown = [re.search(r'unknown venue "(.*?)"', line) for line in checked(tmp_path / "thesis", "unknown-venue")]
    assert sorted(found.group(1) for found in unknown if found) == [
        "Academic Press, Inc.", "Benjamin/Cummings Publishing Company, Inc.", "Chapman and Hall",
        "Dover Publications, Inc.", "Fourth Berkeley Symposium on Mathematical Statistics and Probability",
        "Harper & Row", "Thomson Brooks/Cole", "Wiley-Interscience"]
