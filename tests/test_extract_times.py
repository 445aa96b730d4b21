"""Temporal expressions: found with exact spans, normalized TIMEX3-style against the
anchor (a Tuesday, 2024-11-12, unless a case says otherwise)."""

from __future__ import annotations

import itertools
import re
import tomllib
from datetime import date
from importlib import resources

import pytest

from rashomon.extract.time_calendar import duration, granularity, nearest_year, season_year
from rashomon.extract.time_grammar import grammar
from rashomon.extract.time_words import time_words
from rashomon.extract.times import find_times, normalize_time
from rashomon.records import TimeExpr

TUESDAY = date(2024, 11, 12)


def only(text: str, anchor: date | None = TUESDAY) -> TimeExpr:
    found = find_times(text, anchor, article_id="a1")
    assert len(found) == 1, [e.text for e in found]
    return found[0]


def span_of(text: str, anchor: date | None = TUESDAY) -> list[tuple[str, str | None]]:
    return [(e.text, e.value) for e in find_times(text, anchor, article_id="a1")]


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The minister resigned on Tuesday.", "2024-11-12"),
        ("Talks broke down on Monday.", "2024-11-11"),
        ("The convoy was attacked on Sunday.", "2024-11-10"),
        ("Protesters gathered Wednesday outside the ministry.", "2024-11-06"),
        ("The two leaders will meet on Friday in Geneva.", "2024-11-15"),
        ("The court is due to rule on Thursday.", "2024-11-14"),
        ("The envoy said last Friday that talks had failed.", "2024-11-08"),
        ("Voting resumes next Monday.", "2024-11-18"),
        ("We'll talk again on Saturday, the envoy told reporters.", "2024-11-16"),
        ("The army plans to withdraw on Thursday.", "2024-11-14"),
        ("The leaders will meet again on Tuesday.", "2024-11-19"),
    ],
)
def test_times_weekday_resolves_by_tense(sentence: str, value: str) -> None:
    expr = only(sentence)
    assert (expr.type, expr.value, expr.granularity) == ("DATE", value, "day")
    assert expr.resolved and expr.anchor == "2024-11-12"


@pytest.mark.parametrize(
    ("sentence", "anchor", "value"),
    [
        ("Shelling resumed on 23 August near the airport.", date(2023, 8, 27), "2023-08-23"),
        ("Shelling resumed on August 23 near the airport.", date(2023, 8, 27), "2023-08-23"),
        ("The ceasefire held until Dec. 3.", TUESDAY, "2024-12-03"),
        ("The vote is scheduled for January 9.", TUESDAY, "2025-01-09"),
        ("The body was found on March 3.", TUESDAY, "2024-03-03"),
    ],
)
def test_times_month_day_takes_the_year_from_the_anchor(
    sentence: str, anchor: date, value: str
) -> None:
    expr = only(sentence, anchor)
    assert (expr.type, expr.value, expr.resolved) == ("DATE", value, True)


@pytest.mark.parametrize(
    ("sentence", "value", "granularity"),
    [
        ("Shelling resumed on 23 August near the airport.", "XXXX-08-23", "day"),
        ("The talks collapsed on Monday.", "XXXX-WXX-1", "day"),
        ("Fighting eased in March.", "XXXX-03", "month"),
        ("The offensive began last week.", None, "unknown"),
        ("The mayor spoke yesterday.", None, "unknown"),
    ],
)
def test_times_without_anchor_keep_placeholders(
    sentence: str, value: str | None, granularity: str
) -> None:
    expr = only(sentence, None)
    assert (expr.value, expr.granularity) == (value, granularity)
    assert not expr.resolved and expr.anchor is None


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The decree was signed on Tuesday, Nov. 12, 2024 in the capital.", "2024-11-12"),
        ("The accord dates from 5 May 1999.", "1999-05-05"),
        ("The report was filed on 2021-06-30.", "2021-06-30"),
        ("The war began in August 1914.", "1914-08"),
        ("Voting began on Dec.14, 2008 in the capital.", "2008-12-14"),
    ],
)
def test_times_explicit_dates_need_no_anchor(sentence: str, value: str) -> None:
    expr = only(sentence, None)
    assert (expr.value, expr.resolved, expr.anchor) == (value, True, None)


@pytest.mark.parametrize(
    ("sentence", "text", "value", "mod"),
    [
        ("Aid arrived last week.", "last week", "2024-W45", None),
        ("The ministry will publish figures this week.", "this week", "2024-W46", None),
        ("Prices rose earlier this month.", "earlier this month", "2024-11", "START"),
        ("The rains came in mid-July.", "mid-July", "2024-07", "MID"),
        ("Rents have doubled since September.", "September", "2024-09", "ON_OR_AFTER"),
        ("Exports peaked in the 1990s.", "the 1990s", "199", None),
        ("The strike ended yesterday.", "yesterday", "2024-11-11", None),
        ("The border reopens today.", "today", "2024-11-12", None),
        ("The town is now under curfew.", "now", "PRESENT_REF", None),
        ("The group recently moved south.", "recently", "PAST_REF", None),
        ("Turnout fell this year.", "this year", "2024", None),
        ("Elections are expected next year.", "next year", "2025", None),
        ("Output grew in the third quarter.", "the third quarter", "2024-Q3", None),
        (
            "Losses mounted in the fourth quarter of 2023.",
            "the fourth quarter of 2023",
            "2023-Q4",
            None,
        ),
        ("Tourism collapsed this summer.", "this summer", "2024-SU", None),
        ("The dam burst a year ago.", "a year ago", "2023", None),
        ("The company was founded two years ago.", "two years ago", "2022", None),
        ("It happened in the late 1980s.", "the late 1980s", "198", "END"),
        ("Villages were rebuilt in the 20th century.", "the 20th century", "19", None),
        ("Sales fell in fiscal 2023.", "fiscal 2023", "2023", None),
    ],
)
def test_times_dates_normalize(sentence: str, text: str, value: str, mod: str | None) -> None:
    expr = only(sentence)
    assert (expr.text, expr.type, expr.value, expr.mod) == (text, "DATE", value, mod)


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("Heavy fighting was reported over the past two weeks.", "the past two weeks", "P2W"),
        ("The siege lasted nine months.", "nine months", "P9M"),
        ("The country was ruled by decree for a decade.", "a decade", "P10Y"),
        ("Negotiators met for two hours.", "two hours", "PT2H"),
        ("He served 2 1/2 years in prison.", "2 1/2 years", "P2Y6M"),
        ("The crossing took half an hour.", "half an hour", "PT30M"),
        ("Rebels held the town for several weeks.", "several weeks", "PXW"),
        ("The ceasefire expired three days later.", "three days", "P3D"),
    ],
)
def test_times_durations_normalize(sentence: str, text: str, value: str) -> None:
    expr = only(sentence)
    assert (expr.text, expr.type, expr.value, expr.granularity) == (
        text,
        "DURATION",
        value,
        "duration",
    )


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("The curfew is enforced every day.", "every day", "P1D"),
        ("The council meets weekly.", "weekly", "P1W"),
        ("Markets close each Thursday.", "each Thursday", "XXXX-WXX-4"),
        ("Flights leave on Mondays.", "Mondays", "XXXX-WXX-1"),
    ],
)
def test_times_sets_normalize(sentence: str, text: str, value: str) -> None:
    expr = only(sentence)
    assert (expr.text, expr.type, expr.value, expr.granularity) == (text, "SET", value, "set")


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("The raid began Tuesday morning.", "Tuesday morning", "2024-11-12TMO"),
        ("The polls open at 10 a.m.", "10 a.m.", "2024-11-12T10:00"),
        ("The blast came at 10 p.m. Sunday.", "10 p.m. Sunday", "2024-11-10T22:00"),
        ("Shots were heard last night.", "last night", "2024-11-11TNI"),
        ("The ultimatum expires at noon.", "noon", "2024-11-12T12:00"),
    ],
)
def test_times_clock_and_parts_of_day_normalize(sentence: str, text: str, value: str) -> None:
    expr = only(sentence)
    assert (expr.text, expr.type, expr.value, expr.granularity) == (text, "TIME", value, "time")


def test_times_each_weekday_takes_the_tense_of_its_own_clause() -> None:
    text = "Officials said on Monday that the talks will resume on Friday."
    assert span_of(text) == [("Monday", "2024-11-11"), ("Friday", "2024-11-15")]


def test_times_offsets_survive_case_folding() -> None:
    text = "İzmir İ talks ended on Monday."
    (expr,) = find_times(text, TUESDAY, article_id="a1")
    assert (text[expr.start : expr.end], expr.value) == ("Monday", "2024-11-11")


def test_times_anaphora_follow_the_last_date_mentioned() -> None:
    text = "The mission began on 3 March 2019. Later that year the troops withdrew."
    assert span_of(text) == [("3 March 2019", "2019-03-03"), ("Later that year", "2019")]


def test_times_quarter_context_carries_to_year_ago() -> None:
    text = "Profit rose in the third quarter, up from $5 million a year earlier."
    assert span_of(text) == [("the third quarter", "2024-Q3"), ("a year earlier", "2023-Q3")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials may resign over the scandal.",
        "About 1500 troops crossed the border.",
        "More than 1000 people were killed.",
        "He had 59 catches for 1098 yards.",
        "The 1000-member church burned down.",
        "The Dec.report was late.",
        "The project costs $5 million a year.",
        "The bank raised its quarterly dividend.",
        "A second attack followed.",
        "The 37 years old driver was arrested.",
    ],
)
def test_times_ignores_lookalikes(sentence: str) -> None:
    assert find_times(sentence, TUESDAY, article_id="a1") == ()


def test_times_clock_figures_are_not_years() -> None:
    found = find_times("Polls closed at 6 p.m. local time (1300 GMT).", TUESDAY, article_id="a1")
    assert "1300" not in {t.value for t in found}


@pytest.mark.parametrize(
    ("sentence", "year"),
    [
        ("The 2008 election changed little.", "2008"),
        ("He was hit by a 2013 Toyota Camry.", "2013"),
        ("Prices have risen since 2001 when the mine closed.", "2001"),
        ("In 1998 the company moved to Basra.", "1998"),
    ],
)
def test_times_bare_years_in_context_are_years(sentence: str, year: str) -> None:
    assert year in {t.value for t in find_times(sentence, TUESDAY, article_id="a1")}


def test_times_spans_index_the_text_sorted_and_disjoint() -> None:
    text = (
        "On Monday, two days after the ceasefire of 9 November, envoys said talks that began "
        "in March 2023 would resume next week. Fighting had raged for nine months; since "
        "early October, at least 40 people were killed every day. The UN said at 10 a.m. "
        "Tuesday that aid would arrive by the end of the year."
    )
    found = find_times(text, TUESDAY, article_id="a1")
    assert len(found) >= 9
    for expr in found:
        assert text[expr.start : expr.end] == expr.text
        assert expr.article_id == "a1"
        assert expr.granularity in {
            "day", "week", "month", "quarter", "season", "year", "decade", "century", "time",
            "duration", "set", "unknown",
        }  # fmt: skip
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


def test_times_prepositions_stay_outside_the_span() -> None:
    assert [e.text for e in find_times("It rained on Monday.", TUESDAY, article_id="a")] == [
        "Monday"
    ]


def test_times_empty_and_timeless_text() -> None:
    assert find_times("", TUESDAY, article_id="a1") == ()
    assert find_times("The committee debated the budget.", None, article_id="a1") == ()


def test_times_normalize_time_reads_a_given_span() -> None:
    text = "The strike began on Monday and ended a week later."
    start = text.index("Monday")
    expr = normalize_time(text, start, start + len("Monday"), TUESDAY, article_id="a1")
    assert expr is not None and (expr.text, expr.value) == ("Monday", "2024-11-11")
    assert normalize_time(text, 0, 3, TUESDAY, article_id="a1") is None


@pytest.mark.parametrize(
    ("anchor", "month", "day", "direction", "year"),
    [
        (TUESDAY, 12, 3, 0, 2024),
        (TUESDAY, 1, 9, 0, 2025),
        (TUESDAY, 12, 3, -1, 2023),
        (TUESDAY, 3, 1, 1, 2025),
    ],
)
def test_times_calendar_nearest_year(
    anchor: date, month: int, day: int, direction: int, year: int
) -> None:
    assert nearest_year(anchor, month, day, direction) == year


def test_times_calendar_values() -> None:
    assert season_year(TUESDAY, "SU", -1) == 2024
    assert season_year(TUESDAY, "SP", 1) == 2025
    assert season_year(date(2024, 1, 15), "WI", 0) == 2023
    units = time_words().units
    assert duration(None, units["centuries"]) == "PXY"
    assert granularity("DATE", "2024-W45") == "week"
    assert granularity("DATE", "PRESENT_REF") == "unknown"


def test_times_every_word_list_entry_parses() -> None:
    raw = tomllib.loads(
        resources.files("rashomon").joinpath("data", "time_words.toml").read_text("utf-8")
    )
    w = time_words()
    assert set(w.weekdays.values()) == set(range(1, 8))
    assert set(w.months.values()) == set(range(1, 13))
    for name, spec in raw["units"].items():
        if name in {"adjectives", "vague_letters"}:
            continue
        assert w.units[name] is w.units[spec["plural"]]
    assert set(w.vague_letters) <= {unit.name for unit in w.units.values()}
    assert set(w.seasons.values()) == {"SP", "SU", "FA", "WI"}
    assert set(w.parts_of_day.values()) <= {"MO", "AF", "EV", "NI"}
    assert all(re.fullmatch(r"\d\d:\d\d", v) for v in w.clock_words.values())
    assert all(re.fullmatch(r"P(T)?\d+[YMWDH]", v) for v in w.set_adverbs.values())
    assert all(1 <= m <= 12 and 1 <= d <= 31 for m, d in w.fixed_holidays.values())
    assert w.standalone_pods <= set(w.parts_of_day) and w.deictic_pods <= w.standalone_pods
    mods = {"START", "MID", "END", "AFTER", "BEFORE"}
    assert set(w.part_mods.values()) <= mods
    assert w.mods_in_span <= set(w.amount_mods)
    assert set(w.signals.values()) <= {"ON_OR_AFTER", "AFTER", "BEFORE", "ON_OR_BEFORE"}
    for phrases in (w.present, w.past, w.future, w.future_cues, w.past_cues, w.vague):
        assert phrases and all(p == p.strip().lower() and p for p in phrases)
    assert w.future_weight >= 1


def test_times_grammar_compiles_every_rule_with_triggers() -> None:
    g = grammar()
    assert {rule.name for rule in g.rules} >= {"month_day", "weekday", "duration", "clock"}
    for rule in g.rules:
        assert rule.triggers or rule.digits is not None
        assert rule.reach >= 0
