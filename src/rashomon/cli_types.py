"""Option types for the command line: each checks a value as click parses it, so a bad
one is a usage error (exit status 2, one line naming the option, the value and what it
takes) before any work, never a traceback or a silently empty answer."""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

import click

# the largest integer SQLite stores (a LIMIT beyond it is an overflow error)
_LARGEST = 2**63 - 1


class AtLeast(click.ParamType[float]):
    """A whole number (``real``: a finite number) of at least ``minimum``; ``what``
    names it in the message, ``unit`` follows the minimum."""

    def __init__(self, minimum: float, what: str, *, real: bool = False, unit: str = ""):
        self.minimum = minimum
        self.what = what
        self.real = real
        self.unit = unit
        self.name = "float" if real else "integer"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> float:
        number: float
        try:
            number = float(value) if self.real else int(value)
        except (TypeError, ValueError):
            kind = "a number" if self.real else "a whole number"
            self.fail(f"{value!r} is not {kind}; {self.what} takes {kind}", param, ctx)
        if self.real and not math.isfinite(number):
            self.fail(f"{self.what} must be a finite number, got {value}", param, ctx)
        if number < self.minimum:
            self.fail(
                f"{self.what} must be at least {self.minimum:g}{self.unit}, got {value}",
                param,
                ctx,
            )
        if not self.real and number > _LARGEST:
            self.fail(f"{self.what} must be at most {_LARGEST}, got {value}", param, ctx)
        return number


_PARTIAL_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


class PartialDate(click.ParamType[str]):
    """A date as YYYY-MM-DD, or a month (YYYY-MM) or year (YYYY), as ISO text, which is
    how the store compares dates: kept as given (it sorts before every date in the
    period), or with ``end`` the period's last day, so ``--until 2024`` takes in 2024."""

    name = "date"

    def __init__(self, *, end: bool = False):
        self.end = end

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value).strip()
        try:
            if not _PARTIAL_DATE.fullmatch(text):
                raise ValueError(text)
            parts = [int(part) for part in text.split("-")]
            date(*parts, *[1] * (3 - len(parts)))  # a month 13 or a 30 February fail here
        except ValueError:
            self.fail(
                f"{value!r} is not a date; write YYYY-MM-DD (2024-11-12), YYYY-MM or YYYY",
                param,
                ctx,
            )
        if not self.end or len(parts) == 3:
            return text
        year, month = parts[0], parts[1] if len(parts) == 2 else 12
        return date(year, month, calendar.monthrange(year, month)[1]).isoformat()


class Vocabulary(click.ParamType[str]):
    """One word of a closed set, in any case; the set (``words``) is read from the
    package's data on first use, not when the command line is imported."""

    name = "text"

    def __init__(self, what: str, words: Callable[[], Iterable[str]]):
        self.what = what
        self.words = words

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        known = {word.casefold(): word for word in self.words()}
        found = known.get(str(value).casefold())
        if found is None:
            choices = ", ".join(sorted(set(known.values())))
            self.fail(f"{value!r} is not {self.what}; choose one of: {choices}", param, ctx)
        return found


def plover_types() -> list[str]:
    """The PLOVER event types the extractor assigns (data/plover_acled.tsv)."""
    from .extract.event_lexicon import acled_mappings

    return sorted({plover_type for plover_type, _ in acled_mappings()})


def number_categories() -> list[str]:
    """The categories a number can count (data/quantities.toml)."""
    from .extract.quantity_words import quantity_words

    words = quantity_words()
    named = {category.name for category in words.categories}
    return sorted(named | {words.age_category, words.percent_category, words.money_category})
