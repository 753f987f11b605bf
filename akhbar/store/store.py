"""A typed layer over one SQLite file: articles, sketches, duplicate links, stories, boilerplate counts.

The store keeps and returns records; it decides nothing (the stages in :mod:`akhbar.stories` do).
Every write method runs in a transaction, or inside the caller's :meth:`Store.transaction`, so a
batch (articles, their sketches, links and counts) lands whole or not at all: a process killed at
any point leaves a consistent file, and rerunning the same ingest completes it.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from akhbar.records import Article, RemovedLine
from akhbar.store.schema import FTS_TABLE, INDEXES, MIGRATE_1_TO_2, SCHEMA_VERSION, TABLES, has_fts5, statements
from akhbar.store.state import FoldTables
from akhbar.store.stories import StoryTables, now
from akhbar.stories.boilerplate import LineCounts
from akhbar.stories.dedup import Sketch
from akhbar.stories.records import DuplicateLink
from akhbar.stories.shingles import key_of_tokens
from akhbar.text.stem import light_stem
from akhbar.text.tokens import match_stems, match_tokens

_ARTICLE_COLUMNS = "id, body, title, date, source, url, path, removed"
_TIME_ORDER = "ORDER BY date IS NULL, date, id"  # undated articles last
BUSY_TIMEOUT = 60.0  # seconds a writer waits for the lock: longer than the largest transaction (500 articles)


class StoreError(RuntimeError):
    """A store file that cannot be used (not a database, a newer schema, other settings)."""


@dataclass(frozen=True, slots=True)
class AddResult:
    """What :meth:`Store.upsert_articles` did with each article, by stored id."""

    new: tuple[str, ...] = ()
    revised: tuple[str, ...] = ()  # the same article with another text: replaced in place, revision + 1
    unchanged: tuple[str, ...] = ()  # the same article with the same text: nothing to do
    # An incoming id found under another stored id (by guid or canonical url): incoming -> stored.
    aliases: tuple[tuple[str, str], ...] = ()
    previous: tuple[Article, ...] = ()  # the replaced texts of the revised articles


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a feed article came from: how it is recognised when it comes again under another id."""

    guid: str | None = None
    canonical_url: str | None = None
    feed: str | None = None
    fetched_at: str | None = None  # ISO timestamp


@dataclass(frozen=True, slots=True)
class StoreCounts:
    articles: int
    sketches: int
    duplicates: int
    stories: int
    outlets: int


def content_hash(article: Article) -> str:
    """Hash of what makes an article the same article: its title and body as written."""
    data = f"{article.title or ''}\x00{article.body}".encode()
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class Store(StoryTables, FoldTables):
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
        self._db.create_function("akhbar_match", 1, _match_text, deterministic=True)

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
                self._db.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION,))
            for statement in statements(TABLES) + statements(INDEXES):
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

    # articles -----------------------------------------------------------------------------------

    def upsert_articles(self, articles: Iterable[Article], *,
                        provenance: Mapping[str, Provenance] | None = None) -> AddResult:
        """Add new articles; an article already stored (same id, else same guid, else same canonical url)
        with another text is revised in place: its text replaced, ``revision`` + 1, the old hash kept in
        ``article_revisions``, its search row redone and its story's revision moved. Never two articles."""
        new: list[str] = []
        revised: list[str] = []
        unchanged: list[str] = []
        aliases: list[tuple[str, str]] = []
        previous: list[Article] = []
        given = provenance or {}
        with self.transaction():
            seq = self._db.execute("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()[0]
            for article in articles:
                origin = given.get(article.id, _NO_PROVENANCE)
                digest = content_hash(article)
                row = self._find(article.id, origin)
                if row is None:
                    seq += 1
                    self._insert(article, seq, digest, origin)
                    new.append(article.id)
                    continue
                stored_id = str(row[0])
                if stored_id != article.id:
                    aliases.append((article.id, stored_id))
                if row[1] == digest:
                    unchanged.append(stored_id)
                    continue
                old = self.article(stored_id)
                if old is not None:
                    previous.append(old)
                self._revise(stored_id, article, digest, stored=row, old=old)
                revised.append(stored_id)
        return AddResult(tuple(new), tuple(revised), tuple(unchanged), tuple(aliases), tuple(previous))

    def add_articles(self, articles: Iterable[Article]) -> AddResult:
        """:meth:`upsert_articles` without provenance."""
        return self.upsert_articles(articles)

    def _find(self, article_id: str, origin: Provenance) -> Sequence[Any] | None:
        columns = "SELECT id, content_hash, revision, seq FROM articles"
        row = self._db.execute(f"{columns} WHERE id = ?", (article_id,)).fetchone()
        if row is None and origin.guid:
            row = self._db.execute(f"{columns} WHERE guid = ?", (origin.guid,)).fetchone()
        if row is None and origin.canonical_url:
            row = self._db.execute(f"{columns} WHERE canonical_url = ? ORDER BY seq LIMIT 1",
                                   (origin.canonical_url,)).fetchone()
        return row  # type: ignore[no-any-return]

    def _insert(self, article: Article, seq: int, digest: str, origin: Provenance) -> None:
        removed = _removed_json(article)
        tokens = match_tokens(article.body)
        self._db.execute(
            "INSERT INTO articles (id, seq, body, title, date, source, url, path, removed, exact_key, content_hash,"
            " guid, canonical_url, feed, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article.id, seq, article.body, article.title, article.date, article.source, article.url,
             article.path, removed, key_of_tokens(tokens), digest, origin.guid, origin.canonical_url, origin.feed,
             origin.fetched_at),
        )
        if self.fts:
            self._db.execute("INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
                             (seq, _match_text(article.title or ""), " ".join(map(light_stem, tokens))))

    def _revise(self, stored_id: str, article: Article, digest: str, *, stored: Sequence[Any],
                old: Article | None) -> None:
        revision, old_hash, seq = int(stored[2]), str(stored[1]), int(stored[3])
        at = now()
        tokens = match_tokens(article.body)
        self._db.execute("INSERT OR REPLACE INTO article_revisions VALUES (?, ?, ?, ?)",
                         (stored_id, revision, old_hash, at))
        self._db.execute(
            "UPDATE articles SET body = ?, title = ?, date = COALESCE(?, date), source = COALESCE(?, source),"
            " url = COALESCE(?, url), path = COALESCE(?, path), removed = ?, exact_key = ?, content_hash = ?,"
            " revision = revision + 1 WHERE id = ?",
            (article.body, article.title, article.date, article.source, article.url, article.path,
             _removed_json(article), key_of_tokens(tokens), digest, stored_id))
        if self.fts and old is not None:
            # A contentless FTS5 row is deleted by giving back the values it was made from.
            self._db.execute("INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', ?, ?, ?)",
                             (seq, _match_text(old.title or ""), " ".join(map(light_stem, match_tokens(old.body)))))
            self._db.execute("INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
                             (seq, _match_text(article.title or ""), " ".join(map(light_stem, tokens))))
        self._log(at, "article", stored_id, "revised")
        story = self.story_of(stored_id)
        if story is not None:
            self.touch_stories([story], "revised", at=at)

    def revision_of(self, article_id: str) -> int | None:
        row = self._db.execute("SELECT revision FROM articles WHERE id = ?", (article_id,)).fetchone()
        return None if row is None else int(row[0])

    def articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]:
        """Stored articles in time order (date, then id; undated last), streamed."""
        if ids is None:
            yield from (_article(row) for row in self._db.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles "
                                                                   f"{_TIME_ORDER}"))
            return
        wanted = sorted(set(ids))
        for chunk in _chunks(wanted, 500):
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id IN ({marks})", chunk)
            yield from sorted((_article(row) for row in rows), key=_time_key)

    def article(self, article_id: str) -> Article | None:
        row = self._db.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)).fetchone()
        return None if row is None else _article(row)

    def article_ids(self) -> Iterator[str]:
        """Ids in ingest order."""
        yield from (row[0] for row in self._db.execute("SELECT id FROM articles ORDER BY seq"))

    def search(self, text: str, *, limit: int = 20) -> list[Article]:
        """Articles whose title or body holds every word of ``text``, compared as light stems of the
        match-normalized words (spelling variants and clitics aside); best matches first with FTS5."""
        words = match_stems(text)
        if not words:
            return []
        if self.fts:
            query = " ".join('"' + word.replace('"', '""') + '"' for word in words)
            columns = ", ".join(f"a.{name.strip()}" for name in _ARTICLE_COLUMNS.split(","))
            rows = self._db.execute(
                f"SELECT {columns} FROM articles_fts f JOIN articles a ON a.seq = f.rowid "
                "WHERE articles_fts MATCH ? ORDER BY f.rank LIMIT ?", (query, limit))
        else:
            where = " AND ".join(["akhbar_match(COALESCE(title, '') || ' ' || body) LIKE ?"] * len(words))
            rows = self._db.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE {where} {_TIME_ORDER} LIMIT ?",
                                    (*[f"%{word}%" for word in words], limit))
        return [_article(row) for row in rows]

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

    def last_seq(self) -> int:
        """The ingest position of the newest article (0 for none)."""
        return int(self._db.execute("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()[0])

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
        for chunk in _chunks(sorted(set(ids)), 400):
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


_NO_PROVENANCE = Provenance()


def _removed_json(article: Article) -> str:
    return json.dumps([{"text": r.text, "reason": r.reason} for r in article.removed], ensure_ascii=False)


def _match_text(text: str) -> str:
    """What search compares: light stems of the match-normalized words (الإغاثة and اغاثة meet)."""
    return " ".join(map(light_stem, match_tokens(text)))


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def _article(row: Sequence[object]) -> Article:
    removed = tuple(RemovedLine(r["text"], r["reason"]) for r in json.loads(str(row[7])))
    return Article(str(row[0]), str(row[1]), _opt(row[2]), _opt(row[3]), _opt(row[4]), _opt(row[5]),
                   _opt(row[6]), removed)


def _time_key(article: Article) -> tuple[bool, str, str]:
    return (article.date is None, article.date or "", article.id)


def _chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


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
