"""Readers for calendar expressions: each turns one grammar match (``time_grammar``)
into a TIMEX3 ``Reading`` given the ``Scene`` around it, or None when the match is not
a time after all. This module holds what readers share and the readers of dates the
calendar names (``23 August``, ``1998``, ``the third quarter``); dates relative to the
anchor are read in ``time_relative``, amounts, sets and clock times in ``time_amounts``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Literal

from rashomon.extract.time_calendar import (
    back_from,
    duration,
    month_value,
    nearest_year,
    quarter_of,
    safe_date,
)
from rashomon.extract.time_tense import LISTED, Tense
from rashomon.extract.time_words import Unit, time_words

TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
Match = re.Match[str]


@dataclass(frozen=True, kw_only=True, slots=True)
class Scene:
    """What a reader may know besides the match: the anchor (publication date), the
    last day and the last date of any precision the text mentioned (for ``that day``,
    ``the following year``), the last quarter it named, and (``tense``) whether the
    sentence around the match speaks of the past (-1) or the future (+1)."""

    text: str
    anchor: date | None
    day: date | None
    reference: date | None
    quarter: tuple[int, int] | None
    tenses: Tense
    span: tuple[int, int] = (0, 0)

    @property
    def tense(self) -> int:
        return self.tenses.at(*self.span)

    @property
    def event_tense(self) -> int:
        """The tense from listed cues only ("will", "was"), not from reporting verbs
        nor any other -ed word: what a date without a year is read by."""
        return self.tenses.at(*self.span, weight=LISTED)


@dataclass(frozen=True, kw_only=True, slots=True)
class Reading:
    """A normalized value; ``basis`` is the date it was computed from (None when the
    text alone gives it), ``resolved`` False when a needed anchor was missing, ``end``
    set when the expression ends before the match does ("three days" of "three days
    later"); ``begins``/``ends`` the days a period that ends at the time of writing
    covers ("the past year")."""

    type: TimeType
    value: str | None
    mod: str | None = None
    basis: date | None = None
    resolved: bool = True
    end: int | None = None
    begins: date | None = None  # a period up to the time of writing ("the past year")
    ends: date | None = None


def trailing(scene: Scene, amount: Fraction | None, unit: Unit) -> Reading:
    """A period that ends at the time of writing ("the past year", "the last two
    months"): a TIMEX3 duration, with the days it covers when the anchor is known."""
    value = duration(amount, unit)
    if scene.anchor is None or amount is None:
        return Reading(type="DURATION", value=value)
    begins = back_from(scene.anchor, amount, unit)
    if begins is None:
        return Reading(type="DURATION", value=value)
    return Reading(
        type="DURATION", value=value, basis=scene.anchor, begins=begins, ends=scene.anchor
    )


def date_reading(value: str | None, basis: date | None, mod: str | None = None) -> Reading:
    return Reading(type="DATE", value=value, mod=mod, basis=basis)


def unresolved(value: str | None, kind: TimeType = "DATE", mod: str | None = None) -> Reading:
    return Reading(type=kind, value=value, mod=mod, basis=None, resolved=False)


def word(m: Match, group: str) -> str | None:
    found = m.group(group)
    return " ".join(found.casefold().split()) if found else None


def part_mod(m: Match) -> str | None:
    part = word(m, "part")
    return time_words().part_mods.get(part) if part else None


def month_number(name: str) -> int:
    return time_words().months[name.casefold().rstrip(".")]


def weekday_number(name: str) -> int:
    return time_words().weekdays[name.casefold().rstrip(".")]


def step_of(m: Match, group: str = "rel") -> int | None:
    rel = word(m, group)
    if rel is None:
        return None
    w = time_words()
    return w.relative.get(rel, w.anaphoric.get(rel))


def is_anaphoric(m: Match, group: str = "rel") -> bool:
    rel = word(m, group)
    return rel is not None and rel in time_words().anaphoric and rel not in time_words().relative


def spoken_number(text: str) -> int | None:
    """The value of number words ("twenty-four", "a hundred"), None if not all are."""
    w = time_words()
    total = current = 0
    seen = False
    for token in re.split(r"[\s-]+", text.casefold()):
        if token == "and":
            continue
        if token in w.cardinals:
            current += w.cardinals[token]
        elif token in w.multipliers:
            current = max(current, 1) * w.multipliers[token]
            if w.multipliers[token] >= 1000:
                total, current = total + current, 0
        elif token in w.one:
            current += 1
        else:
            return None
        seen = True
    return total + current if seen else None


def year_number(text: str) -> int | None:
    """A year written in digits or words ("1997", "nineteen ninety-seven")."""
    if text.isdigit():
        return int(text)
    tokens = re.split(r"[\s-]+", text.casefold())
    w = time_words()
    if tokens[0] in w.cardinals and 10 <= w.cardinals[tokens[0]] <= 20 and len(tokens) > 1:
        rest = [t for t in tokens[1:] if t != "oh"]
        if rest == ["hundred"]:
            return w.cardinals[tokens[0]] * 100
        tail = spoken_number(" ".join(rest))
        return None if tail is None or tail >= 100 else w.cardinals[tokens[0]] * 100 + tail
    return spoken_number(text)


def preceded_by(scene: Scene, start: int, words: frozenset[str]) -> bool:
    """Whether the word before ``start`` is one of ``words`` (a possessive counts as
    ``'s``: "the company's 1989 results")."""
    before = re.search(r"([\w'’]+)[\s-]*$", scene.text[max(0, start - 30) : start])
    if before is None:
        return False
    token = before.group(1).casefold().replace("’", "'")
    return token in words or (token.endswith("'s") and "'s" in words)


def day_number(text: str) -> int | None:
    """A day of the month or other ordinal: "23", "23rd", "twenty-third"."""
    digits = re.match(r"\d+", text)
    if digits:
        return int(digits.group())
    return time_words().ordinals.get(text.casefold())


# -- dates named by the calendar ------------------------------------------------------


def read_month_day(m: Match, scene: Scene) -> Reading | None:
    month = month_number(m.group("month") or m.group("month2"))
    day = day_number(m.group("day") or m.group("day2"))
    if day is None or not 1 <= day <= 31:
        return None
    if m.group("year"):
        year = year_number(m.group("year"))
        if year is None or safe_date(year, month, day) is None:
            return None
        return date_reading(f"{year:04d}-{month:02d}-{day:02d}", None)
    anchor = scene.anchor
    if anchor is None:
        return unresolved(f"XXXX-{month:02d}-{day:02d}")
    if m.group("yrel"):
        year = anchor.year + (step_of(m, "yrel") or 0)
    else:
        direction = step_of(m, "mrel") or _direction(m, scene)  # "last Oct. 23"
        year = _year_for_weekday(m, anchor, month, day) or nearest_year(
            anchor, month, day, direction, time_words().future_weight
        )
    if safe_date(year, month, day) is None:
        return None
    return date_reading(f"{year:04d}-{month:02d}-{day:02d}", anchor)


def _direction(m: Match, scene: Scene) -> int:
    """Which way a date without a year points: back after "since", ahead with a future
    cue, else to the nearest such date (a past one preferred). Past cues are not
    trusted here: "was extended to Nov. 16" names a date still ahead."""
    if preceded_by(scene, m.start(), time_words().past_signals):
        return -1
    return 1 if scene.event_tense > 0 else 0


def _year_for_weekday(m: Match, anchor: date, month: int, day: int) -> int | None:
    if not m.group("weekday"):
        return None
    weekday = weekday_number(m.group("weekday"))
    for year in (anchor.year, anchor.year - 1, anchor.year + 1):
        found = safe_date(year, month, day)
        if found is not None and found.isoweekday() == weekday:
            return year
    return None


def read_month_year(m: Match, scene: Scene) -> Reading | None:
    year = year_number(m.group("year"))
    if year is None:
        return None
    return date_reading(month_value(year, month_number(m.group("month"))), None, part_mod(m))


def read_month(m: Match, scene: Scene) -> Reading | None:
    w = time_words()
    name = m.group("month").casefold().rstrip(".")
    step = step_of(m)
    if (
        name in w.ambiguous_months
        and step is None
        and not m.group("part")
        and not m.group("yrel")
        and not preceded_by(scene, m.start(), w.context_words)
    ):
        return None
    month = month_number(name)
    anchor = scene.anchor
    if anchor is None:
        return unresolved(f"XXXX-{month:02d}", mod=part_mod(m))
    if m.group("yrel"):
        year = anchor.year + (step_of(m, "yrel") or 0)
    elif step is not None and step != 0:
        year = nearest_year(anchor, month, 1 if step < 0 else 31, step)
        if step < 0 and month == anchor.month:
            year -= 1
    elif step == 0:
        year = anchor.year
    else:
        direction = _direction(m, scene)
        if direction == 0 and month == anchor.month:
            year = anchor.year
        else:
            year = nearest_year(anchor, month, 15, direction, w.future_weight)
    return date_reading(month_value(year, month), anchor, part_mod(m))


def read_numeric_date(m: Match, scene: Scene) -> Reading | None:
    if m.group("iso_y"):
        year, month, day = int(m.group("iso_y")), int(m.group("iso_m")), int(m.group("iso_d"))
    else:
        year, month, day = int(m.group("us_y")), int(m.group("us_m")), int(m.group("us_d"))
        if year < 100:
            year += 2000 if year < 50 else 1900
    if safe_date(year, month, day) is None:
        return None
    return date_reading(f"{year:04d}-{month:02d}-{day:02d}", None)


def read_year(m: Match, scene: Scene) -> Reading | None:
    text = m.group("year") or m.group("year_words") or m.group("spoken")
    year = year_number(text)
    if year is None or not 1000 <= year <= 2199:
        return None
    bare = m.group("year") and not (m.group("part") or m.group("fiscal") or m.group("beyond"))
    if bare and not _year_context(m, scene):
        return None
    mod = "ON_OR_AFTER" if m.group("beyond") else part_mod(m)
    return date_reading(f"{year:04d}", None, mod)


def _year_context(m: Match, scene: Scene) -> bool:
    """A bare four-digit number is a year unless it reads as a count ("1500 troops",
    "more than 1000 people", "the 1000-member church") or a clock time ("1300 GMT")."""
    w = time_words()
    after = scene.text[m.end() : m.end() + 20]
    if re.match(r"-[A-Za-z]", after):
        return False
    follower = re.match(r"\s+([A-Za-z]+)", after)
    if follower and follower.group(1).casefold() in w.year_followers:
        return False
    if re.match(r"\s+(?!and\b|or\b|to\b|through\b)[a-z]", after):
        return preceded_by(scene, m.start(), w.context_words - w.count_words)
    return True


def read_decade(m: Match, scene: Scene) -> Reading | None:
    if m.group("century"):
        value = f"{m.group('century')}{m.group('decade')}"
    else:
        digit = int(m.group("short")) if m.group("short") else None
        if digit is None:
            digit = time_words().decades[word(m, "word") or ""]
        if scene.anchor is None:
            return unresolved(f"XX{digit}", mod=part_mod(m))
        century = scene.anchor.year // 100
        if digit * 10 > scene.anchor.year % 100:
            century -= 1
        return date_reading(f"{century:02d}{digit}", scene.anchor, part_mod(m))
    return date_reading(value, None, part_mod(m))


def read_century(m: Match, scene: Scene) -> Reading | None:
    ordinal = m.group("ordinal").casefold()
    number = day_number(ordinal)
    if number is None or not 1 <= number <= 30:
        return None
    return date_reading(f"{number - 1:02d}", None, part_mod(m))


def read_quarter(m: Match, scene: Scene) -> Reading | None:
    ordinal = day_number(m.group("ordinal")) or 0
    half = m.group("part").casefold() == "half"
    if half and ordinal > 2:
        return None
    label = f"H{ordinal}" if half else f"Q{ordinal}"
    if m.group("plural"):
        return Reading(type="SET", value=f"XXXX-{label}")
    anchor = scene.anchor
    year: int | None = None
    basis: date | None = None
    if m.group("year1") or m.group("year2"):
        year = int(m.group("year1") or m.group("year2"))
    elif anchor is None:
        return unresolved(f"XXXX-{label}")
    elif m.group("yrel") or m.group("yrel2"):
        year = anchor.year + (step_of(m, "yrel" if m.group("yrel") else "yrel2") or 0)
        basis = anchor
    elif m.group("ago"):
        year, basis = anchor.year - 1, anchor
    else:
        first_month = 6 * ordinal - 5 if half else 3 * ordinal - 2
        begun = first_month <= anchor.month
        year, basis = anchor.year - (not begun and scene.tense <= 0), anchor
    return date_reading(f"{year:04d}-{label}", basis)


def read_year_ago(m: Match, scene: Scene) -> Reading | None:
    anchor = scene.anchor
    if anchor is None:
        return unresolved(None)
    if m.group("ordinal"):
        quarter = ("first", "second", "third", "fourth").index(m.group("ordinal").casefold()) + 1
        return date_reading(f"{anchor.year - 1:04d}-Q{quarter}", anchor)
    if scene.quarter is not None:
        year, quarter = scene.quarter
        return date_reading(f"{year - 1:04d}-Q{quarter}", anchor)
    if m.group("what"):
        year, quarter = previous_quarter(anchor)
        return date_reading(f"{year - 1:04d}-Q{quarter}", anchor)
    return date_reading(f"{anchor.year - 1:04d}", anchor)


def previous_quarter(day: date) -> tuple[int, int]:
    quarter = quarter_of(day) - 1
    return (day.year, quarter) if quarter else (day.year - 1, 4)
