"""The batch output: one Parquet table (a folder of part files) per kind of record, with
the store's own columns (``rashomon.store.rows``), so that ``rashomon load`` reads back
the very records ``analyze`` would have stored.

    documents       id, origin, line, media_type, encoding, size, seq
    articles        the article's fields, model, stages, seq (input order)
    article_copies  article_id, document_id, position: an article met again elsewhere
    sentences, mentions, quotes, quantities, times, events, entity_mentions, places
                    one row per fact, with article_id, start, end
    entities        entity_id, name, label, names, mentions, articles
    stories         story_id, title, first, last, article_ids, copies, sources, entities
    story_members   article_id, story_id, duplicate_of
    errors          origin, line, reason, message: the inputs that could not be read

Two empty marker files frame a run: ``_RASHOMON_BATCH`` is written first (the folder is
a batch's output) and ``_RASHOMON_DONE`` last (every table is complete). A run stopped
between them (killed, a lost driver) leaves a folder that ``load`` refuses and that the
next ``batch`` with the same ``--out`` starts over.
"""

from __future__ import annotations

from typing import Any

from ..records import Article, Document
from ..store.rows import ARTICLE_COLUMNS, ROW_TYPES, columns

STARTED = "_RASHOMON_BATCH"
DONE = "_RASHOMON_DONE"

# column kinds as in rashomon.store.rows: string, int64, double, bool, list<string>
Columns = dict[str, str]

_ARTICLE: Columns = {**ARTICLE_COLUMNS, "model": "string", "stages": "string", "seq": "int64"}

TABLES: dict[str, Columns] = {
    "documents": {
        "id": "string",
        "origin": "string",
        "line": "int64",
        "media_type": "string",
        "encoding": "string",
        "size": "int64",
        "seq": "int64",
    },
    "articles": _ARTICLE,
    "article_copies": {"article_id": "string", "document_id": "string", "position": "int64"},
    **{table: dict(columns(cls)) for table, cls in ROW_TYPES.items()},
    "entities": {
        "entity_id": "int64",
        "name": "string",
        "label": "string",
        "names": "list<string>",
        "mentions": "int64",
        "articles": "int64",
    },
    "stories": {
        "story_id": "string",
        "title": "string",
        "first": "string",
        "last": "string",
        "article_ids": "list<string>",
        "copies": "list<string>",
        "sources": "list<string>",
        "entities": "list<string>",
    },
    "story_members": {"article_id": "string", "story_id": "string", "duplicate_of": "string"},
    "errors": {"origin": "string", "line": "int64", "reason": "string", "message": "string"},
}
TABLES["entity_mentions"] = {**TABLES["entity_mentions"], "entity_id": "int64"}


def document_row(document: Document, seq: int) -> dict[str, Any]:
    return {
        "id": document.id,
        "origin": document.origin,
        "line": document.line,
        "media_type": document.media_type,
        "encoding": document.encoding,
        "size": document.size,
        "seq": seq,
    }


def document_from_row(row: dict[str, Any]) -> Document:
    """The stored part of a document (its raw text is not kept, as in the store)."""
    return Document(
        id=row["id"],
        origin=row["origin"],
        line=row["line"],
        media_type=row["media_type"],
        encoding=row["encoding"],
        size=row["size"],
        text="",
    )


def article_row(
    article: Article, model: str | None, stages: str | None, seq: int
) -> dict[str, Any]:
    return {**article.to_dict(), "model": model, "stages": stages, "seq": seq}


def values(table: str, row: dict[str, Any]) -> tuple[Any, ...]:
    """A row as a tuple in the table's column order (missing columns are null)."""
    return tuple(row.get(name) for name in TABLES[table])
