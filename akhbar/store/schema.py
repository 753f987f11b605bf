"""The store's tables (SQLite), created once per file and versioned; a version-1 file is migrated in place.

Version 2 adds what stories over time need (ARCHITECTURE.md, "Stories over time: the story tables"):
article revisions and feed provenance, story ids that outlive re-clustering (``merged_into``), the
clustering state the fold resumes from, cached reports with the revision they were built from, a change
log, storylines and the feeds' polling state. Version 3 adds the duplicate index's tables (DEDUP_TABLES).
Version 4 keeps a storyline's fold counters as columns of ``storyline_state`` (MIGRATE_3_TO_4).
"""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = 4  # 3: the duplicate index's tables (DEDUP_TABLES, below); 4: storyline_state's counters

TABLES = """
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,             -- the input's id (JSONL `id`, a file's stem, a feed entry's guid or link)
    seq INTEGER NOT NULL UNIQUE,     -- ingest order
    body TEXT NOT NULL,
    title TEXT,
    date TEXT,                       -- ISO YYYY-MM-DD
    source TEXT,
    url TEXT,
    path TEXT,
    removed TEXT NOT NULL,           -- JSON [{"text", "reason"}]
    exact_key TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,  -- moves when a changed text replaces the stored one
    guid TEXT,                       -- a feed entry's guid (Atom id)
    canonical_url TEXT,
    feed TEXT,                       -- the feed url it came from
    fetched_at TEXT                  -- ISO timestamp
);
CREATE INDEX IF NOT EXISTS articles_time ON articles (date, id);
CREATE TABLE IF NOT EXISTS article_revisions (
    article TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    revision INTEGER NOT NULL,       -- the revision that was replaced
    content_hash TEXT NOT NULL,
    replaced_at TEXT NOT NULL,
    PRIMARY KEY (article, revision)
) WITHOUT ROWID;
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
    id TEXT PRIMARY KEY,             -- minted once (story-<opening article>), never reused
    title TEXT NOT NULL,
    start TEXT,
    "end" TEXT,
    outlets TEXT NOT NULL,           -- JSON list
    size INTEGER NOT NULL,           -- articles (0 once merged)
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    revision INTEGER NOT NULL,       -- moves with its members, title or an article's text
    merged_into TEXT REFERENCES stories (id),  -- a live story (chains are flattened); NULL while live
    storyline TEXT
);
CREATE INDEX IF NOT EXISTS stories_updated ON stories (updated_at);
CREATE INDEX IF NOT EXISTS stories_end ON stories ("end");
CREATE INDEX IF NOT EXISTS stories_merged ON stories (merged_into);
CREATE TABLE IF NOT EXISTS story_articles (
    story TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    article TEXT NOT NULL UNIQUE REFERENCES articles (id) ON DELETE CASCADE,  -- one story per article
    position INTEGER NOT NULL,       -- time order within the story
    PRIMARY KEY (story, article)
);
CREATE TABLE IF NOT EXISTS story_state (
    story TEXT PRIMARY KEY REFERENCES stories (id) ON DELETE CASCADE,
    centroid TEXT NOT NULL,          -- JSON {term: summed weight}
    norm2 REAL NOT NULL,
    first_day INTEGER,               -- proleptic ordinals
    last_day INTEGER,
    opened INTEGER NOT NULL          -- the order stories opened in (the fold's tie-breaks)
);
CREATE INDEX IF NOT EXISTS story_state_last ON story_state (last_day);
CREATE TABLE IF NOT EXISTS story_postings (
    term TEXT NOT NULL,
    story TEXT NOT NULL,             -- may name a merged story: read through its merged_into
    touched INTEGER NOT NULL,        -- newest first under the posting cap
    PRIMARY KEY (term, story)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS story_postings_touched ON story_postings (term, touched);
CREATE TABLE IF NOT EXISTS cluster_terms (
    term TEXT PRIMARY KEY,
    df INTEGER NOT NULL              -- articles folded so far that hold the term
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS storylines (
    id TEXT PRIMARY KEY,             -- line-<id of its first story>
    title TEXT NOT NULL,
    start TEXT,
    "end" TEXT,
    outlets TEXT NOT NULL,
    size INTEGER NOT NULL,           -- stories
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    revision INTEGER NOT NULL,
    merged_into TEXT REFERENCES storylines (id)
);
CREATE TABLE IF NOT EXISTS storyline_state (
    storyline TEXT PRIMARY KEY REFERENCES storylines (id) ON DELETE CASCADE,
    state TEXT NOT NULL,             -- JSON {"centroid", "embedded"?}: parsed only for a storyline a fold scores
    first_day INTEGER,
    last_day INTEGER,
    opened INTEGER NOT NULL DEFAULT 0,   -- version 4: the fold's counters, read without parsing `state`
    touched INTEGER NOT NULL DEFAULT 0,
    size INTEGER NOT NULL DEFAULT 0,
    norm2 REAL NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS story_reports (
    story TEXT PRIMARY KEY REFERENCES stories (id) ON DELETE CASCADE,
    revision INTEGER NOT NULL,       -- the story revision it was built from
    report TEXT NOT NULL,            -- JSON, zlib-compressed (a BLOB; older files: the JSON text)
    built_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('story', 'storyline', 'article')),
    id TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('created', 'grown', 'revised', 'retitled', 'merged')),
    "into" TEXT
);
CREATE TABLE IF NOT EXISTS feeds (
    url TEXT PRIMARY KEY,
    outlet TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT,
    checked_at TEXT,
    next_at TEXT,
    failures INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
);
CREATE TABLE IF NOT EXISTS boilerplate (
    outlet TEXT NOT NULL,
    line TEXT NOT NULL,              -- match-normalized sentence
    count INTEGER NOT NULL,          -- articles of the outlet that hold it
    PRIMARY KEY (outlet, line)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS boilerplate_count ON boilerplate (count);
CREATE TABLE IF NOT EXISTS outlet_articles (
    outlet TEXT PRIMARY KEY,
    count INTEGER NOT NULL           -- articles counted for boilerplate (copies are not)
);
"""

# Made after the migration has added the columns they index.
INDEXES = """
CREATE UNIQUE INDEX IF NOT EXISTS articles_guid ON articles (guid) WHERE guid IS NOT NULL;
CREATE INDEX IF NOT EXISTS articles_canonical ON articles (canonical_url) WHERE canonical_url IS NOT NULL
"""

# Contentless full-text index over the light stems of the match-normalized title and body; its rowid is
# articles.seq.
FTS_TABLE = """
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5 (title, body, content='', tokenize='unicode61')
"""

# Version 1 -> 2, inside one transaction with foreign keys off (the stories table is rebuilt: SQLite
# cannot drop its NOT NULL `position`). Version-1 stories have no fold state: a setting asks the next
# story update to rebuild them, which keeps their ids.
MIGRATE_1_TO_2 = """
ALTER TABLE articles ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
ALTER TABLE articles ADD COLUMN guid TEXT;
ALTER TABLE articles ADD COLUMN canonical_url TEXT;
ALTER TABLE articles ADD COLUMN feed TEXT;
ALTER TABLE articles ADD COLUMN fetched_at TEXT;
CREATE TABLE stories_v2 (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    start TEXT,
    "end" TEXT,
    outlets TEXT NOT NULL,
    size INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    revision INTEGER NOT NULL,
    merged_into TEXT REFERENCES stories (id),
    storyline TEXT
);
INSERT INTO stories_v2 (id, title, start, "end", outlets, size, created_at, updated_at, revision)
    SELECT s.id, s.title, s.start, s."end", s.outlets,
           (SELECT COUNT(*) FROM story_articles a WHERE a.story = s.id), :now, :now, 1
    FROM stories s ORDER BY s.position;
DROP TABLE stories;
ALTER TABLE stories_v2 RENAME TO stories;
INSERT OR REPLACE INTO settings VALUES ('stories_need_rebuild', '1')
"""


# --- The duplicate index (version 3; akhbar/store/dedup_index.py) ---------------------------------------
# The watcher's near-duplicate lookup reads its candidates from here instead of holding every article's
# bands and shingles in memory: rows written in the same transaction as their article. A file migrated
# from version 2 has sketches but no rows yet: a setting asks the next ingest to file them (in ingest order).
DEDUP_TABLES = """
CREATE TABLE IF NOT EXISTS dedup_bands (
    band INTEGER NOT NULL,           -- akhbar.stories.dedup.band_keys of the article's MinHash signature
    article TEXT NOT NULL,           -- an article filed in the LSH index (the first of its text, with shingles)
    PRIMARY KEY (band, article)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS dedup_texts (
    exact_key TEXT PRIMARY KEY,      -- match-normalized text key
    article TEXT NOT NULL            -- the article indexed first with it
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS dedup_copies (
    article TEXT PRIMARY KEY         -- copied an article indexed before it (not counted for boilerplate)
) WITHOUT ROWID
"""
DEDUP_NEEDS_BUILD = "dedup_index_needs_build"
MIGRATE_2_TO_3 = f"INSERT OR REPLACE INTO settings VALUES ('{DEDUP_NEEDS_BUILD}', '1')"
# --- end of the duplicate index's block -------------------------------------------------------------------


# --- Storyline counters as columns (version 4; akhbar/store/line_state.py) --------------------------------
# A storyline fold reads the state of every storyline open around the stories it folds (thousands) and
# scores few: what it filters and ranks on is read from columns, and the centroid's JSON is parsed only
# for a storyline it scores. Earlier files had those counters inside the JSON: copied out once.
MIGRATE_3_TO_4 = """
ALTER TABLE storyline_state ADD COLUMN opened INTEGER NOT NULL DEFAULT 0;
ALTER TABLE storyline_state ADD COLUMN touched INTEGER NOT NULL DEFAULT 0;
ALTER TABLE storyline_state ADD COLUMN size INTEGER NOT NULL DEFAULT 0;
ALTER TABLE storyline_state ADD COLUMN norm2 REAL NOT NULL DEFAULT 0;
UPDATE storyline_state SET opened = json_extract(state, '$.opened'), touched = json_extract(state, '$.touched'),
    size = json_extract(state, '$.size'), norm2 = json_extract(state, '$.norm2'),
    state = json_remove(state, '$.opened', '$.touched', '$.size', '$.norm2')
"""
# --- end of the storyline counters' block -------------------------------------------------------------------


def statements(script: str) -> list[str]:
    return [part.strip() for part in script.split(";\n") if part.strip()]


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
