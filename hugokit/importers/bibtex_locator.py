"""A journal entry's volume, number and pages → the venue's locator, as the venue grammar writes
it (`Nature 585(7825):357–362, 2020`); each value the grammar cannot hold is named, never dropped."""
from __future__ import annotations

from typing import Protocol

from hugokit.venue_string import ISSUE_FORMS, locator_from, parse, with_locator

_BY_HAND = "write the venue with its locator by hand (Nature 585(7825):357–362, 2020)"
# Why a value stays out of the venue (venue_string.locator_from's reasons, and "no-fit"):
# the message's end, and the hint.
_LEFT_OUT = {
    ("volume", "form"): ("is not a volume the venue can hold (585, 426-427, 45B)",
                         "a letter that names a series belongs in the journal's name (Phys. Lett. B); else "
                         + _BY_HAND),
    ("issue", "form"): (f"is not an issue number the venue can hold ({ISSUE_FORMS})", "else " + _BY_HAND),
    ("pages", "form"): ("is not a page range, a page or an article number (12--34, 12, e1234, fnw102)",
                        "correct it if it is a slip (an open range such as 1-- names no last page); the venue "
                        "cannot hold other forms, so the value stays only in the .bib file"),
    ("issue", "no-volume"): ("has no volume to go with it (the venue writes a journal's volume first)",
                             "add the volume (volume = {12}) and import again, or " + _BY_HAND),
    ("issue", "volume-left-out"): ("cannot be written without its volume, which was left out",
                                   "correct the volume and import again, or " + _BY_HAND),
    ("volume", "alone"): ("has no issue or pages with it, and a volume alone would read as part of the venue's name",
                          "add the issue (number = {3}) or the pages and import again: a volume alone has no "
                          "place in the venue"),
    ("volume", "rest-left-out"): ("cannot be written without an issue or pages, which were left out",
                                  "correct them and import again, or " + _BY_HAND),
    ("volume", "no-fit"): ('does not fit into the venue "{venue}"', "its text leaves no room for a locator: " + _BY_HAND),
}
for _piece in ("issue", "pages"):
    _LEFT_OUT[(_piece, "no-fit")] = _LEFT_OUT[("volume", "no-fit")]
_LEFT_OUT[("pages", "no-volume")] = _LEFT_OUT[("issue", "no-volume")]
_LEFT_OUT[("pages", "volume-left-out")] = _LEFT_OUT[("issue", "volume-left-out")]


class Texts(Protocol):
    fields: dict[str, str]

    def get(self, name: str) -> str: ...


def located(text: Texts, venue: str, used: set[str], left_out: list[tuple[str, str, str]],
            volume_taken: bool) -> str:
    """The venue with the locator the entry's volume, number and pages give (biblatex's eid where
    there are no pages); each field read goes to used, each value the venue cannot hold to
    left_out as (field, why, hint). volume_taken: the volume was read as something else."""
    fields = {"volume": "volume", "issue": "number", "pages": "pages" if text.get("pages") else "eid"}
    values = {piece: "" if piece == "volume" and volume_taken else text.get(field) for piece, field in fields.items()}
    if not any(values.values()):
        return venue
    locator, why = locator_from(values["volume"], values["issue"], values["pages"])
    placed = with_locator(venue, locator) if locator is not None else None
    if locator is not None and placed is None:
        parts = parse(venue)
        if len(parts) == 1 and parts[0].locator is not None and parts[0].locator.text == str(locator):
            placed = venue  # the journal's text already holds it
        else:
            why = {piece: "no-fit" for piece, value in values.items() if value}
    for piece, field in fields.items():
        if not values[piece]:
            continue
        used.add(field)
        if piece in why:
            message, hint = _LEFT_OUT[(piece, why[piece])]
            written = " ".join(text.fields[field].split())
            left_out.append((field, f'{field} "{written}" {message.format(venue=venue)}', hint))
    return placed or venue
