"""Time in story similarity: do the dates two texts mention agree, and how far apart were
they published.

A mentioned date is a TIMEX3 value at day (``2009-03-03``), month (``2009-03``) or year
(``2009``) granularity, read as the interval of days it covers, or a day or month whose
year the text does not give (``XXXX-12-09``, ``XXXX-12``: "on Dec. 9" in an article with
no publication date), read on the yearly cycle: it lies near a date when it does in some
year. Two sets of dates *agree* when they share a day (a yearless day agrees with the
same day of any year), and *conflict* when no date of one lies within ``conflict_days``
of a date of the other: articles mention background dates too, so one near pair is
enough to rule a conflict out. Yearless dates only ever meet dates at day or month
precision: that a year holds a December says nothing.
"""

from __future__ import annotations

import calendar
from collections.abc import Collection
from datetime import date, timedelta
from functools import cache

# the year yearless dates are placed in to compare them (a leap year: Feb. 29 exists),
# and its length
_CYCLE_YEAR = 2000
_YEAR_DAYS = 366


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


@cache
def yearless(value: str) -> tuple[date, date] | None:
    """The days a yearless TIMEX3 value (``XXXX-12-09``, ``XXXX-12``) covers, placed in
    the cycle year (None when it is not one)."""
    rest = value.removeprefix("XXXX-")
    if rest == value or len(rest) not in (2, 5) or not rest.replace("-", "").isdigit():
        return None
    return interval(f"{_CYCLE_YEAR}-{rest}")


def _in_cycle(span: tuple[date, date]) -> tuple[date, date] | None:
    """A day or month span placed in the cycle year (None for longer spans)."""
    if span[0].year != span[1].year or (span[1] - span[0]).days > 31:
        return None
    return span[0].replace(year=_CYCLE_YEAR), span[1].replace(year=_CYCLE_YEAR)


def cyclic_distance(a: tuple[date, date], b: tuple[date, date]) -> int:
    """Days between two spans of the cycle year, going round the year's end if shorter."""
    year = timedelta(days=_YEAR_DAYS)
    return min(distance(a, (b[0] + k * year, b[1] + k * year)) for k in (-1, 0, 1))


def distance(a: tuple[date, date], b: tuple[date, date]) -> int:
    """Days between two intervals (0 when they overlap)."""
    if a[1] < b[0]:
        return (b[0] - a[1]).days
    if b[1] < a[0]:
        return (a[0] - b[1]).days
    return 0


def date_agreement(first: Collection[str], second: Collection[str], *, conflict_days: int) -> int:
    """1 when the two sets share a day, -1 when they conflict, 0 otherwise (also when
    either side mentions no date the other can be compared with)."""
    full_a, free_a = _days(first)
    full_b, free_b = _days(second)
    if (
        full_a & full_b
        or free_a & (free_b | {d[5:] for d in full_b})
        or free_b & {d[5:] for d in full_a}
    ):
        return 1
    spans_a = [s for s in map(interval, first) if s is not None]
    spans_b = [s for s in map(interval, second) if s is not None]
    cycle_a = [s for s in map(yearless, first) if s is not None]
    cycle_b = [s for s in map(yearless, second) if s is not None]
    gaps = [distance(a, b) for a in spans_a for b in spans_b]
    if cycle_a or cycle_b:
        placed_a = cycle_a + [c for c in map(_in_cycle, spans_a) if c is not None]
        placed_b = cycle_b + [c for c in map(_in_cycle, spans_b) if c is not None]
        gaps += [cyclic_distance(a, b) for a in cycle_a for b in placed_b]
        gaps += [cyclic_distance(a, b) for a in placed_a for b in cycle_b]
    if not gaps:
        return 0
    return -1 if min(gaps) > conflict_days else 0


def _days(values: Collection[str]) -> tuple[set[str], set[str]]:
    """The full days among dates (``2009-03-03``) and the yearless ones (as ``03-03``)."""
    full = {v for v in values if len(v) == 10 and v[:4].isdigit()}
    free = {v[5:] for v in values if len(v) == 10 and v.startswith("XXXX-")}
    return full, free


def published_gap(
    first_a: date | None, last_a: date | None, first_b: date | None, last_b: date | None
) -> int | None:
    """Days between two publication ranges (None when either is unknown)."""
    if first_a is None or last_a is None or first_b is None or last_b is None:
        return None
    return distance((first_a, last_a), (first_b, last_b))
