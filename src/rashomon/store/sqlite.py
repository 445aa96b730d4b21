"""The embedded store: one SQLite file in WAL mode. Each document is written in one
transaction with its articles and annotations, so a crash loses at most the document
being written, and a re-run skips what is already stored."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from ..errors import NotFoundError, StoreError
from ..records import Annotation, Article, Document, Mention, Published, Sentence
from .links import LinkTables
from .rows import FACT_TABLES, ROW_TYPES, columns, from_row, to_row
from .schema import MIGRATIONS, SCHEMA_VERSION
from .search import SearchHit, SearchWhat, require_fts5
from .search import search as full_text_search


@dataclass(frozen=True, kw_only=True, slots=True)
class FactQuery:
    """Filters for ``Store.facts``: an article, an outlet, a date range (the event's
    own date when known, else the article's), exact column values and substrings."""

    article_id: str | None = None
    source: str | None = None
    since: str | None = None
    until: str | None = None
    equals: tuple[tuple[str, str], ...] = ()
    contains: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, kw_only=True, slots=True)
class StoreCounts:
    documents: int
    articles: int
    sources: int
    mentions: int
    copies: int
    quotes: int
    events: int


class Store:
    """A corpus database file."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.execute("PRAGMA busy_timeout=10000")
            require_fts5(self._db, self.path)
            self._migrate()
            self.links = LinkTables(self._db)
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"{self.path}: cannot open as a Rashomon database ({exc}); "
                "pass another file with --db or RASHOMON_DB"
            ) from exc

    def _migrate(self) -> None:
        version = int(self._db.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: written by a newer Rashomon (schema {version} > {SCHEMA_VERSION}); "
                "upgrade Rashomon to read it"
            )
        for number in range(version, SCHEMA_VERSION):
            self._db.execute("BEGIN IMMEDIATE")
            try:
                for statement in _statements(MIGRATIONS[number]):
                    self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version = {number + 1}")
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------

    @contextmanager
    def linking(self) -> Iterator[LinkTables]:
        """One transaction over the corpus-level tables (entities, stories, incidents)."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self.links
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._db.execute("ROLLBACK")
            raise StoreError(f"{self.path}: cannot link articles: {exc}") from exc
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def has_document(self, document_id: str) -> bool:
        row = self._db.execute("SELECT 1 FROM documents WHERE id = ?", (document_id,)).fetchone()
        return row is not None

    def stored_articles(self, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(f"SELECT id FROM articles WHERE id IN ({marks})", chunk)
            found.update(row[0] for row in rows)
        return found

    def add_document(
        self,
        document: Document,
        articles: Sequence[Article],
        annotations: Sequence[Annotation],
        copies: Sequence[Article] = (),
        stages: Sequence[str] = (),
    ) -> None:
        """Store a document, its new articles with their annotations, and the articles
        it repeats (``copies``, already stored from another document), atomically."""
        by_article = {a.article_id: a for a in annotations}
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
            db.execute(
                "INSERT OR IGNORE INTO documents VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    document.id,
                    document.origin,
                    document.line,
                    document.media_type,
                    document.encoding,
                    document.size,
                    datetime.now(UTC).isoformat(timespec="seconds"),
                ),
            )
            for article in articles:
                annotation = by_article.get(article.id)
                row = article.to_dict()
                db.execute(
                    "INSERT INTO articles (id, document_id, position, title, source, published,"
                    " published_precision, published_evidence, url, language, captions, text,"
                    " model, stages) VALUES (:id, :document_id, :position, :title, :source,"
                    " :published, :published_precision, :published_evidence, :url, :language,"
                    " :captions, :text, :model, :stages)",
                    {
                        **row,
                        "captions": json.dumps(row["captions"], ensure_ascii=False),
                        "model": annotation.model if annotation else None,
                        "stages": ",".join(stages) if annotation else None,
                    },
                )
                if annotation:
                    self._insert_annotation(annotation)
            db.executemany(
                "INSERT OR IGNORE INTO article_copies VALUES (?, ?, ?)",
                [(c.id, document.id, c.position) for c in copies],
            )
            db.execute("COMMIT")
        except sqlite3.Error as exc:
            db.execute("ROLLBACK")
            raise StoreError(f"{self.path}: cannot store {document.where}: {exc}") from exc
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def _insert_annotation(self, annotation: Annotation) -> None:
        for table in ("sentences", "mentions", *FACT_TABLES):
            records = getattr(annotation, table)
            if not records:
                continue
            names = list(columns(ROW_TYPES[table]))
            quoted = ", ".join(f'"{n}"' for n in names)
            marks = ", ".join(f":{n}" for n in names)
            self._db.executemany(
                f"INSERT OR IGNORE INTO {table} ({quoted}) VALUES ({marks})",
                [_sql_values(to_row(r)) for r in records],
            )

    # -- reading ---------------------------------------------------------------

    def counts(self) -> StoreCounts:
        one = self._db.execute(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM articles),"
            " (SELECT count(DISTINCT source) FROM articles), (SELECT count(*) FROM mentions),"
            " (SELECT count(*) FROM article_copies), (SELECT count(*) FROM quotes),"
            " (SELECT count(*) FROM events)"
        ).fetchone()
        return StoreCounts(
            documents=one[0],
            articles=one[1],
            sources=one[2],
            mentions=one[3],
            copies=one[4],
            quotes=one[5],
            events=one[6],
        )

    def articles(self, *, source: str | None = None, limit: int | None = None) -> Iterator[Article]:
        sql = "SELECT * FROM articles"
        params: list[Any] = []
        if source:
            sql += " WHERE source = ? COLLATE NOCASE"
            params.append(source)
        sql += " ORDER BY published IS NULL, published, source, title, id"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        for row in self._db.execute(sql, params):
            yield _article(row)

    def article(self, key: str) -> Article:
        """The article with this id, or with an id starting with ``key`` (when unique)."""
        rows = self._db.execute(
            "SELECT * FROM articles WHERE id LIKE ? ORDER BY id LIMIT 2",
            (key.replace("%", "") + "%",),
        ).fetchall()
        if not rows or len(key) < 4:
            raise NotFoundError(f"no article with id {key!r}; `rashomon articles` lists the ids")
        if len(rows) > 1 and rows[0]["id"] != key:
            raise NotFoundError(f"article id prefix {key!r} is ambiguous; give more characters")
        return _article(rows[0])

    def mentions(
        self, *, article_id: str | None = None, label: str | None = None
    ) -> Iterator[Mention]:
        sql = 'SELECT article_id, start, "end", label, text FROM mentions'
        clauses, params = [], []
        if article_id:
            clauses.append("article_id = ?")
            params.append(article_id)
        if label:
            clauses.append("label = ?")
            params.append(label.upper())
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += " ORDER BY article_id, start"
        for row in self._db.execute(sql, params):
            yield Mention(article_id=row[0], start=row[1], end=row[2], label=row[3], text=row[4])

    def facts(self, table: str, query: FactQuery | None = None) -> list[Any]:
        """Records of one kind (quotes, quantities, times, events), filtered."""
        if table not in FACT_TABLES:
            raise ValueError(f"no such fact table: {table}")
        q = query or FactQuery()
        clauses: list[str] = []
        params: list[Any] = []
        if q.article_id:
            clauses.append("f.article_id = ?")
            params.append(q.article_id)
        if q.source:
            clauses.append("a.source = ? COLLATE NOCASE")
            params.append(q.source)
        date_column = "COALESCE(f.date, a.published)" if table == "events" else "a.published"
        if q.since:
            clauses.append(f"{date_column} >= ?")
            params.append(q.since)
        if q.until:
            clauses.append(f"{date_column} <= ?")
            params.append(q.until)
        for column, value in q.equals:
            clauses.append(f'f."{column}" = ? COLLATE NOCASE')
            params.append(value)
        for column, value in q.contains:
            clauses.append(f'f."{column}" LIKE ?')
            params.append(f"%{value}%")
        sql = f"SELECT f.* FROM {table} f JOIN articles a ON a.id = f.article_id"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += " ORDER BY a.published IS NULL, a.published, f.article_id, f.start"
        cls = FACT_TABLES[table]
        return [from_row(cls, dict(row)) for row in self._db.execute(sql, params)]

    def outlets(self) -> dict[str, tuple[str | None, str | None]]:
        """Article id -> (outlet, ISO publication date), without loading the texts."""
        rows = self._db.execute("SELECT id, source, published FROM articles")
        return {row[0]: (row[1], row[2]) for row in rows}

    def model_of(self, article_id: str) -> str | None:
        row = self._db.execute("SELECT model FROM articles WHERE id = ?", (article_id,)).fetchone()
        return str(row[0]) if row and row[0] else None

    def sentences(self, article_id: str) -> list[Sentence]:
        rows = self._db.execute(
            'SELECT article_id, start, "end" FROM sentences WHERE article_id = ? ORDER BY start',
            (article_id,),
        )
        return [Sentence(article_id=r[0], start=r[1], end=r[2]) for r in rows]

    def origins(self, article_id: str) -> list[str]:
        """Where an article was read from: its document and every copy's."""
        rows = self._db.execute(
            "SELECT d.origin, d.line FROM articles a JOIN documents d ON d.id = a.document_id"
            " WHERE a.id = ? UNION ALL"
            " SELECT d.origin, d.line FROM article_copies c"
            " JOIN documents d ON d.id = c.document_id"
            " WHERE c.article_id = ?",
            (article_id, article_id),
        )
        return [f"{r[0]}:{r[1]}" if r[1] is not None else r[0] for r in rows]

    def search(
        self,
        query: str,
        *,
        what: SearchWhat = "all",
        source: str | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> list[SearchHit]:
        """Full-text search over articles and quotes, best first (see ``store.search``)."""
        return full_text_search(
            self._db, query, what=what, source=source, limit=limit, offset=offset
        )


def _article(row: sqlite3.Row) -> Article:
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
        captions=tuple(json.loads(row["captions"])),
        language=row["language"],
    )


def _sql_values(row: dict[str, Any]) -> dict[str, Any]:
    return {
        k: json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v for k, v in row.items()
    }


def _statements(script: str) -> list[str]:
    statements, buffer = [], ""
    for line in script.splitlines():
        buffer += line.split("--", 1)[0] + "\n"
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    return [s for s in statements if s]
