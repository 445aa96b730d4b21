"""``rashomon load DIR``: a batch output into the embedded store.

Documents are stored in their input order (``seq``), each with its articles, their facts
and the copies it holds, through ``Store.add_document`` as ``analyze`` stores them, and
linked into entities, stories and incidents by the same ``Connector``, so the corpus is
the one ``analyze`` would have built from the same input. A document already stored is
skipped, so loading twice stores nothing twice. Read with pyarrow (no Spark needed); the
tables are held in memory while loading: load a very large batch in parts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..connect import Connector
from ..errors import InputError
from ..records import Annotation, Article
from ..store import Store
from ..store.rows import ROW_TYPES, article_from_row, from_row
from .tables import DONE, document_from_row

LINK_EVERY = 64


@dataclass(frozen=True, kw_only=True, slots=True)
class LoadReport:
    documents: int
    articles: int
    copies: int
    skipped: int


def load(folder: str | Path, store: Store, connector: Connector | None = None) -> LoadReport:
    """Store the batch output under ``folder``; returns what was added."""
    root = Path(folder)
    tables = _Tables(root)
    connector = connector or Connector(store)
    connector.catch_up()
    articles = tables.grouped("articles", "document_id")
    copies = tables.grouped("article_copies", "document_id")
    facts = {table: tables.grouped(table, "article_id") for table in ROW_TYPES}
    stored = skipped = new_articles = new_copies = 0
    pending: list[tuple[Article, Annotation]] = []
    for row in sorted(tables.rows("documents"), key=lambda r: r["seq"]):
        document = document_from_row(row)
        if store.has_document(document.id):
            skipped += 1
            continue
        rows = sorted(articles.get(document.id, []), key=lambda r: r["position"])
        found = [_article(r) for r in rows]
        annotations = [_annotation(r, facts) for r in rows if r["model"] is not None]
        stages: list[str] = next((r["stages"].split(",") for r in rows if r["stages"]), [])
        repeated = [
            Article(id=r["article_id"], document_id=document.id, position=r["position"], text="")
            for r in copies.get(document.id, [])
        ]
        store.add_document(document, found, annotations, repeated, stages=stages)
        by_id = {a.article_id: a for a in annotations}
        pending += [(a, by_id[a.id]) for a in found if a.id in by_id]
        stored += 1
        new_articles += len(found)
        new_copies += len(repeated)
        if len(pending) >= LINK_EVERY:
            connector.link(pending)
            pending = []
    if pending:
        connector.link(pending)
    return LoadReport(documents=stored, articles=new_articles, copies=new_copies, skipped=skipped)


class _Tables:
    def __init__(self, root: Path):
        if not (root / "documents").is_dir() or not (root / "articles").is_dir():
            raise InputError(
                str(root),
                "not-a-batch",
                "not a batch output (no documents/ and articles/ tables); "
                "give the --out folder of `rashomon batch`",
            )
        if not (root / DONE).exists():
            raise InputError(
                str(root),
                "unfinished-batch",
                "the batch that wrote this folder did not finish; run the same"
                " `rashomon batch` again (it starts this folder over), then load it",
            )
        self.root = root

    def rows(self, table: str) -> Iterator[dict[str, Any]]:
        import pyarrow.parquet as pq

        folder = self.root / table
        if not folder.is_dir():
            return
        parts = sorted(p for p in folder.glob("*.parquet"))
        for part in parts:
            yield from pq.read_table(part).to_pylist()

    def grouped(self, table: str, key: str) -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in self.rows(table):
            out[row[key]].append(row)
        return out


def _article(row: dict[str, Any]) -> Article:
    return article_from_row(row, row["captions"] or ())


def _annotation(
    row: dict[str, Any], facts: dict[str, dict[str, list[dict[str, Any]]]]
) -> Annotation:
    article_id = row["id"]
    records: dict[str, tuple[Any, ...]] = {}
    for table, cls in ROW_TYPES.items():
        found = facts[table].get(article_id, [])
        records[table] = tuple(
            from_row(cls, r) for r in sorted(found, key=lambda r: (r["start"], r["end"]))
        )
    return Annotation(article_id=article_id, model=row["model"], **records)
