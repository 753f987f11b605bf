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
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Self

from akhbar.records import Article, RemovedLine
from akhbar.store.schema import FTS_TABLE, SCHEMA_VERSION, TABLES, has_fts5
from akhbar.stories.boilerplate import LineCounts
from akhbar.stories.dedup import Sketch
from akhbar.stories.records import DuplicateLink, Story
from akhbar.stories.shingles import key_of_tokens
from akhbar.text.stem import light_stem
from akhbar.text.tokens import match_stems, match_tokens

_ARTICLE_COLUMNS = "id, body, title, date, source, url, path, removed"
_TIME_ORDER = "ORDER BY date IS NULL, date, id"  # undated articles last


class StoreError(RuntimeError):
    """A store file that cannot be used (not a database, a newer schema, other settings)."""


@dataclass(frozen=True, slots=True)
class AddResult:
    """What :meth:`Store.add_articles` did with each article, by id."""

    new: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()  # the same id with the same text: nothing to do
    conflicts: tuple[str, ...] = ()  # the same id with another text: the stored article is kept


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


class Store:
    """One SQLite file (WAL, foreign keys on). Use as a context manager."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None)
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._depth = 0
            with self.transaction():
                self.fts = self._create()
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{self.path}: not an akhbar store ({error})") from None
        self._db.create_function("akhbar_match", 1, _match_text, deterministic=True)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def _create(self) -> bool:
        for statement in _statements(TABLES):  # executescript would commit the open transaction
            self._db.execute(statement)
        found = self._db.execute("SELECT version FROM schema_version").fetchone()
        if found is None:
            self._db.execute("INSERT INTO schema_version VALUES (?)", (SCHEMA_VERSION,))
            fts = has_fts5()
            if fts:
                self._db.execute(FTS_TABLE)
            self._db.execute("INSERT INTO settings VALUES ('fts', ?)", ("1" if fts else "0",))
            return fts
        if found[0] > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: schema version {found[0]} is newer than this akhbar's "
                             f"({SCHEMA_VERSION}); upgrade akhbar")
        fts = self.setting("fts") == "1"
        if fts and not has_fts5():
            raise StoreError(f"{self.path}: made with full-text search, which this Python's sqlite3 lacks")
        return fts

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction; nested calls join the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._db.execute("BEGIN IMMEDIATE")
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

    def add_articles(self, articles: Iterable[Article]) -> AddResult:
        """Insert the articles whose id is new; report the others as unchanged or conflicting."""
        new: list[str] = []
        unchanged: list[str] = []
        conflicts: list[str] = []
        with self.transaction():
            seq = self._db.execute("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()[0]
            for article in articles:
                digest = content_hash(article)
                row = self._db.execute("SELECT content_hash FROM articles WHERE id = ?", (article.id,)).fetchone()
                if row is not None:
                    (unchanged if row[0] == digest else conflicts).append(article.id)
                    continue
                seq += 1
                self._insert(article, seq, digest)
                new.append(article.id)
        return AddResult(tuple(new), tuple(unchanged), tuple(conflicts))

    def _insert(self, article: Article, seq: int, digest: str) -> None:
        removed = json.dumps([{"text": r.text, "reason": r.reason} for r in article.removed], ensure_ascii=False)
        tokens = match_tokens(article.body)
        self._db.execute(
            "INSERT INTO articles (id, seq, body, title, date, source, url, path, removed, exact_key, content_hash)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article.id, seq, article.body, article.title, article.date, article.source, article.url,
             article.path, removed, key_of_tokens(tokens), digest),
        )
        if self.fts:
            self._db.execute("INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
                             (seq, _match_text(article.title or ""), " ".join(map(light_stem, tokens))))

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

    def sketches(self) -> Iterator[Sketch]:
        """Every sketch, in ingest order, with its article's date and exact key."""
        rows = self._db.execute("SELECT a.id, a.date, a.exact_key, s.signature, s.shingles FROM sketches s "
                                "JOIN articles a ON a.id = s.article ORDER BY a.seq")
        yield from (Sketch(row[0], row[1], row[2], bytes(row[3]), bytes(row[4])) for row in rows)

    def put_duplicates(self, links: Iterable[DuplicateLink]) -> None:
        with self.transaction():
            self._db.executemany("INSERT OR REPLACE INTO duplicates VALUES (?, ?, ?, ?)",
                                 ((x.article, x.original, x.kind, x.similarity) for x in links))

    def duplicates(self) -> Iterator[DuplicateLink]:
        rows = self._db.execute("SELECT article, original, kind, similarity FROM duplicates ORDER BY article")
        yield from (DuplicateLink(*row) for row in rows)

    # stories ------------------------------------------------------------------------------------

    def replace_stories(self, stories: Iterable[Story]) -> None:
        """Replace every story and assignment with ``stories``, in one transaction."""
        with self.transaction():
            self._db.execute("DELETE FROM story_articles")
            self._db.execute("DELETE FROM stories")
            for position, story in enumerate(stories):
                self._db.execute("INSERT INTO stories VALUES (?, ?, ?, ?, ?, ?)",
                                 (story.id, story.title, story.start, story.end,
                                  json.dumps(list(story.outlets), ensure_ascii=False), position))
                self._db.executemany("INSERT INTO story_articles VALUES (?, ?, ?)",
                                     ((story.id, article, i) for i, article in enumerate(story.articles)))

    def stories(self) -> Iterator[Story]:
        """Stories in the order they were given to :meth:`replace_stories`."""
        for row in self._db.execute("SELECT id, title, start, \"end\", outlets FROM stories ORDER BY position"):
            yield self._story(row)

    def story(self, story_id: str) -> Story | None:
        row = self._db.execute("SELECT id, title, start, \"end\", outlets FROM stories WHERE id = ?",
                               (story_id,)).fetchone()
        return None if row is None else self._story(row)

    def story_of(self, article_id: str) -> str | None:
        row = self._db.execute("SELECT story FROM story_articles WHERE article = ?", (article_id,)).fetchone()
        return None if row is None else str(row[0])

    def _story(self, row: Sequence[object]) -> Story:
        story_id = str(row[0])
        members = tuple(r[0] for r in self._db.execute(
            "SELECT article FROM story_articles WHERE story = ? ORDER BY position", (story_id,)))
        links = self._db.execute(
            "SELECT d.article, d.original, d.kind, d.similarity FROM duplicates d JOIN story_articles s "
            "ON s.article = d.article WHERE s.story = ? ORDER BY d.article", (story_id,))
        return Story(story_id, members, tuple(json.loads(str(row[4]))), _opt(row[2]), _opt(row[3]), str(row[1]),
                     tuple(DuplicateLink(*link) for link in links))

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
        return StoreCounts(count("articles"), count("sketches"), count("duplicates"), count("stories"), outlets)


def _statements(script: str) -> list[str]:
    return [part.strip() for part in script.split(";") if part.strip()]


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
