"""A typed layer over one SQLite file: articles, sketches, duplicate links, stories, boilerplate counts.

The store keeps and returns records; it decides nothing (the stages in :mod:`akhbar.stories` do).
Every write method runs in a transaction, or inside the caller's :meth:`Store.transaction`, so a
batch (articles, their sketches, links and counts) lands whole or not at all: a process killed at
any point leaves a consistent file, and rerunning the same ingest completes it.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Self

from akhbar.store.articles import AddResult, ArticleTables, Provenance, chunks, content_hash, match_text
from akhbar.store.schema import (
    DEDUP_TABLES,
    FTS_TABLE,
    INDEXES,
    MIGRATE_1_TO_2,
    MIGRATE_2_TO_3,
    MIGRATE_3_TO_4,
    SCHEMA_VERSION,
    TABLES,
    has_fts5,
    statements,
)
from akhbar.store.state import FoldTables
from akhbar.store.stories import now
from akhbar.stories.boilerplate import LineCounts
from akhbar.stories.dedup import Sketch
from akhbar.stories.records import DuplicateLink

__all__ = ["AddResult", "Provenance", "Store", "StoreCounts", "StoreError", "content_hash"]
BUSY_TIMEOUT = 60.0  # seconds a writer waits for the lock: longer than the largest transaction (500 articles)


class StoreError(RuntimeError):
    """A store file that cannot be used (not a database, a newer schema, other settings)."""


@dataclass(frozen=True, slots=True)
class StoreCounts:
    articles: int
    sketches: int
    duplicates: int
    stories: int
    outlets: int


class Store(ArticleTables, FoldTables):
    """One SQLite file (WAL, foreign keys on). Use as a context manager.

    A writer (the default) waits up to ``busy_timeout`` seconds for another writer's transaction, then
    takes the lock with ``BEGIN IMMEDIATE``. ``readonly=True`` opens the file with ``mode=ro``: it never
    takes the write lock, never waits on a writer, and sees the last committed state (the web page).
    """

    def __init__(self, path: str | Path, *, readonly: bool = False, busy_timeout: float = BUSY_TIMEOUT) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self._depth = 0
        try:
            if readonly:
                self._db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True,
                                           isolation_level=None, timeout=busy_timeout, check_same_thread=False)
                self.fts = self._check_readable()
            else:
                self._db = sqlite3.connect(self.path, isolation_level=None, timeout=busy_timeout)
                _set_wal(self._db, busy_timeout)
                self._db.execute("PRAGMA synchronous = NORMAL")
                self.fts = self._open_for_writing()
                self._db.execute("PRAGMA foreign_keys = ON")
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{self.path}: not an akhbar store ({error})") from None
        self._db.create_function("akhbar_match", 1, match_text, deterministic=True)

    @classmethod
    def open_readonly(cls, path: str | Path) -> Store:
        """A reader that never takes the write lock (see the class docstring)."""
        if not Path(path).is_file():
            raise StoreError(f"{path}: no such store")
        return cls(path, readonly=True)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def _version(self) -> int | None:
        if self._db.execute("SELECT 1 FROM sqlite_master WHERE name = 'schema_version'").fetchone() is None:
            return None
        found = self._db.execute("SELECT version FROM schema_version").fetchone()
        return None if found is None else int(found[0])

    def _check_readable(self) -> bool:
        version = self._version()
        if version is None:
            raise StoreError(f"{self.path}: not an akhbar store (no schema version)")
        if version != SCHEMA_VERSION:
            newer = version > SCHEMA_VERSION
            raise StoreError(f"{self.path}: schema version {version} "
                             + ("is newer than this akhbar's; upgrade akhbar" if newer else
                                "is older; open it once with a writer (akhbar ingest or akhbar stories --db)"))
        return self._fts_setting()

    def _fts_setting(self) -> bool:
        fts = self.setting("fts") == "1"
        if fts and not has_fts5():
            raise StoreError(f"{self.path}: made with full-text search, which this Python's sqlite3 lacks")
        return fts

    def _open_for_writing(self) -> bool:
        """Create or migrate the tables; a current file is only read (no write lock taken)."""
        version = self._version()
        if version is not None and version > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: schema version {version} is newer than this akhbar's "
                             f"({SCHEMA_VERSION}); upgrade akhbar")
        if version == SCHEMA_VERSION:
            return self._fts_setting()
        # Foreign keys are off here (a pragma cannot change inside a transaction): the migration
        # rebuilds the stories table that story_articles refers to.
        with self.transaction():
            version = self._version()  # another writer may have done it while this one waited
            if version == 1:
                for statement in statements(MIGRATE_1_TO_2):
                    self._db.execute(statement, {"now": now()} if ":now" in statement else ())
            if version in (1, 2):  # the duplicate index (version 3): filed by the next ingest
                self._db.execute(MIGRATE_2_TO_3)
            columns = {str(row[1]) for row in self._db.execute("PRAGMA table_info(storyline_state)")}
            if version is not None and columns and "opened" not in columns:  # storyline counters (version 4)
                for statement in statements(MIGRATE_3_TO_4):
                    self._db.execute(statement)
            if version is not None:
                self._db.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION,))
            for statement in statements(TABLES) + statements(INDEXES) + statements(DEDUP_TABLES):
                self._db.execute(statement)  # executescript would commit the open transaction
            if version is None:
                self._db.execute("INSERT INTO schema_version VALUES (?)", (SCHEMA_VERSION,))
                fts = has_fts5()
                if fts:
                    self._db.execute(FTS_TABLE)
                self._db.execute("INSERT INTO settings VALUES ('fts', ?)", ("1" if fts else "0",))
                return fts
        return self._fts_setting()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction (``BEGIN IMMEDIATE``: the lock is taken, or waited for, up front, so two
        writers are serialized whole); nested calls join the outer one."""
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only")
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise StoreError(f"{self.path}: another process holds the write lock ({error})") from None
        self._depth = 1
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        else:
            self._db.execute("COMMIT")
        finally:
            self._depth = 0

    # settings -----------------------------------------------------------------------------------

    def setting(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def put_setting(self, key: str, value: str) -> None:
        with self.transaction():
            self._db.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (key, value))

    # sketches and duplicates ----------------------------------------------------------------------

    def put_sketches(self, sketches: Iterable[Sketch]) -> None:
        with self.transaction():
            self._db.executemany("INSERT OR REPLACE INTO sketches VALUES (?, ?, ?)",
                                 ((s.article, s.signature, s.shingles) for s in sketches))

    def sketches(self, *, after: int = 0) -> Iterator[Sketch]:
        """Every sketch (of the articles after ingest position ``after``), in ingest order, with its
        article's date and exact key."""
        rows = self._db.execute("SELECT a.id, a.date, a.exact_key, s.signature, s.shingles FROM sketches s "
                                "JOIN articles a ON a.id = s.article WHERE a.seq > ? ORDER BY a.seq", (after,))
        yield from (Sketch(row[0], row[1], row[2], bytes(row[3]), bytes(row[4])) for row in rows)

    def put_duplicates(self, links: Iterable[DuplicateLink]) -> list[DuplicateLink]:
        """Store ``links``; those that were not stored as they are (new or moved) are returned."""
        changed = []
        with self.transaction():
            for x in links:
                row = self._db.execute("SELECT original, kind, similarity FROM duplicates WHERE article = ?",
                                       (x.article,)).fetchone()
                if row is not None and (row[0], row[1], row[2]) == (x.original, x.kind, x.similarity):
                    continue
                self._db.execute("INSERT OR REPLACE INTO duplicates VALUES (?, ?, ?, ?)",
                                 (x.article, x.original, x.kind, x.similarity))
                changed.append(x)
        return changed

    def links_of(self, ids: Iterable[str]) -> list[DuplicateLink]:
        """The stored links that touch any of ``ids`` (as the copy or the original)."""
        found: dict[str, DuplicateLink] = {}
        for chunk in chunks(sorted(set(ids)), 400):
            marks = ",".join("?" * len(chunk))
            for row in self._db.execute("SELECT article, original, kind, similarity FROM duplicates "
                                        f"WHERE article IN ({marks}) OR original IN ({marks})", (*chunk, *chunk)):
                found[row[0]] = DuplicateLink(*row)
        return sorted(found.values(), key=lambda link: link.article)

    def duplicates(self) -> Iterator[DuplicateLink]:
        rows = self._db.execute("SELECT article, original, kind, similarity FROM duplicates ORDER BY article")
        yield from (DuplicateLink(*row) for row in rows)

    # boilerplate counts -------------------------------------------------------------------------

    def add_line_counts(self, counts: LineCounts) -> None:
        """Add ``counts`` to the stored per-outlet sentence counts."""
        with self.transaction():
            self._db.executemany(
                "INSERT INTO boilerplate VALUES (?, ?, ?) ON CONFLICT (outlet, line) "
                "DO UPDATE SET count = count + excluded.count",
                ((outlet, line, count) for (outlet, line), count in counts.lines.items()))
            self._db.executemany(
                "INSERT INTO outlet_articles VALUES (?, ?) ON CONFLICT (outlet) "
                "DO UPDATE SET count = count + excluded.count", counts.articles.items())

    def line_counts(self, *, min_count: int = 1) -> LineCounts:
        """The stored counts; ``min_count`` leaves out the sentences seen fewer times (most of them)."""
        lines = {(str(o), str(k)): int(c) for o, k, c in self._db.execute(
            "SELECT outlet, line, count FROM boilerplate WHERE count >= ?", (min_count,))}
        articles = {str(o): int(c) for o, c in self._db.execute("SELECT outlet, count FROM outlet_articles")}
        return LineCounts(lines, articles)

    def counts(self) -> StoreCounts:
        def count(table: str) -> int:
            return int(self._db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

        outlets = int(self._db.execute("SELECT COUNT(DISTINCT source) FROM articles").fetchone()[0])
        return StoreCounts(count("articles"), count("sketches"), count("duplicates"), self.story_count(), outlets)


def _set_wal(db: sqlite3.Connection, busy_timeout: float) -> None:
    """Switch to WAL, waiting for another process that is creating the same file: SQLite answers this
    pragma "database is locked" at once, without its busy handler, while another connection holds the file."""
    deadline = time.monotonic() + busy_timeout
    while True:
        try:
            db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() >= deadline:
                raise
            time.sleep(0.05)
