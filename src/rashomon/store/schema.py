"""The database schema, as numbered migrations. ``PRAGMA user_version`` holds the
number of migrations applied; opening a store applies the missing ones in order."""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: documents, articles (with copies found in other documents), sentences, mentions
    """
    CREATE TABLE documents (
        id TEXT PRIMARY KEY,            -- sha256 of the input bytes
        origin TEXT NOT NULL,           -- file path (and line, for JSONL)
        line INTEGER,
        media_type TEXT NOT NULL,
        encoding TEXT NOT NULL,
        size INTEGER NOT NULL,
        ingested_at TEXT NOT NULL
    );
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,            -- hash of the normalized clean text
        document_id TEXT NOT NULL REFERENCES documents(id),
        position INTEGER NOT NULL,      -- index of the article within its document
        title TEXT,
        source TEXT,
        published TEXT,                 -- ISO date
        published_precision TEXT,
        published_evidence TEXT,
        url TEXT,
        language TEXT NOT NULL,
        captions TEXT NOT NULL,         -- JSON list
        text TEXT NOT NULL,
        model TEXT                      -- the NLP model that annotated it (NULL: not annotated)
    );
    CREATE INDEX articles_source ON articles(source);
    CREATE INDEX articles_published ON articles(published);
    CREATE TABLE article_copies (       -- the same article found again in another document
        article_id TEXT NOT NULL REFERENCES articles(id),
        document_id TEXT NOT NULL REFERENCES documents(id),
        position INTEGER NOT NULL,
        PRIMARY KEY (article_id, document_id, position)
    );
    CREATE TABLE sentences (
        article_id TEXT NOT NULL REFERENCES articles(id),
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        PRIMARY KEY (article_id, start)
    );
    CREATE TABLE mentions (
        article_id TEXT NOT NULL REFERENCES articles(id),
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        label TEXT NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (article_id, start, "end", label)
    );
    CREATE INDEX mentions_text ON mentions(text);
    CREATE INDEX mentions_label ON mentions(label);
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
