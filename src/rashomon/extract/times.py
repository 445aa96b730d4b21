"""Temporal expressions: find them in article text and normalize them TIMEX3-style.

``find_times(text, anchor, article_id=...)`` returns ``TimeExpr`` records sorted by
start, non-overlapping, with exact spans. It is rule-based and deterministic: the
grammar (``time_grammar``) is built once from data/time_words.toml; every match is read
(``time_readings``, ``time_amounts``) against the anchor (the publication date), the
tense of its sentence (``time_tense``) and what the text mentioned before it (``that
day``, ``the quarter``). Without an anchor, relative expressions keep X placeholders
(``XXXX-08-23``) or no value, with ``resolved=False``: no year is ever invented.

Conventions follow TimeML/TimeBank: prepositions stay outside the span (``on Monday``
-> ``Monday``; ``since September`` -> ``September``), ``last week`` is an ISO week,
``the past two weeks`` a duration P2W, ``now`` PRESENT_REF, decades three digits
(``the 1990s`` -> 199), a clock time followed by its day one TIME (``10 p.m. Friday``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date

from rashomon.extract import time_amounts as amounts
from rashomon.extract import time_readings as readings
from rashomon.extract import time_relative as relative
from rashomon.extract.time_calendar import granularity
from rashomon.extract.time_grammar import PRIORITY, Grammar, Rule, fold, grammar
from rashomon.extract.time_readings import Match, Reading, Scene
from rashomon.extract.time_tense import Tense
from rashomon.extract.time_words import time_words
from rashomon.records import TimeExpr

Reader = Callable[[Match, Scene], Reading | None]

READERS: dict[str, Reader] = {
    "month_day": readings.read_month_day,
    "month_year": readings.read_month_year,
    "month": readings.read_month,
    "numeric_date": readings.read_numeric_date,
    "year": readings.read_year,
    "decade": readings.read_decade,
    "century": readings.read_century,
    "quarter": readings.read_quarter,
    "year_ago": readings.read_year_ago,
    "relative": relative.read_relative,
    "year_end": relative.read_year_end,
    "weekday": relative.read_weekday,
    "deictic": relative.read_deictic,
    "part_of_day": relative.read_part_of_day,
    "season": relative.read_season,
    "holiday": relative.read_holiday,
    "duration": amounts.read_duration,
    "half": amounts.read_half,
    "vague_units": amounts.read_vague_units,
    "set": amounts.read_set,
    "clock": amounts.read_clock,
    "reference": amounts.read_reference,
}

# Rules whose value is a single day a clock time can be attached to ("10 p.m. Friday").
_DAY_RULES = frozenset({"month_day", "numeric_date", "weekday", "deictic", "holiday"})
# Rules that set "the quarter" the text is talking about.
_QUARTER_RULES = frozenset({"quarter", "relative"})
# Rules whose value is not a date the text moved to ("a year ago" stays in the present).
_NOT_REFERENCES = frozenset({"year_ago", "duration", "vague_units"})
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
# A single hyphenated word: an expression used as an adjective ("the two-week crisis").
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\s+$")
_ADJECTIVAL = re.compile(r"\s+[^\W_]+(?:-[^\W_]+)+")


@dataclass(frozen=True, kw_only=True, slots=True)
class _Candidate:
    """A rule match, or a clock time joined to the day after it (``day`` set)."""

    start: int
    end: int
    rule: str
    match: Match
    day: _Candidate | None = None


def find_times(text: str, anchor: date | None, *, article_id: str) -> tuple[TimeExpr, ...]:
    """Every temporal expression in ``text``, normalized against ``anchor`` (the date the
    text was published; None when unknown)."""
    g = grammar()
    scene = _scene(text, anchor)
    chosen = _join_clocks(text, _select(_candidates(scene, g)), g)
    return tuple(
        _record(article_id, text, candidate, reading)
        for candidate, reading in _resolve(scene, chosen)
    )


def normalize_time(
    text: str, start: int, end: int, anchor: date | None, *, article_id: str
) -> TimeExpr | None:
    """Normalize the expression at ``text[start:end]`` (found by another tool) in its
    context; None when no rule reads anything inside the span."""
    g = grammar()
    scene = _scene(text, anchor)
    inside = list(_candidates(scene, g, start, end))
    if not inside:
        return None
    best = max(inside, key=lambda c: (c.end - c.start, -PRIORITY[c.rule]))
    before = [c for c in _select(_candidates(scene, g)) if c.end <= start]
    for candidate, reading in _resolve(scene, [*before, best]):
        if candidate is best:
            expr = _record(article_id, text, candidate, reading)
            return replace(expr, start=start, end=end, text=text[start:end])
    return None


def _scene(text: str, anchor: date | None) -> Scene:
    return Scene(
        text=text, anchor=anchor, day=anchor, reference=anchor, quarter=None, tenses=Tense(text)
    )


def _candidates(
    scene: Scene, g: Grammar, start: int = 0, end: int | None = None
) -> Iterator[_Candidate]:
    """Every match a reader accepts, each rule tried only at the few word starts just
    before one of its trigger words (never past a word no rule contains)."""
    text = scene.text
    stop = len(text) if end is None else end
    lower = fold(text)
    tried: dict[tuple[str, int], Match | None] = {}
    found: set[tuple[str, int, int]] = set()
    for trigger in g.trigger.finditer(lower, start, stop):
        token = trigger.group()
        rules = g.by_word.get(token, ())
        if token[0].isdigit():
            shaped = (r for r in g.digit_rules if r.digits and r.digits.fullmatch(token))
            rules = (*rules, *shaped)
        if not rules:
            continue
        starts = _starts(lower, g, max(start, trigger.start() - 12 * g.reach), trigger.start())
        for rule in rules:
            for at in starts[-rule.reach - 1 :]:
                m = _match_at(rule, text, at, stop, tried)
                if m is None or m.end() <= trigger.start():
                    continue
                key = (rule.name, m.start(), m.end())
                if key in found:
                    break
                if READERS[rule.name](m, _at(scene, m)) is not None:
                    found.add(key)
                    yield _Candidate(start=m.start(), end=m.end(), rule=rule.name, match=m)
                    break


def _at(scene: Scene, m: Match) -> Scene:
    return Scene(
        text=scene.text,
        anchor=scene.anchor,
        day=scene.day,
        reference=scene.reference,
        quarter=scene.quarter,
        tenses=scene.tenses,
        span=m.span(),
    )


def _starts(lower: str, g: Grammar, window: int, at: int) -> list[int]:
    """Word starts a match ending at a trigger at ``at`` may begin at, earliest first."""
    before = list(g.word.finditer(lower, window, at))
    starts = [at]
    for m in reversed(before[-g.reach :]):
        if m.group() not in g.starters and not m.group()[0].isdigit():
            break
        starts.append(m.start())
    starts.reverse()
    return starts


def _match_at(
    rule: Rule, text: str, at: int, stop: int, tried: dict[tuple[str, int], Match | None]
) -> Match | None:
    key = (rule.name, at)
    if key not in tried:
        found = rule.pattern.match(text, at, stop)
        if found is None and at > 0 and text[at - 1] in "'‘’":
            found = rule.pattern.match(text, at - 1, stop)
        tried[key] = found if found is not None and found.end() > found.start() else None
    return tried[key]


def _select(candidates: Iterable[_Candidate]) -> list[_Candidate]:
    """Longest first (then by rule priority), never overlapping; sorted by start."""
    ordered = sorted(candidates, key=lambda c: (c.start - c.end, PRIORITY[c.rule], c.start))
    starts: list[int] = []
    kept: list[_Candidate] = []
    for candidate in ordered:
        index = bisect.bisect_left(starts, candidate.start)
        if index > 0 and kept[index - 1].end > candidate.start:
            continue
        if index < len(kept) and kept[index].start < candidate.end:
            continue
        starts.insert(index, candidate.start)
        kept.insert(index, candidate)
    return kept


def _join_clocks(text: str, chosen: list[_Candidate], g: Grammar) -> list[_Candidate]:
    """``10 p.m.`` + ``Wednesday`` -> one candidate ``10 p.m. Wednesday``."""
    joined: list[_Candidate] = []
    index = 0
    while index < len(chosen):
        here = chosen[index]
        after = chosen[index + 1] if index + 1 < len(chosen) else None
        if (
            after is not None
            and here.rule == "clock"
            and after.rule in _DAY_RULES
            and not after.match.groupdict().get("pod")
            and g.joiner.fullmatch(text, here.end, after.start)
        ):
            joined.append(replace(here, end=after.end, day=after))
            index += 2
        else:
            joined.append(here)
            index += 1
    return joined


def _resolve(scene: Scene, chosen: list[_Candidate]) -> Iterator[tuple[_Candidate, Reading]]:
    """Read each chosen match in text order, carrying what the text said before it."""
    for candidate in chosen:
        reading = _read(candidate, scene)
        if reading is None:
            continue
        if reading.mod is None and reading.type in {"DATE", "TIME"}:
            reading = replace(reading, mod=_signal(scene.text, candidate.start))
        yield candidate, reading
        scene = _advance(scene, candidate, reading)


def _signal(text: str, start: int) -> str | None:
    """The mod a preposition before a point in time implies ("since September")."""
    before = _WORD_BEFORE.search(text, max(0, start - 12), start)
    return time_words().signals.get(before.group(1).lower()) if before else None


def _read(candidate: _Candidate, scene: Scene) -> Reading | None:
    read = READERS[candidate.rule]
    reading = read(candidate.match, _at(scene, candidate.match))
    if reading is None or candidate.day is None:
        return reading
    day = _read(candidate.day, scene)
    if day is None:
        return reading
    on_day = replace(scene, day=amounts.day_of(day) or scene.day, span=candidate.match.span())
    return amounts.clock_on(read(candidate.match, on_day) or reading, day)


def _advance(scene: Scene, candidate: _Candidate, reading: Reading) -> Scene:
    """The scene after a reading: the day or date it names becomes the reference for
    ``that day``/``the following year``; a quarter it names becomes ``the quarter``."""
    if reading.type not in {"DATE", "TIME"} or candidate.rule in _NOT_REFERENCES:
        return scene
    day = amounts.day_of(reading)
    if day is not None:
        scene = replace(scene, day=day, reference=day)
    else:
        start = amounts.start_of(reading)
        if start is not None:
            scene = replace(scene, reference=start)
    quarter = _QUARTER.fullmatch(reading.value or "")
    if quarter and candidate.rule in _QUARTER_RULES:
        scene = replace(scene, quarter=(int(quarter.group(1)), int(quarter.group(2))))
    return scene


def _record(article_id: str, text: str, candidate: _Candidate, reading: Reading) -> TimeExpr:
    start, end = candidate.start, reading.end if reading.end is not None else candidate.end
    det = candidate.match.groupdict().get("det")
    if det and _ADJECTIVAL.fullmatch(text, candidate.match.end("det"), end):
        start = candidate.match.end("det")  # "the [two-week] crisis": no determiner
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return TimeExpr(
        article_id=article_id,
        start=start,
        end=end,
        text=text[start:end],
        type=reading.type,
        value=reading.value,
        granularity=granularity(reading.type, reading.value),
        anchor=reading.basis.isoformat() if reading.basis else None,
        resolved=reading.resolved,
        mod=reading.mod,
        begins=reading.begins.isoformat() if reading.begins else None,
        ends=reading.ends.isoformat() if reading.ends else None,
    )
