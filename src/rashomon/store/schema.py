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
    # 2: extracted facts (quotes, quantities, times, events); which stages ran per article
    """
    ALTER TABLE articles ADD COLUMN stages TEXT;
    CREATE TABLE quotes (
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
    CREATE TABLE quantities (
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
    CREATE TABLE times (
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
    CREATE TABLE events (
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
    CREATE INDEX quotes_speaker ON quotes(speaker);
    CREATE INDEX quantities_category ON quantities(category);
    CREATE INDEX events_type ON events(plover_type);
    CREATE INDEX events_date ON events(date);
    """,
    # 3: entities linked across articles, geocoded places, stories, incidents
    """
    CREATE TABLE entities (             -- one real actor or place across the corpus
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,             -- its fullest name
        label TEXT NOT NULL,
        key TEXT NOT NULL               -- rashomon.resolve.names.name_key(name)
    );
    CREATE TABLE entity_names (         -- every spelling seen, for linking new articles
        entity_id INTEGER NOT NULL REFERENCES entities(id),
        name TEXT NOT NULL,
        key TEXT NOT NULL,
        last_key TEXT NOT NULL,         -- key of the last word (a person's surname)
        words INTEGER NOT NULL,
        PRIMARY KEY (entity_id, name)
    );
    CREATE INDEX entity_names_key ON entity_names(key);
    CREATE INDEX entity_names_last ON entity_names(last_key);
    CREATE TABLE entity_mentions (
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
    CREATE INDEX entity_mentions_entity ON entity_mentions(entity_id);
    CREATE TABLE places (
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
    CREATE INDEX places_country ON places(place_country);
    CREATE TABLE story_features (       -- what story clustering read from each article
        article_id TEXT PRIMARY KEY REFERENCES articles(id),
        features TEXT NOT NULL          -- JSON of rashomon.cluster StoryFeatures
    );
    CREATE TABLE story_members (
        article_id TEXT PRIMARY KEY REFERENCES articles(id),
        story_id TEXT NOT NULL,
        duplicate_of TEXT,              -- a near-duplicate or syndicated copy of this article
        score REAL,
        position INTEGER NOT NULL       -- order of arrival, to restore the index
    );
    CREATE INDEX story_members_story ON story_members(story_id);
    CREATE INDEX story_members_position ON story_members(position);
    CREATE TABLE incidents (            -- one real incident: the events that report it
        article_id TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        incident_id TEXT NOT NULL,
        story_id TEXT NOT NULL,
        PRIMARY KEY (article_id, start, "end")
    );
    CREATE INDEX incidents_incident ON incidents(incident_id);
    CREATE INDEX incidents_story ON incidents(story_id);
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
