"""The feeds' SQL: each feed's polling state (the ``feeds`` table: conditional-GET validators, when it
was checked, when it is due, its failures) and what the watcher has read of each entry
(``feed_entries``: the entry's fingerprint and the article it became).

Functions over a :class:`~akhbar.store.Store` (its connection and transactions); they decide nothing.
``feed_entries`` is created here, on the watcher's first use of a file: it is the watcher's own
bookkeeping, which the batch commands never read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from akhbar.store.store import Store

_CHUNK = 500  # keys per query (SQLite allows 32,766 parameters; a feed lists tens of entries)

FEED_ENTRIES = """
CREATE TABLE IF NOT EXISTS feed_entries (
    feed TEXT NOT NULL,              -- the feed's url
    key TEXT NOT NULL,               -- the entry's guid (Atom id), else its canonical link
    article TEXT NOT NULL,           -- the stored article's id
    fingerprint TEXT NOT NULL,       -- of what the watcher read of the entry: a new one means read it again
    seen_at TEXT NOT NULL,
    PRIMARY KEY (feed, key)
) WITHOUT ROWID
"""


@dataclass(frozen=True, slots=True)
class FeedState:
    url: str
    outlet: str
    etag: str | None = None
    last_modified: str | None = None
    checked_at: str | None = None  # ISO 8601 UTC
    next_at: str | None = None  # ISO 8601 UTC: not polled before (a back-off, a Retry-After, the interval)
    failures: int = 0  # in a row
    last_error: str | None = None


def ensure_feed_tables(store: Store) -> None:
    with store.transaction():
        store._db.execute(FEED_ENTRIES)


def feed_states(store: Store) -> dict[str, FeedState]:
    rows = store._db.execute(
        "SELECT url, outlet, etag, last_modified, checked_at, next_at, failures, last_error FROM feeds")
    return {str(row[0]): FeedState(*row) for row in rows}


def put_feed_state(store: Store, state: FeedState) -> None:
    with store.transaction():
        store._db.execute(
            "INSERT OR REPLACE INTO feeds (url, outlet, etag, last_modified, checked_at, next_at, failures, last_error)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (state.url, state.outlet, state.etag, state.last_modified, state.checked_at, state.next_at,
             state.failures, state.last_error))


def entry_fingerprints(store: Store, feed_url: str, keys: Iterable[str]) -> dict[str, str]:
    """The fingerprints of what was read of the entries ``keys`` of the feed (those never read are absent).

    Only the entries asked for are looked up, through the ``(feed, key)`` primary key: a poll costs what
    its feed lists, however many entries the store holds."""
    wanted = sorted(set(keys))
    found: dict[str, str] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        found.update((str(key), str(fingerprint)) for key, fingerprint in store._db.execute(
            f"SELECT key, fingerprint FROM feed_entries WHERE feed = ? AND key IN ({marks})", (feed_url, *chunk)))
    return found


def put_entries(store: Store, feed_url: str, entries: Iterable[tuple[str, str, str]], *, at: str) -> None:
    """Record ``(key, article id, fingerprint)`` of entries read, in the caller's transaction."""
    with store.transaction():
        store._db.executemany("INSERT OR REPLACE INTO feed_entries VALUES (?, ?, ?, ?, ?)",
                              ((feed_url, key, article, fingerprint, at) for key, article, fingerprint in entries))


def stored_article(store: Store, *, article_id: str, guid: str | None,
                   canonical_url: str | None) -> tuple[str, str] | None:
    """``(id, outlet)`` of the stored article an entry is found as (same id, else same guid, else same
    canonical url, the order :meth:`Store.upsert_articles` looks in), or None if there is none."""
    queries = [("id = ?", article_id), ("guid = ?", guid), ("canonical_url = ?", canonical_url)]
    for where, value in queries:
        if value is None:
            continue
        row = store._db.execute(f"SELECT id, COALESCE(source, '') FROM articles WHERE {where} ORDER BY seq LIMIT 1",
                                (value,)).fetchone()
        if row is not None:
            return str(row[0]), str(row[1])
    return None
