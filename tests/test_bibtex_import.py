"""BibTeX import, defect by defect: crossref, macros, LaTeX, names, venues, al-folio fields, DOIs."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import REPO, hugokit, write
from hugokit.database import parse_database
from hugokit.importers.bibtex import import_bibtex
from hugokit.latex import decode
from hugokit.model import Publication
from hugokit.vocab import load_vocabularies

VENUES = load_vocabularies(REPO)[0].venues


def imported(text: str, **options: bool) -> tuple[dict[str, Publication], list[str]]:
    result = import_bibtex(text, "x.bib", VENUES, **options)
    shown = [f"{d.line}:{d.severity.value}[{d.code}] {d.message}" for d in result.diagnostics]
    return {p.id: p for p in result.publications}, shown


CROSSREF = r"""
@InProceedings{child-icaps2017,
  author = "Mohammad Abdulaziz and Charles Gretton",
  title = "A State-Space Acyclicity Property",
  crossref = "icaps2017",
  pages = "2--10"
}

@InProceedings{child2-icaps2017,
  author = "Anna Other",
  title = "Another Paper",
  crossref = "ICAPS2017",
  year = "2016"
}

@Proceedings{icaps2017,
  editor = "Laura Barbulescu and Jeremy Frank",
  title = "Proceedings of the Twenty-Seventh International Conference on
           Automated Planning and Scheduling (ICAPS 2017)",
  booktitle = "Proceedings of the Twenty-Seventh International Conference on
               Automated Planning and Scheduling (ICAPS 2017)",
  year = "2017",
  publisher = "AAAI Press"
}
"""


def test_crossref_children_inherit_what_they_lack_and_parents_are_reported_not_imported() -> None:
    pubs, shown = imported(CROSSREF)
    assert set(pubs) == {"child-icaps2017", "child2-icaps2017"}
    child = pubs["child-icaps2017"]
    # year and booktitle from the parent; the pages are the child's own
    assert (child.year, child.venue) == (2017, "ICAPS 2017, pp. 2–10")
    assert child.editors == ["Laura Barbulescu", "Jeremy Frank"]
    assert child.authors == ["Mohammad Abdulaziz", "Charles Gretton"]
    assert pubs["child2-icaps2017"].year == 2016  # its own field wins; the key matches in any case
    assert '16:warning[bibtex-crossref-parent] 1 entries are only crossref targets and were not imported ' \
           'as publications: "icaps2017"' in shown
    assert not any('field "pages"' in s for s in shown)
    assert any('field "publisher" is not imported (2 entries; first at line 2)' in s for s in shown)


def test_crossref_parents_are_imported_when_asked() -> None:
    pubs, shown = imported(CROSSREF, crossref_parents=True)
    assert set(pubs) == {"child-icaps2017", "child2-icaps2017", "icaps2017"}
    assert pubs["icaps2017"].editors == ["Laura Barbulescu", "Jeremy Frank"] and pubs["icaps2017"].authors == []
    assert not any("crossref-parent" in s for s in shown)


def test_crossref_parents_option_on_the_command_line(tmp_path: Path) -> None:
    bib = write(tmp_path / "x.bib", CROSSREF)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    run = hugokit("import", bib, "--site", tmp_path / "a")
    assert run.exit_code == 0 and "imported 2 publications" in run.stdout
    run = hugokit("import", bib, "--site", tmp_path / "b", "--crossref-parents")
    assert run.exit_code == 0 and "imported 3 publications" in run.stdout


def test_a_missing_crossref_target_is_reported() -> None:
    pubs, shown = imported('@inproceedings{a, title = "T", author = "A B", crossref = "gone", year = 2020}')
    assert "a" in pubs and any('cross-references "gone", which is not in the file' in s for s in shown)


def test_strings_concatenation_months_preamble_and_comments() -> None:
    pubs, shown = imported(r"""
@preamble{ "\newcommand{\noopsort}[1]{} " # "\newcommand{\switchargs}[2]{#2#1} " }
@STRING{STOC = " Symposium on the Theory of Computing"}
@comment{ @article{commented, title = "Not an entry", year = 2000} }
@Comment jabref-meta: databaseType:bibtex;
@inproceedings{k1,
  author = "Alfred V. Oaho",
  title = "On Notions of Information Transfer",
  booktitle = "Proc. Fifteenth Annual ACM" # STOC,
  month = jun # "-" # aug,
  year = "{\noopsort{1973b}}1973",
}
@book{k2, author = "Donald E. Knuth", title = "Set", publisher = "Addison-Wesley",
  year = "{\noopsort{1973a}}{\switchargs{--90}{1968}}"}
""")
    assert set(pubs) == {"k1"}
    assert pubs["k1"].year == 1973
    assert pubs["k1"].venue == "Proc. Fifteenth Annual ACM Symposium on the Theory of Computing 1973"
    assert any('entry "k2" has year "1968–90", not a four-digit year; it was skipped' in s for s in shown)
    assert not any("syntax" in s for s in shown)
    commented = [s for s in shown if "bibtex-commented-entry" in s]  # skipped, but never silently
    assert commented == ['4:warning[bibtex-commented-entry] the @article entry "commented" is inside an @comment '
                         "block and was not imported (BibTeX and pybtex would read it; biber skips it)"]


# From JabRef's parser tests (JabRef/jabref, src/test/java/org/jabref/logic/importer/fileformat/
# BibtexParserTest.java, parseRecognizesEntryPrecedingComment): entries switched off inside a
# @Comment block, one of them not even closed, before a real entry.
JABREF_COMMENT = ("@Comment{@article{myarticle,}\n@inproceedings{blabla, title={the proceedings of bl@bl@}; }\n}\n"
                  "@article{test,author={Ed von T@st}, title = {Kept}, year = 2005}\n")


def test_an_entry_inside_a_comment_is_reported_where_it_stands(tmp_path: Path) -> None:
    result = import_bibtex(JABREF_COMMENT, "jabref.bib", VENUES)
    assert [p.title for p in result.publications] == ["Kept"]
    found = [(d.line, d.col, d.code, d.message.split(" is inside")[0], d.hint) for d in result.diagnostics
             if d.code == "bibtex-commented-entry"]
    hint = "to import it, move it out of the @comment{…} block; to keep it out everywhere, delete it"
    assert found == [(1, 10, "bibtex-commented-entry", 'the @article entry "myarticle"', hint),
                     (2, 1, "bibtex-commented-entry", 'the @inproceedings entry "blabla"', hint)]
    # through the command: file:line:col, and the import still goes ahead
    source = write(tmp_path / "jabref.bib", JABREF_COMMENT)
    (tmp_path / "site").mkdir()
    run = hugokit("import", source, "--site", tmp_path / "site")
    assert run.exit_code == 0, run.output
    assert (f'{source}:2:1: warning[bibtex-commented-entry] the @inproceedings entry "blabla" is inside an @comment '
            f"block and was not imported (BibTeX and pybtex would read it; biber skips it) ({hint})") in run.output


@pytest.mark.parametrize(("latex", "text"), [
    (r"Nguy{\~{\^e}}n", "Nguyễn"), (r"Th{\d i}", "Thị"), (r"\d{u}", "ụ"), (r"\u{s}", "s̆"), (r"{\`y}", "ỳ"),
    (r"Garc\'{\i}a", "García"), (r"{\v{c}}", "č"), (r"\k{a}", "ą"), (r"{\o}", "ø"), (r"\l{}", "ł"),
    (r"{\ss}", "ß"),
    (r"{\aa}", "å"), (r"{\"U}ber", "Über"), (r"{\L}ukasz", "Łukasz"), (r"{\c S}", "Ş"), (r"{\H o}", "ő"),
    ("a--b---c", "a–b—c"), ("``quoted''", "“quoted”"), ("Volume~2", "Volume\u00a02"),
    (r"$10^{20}$ atoms", "$10^{20}$ atoms"), (r"An {$O(n \log n / \! \log\log n)$} Sort",
                                              r"An $O(n \log n / \! \log\log n)$ Sort"),
    (r"50\% and 50% \& more", "50% and 50% & more"), (r"\emph{Deep} \textbf{Nets}", "Deep Nets"),
    (r"11{\textdegree}C", "11°C"), (r"Relax {\em All} Variables", "Relax All Variables"),
    (r"\mbox{G-Animal's} Journal", "G-Animal's Journal"), (r"19\textsuperscript{th}", "19th"),
    (r"See \href{http://x.org/a}{our site}", "See our site"),
    (r"Inter-and $\{$Intra-Operator$\}$", "Inter-and Intra-Operator"),
])
def test_latex_becomes_unicode_and_math_is_kept(latex: str, text: str) -> None:
    assert decode(latex) == (text, ())


def test_a_leftover_latex_command_is_reported_once_per_file_and_kept() -> None:
    pubs, shown = imported(r"""
@article{a, title = "The {\foo} effect", author = "{\aA}sg{\aa}rd, T.", journal = "J", year = 2001}
@article{b, title = "More {\foo}", author = "B C", journal = "J", year = 2002}
""")
    assert pubs["a"].title == r"The \foo effect" and pubs["a"].authors == [r"T. \aAsgård"]
    assert r"2:warning[bibtex-latex] LaTeX command \foo was not understood and is kept as written " \
           "(2 entries; first at line 2)" in shown
    assert any(r"LaTeX command \aA was not understood" in s for s in shown)


def test_editors_braced_corporate_names_and_protected_commas() -> None:
    pubs, _ = imported(r"""
@book{zog, author = "{Zillions of Games}", title = "Zillions", year = 1998}
@article{price, author = "Price, D. and S{\'a}nchez, J. and {St-Hilaire,} S. and {Avenda{\~n}o-Herrera,} R.",
  title = "T", journal = "Dis. Aquat. Org.", year = 2016}
@book{ed, editor = "Lipcoll, David J. and D. H. Lawrie", title = "High Speed", publisher = "Academic Press",
  year = 1977}
""")
    assert pubs["zog"].authors == ["Zillions of Games"]
    assert pubs["price"].authors == ["D. Price", "J. Sánchez", "S. St-Hilaire", "R. Avendaño-Herrera"]
    assert pubs["ed"].editors == ["David J. Lipcoll", "D. H. Lawrie"] and pubs["ed"].authors == []


def test_a_generational_suffix_is_placed_after_the_name_in_any_order_it_is_written() -> None:
    """BibTeX's order is `Last, Jr, First`; EndNote and PubMed exports write `Last, First, Jr`
    (`Kelleher, R. J., 3rd`, tests/corpus: the 3c-lab site), and people `Last, First Jr`. Read by
    BibTeX's rule alone, the first name would be "3rd" ("3rd Kelleher R. J."); the suffix is no
    first name, so it goes after the name whichever way it was written, and export writes BibTeX's
    order."""
    pubs, _ = imported(r"""
@article{a, title = "T", journal = "J", year = 2001, author = "Kelleher, 3rd, R. J. and Kelleher, R. J., 3rd and
  Smith, John, Jr. and Smith, John Jr. and Doe, Jane, II and {\"U}nal, Jr., Ay{\c{s}}e and King, Jr., Martin Luther"}
""")
    assert pubs["a"].authors == ["R. J. Kelleher 3rd", "R. J. Kelleher 3rd", "John Smith Jr.", "John Smith Jr.",
                                 "Jane Doe II", "Ayşe Ünal Jr.", "Martin Luther King Jr."]
    from hugokit.render.bibtex import render_entry

    bib = render_entry(pubs["a"], "a", load_vocabularies(REPO / "data")[0].venues)
    assert "author = {Kelleher, 3rd, R. J. and Kelleher, 3rd, R. J. and Smith, Jr., John and Smith, Jr., John and " \
           "Doe, II, Jane and Ünal, Jr., Ayşe and King, Jr., Martin Luther}" in bib


def test_a_cvs_highlighted_name_and_math_marks_are_the_name_and_its_marks() -> None:
    """CVs set their own name in a style command around the whole name (`\\underline{Li, Wei}`,
    whose comma the braces hide from BibTeX: read as it was, the author was "Li, Wei"), and
    citation blocks in README files write equal-contribution marks as math (`Adria Recasens$^*$
    and Aditya Khosla$^*$`, `Kai-Chieh Hsu$^*$`): the marks are the characters the database's
    author marks are."""
    pubs, out = imported(r"""
@article{a, title = "T", journal = "J", year = 2015, author = "Adria Recasens$^*$ and Aditya Khosla$^*$ and
  \underline{Li, Wei} and \textbf{Wei Li} and \textbf{Hansen}, \textbf{Victor Petr{\'e}n Bach} and
  Wang$^{\dagger}$, Wu and Wu Wang$^{*,\dagger}$ and {\bf Kim}, Jo"}
""")
    assert pubs["a"].authors == ["Adria Recasens*", "Aditya Khosla*", "Wei Li", "Wei Li", "Victor Petrén Bach Hansen",
                                 "Wu Wang†", "Wu Wang*†", "Jo Kim"]
    assert out == []


def test_keywords_one_a_line_or_with_a_braced_comma_are_not_split_at_their_own_commas(tmp_path: Path) -> None:
    """EndNote writes PubMed's MeSH terms one a line (`Oligonucleotides, Antisense/*therapeutic
    use` is one term: tests/corpus/bibtex/3c-lab-endnote.bib); a comma list may be wrapped over
    lines too (each line then ends in its comma); `{,}` is a keyword's own comma. Export braces a
    keyword's comma, so even a lone one reads back as it was."""
    pubs, _ = imported(r"""
@article{endnote, title = "T", author = "A B", journal = "J", year = 2001, keywords = {Animals
Oligonucleotides, Antisense/*therapeutic use
*Rett syndrome}}
@article{wrapped, title = "T", author = "A B", journal = "J", year = 2001, keywords = {deep learning,
  vision; graphs}}
@article{braced, title = "T", author = "A B", journal = "J", year = 2001, keywords = {
  Chemistry Techniques{,} Synthetic, Caf{\'e}
}}
""")
    assert pubs["endnote"].keywords == ["Animals", "Oligonucleotides, Antisense/*therapeutic use", "*Rett syndrome"]
    assert pubs["wrapped"].keywords == ["deep learning", "vision", "graphs"]
    assert pubs["braced"].keywords == ["Chemistry Techniques, Synthetic", "Café"]
    site = tmp_path / "site"
    site.mkdir()
    write(site / "data/publications.yaml", '- id: t\n  title: "T"\n  year: 2020\n  keywords: ["Oligonucleotides, Antisense"]\n'
                                           '- id: u\n  title: "U"\n  year: 2021\n  keywords: ["a; b", c]\n')
    out = tmp_path / "out.bib"
    assert hugokit("export", "bibtex", "--site", site, "-o", out).exit_code == 0
    assert "keywords = {Oligonucleotides{,} Antisense}" in out.read_text() and "keywords = {a{;} b, c}" in out.read_text()
    again, _ = imported(out.read_text())
    assert [p.keywords for p in again.values()] == [["Oligonucleotides, Antisense"], ["a; b", "c"]]


def test_names_and_editors_survive_export_then_import_and_show_on_the_page(tmp_path: Path) -> None:
    bib = write(tmp_path / "x.bib", r"""
@book{zog, author = "{Zillions of Games}", title = "Zillions", year = 1998}
@article{price, author = "{St-Hilaire,} S. and van der Berg, Anna", title = "T", journal = "J", year = 2016}
@book{ed, editor = "Lipcoll, David J. and D. H. Lawrie", title = "High Speed", publisher = "Academic Press",
  year = 1977}
""")
    site, again = tmp_path / "site", tmp_path / "again"
    for folder in (site, again, tmp_path / "paged"):
        folder.mkdir()
    assert hugokit("import", bib, "--site", site).exit_code == 0
    out = tmp_path / "out.bib"
    assert hugokit("export", "bibtex", "--site", site, "--force", "-o", out).exit_code == 0
    exported = out.read_text()
    assert "author = {{Zillions of Games}}" in exported and "editor = {Lipcoll, David J. and Lawrie, D. H.}" in exported
    assert hugokit("import", out, "--site", again).exit_code == 0
    first = parse_database((site / "data/publications.yaml").read_text(), "a")[0].publications
    assert parse_database((again / "data/publications.yaml").read_text(), "b")[0].publications == first
    # Without hugokit's own fields, the standard author and editor fields alone give the same names.
    plain = write(tmp_path / "plain.bib", "\n".join(line for line in exported.splitlines() if "hugokit-" not in line))
    pubs = {p.id: p for p in import_bibtex(plain.read_text(), "plain.bib", VENUES).publications}
    assert pubs["zog"].authors == ["Zillions of Games"] and pubs["price"].authors[0] == "S. St-Hilaire"
    assert pubs["ed"].editors == ["David J. Lipcoll", "D. H. Lawrie"]
    assert hugokit("build", "--site", site, "--force").exit_code == 0  # "J" is an unknown venue
    page = (site / "content/publications.md").read_text()
    assert "\nDavid J. Lipcoll, D. H. Lawrie (eds.)\n" in page
    assert hugokit("import", site / "content/publications.md", "--site", tmp_path / "paged").exit_code == 0
    from_page = parse_database((tmp_path / "paged/data/publications.yaml").read_text(), "c")[0].publications
    assert [p.editors for p in from_page if p.title == "High Speed"] == [["David J. Lipcoll", "D. H. Lawrie"]]


@pytest.mark.parametrize(("fields", "venue"), [
    ("journal = jair", "JAIR 2022"),  # not AIJ ("Artificial Intelligence")
    ('journal = "Journal of Artificial Intelligence Reseach"', "Journal of Artificial Intelligence Reseach 2022"),
    ('booktitle = "Machine Learning for Systems Workshop at NeurIPS 2023"',
     "Machine Learning for Systems Workshop at NeurIPS 2023"),
    ('booktitle = "Sets and Parts Workshop @ NeurIPS 2019 (oral)"', "Sets and Parts Workshop @ NeurIPS 2019 (Oral)"),
    ('publisher = "AAAI Press"', ""),  # a publisher names no venue of a paper
    ('howpublished = "\\url{https://www.example.org/paper.pdf}"', ""),  # a URL is a link, never WWW
    # the year the title writes is the venue's, as ICLR 2023 filed under 2022 stays ICLR 2023
    ('booktitle = "Proceedings of the Thirty-Seventh {AAAI} Conference on Artificial Intelligence ({AAAI} 2023)"',
     "AAAI 2023"),
    ('booktitle = "Proceedings of the 16th USENIX Symposium on Operating Systems Design and Implementation"',
     "OSDI 2022"),
    ('journal = "Neural Information Processing Systems (NeurIPS)"', "NeurIPS 2022"),
    ('booktitle = "Advances in Neural Information Processing Systems"', "NeurIPS 2022"),
    ('journal = "Findings of the 48th Annual Meeting of the Association for Computational Linguistics (ACL)",'
     ' abbr = "ACL 2025"', "Findings of the 48th Annual Meeting of the Association for Computational Linguistics "
                            "(ACL) 2022"),
    ('journal = "Proceedings of the 48th Annual Meeting of the Association for Computational Linguistics (ACL)"',
     "ACL 2022"),
    ('journal = "Proceedings of the Annual Meeting of the Association for Computational Linguistics (EMNLP)"',
     "Proceedings of the Annual Meeting of the Association for Computational Linguistics (EMNLP) 2022"),
    ('abbr = "ICML"', "ICML 2022"),  # no venue text: al-folio's abbr names it
    ('journal = "Ann. Phys.,", abbr = "Ann. Phys."', "Ann. Phys. 2022"),
])
def test_venues_map_only_on_an_exact_match(fields: str, venue: str) -> None:
    text = f'@string{{jair = "Journal of Artificial Intelligence Research"}}\n' \
           f'@inproceedings{{k, title = "T", author = "A B", year = 2022, {fields}}}'
    pubs, _ = imported(text)
    assert pubs["k"].venue == venue


def test_a_presentation_after_a_workshop_is_kept_and_urls_become_links() -> None:
    pubs, shown = imported(r"""
@inproceedings{w, title = "T", author = "A B", year = 2019, booktitle = "Sets and Parts Workshop @ NeurIPS 2019 (oral)"}
@misc{tf, title = "{TensorFlow}", author = "A B", year = 2015, url = "https://tensorflow.org/",
  howpublished = "\url{https://tensorflow.org/}"}
@misc{z, title = "Z", author = "A B", year = 2020, howpublished = "\url{https://doi.org/10.5281/zenodo.3700819}"}
@inproceedings{p, title = "P", author = "A B", year = 2020, booktitle = "ICML", publisher = "AAAI Press"}
""")
    assert (pubs["w"].venue, pubs["w"].award) == ("Sets and Parts Workshop @ NeurIPS 2019 (Oral)", "")
    assert (pubs["tf"].venue, pubs["tf"].links) == ("", {"paper": "https://tensorflow.org/"})
    assert (pubs["z"].venue, pubs["z"].links) == ("", {"paper": "https://doi.org/10.5281/zenodo.3700819"})
    assert pubs["p"].venue == "ICML 2020"
    assert any('field "publisher" is not imported (1 entry' in s for s in shown)


def test_al_folio_fields() -> None:
    pubs, shown = imported(r"""
@article{PhysRev.47.777,
  abbr={PhysRev}, bibtex_show={true}, title={Can Quantum-Mechanical Description Be Complete?},
  author={Einstein, A. and Podolsky, B.}, journal={Phys. Rev.,}, year={1935},
  doi={10.1103/PhysRev.47.777}, url={http://link.aps.org/doi/10.1103/PhysRev.47.777},
  html={https://journals.aps.org/pr/abstract/10.1103/PhysRev.47.777}, pdf={example_pdf.pdf},
  arxiv={2101.00001}, code={https://github.com/x/y}, slides={talk.pdf}, poster={https://x.org/poster.pdf},
  video={https://youtu.be/x}, blog={https://x.org/blog}, supp={supp.pdf}, website={https://x.org/},
  selected={true}, preview={brownian-motion.gif}, award={true}, award_name={Nobel Prize},
}
@article{b, abbr={ICML}, title={B}, author={C D}, booktitle={International Conference on Machine Learning},
  year={2020}, selected={false}, bibtex_show={true}}
""")
    p = pubs["PhysRev.47.777"]
    assert p.links == {
        # al-folio's html is the paper's page, its pdf the PDF: both known link kinds; url, a second
        # page of the paper, has no kind left (reported), and is no project
        "paper": "https://journals.aps.org/pr/abstract/10.1103/PhysRev.47.777", "pdf": "/assets/pdf/example_pdf.pdf",
        "project": "https://x.org/",
        "code": "https://github.com/x/y", "slides": "/assets/pdf/talk.pdf", "poster": "https://x.org/poster.pdf",
        "video": "https://youtu.be/x", "blog": "https://x.org/blog", "supplement": "/assets/pdf/supp.pdf"}
    assert (p.arxiv, p.topics, p.award, p.venue) == ("2101.00001", ["Selected"], "Nobel Prize", "Phys. Rev. 1935")
    assert (pubs["b"].venue, pubs["b"].topics) == ("ICML 2020", [])
    assert '2:warning[bibtex-unused-field] field "bibtex_show" is not imported (2 entries; first at line 2)' in shown
    assert any('field "preview" is not imported (1 entry; first at line 2)' in s for s in shown)
    assert any('field "abbr" is not imported (1 entry; first at line 2)' in s for s in shown)  # PhysRev: unknown
    assert sum('"bibtex_show"' in s for s in shown) == 1
    assert any('field "url" is not imported (1 entry; first at line 2)' in s for s in shown)


@pytest.mark.parametrize("written", ["http://dx.doi.org/10.1000/x_y", "doi:10.1000/x_y", "https://doi.org/10.1000/x_y",
                                     "DOI: 10.1000/x_y", "\\url{https://doi.org/10.1000/x\\_y}", " 10.1000/x_y "])
def test_dois_are_normalised(written: str) -> None:
    entry = f"@article{{k, title = {{T}}, author = {{A B}}, journal = {{J}}, year = 2020, doi = {{{written}}}}}"
    pubs, _ = imported(entry)
    assert pubs["k"].doi == "10.1000/x_y"


def test_urls_are_unwrapped_and_unescaped() -> None:
    pubs, _ = imported(r"""@article{k, title = {T}, author = {A B}, journal = {J}, year = 2020,
      url = {\url{https://example.org/a\_b/50\%25/x}}}""")
    assert pubs["k"].links == {"paper": "https://example.org/a_b/50%25/x"}


def test_a_syntax_error_names_its_entry_and_a_bare_www_address_is_no_venue() -> None:
    pubs, shown = imported("""@article{broken, title = {T} author = {A B}, year = 2020}
@misc{site, title = {S}, author = {A B}, year = 2015, howpublished = {www.sernapesca.cl/index.php}}
""")
    assert any('error[bibtex-syntax] BibTeX syntax error in entry "broken":' in s for s in shown)
    assert (pubs["site"].venue, pubs["site"].links) == ("", {"paper": "www.sernapesca.cl/index.php"})


def test_theses_and_a_second_venue_field() -> None:
    pubs, shown = imported("""@thesis{t, title = {T}, author = {A B}, school = {University of Waterloo}, year = 2012}
@thesis{p, title = {P}, author = {A B}, school = {ETH}, type = {phdthesis}, year = 2013}
@phdthesis{q, title = {Q}, author = {A B}, school = {Fanstord University}, type = {{PhD} Dissertation}, year = 1988}
@inproceedings{b, title = {B}, author = {A B}, booktitle = {ICML}, journal = {PMLR}, school = {MIT}, year = 2020}
""")
    assert [pubs[k].venue for k in "tpqb"] == ["University of Waterloo Thesis 2012", "ETH PhD Dissertation 2013",
                                               "Fanstord University PhD Dissertation 1988", "ICML 2020"]
    assert any('field "journal" is not imported (1 entry; first at line 4)' in s for s in shown)
    assert any('field "school" is not imported (1 entry; first at line 4)' in s for s in shown)


@pytest.mark.parametrize(("month", "date"), [
    ("jun", "2021-06"), ("{jun}", "2021-06"), ("{June}", "2021-06"), ('"Sep."', "2021-09"), ("{9}", "2021-09"),
    ("{09}", "2021-09"), ("dec", "2021-12"),
    ('jun # "-" # aug', ""), ("{Summer}", ""), ("{13}", ""), ("{June 12}", ""),  # not one month: reported
])
def test_an_unambiguous_month_becomes_the_date(month: str, date: str) -> None:
    pubs, shown = imported(f"@article{{a, title = {{T}}, author = {{A B}}, journal = {{J}}, year = 2021,\n"
                           f"  month = {month}}}")
    assert pubs["a"].date == date
    assert any('field "month" is not imported' in s for s in shown) == (not date)


def test_a_month_survives_export_and_import(tmp_path: Path) -> None:
    bib = write(tmp_path / "in.bib", "@inproceedings{a, title = {T}, author = {A B}, booktitle = {ICML},\n"
                                     "  year = 2021, month = jul}\n")
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    run = hugokit("import", bib, "--site", tmp_path / "one")
    assert run.exit_code == 0 and "warning" not in run.stdout, run.output
    db = (tmp_path / "one/data/publications.yaml").read_text()
    assert "date: 2021-07" in db
    exported = tmp_path / "out.bib"
    assert hugokit("export", "bibtex", "--site", tmp_path / "one", "-o", exported).exit_code == 0
    assert "month = jul," in exported.read_text()
    again = hugokit("import", exported, "--site", tmp_path / "two")
    assert again.exit_code == 0 and "warning" not in again.stdout, again.output
    assert (tmp_path / "two/data/publications.yaml").read_text() == db


@given(st.lists(st.sampled_from(["a", "b", " ", "{", "}", " and ", " AND ", ",", "\\", "~", '{\\"u}']), max_size=16))
def test_name_lists_split_as_pybtex_splits_them(pieces: list[str]) -> None:
    """The one-pass splitter of name lists agrees with pybtex's split_name_list, braces or not."""
    from pybtex.bibtex.utils import split_name_list

    from hugokit.importers.bibtex_names import split_names as _names

    value = " ".join("".join(pieces).split())
    assert _names(value) == [raw for raw in split_name_list(value) if raw.strip()]


def test_names_listed_with_commas_are_read_as_names_and_said(tmp_path: Path) -> None:
    """pybtex raised on a name with more than two commas (a traceback); such a list is names
    separated by commas instead of "and" (as tests/corpus/markdown/valentinp72-publications.md has)."""
    bib = write(tmp_path / "x.bib", "@inproceedings{k,\n  title = {T},\n  author = {Gaëlle Laperrière, Valentin "
                                    "Pelloin, Antoine Caubrière, Salima Mdhaffar},\n  booktitle = {X},\n"
                                    "  year = {2022},\n}\n")
    site = tmp_path / "site"
    site.mkdir()
    run = hugokit("import", bib, "--site", site)
    assert run.exit_code == 0 and "Traceback" not in run.output
    assert f"{bib}:3:12: warning[bibtex-name] entry \"k\": author lists 4 names separated by commas, which BibTeX " \
           'separates with "and"; they were read as 4 names' in run.stdout
    assert "authors: [Gaëlle Laperrière, Valentin Pelloin, Antoine Caubrière, Salima Mdhaffar]" in \
           (site / "data/publications.yaml").read_text()


@pytest.mark.parametrize(("written", "shown"), [
    ("Lee$^1$", "Lee"), ("Kim$^{1,2}$", "Kim"), ("Park\\textsuperscript{2}", "Park"), ("Lee¹²", "Lee"),
    ("Choi$^{1*}$", "Choi*"), ("Lim$^{1, \\dagger}$", "Lim†"), ("Yu $^{*,\\dagger}$, Sam", "Sam Yu*†"),
    ("Seo\\textsuperscript{*}", "Seo*"), ("Kawahara, Jeremy\\textsuperscript{*}\\textsuperscript{1}", "Jeremy Kawahara*"),
    ("Han$^\\dagger$", "Han†"), ("Wen*, Zehao", "Zehao Wen*"),
])
def test_affiliation_numbers_are_taken_out_of_names_and_marks_kept(written: str, shown: str) -> None:
    pubs, said = imported(f"@misc{{k, title = {{T}}, year = 2020, author = {{{written} and Other, An}}}}")
    assert pubs["k"].authors == [shown, "An Other"]
    numbered = any(c.isdigit() for c in written.replace("2020", ""))
    assert any("bibtex-affiliation" in s for s in said) == numbered
    assert not any("bibtex-name" in s for s in said)


@pytest.mark.parametrize(("written", "mark"), [("Jo$^{a}$", "$^{a}$"), ("O$^\\S$", "$^\\\\S$"),
                                                ("Bee\\textsuperscript{3$\\star$}", "\\\\textsuperscript{3$\\\\star$}")])
def test_a_superscript_that_is_no_number_nor_mark_is_kept_and_reported(written: str, mark: str) -> None:
    _, said = imported(f"@misc{{k, title = {{T}}, year = 2020, author = {{{written}}}}}")
    assert any(f'bibtex-name] entry "k": author "' in s and f': "{mark}" is neither an affiliation number nor an '
               "equal-contribution mark (*, †, ‡); it was kept as written" in s for s in said), said


def test_a_workshop_named_with_the_year_before_keeps_it() -> None:
    pubs, said = imported("@inproceedings{w, title = {T}, author = {A B}, year = 2020,\n"
                          "  booktitle = {NeurIPS 2019 Workshop on Sets and Partitions}}")
    assert pubs["w"].venue == "NeurIPS 2019 Workshop on Sets and Partitions"
    assert any('2:warning[bibtex-venue-year] entry "w": booktitle "NeurIPS 2019 Workshop on Sets and Partitions" '
               "names the year 2019, not the entry's year 2020" in s for s in said)


def test_an_al_folio_award_flag_without_a_name_is_reported() -> None:
    pubs, said = imported("@article{a, title = {T}, author = {A B}, journal = {J}, year = 2020, award = {true}}\n"
                          "@article{b, title = {T}, author = {A B}, journal = {J}, year = 2020, award = {false}}\n"
                          "@article{c, title = {T}, author = {A B}, journal = {J}, year = 2020, award = {Best Paper}}")
    assert [pubs[k].award for k in "abc"] == ["", "", "Best Paper"]
    assert said == ['1:warning[bibtex-award] entry "a": award = {true} names no award (al-folio\'s badge shows '
                    "award_name, which the entry lacks); it was not imported"]
