"""Cached report parts: what a story's report computes from one article alone, kept per article revision.

A report reads its story as a whole, but its costliest step, the entity tagger, works sentence by
sentence: a sentence's tags depend on its words and on the story's cue words for them
(:mod:`akhbar.ner.memo`). A watcher rebuilds the report of a story of 230 articles because three
arrived; kept here, the tags of the 227 others are read back instead of computed again, and only
the new sentences (and any whose cues the new articles changed) are tagged. The report is the one
built from scratch: an entry is reused only under the key of what tagging depends on.

One row per article: the digest of what the parts were computed from (its body, the tagger's files,
the format) and the parts, zlib-compressed JSON. Derived data only: a missing, outdated or unreadable
row is computed again, never an error; rows are written in their own transactions after the report's,
so a kill at any point loses at most work.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from akhbar.records import Article

if TYPE_CHECKING:
    from akhbar.ner.memo import Tagged

PARTS_FORMAT = "1"  # moves when what a row holds, or how it is written, changes
_TABLE = """
CREATE TABLE IF NOT EXISTS report_parts (
    article TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    digest TEXT NOT NULL,            -- of the article's body, the tagger's files and PARTS_FORMAT
    parts BLOB NOT NULL              -- zlib-compressed JSON {"ner": {key: [tags, scores]}}
) WITHOUT ROWID
"""
Parts = dict[str, "Tagged"]  # one article's tagged sentences, by memo key


def article_digest(article: Article, tagger: str) -> str:
    """What an article's parts were computed from: its body and the tagger (``tagger``: its fingerprint)."""
    text = f"{PARTS_FORMAT}\x1e{tagger}\x1e{article.body}"
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


def encode(parts: Parts) -> bytes:
    """Compact: a sentence's tags as one string, and the sureness of its tagged words only (1.0 elsewhere)."""
    rows = {key: [" ".join(tags), [s for t, s in zip(tags, scores, strict=True) if t != "O"]]
            for key, (tags, scores) in parts.items()}
    return zlib.compress(json.dumps({"ner": rows}, ensure_ascii=False, separators=(",", ":")).encode(), 6)


def decode(blob: bytes) -> Parts:
    """The parts of :func:`encode`; a ValueError (or KeyError, TypeError) for anything else."""
    rows = json.loads(zlib.decompress(blob).decode())["ner"]
    parts: Parts = {}
    for key, (text, sure) in rows.items():
        tags = text.split(" ") if text else []
        marks = iter(sure)
        scores = [1.0 if tag == "O" else float(next(marks)) for tag in tags]
        if next(marks, None) is not None or not isinstance(key, str):
            raise ValueError("scores and tags disagree")
        parts[key] = (tags, scores)
    return parts


class ReportPartTables:
    """Reading and writing the cached report parts (a mixin of :class:`~akhbar.store.Store`)."""

    _db: sqlite3.Connection
    readonly: bool

    def transaction(self) -> AbstractContextManager[None]:  # implemented by Store
        raise NotImplementedError

    def report_parts(self, digests: Mapping[str, str]) -> dict[str, Parts]:
        """The cached parts of the articles of ``digests`` (id -> :func:`article_digest`) whose row was
        computed from that digest; outdated or unreadable rows are left out (computed again)."""
        found: dict[str, Parts] = {}
        ids = list(digests)
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            try:
                rows = self._db.execute(f"SELECT article, digest, parts FROM report_parts WHERE article IN "
                                        f"({','.join('?' * len(chunk))})", chunk).fetchall()
            except sqlite3.OperationalError:  # no such table yet (a store the watcher has not written to)
                return found
            for article, digest, blob in rows:
                if digest != digests[article]:
                    continue
                try:
                    found[article] = decode(blob)
                except (ValueError, KeyError, TypeError, zlib.error):
                    continue
        return found

    def put_report_parts(self, rows: Iterable[tuple[str, str, Parts]]) -> int:
        """Keep (article, digest, parts) rows, replacing older ones; returns how many were written. A store
        opened read-only keeps nothing (the parts are only ever a saving)."""
        items = [(article, digest, encode(parts)) for article, digest, parts in rows]
        if not items or self.readonly:
            return 0
        try:
            with self.transaction():
                self._db.execute(_TABLE)
                self._db.executemany("INSERT OR REPLACE INTO report_parts VALUES (?, ?, ?)", items)
        except sqlite3.IntegrityError:  # an article gone meanwhile (its story was rebuilt): nothing to keep
            return 0
        return len(items)

    def clear_report_parts(self) -> None:
        """Forget every cached part (they are computed again as reports are built)."""
        with self.transaction():
            self._db.execute(_TABLE)
            self._db.execute("DELETE FROM report_parts")


def changed_parts(articles: Sequence[Article], digests: Mapping[str, str], before: Mapping[str, Parts],
                  after: Mapping[str, Parts]) -> list[tuple[str, str, Parts]]:
    """The rows worth writing: articles whose parts differ from the cached ones (new, revised, recued)."""
    return [(a.id, digests[a.id], after[a.id]) for a in articles
            if a.id in after and after[a.id] != before.get(a.id)]


def merged(parts: Iterable[Parts]) -> dict[str, Any]:
    known: dict[str, Any] = {}
    for one in parts:
        known.update(one)
    return known
