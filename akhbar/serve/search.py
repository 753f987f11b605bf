"""Stories ranked by how well they match a search, not by date.

The store gives each matching article its BM25 score (titles weighted, :func:`akhbar.store.reads.article_hits`);
a story scores the sum of its best few articles, so that a story many articles tell about the person searched
for outranks one that names them once, and one very relevant article is not drowned by a crowd of passing
mentions. Articles where the words stand together as written («محمد صلاح») count more than articles holding
both words apart (محمد رمضان in one sentence and صلاح in another).
"""

from __future__ import annotations

from collections.abc import Iterable

from akhbar.store.reads import ArticleHit

TITLE_WEIGHT = 4.0  # a word in the title says more about what the article is about than one in its body
BEST_ARTICLES = 3  # a story's score: the sum of its best this many articles
PHRASE_BOOST = 2.0  # an article holding the words together, in order, counts this much more
SEARCH_ARTICLES = 3000  # best articles read to rank the stories of one search


def rank_stories(hits: Iterable[ArticleHit], *, best: int = BEST_ARTICLES,
                 phrase_boost: float = PHRASE_BOOST) -> list[tuple[str, float]]:
    """Story ids with their scores, best first (ties by id, so the order is stable)."""
    scores: dict[str, list[float]] = {}
    for hit in hits:
        scores.setdefault(hit.story, []).append(hit.score * (phrase_boost if hit.phrase else 1.0))
    totals = {story: sum(sorted(found, reverse=True)[:best]) for story, found in scores.items()}
    return sorted(totals.items(), key=lambda item: (-item[1], item[0]))
