"""Loads the knowledge files under ``rashomon/data/`` once per process, as typed records."""

from __future__ import annotations

import csv
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


def read_data(name: str) -> str:
    """The text of a knowledge file under rashomon/data/ (the one place that reads them)."""
    return resources.files("rashomon").joinpath("data", name).read_text(encoding="utf-8")


def read_tsv(name: str) -> list[dict[str, str]]:
    """The rows of a tab-separated knowledge file (``#`` lines are comments; the first
    other line names the columns); a row with too few or too many fields is an error."""
    lines = [line for line in read_data(name).splitlines() if line and not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t"))
    for number, row in enumerate(rows, start=1):
        if None in row or any(value is None for value in row.values()):
            raise ValueError(f"{name}: data row {number} has the wrong number of columns")
    return rows


def word_list(values: Any, where: str) -> tuple[str, ...]:
    """A list of words or phrases from a knowledge file, case-folded with single spaces;
    ``where`` names the file and entry in the error (``event_rules.toml: modality.negators``)."""
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise ValueError(
            f"{where} must be a list of non-empty strings; fix the entry in rashomon/data/"
        )
    return tuple(" ".join(v.casefold().split()) for v in values)


def _lowered(values: Any, key: str) -> frozenset[str]:
    return frozenset(word_list(values, f"cleaning.toml: {key}"))


@dataclass(frozen=True, kw_only=True, slots=True)
class CleaningLexicon:
    trailer_labels: frozenset[str]
    max_outlet_chars: int
    copyright_marks: tuple[str, ...]
    byline_prefixes: tuple[str, ...]
    byline_max_words: int
    weekdays: frozenset[str]
    caption_credits: frozenset[str]
    caption_prefixes: tuple[str, ...]
    max_caption_chars: int
    noise_lines: frozenset[str]
    max_mark_chars: int
    published_labels: frozenset[str]
    months: dict[str, int]


@cache
def cleaning() -> CleaningLexicon:
    raw = tomllib.loads(read_data("cleaning.toml"))
    months = raw["months"]
    if not all(isinstance(v, int) and 1 <= v <= 12 for v in months.values()):
        raise ValueError("cleaning.toml: every month must map to a number 1-12")
    return CleaningLexicon(
        trailer_labels=_lowered(raw["trailer"]["labels"], "trailer.labels"),
        max_outlet_chars=int(raw["trailer"]["max_outlet_chars"]),
        copyright_marks=tuple(
            sorted(
                _lowered(raw["trailer"]["copyright_marks"], "trailer.copyright_marks"),
                key=len,
                reverse=True,
            )
        ),
        byline_prefixes=tuple(
            sorted(_lowered(raw["byline"]["prefixes"], "byline.prefixes"), key=len, reverse=True)
        ),
        byline_max_words=int(raw["byline"]["max_words"]),
        weekdays=_lowered(raw["weekdays"]["names"], "weekdays.names"),
        caption_credits=_lowered(raw["caption"]["credits"], "caption.credits"),
        caption_prefixes=tuple(sorted(_lowered(raw["caption"]["prefixes"], "caption.prefixes"))),
        max_caption_chars=int(raw["caption"]["max_chars"]),
        noise_lines=_lowered(raw["noise"]["lines"], "noise.lines"),
        max_mark_chars=int(raw["noise"]["max_mark_chars"]),
        published_labels=_lowered(raw["published"]["labels"], "published.labels"),
        months={k.casefold(): int(v) for k, v in months.items()},
    )


@cache
def binary_signatures() -> tuple[tuple[bytes, str], ...]:
    """(leading bytes, what the format is), longest first."""
    rows = [(bytes.fromhex(row["hex"]), row["format"]) for row in read_tsv("binary_signatures.tsv")]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@cache
def stopwords() -> dict[str, frozenset[str]]:
    """Function words per language code."""
    return {row["lang"]: frozenset(row["words"].split()) for row in read_tsv("stopwords.tsv")}


@dataclass(frozen=True, kw_only=True, slots=True)
class FeedFieldNames:
    """Accepted record field names, per field, in order of preference."""

    text: tuple[str, ...]
    html: tuple[str, ...]
    title: tuple[str, ...]
    url: tuple[str, ...]
    source: tuple[str, ...]
    published: tuple[str, ...]


@cache
def feed_fields() -> FeedFieldNames:
    raw = tomllib.loads(read_data("feed_fields.toml"))
    names = {}
    for key in ("text", "html", "title", "url", "source", "published"):
        values = raw[key]
        if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
            raise ValueError(f"feed_fields.toml: {key} must be a list of field names")
        names[key] = tuple(values)
    return FeedFieldNames(**names)


@cache
def legacy_encodings() -> tuple[str, ...]:
    """Candidate legacy encodings, preferred first (codec names, checked to exist)."""
    import codecs

    names = tuple(
        line.strip()
        for line in read_data("legacy_encodings.txt").splitlines()
        if line.strip() and not line.startswith("#")
    )
    for name in names:
        codecs.lookup(name)
    return names
