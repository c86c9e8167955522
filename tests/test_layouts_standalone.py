"""hugokit's layouts on their own and inside another theme, rendered by real Hugo: a bare
`hugo new site` whose only theme is hugokit gets complete pages; a site with a theme keeps the
theme's base; the entries carry abstract, BibTeX, DOI and arXiv, and the owner in bold under
every spelling data/people.yaml records."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from pybtex.database import parse_string

from conftest import EXAMPLE_SITE, REPO, hugokit, write
from hugo_site import new_site, render

VLLM = "Efficient Memory Management for Large Language Model Serving with PagedAttention"
DATABASE = yaml.safe_load((EXAMPLE_SITE / "data/publications.yaml").read_text())
VLLM_ENTRY = next(e for e in DATABASE if e["title"] == VLLM)
OWNER_SETTINGS = '\n[params.hugokit]\n  owner = ["Joseph E. Gonzalez"]\n'
PAPERMOD_LIKE = {
    "layouts/_default/baseof.html": '<!DOCTYPE html>\n<html lang="en" class="papermod-like"><head><meta charset="utf-8">'
                                    '<meta name="viewport" content="width=device-width"><title>{{ .Title }} | PM</title></head>'
                                    '<body class="dark"><header class="pm-header">PM</header>'
                                    '<main class="pm-main">{{ block "main" . }}{{ end }}</main></body></html>\n',
    "layouts/_default/list.html": '{{ define "main" }}<h1 class="pm-list">{{ .Title }}</h1>{{ end }}\n',
    "layouts/_default/single.html": '{{ define "main" }}<h1 class="pm-single">{{ .Title }}</h1>{{ .Content }}{{ end }}\n',
    "layouts/index.html": '{{ define "main" }}<h1 class="pm-home">{{ site.Title }}</h1>'
                          '{{ partial "hugokit/selected.html" (dict "limit" 4) }}{{ end }}\n',
}


def with_site_data(site: Path) -> Path:
    """The example site's (real) data, its PagedAttention entry spelled as on the original page:
    "Joey Gonzalez", an alias data/people.yaml records for Joseph E. Gonzalez."""
    shutil.copytree(EXAMPLE_SITE / "data", site / "data", dirs_exist_ok=True)
    shutil.rmtree(site / "data/hugokit")
    database = site / "data/publications.yaml"
    text = database.read_text()
    start = text.index(f'  title: "{VLLM}"')
    end = text.index("\n- ", start)
    database.write_text(text[:start] + text[start:end].replace("Joseph E. Gonzalez", "Joey Gonzalez", 1) + text[end:])
    run = hugokit("build", "--site", site)  # author-variant is a warning: the page is built
    assert run.exit_code == 0, run.output
    assert (site / "data/hugokit/publications.json").is_file()
    return site


def html(public: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((public / path / "index.html").read_text(), "html.parser")


@pytest.fixture(scope="module")
def bare(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`hugo new site`, hugokit as its only theme (under the themes folder, as a submodule would be)."""
    site = new_site(tmp_path_factory.mktemp("bare") / "site")
    config = site / "hugo.toml"
    config.write_text(config.read_text() + f'theme = "{REPO.name}"\n' + OWNER_SETTINGS)
    with_site_data(site)
    public = site / "public"
    result = render(site, public, "--themesDir", str(REPO.parent))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARN" not in result.stdout + result.stderr
    return public


def assert_full_document(page_file: Path, heading: str) -> BeautifulSoup:
    text = page_file.read_text()
    assert re.match(r"\s*<!DOCTYPE html>", text, re.I), text[:200]
    page = BeautifulSoup(text, "html.parser")
    assert page.select_one("html > head > title").get_text().strip()
    assert page.select_one('head meta[name="viewport"]')["content"].startswith("width=device-width")
    assert page.select_one("h1").get_text().strip() == heading
    return page


def test_a_bare_site_gets_a_complete_publications_page(bare: Path) -> None:
    page = assert_full_document(bare / "publications/index.html", "Publications")
    assert page.select_one("title").get_text() == "Publications · My New Hugo Project"
    assert len(page.select(".hugokit-list .hugokit-pub")) == len(DATABASE)
    # Written once however many entries: one stylesheet, one script, one set of icons.
    assert str(page).count(".hugokit-pub{") == 1 and len(page.select("script")) == 1
    assert len(page.select("svg.hugokit-sprite symbol")) > 10


def test_a_bare_site_home_page_lists_the_selected_publications(bare: Path) -> None:
    home = assert_full_document(bare / "index.html", "My New Hugo Project")
    selected = [e["title"] for e in sorted(DATABASE, key=lambda e: -e["year"]) if "Selected" in e["topics"]][:10]
    assert [t.get_text() for t in home.select(".hugokit-selected .hugokit-pub__title")] == selected
    assert len(home.select("script")) == 1


def test_a_new_page_gets_a_real_heading_from_the_default_front_matter(bare: Path) -> None:
    page = (bare.parent / "content/publications.md").read_text()
    assert page.startswith('---\ntitle: "Publications"\nlayout: "publications"\n')


def entry(page: BeautifulSoup, title: str):
    return next(e for e in page.select(".hugokit-pub") if e.select_one(".hugokit-pub__title").get_text() == title)


def assert_rich_entry(page: BeautifulSoup) -> None:
    """The PagedAttention entry: abstract, BibTeX (its id as key), DOI and arXiv buttons."""
    found = entry(page, VLLM)
    abstract = found.select_one("details.hugokit-toggle--abstract .hugokit-abstract").get_text()
    assert " ".join(abstract.split()) == " ".join(VLLM_ENTRY["abstract"].split())
    bibtex = found.select_one("details.hugokit-toggle--bibtex pre code").get_text()
    parsed = parse_string(bibtex, "bibtex")
    assert list(parsed.entries) == [VLLM_ENTRY["id"]]
    fields = parsed.entries[VLLM_ENTRY["id"]].fields
    assert fields["doi"] == VLLM_ENTRY["doi"] and fields["eprint"] == VLLM_ENTRY["arxiv"]
    assert not any(name.startswith("hugokit-") for name in fields)
    links = {a["data-kind"]: (a.get_text(strip=True), a["href"]) for a in found.select("a.hugokit-link")}
    assert links["doi"] == ("DOI", "https://doi.org/10.1145/3600006.3613165")
    assert links["arxiv"] == ("arXiv", "https://arxiv.org/abs/2309.06180")
    assert all(a.select_one("svg.hugokit-icon use") for a in found.select("a.hugokit-link"))
    # Without a paper link the title links to the DOI, styled as every title.
    assert found.select_one(".hugokit-pub__title a")["href"] == "https://doi.org/10.1145/3600006.3613165"
    assert found["data-type"] == "conference"
    copy = found.select_one("button[data-hugokit-copy]")
    assert copy.has_attr("hidden")  # shown by the script: it is the one part that needs JavaScript


def test_a_bare_site_entry_has_abstract_bibtex_doi_and_arxiv(bare: Path) -> None:
    assert_rich_entry(html(bare, "publications"))


def test_the_owner_is_bold_under_every_recorded_spelling(bare: Path) -> None:
    page = html(bare, "publications")
    assert [s.get_text() for s in entry(page, VLLM).select(".hugokit-owner")] == ["Joey Gonzalez"]
    bold = {s.get_text() for s in page.select(".hugokit-owner")}
    assert bold == {"Joey Gonzalez", "Joseph E. Gonzalez"}


def test_inside_a_theme_the_theme_base_is_used(tmp_path: Path) -> None:
    """A PaperMod-like theme with its own baseof.html, list, single and home; hugokit after it,
    both imported as Hugo modules from checkouts."""
    theme = tmp_path / "papermod-like"
    for relative, text in PAPERMOD_LIKE.items():
        write(theme / relative, text)
    site = new_site(tmp_path / "site")
    config = site / "hugo.toml"
    config.write_text(config.read_text() + f'[[module.imports]]\n  path = "{theme}"\n'
                      f'[[module.imports]]\n  path = "{REPO}"\n' + OWNER_SETTINGS)
    with_site_data(site)
    public = tmp_path / "public"
    result = render(site, public)
    assert result.returncode == 0, result.stdout + result.stderr
    page = html(public, "publications")
    assert page.select_one("html")["class"] == ["papermod-like"]
    assert page.select_one("title").get_text() == "Publications | PM"
    assert page.select_one("main.pm-main article.hugokit-publications")
    assert_rich_entry(page)
    home = html(public, "")
    assert home.select_one("h1.pm-home") and len(home.select(".hugokit-selected .hugokit-pub")) == 4


def test_a_page_without_layout_data_still_renders_its_entries(tmp_path: Path) -> None:
    """A hand-kept page (no `hugokit build`): entries, no type filter, no BibTeX."""
    site = new_site(tmp_path / "site")
    config = site / "hugo.toml"
    config.write_text(config.read_text() + f'theme = "{REPO.name}"\n')
    shutil.copy(REPO / "tests/fixtures/seed-publications.md", site / "content/publications.md")
    result = render(site, tmp_path / "public", "--themesDir", str(REPO.parent))
    assert result.returncode == 0, result.stdout + result.stderr
    page = assert_full_document(tmp_path / "public/publications/index.html", "Publications")
    assert len(page.select(".hugokit-pub")) == 47
    assert not page.select("[data-hugokit-type]") and not page.select(".hugokit-toggle--bibtex")


def test_data_the_page_does_not_carry_is_found_by_title(tmp_path: Path) -> None:
    """A hand-kept page plus layout data: the entry is found by its title and shows its
    presentation (Oral, Spotlight), abstract and type, when the data has them."""
    site = new_site(tmp_path / "site")
    config = site / "hugo.toml"
    config.write_text(config.read_text() + f'theme = "{REPO.name}"\n')
    shutil.copy(REPO / "tests/fixtures/seed-publications.md", site / "content/publications.md")
    title = "MPCFormer: Fast, Performant and Private Transformer Inference with MPC"
    assert title in (site / "content/publications.md").read_text()
    data = {"format": 1, "entries": {f"title:{title}": {"title": title, "kind": "conference", "presentation": "Spotlight",
                                                         "abstract": "An abstract."}},
            "order": [f"title:{title}"], "topics": {}}
    write(site / "data/hugokit/publications.json", json.dumps(data))
    result = render(site, tmp_path / "public", "--themesDir", str(REPO.parent))
    assert result.returncode == 0, result.stdout + result.stderr
    page = html(tmp_path / "public", "publications")
    found = entry(page, title)
    assert found.select_one(".hugokit-presentation").get_text() == "Spotlight"
    assert found.select_one(".hugokit-abstract").get_text() == "An abstract."
    assert [b["data-hugokit-type"] for b in page.select("button[data-hugokit-type]")] == ["", "conference"]
    assert len(page.select(".hugokit-presentation")) == 1


def test_a_presentation_mark_in_the_venue_is_shown_as_a_badge(tmp_path: Path) -> None:
    """`venue: ATC 2018 (Oral)` (the venue grammar's presentation mark): the page shows the venue
    "ATC 2018" and an "Oral" badge, in the list and in the Selected partial alike."""
    site = new_site(tmp_path / "site")
    config = site / "hugo.toml"
    config.write_text(config.read_text() + f'theme = "{REPO.name}"\n')
    title = "Fast Things at Scale"
    write(site / "data/publications.yaml", f'- title: "{title}"\n  authors: [Ann Lee, Bo Chen]\n  year: 2018\n'
                                          "  venue: ATC 2018 (Oral)\n  topics: [Selected]\n")
    write(site / "data/topics.yaml", "- Selected\n")
    run = hugokit("build", "--site", site)
    assert run.exit_code == 0, run.output
    assert 'venue="ATC 2018 (Oral)"' in (site / "content/publications.md").read_text()  # the page as written
    result = render(site, tmp_path / "public", "--themesDir", str(REPO.parent))
    assert result.returncode == 0, result.stdout + result.stderr
    for page in (html(tmp_path / "public", "publications"), BeautifulSoup(
            (tmp_path / "public/index.html").read_text(), "html.parser")):
        found = entry(page, title)
        assert found.select_one(".hugokit-presentation").get_text() == "Oral"
        assert found.select_one(".hugokit-venue").get_text(" ", strip=True).startswith("ATC 2018")
        assert "(Oral)" not in found.get_text()


def test_the_type_filter_follows_the_venue_kinds_table(tmp_path: Path) -> None:
    """The type buttons come in the order and with the labels of hugokit's table of venue kinds
    (which the layout data carries), whatever order the entries are in."""
    from hugokit.venue_kinds import KINDS

    site = new_site(tmp_path / "site")
    config = site / "hugo.toml"
    config.write_text(config.read_text() + f'theme = "{REPO.name}"\n')
    venues = ["Blogpost 2024", "Tech Report 2023", "Stanford PhD Thesis 2022", "JMLR 2021", "HotOS 2021", "ICML 2020"]
    write(site / "data/publications.yaml", "".join(
        f'- title: "Paper {n}"\n  authors: [Ann Lee]\n  year: {venue[-4:]}\n  venue: {venue}\n'
        for n, venue in enumerate(venues)))
    run = hugokit("build", "--site", site)
    assert run.exit_code == 0, run.output
    result = render(site, tmp_path / "public", "--themesDir", str(REPO.parent))
    assert result.returncode == 0, result.stdout + result.stderr
    buttons = html(tmp_path / "public", "publications").select("button[data-hugokit-type]")
    shown = [(b["data-hugokit-type"], b.find(string=True, recursive=False).strip()) for b in buttons]
    used = ("conference", "journal", "workshop", "thesis", "report", "blog")
    assert shown == [("", "Any type"), *((name, kind.label) for name, kind in KINDS.items() if name in used)]
    assert shown[-1] == ("blog", "Blog post")
