"""Export records as JSONL, CSV or Parquet. Only this edge (and the store) turns
records into dicts."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import IO, Any, Literal

from .errors import OptionsError

Format = Literal["jsonl", "csv", "parquet"]
FORMATS: tuple[Format, ...] = ("jsonl", "csv", "parquet")

# column -> Arrow type name, per kind of record; also fixes the column order
COLUMNS: dict[str, dict[str, str]] = {
    "articles": {
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
    },
    "mentions": {
        "article_id": "string",
        "start": "int64",
        "end": "int64",
        "text": "string",
        "label": "string",
    },
}


def write(rows: Iterable[dict[str, Any]], what: str, fmt: str, out: IO[bytes]) -> int:
    """Write ``rows`` of kind ``what`` to the binary stream ``out``; return the count."""
    if what not in COLUMNS:
        raise OptionsError(f"cannot export {what!r}; choose one of: {', '.join(COLUMNS)}")
    columns = COLUMNS[what]
    if fmt == "jsonl":
        return _jsonl(rows, columns, out)
    if fmt == "csv":
        return _csv(rows, columns, out)
    if fmt == "parquet":
        return _parquet(rows, columns, out)
    raise OptionsError(f"unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}")


def _jsonl(rows: Iterable[dict[str, Any]], columns: dict[str, str], out: IO[bytes]) -> int:
    count = 0
    for row in rows:
        line = json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False)
        out.write(line.encode("utf-8") + b"\n")
        count += 1
    return count


def _csv(rows: Iterable[dict[str, Any]], columns: dict[str, str], out: IO[bytes]) -> int:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    writer = csv.writer(text)
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow(
            [
                json.dumps(row.get(c), ensure_ascii=False)
                if kind.startswith("list")
                else row.get(c)
                for c, kind in columns.items()
            ]
        )
        count += 1
    text.flush()
    text.detach()
    return count


def _parquet(rows: Iterable[dict[str, Any]], columns: dict[str, str], out: IO[bytes]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"string": pa.string(), "int64": pa.int64(), "list<string>": pa.list_(pa.string())}
    schema = pa.schema([(c, types[kind]) for c, kind in columns.items()])
    table = pa.Table.from_pylist([{c: row.get(c) for c in columns} for row in rows], schema=schema)
    pq.write_table(table, out)
    return int(table.num_rows)
