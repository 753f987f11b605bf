"""The articles' SQL: adding and revising articles (by id, guid or canonical url), reading them back, search.

A mixin of :class:`~akhbar.store.Store` (it reads and writes through the store's connection and
transactions). A revised article moves its story's revision, through the story tables it inherits.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from akhbar.records import Article, RemovedLine
from akhbar.store.stories import StoryTables, now
from akhbar.stories.shingles import key_of_tokens
from akhbar.text.stem import light_stem
from akhbar.text.tokens import match_stems, match_tokens

_ARTICLE_COLUMNS = "id, body, title, date, source, url, path, removed"
_TIME_ORDER = "ORDER BY date IS NULL, date, id"  # undated articles last


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


def content_hash(article: Article) -> str:
    """Hash of what makes an article the same article: its title and body as written."""
    data = f"{article.title or ''}\x00{article.body}".encode()
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class ArticleTables(StoryTables):
    """Adding, revising, reading and searching articles."""

    fts: bool

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
                             (seq, match_text(article.title or ""), " ".join(map(light_stem, tokens))))

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
                             (seq, match_text(old.title or ""), " ".join(map(light_stem, match_tokens(old.body)))))
            self._db.execute("INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
                             (seq, match_text(article.title or ""), " ".join(map(light_stem, tokens))))
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
        for chunk in chunks(wanted, 500):
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


_NO_PROVENANCE = Provenance()


def _removed_json(article: Article) -> str:
    return json.dumps([{"text": r.text, "reason": r.reason} for r in article.removed], ensure_ascii=False)


def match_text(text: str) -> str:
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


def chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
