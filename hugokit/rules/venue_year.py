"""venue-year: the venue has no year, an implausible one, or one far from the year the entry is filed under.

The page files each entry under `year` and shows the venue with its own year; they may differ
(a paper filed under 2022 appears at ICLR 2023), but by more than `venue_year_window` years
(hugokit.yaml, default 2) they are usually a typo. The filed year itself must be plausible too.

Fix: correct the year in `venue` or in `year`.
"""
from __future__ import annotations

import time
from typing import Iterator

from hugokit.diagnostics import Finding, Severity
from hugokit.rules import Context
from hugokit.text import split_venue

CODE = "venue-year"
SEVERITY = Severity.WARNING
FIRST_YEAR = 1900


def check(context: Context) -> Iterator[Finding]:
    last_year = time.localtime().tm_year + 1
    window = context.config.venue_year_window
    for pub in context.database.publications:
        if not FIRST_YEAR <= pub.year <= last_year:
            yield Finding(pub.at("year"), f"filed year {pub.year} is implausible",
                          f"use a year between {FIRST_YEAR} and {last_year}")
        if not pub.venue.strip():
            continue
        name, year = split_venue(pub.venue)
        if year is None:
            yield Finding(pub.at("venue"), f'venue "{pub.venue}" has no year',
                          f'write it as "{name} {pub.year}" (name, then year)')
        elif not FIRST_YEAR <= year <= last_year:
            yield Finding(pub.at("venue"), f'venue year {year} is implausible', "correct the venue's year")
        elif abs(year - pub.year) > window:
            yield Finding(pub.at("venue"),
                          f"venue year {year} is {abs(year - pub.year)} years from the filed year {pub.year}",
                          f"correct one of them (allowed: {window}; set venue_year_window in hugokit.yaml)")
