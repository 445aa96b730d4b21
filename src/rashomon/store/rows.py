"""Flat rows for records: the one conversion between the typed records and the store's
tables (and the export formats). A ``Ref`` field ``actor`` becomes the columns
``actor``, ``actor_start``, ``actor_end``; a ``Published`` becomes ``published``,
``published_precision``, ``published_evidence``; a nested record such as ``Place``
becomes one column a field, prefixed (``place_name``, ``place_lat``...); tuples of
strings are JSON."""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Iterable
from datetime import date
from typing import Any, TypeVar

from ..records import (
    Article,
    EntityMention,
    Event,
    Geocoded,
    Mention,
    Published,
    Quantity,
    Quote,
    Ref,
    Sentence,
    TimeExpr,
)

R = TypeVar("R")

# column kinds: "string", "int64", "double", "bool", "list<string>"
_SCALARS: dict[Any, str] = {str: "string", int: "int64", float: "double", bool: "bool"}


_HINTS: dict[type, dict[str, Any]] = {}
_COLUMNS: dict[type, dict[str, str]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def _unwrap(hint: Any) -> Any:
    """``X | None`` -> X."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return args[0] if len(args) == 1 else hint
    return hint


def _kind(hint: Any) -> str:
    hint = _unwrap(hint)
    if hint in _SCALARS:
        return _SCALARS[hint]
    if typing.get_origin(hint) is typing.Literal:
        return "string"
    if typing.get_origin(hint) is tuple:
        return "list<string>"
    raise TypeError(f"no column kind for {hint!r}")


def columns(cls: type) -> dict[str, str]:
    """Column name -> kind, in field order, for a record class."""
    if cls in _COLUMNS:
        return _COLUMNS[cls]
    out: dict[str, str] = {}
    for field in dataclasses.fields(cls):
        hint = _unwrap(_hints(cls)[field.name])
        if hint is Ref:
            out.update(
                {field.name: "string", f"{field.name}_start": "int64", f"{field.name}_end": "int64"}
            )
        elif dataclasses.is_dataclass(hint):
            out.update({f"{field.name}_{k}": v for k, v in columns(hint).items()})  # type: ignore[arg-type]
        else:
            out[field.name] = _kind(hint)
    _COLUMNS[cls] = out
    return out


def to_row(record: Any) -> dict[str, Any]:
    """A record as a flat dict of column values."""
    row: dict[str, Any] = {}
    for field in dataclasses.fields(record):
        value = getattr(record, field.name)
        if _unwrap(_hints(type(record))[field.name]) is Ref:
            row[field.name] = value.text if value else None
            row[f"{field.name}_start"] = value.start if value else None
            row[f"{field.name}_end"] = value.end if value else None
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            row.update({f"{field.name}_{k}": v for k, v in to_row(value).items()})
        elif isinstance(value, tuple):
            row[field.name] = list(value)
        elif isinstance(value, date):
            row[field.name] = value.isoformat()
        else:
            row[field.name] = value
    return row


def from_row(cls: type[R], row: typing.Mapping[str, Any]) -> R:
    """The record a row (from ``to_row`` or the store) stands for."""
    values: dict[str, Any] = {}
    for field in dataclasses.fields(cls):  # type: ignore[arg-type]
        hint = _unwrap(_hints(cls)[field.name])
        if hint is Ref:
            text = row[field.name]
            values[field.name] = (
                None
                if text is None
                else Ref(text=text, start=row[f"{field.name}_start"], end=row[f"{field.name}_end"])
            )
        elif dataclasses.is_dataclass(hint):
            prefix = f"{field.name}_"
            inner = {k.removeprefix(prefix): v for k, v in row.items() if k.startswith(prefix)}
            values[field.name] = from_row(hint, inner)  # type: ignore[arg-type]
        elif typing.get_origin(hint) is tuple:
            raw = row[field.name]
            values[field.name] = tuple(json.loads(raw) if isinstance(raw, str) else raw)
        elif hint is bool:
            values[field.name] = bool(row[field.name])
        else:
            values[field.name] = row[field.name]
    return cls(**values)


FACT_TABLES: dict[str, type] = {
    "quotes": Quote,
    "quantities": Quantity,
    "times": TimeExpr,
    "events": Event,
    "entity_mentions": EntityMention,
    "places": Geocoded,
}
ROW_TYPES: dict[str, type] = {"sentences": Sentence, "mentions": Mention, **FACT_TABLES}

# An article's columns and their kinds (as ``columns`` gives a fact's), as exported
ARTICLE_COLUMNS: dict[str, str] = {
    "id": "string",
    "document_id": "string",
    "position": "int64",
    "title": "string",
    "source": "string",
    "published": "string",
    "published_precision": "string",
    "published_evidence": "string",
    "url": "string",
    "language": "string",
    "captions": "list<string>",
    "text": "string",
}


def article_from_row(row: Any, captions: Iterable[str]) -> Article:
    """An article from its stored columns (a SQLite row or a Parquet row as a dict);
    ``captions`` decoded by the caller (JSON text in SQLite, a list in Parquet)."""
    published = None
    if row["published"]:
        published = Published(
            date=date.fromisoformat(row["published"]),
            precision=row["published_precision"],
            evidence=row["published_evidence"] or "",
        )
    return Article(
        id=row["id"],
        document_id=row["document_id"],
        position=row["position"],
        text=row["text"],
        title=row["title"],
        source=row["source"],
        published=published,
        url=row["url"],
        captions=tuple(captions),
        language=row["language"],
    )
