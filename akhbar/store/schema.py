"""The store's tables (SQLite), created once per file and versioned."""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = 1

TABLES = """
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,             -- the input's id (JSONL `id`, a file's stem)
    seq INTEGER NOT NULL UNIQUE,     -- ingest order
    body TEXT NOT NULL,
    title TEXT,
    date TEXT,                       -- ISO YYYY-MM-DD
    source TEXT,
    url TEXT,
    path TEXT,
    removed TEXT NOT NULL,           -- JSON [{"text", "reason"}]
    exact_key TEXT NOT NULL,
    content_hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_time ON articles (date, id);
CREATE TABLE IF NOT EXISTS sketches (
    article TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    signature BLOB NOT NULL,         -- MinHash values, uint64 little-endian
    shingles BLOB NOT NULL           -- sorted shingle hashes, uint64 little-endian
);
CREATE TABLE IF NOT EXISTS duplicates (
    article TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    original TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('exact', 'near')),
    similarity REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS duplicates_original ON duplicates (original);
CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    start TEXT,
    "end" TEXT,
    outlets TEXT NOT NULL,           -- JSON list
    position INTEGER NOT NULL        -- the order the stories stage gave
);
CREATE TABLE IF NOT EXISTS story_articles (
    story TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    article TEXT NOT NULL UNIQUE REFERENCES articles (id) ON DELETE CASCADE,  -- one story per article
    position INTEGER NOT NULL,
    PRIMARY KEY (story, article)
);
CREATE TABLE IF NOT EXISTS boilerplate (
    outlet TEXT NOT NULL,
    line TEXT NOT NULL,              -- match-normalized sentence
    count INTEGER NOT NULL,          -- articles of the outlet that hold it
    PRIMARY KEY (outlet, line)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS outlet_articles (
    outlet TEXT PRIMARY KEY,
    count INTEGER NOT NULL           -- articles counted for boilerplate (copies are not)
);
"""

# Contentless full-text index over the light stems of the match-normalized title and body; its rowid is
# articles.seq.
FTS_TABLE = """
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5 (title, body, content='', tokenize='unicode61')
"""


def has_fts5() -> bool:
    """Whether this Python's sqlite3 was built with FTS5."""
    probe = sqlite3.connect(":memory:")
    try:
        probe.execute("CREATE VIRTUAL TABLE probe USING fts5 (x)")
    except sqlite3.OperationalError:
        return False
    finally:
        probe.close()
    return True
