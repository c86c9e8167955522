"""A journal's volume, issue and pages, or a proceedings paper's pages, given as fields of their
own (BibTeX's volume, number and pages; a JSON list's volume, issue, page) → the venue's locator,
as the venue grammar writes it (`Nature 585(7825):357–362, 2020`, `OSDI 2022, pp. 559–578`). Each value the grammar cannot hold is named with why and what
to do, never dropped without a word."""
from __future__ import annotations

from typing import Callable, NamedTuple

from hugokit.diagnostics import quoted
from hugokit.venue_string import ISSUE_FORMS, locator_from, parse, with_locator

PIECES = ("volume", "issue", "pages")
_BY_HAND = "write the venue with its locator by hand (Nature 585(7825):357–362, 2020)"
# Why a value stays out of the venue (venue_string.locator_from's reasons, and "no-fit"): the
# message's end, and the hint; {volume}, {issue}, {pages} are examples in the format's syntax.
_LEFT_OUT = {
    ("volume", "form"): ("is not a volume the venue can hold (585, 426–427, 45B)",
                         "a letter that names a series belongs in the journal's name (Phys. Lett. B); else "
                         + _BY_HAND),
    ("issue", "form"): (f"is not an issue number the venue can hold ({ISSUE_FORMS})", "else " + _BY_HAND),
    ("pages", "form"): ("is not a page range, a page or an article number (12–34, 12, e1234, fnw102)",
                        "correct it if it is a slip ({pages}; an open range such as 1– names no last page); the "
                        "venue cannot hold other forms, so the value stays only in the imported file"),
    ("issue", "no-volume"): ("has no volume to go with it (the venue writes a journal's volume first)",
                             "add the volume ({volume}) and import again, or " + _BY_HAND),
    ("issue", "volume-left-out"): ("cannot be written without its volume, which was left out",
                                   "correct the volume and import again, or " + _BY_HAND),
    ("volume", "alone"): ("has no issue or pages with it, and a volume alone would read as part of the venue's name",
                          "add the issue ({issue}) or the pages and import again: a volume alone has no place in the "
                          "venue"),
    ("volume", "rest-left-out"): ("cannot be written without an issue or pages, which were left out",
                                  "correct them and import again, or " + _BY_HAND),
    ("volume", "no-fit"): ('does not fit into the venue "{venue}"', "its text leaves no room for a locator: " + _BY_HAND),
}
for _piece in PIECES:
    _LEFT_OUT[(_piece, "no-venue")] = ("has no venue to go with it", "give the entry its journal and import again")
for _piece in ("issue", "pages"):
    _LEFT_OUT[(_piece, "no-fit")] = _LEFT_OUT[("volume", "no-fit")]
# Pages alone go after a one-part venue's year: a whole proceedings title kept as written has no such place.
_LEFT_OUT[("pages", "no-fit-alone")] = ('do not fit into the venue "{venue}"',
                                        "pages go after the year of a venue of one part: write it as the "
                                        "conference's name and year with them (OSDI 2022, pp. 559–578), by hand")


class Given(NamedTuple):
    field: str    # the format's name for it: "number", "page"
    text: str     # its text (LaTeX decoded)
    written: str  # as the file writes it, for the message


class LeftOut(NamedTuple):
    piece: str    # "volume", "issue" or "pages"
    message: str  # 'pages "1--" is not a page range, …'
    hint: str


def place_locator(venue: str, given: dict[str, Given], example: Callable[[str, str], str],
                  defaults: tuple[str, str, str]) -> tuple[str, list[LeftOut]]:
    """The venue with the locator the given pieces make (unchanged where there is none), and each
    piece left out. example(field, value) writes a field in the format's syntax, for the hints;
    defaults are the format's names for volume, issue and pages."""
    values = {piece: given[piece].text if piece in given else "" for piece in PIECES}
    if not any(values.values()):
        return venue, []
    locator, why = locator_from(values["volume"], values["issue"], values["pages"])
    placed = with_locator(venue, locator) if locator is not None and venue else None
    if not venue.strip():
        why = {piece: "no-venue" for piece, value in values.items() if value}
    elif locator is not None and placed is None:
        parts = parse(venue)
        if len(parts) == 1 and parts[0].locator is not None and parts[0].locator.text == str(locator):
            placed = venue  # the venue's text already holds it
        else:
            why = {piece: "no-fit" if locator.volume else "no-fit-alone" for piece, value in values.items() if value}
    names = {piece: given[piece].field if piece in given else default
             for piece, default in zip(PIECES, defaults)}
    examples = {"volume": example(names["volume"], "12"), "issue": example(names["issue"], "3"),
                "pages": example(names["pages"], "12-34")}
    left_out = []
    for piece in PIECES:
        if piece in why:
            message, hint = _LEFT_OUT[(piece, why[piece])]
            left_out.append(LeftOut(piece, f'{given[piece].field} {quoted(given[piece].written)} '
                                           f"{message.format(venue=venue)}", hint.format(**examples)))
    return placed or venue, left_out
