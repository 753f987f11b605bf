"""The duplicate index kept in the store: what the watcher looks up instead of holding every article's
LSH bands and shingles in memory.

For each new article, inside the write transaction that stores it: the article indexed first with its
exact key (``dedup_texts``), else the articles filed under one of its band keys (``dedup_bands``, an
indexed table), whose stored shingles alone are read to verify them. The decision is
:func:`akhbar.stories.dedup.match_sketch`, the links :func:`~akhbar.stories.dedup.duplicate_link`:
the same functions as the in-memory :class:`~akhbar.stories.dedup.DuplicateIndex`, so both give the
same links. Duplicate sets are read from the stored links (every member links to its set's original),
so no union-find is kept either.

The rows are written in the article's transaction: a kill loses them with it, and two writers (each
transaction taking the write lock whole) see each other's articles. A file from before the index
(schema version 2) is filed once, in ingest order, by :func:`build_if_needed`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from akhbar.config import DedupConfig
from akhbar.store.articles import chunks
from akhbar.store.schema import DEDUP_NEEDS_BUILD
from akhbar.store.store import Store
from akhbar.stories.dedup import Match, Sketch, duplicate_link, lsh_shape, match_sketch, order_key
from akhbar.stories.records import DuplicateLink

_CHUNK = 400  # ids per IN (...) list: under SQLite's variable limit


@dataclass(frozen=True, slots=True)
class Indexed:
    """What indexing a batch did: the links it made or moved, and the batch's articles that copy an
    article indexed before them (as :attr:`DuplicateIndex.copies_`)."""

    changed: list[DuplicateLink]
    copies: frozenset[str]


class StoredCandidates:
    """:class:`akhbar.stories.dedup.Candidates` read from the store's tables."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def same_text(self, exact_key: str) -> str | None:
        row = self.db.execute("SELECT article FROM dedup_texts WHERE exact_key = ?", (exact_key,)).fetchone()
        return None if row is None else str(row[0])

    def in_bands(self, keys: Sequence[int]) -> Iterable[str]:
        marks = ",".join("?" * len(keys))
        return [str(row[0]) for row in
                self.db.execute(f"SELECT DISTINCT article FROM dedup_bands WHERE band IN ({marks})", tuple(keys))]

    def shingles(self, articles: Collection[str]) -> Mapping[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        for chunk in chunks(sorted(articles), _CHUNK):
            marks = ",".join("?" * len(chunk))
            for article, shingles in self.db.execute(
                    f"SELECT article, shingles FROM sketches WHERE article IN ({marks})", chunk):
                found[str(article)] = np.frombuffer(bytes(shingles), dtype="<u8")
        return found


def _db(store: Store) -> sqlite3.Connection:
    return store._db  # the store's own tables, written inside its transaction (as store/line_state.py reads)


def index_sketches(store: Store, sketches: Iterable[Sketch], config: DedupConfig) -> Indexed:
    """File ``sketches`` (of articles just stored, in ingest order) and store the links they make or move;
    inside the caller's transaction."""
    db = _db(store)
    bands, rows = lsh_shape(num_perm=config.num_perm, threshold=config.lsh_threshold)
    candidates = StoredCandidates(db)
    before: dict[str, DuplicateLink | None] = {}  # each touched article's link before this batch
    copies = set()
    with store.transaction():
        for sketch in sketches:
            match = match_sketch(sketch, candidates, bands=bands, rows=rows, near_duplicate=config.near_duplicate)
            _file(db, sketch, match)
            if match.copies:
                copies.add(sketch.article)
                _join(db, sketch.article, match.copies, before)
        changed = []
        for article in sorted(before):
            now = _link_of(db, article)
            if now is not None and now != before[article]:
                changed.append(now)
    return Indexed(changed, frozenset(copies))


def copies_among(store: Store, articles: Collection[str]) -> set[str]:
    """Which of ``articles`` copied an article indexed before them."""
    found: set[str] = set()
    for chunk in chunks(sorted(articles), _CHUNK):
        marks = ",".join("?" * len(chunk))
        found.update(str(row[0]) for row in
                     _db(store).execute(f"SELECT article FROM dedup_copies WHERE article IN ({marks})", chunk))
    return found


def build_if_needed(store: Store, config: DedupConfig) -> bool:
    """File every stored sketch, in ingest order, when the file predates the index (its links are stored
    already: only the index is made). Whether it was needed."""
    if store.setting(DEDUP_NEEDS_BUILD) is None:
        return False
    db = _db(store)
    bands, rows = lsh_shape(num_perm=config.num_perm, threshold=config.lsh_threshold)
    with store.transaction():
        if store.setting(DEDUP_NEEDS_BUILD) is None:  # another writer did it while this one waited
            return False
        for table in ("dedup_bands", "dedup_texts", "dedup_copies"):
            db.execute(f"DELETE FROM {table}")
        candidates = StoredCandidates(db)
        for sketch in _stored_sketches(db):
            _file(db, sketch, match_sketch(sketch, candidates, bands=bands, rows=rows,
                                           near_duplicate=config.near_duplicate))
        db.execute("DELETE FROM settings WHERE key = ?", (DEDUP_NEEDS_BUILD,))
    return True


def _stored_sketches(db: sqlite3.Connection) -> Iterator[Sketch]:
    """Every stored sketch in ingest order, read in slices (the cursor is not held while the index is written)."""
    after = 0
    while True:
        rows = db.execute("SELECT a.seq, a.id, a.date, a.exact_key, s.signature, s.shingles FROM sketches s "
                          "JOIN articles a ON a.id = s.article WHERE a.seq > ? ORDER BY a.seq LIMIT 500",
                          (after,)).fetchall()
        if not rows:
            return
        after = int(rows[-1][0])
        yield from (Sketch(r[1], r[2], r[3], bytes(r[4]), bytes(r[5])) for r in rows)


def _file(db: sqlite3.Connection, sketch: Sketch, match: Match) -> None:
    if not match.exact:
        db.execute("INSERT OR IGNORE INTO dedup_texts VALUES (?, ?)", (sketch.exact_key, sketch.article))
    if match.bands:
        db.executemany("INSERT OR IGNORE INTO dedup_bands VALUES (?, ?)",
                       ((key, sketch.article) for key in match.bands))
    if match.copies:
        db.execute("INSERT OR IGNORE INTO dedup_copies VALUES (?)", (sketch.article,))


def _link_of(db: sqlite3.Connection, article: str) -> DuplicateLink | None:
    row = db.execute("SELECT article, original, kind, similarity FROM duplicates WHERE article = ?",
                     (article,)).fetchone()
    return None if row is None else DuplicateLink(*row)


def _join(db: sqlite3.Connection, article: str, copies: Sequence[str], before: dict[str, DuplicateLink | None]) -> None:
    """``article`` joins the duplicate sets of ``copies``: every member whose original changes is linked
    to the earliest member of the joined set (a set is its original, the earliest of its members, and the
    articles linking to it; so only the originals are compared, and only the sets that lose theirs read)."""
    roots = set()
    for copy in copies:
        link = _link_of(db, copy)
        roots.add(copy if link is None else link.original)
    facts = _facts(db, roots | {article})
    original = min(roots | {article}, key=lambda m: order_key(facts[m][0], m))
    moving = {article}
    for root in sorted(roots - {original}):
        moving.add(root)
        moving.update(str(row[0]) for row in db.execute("SELECT article FROM duplicates WHERE original = ?", (root,)))
    moving.discard(original)
    facts.update(_facts(db, moving - facts.keys()))
    shingles = _shingles(db, moving | {original})
    for member in sorted(moving | {original}):
        if member not in before:  # one lookup per member, not one per join
            before[member] = _link_of(db, member)
    db.execute("DELETE FROM duplicates WHERE article = ?", (original,))
    db.executemany("INSERT OR REPLACE INTO duplicates VALUES (?, ?, ?, ?)", (
        (link.article, link.original, link.kind, link.similarity) for link in (
            duplicate_link(member, original, same_text=facts[member][1] == facts[original][1],
                           shingles=shingles[member], original_shingles=shingles[original])
            for member in sorted(moving))))


def _facts(db: sqlite3.Connection, articles: Collection[str]) -> dict[str, tuple[str | None, str]]:
    """article -> (date, exact key)."""
    found: dict[str, tuple[str | None, str]] = {}
    for chunk in chunks(sorted(articles), _CHUNK):
        marks = ",".join("?" * len(chunk))
        for article, date, key in db.execute(f"SELECT id, date, exact_key FROM articles WHERE id IN ({marks})", chunk):
            found[str(article)] = (date, str(key))
    return found


def _shingles(db: sqlite3.Connection, articles: Collection[str]) -> Mapping[str, np.ndarray]:
    return StoredCandidates(db).shingles(articles)
