"""Publication dates read from strings: feed fields, header lines, datelines, captions.

Only dates that carry their year are taken; a day and month without a year stays
unknown (the time normalizer, not the cleaner, may resolve it against an anchor)."""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from ..lexicons import cleaning
from ..records import Published

_ISO = re.compile(
    r"\b(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b"
)
_ISO_MONTH = re.compile(r"^\s*(\d{4})-(\d{2})\s*$")
_YEAR = re.compile(r"^\s*(\d{4})\s*$")


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    months = "|".join(sorted((re.escape(m) for m in cleaning().months), key=len, reverse=True))
    month_first = re.compile(
        rf"\b(?P<month>{months})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b",
        re.I,
    )
    day_first = re.compile(
        rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{months})\.?,?\s+(?P<year>\d{{4}})\b",
        re.I,
    )
    month_year = re.compile(rf"^\s*(?P<month>{months})\.?,?\s+(?P<year>\d{{4}})\s*$", re.I)
    return month_first, day_first, month_year


def _first_date(text: str) -> tuple[int, int, date] | None:
    """(start, end, date) of the first full date written in ``text``."""
    found: list[tuple[int, int, date]] = []
    iso = _ISO.search(text)
    if iso:
        day = _make_date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        if day:
            found.append((iso.start(), iso.end(), day))
    month_first, day_first, _ = _patterns()
    for pattern in (month_first, day_first):
        match = pattern.search(text)
        if match:
            month = cleaning().months[match.group("month").casefold()]
            day = _make_date(int(match.group("year")), month, int(match.group("day")))
            if day:
                found.append((match.start(), match.end(), day))
    return min(found, key=lambda item: item[0]) if found else None


def date_span(text: str) -> tuple[int, int] | None:
    """Where the first full date in ``text`` is written."""
    found = _first_date(text)
    return (found[0], found[1]) if found else None


def find_date(text: str, evidence: str) -> Published | None:
    """The first full date written in ``text`` (ISO or English month-name forms)."""
    found = _first_date(text)
    if found is None:
        return None
    return Published(date=found[2], precision="day", evidence=evidence)


def parse_published(value: str, evidence: str) -> Published | None:
    """A feed's publication field: a full date, or a month or year alone."""
    full = find_date(value, evidence)
    if full:
        return full
    month = _ISO_MONTH.match(value)
    if month and 1 <= int(month.group(2)) <= 12:
        return Published(
            date=date(int(month.group(1)), int(month.group(2)), 1),
            precision="month",
            evidence=evidence,
        )
    named = _patterns()[2].match(value)
    if named:
        number = cleaning().months[named.group("month").casefold()]
        return Published(
            date=date(int(named.group("year")), number, 1), precision="month", evidence=evidence
        )
    year = _YEAR.match(value)
    if year and 1800 < int(year.group(1)) < 2200:
        return Published(date=date(int(year.group(1)), 1, 1), precision="year", evidence=evidence)
    return None


def _make_date(year: int, month: int, day: int) -> date | None:
    if not 1800 < year < 2200:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None
