"""The database schema, as numbered migrations. ``PRAGMA user_version`` holds the
number of migrations applied; opening a store for writing applies the missing ones in
order, in one exclusive transaction (``Store``).

Every migration can run again over its own result without harm (``IF NOT EXISTS``,
``INSERT OR IGNORE``; the store skips an ``ADD COLUMN`` whose column exists), so two
Rashomons upgrading one file at once, or a file upgraded part way by hand, end the same.

``tables(version)`` is what a file at that version must hold: a file that claims a
version but lacks its tables is not a Rashomon corpus and is left alone.
"""

from __future__ import annotations

import re

MIGRATIONS: tuple[str, ...] = (
    # 1: documents, articles (with copies found in other documents), sentences, mentions
    """
    CREATE TABLE IF NOT EXISTS documents (
        id TEXT PRIMARY KEY,            -- sha256 of the input bytes
        origin TEXT NOT NULL,           -- file path (and line, for JSONL)
        line INTEGER,
        media_type TEXT NOT NULL,
        encoding TEXT NOT NULL,
        size INTEGER NOT NULL,
        ingested_at TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS articles (
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
    CREATE INDEX IF NOT EXISTS articles_source ON articles(source);
    CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
    CREATE TABLE IF NOT EXISTS article_copies (   -- the same article again, in another document
        article_id TEXT NOT NULL REFERENCES articles(id),
        document_id TEXT NOT NULL REFERENCES documents(id),
        position INTEGER NOT NULL,
        PRIMARY KEY (article_id, document_id, position)
    );
    CREATE TABLE IF NOT EXISTS sentences (
        article_id TEXT NOT NULL REFERENCES articles(id),
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        PRIMARY KEY (article_id, start)
    );
    CREATE TABLE IF NOT EXISTS mentions (
        article_id TEXT NOT NULL REFERENCES articles(id),
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        label TEXT NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (article_id, start, "end", label)
    );
    CREATE INDEX IF NOT EXISTS mentions_text ON mentions(text);
    CREATE INDEX IF NOT EXISTS mentions_label ON mentions(label);
    """,
    # 2: extracted facts (quotes, quantities, times, events); which stages ran per article
    """
    ALTER TABLE articles ADD COLUMN stages TEXT;
    CREATE TABLE IF NOT EXISTS quotes (
        article_id TEXT NOT NULL REFERENCES articles(id),
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT,
        kind TEXT,
        speaker TEXT,
        speaker_ref TEXT,
        speaker_ref_start INTEGER,
        speaker_ref_end INTEGER,
        cue TEXT,
        cue_start INTEGER,
        cue_end INTEGER,
        medium TEXT,
        medium_start INTEGER,
        medium_end INTEGER,
        PRIMARY KEY (article_id, start, "end")
    );
    CREATE TABLE IF NOT EXISTS quantities (
        article_id TEXT NOT NULL REFERENCES articles(id),
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT,
        value REAL,
        low REAL,
        high REAL,
        qualifier TEXT,
        counted TEXT,
        category TEXT,
        unit TEXT,
        PRIMARY KEY (article_id, start, "end")
    );
    CREATE TABLE IF NOT EXISTS times (
        article_id TEXT NOT NULL REFERENCES articles(id),
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT,
        type TEXT,
        value TEXT,
        granularity TEXT,
        anchor TEXT,
        resolved INTEGER,
        mod TEXT,
        PRIMARY KEY (article_id, start, "end")
    );
    CREATE TABLE IF NOT EXISTS events (
        article_id TEXT NOT NULL REFERENCES articles(id),
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        trigger TEXT,
        sentence TEXT,
        sentence_start INTEGER,
        sentence_end INTEGER,
        plover_type TEXT,
        plover_mode TEXT,
        acled_type TEXT,
        acled_subtype TEXT,
        modality TEXT,
        actor TEXT,
        actor_start INTEGER,
        actor_end INTEGER,
        target TEXT,
        target_start INTEGER,
        target_end INTEGER,
        location TEXT,
        location_start INTEGER,
        location_end INTEGER,
        time TEXT,
        time_start INTEGER,
        time_end INTEGER,
        date TEXT,
        fatalities INTEGER,
        fatalities_ref TEXT,
        fatalities_ref_start INTEGER,
        fatalities_ref_end INTEGER,
        injured INTEGER,
        injured_ref TEXT,
        injured_ref_start INTEGER,
        injured_ref_end INTEGER,
        confidence REAL,
        PRIMARY KEY (article_id, start, "end")
    );
    CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker);
    CREATE INDEX IF NOT EXISTS quantities_category ON quantities(category);
    CREATE INDEX IF NOT EXISTS events_type ON events(plover_type);
    CREATE INDEX IF NOT EXISTS events_date ON events(date);
    """,
    # 3: entities linked across articles, geocoded places, stories, incidents
    """
    CREATE TABLE IF NOT EXISTS entities (         -- one real actor or place across the corpus
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,             -- its fullest name
        label TEXT NOT NULL,
        key TEXT NOT NULL               -- rashomon.resolve.names.name_key(name)
    );
    CREATE TABLE IF NOT EXISTS entity_names (     -- every spelling seen, for linking new articles
        entity_id INTEGER NOT NULL REFERENCES entities(id),
        name TEXT NOT NULL,
        key TEXT NOT NULL,
        last_key TEXT NOT NULL,         -- key of the last word (a person's surname)
        words INTEGER NOT NULL,
        PRIMARY KEY (entity_id, name)
    );
    CREATE INDEX IF NOT EXISTS entity_names_key ON entity_names(key);
    CREATE INDEX IF NOT EXISTS entity_names_last ON entity_names(last_key);
    CREATE TABLE IF NOT EXISTS entity_mentions (
        article_id TEXT NOT NULL REFERENCES articles(id),
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT,
        label TEXT,
        name TEXT,                      -- the chain's name within the article
        how TEXT,                       -- name|short|acronym|alias|metonym|demonym|role
        entity_id INTEGER REFERENCES entities(id),
        PRIMARY KEY (article_id, start, "end")
    );
    CREATE INDEX IF NOT EXISTS entity_mentions_entity ON entity_mentions(entity_id);
    CREATE TABLE IF NOT EXISTS places (
        article_id TEXT NOT NULL REFERENCES articles(id),
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT,
        place_name TEXT,
        place_lat REAL,
        place_lon REAL,
        place_country TEXT,
        place_country_name TEXT,
        place_admin1 TEXT,
        place_precision TEXT,           -- exact|district|region|country
        place_geonames_id INTEGER,
        place_note TEXT,
        PRIMARY KEY (article_id, start, "end")
    );
    CREATE INDEX IF NOT EXISTS places_country ON places(place_country);
    CREATE TABLE IF NOT EXISTS story_features (   -- what story clustering read from each article
        article_id TEXT PRIMARY KEY REFERENCES articles(id),
        features TEXT NOT NULL          -- JSON of rashomon.cluster StoryFeatures
    );
    CREATE TABLE IF NOT EXISTS story_members (
        article_id TEXT PRIMARY KEY REFERENCES articles(id),
        story_id TEXT NOT NULL,
        duplicate_of TEXT,              -- a near-duplicate or syndicated copy of this article
        score REAL,
        position INTEGER NOT NULL       -- order of arrival, to restore the index
    );
    CREATE INDEX IF NOT EXISTS story_members_story ON story_members(story_id);
    CREATE INDEX IF NOT EXISTS story_members_position ON story_members(position);
    CREATE TABLE IF NOT EXISTS incidents (        -- one real incident: the events that report it
        article_id TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        incident_id TEXT NOT NULL,
        story_id TEXT NOT NULL,
        PRIMARY KEY (article_id, start, "end")
    );
    CREATE INDEX IF NOT EXISTS incidents_incident ON incidents(incident_id);
    CREATE INDEX IF NOT EXISTS incidents_story ON incidents(story_id);
    """,
    # 4: full-text search (FTS5) over articles (title, text, outlet) and quotes (text,
    # speaker). External-content indexes: the text is not stored twice. FTS5 needs an
    # integer key that never changes, and the implicit rowid of articles and quotes may
    # be renumbered by VACUUM, so each index is keyed by its own INTEGER PRIMARY KEY
    # table and reads its content through a view. Triggers keep the indexes current
    # whoever writes the rows; 'rebuild' indexes the rows stored before this migration.
    """
    CREATE TABLE IF NOT EXISTS article_search_ids (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL UNIQUE
    );
    CREATE VIEW IF NOT EXISTS article_search_content AS
        SELECT k.id AS id, a.title AS title, a.text AS text, a.source AS source
        FROM article_search_ids k JOIN articles a ON a.id = k.article_id;
    CREATE VIRTUAL TABLE IF NOT EXISTS article_search USING fts5(
        title, text, source,
        content='article_search_content', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER IF NOT EXISTS article_search_insert AFTER INSERT ON articles BEGIN
        INSERT INTO article_search_ids (article_id) VALUES (NEW.id);
        INSERT INTO article_search (rowid, title, text, source)
            SELECT id, NEW.title, NEW.text, NEW.source
            FROM article_search_ids WHERE article_id = NEW.id;
    END;
    CREATE TRIGGER IF NOT EXISTS article_search_delete AFTER DELETE ON articles BEGIN
        INSERT INTO article_search (article_search, rowid, title, text, source)
            SELECT 'delete', id, OLD.title, OLD.text, OLD.source
            FROM article_search_ids WHERE article_id = OLD.id;
        DELETE FROM article_search_ids WHERE article_id = OLD.id;
    END;
    CREATE TRIGGER IF NOT EXISTS article_search_update
    AFTER UPDATE OF id, title, text, source ON articles
    BEGIN
        INSERT INTO article_search (article_search, rowid, title, text, source)
            SELECT 'delete', id, OLD.title, OLD.text, OLD.source
            FROM article_search_ids WHERE article_id = OLD.id;
        UPDATE article_search_ids SET article_id = NEW.id WHERE article_id = OLD.id;
        INSERT INTO article_search (rowid, title, text, source)
            SELECT id, NEW.title, NEW.text, NEW.source
            FROM article_search_ids WHERE article_id = NEW.id;
    END;
    CREATE TABLE IF NOT EXISTS quote_search_ids (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        UNIQUE (article_id, start, "end")
    );
    CREATE VIEW IF NOT EXISTS quote_search_content AS
        SELECT k.id AS id, q.text AS text, q.speaker AS speaker
        FROM quote_search_ids k
        JOIN quotes q ON q.article_id = k.article_id AND q.start = k.start AND q."end" = k."end";
    CREATE VIRTUAL TABLE IF NOT EXISTS quote_search USING fts5(
        text, speaker,
        content='quote_search_content', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER IF NOT EXISTS quote_search_insert AFTER INSERT ON quotes BEGIN
        INSERT INTO quote_search_ids (article_id, start, "end")
            VALUES (NEW.article_id, NEW.start, NEW."end");
        INSERT INTO quote_search (rowid, text, speaker)
            SELECT id, NEW.text, NEW.speaker FROM quote_search_ids
            WHERE article_id = NEW.article_id AND start = NEW.start AND "end" = NEW."end";
    END;
    CREATE TRIGGER IF NOT EXISTS quote_search_delete AFTER DELETE ON quotes BEGIN
        INSERT INTO quote_search (quote_search, rowid, text, speaker)
            SELECT 'delete', id, OLD.text, OLD.speaker FROM quote_search_ids
            WHERE article_id = OLD.article_id AND start = OLD.start AND "end" = OLD."end";
        DELETE FROM quote_search_ids
            WHERE article_id = OLD.article_id AND start = OLD.start AND "end" = OLD."end";
    END;
    CREATE TRIGGER IF NOT EXISTS quote_search_update
    AFTER UPDATE OF article_id, start, "end", text, speaker ON quotes BEGIN
        INSERT INTO quote_search (quote_search, rowid, text, speaker)
            SELECT 'delete', id, OLD.text, OLD.speaker FROM quote_search_ids
            WHERE article_id = OLD.article_id AND start = OLD.start AND "end" = OLD."end";
        UPDATE quote_search_ids SET article_id = NEW.article_id, start = NEW.start,
            "end" = NEW."end"
            WHERE article_id = OLD.article_id AND start = OLD.start AND "end" = OLD."end";
        INSERT INTO quote_search (rowid, text, speaker)
            SELECT id, NEW.text, NEW.speaker FROM quote_search_ids
            WHERE article_id = NEW.article_id AND start = NEW.start AND "end" = NEW."end";
    END;
    INSERT OR IGNORE INTO article_search_ids (article_id) SELECT id FROM articles ORDER BY rowid;
    INSERT INTO article_search (article_search) VALUES ('rebuild');
    INSERT OR IGNORE INTO quote_search_ids (article_id, start, "end")
        SELECT article_id, start, "end" FROM quotes ORDER BY rowid;
    INSERT INTO quote_search (quote_search) VALUES ('rebuild');
    """,
    # 5: the period a number sums up ("killed 5 million people between 1997 and 2003") and
    # the days a period up to the time of writing covers ("the past year")
    """
    ALTER TABLE quantities ADD COLUMN period TEXT;
    ALTER TABLE quantities ADD COLUMN period_start INTEGER;
    ALTER TABLE quantities ADD COLUMN period_end INTEGER;
    ALTER TABLE times ADD COLUMN begins TEXT;
    ALTER TABLE times ADD COLUMN ends TEXT;
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)

_CREATE_TABLE = re.compile(r"CREATE (?:VIRTUAL )?TABLE IF NOT EXISTS (\w+)")


def tables(version: int) -> frozenset[str]:
    """The tables the first ``version`` migrations create."""
    return frozenset(
        name for script in MIGRATIONS[:version] for name in _CREATE_TABLE.findall(script)
    )
