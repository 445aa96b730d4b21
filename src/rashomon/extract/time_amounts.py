"""Readers for amounts of time, repetitions, clock times and TIMEX3 reference words:
``nine months`` (P9M), ``two years ago`` (a date), ``every day`` (P1D), ``10 a.m.``,
``now`` (PRESENT_REF). Calendar expressions are read in ``time_readings``."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from fractions import Fraction

from rashomon.extract.time_calendar import duration, iso_week, month_value, shift_month
from rashomon.extract.time_readings import (
    Match,
    Reading,
    Scene,
    date_reading,
    spoken_number,
    trailing,
    unresolved,
    weekday_number,
    word,
)
from rashomon.extract.time_words import Unit, time_words

# A count that is money or a rate, not time ("$5 million a year").
_RATE_BEFORE = re.compile(
    r"(?:\d[\d,.]*|million|billion|thousand|hundred|percent|%|cents?|dollars?|[$£€])"
    r"(?:\s+[a-z]+){0,2}\W*$",
    re.IGNORECASE,
)
# Units whose "N later/earlier" counts from an event of the story, not from a date.
_NARRATIVE_UNITS = frozenset({"D", "W", "H", "S"})
_TIMES_BEFORE = re.compile(r"(?:\b(?:once|twice|thrice)|\btimes)\s+$", re.IGNORECASE)


def amount(text: str) -> tuple[Fraction | None, bool] | None:
    """The number in ``text`` and whether it is approximate; (None, True) for vague
    amounts ("several"), None when ``text`` is not a number."""
    w = time_words()
    phrase = " ".join(text.casefold().split())
    half = re.search(r"\s+and\s+an?\s+half$", phrase)
    if half:
        phrase = phrase[: half.start()]
    if phrase in w.vague:
        return None, True
    if phrase in w.approximate:
        return Fraction(w.approximate[phrase]), True
    fraction = re.fullmatch(r"(\d+)\s+(\d)/(\d)", phrase)
    if fraction:
        value = Fraction(int(fraction.group(1))) + Fraction(
            int(fraction.group(2)), int(fraction.group(3))
        )
    elif re.fullmatch(r"[\d,]+(?:\.\d+)?", phrase):
        value = Fraction(phrase.replace(",", ""))
    else:
        spoken = spoken_number(phrase)
        if spoken is None:
            return None
        value = Fraction(spoken)
    return value + (Fraction(1, 2) if half else 0), False


def _unit(m: Match, group: str = "unit") -> Unit:
    return time_words().units[word(m, group) or ""]


def read_duration(m: Match, scene: Scene) -> Reading | None:
    w = time_words()
    unit = _unit(m)
    number = amount(m.group("number"))
    if number is None or m.group("old"):
        return None
    value, vague = number
    one = (word(m, "number") or "") in w.one
    after_unit = scene.text[m.end() : m.end() + 12]
    if unit.name == "second" and one:
        return None  # "a second attack"
    if unit.name == "quarter" and re.match(r"\s+of\b", after_unit):
        return None  # "a quarter of the votes"
    if re.fullmatch(r"(?:19|20)\d\d", m.group("number")) and unit.letter != "Y":
        return None  # "the 1988 quarter"
    if m.group("half"):
        value = None if value is None else value + Fraction(1, 2)
    mod = w.amount_mods.get(word(m, "mod") or "")
    if m.group("number2"):
        vague, mod = False, mod or "EQUAL_OR_MORE"
    if vague and value is not None:
        mod = mod or "APPROX"
    direction = word(m, "before") or word(m, "after")
    if direction is not None:
        if direction not in w.deictic_shifts and unit.letter in _NARRATIVE_UNITS:
            # "three days later": an amount counted from an event of the story
            end = m.start("before" if m.group("before") else "after")
            return Reading(type="DURATION", value=duration(value, unit), mod=mod, end=end)
        return _shifted(m, scene, unit, value, -1 if m.group("before") else 1, mod)
    if one and not m.group("det") and not m.group("rel"):
        before = scene.text[max(0, m.start() - 25) : m.start()]
        if _TIMES_BEFORE.search(before):
            return Reading(type="SET", value=duration(Fraction(1), unit))
        if _RATE_BEFORE.search(before):
            return None  # "$5 million a year", "four flights a week": a rate
    if f"{word(m, 'det') or ''} {word(m, 'rel') or ''}" in w.trailing:
        return replace(trailing(scene, value, unit), mod=mod)  # "the past two years"
    return Reading(type="DURATION", value=duration(value, unit), mod=mod)


def _shifted(
    m: Match, scene: Scene, unit: Unit, value: Fraction | None, sign: int, mod: str | None
) -> Reading | None:
    """``two years ago``, ``a week later``: a date that far from the anchor."""
    if mod in {"MORE_THAN", "LESS_THAN"}:
        mod = {"MORE_THAN": "BEFORE", "LESS_THAN": "AFTER"}[mod] if sign < 0 else mod
    if value is None:
        return date_reading("PAST_REF" if sign < 0 else "FUTURE_REF", None, mod)
    anchor = scene.anchor
    if anchor is None:
        return unresolved(None, mod=mod)
    if unit.clock:
        return None
    count = value * unit.size * sign
    if count.denominator != 1:
        return None
    steps = int(count)
    if unit.letter == "Y":
        if scene.quarter is not None and steps == -1 and unit.size == 1:
            year, quarter = scene.quarter
            return date_reading(f"{year - 1:04d}-Q{quarter}", anchor, mod)
        return date_reading(f"{anchor.year + steps:04d}", anchor, mod)
    if unit.letter == "Q":
        year, month = shift_month(anchor.year, anchor.month, 3 * steps)
        return date_reading(f"{year:04d}-Q{(month - 1) // 3 + 1}", anchor, mod)
    if unit.letter == "M":
        return date_reading(
            month_value(*shift_month(anchor.year, anchor.month, steps)), anchor, mod
        )
    if unit.letter == "W":
        return date_reading(iso_week(anchor + timedelta(weeks=steps)), anchor, mod)
    return date_reading((anchor + timedelta(days=steps)).isoformat(), anchor, mod)


def read_half(m: Match, scene: Scene) -> Reading | None:
    return Reading(type="DURATION", value=duration(Fraction(1, 2), _unit(m)))


def read_vague_units(m: Match, scene: Scene) -> Reading | None:
    w = time_words()
    unit = _unit(m)
    rel = word(m, "rel")
    vague = rel is None and not m.group("long") and not m.group("dir")
    if vague and not _after_duration_word(scene, m.start()):
        return None
    direction = word(m, "dir")
    if direction == "ago":
        return date_reading("PAST_REF", None)
    letter = w.vague_letters.get(unit.name, unit.letter)
    prefix = "PT" if unit.clock else "P"
    mod = "APPROX" if m.group("unit2") else None
    return Reading(type="DURATION", value=f"{prefix}X{letter}", mod=mod)


def _after_duration_word(scene: Scene, start: int) -> bool:
    before = re.search(r"([\w']+)\s+$", scene.text[max(0, start - 20) : start])
    return before is not None and before.group(1).casefold() in time_words().duration_words


def read_set(m: Match, scene: Scene) -> Reading | None:
    w = time_words()
    if m.group("adverb"):
        following = re.match(r"\s+([a-z]+)", scene.text[m.end() : m.end() + 30])
        if following and following.group(1) not in w.function_words:
            return None  # "a quarterly dividend": an adjective
        return Reading(type="SET", value=w.set_adverbs[word(m, "adverb") or ""])
    if m.group("weekday"):
        pod = w.parts_of_day.get(word(m, "pod") or "")
        suffix = f"T{pod}" if pod else ""
        return Reading(type="SET", value=f"XXXX-WXX-{weekday_number(m.group('weekday'))}{suffix}")
    if m.group("month"):
        month = w.months[m.group("month").casefold().rstrip(".")]
        return Reading(type="SET", value=f"XXXX-{month:02d}")
    if m.group("season"):
        return Reading(type="SET", value=f"XXXX-{w.seasons[word(m, 'season') or '']}")
    unit = _unit(m)
    count: Fraction | None = Fraction(1)
    if m.group("number"):
        number = amount(m.group("number"))
        if number is None:
            return None
        count = number[0]
    if m.group("other") and count is not None:
        count *= 2
    return Reading(type="SET", value=duration(count, unit))


def read_clock(m: Match, scene: Scene) -> Reading | None:
    w = time_words()
    minute = 0
    if m.group("clock_word"):
        hour_text, _, minute_text = w.clock_words[word(m, "clock_word") or ""].partition(":")
        hour, minute = int(hour_text), int(minute_text)
    elif m.group("hour"):
        hour, minute = int(m.group("hour")), int(m.group("minute") or 0)
        if not 1 <= hour <= 12:
            return None
        pm = m.group("meridian").casefold().startswith("p")
        hour = hour % 12 + (12 if pm else 0)
    elif m.group("hour24"):
        hour, minute = int(m.group("hour24")), int(m.group("minute24"))
    else:
        text = m.group("hour_oclock") or m.group("hour_pod")
        spoken = int(text) if text.isdigit() else spoken_number(text)
        if spoken is None or not 1 <= spoken <= 12:
            return None
        late = word(m, "pod") in {"afternoon", "evening"} or (
            word(m, "pod") == "night" and spoken >= 6
        )
        hour = spoken % 12 + (12 if late else 0)
    mod = "APPROX" if m.group("around") else None
    clock = f"T{hour:02d}:{minute:02d}"
    day = scene.day
    if day is None:
        return unresolved(f"XXXX-XX-XX{clock}", "TIME", mod)
    return Reading(type="TIME", value=f"{day.isoformat()}{clock}", mod=mod, basis=day)


def clock_on(reading: Reading, day: Reading) -> Reading | None:
    """``10 p.m.`` followed by ``Wednesday``: the clock time on that day."""
    if reading.value is None or day.value is None or "T" not in reading.value:
        return None
    if not re.fullmatch(r"(?:\d{4}|XXXX)-(?:\d\d|XX)-(?:\d\d|XX)|XXXX-WXX-\d", day.value):
        return None
    clock = reading.value[reading.value.index("T") :]
    return Reading(
        type="TIME",
        value=f"{day.value}{clock}",
        mod=reading.mod,
        basis=day.basis,
        resolved=day.resolved,
    )


def read_reference(m: Match, scene: Scene) -> Reading | None:
    if m.group("present"):
        value = "PRESENT_REF"
    elif m.group("past"):
        value = "PAST_REF"
    else:
        value = "FUTURE_REF"
    return date_reading(value, None)


def day_of(reading: Reading) -> date | None:
    """The day a reading names, if it names one (for ``that day`` and clock times)."""
    if reading.value and re.fullmatch(r"\d{4}-\d\d-\d\d(?:T.*)?", reading.value):
        return date.fromisoformat(reading.value[:10])
    return None


def start_of(reading: Reading) -> date | None:
    """The first day of the month or year a reading names (for ``that year``)."""
    value = reading.value or ""
    found = re.fullmatch(r"(\d{4})(?:-(\d\d))?(?:-(\d\d))?(?:T.*)?", value)
    if found is None:
        return None
    return date(int(found.group(1)), int(found.group(2) or 1), int(found.group(3) or 1))
