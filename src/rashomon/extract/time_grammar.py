"""The time extractor's grammar: regular expressions built once from the word lists
(data/time_words.toml, data/cleaning.toml). Each rule is a named pattern whose named
groups the readers in ``time_readings`` interpret; month, weekday and holiday names
must be capitalized, everything else is matched case-insensitively."""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from rashomon.extract.time_words import TimeWords, time_words

_START = r"(?<![\w$£€])"
_END = r"(?![\w])"


@dataclass(frozen=True, kw_only=True, slots=True)
class Rule:
    """A named pattern, tried only near its trigger words: at the word starts up to
    ``reach`` words before a word in ``triggers`` (or a number shaped like ``digits``),
    so a text costs little more than one pass over its words."""

    name: str
    pattern: re.Pattern[str]
    triggers: frozenset[str]
    digits: re.Pattern[str] | None
    reach: int


@dataclass(frozen=True, kw_only=True, slots=True)
class Grammar:
    """The rules, plus what finds where to try them: ``trigger`` matches every word
    that is some rule's trigger (and every word starting with a digit) in lower-cased
    text, ``by_word``/``digit_rules`` say which rules that word wakes."""

    rules: tuple[Rule, ...]
    word: re.Pattern[str]
    trigger: re.Pattern[str]
    by_word: dict[str, tuple[Rule, ...]]
    digit_rules: tuple[Rule, ...]
    reach: int
    joiner: re.Pattern[str]
    starters: frozenset[str]


def fold(text: str) -> str:
    """``text`` lower-cased character by character, so offsets still match (a few
    characters, such as "İ", lower-case to two)."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def alt(words: Iterable[str]) -> str:
    """An alternation of phrases, longest first, any run of spaces between words."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def _proper(words: Iterable[str]) -> str:
    """Capitalized or upper-case forms only (case-sensitive inside a case-blind rule)."""
    forms = {f(w) for w in words for f in (string.capwords, str.upper)}
    return f"(?-i:{alt(forms)})"


def _fragments(w: TimeWords) -> dict[str, str]:
    full = [m for m in w.months if m not in w.abbreviated_months]
    abbr = sorted(w.abbreviated_months)
    # an abbreviation's period may touch the day ("Dec.14"), never a letter ("Dec.report")
    month = rf"(?:(?:{_proper(full)})(?!\w)|(?:{_proper(abbr)})(?:\.(?![^\W\d])|(?=\s+\d)))"
    days_full = [d for d in w.weekdays if not any(o != d and o.startswith(d) for o in w.weekdays)]
    days_abbr = [d for d in w.weekdays if d not in days_full]
    weekday = rf"(?:{_proper(days_full)}|(?:{_proper(days_abbr)})\.)"
    cardinal = alt(w.cardinals)
    multiplier = alt(w.multipliers)
    word_number = (
        rf"(?:(?:an?\s+)(?=(?:{multiplier})\b))?(?:{cardinal}|{multiplier})"
        rf"(?:(?:\s+|-)(?:and\s+)?(?:{cardinal}|{multiplier})(?!\w))*"
    )
    digits = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+\d/\d)?"
    number = (
        rf"(?:{alt(w.approximate)}|{alt(w.vague)}|{word_number}|{digits}|{alt(w.one)})"
        rf"(?:\s+and\s+an?\s+(?:{alt(w.half)}))?"
    )
    tens = alt(k for k, v in w.cardinals.items() if 20 <= v <= 90 and v % 10 == 0)
    units_word = alt(k for k, v in w.cardinals.items() if 1 <= v <= 9)
    teens = alt(k for k, v in w.cardinals.items() if 10 <= v <= 20)
    spoken_year = (
        rf"(?:{teens})(?:\s+|-)"
        rf"(?:hundred|(?:{tens})(?:(?:\s+|-)(?:{units_word}))?|oh\s+(?:{units_word}))"
    )
    year_words = rf"(?:{spoken_year}|two\s+thousand(?:(?:\s+and)?\s+(?:{units_word}|{teens}))?)"
    ordinal = rf"(?:{alt(w.ordinals)}|\d{{1,2}}(?:st|nd|rd|th))"
    day = rf"(?:(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)|{alt(w.ordinals)})"
    year = r"(?:1[0-9]|20)\d\d(?![\d%]|,\d|\.\d|/\d|-\d)"
    return {
        "MONTH": month,
        "WEEKDAY": weekday,
        "NUMBER": number,
        "ORDINAL": ordinal,
        "DAY": day,
        "YEAR": year,
        "YEARW": rf"(?:{year}|{year_words})",
        "SPOKEN_YEAR": spoken_year,
        "UNIT": alt(w.units),
        "PLURAL": alt(w.plurals),
        "ADJ": alt(w.unit_adjectives),
        "PART": alt(w.part_mods),
        "AMOUNT_MOD": alt(w.mods_in_span),
        "REL": alt(w.relative),
        "ANA": alt(w.anaphoric),
        "THE_UNITS": alt(w.the_units),
        "POD": alt(w.parts_of_day),
        "SEASON": alt(w.seasons),
        "DEICTIC": alt(w.deictic_days),
        "FISCAL": alt(w.fiscal),
        "ZONE": alt(w.zones),
        "HOLIDAY": _proper(list(w.fixed_holidays) + list(w.rule_holidays)),
        "DECADE_WORD": alt(w.decades),
        "SET_ADVERB": alt(w.set_adverbs),
        "QUANTIFIER": alt(w.set_quantifiers),
        "CLOCK_WORD": alt(w.clock_words),
        "CARDINAL": cardinal,
        "BEFORE": alt(w.before),
        "AFTER": alt(w.after),
        "BEFORE_END": alt(w.before_at_end),
        "AFTER_END": alt(w.after_at_end),
        "PRESENT": alt(w.present),
        "PAST": alt(w.past),
        "FUTURE": alt(w.future),
    }


_RULES = {
    # Tuesday, Nov. 12, 2024 / Dec.14 / 23 August / the 5th of May 1999 / March 3 this year
    "month_day": r"""
        (?:(?:{REL}\s+)?(?P<weekday>{WEEKDAY}),?\s+(?:the\s+)?)?
        (?:(?:(?P<mrel>{REL})\s+)?(?P<month>{MONTH})(?:\s+(?:the\s+)?|(?<=\.)(?=\d))(?P<day>{DAY})
          |(?:the\s+)?(?P<day2>{DAY})(?:\s+of)?\s+(?P<month2>{MONTH}))
        (?:,?\s+(?P<year>{YEARW})(?!\s*(?:{UNIT}))|,?\s+(?P<yrel>this|last|next)\s+year)?""",
    # August 1988 / January nineteen ninety-seven / early May 2001
    "month_year": r"""
        (?:(?P<part>{PART})(?:\s+|-))?(?P<month>{MONTH}),?\s+(?:of\s+)?(?P<year>{YEARW})""",
    # last April / early December / mid-July / the end of November / July last year
    "month": r"""
        (?:(?P<rel>{REL})\s+)?(?:(?P<part>{PART})(?:\s+|-))?(?P<month>{MONTH})
        (?:,?\s+(?P<yrel>this|last|next)\s+year)?""",
    # 2024-11-12 / 11/12/2024
    "numeric_date": r"""
        (?P<iso_y>(?:1[0-9]|20)\d\d)-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>[0-2]\d|3[01])(?![\d-])
        |(?P<us_m>0?[1-9]|1[0-2])/(?P<us_d>[0-2]?\d|3[01])/(?P<us_y>(?:1[0-9]|20)?\d\d)(?![\d/])""",
    # 1998 / mid-1996 / fiscal 1989 / the end of 1990 / 1994 or later / the year 2000
    "year": r"""
        (?:(?P<part>{PART})(?:\s+|-))?(?:(?P<fiscal>{FISCAL})(?:\s+year)?\s+)?
        (?:the\s+year\s+(?P<year_words>{YEARW})|(?P<year>{YEAR})|(?P<spoken>{SPOKEN_YEAR}))
        (?P<beyond>\s+(?:and\s+beyond|or\s+later|and\s+later|onwards?)(?=\s*(?:[^\w\s]|$)))?""",
    # the 1990s / the early '80s / the nineties / 1960s
    "decade": r"""
        (?:the\s+)?(?:(?P<part>{PART})(?:\s+|-))?
        (?:(?P<century>1\d|20)(?P<decade>\d)0'?s|'(?P<short>\d)0s|(?P<word>{DECADE_WORD}))""",
    # the 20th century / the early nineteenth century
    "century": r"""
        (?:the\s+)?(?:(?P<part>{PART})(?:\s+|-))?(?P<ordinal>{ORDINAL})(?:\s+|-)century""",
    # the third quarter / fourth-quarter / this year's first quarter / the second half of 1990
    "quarter": r"""
        (?:(?P<det>the|its|this|that)\s+)?
        (?:(?P<yrel>this|last|next|the\s+previous|the\s+current|the\s+coming)\s+year's\s+
          |(?P<year1>{YEAR})\s+|(?P<ago>year[\s-](?:ago|earlier))\s+)?
        (?:(?:{FISCAL})(?:\s+|-))?
        (?P<ordinal>first|second|third|fourth|1st|2nd|3rd|4th)(?:\s+|-)(?:(?:{FISCAL})(?:\s+|-))?
        (?P<part>quarter|half)(?P<plural>s)?
        (?:\s+of\s+(?:(?:{FISCAL})\s+)?(?:(?P<year2>{YEAR})|(?P<yrel2>this|last|next)\s+year))?""",
    # the year-ago quarter / year-earlier / the comparable year-ago period
    "year_ago": r"""
        (?:(?P<det>the)\s+)?(?:(?:comparable|corresponding|same)\s+)?year[\s-](?:ago|earlier)
        (?:\s+(?:(?P<ordinal>first|second|third|fourth)\s+)?(?P<what>quarter|period))?""",
    # last week / this month / early next year / the end of this week / that day / the year
    "relative": r"""
        (?:(?P<part>{PART})(?:\s+|-))?
        (?:(?P<rel>{REL})|(?P<ana>{ANA})|(?P<the>the))\s+
        (?:(?P<fiscal>{FISCAL})(?:\s+|-))?(?P<unit>{UNIT}|{THE_UNITS})
        (?(the)(?!\s+(?:of|to|ahead)\b))""",
    # year-end / year's end
    "year_end": r"""(?:the\s+)?year(?:'s)?(?:\s+|-)end""",
    # last Friday / early Tuesday / Tuesday morning / this coming Sunday / Mondays
    "weekday": r"""
        (?:(?P<part>{PART})\s+)?(?:(?P<rel>{REL}|{ANA})\s+)?
        (?P<weekday>{WEEKDAY})(?P<plural>s)?(?:(?:\s+|,\s*)(?P<pod>{POD})(?P<pods>s)?)?""",
    # today / yesterday afternoon / late yesterday / the day after tomorrow
    "deictic": r"""
        (?:(?P<part>{PART})\s+)?(?P<word>{DEICTIC})(?:\s+(?P<pod>{POD}))?""",
    # this morning / last night / tonight / mid-afternoon / the next morning
    "part_of_day": r"""
        (?:(?P<part>{PART})(?:\s+|-))?
        (?:(?P<rel>this|last|tomorrow|yesterday|{ANA})\s+)?(?P<pod>{POD})""",
    # last summer / the winter of 1994 / this fall / early spring
    "season": r"""
        (?:(?P<rel>{REL}|{ANA})\s+)?(?:(?P<part>{PART})(?:\s+|-))?(?:(?P<the>the)\s+)?
        (?P<season>{SEASON})(?:,?\s+(?:of\s+)?(?P<year>{YEARW}))?""",
    # Thanksgiving / last Christmas / New Year's Day 2000
    "holiday": r"""
        (?:(?P<rel>{REL})\s+)?(?P<holiday>{HOLIDAY})(?:,?\s+(?P<year>{YEAR}))?""",
    # nine months / the past two weeks / a decade / 2 1/2 years / 10-year / two years ago
    "duration": r"""
        (?:(?P<mod>{AMOUNT_MOD})\s+)?(?:(?P<det>the)\s+)?
        (?:(?P<rel>first|last|past|next|coming|latest|previous|following|initial|final|
            remaining|ensuing|other)\s+)?
        (?P<number>{NUMBER})(?:\s+(?:to|or|-)\s+(?P<number2>{NUMBER}))?
        (?:\s+|-)(?:(?P<adj>{ADJ})(?:\s+|-))?(?P<unit>{UNIT})
        (?P<half>\s+and\s+an?\s+half)?
        (?:(?P<old>(?:\s+|-)old)|(?P<long>-long)
          |\s+(?P<before>{BEFORE}|(?:{BEFORE_END})(?=\s*(?:[^\w\s]|$)))(?![\w-])
          |\s+(?P<after>{AFTER}|(?:{AFTER_END})(?=\s*(?:[^\w\s]|$)))(?![\w-]))?""",
    # half an hour / half a century
    "half": r"""(?:a\s+)?half(?:\s+|-)(?:an?\s+)?(?P<unit>{UNIT})""",
    # years / recent weeks / the coming months / decades-long
    "vague_units": r"""
        (?:(?P<the>the)\s+)?(?:(?P<rel>recent|coming|next|past|last|previous|ensuing|following|
            early|later|latest)\s+)?
        (?P<unit>{PLURAL})(?:\s+(?:or|and)\s+(?P<unit2>{PLURAL}))?
        (?:(?P<long>-long)|\s+(?P<dir>ahead|to\s+come|ago))?""",
    # every day / each July / per year / every other week / daily
    "set": r"""
        (?P<quantifier>{QUANTIFIER})\s+(?:(?P<other>other)\s+)?(?:(?P<number>{NUMBER})\s+)?
        (?:(?P<unit>{UNIT})|(?P<weekday>{WEEKDAY})|(?P<month>{MONTH})|(?P<season>{SEASON}))
        (?:\s+(?P<pod>{POD}))?
        |(?P<adverb>{SET_ADVERB})""",
    # 10 a.m. / 10:35 / noon / 4 in the morning / around 7:15 p.m. EST
    "clock": r"""
        (?:(?P<around>around|about|approximately|shortly\s+before|shortly\s+after)\s+)?
        (?:(?P<hour>\d{{1,2}})(?:[:.](?P<minute>[0-5]\d))?\s*
            (?P<meridian>[ap]\.\s?m\.?|[ap]m(?!\w))
          |(?P<hour24>[01]?\d|2[0-3]):(?P<minute24>[0-5]\d)(?![\d:])
          |(?P<hour_oclock>\d{{1,2}}|{CARDINAL})\s+o'clock
          |(?P<hour_pod>\d{{1,2}}|{CARDINAL})\s+in\s+the\s+(?P<pod>morning|afternoon|evening|night)
          |(?P<clock_word>{CLOCK_WORD}))
        (?:\s+(?P<zone>{ZONE})(?!\w))?""",
    # now / currently / recently / the future
    "reference": r"""(?P<present>{PRESENT})|(?P<past>{PAST})|(?P<future>{FUTURE})""",
}

# When two candidates cover the same span, the earlier rule here wins.
PRIORITY = {name: index for index, name in enumerate(_RULES)}

_WORD = re.compile(r"[^\W_]+")


_Node = dict[str, "_Node"]


def _trie(words: Iterable[str]) -> str:
    """One regular expression for many words, shared prefixes factored out (much
    faster than a flat alternation)."""
    tree: _Node = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: _Node) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body

    return build(tree)


def _tokens(phrases: Iterable[str]) -> frozenset[str]:
    return frozenset(t for p in phrases for t in _WORD.findall(p.casefold()))


def _last_tokens(phrases: Iterable[str]) -> frozenset[str]:
    return frozenset(_WORD.findall(p.casefold())[-1] for p in phrases if _WORD.search(p))


def _starters(w: TimeWords) -> frozenset[str]:
    """Every word any rule can contain: a match never reaches back past another word."""
    lists: list[Iterable[str]] = [
        w.months,
        w.weekdays,
        w.cardinals,
        w.multipliers,
        w.ordinals,
        w.one,
        w.half,
        w.vague,
        w.approximate,
        w.decades,
        w.units,
        w.unit_adjectives,
        w.the_units,
        w.relative,
        w.anaphoric,
        w.before,
        w.after,
        w.deictic_days,
        w.present,
        w.past,
        w.future,
        w.parts_of_day,
        w.clock_words,
        w.seasons,
        w.part_mods,
        w.amount_mods,
        w.set_adverbs,
        w.set_quantifiers,
        w.fixed_holidays,
        w.rule_holidays,
        w.fiscal,
        w.zones,
    ]
    literals = _WORD.findall(re.sub(r"\{\w+\}|\(\?P<\w+>|\\[a-z]", " ", " ".join(_RULES.values())))
    return frozenset(t for words in lists for t in _tokens(words)) | _tokens(literals)


@dataclass(frozen=True, slots=True)
class _Trigger:
    """The words one of which occurs in every match of a rule, the shape of a number
    that may stand instead, and how many words a match may start before that word."""

    words: frozenset[str]
    digits: str | None
    reach: int


def _triggers(w: TimeWords) -> dict[str, _Trigger]:
    months = frozenset(m.rstrip(".") for m in w.months)
    units = frozenset(w.units)
    spoken = frozenset(k for k, v in w.cardinals.items() if 10 <= v <= 20) | {"year"}
    return {
        "month_day": _Trigger(months, None, 5),
        "month_year": _Trigger(months, None, 4),
        "month": _Trigger(months, None, 5),
        "numeric_date": _Trigger(frozenset(), r"\d{1,4}", 0),
        "year": _Trigger(spoken, r"\d{4}", 5),
        "decade": _Trigger(frozenset(w.decades), r"\d{1,4}0s", 3),
        "century": _Trigger(frozenset({"century"}), None, 4),
        "quarter": _Trigger(frozenset({"quarter", "quarters", "half", "halves"}), None, 7),
        "year_ago": _Trigger(frozenset({"year"}), None, 3),
        "relative": _Trigger(units | w.the_units, None, 6),
        "year_end": _Trigger(frozenset({"end"}), None, 3),
        "weekday": _Trigger(frozenset(w.weekdays) | {d + "s" for d in w.weekdays}, None, 4),
        "deictic": _Trigger(_last_tokens(w.deictic_days), None, 5),
        "part_of_day": _Trigger(frozenset(w.parts_of_day), None, 4),
        "season": _Trigger(frozenset(w.seasons), None, 4),
        "holiday": _Trigger(_last_tokens(list(w.fixed_holidays) + list(w.rule_holidays)), None, 5),
        "duration": _Trigger(units, None, 9),
        "half": _Trigger(frozenset(w.half), None, 1),
        "vague_units": _Trigger(w.plurals, None, 3),
        "set": _Trigger(_tokens(w.set_quantifiers) | _tokens(w.set_adverbs), None, 0),
        "clock": _Trigger(
            _tokens(w.clock_words) | {"clock"} | frozenset(w.parts_of_day),
            r"\d{1,2}(?:[ap]m)?",
            4,
        ),
        "reference": _Trigger(_last_tokens(w.present | w.past | w.future), None, 3),
    }


def _compile(template: str, fragments: dict[str, str]) -> re.Pattern[str]:
    body = template.format(**fragments)
    return re.compile(f"{_START}(?:{body}){_END}", re.IGNORECASE | re.VERBOSE)


@cache
def grammar() -> Grammar:
    w = time_words()
    fragments = _fragments(w)
    triggers = _triggers(w)
    rules = tuple(
        Rule(
            name=name,
            pattern=_compile(template, fragments),
            triggers=triggers[name].words,
            digits=re.compile(digits) if (digits := triggers[name].digits) else None,
            reach=triggers[name].reach,
        )
        for name, template in _RULES.items()
    )
    by_word: dict[str, list[Rule]] = {}
    for rule in rules:
        for token in rule.triggers:
            by_word.setdefault(token, []).append(rule)
    return Grammar(
        rules=rules,
        word=_WORD,
        trigger=re.compile(rf"(?<![^\W_])(?:{_trie(by_word)}|\d)[^\W_]*"),
        by_word={token: tuple(found) for token, found in by_word.items()},
        digit_rules=tuple(rule for rule in rules if rule.digits is not None),
        reach=max(rule.reach for rule in rules),
        joiner=re.compile(r"(?:\s*,\s*|\s+)(?:on\s+)?"),
        starters=_starters(w),
    )
