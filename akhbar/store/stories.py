"""The story tables' SQL: stories with their revisions and merges, members, cached reports, the change log.

A mixin of :class:`~akhbar.store.Store` (it reads and writes through the store's connection and
transactions). The decisions (which story an article joins, which stories merge) come from
:mod:`akhbar.stories`; the fold's own state (centroids, postings, term counts) is in :mod:`akhbar.store.state`.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from akhbar.store.report_parts import ReportPartTables
from akhbar.stories.records import DuplicateLink, Story

StoryOrder = Literal["newest", "updated", "largest"]
_ORDERS: dict[str, str] = {
    "newest": 'ORDER BY "end" IS NULL, "end" DESC, size DESC, id',  # latest article first, undated last
    "updated": "ORDER BY updated_at DESC, id",  # latest change first
    "largest": 'ORDER BY size DESC, "end" IS NULL, "end" DESC, id',
}
_STORY_COLUMNS = 'id, title, start, "end", outlets, size, revision, created_at, updated_at, storyline, merged_into'


def now() -> str:
    """The time a change is recorded at: ISO 8601, UTC, microseconds (they order the changes of one second)."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True, slots=True)
class StoredStory(Story):
    """A story as the store keeps it: its revision and times, and, when asked for by a merged id, that id."""

    size: int = 0
    revision: int = 1
    created_at: str = ""
    updated_at: str = ""
    storyline: str | None = None
    redirected_from: str | None = None  # the merged id that was asked for; ``id`` is where it lives now


@dataclass(frozen=True, slots=True)
class Change:
    """One row of the change log."""

    seq: int
    at: str
    kind: Literal["story", "storyline", "article"]
    id: str
    action: Literal["created", "grown", "revised", "retitled", "merged"]
    into: str | None = None


@dataclass(frozen=True, slots=True)
class CachedReport:
    """A story's report as built from ``revision`` of it; ``stale`` when the story has moved on."""

    story: str
    revision: int
    report: dict[str, Any]
    built_at: str
    stale: bool


class StoryTables(ReportPartTables):
    """Reading and writing the stories, their members, reports and the change log."""

    _db: sqlite3.Connection

    def transaction(self) -> AbstractContextManager[None]:  # implemented by Store
        raise NotImplementedError

    # the change log -----------------------------------------------------------------------------

    def _log(self, at: str, kind: str, item: str, action: str, into: str | None = None) -> None:
        self._db.execute('INSERT INTO changes (at, kind, id, action, "into") VALUES (?, ?, ?, ?, ?)',
                         (at, kind, item, action, into))

    def changes(self, since: int = 0, *, limit: int | None = None, kind: str | None = None,
                until: int | None = None) -> list[Change]:
        """Change-log rows after sequence number ``since`` (up to ``until``; only those of ``kind``), oldest first."""
        where = "seq > ?" + (" AND seq <= ?" if until is not None else "") + (" AND kind = ?" if kind else "")
        params: list[object] = [since, *([until] if until is not None else []), *([kind] if kind else [])]
        rows = self._db.execute(f'SELECT seq, at, kind, id, action, "into" FROM changes WHERE {where} ORDER BY seq'
                                + (" LIMIT ?" if limit is not None else ""),
                                (*params, limit) if limit is not None else params)
        return [Change(int(r[0]), str(r[1]), r[2], str(r[3]), r[4], _opt(r[5])) for r in rows]

    def last_change(self) -> int:
        """The newest change's sequence number (0 for none): what a reader passes as ``since`` next time."""
        return int(self._db.execute("SELECT COALESCE(MAX(seq), 0) FROM changes").fetchone()[0])

    def touch_stories(self, ids: Iterable[str], action: str, *, at: str | None = None) -> None:
        """Move the revision and ``updated_at`` of live stories ``ids`` and log ``action`` for each."""
        at = at or now()
        with self.transaction():
            for story in dict.fromkeys(ids):
                done = self._db.execute("UPDATE stories SET revision = revision + 1, updated_at = ? "
                                        "WHERE id = ? AND merged_into IS NULL", (at, story)).rowcount
                if done:
                    self._log(at, "story", story, action)

    # reading stories ----------------------------------------------------------------------------

    def stories(self, order: StoryOrder = "largest", *, limit: int | None = None, offset: int = 0,
                ) -> Iterator[StoredStory]:
        """Live stories (merged ones are not listed), ``order``ed: ``newest`` (latest article first),
        ``updated`` (latest change first) or ``largest``."""
        if order not in _ORDERS:
            raise ValueError(f"unknown story order {order!r}")
        sql = f"SELECT {_STORY_COLUMNS} FROM stories WHERE merged_into IS NULL {_ORDERS[order]} LIMIT ? OFFSET ?"
        rows = self._db.execute(sql, (-1 if limit is None else limit, offset)).fetchall()
        for row in rows:
            yield self._story(row, None)

    def story_count(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM stories WHERE merged_into IS NULL").fetchone()[0])

    def story(self, story_id: str) -> StoredStory | None:
        """The story ``story_id``; a merged id gives the story it joined, with ``redirected_from`` set."""
        row = self._db.execute(f"SELECT {_STORY_COLUMNS} FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            return None
        if row[10] is None:
            return self._story(row, None)
        target = self._db.execute(f"SELECT {_STORY_COLUMNS} FROM stories WHERE id = ?", (row[10],)).fetchone()
        return None if target is None else self._story(target, story_id)

    def story_of(self, article_id: str) -> str | None:
        row = self._db.execute("SELECT story FROM story_articles WHERE article = ?", (article_id,)).fetchone()
        return None if row is None else str(row[0])

    def story_ids(self, *, merged: bool = True) -> set[str]:
        """Every story id ever minted (``merged=False``: the live ones)."""
        where = "" if merged else " WHERE merged_into IS NULL"
        return {str(r[0]) for r in self._db.execute(f"SELECT id FROM stories{where}")}

    def story_members(self) -> dict[str, tuple[str, ...]]:
        """Every live story's members, oldest first."""
        found: dict[str, list[str]] = {}
        for story, article in self._db.execute("SELECT story, article FROM story_articles ORDER BY story, position"):
            found.setdefault(str(story), []).append(str(article))
        return {story: tuple(articles) for story, articles in found.items()}

    def story_titles(self) -> dict[str, str]:
        return {str(i): str(t) for i, t in self._db.execute("SELECT id, title FROM stories WHERE merged_into IS NULL")}

    def members(self, story_id: str) -> tuple[str, ...]:
        return tuple(str(r[0]) for r in self._db.execute(
            "SELECT article FROM story_articles WHERE story = ? ORDER BY position", (story_id,)))

    def _story(self, row: Sequence[Any], redirected_from: str | None) -> StoredStory:
        story_id = str(row[0])
        links = self._db.execute(
            "SELECT d.article, d.original, d.kind, d.similarity FROM duplicates d JOIN story_articles s "
            "ON s.article = d.article WHERE s.story = ? ORDER BY d.article", (story_id,))
        return StoredStory(story_id, self.members(story_id), tuple(json.loads(str(row[4]))), _opt(row[2]),
                           _opt(row[3]), str(row[1]), tuple(DuplicateLink(*link) for link in links),
                           size=int(row[5]), revision=int(row[6]), created_at=str(row[7]), updated_at=str(row[8]),
                           storyline=_opt(row[9]), redirected_from=redirected_from)

    # writing stories ----------------------------------------------------------------------------

    def replace_stories(self, stories: Iterable[Story]) -> None:
        """Replace every story and assignment with ``stories``, in one transaction (their ids as given).

        The whole-store fold keeps ids with :mod:`akhbar.store.update`; this is the bare write it ends with.
        """
        at = now()
        with self.transaction():
            for table in ("story_reports", "story_state", "story_postings", "cluster_terms", "story_articles"):
                self._db.execute(f"DELETE FROM {table}")
            self._db.execute("UPDATE stories SET merged_into = NULL")
            self._db.execute("DELETE FROM stories")
            for story in stories:
                self.put_story(story, created_at=at, updated_at=at, revision=1)

    def put_story(self, story: Story, *, created_at: str, updated_at: str, revision: int) -> None:
        """Insert or overwrite one live story's row and members (no change-log row: the caller logs)."""
        self._db.execute(
            f"INSERT INTO stories ({_STORY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL) "
            'ON CONFLICT (id) DO UPDATE SET title = excluded.title, start = excluded.start, "end" = excluded."end",'
            " outlets = excluded.outlets, size = excluded.size, revision = excluded.revision,"
            " updated_at = excluded.updated_at, merged_into = NULL",
            (story.id, story.title, story.start, story.end, json.dumps(list(story.outlets), ensure_ascii=False),
             len(story.articles), revision, created_at, updated_at))
        self._db.execute("DELETE FROM story_articles WHERE story = ?", (story.id,))
        self._db.executemany("INSERT OR REPLACE INTO story_articles VALUES (?, ?, ?)",
                             ((story.id, article, i) for i, article in enumerate(story.articles)))

    # cached reports -----------------------------------------------------------------------------

    def story_report(self, story_id: str) -> CachedReport | None:
        """The cached report of a story (of the story a merged id joined), stale or not; None if never built."""
        found = self.story(story_id)
        if found is None:
            return None
        row = self._db.execute("SELECT revision, report, built_at FROM story_reports WHERE story = ?",
                               (found.id,)).fetchone()
        if row is None:
            return None
        return CachedReport(found.id, int(row[0]), json.loads(unpacked(row[1])), str(row[2]),
                            int(row[0]) < found.revision)

    def put_story_report(self, story_id: str, revision: int, report: str | dict[str, Any]) -> None:
        """Cache ``report`` (JSON text or a dict) as built from ``revision`` of the story, compressed; an older
        revision never replaces a newer one (two writers finishing out of order)."""
        text = report if isinstance(report, str) else json.dumps(report, ensure_ascii=False, allow_nan=False)
        with self.transaction():
            self._db.execute(
                "INSERT INTO story_reports VALUES (?, ?, ?, ?) ON CONFLICT (story) DO UPDATE SET "
                "revision = excluded.revision, report = excluded.report, built_at = excluded.built_at "
                "WHERE excluded.revision >= story_reports.revision", (story_id, revision, packed(text), now()))

    def clear_reports(self, *, setting: tuple[str, str] | None = None) -> None:
        """Forget every cached report (made with other settings); ``setting`` is written in the same transaction."""
        with self.transaction():
            self._db.execute("DELETE FROM story_reports")
            if setting is not None:
                self._db.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", setting)

    def stale_reports(self, *, min_articles: int = 1, limit: int | None = None,
                      ids: Collection[str] | None = None) -> list[tuple[str, int]]:
        """Live stories of at least ``min_articles`` whose report is missing or older than the story
        (id, revision), newest change first; ``ids``: only among these stories."""
        return [(story, revision) for story, revision, _ in self.stale_report_sizes(min_articles=min_articles,
                                                                                    limit=limit, ids=ids)]

    def stale_report_sizes(self, *, min_articles: int = 1, limit: int | None = None,
                           ids: Collection[str] | None = None) -> list[tuple[str, int, int]]:
        """:meth:`stale_reports` with each story's size (articles): (id, revision, size).

        ``ids`` (the stories one fold changed) are looked up by key: the cost follows them, not the store."""
        query = ("SELECT s.id, s.revision, s.size, s.updated_at FROM stories s LEFT JOIN story_reports r "
                 "ON r.story = s.id WHERE s.merged_into IS NULL AND s.size >= ? "
                 "AND (r.revision IS NULL OR r.revision < s.revision)")
        if ids is None:
            rows = self._db.execute(query + " ORDER BY s.updated_at DESC, s.id LIMIT ?",
                                    (min_articles, -1 if limit is None else limit)).fetchall()
        else:
            wanted = sorted(set(ids))
            rows = []
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                rows += self._db.execute(query + f" AND s.id IN ({','.join('?' * len(chunk))})",
                                         (min_articles, *chunk)).fetchall()
            rows.sort(key=lambda r: str(r[0]))
            rows.sort(key=lambda r: str(r[3]), reverse=True)
            rows = rows if limit is None else rows[:limit]
        return [(str(r[0]), int(r[1]), int(r[2])) for r in rows]


def packed(text: str) -> bytes:
    """What ``story_reports.report`` holds: the JSON, zlib-compressed (a report's JSON and HTML repeat the
    same sentences and names; compressed they take about a fifth of the room)."""
    return zlib.compress(text.encode(), 6)


def unpacked(value: object) -> str:
    """The JSON text of a ``story_reports.report``: compressed bytes, or the plain text older files hold."""
    return zlib.decompress(value).decode() if isinstance(value, bytes) else str(value)


def _opt(value: object) -> str | None:
    return None if value is None else str(value)
