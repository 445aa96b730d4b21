"""Export records as JSONL, CSV, Parquet, or (events) an ACLED-style CSV. Only this edge
(and the store) turns records into dicts. Every fact row carries ``article_id``,
``start`` and ``end``: the span of the article's clean text it was read from.

Article text is untrusted, so by default a CSV text cell that a spreadsheet would run as
a formula (it starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return: OWASP's
"CSV injection") is written with a leading ``'``; numbers, negative ones included, stay
numbers; ``raw=True`` writes every cell as stored. JSONL escapes the control characters
a terminal would act on, so it stays the same JSON value and is safe to print."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import IO, Any, Literal

from .errors import OptionsError
from .output import printable_json
from .records import Event, Mention
from .store.rows import ARTICLE_COLUMNS, FACT_TABLES, columns

Format = Literal["jsonl", "csv", "parquet", "acled-csv"]
FORMATS: tuple[Format, ...] = ("jsonl", "csv", "parquet", "acled-csv")


def _fact_columns(cls: type) -> dict[str, str]:
    """A fact's own columns, with the outlet and publication date of its article."""
    own = columns(cls)
    first = dict(list(own.items())[:1])  # article_id
    return {**first, "source": "string", "published": "string", **dict(list(own.items())[1:])}


# what corpus-level linking adds to each event: its incident and story, the entities of
# its actor and target, the geocoded place of its location
EVENT_LINK_COLUMNS: dict[str, str] = {
    "incident_id": "string",
    "story_id": "string",
    "actor_entity_id": "int64",
    "target_entity_id": "int64",
    "place_name": "string",
    "place_lat": "double",
    "place_lon": "double",
    "place_country": "string",
    "place_country_name": "string",
    "place_admin1": "string",
    "place_precision": "string",
}
STORY_COLUMNS: dict[str, str] = {
    "story_id": "string",
    "title": "string",
    "first": "string",
    "last": "string",
    "article_ids": "list<string>",
    "copies": "list<string>",
    "sources": "list<string>",
    "entities": "list<string>",
    "incidents": "int64",
}
ENTITY_COLUMNS: dict[str, str] = {
    "id": "int64",
    "name": "string",
    "label": "string",
    "aliases": "list<string>",
    "mentions": "int64",
    "articles": "int64",
    "sources": "list<string>",
}

# column -> kind, per kind of record; also fixes the column order
COLUMNS: dict[str, dict[str, str]] = {
    "articles": ARTICLE_COLUMNS,
    "mentions": columns(Mention),
    **{name: _fact_columns(cls) for name, cls in FACT_TABLES.items()},
    "stories": STORY_COLUMNS,
    "entities": ENTITY_COLUMNS,
}
COLUMNS["events"] = {**COLUMNS["events"], **EVENT_LINK_COLUMNS}
COLUMNS["entity_mentions"] = {**COLUMNS["entity_mentions"], "entity_id": "int64"}

# ACLED's own column names (the public data export), then Rashomon's provenance
ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "civilian_targeting",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "tags",
    "article_id",
    "start",
    "end",
    "trigger",
    "plover_type",
    "plover_mode",
    "modality",
    "injured",
    "confidence",
)
_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}


def write(
    rows: Iterable[dict[str, Any]], what: str, fmt: str, out: IO[bytes], *, raw: bool = False
) -> int:
    """Write ``rows`` of kind ``what`` to the binary stream ``out``; return the count.
    ``raw``: CSV cells as stored, formulas included (see the module docstring)."""
    if what not in COLUMNS:
        raise OptionsError(f"cannot export {what!r}; choose one of: {', '.join(COLUMNS)}")
    columns_ = COLUMNS[what]
    if fmt == "jsonl":
        return _jsonl(rows, columns_, out)
    if fmt == "csv":
        return _csv(rows, columns_, out, raw=raw)
    if fmt == "parquet":
        return _parquet(rows, columns_, out)
    if fmt == "acled-csv":
        raise OptionsError("--format acled-csv exports events only: add --what events")
    raise OptionsError(f"unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}")


# ACLED's geo_precision: 1 the town itself, 2 a part of a region near it, 3 a region
_GEO_PRECISION = {"exact": 1, "district": 2, "region": 3, "country": 3}


def write_acled(
    events: Iterable[tuple[Event, str | None, date | None]],
    out: IO[bytes],
    places: Mapping[tuple[str, int, int], Mapping[str, Any]] | None = None,
    *,
    raw: bool = False,
) -> int:
    """ACLED-style CSV of asserted events that ACLED codes, each given with its
    article's outlet and publication date. Dates: the event's own date when the text
    gives one (time_precision 1 for a day, 2 for a week, 3 for a month or year), else
    the report date with time_precision 2 and the tag ``date: report``. Fatalities are 0
    when none is reported, as in ACLED. ``places`` (``Store.links.event_links``) gives
    each event's geocoded place: country, admin-1, point and ACLED geo_precision.
    ``raw``: cells as stored, formulas included (see the module docstring)."""
    rows = []
    for event, source, published in events:
        place = (places or {}).get((event.article_id, event.start, event.end), {})
        if event.modality != "asserted" or not event.acled_type:
            continue
        event_date, precision, tags = _acled_date(event.date, published)
        rows.append(
            {
                "event_id_cnty": f"{event.article_id}:{event.start}",
                "event_date": event_date.isoformat() if event_date else None,
                "year": event_date.year if event_date else None,
                "time_precision": precision,
                "disorder_type": _DISORDER.get(event.acled_type),
                "event_type": event.acled_type,
                "sub_event_type": event.acled_subtype,
                "actor1": event.actor.text if event.actor else None,
                "actor2": event.target.text if event.target else None,
                "civilian_targeting": None,
                "country": place.get("place_country_name"),
                "admin1": place.get("place_admin1"),
                "location": event.location.text if event.location else None,
                "latitude": place.get("place_lat"),
                "longitude": place.get("place_lon"),
                "geo_precision": _GEO_PRECISION.get(str(place.get("place_precision"))),
                "source": source,
                "notes": event.sentence.text,
                "fatalities": event.fatalities or 0,
                "tags": "; ".join(tags),
                "article_id": event.article_id,
                "start": event.start,
                "end": event.end,
                "trigger": event.trigger,
                "plover_type": event.plover_type,
                "plover_mode": event.plover_mode,
                "modality": event.modality,
                "injured": event.injured,
                "confidence": event.confidence,
            }
        )
    return _csv(rows, dict.fromkeys(ACLED_COLUMNS, "string"), out, raw=raw)


def _acled_date(
    value: str | None, published: date | None
) -> tuple[date | None, int | None, list[str]]:
    if value:
        try:
            if len(value) == 10:
                return date.fromisoformat(value), 1, []
            if "-W" in value and len(value) == 8:
                year, week = int(value[:4]), int(value[6:])
                return date.fromisocalendar(year, week, 1), 2, ["date: week"]
            if len(value) == 7:
                return date.fromisoformat(f"{value}-01"), 3, ["date: month"]
            if len(value) == 4 and value.isdigit():
                return date(int(value), 1, 1), 3, ["date: year"]
        except ValueError:
            pass
    if published:
        return published, 2, ["date: report"]
    return None, None, ["date: unknown"]


def _jsonl(rows: Iterable[dict[str, Any]], columns_: dict[str, str], out: IO[bytes]) -> int:
    count = 0
    for row in rows:
        line = printable_json(json.dumps({c: row.get(c) for c in columns_}, ensure_ascii=False))
        out.write(line.encode("utf-8") + b"\n")
        count += 1
    return count


# a cell a spreadsheet runs as a formula starts with one of these (OWASP, CSV injection)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def safe_cell(value: Any) -> Any:
    """``value`` with a leading ``'`` when it is text a spreadsheet would run as a
    formula; numbers, and text that is a plain number such as ``-3.5``, as they are."""
    if (
        isinstance(value, str)
        and value.startswith(_FORMULA_START)
        and not _PLAIN_NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def _csv(
    rows: Iterable[dict[str, Any]], columns_: dict[str, str], out: IO[bytes], *, raw: bool
) -> int:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    writer = csv.writer(text)
    writer.writerow(columns_)
    count = 0
    for row in rows:
        cells = [
            json.dumps(row.get(c), ensure_ascii=False) if kind.startswith("list") else row.get(c)
            for c, kind in columns_.items()
        ]
        writer.writerow(cells if raw else [safe_cell(cell) for cell in cells])
        count += 1
    text.flush()
    text.detach()
    return count


def _parquet(rows: Iterable[dict[str, Any]], columns_: dict[str, str], out: IO[bytes]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {
        "string": pa.string(),
        "int64": pa.int64(),
        "double": pa.float64(),
        "bool": pa.bool_(),
        "list<string>": pa.list_(pa.string()),
    }
    schema = pa.schema([(c, types[kind]) for c, kind in columns_.items()])
    table = pa.Table.from_pylist([{c: row.get(c) for c in columns_} for row in rows], schema=schema)
    pq.write_table(table, out)
    return int(table.num_rows)
