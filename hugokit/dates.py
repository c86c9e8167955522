"""Publication dates as sources write them, and the one form the database keeps.

The database keeps `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: as precise as the source, never more.
Sources write `MM/YYYY` (`10/2025` is October 2025), ISO dates with or without a time (Hugo
front-matter: `2021-08-20T00:00:00Z`), or a bare year. Anything else, or an impossible month
or day, is refused with a reason, so that the importer can report it at its line.
"""
from __future__ import annotations

import re

from hugokit.diagnostics import quoted

_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?"  # a date, then any time of day and zone
                  r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?")
_SLASHED = re.compile(r"(\d{1,2})/(\d{4})")
_DAY_FIRST = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_TRAILING_NUMBER = re.compile(r"(\d+)\s*$")
STORED = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
FORMS = "YYYY, MM/YYYY, YYYY-MM or YYYY-MM-DD"
# (Written out rather than taken from calendar, which imports datetime and locale at start-up and
# names the months in the process's locale.)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
# Each month's name and abbreviation (case-folded) -> its number.
_MONTH_NAMES = {form.casefold(): number for number, name in enumerate(MONTHS, 1) for form in (name, name[:3])}


def parse_date(text: str) -> tuple[str, str]:
    """(the date as YYYY[-MM[-DD]], "") or ("", why it is not a date)."""
    text = text.strip()
    found = _SLASHED.fullmatch(text)
    if found:
        return _checked(int(found.group(2)), int(found.group(1)), None)
    found = _ISO.fullmatch(text)
    if found:
        year, month, day = found.groups()
        return _checked(int(year), int(month) if month else None, int(day) if day else None)
    if _DAY_FIRST.fullmatch(text):
        return "", f"{quoted(text)} is ambiguous (day/month/year or month/day/year?)"
    return "", f"{quoted(text)} is not a date"


def _checked(year: int, month: int | None, day: int | None) -> tuple[str, str]:
    if month is None:
        return f"{year:04d}", ""
    if not 1 <= month <= 12:
        return "", f"month {month} does not exist"
    if day is None:
        return f"{year:04d}-{month:02d}", ""
    if not 1 <= day <= days_in_month(year, month):
        return "", f"{MONTHS[month - 1]} {year} has no day {day}"
    return f"{year:04d}-{month:02d}-{day:02d}", ""


def month_number(text: str) -> int | None:
    """The one month a BibTeX `month` names — a name as its macros expand (`jun` → June), an
    abbreviation (`Jun.`), or a number 1–12 — else None (`June-August`, `Summer`, `13`)."""
    word = text.strip().rstrip(".").strip().casefold()
    if word.isdigit():
        return int(word) if 1 <= int(word) <= 12 else None
    return _MONTH_NAMES.get(word) if word else None


def days_in_month(year: int, month: int) -> int:
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 29 if month == 2 and leap else _DAYS[month - 1]


def year_of(date: str) -> int:
    return int(date[:4])


def month_of(date: str) -> int | None:
    return int(date[5:7]) if len(date) >= 7 else None


def full_date(date: str, fallback_year: int) -> str:
    """YYYY-MM-DD for a front-matter `date`: the missing parts as 01."""
    if not date:
        return f"{fallback_year:04d}-01-01"
    return (date + "-01-01")[:10] if len(date) == 4 else (date + "-01")[:10]


def filed_year(venue: str, date: str) -> int | None:
    """The year the seed site's generator files an entry under: its venue's trailing number when
    that is above 2010 (`OSDI 2022`), else the year of its date."""
    trailing = _TRAILING_NUMBER.search(venue)
    if trailing and int(trailing.group(1)) > 2010:
        return int(trailing.group(1))
    if date:
        return year_of(date)
    return int(trailing.group(1)) if trailing and len(trailing.group(1)) == 4 else None
