"""Time in story similarity: do the dates two texts mention agree, and how far apart were
they published.

A mentioned date is a TIMEX3 value at day (``2009-03-03``), month (``2009-03``) or year
(``2009``) granularity, read as the interval of days it covers. Two sets of dates
*agree* when they share a day, and *conflict* when no date of one lies within
``conflict_days`` of a date of the other: articles mention background dates too, so one
near pair is enough to rule a conflict out.
"""

from __future__ import annotations

import calendar
from collections.abc import Collection
from datetime import date
from functools import cache


@cache
def interval(value: str) -> tuple[date, date] | None:
    """The first and last day a TIMEX3 date value covers (None when it is not one)."""
    try:
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 1:
            return date(parts[0], 1, 1), date(parts[0], 12, 31)
        if len(parts) == 2:
            last = calendar.monthrange(parts[0], parts[1])[1]
            return date(parts[0], parts[1], 1), date(parts[0], parts[1], last)
        if len(parts) == 3:
            day = date(parts[0], parts[1], parts[2])
            return day, day
    except ValueError:
        return None
    return None


def distance(a: tuple[date, date], b: tuple[date, date]) -> int:
    """Days between two intervals (0 when they overlap)."""
    if a[1] < b[0]:
        return (b[0] - a[1]).days
    if b[1] < a[0]:
        return (a[0] - b[1]).days
    return 0


def date_agreement(first: Collection[str], second: Collection[str], *, conflict_days: int) -> int:
    """1 when the two sets share a day, -1 when they conflict, 0 otherwise (also when
    either side mentions no date)."""
    days_a = {v for v in first if len(v) == 10}
    if days_a & {v for v in second if len(v) == 10}:
        return 1
    spans_a = [s for s in map(interval, first) if s is not None]
    spans_b = [s for s in map(interval, second) if s is not None]
    if not spans_a or not spans_b:
        return 0
    nearest = min(distance(a, b) for a in spans_a for b in spans_b)
    return -1 if nearest > conflict_days else 0


def published_gap(
    first_a: date | None, last_a: date | None, first_b: date | None, last_b: date | None
) -> int | None:
    """Days between two publication ranges (None when either is unknown)."""
    if first_a is None or last_a is None or first_b is None or last_b is None:
        return None
    return distance((first_a, last_a), (first_b, last_b))
