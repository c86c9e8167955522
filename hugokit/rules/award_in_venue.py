"""award-in-venue: an award written into the venue string (`OSDI 2021(Jay Lepreau Best Paper Award!)`).

The venue grammar (see the README) reads a parenthesis after a venue's year as a presentation
mark (`(Oral)`, `(Spotlight)`, `(Poster)`, …) or, when it names an award, as an award. An award
belongs in the entry's `award` field, where the page shows it as an award and
`unknown-award`/`award-spelling` check it (they check it inside the venue too).

Fix: `hugokit fix` moves the award out of the venue into `award:` (a new line after `venue:`,
or right after it in a `{…}` entry) when the entry has no award yet, or just drops it from the
venue when `award` already says the same; an entry with a different award is left to a person.
"""
from __future__ import annotations

from typing import Iterator

from hugokit.diagnostics import Finding, Fix, Severity, quoted, replacing
from hugokit.model import Publication
from hugokit.render.database_yaml import scalar
from hugokit.rules import Context
from hugokit.rules._common import value_span, venue_parts
from hugokit.text import fold
from hugokit.venue_string import Parenthetical, without

CODE = "award-in-venue"
SEVERITY = Severity.WARNING
FIXABLE = True


def check(context: Context) -> Iterator[Finding]:
    for pub in context.database.checked():
        marks = [mark for part in venue_parts(pub) for mark in part.awards]
        for mark in marks:
            award = mark.value.text
            venue = " ".join(without(pub.venue, [mark.whole]).split())
            fix = _fix(pub, mark, venue) if len(marks) == 1 else None
            if pub.award.strip() and fold(pub.award) != fold(award):
                hint = f"the entry's award is {quoted(pub.award.strip())}: keep the right one and write venue: {venue}"
            elif fix is not None:
                hint = f'write venue: {venue} and award: {award} (hugokit fix does it)'
            else:
                hint = f'write venue: {venue} and award: {award}'
            yield Finding(value_span(pub.at("venue"), pub.venue, mark.value),
                          f"the venue {quoted(pub.venue)} holds the award {quoted(award)}", hint, fix)


def _fix(pub: Publication, mark: Parenthetical, venue: str) -> Fix | None:
    where = pub.at("venue")
    if pub.award.strip():
        return replacing(where, scalar(venue)) if fold(pub.award) == fold(mark.value.text) else None
    if "award" in pub.where:
        return None  # an award key left empty: a person decides
    if "venue:flow" in pub.where:  # {title: …, venue: …}: the award follows the venue
        return replacing(where, scalar(venue) + ", award: " + scalar(mark.value.text))
    key, entry = pub.at("venue:key"), pub.at()
    if "venue:key" not in pub.where or key.line != where.line or key.col != entry.col:
        return None  # the venue's value is not on its key's line: a person decides where it goes
    return replacing(where, scalar(venue) + "\n" + " " * (entry.col - 1) + "award: " + scalar(mark.value.text))


