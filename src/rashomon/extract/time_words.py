"""The time extractor's word lists, loaded once from data/time_words.toml (plus the
month and weekday names of data/cleaning.toml, through ``rashomon.lexicons``)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from typing import Any

from rashomon.lexicons import cleaning

from ..lexicons import read_data, word_list

_FILE = "time_words.toml"


@dataclass(frozen=True, kw_only=True, slots=True)
class Unit:
    """A calendar unit: ``letter`` is its TIMEX3 duration designator, ``size`` how many
    of them one unit is (a decade is 10 Y), ``clock`` whether it goes after the T."""

    name: str
    letter: str
    size: int
    clock: bool


@dataclass(frozen=True, kw_only=True, slots=True)
class TimeWords:
    """Everything the extractor knows about temporal wording, lower-cased."""

    months: dict[str, int]
    abbreviated_months: frozenset[str]
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]
    cardinals: dict[str, int]
    multipliers: dict[str, int]
    ordinals: dict[str, int]
    one: frozenset[str]
    half: frozenset[str]
    vague: frozenset[str]
    approximate: dict[str, int]
    decades: dict[str, int]
    units: dict[str, Unit]
    plurals: frozenset[str]
    unit_adjectives: frozenset[str]
    the_units: frozenset[str]
    relative: dict[str, int]
    anaphoric: dict[str, int]
    before: frozenset[str]
    after: frozenset[str]
    before_at_end: frozenset[str]
    after_at_end: frozenset[str]
    deictic_shifts: frozenset[str]
    trailing: frozenset[str]
    trailing_units: frozenset[str]
    deictic_days: dict[str, int]
    present: frozenset[str]
    past: frozenset[str]
    future: frozenset[str]
    parts_of_day: dict[str, str]
    standalone_pods: frozenset[str]
    deictic_pods: frozenset[str]
    clock_words: dict[str, str]
    seasons: dict[str, str]
    ambiguous_seasons: frozenset[str]
    context_words: frozenset[str]
    count_words: frozenset[str]
    year_followers: frozenset[str]  # after a bare number, no year: clock words, time zones
    function_words: frozenset[str]
    signals: dict[str, str]
    past_signals: frozenset[str]
    duration_words: frozenset[str]
    vague_letters: dict[str, str]
    part_mods: dict[str, str]
    amount_mods: dict[str, str]
    mods_in_span: frozenset[str]
    set_adverbs: dict[str, str]
    set_quantifiers: frozenset[str]
    fixed_holidays: dict[str, tuple[int, int]]
    rule_holidays: dict[str, tuple[int, int, int]]
    future_cues: frozenset[str]
    past_cues: frozenset[str]
    reporting_cues: frozenset[str]
    not_past: frozenset[str]
    past_suffix: str
    future_weight: float
    fiscal: frozenset[str]
    zones: frozenset[str]


class TimeWordsError(ValueError):
    """An entry of time_words.toml is malformed; the message names it."""


def _words(raw: Any, key: str) -> frozenset[str]:
    try:
        return frozenset(word_list(raw, f"{_FILE}: {key}"))
    except ValueError as exc:
        raise TimeWordsError(str(exc)) from exc


def _ints(raw: Any, key: str, low: int, high: int) -> dict[str, int]:
    if not isinstance(raw, dict) or not all(
        isinstance(v, int) and low <= v <= high for v in raw.values()
    ):
        raise TimeWordsError(f"{_FILE}: {key} must map words to whole numbers {low}..{high}")
    return {" ".join(k.casefold().split()): v for k, v in raw.items()}


def _codes(raw: Any, key: str) -> dict[str, str]:
    if not isinstance(raw, dict) or not all(isinstance(v, str) and v for v in raw.values()):
        raise TimeWordsError(f"{_FILE}: {key} must map words to non-empty codes")
    return {" ".join(k.casefold().split()): v for k, v in raw.items()}


def _units(raw: dict[str, Any]) -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    for name, spec in raw.items():
        if name in {"adjectives", "vague_letters"}:
            continue
        if not (
            isinstance(spec, dict)
            and isinstance(spec.get("plural"), str)
            and spec.get("letter") in {"S", "M", "H", "D", "W", "Q", "Y"}
            and isinstance(spec.get("size"), int)
            and spec["size"] > 0
            and isinstance(spec.get("clock"), bool)
        ):
            raise TimeWordsError(f"{_FILE}: units.{name} needs plural, letter, size and clock")
        unit = Unit(name=name, letter=spec["letter"], size=spec["size"], clock=spec["clock"])
        units[name] = unit
        units[spec["plural"].casefold()] = unit
    return units


def _holiday_rules(raw: Any) -> dict[str, tuple[int, int, int]]:
    rules: dict[str, tuple[int, int, int]] = {}
    for name, rule in _codes_or_lists(raw).items():
        month, weekday, nth = rule
        if not (1 <= month <= 12 and 1 <= weekday <= 7 and nth in {-1, 1, 2, 3, 4, 5}):
            raise TimeWordsError(f"{_FILE}: holidays.weekday_rule.{name} is out of range")
        rules[name] = (month, weekday, nth)
    return rules


def _codes_or_lists(raw: Any) -> dict[str, tuple[int, int, int]]:
    if not isinstance(raw, dict) or not all(
        isinstance(v, list) and len(v) == 3 and all(isinstance(n, int) for n in v)
        for v in raw.values()
    ):
        raise TimeWordsError(f"{_FILE}: holidays.weekday_rule must map names to [month, day, n]")
    return {k.casefold(): (v[0], v[1], v[2]) for k, v in raw.items()}


def _fixed_holidays(raw: Any) -> dict[str, tuple[int, int]]:
    fixed: dict[str, tuple[int, int]] = {}
    for name, code in _codes(raw, "holidays.fixed").items():
        month, _, day = code.partition("-")
        if not (month.isdigit() and day.isdigit() and 1 <= int(month) <= 12):
            raise TimeWordsError(f"{_FILE}: holidays.fixed.{name} must be MM-DD, not {code!r}")
        fixed[name] = (int(month), int(day))
    return fixed


def _signed(groups: dict[str, frozenset[str]]) -> dict[str, int]:
    return {
        word: step for step, key in ((0, "this"), (-1, "last"), (1, "next")) for word in groups[key]
    }


@cache
def time_words() -> TimeWords:
    raw = tomllib.loads(read_data(_FILE))
    lexicon = cleaning()
    stems = _ints(raw["weekdays"]["stems"], "weekdays.stems", 1, 7)
    weekdays = {name: stems[name[:3]] for name in lexicon.weekdays}
    months = dict(lexicon.months)
    abbreviated = frozenset(
        name
        for name, number in months.items()
        if any(
            other != name and other.startswith(name) and n == number for other, n in months.items()
        )
    )
    rel = raw["relative"]
    relative = _signed({k: _words(rel[k], f"relative.{k}") for k in ("this", "last", "next")})
    anaphoric = _signed(
        {
            k: _words(rel[f"anaphoric_{k}"], f"relative.anaphoric_{k}")
            for k in ("this", "last", "next")
        }
    )
    mods = raw["modifiers"]
    part_mods = {
        word: mod
        for key, mod in (
            ("start", "START"),
            ("mid", "MID"),
            ("end", "END"),
            ("after", "AFTER"),
            ("before", "BEFORE"),
        )
        for word in _words(mods[key], f"modifiers.{key}")
    }
    amount_mods = {
        word: mod
        for key, mod in (
            ("approx", "APPROX"),
            ("less_than", "LESS_THAN"),
            ("more_than", "MORE_THAN"),
            ("equal_or_more", "EQUAL_OR_MORE"),
            ("equal_or_less", "EQUAL_OR_LESS"),
        )
        for word in _words(mods[key], f"modifiers.{key}")
    }
    units = _units(raw["units"])
    numbers = raw["numbers"]
    deictic = raw["deictic"]
    pods = raw["parts_of_day"]
    tense = raw["tense"]
    return TimeWords(
        months=months,
        abbreviated_months=abbreviated,
        ambiguous_months=_words(raw["months"]["ambiguous"], "months.ambiguous"),
        weekdays=weekdays,
        cardinals=_ints(numbers["cardinals"], "numbers.cardinals", 0, 100),
        multipliers=_ints(numbers["multipliers"], "numbers.multipliers", 100, 1_000_000),
        ordinals=_ints(numbers["ordinals"], "numbers.ordinals", 1, 31),
        one=_words(numbers["one"], "numbers.one"),
        half=_words(numbers["half"], "numbers.half"),
        vague=_words(numbers["vague"], "numbers.vague"),
        approximate=_ints(numbers["approximate"], "numbers.approximate", 1, 100),
        decades=_ints(numbers["decades"], "numbers.decades", 1, 9),
        units=units,
        plurals=frozenset(word for word, unit in units.items() if word != unit.name),
        unit_adjectives=_words(raw["units"]["adjectives"]["words"], "units.adjectives.words"),
        the_units=_words(rel["the_units"], "relative.the_units"),
        relative=relative,
        anaphoric=anaphoric,
        before=_words(rel["before"], "relative.before"),
        after=_words(rel["after"], "relative.after"),
        before_at_end=_words(rel["before_at_end"], "relative.before_at_end"),
        after_at_end=_words(rel["after_at_end"], "relative.after_at_end"),
        deictic_shifts=_words(rel["deictic_shifts"], "relative.deictic_shifts"),
        trailing=_words(rel["trailing"], "relative.trailing"),
        trailing_units=_words(rel["trailing_units"], "relative.trailing_units"),
        deictic_days=_ints(deictic["days"], "deictic.days", -7, 7),
        present=_words(deictic["present"], "deictic.present"),
        past=_words(deictic["past"], "deictic.past"),
        future=_words(deictic["future"], "deictic.future"),
        parts_of_day=_codes(pods["codes"], "parts_of_day.codes"),
        standalone_pods=_words(pods["standalone"], "parts_of_day.standalone"),
        deictic_pods=_words(pods["anchored"], "parts_of_day.anchored"),
        clock_words=_codes(pods["clock"], "parts_of_day.clock"),
        seasons=_codes(raw["seasons"]["codes"], "seasons.codes"),
        ambiguous_seasons=_words(raw["seasons"]["ambiguous"], "seasons.ambiguous"),
        context_words=_words(raw["context"]["time_words"], "context.time_words"),
        count_words=_words(raw["context"]["count_words"], "context.count_words"),
        year_followers=_words(raw["context"]["not_year_after"], "context.not_year_after")
        | {zone.casefold() for zone in _words(raw["zones"]["names"], "zones.names")},
        function_words=_words(raw["context"]["function_words"], "context.function_words"),
        signals=_codes(raw["context"]["signals"], "context.signals"),
        past_signals=_words(raw["context"]["past_signals"], "context.past_signals"),
        duration_words=_words(raw["context"]["duration_words"], "context.duration_words"),
        vague_letters=_codes(raw["units"]["vague_letters"], "units.vague_letters"),
        part_mods=part_mods,
        amount_mods=amount_mods,
        mods_in_span=_words(mods["in_span"], "modifiers.in_span"),
        set_adverbs=_codes(raw["sets"]["adverbs"], "sets.adverbs"),
        set_quantifiers=_words(raw["sets"]["quantifiers"], "sets.quantifiers"),
        fixed_holidays=_fixed_holidays(raw["holidays"]["fixed"]),
        rule_holidays=_holiday_rules(raw["holidays"]["weekday_rule"]),
        future_cues=_words(tense["future"], "tense.future"),
        past_cues=_words(tense["past"], "tense.past"),
        reporting_cues=_words(tense["reporting"], "tense.reporting"),
        not_past=_words(tense["not_past"], "tense.not_past"),
        past_suffix=str(tense["past_suffix"]),
        future_weight=float(tense["future_weight"]),
        fiscal=_words(raw["fiscal"]["words"], "fiscal.words"),
        zones=_words(raw["zones"]["names"], "zones.names"),
    )
