"""Reads the web page needs that :class:`~akhbar.store.Store` has no method for (kept apart from store.py,
which the story tables' owner edits): full-text hits with their BM25 score and their story.

Added for the page's search (issue 21): stories ranked by relevance, not by date. The SQL stays in
``akhbar/store``; the ranking of stories from these hits is decided in :mod:`akhbar.serve.search`.
"""

from __future__ import annotations

from dataclasses import dataclass

from akhbar.store.store import Store
from akhbar.text.tokens import match_stems


@dataclass(frozen=True, slots=True)
class ArticleHit:
    """An article that holds every word searched for, its story, and how well it matches (higher is better:
    FTS5's bm25() negated)."""

    article: str
    story: str
    score: float
    phrase: bool = False  # the words stand next to each other, in the order given


def article_hits(store: Store, text: str, *, title_weight: float, limit: int) -> list[ArticleHit]:
    """The ``limit`` best articles (in a story) holding every word of ``text`` (light stems of the
    match-normalized words, as :meth:`Store.search` compares them), by BM25 with the title column weighted
    ``title_weight`` times the body. Without FTS5 every hit scores 1 (the caller ranks by count)."""
    words = match_stems(text)
    if not words:
        return []
    db = store._db  # the store's own connection, read only
    if not store.fts:
        where = " AND ".join(["akhbar_match(COALESCE(a.title, '') || ' ' || a.body) LIKE ?"] * len(words))
        found = db.execute(f"SELECT a.id, s.story FROM articles a JOIN story_articles s ON s.article = a.id "
                           f"WHERE {where} ORDER BY a.date DESC LIMIT ?", (*[f"%{w}%" for w in words], limit))
        return [ArticleHit(str(r[0]), str(r[1]), 1.0) for r in found]
    every = " ".join(_quoted(word) for word in words)
    sql = ("SELECT a.id, s.story, bm25(articles_fts, ?, 1.0) FROM articles_fts f JOIN articles a ON a.seq = f.rowid "
           "JOIN story_articles s ON s.article = a.id WHERE articles_fts MATCH ? ORDER BY 3 LIMIT ?")
    rows = db.execute(sql, (title_weight, every, limit)).fetchall()
    phrase: set[str] = set()
    if len(words) > 1:
        together = _quoted(" ".join(words))
        phrase = {str(r[0]) for r in db.execute(
            "SELECT a.id FROM articles_fts f JOIN articles a ON a.seq = f.rowid WHERE articles_fts MATCH ? "
            "AND a.id IN (" + ",".join("?" * len(rows)) + ")", (together, *[r[0] for r in rows]))} if rows else set()
    return [ArticleHit(str(r[0]), str(r[1]), -float(r[2]), str(r[0]) in phrase) for r in rows]


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'
