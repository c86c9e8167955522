"""The venue string's grammar: parts, workshops, years, presentation marks and awards, with spans."""
from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import hugokit, write
from hugokit.text import split_venue
from hugokit.venue_string import Locator, locator_pieces, mark_kind, parse, with_locator, with_more_locator, without_locator


def _shape(venue: str) -> list[tuple[str | None, str, str | None, list[tuple[str, str]]]]:
    return [(p.workshop.text if p.workshop else None, p.name.text, p.year.text if p.year else None,
             [(m.kind, m.value.text) for m in p.marks]) for p in parse(venue)]


def test_several_venues_workshops_and_a_presentation_mark() -> None:
    assert _shape("ATC 2018 (Oral), AISys@SOSP 2017, MLSys@NeurIPS 2017") == [
        (None, "ATC", "2018", [("presentation", "Oral")]),
        ("AISys", "SOSP", "2017", []),
        ("MLSys", "NeurIPS", "2017", []),
    ]


def test_an_award_written_into_the_venue() -> None:
    assert _shape("OSDI 2021(Jay Lepreau Best Paper Award!)") == [
        (None, "OSDI", "2021", [("award", "Jay Lepreau Best Paper Award")])]
    assert _shape("ICLR 2019 (Spotlight) (Outstanding Paper Award)") == [
        (None, "ICLR", "2019", [("presentation", "Spotlight"), ("award", "Outstanding Paper Award")])]


def test_a_comma_inside_a_name_and_other_parentheses_stay_in_the_name() -> None:
    assert _shape("Foo, Bar: 100% 2020") == [(None, "Foo, Bar: 100%", "2020", [])]
    assert _shape("NeurIPS 2017 (Workshop)") == [(None, "NeurIPS 2017 (Workshop)", None, [])]
    assert _shape("Preprint") == [(None, "Preprint", None, [])]
    assert _shape("") == []


def test_spans_point_into_the_string() -> None:
    venue = "ATC 2018 (Oral), MLSys@NIPS 2017"
    second = parse(venue)[1]
    assert venue[second.name.start:second.name.end] == "NIPS"
    assert venue[second.workshop.start:second.workshop.end] == "MLSys"  # type: ignore[union-attr]
    assert venue[second.whole.start:second.whole.end] == "MLSys@NIPS 2017"
    award = parse("OSDI 2021(Best Paper Award!)")[0].marks[0]
    assert "OSDI 2021(Best Paper Award!)"[award.whole.start:award.whole.end] == "(Best Paper Award!)"


def test_mark_kinds_and_the_first_venue_for_exports() -> None:
    assert [mark_kind(t) for t in ("Oral", "spotlight", "Poster", "Best Paper Award!", "Workshop")] == [
        "presentation", "presentation", "presentation", "award", ""]
    assert split_venue("ATC 2018 (Oral), AISys@SOSP 2017") == ("ATC", 2018)
    assert split_venue("AISys@SOSP 2017") == ("AISys@SOSP", 2017)
    assert split_venue("OSDI 2022") == ("OSDI", 2022)
    assert split_venue("Blogpost") == ("Blogpost", None)


def test_fix_rewrites_only_the_misspelled_part_in_place(tmp_path: Path) -> None:
    database = write(tmp_path / "data/publications.yaml", (
        "- title: A  # a comment that stays\n"
        "  year: 2018\n"
        "  venue: USENIX ATC 2018 (Oral), MLSys@NIPS 2017\n"
        "  authors: [A B]\n"
        "  topics: [T]\n"
        "- {title: B, year: 2019, venue: \"iclr 2019 (Spotlight), AISys@sosp 2019\", authors: [A B], topics: [T]}\n"))
    write(tmp_path / "data/topics.yaml", "- T\n")
    assert hugokit("fix", "--site", tmp_path, "--select", "venue-spelling").exit_code == 0
    assert database.read_text() == (
        "- title: A  # a comment that stays\n"
        "  year: 2018\n"
        "  venue: ATC 2018 (Oral), MLSys@NeurIPS 2017\n"
        "  authors: [A B]\n"
        "  topics: [T]\n"
        "- {title: B, year: 2019, venue: \"ICLR 2019 (Spotlight), AISys@SOSP 2019\", authors: [A B], topics: [T]}\n")
    assert hugokit("check", "--site", tmp_path, "--no-cache").stdout == ""


_PIECES = st.sampled_from(["NIPS 2017", "osdi 2021", "USENIX ATC 2018 (Oral)", "MLSys@NIPS 2017", "ICLR 2019 (spotlight)",
                           "AISys@sosp 2017", "NeurIPS 2020", "Foo, Bar 2020"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(_PIECES, min_size=1, max_size=3), style=st.sampled_from(["plain", "double", "single", "flow"]))
def test_fixing_venue_parts_keeps_the_rest_and_leaves_nothing_to_fix(tmp_path: Path, parts: list[str], style: str) -> None:
    venue = ", ".join(parts)
    written = {"plain": venue, "double": f'"{venue}"', "single": f"'{venue}'", "flow": f'"{venue}"'}[style]
    entry = (f"- {{title: A, year: 2019, venue: {written}, authors: [A B], topics: [T]}}\n" if style == "flow"
             else f"- title: A\n  year: 2019\n  venue: {written}\n  authors: [A B]\n  topics: [T]\n")
    site = tmp_path / f"{style}-{abs(hash(venue))}"
    database = write(site / "data/publications.yaml", entry)
    write(site / "data/topics.yaml", "- T\n")
    for _ in range(3):  # overlapping fixes of one value are applied over reruns
        hugokit("fix", "--site", site, "--select", "venue-spelling")
    fixed = yaml.safe_load(database.read_text())[0]["venue"]
    expected = venue
    for old, new in (("NIPS", "NeurIPS"), ("osdi", "OSDI"), ("USENIX ATC", "ATC"), ("sosp", "SOSP")):
        expected = expected.replace(old, new)
    assert fixed == expected
    assert "venue-spelling" not in hugokit("check", "--site", site, "--no-cache", "--select", "venue-spelling").stdout


def test_moving_an_award_out_of_the_venue_keeps_the_file_valid(tmp_path: Path) -> None:
    text = ("- title: A\n  year: 2021\n  venue: OSDI 2021(Jay Lepreau Best Paper Award!)  # kept\n  authors: [A B]\n"
            "  topics: [T]\n"
            "- {title: B, year: 2020, venue: \"MLSys 2020 (Best Paper Award)\", authors: [A B], topics: [T]}\n"
            "- {title: C, year: 2019,\n  venue: ICLR 2019 (Oral) (Outstanding Paper Award), authors: [A B], topics: [T]}\n"
            "- title: D\n  year: 2018\n  venue:\n    ATC 2018 (Best Paper Award)\n  authors: [A B]\n  topics: [T]\n")
    database = write(tmp_path / "data/publications.yaml", text)
    write(tmp_path / "data/topics.yaml", "- T\n")
    hugokit("fix", "--site", tmp_path, "--select", "award-in-venue")
    entries = yaml.safe_load(database.read_text())
    assert [(e["venue"], e.get("award")) for e in entries] == [
        ("OSDI 2021", "Jay Lepreau Best Paper Award"), ("MLSys 2020", "Best Paper Award"),
        ("ICLR 2019 (Oral)", "Outstanding Paper Award"),
        ("ATC 2018 (Best Paper Award)", None)]  # the value is not on its key's line: left to a person
    assert "  venue: OSDI 2021\n  award: Jay Lepreau Best Paper Award  # kept\n" in database.read_text()


def test_a_journal_volume_issue_and_pages_are_the_locator_not_the_name() -> None:
    """As Hugo Blox pages and citations write a journal article's venue; kept in the string."""
    def located(venue: str) -> tuple[str, str | None, str | None]:
        (part,) = parse(venue)
        return part.name.text, part.locator.text if part.locator else None, part.year.text if part.year else None

    assert located("Nature 585(7825):357–362") == ("Nature", "585(7825):357–362", None)
    assert located("Applied Soft Computing 12(12):3711–3724") == ("Applied Soft Computing", "12(12):3711–3724", None)
    assert located("PeerJ Computer Science 8, e1078") == ("PeerJ Computer Science", "8, e1078", None)
    assert located("Phys. Rev. 47:777–780, 1935") == ("Phys. Rev.", "47:777–780", "1935")
    assert located("Proc. IEEE 86(11), pp. 2278–2324") == ("Proc. IEEE", "86(11), pp. 2278–2324", None)
    assert located("Nature, 585(7825), 357–362.") == ("Nature", "585(7825), 357–362", None)  # as APA cites it
    assert located("Journal of the Royal Statistical Society, Series B (Statistical Methodology) 85(3)") == (
        "Journal of the Royal Statistical Society, Series B (Statistical Methodology)", "85(3)", None)
    assert located("Aquaculture 426–427:231–237, 2014") == ("Aquaculture", "426–427:231–237", "2014")  # a double volume
    assert located("Phys. Lett. 45B:12–34") == ("Phys. Lett.", "45B:12–34", None)
    assert located("FEMS Microbiol. Lett. 363:fnw102, 2016") == ("FEMS Microbiol. Lett.", "363:fnw102", "2016")
    assert located("J. Stat. Mech. 2012(02):P02003, 2012") == ("J. Stat. Mech.", "2012(02):P02003", "2012")
    # A bare number, or a parenthesis that is no issue, stays in the name.
    assert located("Web 3") == ("Web 3", None, None)
    assert located("NeurIPS 2017 (Workshop 2)") == ("NeurIPS 2017 (Workshop 2)", None, None)
    assert located("Foo 12, 2020") == ("Foo 12", None, "2020")
    assert split_venue("Nature 585(7825):357–362") == ("Nature", None)
    assert split_venue("Phys. Rev. 47:777–780, 1935") == ("Phys. Rev.", 1935)
    venue = "Nature 585(7825):357–362 (Oral)"
    (part,) = parse(venue)
    assert venue[part.locator.start:part.locator.end] == "585(7825):357–362"  # type: ignore[union-attr]
    assert [m.value.text for m in part.marks] == ["Oral"]


def test_a_proceedings_paper_s_pages_alone_stand_after_the_year() -> None:
    """Pages without a volume (a proceedings paper's) follow the year behind "pp." or "p.": the
    part's locator, whatever marks come before or after them."""
    def read(venue: str) -> list[tuple[str, str | None, str | None, list[str]]]:
        return [(p.name.text, p.locator.text if p.locator else None, p.year.text if p.year else None,
                 [m.value.text for m in p.marks]) for p in parse(venue)]

    assert read("OSDI 2022, pp. 559–578") == [("OSDI", "pp. 559–578", "2022", [])]
    assert read("ICML 2020, p. 7 (Oral)") == [("ICML", "p. 7", "2020", ["Oral"])]
    assert read("ICML 2020 (Oral), pp. 1–10") == [("ICML", "pp. 1–10", "2020", ["Oral"])]
    assert read("OSDI 2022, pp. 1–2, MLSys@NeurIPS 2017") == [("OSDI", "pp. 1–2", "2022", []),
                                                              ("NeurIPS", None, "2017", [])]
    assert read("Handbook, pp. 12–34") == [("Handbook", "pp. 12–34", None, [])]
    # After a volume or an issue they are a journal's pages; without "pp." no locator at all.
    assert read("Proc. IEEE 86(11), pp. 2278–2324") == [("Proc. IEEE", "86(11), pp. 2278–2324", None, [])]
    assert read("Foo 2020, 12–34") == [("Foo", None, "2020", []), ("12–34", None, None, [])]
    (part,) = parse("OSDI 2022, pp. 559–578 (Oral)")
    assert part.locator is not None and locator_pieces(part.locator) == Locator("", "", "559–578")
    assert str(Locator("", "", "559–578")) == "pp. 559–578" and str(Locator("", "", "e12")) == "p. e12"
    assert split_venue("OSDI 2022, pp. 559–578") == ("OSDI", 2022)
    assert with_locator("OSDI 2022 (Oral)", Locator("", "", "559–578")) == "OSDI 2022, pp. 559–578 (Oral)"
    assert with_locator("Handbook", Locator("", "", "3")) == "Handbook, p. 3"
    assert without_locator("OSDI 2022, pp. 559–578 (Oral)") == "OSDI 2022 (Oral)"
    assert with_more_locator("OSDI 2022", "OSDI 2022, pp. 559-578") == "OSDI 2022, pp. 559-578"
    assert with_more_locator("OSDI 2022, pp. 559–578", "OSDI 2022, pp. 559-578") == "OSDI 2022, pp. 559–578"
    assert with_more_locator("OSDI 2022, pp. 1–2", "OSDI 2022, pp. 3–4") is None


def test_the_exports_give_the_locator_its_own_fields_and_keep_the_venue(tmp_path: Path) -> None:
    import json

    from pybtex.database import parse_string

    write(tmp_path / "data/publications.yaml", '- title: "Array programming with NumPy"\n  authors: [Charles R. Harris]\n'
                                               "  year: 2020\n  venue: Nature 585(7825):357–362\n")
    bib = hugokit("export", "bibtex", "--site", tmp_path)
    assert bib.exit_code == 0, bib.output
    entry = next(iter(parse_string(bib.stdout, "bibtex").entries.values()))
    assert entry.type == "article"
    assert {k: entry.fields[k] for k in ("journal", "volume", "number", "pages", "hugokit-venue")} == {
        "journal": "Nature", "volume": "585", "number": "7825", "pages": "357--362",
        "hugokit-venue": "Nature 585(7825):357–362"}
    csl = hugokit("export", "csl-json", "--site", tmp_path)
    (item,) = json.loads(csl.stdout)
    assert (item["container-title"], item["volume"], item["issue"], item["page"]) == ("Nature", "585", "7825", "357-362")
    back = write(tmp_path / "back.bib", bib.stdout)
    (tmp_path / "again").mkdir()
    again = hugokit("import", back, "--site", tmp_path / "again")
    assert again.exit_code == 0, again.output
    assert "venue: Nature 585(7825):357–362\n" in (tmp_path / "again/data/publications.yaml").read_text()
    assert "not imported" not in again.output
    assert hugokit("check", "--site", tmp_path, "--select", "unknown-venue").stdout == ""
