"""Hugo Blox sites nobody here wrote, imported where their sites keep them (tests/corpus/README.md):
author notes, user profiles, drafts, a cite.bib's journal locator, the template's empty link
icons, bundle files written as site paths, and what `build --pages` does beside the bundles."""
from __future__ import annotations

import shutil
from pathlib import Path

from conftest import REPO, Run, hugokit, write
from hugokit.database import parse_database
from hugokit.model import Publication

HUGOBLOX = REPO / "tests" / "corpus" / "hugoblox"
BORBA_SLUG = "2023using_acceptance_tests_to_predict_merge_conflict_risk"
BORBA_FILES = ("2023-Rocha-Using acceptance tests to predict merge conflict risk_1 copy.pdf",
               "2023-Rocha-Using acceptance tests to predict merge conflict risk slides.pdf")


def database_of(site: Path) -> list[Publication]:
    database, problems = parse_database((site / "data/publications.yaml").read_text(encoding="utf-8"), "db")
    assert problems == []
    return database.publications


def test_equal_supervision_is_no_equal_contribution_and_a_draft_is_not_imported(tmp_path: Path) -> None:
    run = hugokit("import", HUGOBLOX / "animadversio", "--site", tmp_path)
    assert run.exit_code == 0, run.output
    rabbit, xiao = database_of(tmp_path)  # the draft example page is not among them
    # the full name with its abbreviation, then the year: a registry venue
    assert (rabbit.venue, rabbit.year) == ("ICLR 2026", 2025)
    # "† Equal contribution" keeps the site's own †; the supervisors get no mark, which would
    # say equal contribution too, and their note is reported
    assert xiao.authors == ["Zhuocheng Xiao†", "Binxu Wang†", "Andrew T Sornborger", "Louis Tao"]
    where = "tests/corpus/hugoblox/animadversio"
    assert (f'{where}/xiao-2018-mutual/index.md:13:3: warning[not-imported] "author_notes" (notes other than '
            "equal contribution) is not imported: 1 page") in run.stdout
    assert (f"{where}/conference-paper/index.md:30:1: warning[draft-page] this page is a draft (draft: true), "
            "which Hugo does not publish; it was not imported (to import it, set draft: false and import again)") \
        in run.stdout
    assert '"summary" is not imported' not in run.stdout  # only the draft has one: its keys are not counted
    # the cite.bib's volume, issue and pages join the page's journal, which names no locator
    assert (xiao.id, xiao.venue) == ("xiao2018mutual", "Entropy 20(2):102")


def test_two_groups_of_equal_contributors_and_notes_past_the_last_author(tmp_path: Path) -> None:
    write(tmp_path / "p/x/index.md", "---\ntitle: X\nauthors: [A B, C D, E F, G H]\ndate: 2021-05-01\n"
                                     "author_notes: ['Equal contribution', 'Equal contribution', "
                                     "'These authors contributed equally', 'Co-senior author', "
                                     "'Equal contribution']\n---\n")
    run, pub = _the_one_imported(tmp_path)
    assert pub.authors == ["A B*", "C D*", "E F†", "G H"]
    # one key, reported once per page, at the first note not kept
    assert f'{tmp_path / "p"}/x/index.md:5:97: warning[not-imported] "author_notes" (notes other than equal ' \
           "contribution) is not imported: 1 page" in run.stdout
    assert run.stdout.count('"author_notes"') == 1


def test_profile_usernames_become_the_names_the_site_shows(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(HUGOBLOX / "pwr-ai-department", site / "content")
    run = hugokit("import", site / "content/publication", "--site", site)
    assert run.exit_code == 0, run.output
    (pub,) = database_of(site)
    assert pub.authors == ["Jan Kocoń", "Alicja Figas", "Marcin Gruza", "Daria Puchalska", "Tomasz Kajdanowicz",
                           "Przemysław Kazienko"]
    page = f"{site}/content/publication/000231492-kocon-2021-offensive/index.md"
    assert (f'{page}:8:3: warning[profile-author] author "kocon" is the Hugo Blox profile '
            f'{site}/content/authors/kocon/: imported as its name "Jan Kocoń" (1 page, the first here)') in run.stdout
    assert pub.venue == "Information Processing & Management 58(5):1–26"  # the cite.bib's locator
    assert pub.doi == "10.1016/j.ipm.2021.102643"
    assert '"draft" is not imported' in run.stdout  # draft: false pages are imported, the key named


def test_without_a_profile_admin_stays_and_is_named(tmp_path: Path) -> None:
    write(tmp_path / "content/publication/x/index.md", "---\ntitle: X\nauthors: [admin, kocon]\ndate: 2021\n---\n")
    run = hugokit("import", tmp_path / "content/publication", "--site", tmp_path)
    assert run.exit_code == 0, run.output
    assert database_of(tmp_path)[0].authors == ["admin", "kocon"]
    assert 'warning[profile-author] author "admin" is a Hugo Blox user profile' in run.stdout
    write(tmp_path / "content/authors/admin/_index.md", "---\nname: Binxu Wang\n---\n")  # older profiles: name
    (tmp_path / "data/publications.yaml").unlink()
    run = hugokit("import", tmp_path / "content/publication", "--site", tmp_path)
    assert database_of(tmp_path)[0].authors == ["Binxu Wang", "kocon"]


def borba_site(tmp_path: Path, config: str = "") -> Path:
    site = tmp_path / "borba"
    shutil.copytree(HUGOBLOX / "pauloborba", site / "content/publication")
    for name in BORBA_FILES:
        write(site / "content/publication" / BORBA_SLUG / name, "%PDF stand-in\n")
    if config:
        write(site / "config/_default/config.toml", config)
    return site


def test_empty_link_icons_and_bundle_files_written_as_site_paths(tmp_path: Path) -> None:
    # the source site's config holds `defaultContentLanguageInSubdir = false`, which changes nothing
    site = borba_site(tmp_path, 'baseurl = "https://pauloborba.cin.ufpe.br/"\ndefaultContentLanguageInSubdir = false\n'
                                '[permalinks]\n  tags = "/tag/:slug/"\n')
    run = hugokit("import", site / "content/publication", "--site", site)
    assert run.exit_code == 0, run.output  # `icon_pack:` and `icon:` left empty are no error
    vdm, pub = database_of(site)
    # the generator's placeholder key, in every cite.bib of the site, is no id
    assert (vdm.id, pub.id) == ("", "")
    assert (f"{site}/content/publication/1993from_vdm_specifications_to_functional_prototypes/cite.bib:1:1: "
            'warning[not-imported] the citation key "type-your-key-here" is not imported as an id: 2 cite.bib '
            "files share it, the first here") in run.stdout
    base = f"/publication/{BORBA_SLUG}/"
    assert pub.links == {
        "paper": base + "2023-Rocha-Using%20acceptance%20tests%20to%20predict%20merge%20conflict%20risk_1%20copy.pdf",
        "slides": base + "2023-Rocha-Using%20acceptance%20tests%20to%20predict%20merge%20conflict%20risk%20slides.pdf",
        "replication_package": "https://thaisabr.github.io/conflict-risk-prediction-study-site/"}
    assert "bad-link" not in run.stdout and "wrong-type" not in run.stdout
    assert (pub.venue, pub.date) == ("Empirical Software Engineering", "2023-01-01")


def test_a_multilingual_content_dir_keeps_bundle_paths_as_written(tmp_path: Path) -> None:
    # content/en/… is published without its language folder: the path is not certain, so kept
    site = borba_site(tmp_path, '[languages.en]\n  contentDir = "content/en"\n')
    run = hugokit("import", site / "content/publication", "--site", site)
    _, pub = database_of(site)
    assert pub.links["slides"].startswith(f"publication/{BORBA_SLUG}/2023-Rocha-Using acceptance")
    assert "warning[bad-link] the slides link contains a space" in run.stdout
    # such a link, kept with its spaces, survives export and import whole
    exported = tmp_path / "export.bib"
    assert hugokit("export", "bibtex", "--site", site, "--force", "-o", exported).exit_code == 0
    again = tmp_path / "again"
    again.mkdir()
    assert hugokit("import", exported, "--site", again).exit_code == 0
    assert database_of(again)[1] == pub


def test_build_pages_leaves_the_sites_own_bundles_alone(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(HUGOBLOX / "animadversio", site / "content/publication")
    before = {p: p.read_bytes() for p in (site / "content").rglob("*") if p.is_file()}
    assert hugokit("init", "content/publication", "--site", site).exit_code in (0, 1)
    run = hugokit("build", "--pages", "--site", site, "--force")
    assert run.exit_code == 0, run.output
    assert {p: p.read_bytes() for p in before} == before  # every hand-written file as it was
    assert "warning[hand-written-page] content/publication/xiao-2018-mutual/index.md is a hand-written page" \
        in run.stdout
    written = sorted(str(p.relative_to(site)) for p in (site / "content").rglob("*")
                     if p.is_file() and p not in before)
    assert written == ["content/publications.md"]  # no second bundle beside the site's own


def test_hugo_academic_toml_pages(tmp_path: Path) -> None:
    run = hugokit("import", HUGOBLOX / "crankshaw-academic-toml", "--site", tmp_path)
    assert run.exit_code == 0, run.output
    clipper, queue = database_of(tmp_path)  # the theme's example page is a draft
    # the site's bold for its owner is no mark of equal contribution
    assert clipper.authors[0] == "Daniel Crankshaw" and queue.authors == ["Daniel Crankshaw", "Joseph E. Gonzalez"]
    assert (clipper.date, clipper.venue) == ("2017-03-27", "NSDI 2017")
    assert clipper.links == {
        "paper": "https://www.usenix.org/system/files/conference/nsdi17/nsdi17-crankshaw.pdf",
        "slides": "https://www.usenix.org/sites/default/files/conference/protected-files/nsdi17_slides_crankshaw.pdf",
        "video": "https://www.usenix.org/conference/nsdi17/technical-sessions/presentation/crankshaw",
        "code": "https://github.com/amplab/clipper-v0", "project": "http://clipper.ai"}
    assert clipper.topics == []  # selected = false
    # Hugo Academic's old names: url_custom for links, selected for featured
    assert queue.links == {"url": "https://queue.acm.org/detail.cfm?id=3210557"} and queue.topics == ["Selected"]
    assert (queue.title, queue.venue) == ("Research for Practice: Prediction-Serving Systems", "ACM Queue")
    where = "tests/corpus/hugoblox/crankshaw-academic-toml"
    # each key is placed at its own line of the TOML text
    assert f'{where}/clipper-pub.md:6:11: warning[not-imported] "authors" (the Markdown emphasis around a name' \
        in run.stdout
    assert f'{where}/clipper-pub.md:17:21: warning[not-imported] "publication_types" is not imported: 2 pages' \
        in run.stdout
    assert f"{where}/person-re-identification.md:4:9: warning[draft-page]" in run.stdout


# The source site's config/_default/languages.yaml, reduced to its content folders.
PJOX_LANGUAGES = "en:\n  languageCode: en-us\n  contentDir: content/en\nfr:\n  languageCode: fr-fr\n  contentDir: content/fr\n"


def test_a_multilingual_site_builds_beside_its_own_nested_bundles(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(HUGOBLOX / "pjox-multilingual", site / "content/en/publication")
    write(site / "config/_default/languages.yaml", PJOX_LANGUAGES)
    write(site / "config/_default/config.yaml", "title: Pedro Ortiz Suarez\n")
    before = {p: p.read_bytes() for p in (site / "content").rglob("*") if p.is_file()}
    run = hugokit("init", site / "content/en/publication", "--site", site)
    assert "Traceback" not in run.output
    # the bundles and the list page go where the site's English content is, not to content/
    assert (site / "hugokit.yaml").read_text() == ("# hugokit site configuration\n"
                                                   "pages_dir: content/en/publication\npage: content/en/publications.md\n")
    (pub,) = database_of(site)
    assert pub.authors[:4] == ["Louis Martin*", "Benjamin Muller*", "admin*", "Yoann Dupont"]
    assert pub.links["acl_anthology"] == "https://www.aclweb.org/anthology/2020.acl-main.645/"
    assert (pub.venue, pub.topics) == ("ACL 2020, pp. 7203–7219", ["Selected"])  # the pages from its cite.bib
    run = hugokit("build", "--pages", "--site", site, "--force")
    assert run.exit_code == 0, run.output
    assert {p: p.read_bytes() for p in before} == before
    assert ("content/en/publication/2020/ACL/CamemBERT/index.md is a hand-written page of "
            '"CamemBERT: a Tasty French Language Model"') in run.stdout
    written = sorted(str(p.relative_to(site)) for p in (site / "content").rglob("*") if p.is_file() and p not in before)
    assert written == ["content/en/publications.md"]


def test_build_pages_leaves_hugo_academics_loose_pages_alone(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(HUGOBLOX / "crankshaw-academic-toml", site / "content/publication")
    assert hugokit("import", site / "content/publication", "--site", site).exit_code == 0
    run = hugokit("build", "--pages", "--site", site, "--force")
    assert run.exit_code == 0, run.output
    assert ("content/publication/clipper-pub.md is a hand-written page of "
            '"Clipper: A Low-Latency Online Prediction Serving System"') in run.stdout
    assert "delete content/publication/clipper-pub.md (and a cite.bib beside it)" in run.stdout
    assert sorted(p.name for p in (site / "content/publication").iterdir()) == [
        "clipper-pub.md", "model-serving-rfp-acm-queue.md", "person-re-identification.md"]


def test_the_current_hugo_blox_template(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(HUGOBLOX / "wings-uhm", site / "content")
    run = hugokit("import", site / "content/publications", "--site", site)
    assert run.exit_code == 0, run.output  # the template's `url: ""` links are no error
    conference, journal = database_of(site)
    assert conference.authors == journal.authors == ["Xiaochan Xue*", "Robert Ford*"]
    assert (conference.id, conference.doi, conference.venue) == ("example1", "10.5555/123456", "ICW")  # hugoblox.ids
    assert journal.arxiv == "1512.04133v1"
    assert journal.links == {"paper": "http://arxiv.org/pdf/1512.04133v1",
                             "code": "https://github.com/HugoBlox/hugo-blox-builder",
                             "slides": "https://www.slideshare.net/"}
    assert '"hugoblox' not in run.stdout  # every id it holds is imported


def test_nested_publication_and_links_of_generic_or_repeated_types(tmp_path: Path) -> None:
    # the schema Hugo Blox documents for publication:, links: and hugoblox.ids
    write(tmp_path / "p/x/index.md", "---\ntitle: X\nauthors: [A B]\ndate: '2024-08-01T00:00:00Z'\n"
                                     "publication:\n  name: IEEE Transactions on Circuits and Systems for Video "
                                     "Technology\n  volume: 34\n  issue: '8'\n  pages: 7467-7483\n"
                                     "  location: 'Nara, JAPAN'\n"
                                     "hugoblox:\n  ids:\n    doi: 10.1109/TCSVT.2024.1\n    pmid: '123'\n"
                                     "doi: 10.1109/TCSVT.2024.1\n"
                                     "links:\n- type: custom\n  label: Conference\n  url: https://example.org/conf\n"
                                     "- type: custom\n  label: Proceedings\n  url: https://example.org/proc\n"
                                     "- type: source\n  url: https://example.org/a\n"
                                     "- type: source\n  url: https://example.org/b\n---\n")
    run, pub = _the_one_imported(tmp_path)
    assert pub.venue == "IEEE Transactions on Circuits and Systems for Video Technology 34(8):7467–7483"
    assert pub.doi == "10.1109/TCSVT.2024.1"  # given twice, the same: no duplicate-key
    assert pub.links == {"conference": "https://example.org/conf", "proceedings": "https://example.org/proc",
                         "source": "https://example.org/a"}
    assert ('warning[not-imported] link 4 of "links" is a second source link (https://example.org/b); '
            "it was not imported") in run.stdout
    assert '"publication.location" is not imported' in run.stdout and '"hugoblox.ids.pmid" is not imported' \
        in run.stdout


def test_a_profile_of_the_current_template_in_data_authors(tmp_path: Path) -> None:
    # data/authors/me.yaml as Hugo Blox's current template writes it (AlexandreAmice.github.io's, reduced)
    write(tmp_path / "data/authors/me.yaml", 'schema: "hugoblox/author/v"\nslug: "me"\nis_owner: true\nname:\n'
                                             '  display: "Alexandre Amice"\n  given: "Alexandre"\n  family: "Amice"\n')
    write(tmp_path / "content/publications/x/index.md", "---\ntitle: X\nauthors: [Thomas Cohn, me]\ndate: 2026\n---\n")
    run = hugokit("import", tmp_path / "content/publications", "--site", tmp_path)
    assert run.exit_code == 0, run.output
    assert database_of(tmp_path)[0].authors == ["Thomas Cohn", "Alexandre Amice"]
    assert (f'{tmp_path}/content/publications/x/index.md:3:24: warning[profile-author] author "me" is the Hugo '
            f'Blox profile {tmp_path}/data/authors/me.yaml: imported as its name "Alexandre Amice"') in run.stdout


def test_a_bundle_folder_whose_name_hugo_rewrites_keeps_its_links_as_written(tmp_path: Path) -> None:
    site = borba_site(tmp_path)
    bundles = site / "content/publication"
    (bundles / BORBA_SLUG).rename(bundles / "journal-article1 copy 10")  # a lab site's copied template folder
    run = hugokit("import", bundles, "--site", site)
    _, pub = database_of(site)
    assert pub.links["slides"].startswith(f"publication/{BORBA_SLUG}/")  # not made a path Hugo would not publish
    assert "warning[bad-link] the slides link contains a space" in run.stdout


def _the_one_imported(tmp_path: Path) -> tuple[Run, Publication]:
    """Imports the bundles under tmp_path/p into the site at tmp_path, which gives one entry."""
    run = hugokit("import", tmp_path / "p", "--site", tmp_path)
    assert run.exit_code == 0, run.output
    (pub,) = database_of(tmp_path)
    return run, pub
