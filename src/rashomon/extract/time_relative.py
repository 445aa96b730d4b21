"""Readers for dates relative to the anchor or to the text: ``last week``, ``Friday``,
``yesterday afternoon``, ``this summer``, ``that day``, ``Thanksgiving``."""

from __future__ import annotations

import re
from datetime import date, timedelta
from fractions import Fraction

from rashomon.extract.time_calendar import (
    iso_week,
    month_value,
    nearest_year,
    nth_weekday,
    season_year,
    shift_month,
    weekday_from,
)
from rashomon.extract.time_readings import (
    Match,
    Reading,
    Scene,
    TimeType,
    date_reading,
    is_anaphoric,
    part_mod,
    preceded_by,
    previous_quarter,
    step_of,
    trailing,
    unresolved,
    weekday_number,
    word,
    year_number,
)
from rashomon.extract.time_words import time_words


def read_relative(m: Match, scene: Scene) -> Reading | None:
    w = time_words()
    name = word(m, "unit") or ""
    unit = w.units.get(name)
    if unit is not None and (name != unit.name or unit.clock):
        return None
    rel = word(m, "rel")
    if rel in w.trailing and name in w.trailing_units and unit is not None:
        return trailing(scene, Fraction(1), unit)
    if m.group("the"):
        if name not in w.the_units:
            return None
        ended = _ended(scene, m.end())
        if ended and name == "quarter" and scene.anchor is not None:
            year = nearest_year(scene.anchor, ended, 1, -1)
            return date_reading(f"{year:04d}-Q{(ended - 1) // 3 + 1}", scene.anchor)
        if ended is not None and unit is not None and unit.letter == "Y":
            return Reading(type="DURATION", value=f"P1{unit.letter}")
        step, basis = 0, scene.anchor
        if name == "quarter":
            return _the_quarter(scene)
    elif m.group("ana") or (name == "day" and rel in w.anaphoric):
        step = (step_of(m, "ana") if m.group("ana") else w.anaphoric[rel or ""]) or 0
        basis = scene.day if name == "day" else scene.reference
    else:
        step = step_of(m) or 0
        basis = scene.anchor
        if name == "day":
            return None
    mod = part_mod(m)
    if basis is None:
        return unresolved(None, mod=mod)
    value = _unit_value(name, basis, step or 0, scene.tense)
    return None if value is None else date_reading(value, basis, mod)


def _ended(scene: Scene, end: int) -> int | None:
    """The month an accounting period ends in ("the quarter ended Sept. 30" -> 9; 0
    when no month is named): such a year is a duration in TimeBank, such a quarter
    the calendar quarter of that month."""
    found = re.match(r"\s+(?:ended|ending)\b(?:\s+([A-Z][a-z]+))?", scene.text[end : end + 30])
    if found is None:
        return None
    return time_words().months.get((found.group(1) or "").casefold(), 0)


def _the_quarter(scene: Scene) -> Reading:
    if scene.quarter is not None:
        year, quarter = scene.quarter
        return date_reading(f"{year:04d}-Q{quarter}", scene.anchor)
    if scene.anchor is None:
        return unresolved("XXXX-QX")
    year, quarter = previous_quarter(scene.anchor)
    return date_reading(f"{year:04d}-Q{quarter}", scene.anchor)


def _unit_value(unit: str, basis: date, step: int, tense: int) -> str | None:
    if unit == "day":
        return (basis + timedelta(days=step)).isoformat()
    if unit == "week":
        return iso_week(basis + timedelta(weeks=step))
    if unit == "weekend":
        if step == 0 and tense < 0 and basis.isoweekday() < 6:
            step = -1
        return f"{iso_week(basis + timedelta(weeks=step))}-WE"
    if unit == "fortnight":
        return None
    if unit == "month":
        return month_value(*shift_month(basis.year, basis.month, step))
    if unit == "quarter":
        year, month = shift_month(basis.year, basis.month, 3 * step)
        return f"{year:04d}-Q{(month - 1) // 3 + 1}"
    if unit == "year":
        return f"{basis.year + step:04d}"
    if unit == "decade":
        return f"{basis.year // 10 + step:03d}"
    if unit == "century":
        return f"{basis.year // 100 + step:02d}"
    return None


def read_year_end(m: Match, scene: Scene) -> Reading | None:
    if scene.anchor is None:
        return unresolved(None, mod="END")
    return date_reading(f"{scene.anchor.year:04d}", scene.anchor, "END")


def read_weekday(m: Match, scene: Scene) -> Reading | None:
    w = time_words()
    weekday = weekday_number(m.group("weekday"))
    pod = w.parts_of_day.get(word(m, "pod") or "")
    if m.group("plural"):
        suffix = f"T{pod}" if pod else ""
        return Reading(type="SET", value=f"XXXX-WXX-{weekday}{suffix}")
    kind: TimeType = "TIME" if pod else "DATE"
    suffix = f"T{pod}" if pod else ""
    mod = part_mod(m)
    step = step_of(m)
    anaphoric = is_anaphoric(m)
    basis = scene.day if anaphoric else scene.anchor
    if basis is None:
        return unresolved(f"XXXX-WXX-{weekday}{suffix}", kind, mod)
    if step is not None and step < 0:
        found = weekday_from(basis - timedelta(days=1), weekday, -1)
    elif step is not None and step > 0:
        found = weekday_from(basis, weekday, 1)
    elif step == 0:
        found = weekday_from(basis - timedelta(days=1), weekday, 1)
    else:
        found = weekday_from(basis, weekday, 1 if scene.tense > 0 else -1)
    return Reading(type=kind, value=f"{found.isoformat()}{suffix}", mod=mod, basis=basis)


def read_deictic(m: Match, scene: Scene) -> Reading | None:
    w = time_words()
    offset = w.deictic_days[word(m, "word") or ""]
    pod = w.parts_of_day.get(word(m, "pod") or "")
    kind: TimeType = "TIME" if pod else "DATE"
    if scene.anchor is None:
        return unresolved(None, kind, part_mod(m))
    found = scene.anchor + timedelta(days=offset)
    suffix = f"T{pod}" if pod else ""
    return Reading(
        type=kind, value=f"{found.isoformat()}{suffix}", mod=part_mod(m), basis=scene.anchor
    )


def read_part_of_day(m: Match, scene: Scene) -> Reading | None:
    w = time_words()
    pod_word = word(m, "pod") or ""
    pod = w.parts_of_day[pod_word]
    rel = word(m, "rel")
    standalone = pod_word in w.standalone_pods
    if rel is None and not standalone and not m.group("part"):
        return None
    if rel is not None and standalone:
        return None
    offsets = {"this": 0, "last": -1, "tomorrow": 1, "yesterday": -1}
    if rel in offsets or (rel is None and pod_word in w.deictic_pods):
        basis = scene.anchor
        offset = offsets.get(rel or "", 0)
    else:
        basis = scene.day
        offset = w.anaphoric.get(rel or "", 0)
    if basis is None:
        return unresolved(f"XXXX-XX-XXT{pod}", "TIME", part_mod(m))
    found = basis + timedelta(days=offset)
    return Reading(type="TIME", value=f"{found.isoformat()}T{pod}", mod=part_mod(m), basis=basis)


def read_season(m: Match, scene: Scene) -> Reading | None:
    w = time_words()
    name = word(m, "season") or ""
    code = w.seasons[name]
    mod = part_mod(m)
    if m.group("year"):
        year = year_number(m.group("year"))
        return None if year is None else date_reading(f"{year:04d}-{code}", None, mod)
    if re.match(r"\s+of\b", scene.text[m.end() :]):
        return None
    step = step_of(m)
    if step is None and not mod:
        strict = name in w.ambiguous_seasons
        if strict and not m.group("the"):
            return None
        if not preceded_by(scene, m.start(), w.context_words):
            return None
    basis = scene.reference if is_anaphoric(m) else scene.anchor
    if basis is None:
        return unresolved(f"XXXX-{code}", mod=mod)
    if step is None:
        step = 0
        this_year = season_year(basis, code, 0)
        if scene.tense < 0 and season_year(basis, code, 1) == this_year:
            step = -1
    return date_reading(f"{season_year(basis, code, step):04d}-{code}", basis, mod)


def read_holiday(m: Match, scene: Scene) -> Reading | None:
    w = time_words()
    name = word(m, "holiday") or ""

    def on(year: int) -> date:
        if name in w.fixed_holidays:
            month, day = w.fixed_holidays[name]
            return date(year, month, day)
        return nth_weekday(year, *w.rule_holidays[name])

    if m.group("year"):
        return date_reading(on(int(m.group("year"))).isoformat(), None)
    anchor = scene.anchor
    if anchor is None:
        if name in w.fixed_holidays:
            month, day = w.fixed_holidays[name]
            return unresolved(f"XXXX-{month:02d}-{day:02d}")
        return unresolved(None)
    step = step_of(m)
    direction = scene.tense if step is None else step
    this = on(anchor.year)
    if direction < 0:
        found = this if this < anchor or (this == anchor and step is None) else on(anchor.year - 1)
    elif direction > 0:
        found = this if this > anchor or (this == anchor and step is None) else on(anchor.year + 1)
    else:
        found = min((on(anchor.year + k) for k in (-1, 0, 1)), key=lambda d: abs(d - anchor))
    return date_reading(found.isoformat(), anchor)
