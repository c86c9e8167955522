"""What a page bundle says about its authors: each mark's note as the site's legend gives it
(hugokit.yaml's `author_notes`; every mark is Equal contribution by default, as the database
means it), and a Hugo Blox profile's username where data/people.yaml records it; all of
it read back by the import (real sites: tests/corpus/hugoblox/shengyang93-marks, nju-astrometry,
pwr-ai-department)."""
from __future__ import annotations

import shutil
from pathlib import Path

import frontmatter
import pytest

from conftest import REPO, hugokit, write
from hugokit.database import parse_database
from hugokit.model import Publication
from hugokit.render.bundles import front_matter
from hugokit.vocab import load_vocabularies

HUGOBLOX = REPO / "tests" / "corpus" / "hugoblox"
VENUES = load_vocabularies(Path("/nonexistent"))[0].venues
ROADPATCHING = ["Guo Chen*", "Jiarun Liu*", "Sicong Du", "Chenming Wu", "Deqi Li", "Shi-Sheng Huang†",
                "Guofeng Zhang", "Sheng Yang†"]


def database_of(site: Path) -> list[Publication]:
    database, problems = parse_database((site / "data/publications.yaml").read_text(encoding="utf-8"), "db")
    assert problems == []
    return database.publications


def bundles_of(site: Path) -> list[dict[str, object]]:
    return [frontmatter.load(p).metadata for p in sorted((site / "content/publication").glob("*/index.md"))]


def imported_site(tmp_path: Path, item: str, config: str = "", command: str = "import") -> Path:
    """A site holding the corpus item's content, imported (or set up with init), its own bundles
    then taken away so that the build writes hugokit's."""
    site = tmp_path / "site"
    shutil.copytree(HUGOBLOX / item, site / "content")
    if config:
        write(site / "hugokit.yaml", config)
    run = hugokit(command, site / "content/publication", "--site", site)
    # (init's closing check may find what it reports: the department's journal is no registry venue)
    assert run.exit_code == 0 or command == "init" and run.exit_code == 1 and "Traceback" not in run.output, run.output
    shutil.rmtree(site / "content/publication")
    run = hugokit("build", "--pages", "--site", site, "--force")
    assert run.exit_code == 0, run.output
    return site


def reimported(tmp_path: Path, site: Path, config: str = "") -> list[Publication]:
    """The database the generated bundles give, imported into a new site (no profiles there)."""
    again = tmp_path / "again"
    again.mkdir()
    if config:
        write(again / "hugokit.yaml", config)
    run = hugokit("import", site / "content/publication", "--site", again)
    assert run.exit_code == 0, run.output
    return database_of(again)


def test_a_mark_alone_as_a_note_is_kept_and_reported(tmp_path: Path) -> None:
    # the site writes "*" for its equal first authors and "†" for its corresponding authors
    site = tmp_path / "site"
    shutil.copytree(HUGOBLOX / "shengyang93-marks", site / "content")
    run = hugokit("import", site / "content/publication", "--site", site)
    assert run.exit_code == 0, run.output
    # `†` alone says no meaning: kept as the mark, which the database reads as equal contribution; said so
    assert 'warning[unexplained-mark] the author note "†" is a mark alone' in run.output, run.output
    assert run.output.count("unexplained-mark") == 1
    (pub,) = database_of(site)
    assert pub.authors == ROADPATCHING
    shutil.rmtree(site / "content/publication")
    assert hugokit("build", "--pages", "--site", site, "--force").exit_code == 0
    (bundle,) = bundles_of(site)
    assert bundle["author_notes"] == ["Equal contribution"] * 2 + [""] * 3 + ["Equal contribution", "",
                                                                             "Equal contribution"]
    assert bundle["hugokit"]["authors"] == ROADPATCHING  # type: ignore[index]
    assert reimported(tmp_path, site) == [pub]


def test_the_sites_legend_names_each_mark(tmp_path: Path) -> None:
    legend = 'author_notes: {"†": Corresponding author}\n'
    site = imported_site(tmp_path, "shengyang93-marks", legend)
    (bundle,) = bundles_of(site)
    assert bundle["author_notes"] == ["Equal contribution", "Equal contribution", "", "", "", "Corresponding author",
                                      "", "Corresponding author"]
    assert reimported(tmp_path, site, legend) == database_of(site)


def test_corresponding_authors_spelled_out_are_kept_where_the_legend_names_them(tmp_path: Path) -> None:
    legend = 'author_notes: {"†": Corresponding author}\n'
    site = imported_site(tmp_path, "nju-astrometry", legend)
    vlbi, aberration = database_of(site)
    # the site writes "corresponding author", in lower case, on one or two authors
    assert vlbi.authors == ["Niu Liu", "Sébastien B. Lambert†", "Zi Zhu†", "Jia-Cheng Liu"]
    assert aberration.authors == ["Jia-Cheng Liu†", "Niu Liu"]
    notes = {b["title"][:6]: b["author_notes"] for b in bundles_of(site)}  # type: ignore[index]
    assert notes == {"System": ["", "Corresponding author", "Corresponding author", ""],
                     "The Ga": ["Corresponding author", ""]}
    assert reimported(tmp_path, site, legend) == [vlbi, aberration]


def test_without_a_legend_corresponding_authors_stay_unmarked_and_are_reported(tmp_path: Path) -> None:
    run = hugokit("import", HUGOBLOX / "nju-astrometry", "--site", tmp_path)
    assert [p.authors for p in database_of(tmp_path)] == [["Niu Liu", "Sébastien B. Lambert", "Zi Zhu", "Jia-Cheng Liu"],
                                                          ["Jia-Cheng Liu", "Niu Liu"]]
    assert ('"author_notes" (notes other than equal contribution) is not imported: 2 pages, the first here'
            in run.stdout)


@pytest.mark.parametrize("authors, config, notes, carried", [
    (["A B*", "C D"], (), ["Equal contribution", ""], False),
    (["A B‡", "C D*†"], (), ["Equal contribution", "Equal contribution"], True),
    (["A B‡", "C D*†"], (("†", "Corresponding author"),), ["Equal contribution", "Equal contribution, Corresponding author"],
     True),
    (["A B†", "C D"], (("†", "Equal contribution"),), ["Equal contribution", ""], True),
    # a legend that gives * another meaning reads back as *: nothing to carry
    (["A B*", "C D"], (("*", "Co-first author"),), ["Co-first author", ""], False),
    # a meaning with a comma reads back whole
    (["A B†", "C D"], (("†", "Equal contribution, alphabetical order"),),
     ["Equal contribution, alphabetical order", ""], True),
    (["A B*", "C D"], (("*", "Equal contribution, alphabetical order"),),
     ["Equal contribution, alphabetical order", ""], False),
    # two marks of one meaning read back as one of them: carried
    (["A B*", "C D†"], (("†", "Equal contribution"),), ["Equal contribution", "Equal contribution"], True),
])
def test_notes_by_the_legend_and_when_the_names_are_carried(authors: list[str], config: tuple[tuple[str, str], ...],
                                                             notes: list[str], carried: bool) -> None:
    from hugokit.author_notes import legend

    meta = front_matter(Publication(title="T", year=2020, authors=authors), VENUES, legend(config))
    assert meta["author_notes"] == notes
    assert ("authors" in meta["hugokit"]) is carried  # type: ignore[operator]


@pytest.mark.parametrize("config, message", [
    ('author_notes: {"#": Deceased}\n', 'hugokit.yaml:1:16: error[bad-config] "#" in "author_notes" in hugokit.yaml '
                                        "is no author mark (the marks are *, †, ‡, each alone)"),
    ('author_notes: {"†": " "}\n', 'hugokit.yaml:1:21: error[bad-config] the note of "†" in "author_notes" in '
                                   "hugokit.yaml is empty"),
])
def test_a_bad_legend_is_reported_where_it_stands(tmp_path: Path, config: str, message: str) -> None:
    write(tmp_path / "hugokit.yaml", config)
    write(tmp_path / "data/publications.yaml", "- {title: T, year: 2020}\n")
    run = hugokit("build", "--pages", "--site", tmp_path)
    assert run.exit_code == 2 and message in run.output
    assert not (tmp_path / "content").exists()


def test_a_profile_username_survives_import_and_build(tmp_path: Path) -> None:
    # pages naming department members by their profiles' usernames (kocon, kajdanowicz, kazienko)
    site = imported_site(tmp_path, "pwr-ai-department", command="init")
    people = (site / "data/people.yaml").read_text()
    assert "- name: Jan Kocoń\n  profile: kocon\n" in people and "  profile: kazienko\n" in people
    (pub,) = database_of(site)
    assert pub.authors[0] == "Jan Kocoń"  # the database keeps the name
    (bundle,) = bundles_of(site)
    # the bundle names the profiles again, so Hugo Blox links them, and carries the names
    assert bundle["authors"] == ["kocon", "Alicja Figas", "Marcin Gruza", "Daria Puchalska", "kajdanowicz",
                                 "kazienko"]
    assert bundle["hugokit"]["authors"] == pub.authors  # type: ignore[index]
    assert reimported(tmp_path, site) == [pub]  # even where no profile is there to read


# The part of Hugo Blox's page_metadata_authors.html (HugoBlox/hugo-blox-builder,
# modules/blox-bootstrap/layouts/partials/) that links each author: its term of the authors taxonomy.
AUTHOR_LINKS = '{{ range .GetTerms "authors" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>\n{{ end }}'


def test_hugo_links_the_generated_bundles_author_to_the_profile(tmp_path: Path) -> None:
    from hugo_site import render

    site = imported_site(tmp_path, "pwr-ai-department", command="init")
    hugo = tmp_path / "hugo"
    for section in ("authors", "publication"):  # (not the list page, whose shortcodes hugokit's layouts define)
        shutil.copytree(site / "content" / section, hugo / "content" / section)
    write(hugo / "hugo.toml", 'baseURL = "https://example.org/"\ndisableKinds = ["RSS", "sitemap", "robotsTXT", "404"]\n'
                              '[taxonomies]\n  author = "authors"\n')
    write(hugo / "layouts/_default/single.html", AUTHOR_LINKS)
    write(hugo / "layouts/_default/list.html", "{{ .Title }}")
    result = render(hugo, tmp_path / "public")
    assert result.returncode == 0, result.stdout + result.stderr
    (page,) = (tmp_path / "public/publication").glob("*/index.html")
    links = page.read_text(encoding="utf-8").splitlines()
    assert links[0] == '<a href="/authors/kocon/">Jan Kocoń</a>'  # the profile's page, under its title
    assert links[1] == '<a href="/authors/alicja-figas/">Alicja Figas</a>'  # no profile: a term page of the name


def test_import_says_how_to_keep_a_profile(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(HUGOBLOX / "pwr-ai-department", site / "content")
    run = hugokit("import", site / "content/publication", "--site", site)
    assert "list the person in data/people.yaml with `profile: kocon`" in run.stdout
    assert not (site / "data/people.yaml").exists()  # import writes the database alone


def test_a_profile_must_be_a_username(tmp_path: Path) -> None:
    write(tmp_path / "data/people.yaml", "- {name: Jan Kocoń, profile: ../kocon}\n")
    write(tmp_path / "data/publications.yaml", "- {title: T, year: 2020, authors: [Jan Kocoń]}\n")
    run = hugokit("check", "--site", tmp_path)
    assert ('data/people.yaml:1:30: error[bad-profile] "profile" of entry 1 of data/people.yaml is no profile '
            'username: "../kocon"') in run.stdout


def test_a_second_group_of_equal_contributors_never_takes_a_mark_the_legend_gives_another_meaning(
        tmp_path: Path) -> None:
    write(tmp_path / "hugokit.yaml", 'author_notes: {"†": Corresponding author}\n')
    write(tmp_path / "p/x/index.md", "---\ntitle: X\nauthors: [A B, C D, E F, G H]\ndate: 2021\n"
                                     "author_notes: [Equal contribution, Equal contribution, "
                                     "These authors contributed equally, Corresponding Author]\n---\n")
    run = hugokit("import", tmp_path / "p", "--site", tmp_path)
    assert run.exit_code == 0, run.output
    assert database_of(tmp_path)[0].authors == ["A B*", "C D*", "E F‡", "G H†"]
    assert '"author_notes"' not in run.stdout  # every note is kept
