"""Calendar arithmetic and TIMEX3 value formatting for the time extractor: ISO weeks,
month shifts, weekday and holiday resolution, duration strings. Pure functions."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from fractions import Fraction

from rashomon.extract.time_words import Unit

# The first month of each TIMEX3 season code (winter starts in December of its year).
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

# Smaller units a fraction of a unit is expressed in ("2 1/2 years" -> P2Y6M).
_SMALLER = {
    ("Y", False): ("M", 12),
    ("M", False): ("D", 30),
    ("W", False): ("D", 7),
    ("D", False): ("H", 24),
    ("H", True): ("M", 60),
    ("M", True): ("S", 60),
}

_GRANULARITY = (
    (re.compile(r"\d{4}-\d\d-\d\dT"), "time"),
    (re.compile(r"\d{4}-\d\d-\d\d$"), "day"),
    (re.compile(r"\d{4}-W\d\d"), "week"),
    (re.compile(r"\d{4}-\d\d$"), "month"),
    (re.compile(r"\d{4}-[QH]"), "quarter"),
    (re.compile(r"\d{4}-(SP|SU|FA|WI)$"), "season"),
    (re.compile(r"\d{4}$"), "year"),
    (re.compile(r"\d{3}$"), "decade"),
    (re.compile(r"\d{2}$"), "century"),
)
_PLACEHOLDER_GRANULARITY = (
    (re.compile(r"XXXX-XX-XXT|.*T(MO|AF|EV|NI|\d)"), "time"),
    (re.compile(r"XXXX-WXX-\d$|XXXX-\d\d-\d\d$"), "day"),
    (re.compile(r"XXXX-\d\d$"), "month"),
    (re.compile(r"XXXX-[QH]\d$"), "quarter"),
    (re.compile(r"XXXX-(SP|SU|FA|WI)$"), "season"),
)


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def shift_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def back_from(day: date, amount: Fraction, unit: Unit) -> date | None:
    """The day ``amount`` units before ``day`` ("the past two years" written on
    2024-11-12 -> 2022-11-12); None for clock units and amounts that are no whole
    number of days or months."""
    total = amount * unit.size
    if unit.clock or total.denominator != 1:
        return None
    count = int(total)
    if unit.letter == "Y":
        return shift_years(day, -count)
    if unit.letter in ("M", "Q"):
        year, month = shift_month(day.year, day.month, -count * (3 if unit.letter == "Q" else 1))
        last = calendar.monthrange(year, month)[1]
        return date(year, month, min(day.day, last))
    if unit.letter in ("W", "D"):
        return day - timedelta(days=count * (7 if unit.letter == "W" else 1))
    return None


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def weekday_from(anchor: date, weekday: int, direction: int) -> date:
    """The ``weekday`` (ISO number) nearest ``anchor`` in ``direction``: -1 the most
    recent one on or before the anchor, +1 the next one after it."""
    if direction > 0:
        return anchor + timedelta(days=(weekday - anchor.isoweekday() - 1) % 7 + 1)
    return anchor - timedelta(days=(anchor.isoweekday() - weekday) % 7)


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The ``nth`` ``weekday`` of a month (``nth`` -1: the last one)."""
    if nth < 0:
        following = date(year + (month == 12), month % 12 + 1, 1)
        return weekday_from(following - timedelta(days=1), weekday, -1)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))


def nearest_year(
    anchor: date, month: int, day: int, direction: int, future_weight: float = 1.0
) -> int:
    """The year that puts ``month``/``day`` on the side of ``anchor`` that ``direction``
    asks for (-1 on or before, +1 on or after, 0 whichever is closer, a day ahead
    counting ``future_weight`` days behind)."""
    here = (month, day)
    now = (anchor.month, anchor.day)
    if direction < 0:
        return anchor.year if here <= now else anchor.year - 1
    if direction > 0:
        return anchor.year if here >= now else anchor.year + 1

    def cost(year: int) -> float:
        days = ((safe_date(year, month, min(day, 28)) or anchor) - anchor).days
        return days * future_weight if days > 0 else -days

    return min((anchor.year - 1, anchor.year, anchor.year + 1), key=cost)


def season_year(anchor: date, code: str, step: int) -> int:
    """The year of a season instance relative to ``anchor``: ``step`` 0 the one of the
    anchor's year (a January winter belongs to the previous December), -1 the most
    recent one already over, +1 the first one not yet begun."""
    start = SEASON_START[code]
    if step == 0:
        return anchor.year - (code == "WI" and anchor.month < SEASON_START["SP"])
    if step < 0:
        year = anchor.year
        while date(*shift_month(year, start, 3), 1) > anchor:
            year -= 1
        return year
    year = anchor.year - 1
    while date(year, start, 1) <= anchor:
        year += 1
    return year


def duration(amount: Fraction | None, unit: Unit) -> str:
    """A TIMEX3 duration: ``P2Y6M``, ``PT5H30M``, ``PXY`` when the amount is vague."""
    prefix = "PT" if unit.clock else "P"
    if amount is None:
        return f"{prefix}X{unit.letter}"
    total = amount * unit.size
    whole = int(total)
    rest = total - whole
    if not rest:
        return f"{prefix}{whole}{unit.letter}"
    smaller = _SMALLER.get((unit.letter, unit.clock))
    if smaller is not None and (rest * smaller[1]).denominator == 1:
        letter, factor = smaller
        part = f"{int(rest * factor)}{letter}"
        head = f"{whole}{unit.letter}" if whole else ""
        if unit.letter == "D":
            return f"P{head}T{part}"
        return f"{prefix}{head}{part}"
    return f"{prefix}{float(total):g}{unit.letter}"


def granularity(kind: str, value: str | None) -> str:
    """How fine a TIMEX3 value is: day, week, month, quarter, season, year, decade,
    century, time, duration, set or unknown."""
    if kind == "DURATION":
        return "duration"
    if kind == "SET":
        return "set"
    if value is None:
        return "unknown"
    for pattern, name in _GRANULARITY:
        if pattern.match(value):
            return name
    for pattern, name in _PLACEHOLDER_GRANULARITY:
        if pattern.match(value):
            return name
    return "unknown"
