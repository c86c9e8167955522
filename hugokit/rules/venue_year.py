"""venue-year: a year after next year, or a venue's year far from the year the entry is filed under.

The page files each entry under `year` and shows each venue with its own year; they may differ
(a paper filed under 2022 appears at ICLR 2023, a workshop version a year before the
conference), but by more than `venue_year_window` years (hugokit.yaml, default 2) they are
usually a typo. Each venue of a multi-venue string is compared on its own. Old years are fine
(historical works of 1854 are real); only years after next year cannot be right.

Fix: correct the year in `venue` or in `year`.
"""
from __future__ import annotations

import time
from typing import Iterator

from hugokit.diagnostics import Finding, Severity
from hugokit.rules import Context
from hugokit.rules._common import value_span, venue_parts

CODE = "venue-year"
SEVERITY = Severity.WARNING


def check(context: Context) -> Iterator[Finding]:
    last_year = time.localtime().tm_year + 1
    window = context.config.venue_year_window
    for pub in context.database.checked():
        filed = pub.year if pub.readable("year") else None
        if filed is not None and filed > last_year:
            yield Finding(pub.at("year"), f"filed year {filed} is in the future",
                          f"use a year up to {last_year}")
        for part in venue_parts(pub):
            if part.year is None:
                continue
            year = int(part.year.text)
            if year > last_year:
                yield Finding(value_span(pub.at("venue"), pub.venue, part.year), f"venue year {year} is in the future",
                              "correct the venue's year")
            elif filed is not None and filed <= last_year and abs(year - filed) > window:
                yield Finding(value_span(pub.at("venue"), pub.venue, part.year),
                              f"venue year {year} is {abs(year - filed)} years from the filed year {filed}",
                              f"correct one of them (allowed: {window}; set venue_year_window in hugokit.yaml)")
