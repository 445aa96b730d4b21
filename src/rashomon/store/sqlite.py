"""The embedded store: one SQLite file in WAL mode. Each document is written in one
transaction with its articles and annotations, so a crash loses at most the document
being written, and a re-run skips what is already stored. A full or failing disk stops
the writing with a ``StoreWriteError`` that says so; what was committed stays.

A store is opened for writing (created if missing, schema brought up to date) or for
reading only (never created or changed; see ``Store``)."""

from __future__ import annotations

import dataclasses
import json
import re
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, TypeVar

from ..errors import NotFoundError, StoreError, StoreWriteError
from ..records import Annotation, Article, Document, Mention, Sentence
from . import like
from .links import LinkTables
from .rows import FACT_TABLES, ROW_TYPES, article_from_row, columns, from_row, to_row
from .schema import MIGRATIONS, SCHEMA_VERSION, tables
from .search import SearchHit, SearchWhat, require_fts5
from .search import search as full_text_search

StoreMode = Literal["read", "write"]
T = TypeVar("T")

BUSY_SECONDS = 10.0  # how long to wait for another process's lock before giving up
_MAGIC = b"SQLite format 3\x00"  # the first bytes of every SQLite database file
# SQLite's primary result codes (an extended code's low byte)
_BUSY, _LOCKED, _READONLY, _IOERR, _FULL, _CANTOPEN = 5, 6, 8, 10, 13, 14
_ADD_COLUMN = re.compile(r"ALTER TABLE (\w+) ADD COLUMN (\w+)", re.IGNORECASE)


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

    def since(self, earlier: StoreCounts) -> StoreCounts:
        """What was added after ``earlier`` was counted."""
        return StoreCounts(
            **{
                f.name: getattr(self, f.name) - getattr(earlier, f.name)
                for f in dataclasses.fields(self)
            }
        )


class Store:
    """A corpus database file, opened for reading or for writing (``mode``).

    ``write`` creates the file when it is missing and brings an older schema up to date
    (under an exclusive lock, so Rashomons opening one new file at once all succeed).
    ``read`` never creates or changes anything: a missing file, a file that is not a
    Rashomon corpus and a corpus of an older schema are refused with what to do, and a
    corpus in a read-only folder is read as it is. Either way a file that is not ours
    (another program's SQLite database) is refused and left untouched.
    """

    def __init__(self, path: str | Path, *, mode: StoreMode = "write"):
        if mode not in ("read", "write"):
            raise ValueError(f"store mode must be 'read' or 'write', not {mode!r}")
        self.path = Path(path)
        self.mode: StoreMode = mode
        self.found_version = 0
        """The schema version of the file as it was opened (before any upgrade)."""
        try:
            self._db = self._open_for_reading() if mode == "read" else self._open_for_writing()
        except sqlite3.DatabaseError as exc:
            if mode == "write" and _code(exc) in (_READONLY, _CANTOPEN):
                raise StoreError(
                    f"{self.path}: cannot open for writing: the file or its folder is "
                    f"read-only ({exc}); the commands that only read still work; to store "
                    "articles, make both writable or pass --db a file elsewhere"
                ) from exc
            raise StoreError(
                f"{self.path}: cannot open as a Rashomon database ({exc}); "
                "pass another file with --db or RASHOMON_DB"
            ) from exc
        self.links = LinkTables(self._db)

    # -- opening -----------------------------------------------------------------

    def _open_for_writing(self) -> sqlite3.Connection:
        if self.path.is_dir():
            raise StoreError(f"{self.path} is a folder; pass a database file with --db")
        if not self.path.parent.is_dir():
            raise StoreError(
                f"cannot create {self.path}: the folder {self.path.parent} does not exist; "
                "create it or pass another file with --db"
            )
        if self.path.is_file() and self.path.stat().st_size:
            self._refuse_unless_sqlite(_header(self.path))
        db = _connect(str(self.path))
        try:
            require_fts5(db, self.path)
            self.found_version = self._check(db)  # before WAL: a foreign file stays as it was
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                _retrying(lambda: _set_wal(db))
            if self.found_version < SCHEMA_VERSION:
                self._migrate(db)
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("PRAGMA foreign_keys=ON")
        except BaseException:
            db.close()
            raise
        return db

    def _migrate(self, db: sqlite3.Connection) -> None:
        """Apply the missing migrations in one exclusive transaction. The version is read
        again under the lock: another process may have upgraded the file meanwhile."""
        _retrying(lambda: db.execute("BEGIN EXCLUSIVE"))
        try:
            self.found_version = self._check(db)
            for number in range(self.found_version, SCHEMA_VERSION):
                for statement in _statements(MIGRATIONS[number]):
                    if not _adds_existing_column(db, statement):
                        db.execute(statement)
            if self.found_version < SCHEMA_VERSION:
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            db.execute("COMMIT")
        except sqlite3.Error as exc:
            _rollback(db)
            raise self._failure(exc, f"upgrade the schema to version {SCHEMA_VERSION}") from exc
        except BaseException:
            _rollback(db)
            raise

    def _open_for_reading(self) -> sqlite3.Connection:
        if not self.path.exists():
            raise StoreError(
                f"no corpus at {self.path}; run `rashomon analyze FILES --db {self.path}` "
                "first, or check the path"
            )
        if self.path.is_dir():
            raise StoreError(f"{self.path} is a folder; pass the corpus database file with --db")
        header = _header(self.path)
        if not header:
            raise StoreError(
                f"{self.path} is empty, not a Rashomon corpus; run `rashomon analyze FILES "
                f"--db {self.path}` to make one there, or check the path"
            )
        wal = Path(f"{self.path}-wal")
        pending = wal.is_file() and wal.stat().st_size > 0  # changes not yet in the file
        self._refuse_unless_sqlite(header)
        if not pending:
            # the file is the whole database: check it through a connection that creates
            # no -wal/-shm files, so a file that is not ours is refused untouched
            with closing(_connect(_read_only_uri(self.path, immutable=True), uri=True)) as peek:
                self._check(peek)
        db = _connect(_read_only_uri(self.path, immutable=False), uri=True)
        try:
            try:
                db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlite3.OperationalError as exc:
                if _code(exc) not in (_READONLY, _CANTOPEN):
                    raise
                # SQLite cannot add the -shm file it reads a WAL database with: the folder
                # is read-only. Nothing can be writing here, so read the file as it is.
                db.close()
                if pending:
                    raise StoreError(
                        f"{self.path}: {wal.name} holds changes not yet in {self.path.name}, "
                        "and SQLite cannot read them in this read-only folder; open the "
                        f"corpus once where it can be written (`rashomon upgrade --db "
                        f"{self.path}`), or copy {self.path.name} and {wal.name} to a "
                        "writable folder"
                    ) from exc
                db = _connect(_read_only_uri(self.path, immutable=True), uri=True)
            require_fts5(db, self.path)
            self.found_version = self._check(db)
        except BaseException:
            db.close()
            raise
        return db

    def _check(self, db: sqlite3.Connection) -> int:
        """The file's schema version, once it is known to be ours and usable in this
        mode. Read in one statement, so one snapshot, while another process may be
        upgrading the file."""
        version, names = db.execute(
            "SELECT (SELECT user_version FROM pragma_user_version),"
            " (SELECT group_concat(name, char(10)) FROM sqlite_master)"
        ).fetchone()
        found = frozenset(names.split("\n")) if names else frozenset()
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: written by a newer Rashomon (schema {version} > "
                f"{SCHEMA_VERSION}); upgrade Rashomon to read it"
            )
        # version 0 is a new file for writing, when it holds nothing yet
        if (version == 0 and (found or self.mode == "read")) or not tables(version) <= found:
            raise self._foreign(version)
        if self.mode == "read" and version < SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: the corpus was written by an older Rashomon (schema {version}, "
                f"this one reads {SCHEMA_VERSION}); upgrade it once with `rashomon upgrade "
                f"--db {self.path}` (it keeps every article; from Python, open it with "
                'mode="write"), then run this again'
            )
        return int(version)

    def _refuse_unless_sqlite(self, header: bytes) -> None:
        if len(header) < 100 or not header.startswith(_MAGIC):
            raise StoreError(
                f"{self.path} is not a Rashomon corpus (not an SQLite database) and was left "
                "as it was; check the path, or pass another file with --db or RASHOMON_DB"
            )

    def _foreign(self, version: int) -> StoreError:
        claims = f", though it claims schema version {version}" if version else ""
        return StoreError(
            f"{self.path} is not a Rashomon corpus (an SQLite database without Rashomon's "
            f"tables{claims}) and was left as it was; check the path, or pass another file "
            "with --db or RASHOMON_DB"
        )

    def _failure(self, exc: sqlite3.Error, doing: str) -> StoreError:
        """The error to raise when writing fails: a full or failing disk is a
        ``StoreWriteError`` saying what to do; what was committed before stays."""
        code = _code(exc)
        if code == _FULL:
            return StoreWriteError(
                f"{self.path}: the disk is full: cannot {doing} ({exc}). What was stored "
                "before is kept. Free space on that disk and run the same command again "
                "(what is stored is skipped), or pass --db a file on a disk with room",
                reason="full",
            )
        if code == _IOERR:
            return StoreWriteError(
                f"{self.path}: disk I/O error: cannot {doing} ({exc}). What was stored before "
                "is kept. Check the disk (full, failing or gone?) and run the same command "
                "again, or pass --db a file on another disk",
                reason="io",
            )
        if code == _READONLY:
            return StoreError(
                f"{self.path}: cannot {doing}: the file or its folder is read-only ({exc}); "
                "make them writable, or pass --db a file elsewhere"
            )
        return StoreError(f"{self.path}: cannot {doing}: {exc}")

    def require_writing(self, doing: str) -> None:
        """Raise StoreError, saying how to open for writing, unless this store is."""
        if self.mode != "write":
            raise StoreError(
                f"{self.path} is open for reading only, so it cannot {doing}; open it for "
                'writing (rashomon.open(path), or mode="write")'
            )

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
        self.require_writing("link articles")
        with self._transaction("link articles"):
            yield self.links

    @contextmanager
    def _transaction(self, doing: str) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed when the block ends, rolled back if it
        raises; a database error becomes the ``_failure`` saying what ``doing`` was."""
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
            yield db
            db.execute("COMMIT")
        except sqlite3.Error as exc:
            _rollback(db)
            raise self._failure(exc, doing) from exc
        except BaseException:
            _rollback(db)
            raise

    def stages_run(self, article_id: str) -> frozenset[str]:
        """The extraction stages the stored annotation of an article had (none for an
        article stored before stages were recorded, or not annotated)."""
        row = self._db.execute("SELECT stages FROM articles WHERE id = ?", (article_id,)).fetchone()
        return frozenset(row[0].split(",")) if row and row[0] else frozenset()

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
        self.require_writing(f"store {document.where}")
        by_article = {a.article_id: a for a in annotations}
        with self._transaction(f"store {document.where}") as db:
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

    def replace_annotations(self, annotations: Sequence[Annotation], stages: Sequence[str]) -> None:
        """Store new annotations of stored articles (annotated again, with ``stages``) in
        place of what was stored for them, atomically. For articles not linked yet: their
        entity and story links are not touched."""
        self.require_writing("store articles annotated again")
        with self._transaction(f"store {len(annotations)} articles annotated again") as db:
            for annotation in annotations:
                key = annotation.article_id
                for table in ("sentences", "mentions", *FACT_TABLES):
                    db.execute(f"DELETE FROM {table} WHERE article_id = ?", (key,))
                self._insert_annotation(annotation)
                db.execute(
                    "UPDATE articles SET model = ?, stages = ? WHERE id = ?",
                    (annotation.model, ",".join(stages), key),
                )

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
            f"SELECT * FROM articles WHERE id {like.LIKE} ORDER BY id LIMIT 2",
            (like.starting(key),),
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
            clauses.append(f'f."{column}" {like.LIKE}')
            params.append(like.containing(value))
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
    return article_from_row(row, json.loads(row["captions"]))


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


def _connect(target: str, *, uri: bool = False) -> sqlite3.Connection:
    # ``timeout`` sets SQLite's busy timeout as the connection opens, before any statement
    db = sqlite3.connect(
        target, timeout=BUSY_SECONDS, isolation_level=None, check_same_thread=False, uri=uri
    )
    db.row_factory = sqlite3.Row
    return db


def _read_only_uri(path: Path, *, immutable: bool) -> str:
    """A URI that opens ``path`` read-only; ``immutable`` also tells SQLite nothing else
    writes it, so it takes no locks and needs no -shm file."""
    return f"{path.resolve().as_uri()}?mode=ro" + ("&immutable=1" if immutable else "")


def _header(path: Path) -> bytes:
    """The first 100 bytes: an SQLite file's header, with its schema version at 60."""
    try:
        with path.open("rb") as file:
            return file.read(100)
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror}; check the path") from exc


def _code(exc: sqlite3.Error) -> int:
    """SQLite's primary result code for an error (0 when unknown)."""
    return int(getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF


def _retrying(step: Callable[[], T], seconds: float = BUSY_SECONDS) -> T:
    """``step()``, tried again while another connection holds the lock. SQLite's busy
    timeout does not cover every case (changing the journal mode of a new file, a
    lock taken while another process recovers the WAL), so this waits for those too."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            return step()
        except sqlite3.OperationalError as exc:
            if _code(exc) not in (_BUSY, _LOCKED) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _set_wal(db: sqlite3.Connection) -> None:
    mode = db.execute("PRAGMA journal_mode=WAL").fetchone()[0]
    if mode != "wal":
        raise sqlite3.OperationalError(f"cannot switch the journal to WAL (it stays {mode})")


def _rollback(db: sqlite3.Connection) -> None:
    """Roll back the transaction, if a failed statement or COMMIT left one open. A
    rollback that fails too (a failing disk) is not the error to report: the caller
    raises the first one."""
    if db.in_transaction:
        with suppress(sqlite3.Error):
            db.execute("ROLLBACK")


def _adds_existing_column(db: sqlite3.Connection, statement: str) -> bool:
    """True for an ``ALTER TABLE t ADD COLUMN c`` whose column t already has."""
    added = _ADD_COLUMN.match(statement)
    if added is None:
        return False
    return any(row[1] == added[2] for row in db.execute(f'PRAGMA table_info("{added[1]}")'))
