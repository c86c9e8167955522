"""One venue rule for every way a venue enters the database: a BibTeX booktitle, a Hugo Blox
page's `publication`, a bundle's cite.bib, and the venue a source names to `hugokit add` and
`hugokit refresh`. Each text below goes through all four and must come out the same."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO, hugokit, write
from hugokit.database import parse_database
from hugokit.refresh import venue_text
from hugokit.venue_names import VenueFinder
from hugokit.vocab import load_vocabularies

FINDER = VenueFinder(load_vocabularies(REPO)[0].venues)
YEAR = 2020
# text → the registry venue it is exactly, or None: kept as written.
CASES = {
    "ICML": "ICML 2020",
    "international conference on machine learning": "ICML 2020",
    "Proceedings of the 37th International Conference on Machine Learning": "ICML 2020",
    "Proc. of the Thirty-Seventh International Conference on Machine Learning (ICML '20)": "ICML 2020",
    "Advances in Neural Information Processing Systems": "NeurIPS 2020",  # an alias
    "ICLR 2021": "ICLR 2021",  # the year the text names is the venue's
    "Journal of Artificial Intelligence Research": "JAIR 2020",
    "Journal of Artificial Intelligence": None,  # a near miss of AIJ and JAIR
    "Machine Learning for Systems Workshop at NeurIPS": None,
    "AAAI Press": None,  # a publisher, not the conference
    "International Conference on Machine Learning (ACL)": None,  # the decoration names another venue
    "ICML Workshop on Automated Machine Learning": None,
    # Whole proceedings titles, as DBLP writes them (hugokit.proceedings; more in test_proceedings_venues.py).
    "Proceedings of the 37th International Conference on Machine Learning, ICML 2020, 13-18 July 2020, "
    "Virtual Event": "ICML 2020",
    "Advances in Neural Information Processing Systems 33: Annual Conference on Neural Information Processing "
    "Systems 2020, NeurIPS 2020, December 6-12, 2020, virtual": "NeurIPS 2020",
    "Findings of the Association for Computational Linguistics: EMNLP 2020, Online Event, 16-20 November 2020": None,
    "Findings of the Association for Computational Linguistics: EMNLP 2020": "Findings of EMNLP 2020",
    "ACL (Findings)": "Findings of ACL 2020",  # DBLP's venue for it: never ACL
    "ICML 2020 Workshop on Human Interpretability in Machine Learning, Vienna, Austria": None,
    # One-part titles: DBLP's "ACRONYM Conference", with its year after or before, or none.
    "SIGMOD Conference": "SIGMOD 2020",
    "SIGMOD Conference 2021": "SIGMOD 2021",
    "Proceedings of SIGMOD 2021": "SIGMOD 2021",
    "Proceedings of the 2021 EuroSys Conference": "EuroSys 2021",  # the year before the acronym
    "SIGMOD '19": "SIGMOD 2019",  # the year it writes, not the entry's
    "SIGMOD Record": None,  # a journal
    "SIGMOD Conference Companion": None,
    "DBTest@SIGMOD": None,  # a workshop at SIGMOD
    "Workshop on Data Management for End-to-End Machine Learning at SIGMOD 2020": None,
    "HotOS Conference": None,  # HotOS is a workshop
    "SIGMOD Conference 2019 2020": None,  # two years: neither is guessed
}


def _imported(source: Path, site: Path) -> str:
    site.mkdir()
    run = hugokit("import", source, "--site", site)
    assert run.exit_code == 0, run.output
    database, problems = parse_database((site / "data/publications.yaml").read_text(), "db")
    assert [d for d in problems if d.is_error] == []
    (pub,) = database.publications
    return pub.venue


def _bib(text: str) -> str:
    return f"@inproceedings{{key2020,\n  title = {{A Paper}},\n  author = {{Ada Lovelace}},\n" \
           f"  booktitle = {{{text}}},\n  year = {{{YEAR}}}\n}}\n"


def _agrees(got: str, text: str, expected: str | None) -> bool:
    return got == expected if expected else got in (text, f"{text} {YEAR}")


@pytest.mark.parametrize("text", CASES)
def test_every_path_into_the_database_maps_a_venue_the_same_way(text: str, tmp_path: Path) -> None:
    expected = CASES[text]
    assert FINDER.venue(text, YEAR) == expected
    # hugokit add / refresh
    got, known = venue_text(text, YEAR, FINDER)
    assert _agrees(got, text, expected) and known == (expected is not None), got

    bib = write(tmp_path / "in.bib", _bib(text))
    assert _agrees(_imported(bib, tmp_path / "bibtex"), text, expected)

    page = write(tmp_path / "pages/paper/index.md",
                 f'---\ntitle: A Paper\nauthors: [Ada Lovelace]\ndate: "{YEAR}-07-01"\npublication: "{text}"\n---\n')
    assert _agrees(_imported(page.parent.parent, tmp_path / "pages-site"), text, expected)

    bundle = write(tmp_path / "cited/paper/index.md",
                   f'---\ntitle: A Paper\nauthors: [Ada Lovelace]\ndate: "{YEAR}-07-01"\ndoi: 10.1/x\n---\n')
    write(bundle.parent / "cite.bib", _bib(text))
    assert _agrees(_imported(bundle.parent.parent, tmp_path / "cited-site"), text, expected)


def test_a_presentation_mark_is_kept_after_the_registry_name_and_is_no_decoration() -> None:
    """"(Oral)" is not an abbreviation of ICML: it stays, where the venue grammar puts it."""
    assert FINDER.venue("ICML 2020 (Oral)", YEAR) == "ICML 2020 (Oral)"
    assert FINDER.venue("International Conference on Machine Learning (oral)", 2021) == "ICML 2021 (Oral)"
    assert FINDER.short_name("International Conference on Machine Learning (Oral)") is None
    assert FINDER.venue("International Conference on Machine Learning (ICML)", YEAR) == "ICML 2020"


def test_a_page_and_a_bib_entry_with_a_presentation_mark_give_the_same_venue(tmp_path: Path) -> None:
    text = "International Conference on Machine Learning (Spotlight)"
    bib = write(tmp_path / "in.bib", _bib(text))
    page = write(tmp_path / "pages/paper/index.md",
                 f'---\ntitle: A Paper\nauthors: [Ada Lovelace]\ndate: "{YEAR}-07-01"\npublication: "{text}"\n---\n')
    assert _imported(bib, tmp_path / "a") == _imported(page.parent.parent, tmp_path / "b") == "ICML 2020 (Spotlight)"


def test_the_importers_know_every_presentation_mark_the_venue_grammar_knows() -> None:
    """One list of marks: "(Highlight)" or "(Demo)" stays after the registry name as "(Oral)" does."""
    assert FINDER.venue("ICML 2020 (Highlight)", YEAR) == "ICML 2020 (Highlight)"
    assert FINDER.venue("International Conference on Machine Learning (contributed talk)", 2021) == \
        "ICML 2021 (Contributed talk)"
