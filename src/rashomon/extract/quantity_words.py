"""The quantity extractor's knowledge and the grammar of written numbers built from it.

``quantity_words()`` loads data/quantities.toml once as typed records: number words,
vague amounts, qualifiers and their bounds, person nouns, the categories a count can fall
into, currencies. ``scan(text)`` finds the numbers written in a text with what their
wording alone says: value, bounds, qualifier, currency, percent or age
(``about 100`` -> 90-110, ``tens of thousands`` -> 20,000-90,000, ``between 10 and 15``
-> 12.5). What a number counts is read from the parse, in quantities.py.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..lexicons import cleaning, read_data, word_list

FILE = "quantities.toml"
# digits with thousands separators, or at most nine plain digits (longer runs are ids)
DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,9}(?:\.\d+)?"
NUMERAL_PIECES = re.compile(r"\d[\d,]*(?:\.\d+)?|[^\W\d_]+")
PHONE = re.compile(
    r"(?<![\w+])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)\s?|\d{2,4}[\s.-])\d{3}[\s.-]?\d{3,4}(?!\w)"
    r"|(?<![\w,.-])\d{3}-\d{4}(?![\w-])"
)


@dataclass(frozen=True, kw_only=True, slots=True)
class Bounds:
    """What a qualifier implies: low/high as factors of the value (None: unbounded)."""

    name: str
    low: float | None
    high: float | None


@dataclass(frozen=True, kw_only=True, slots=True)
class Amount:
    """A vague amount ("dozens") or a lead word ("several" hundred), with its bounds. A
    vague word has bounds and no value: nothing says which number in them is meant."""

    value: float | None
    low: float | None
    high: float | None
    of_only: bool = False


@dataclass(frozen=True, kw_only=True, slots=True)
class Category:
    """A class of counts and the words that put a count in it."""

    name: str
    casualty: bool
    predicates: frozenset[str]
    weak_predicates: frozenset[str]
    things: frozenset[str]
    people: frozenset[str]


@dataclass(frozen=True, kw_only=True, slots=True)
class QuantityWords:
    numbers: Mapping[str, int]
    scales: Mapping[str, float]
    abbreviations: Mapping[str, float]
    money_abbreviations: Mapping[str, float]
    leads: Mapping[str, Amount]
    vague: Mapping[str, Amount]
    qualifiers: Mapping[str, Bounds]
    suffix_qualifiers: Mapping[str, Bounds]
    additional: str
    additional_before: tuple[str, ...]
    additional_after: tuple[str, ...]
    zero_words: frozenset[str]
    one_words: frozenset[str]
    range_joiners: tuple[str, ...]
    between: str
    between_joiner: str
    change_start: str
    ratio: str
    age_suffixes: Mapping[str, str]
    age_prefixes: frozenset[str]
    age_category: str
    numbering: frozenset[str]
    idioms: tuple[tuple[str, ...], ...]
    phone: re.Pattern[str]
    age_unit: str
    max_age: int
    strength_suffixes: tuple[str, ...]
    percent_suffixes: tuple[str, ...]
    percent_unit: str
    percent_category: str
    time_suffixes: tuple[str, ...]
    time_units: frozenset[str]
    year_min: int
    year_max: int
    pronouns: frozenset[str]
    pronoun_counted: str
    person_nouns: frozenset[str]
    person_endings: tuple[str, ...]
    categories: tuple[Category, ...]
    currency_symbols: Mapping[str, str]
    currency_words: Mapping[str, str | None]
    weight_currencies: frozenset[str]
    weight_words: frozenset[str]
    max_weight: float
    money_category: str
    total_prepositions: frozenset[str]
    inclusion: frozenset[str]

    def category(self, name: str) -> Category:
        for category in self.categories:
            if category.name == name:
                return category
        raise KeyError(name)


def _fail(key: str, what: str) -> ValueError:
    return ValueError(f"{FILE}: {key} must be {what}; fix the entry in rashomon/data/{FILE}")


def _words(raw: Any, key: str) -> tuple[str, ...]:
    return word_list(raw, f"{FILE}: {key}")


def _text(raw: Any, key: str) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise _fail(key, "a non-empty string")
    return " ".join(raw.casefold().split())


def _number(raw: Any, key: str) -> float:
    if isinstance(raw, bool) or not isinstance(raw, int | float) or raw < 0:
        raise _fail(key, "a non-negative number")
    return float(raw)


def _table(raw: Any, key: str) -> dict[str, Any]:
    if not isinstance(raw, dict) or not raw:
        raise _fail(key, "a non-empty table")
    return {_text(name, key): value for name, value in raw.items()}


def _amounts(raw: Any, key: str) -> dict[str, Amount]:
    amounts = {}
    for name, entry in _table(raw, key).items():
        where = f"{key}.{name!r}"
        if not isinstance(entry, dict) or not (entry.get("value") or entry.get("low")):
            raise _fail(where, "a table with a positive value, or low and high bounds")
        value = _number(entry["value"], f"{where}.value") if "value" in entry else None
        low = _number(entry["low"], f"{where}.low") if "low" in entry else None
        high = _number(entry["high"], f"{where}.high") if "high" in entry else None
        if value is None and (low is None or high is None or low > high):
            raise _fail(where, "low <= high when it has no value")
        if value is not None and (
            (low is not None and low > value) or (high is not None and high < value)
        ):
            raise _fail(where, "bounds around its value (low <= value <= high)")
        amounts[name] = Amount(
            value=value, low=low, high=high, of_only=bool(entry.get("of_only", False))
        )
    return amounts


def _bounds(raw: Any, key: str) -> dict[str, Bounds]:
    bounds = {}
    for phrase, entry in _table(raw, key).items():
        where = f"{key}.{phrase!r}"
        if not isinstance(entry, dict) or not ({"low", "high"} & set(entry)):
            raise _fail(where, "a table with a low and/or high factor")
        low = _number(entry["low"], f"{where}.low") if "low" in entry else None
        high = _number(entry["high"], f"{where}.high") if "high" in entry else None
        if low is not None and high is not None and low > high:
            raise _fail(where, "low <= high")
        name = _text(entry.get("name", phrase), f"{where}.name")
        bounds[phrase] = Bounds(name=name, low=low, high=high)
    return bounds


def _scales(raw: Any, key: str) -> dict[str, float]:
    scales = {name: _number(value, f"{key}.{name}") for name, value in _table(raw, key).items()}
    if not all(value >= 1 for value in scales.values()):
        raise _fail(key, "a table of multipliers of at least 1")
    return scales


def _category(name: str, raw: Any) -> Category:
    key = f"categories.{name}"
    if not isinstance(raw, dict) or not isinstance(raw.get("casualty"), bool):
        raise _fail(key, "a table with casualty = true/false")
    return Category(
        name=name,
        casualty=raw["casualty"],
        predicates=frozenset(_words(raw.get("predicates", []), f"{key}.predicates")),
        weak_predicates=frozenset(_words(raw.get("weak_predicates", []), f"{key}.weak_predicates")),
        things=frozenset(_words(raw.get("things", []), f"{key}.things")),
        people=frozenset(_words(raw.get("people", []), f"{key}.people")),
    )


def _currencies(raw: Any) -> tuple[dict[str, str], dict[str, str | None]]:
    table = _table(raw, "currencies")
    codes = _words(table["codes"], "currencies.codes")
    if not all(len(code) == 3 and code.isalpha() for code in codes):
        raise _fail("currencies.codes", "three-letter ISO 4217 codes")
    symbols = {}
    for symbol, code in _table(table["symbols"], "currencies.symbols").items():
        symbols[symbol] = _text(code, f"currencies.symbols.{symbol}").upper()
    for code in codes:
        symbols[code] = code.upper()
    words: dict[str, str | None] = {code: code.upper() for code in codes}
    for word, code in _table(table["words"], "currencies.words").items():
        if not isinstance(code, str) or (code and not (len(code) == 3 and code.isupper())):
            raise _fail(f"currencies.words.{word}", 'a three-letter ISO 4217 code or ""')
        words[word] = code or None
    return symbols, words


@cache
def quantity_words() -> QuantityWords:
    """The contents of data/quantities.toml, checked (once per process)."""
    raw = tomllib.loads(read_data(FILE))
    numbers = {}
    for word, value in _table(raw["numbers"], "numbers").items():
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise _fail(f"numbers.{word}", "a non-negative integer")
        numbers[word] = value
    additional = _table(raw["additional"], "additional")
    ranges = _table(raw["ranges"], "ranges")
    age = _table(raw["age"], "age")
    percent = _table(raw["percent"], "percent")
    time = _table(raw["time"], "time")
    year_min, year_max = time["year_min"], time["year_max"]
    if not (isinstance(year_min, int) and isinstance(year_max, int) and year_min < year_max):
        raise _fail("time.year_min/year_max", "integers with year_min < year_max")
    age_suffixes = {
        suffix: _text(unit, f"age.suffixes.{suffix}")
        for suffix, unit in _table(age["suffixes"], "age.suffixes").items()
    }
    symbols, currency_words = _currencies(raw["currencies"])
    categories = tuple(
        _category(name, entry) for name, entry in _table(raw["categories"], "categories").items()
    )
    return QuantityWords(
        numbers=numbers,
        scales=_scales(raw["scales"], "scales"),
        abbreviations=_scales(raw["abbreviations"], "abbreviations"),
        money_abbreviations=_scales(raw["money_abbreviations"], "money_abbreviations"),
        leads=_amounts(raw["leads"], "leads"),
        vague=_amounts(raw["vague"], "vague"),
        qualifiers=_bounds(raw["qualifiers"], "qualifiers"),
        suffix_qualifiers=_bounds(raw["suffix_qualifiers"], "suffix_qualifiers"),
        additional=_text(additional["name"], "additional.name"),
        additional_before=_words(additional["before"], "additional.before"),
        additional_after=_words(additional["after"], "additional.after"),
        zero_words=frozenset(_words(raw["zero"]["words"], "zero.words")),
        one_words=frozenset(_words(raw["one"]["words"], "one.words")),
        range_joiners=_words(ranges["joiners"], "ranges.joiners"),
        between=_text(ranges["between"], "ranges.between"),
        between_joiner=_text(ranges["between_joiner"], "ranges.between_joiner"),
        change_start=_text(ranges["change_start"], "ranges.change_start"),
        ratio=_text(ranges["ratio"], "ranges.ratio"),
        age_suffixes=age_suffixes,
        age_prefixes=frozenset(_words(age["prefixes"], "age.prefixes")),
        age_category=_text(age["category"], "age.category"),
        numbering=frozenset(
            _words(_table(raw["numbering"], "numbering")["words"], "numbering.words")
        ),
        idioms=tuple(tuple(p.split()) for p in _words(raw["idioms"]["phrases"], "idioms.phrases")),
        phone=re.compile(_text(raw["idioms"]["phone"], "idioms.phone")),
        age_unit=_text(age["unit"], "age.unit"),
        max_age=int(_number(age["max_years"], "age.max_years")),
        strength_suffixes=_words(raw["strength"]["suffixes"], "strength.suffixes"),
        percent_suffixes=_words(percent["suffixes"], "percent.suffixes"),
        percent_unit=_text(percent["unit"], "percent.unit"),
        percent_category=_text(percent["category"], "percent.category"),
        time_suffixes=_words(time["suffixes"], "time.suffixes"),
        time_units=frozenset(_words(time["units"], "time.units")),
        year_min=year_min,
        year_max=year_max,
        pronouns=frozenset(_words(raw["pronouns"]["words"], "pronouns.words")),
        pronoun_counted=_text(raw["pronouns"]["counted"], "pronouns.counted"),
        person_nouns=frozenset(_words(raw["people"]["nouns"], "people.nouns")),
        person_endings=_words(raw["people"]["endings"], "people.endings"),
        categories=categories,
        currency_symbols=symbols,
        currency_words=currency_words,
        weight_currencies=frozenset(_words(raw["currencies"]["weights"], "currencies.weights")),
        max_weight=_number(raw["currencies"]["max_weight"], "currencies.max_weight"),
        weight_words=frozenset(
            _words(raw["currencies"]["weight_words"], "currencies.weight_words")
        ),
        money_category=_text(raw["currencies"]["category"], "currencies.category"),
        inclusion=frozenset(_words(raw["inclusion"]["prepositions"], "inclusion.prepositions")),
        total_prepositions=frozenset(_words(raw["totals"]["prepositions"], "totals.prepositions")),
    )


# -- numbers as written ------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True, slots=True)
class Reading:
    """The value a numeral spells, with bounds when it is vague."""

    value: float  # the low bound of a vague reading: what orders and scales it
    low: float | None = None
    high: float | None = None
    scale: float = 1.0
    plain: bool = False  # bare digits: could be a year
    vague: bool = False  # "thousands", "several hundred": bounds, no point value


@dataclass(frozen=True, kw_only=True, slots=True)
class Written:
    """A number as written, before the parse is consulted."""

    start: int
    end: int
    core_start: int
    core_end: int
    reading: Reading
    qualifier: str | None
    unit: str | None = None
    category: str | None = None
    strength: bool = False


@dataclass(frozen=True, slots=True)
class Grammar:
    """The compiled patterns, and the month and weekday names that mark dates."""

    pattern: re.Pattern[str]
    time_after: re.Pattern[str]
    months: frozenset[str]
    weekdays: frozenset[str]


def _alt(phrases: Iterable[str], sep: str = r"\s+") -> str:
    """A regex alternation of phrases, longest first; words joined by ``sep``."""
    parts = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        words = [re.escape(word) for word in re.split(r"[\s-]+", phrase)]
        body = sep.join(words)
        parts.append(body + (r"\b" if phrase[-1].isalnum() else ""))
    return "(?:" + "|".join(parts) + ")"


def _suffixes(phrases: Iterable[str]) -> str:
    """Words after a number: a space before a word, an optional space before a sign."""
    parts = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        lead = r"(?:\s+|-)" if phrase[0].isalnum() else r"\s?"
        parts.append(lead + _alt([phrase], r"[\s-]+"))
    return "(?:" + "|".join(parts) + ")"


@cache
def grammar() -> Grammar:
    words = quantity_words()
    tens = [w for w, v in words.numbers.items() if v >= 20 and v % 10 == 0]
    ones = [w for w, v in words.numbers.items() if 1 <= v <= 9]
    word_number = rf"(?:{_alt(tens)}(?:-|\s+){_alt(ones)}|{_alt(words.numbers)})"
    scale = _alt(words.scales)
    vague = "|".join(
        _alt([phrase]) + (r"(?=\s+of\b)" if amount.of_only else "")
        for phrase, amount in sorted(words.vague.items(), key=lambda kv: -len(kv[0]))
    )
    abbreviation = _alt([*words.abbreviations, *words.money_abbreviations])
    number = (
        rf"(?:{vague}"
        rf"|{_alt(words.leads)}\s+{scale}(?:\s+{scale})*"
        rf"|(?:{DIGITS})(?:\s?{abbreviation}|(?:\s+{scale})+)?"
        rf"|{word_number}(?:\s+(?:{word_number}|{scale}))*)"
    )
    codes = [s for s in words.currency_symbols if len(s) == 3 and s.isalpha()]
    signs = [s for s in words.currency_symbols if s not in codes]
    currency = rf"(?:(?-i:{'|'.join(c.upper() for c in codes)})\s?|{_alt(signs)}\s?)"
    joiners = [*words.range_joiners, words.between_joiner, words.ratio]
    joiner = rf"\s*[-–—]\s*|\s+{_alt(joiners)}\s+"
    suffix_qualifiers = "|".join(
        (r"\s*" if not q[0].isalnum() else r"(?:\s+|-)") + _alt([q])
        for q in sorted(words.suffix_qualifiers, key=len, reverse=True)
    )
    pattern = (
        r"(?<![\w.,/:])(?<!\w-)(?<!\d['’])"
        rf"(?:(?P<qual>{_alt(words.qualifiers)})\s+)?"
        rf"(?:(?P<add>{_alt(words.additional_before)})\s+)?"
        rf"(?:(?P<between>{_alt([words.between])})\s+)?"
        rf"(?P<cur>{currency})?"
        rf"(?P<n1>{number})"
        rf"(?:(?P<joiner>{joiner})(?P<cur2>{currency})?(?P<n2>{number}))?"
        rf"(?P<after>\s+{_alt(words.additional_after)})?"
        rf"(?:(?P<pct>{_suffixes(words.percent_suffixes)})"
        rf"|(?P<age>{_suffixes(words.age_suffixes)})"
        rf"|(?P<strong>-{_alt(words.strength_suffixes)})"
        rf"|(?P<sq>{suffix_qualifiers}))?"
        r"(?!\w|-\w|[.,:/'’]\d)"
    )
    time_after = re.compile(rf"\s*{_alt(words.time_suffixes)}(?![a-z])", re.IGNORECASE)
    lexicon = cleaning()
    return Grammar(
        re.compile(pattern, re.IGNORECASE), time_after, frozenset(lexicon.months), lexicon.weekdays
    )


# -- reading what is written -------------------------------------------------------------


def _normal(text: str) -> str:
    return " ".join(text.casefold().split())


def _read(numeral: str, words: QuantityWords, *, money: bool) -> Reading | None:
    """The value of a numeral ("3,287", "twenty-three", "half a million", "dozens")."""
    text = _normal(numeral)
    vague = words.vague.get(text)
    if vague is not None:
        if vague.value is None:
            return Reading(value=vague.low or 0.0, low=vague.low, high=vague.high, vague=True)
        return Reading(value=vague.value, low=vague.low, high=vague.high)
    lead: Amount | None = None
    for phrase in sorted(words.leads, key=len, reverse=True):
        if text.startswith(phrase + " "):
            lead, text = words.leads[phrase], text[len(phrase) + 1 :]
            break
    total = current = 0.0
    scale = 1.0
    pieces = NUMERAL_PIECES.findall(text.replace("-", " "))
    for piece in pieces:
        if piece[0].isdigit():
            current = float(piece.replace(",", ""))
        elif piece in words.numbers:
            current += words.numbers[piece]
        elif (
            piece in words.scales
            or piece in words.abbreviations
            or piece in words.money_abbreviations
        ):
            if piece in words.money_abbreviations and not money:
                return None  # "5m" without a currency is metres, not millions
            factor = words.scales.get(piece) or words.abbreviations.get(piece)
            factor = factor or words.money_abbreviations[piece]
            scale *= factor
            if factor >= 1000:
                total, current = total + (current or 1.0) * factor, 0.0
            else:
                current = (current or 1.0) * factor
        else:
            return None
    value = total + current
    plain = len(pieces) == 1 and pieces[0].isdigit()
    if lead is None:
        return Reading(value=value, scale=scale, plain=plain)
    return Reading(
        value=value * (lead.value if lead.value is not None else lead.low or 0.0),
        vague=lead.value is None,
        low=None if lead.low is None else value * lead.low,
        high=None if lead.high is None else value * lead.high,
        scale=scale,
    )


def _round(value: float) -> float:
    return round(value, 6)


def _qualified(reading: Reading, bounds: Bounds | None) -> tuple[float | None, float | None]:
    """Bounds a qualifier puts on a reading; a vague amount keeps its own bounds on the
    side the qualifier leaves open ("about dozens" stays 24-96)."""
    low, high = reading.low, reading.high
    if bounds is None:
        return low, high
    vague = low is not None or high is not None
    if bounds.low is not None:
        low = low if vague else _round(reading.value * bounds.low)
        high = high if bounds.high is not None else None
    if bounds.high is not None:
        high = high if vague else _round(reading.value * bounds.high)
        low = low if bounds.low is not None or vague else None
    return low, high


def _preceding_word(text: str, position: int) -> str:
    words = text[max(0, position - 40) : position].split()
    return _normal(words[-1]) if words else ""


def _written(m: re.Match[str], text: str, words: QuantityWords) -> tuple[list[Written], int]:
    """The numbers one grammar match holds (none, one, or the first of two) and the
    position to scan on from."""
    code = words.currency_symbols.get(_normal(m["cur"] or m["cur2"] or "")) or None
    first = _read(m["n1"], words, money=code is not None)
    if first is None:
        return [], m.end()
    core_start = m.start("cur") if m["cur"] else m.start("n1")
    start = min(m.start(g) for g in ("qual", "add", "cur", "n1") if m.start(g) >= 0)
    prefix = words.qualifiers.get(_normal(m["qual"])) if m["qual"] else None
    additional = words.additional if m["add"] or m["after"] else None
    preceding = _preceding_word(text, m.start())
    if m["n2"]:
        second = _read(m["n2"], words, money=code is not None)
        joiner = _normal(m["joiner"])
        changing = preceding == words.change_start
        ordered = second is None or first.value < second.value
        if not ordered and joiner in ("-", "–", "—", "to") and not changing:
            return [], m.end()  # a score ("3-1"), a vote, a code: not a count
        if ordered and joiner == words.ratio:
            return [], m.end()  # "1 in 4"
        inherits = second is not None and first.scale == 1.0 and second.scale > 1.0
        if second is not None and inherits and first.value * second.scale <= second.value:
            first = Reading(value=first.value * second.scale, scale=second.scale)  # "10 to 15 m"
        joined = joiner != words.ratio and (joiner != words.between_joiner or bool(m["between"]))
        if second is None or changing or not joined or first.value >= second.value:
            # two numbers after all: keep the first, scan on from the second
            low, high = _qualified(first, prefix)
            alone = Written(
                start=start,
                end=m.end("n1"),
                core_start=core_start,
                core_end=m.end("n1"),
                reading=Reading(
                    value=first.value, low=low, high=high, plain=first.plain, vague=first.vague
                ),
                qualifier=prefix.name if prefix else additional,
                unit=code,
                category=words.money_category if code else None,
            )
            return [alone], m.start("cur2") if m["cur2"] else m.start("n2")
        vague = first.vague or second.vague  # "dozens to hundreds": no midpoint
        reading = Reading(
            value=first.value if vague else _round((first.value + second.value) / 2),
            low=first.value,
            high=second.high if second.vague and second.high is not None else second.value,
            plain=first.plain and second.plain,  # "2011-2012" is a span of years
            vague=vague,
        )
        if m["between"]:
            start = min(start, m.start("between"))
        bounds = prefix
    else:
        bounds = words.suffix_qualifiers.get(_normal(m["sq"]).lstrip("-")) if m["sq"] else prefix
        low, high = _qualified(first, bounds)
        reading = Reading(
            value=first.value, low=low, high=high, plain=first.plain, vague=first.vague
        )
    unit, category = code, words.money_category if code else None
    if m["pct"]:
        unit, category = words.percent_unit, words.percent_category
    elif m["age"]:
        suffix = re.sub(r"[\s-]+", " ", _normal(m["age"])).strip()
        unit = next(u for s, u in words.age_suffixes.items() if s.replace("-", " ") == suffix)
        category = words.age_category
    elif preceding in words.age_prefixes:
        unit, category = words.age_unit, words.age_category
    found = Written(
        start=start,
        end=m.end(),
        core_start=core_start,
        core_end=m.end("n2") if m["n2"] else m.end("n1"),
        reading=reading,
        qualifier=bounds.name if bounds else additional,
        unit=unit,
        category=category,
        strength=bool(m["strong"]),
    )
    return [found], m.end()


def scan(text: str) -> Iterator[Written]:
    """The numbers written in ``text``, left to right, with what their wording says
    (value, bounds, qualifier, currency, percent, age); phone numbers, clock times and
    numbers across a paragraph break left out. What a number counts is for the parse."""
    words, rules = quantity_words(), grammar()
    phones = [m.span() for m in PHONE.finditer(text)]
    position = 0
    while (m := rules.pattern.search(text, position)) is not None:
        found, position = _written(m, text, words)
        for number in found:
            if "\n\n" in text[number.start : number.end]:
                continue
            if any(s < number.end and number.start < e for s, e in phones):
                continue
            if rules.time_after.match(text, number.end):
                continue  # "10 a.m.", "14:00 GMT"
            yield number
