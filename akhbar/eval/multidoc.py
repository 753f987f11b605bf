"""Reference-free checks of a multi-document summary: redundancy, outlet coverage, citation precision.

Definitions (all stated so the numbers can be reproduced):

- tokens: ``match``-normalized words, lightly stemmed (:func:`akhbar.text.light_stem`);
- near copy: summary sentence ``s`` is *held* by article ``a`` when ``s``'s ``match`` tokens occur
  contiguously in ``a``'s body, when some sentence of ``a`` has cosine similarity >= 0.8
  (:data:`NEAR_COPY`) with ``s`` on token count vectors, or when at least half
  (:data:`SHARED_PASSAGE`) of ``s``'s word trigrams occur in ``a``'s body (a passage copied
  inside a longer or shorter sentence, as wire copy and shared quotes are);
- redundancy: the largest cosine similarity between two sentences of the summary, on TF-IDF
  vectors (sublinear tf, smooth idf fitted on every sentence of the cluster's articles); 0 for a
  summary of fewer than two sentences. Lower is better;
- meaning overlap: the largest overlap between two summary sentences by what they tell
  (:func:`akhbar.summarize.overlap.largest_overlap`: shared content stems weighted by rarity among
  the cluster's sentences, figures doubled, over the lighter sentence), or 1 when akhbar's
  alignment (default settings) puts the two in one group: the same fact in other words, which
  the surface measure above misses. Lower is better;
- coverage: how many distinct articles, and distinct outlets (``Article.source``, or the article
  id when the source is unknown), hold at least one summary sentence. For akhbar the same
  mapping is used (not its own citations), so that systems compare on one rule;
- citation precision (akhbar only): over every (summary item, cited article) pair, the share whose
  cited article holds the item's sentence (near copy, >= 0.8); reported beside it, the looser share
  whose cited article has a sentence with cosine >= 0.5 (:data:`PARAPHRASE`: the same fact in
  other words, as akhbar's alignment groups paraphrases).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from akhbar.records import Article, SummaryItem
from akhbar.text import light_stem, match_stems, match_tokens, split_sentences

NEAR_COPY = 0.8
PARAPHRASE = 0.5
SHARED_PASSAGE = 0.5


def trigrams(tokens: Sequence[str]) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + 3]) for i in range(len(tokens) - 2)}



def cosine(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(v * b[k] for k, v in a.items() if k in b)
    return dot / math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))


class ArticleIndex:
    """The cluster's articles, ready to answer "which articles hold this sentence?"."""

    def __init__(self, articles: Sequence[Article], threshold: float = NEAR_COPY) -> None:
        self.articles = tuple(articles)
        self.threshold = threshold
        self._joined = {a.id: f" {' '.join(match_tokens(a.body))} " for a in self.articles}
        self._trigrams = {a.id: trigrams(match_tokens(a.body)) for a in self.articles}
        self._sentences = {a.id: [Counter(match_stems(s)) for s in split_sentences(a.body)]
                           for a in self.articles}
        self.outlet = {a.id: a.source or a.id for a in self.articles}

    def holds(self, article_id: str, sentence: str, threshold: float | None = None) -> bool:
        tokens = match_tokens(sentence)
        if not tokens or article_id not in self._joined:
            return False
        if f" {' '.join(tokens)} " in self._joined[article_id]:
            return True
        own = trigrams(tokens)
        if own and len(own & self._trigrams[article_id]) >= SHARED_PASSAGE * len(own):
            return True
        vector = Counter(light_stem(t) for t in tokens)
        limit = self.threshold if threshold is None else threshold
        return any(cosine(vector, other) >= limit for other in self._sentences[article_id])

    def holders(self, sentence: str) -> list[str]:
        return [a.id for a in self.articles if self.holds(a.id, sentence)]


def redundancy(summary: Sequence[str], articles: Sequence[Article]) -> float:
    """Largest pairwise TF-IDF cosine between summary sentences (IDF from the cluster's sentences)."""
    if len(summary) < 2:
        return 0.0
    corpus = [s for a in articles for s in split_sentences(a.body)] + list(summary)
    vectorizer = TfidfVectorizer(analyzer=match_stems, sublinear_tf=True)
    vectorizer.fit(corpus)
    matrix = vectorizer.transform(list(summary))
    sims = (matrix @ matrix.T).toarray()
    np.fill_diagonal(sims, 0.0)
    return float(sims.max())


@dataclass(frozen=True, slots=True)
class ClusterGroups:
    """A cluster's sentences and akhbar's alignment groups of them (default settings), keyed by
    ``match`` tokens: computed once per cluster, shared by every system's meaning overlap."""

    sentences: tuple[str, ...]
    group_of: dict[str, int]


def cluster_groups(articles: Sequence[Article]) -> ClusterGroups:
    from akhbar.align import align, vectorize
    from akhbar.config import AlignConfig
    from akhbar.pipeline import split_articles

    sentences = split_articles(articles)
    groups = align(sentences, vectorize(sentences), config=AlignConfig())
    group_of = {" ".join(match_tokens(s.text)): k for k, g in enumerate(groups) for s in g.sentences}
    return ClusterGroups(tuple(s.text for s in sentences), group_of)


def meaning_overlap(summary: Sequence[str], articles: Sequence[Article],
                    groups: ClusterGroups | None = None) -> float:
    """Largest meaning-level overlap between two summary sentences (module docstring); ``groups``
    (:func:`cluster_groups` of ``articles``) spares re-aligning the cluster for each system."""
    from akhbar.summarize.overlap import largest_overlap

    if len(summary) < 2:
        return 0.0
    groups = groups or cluster_groups(articles)
    keys = [groups.group_of.get(" ".join(match_tokens(t))) for t in summary]
    told = [k for k in keys if k is not None]
    if len(told) != len(set(told)):
        return 1.0
    return largest_overlap(summary, groups.sentences)


@dataclass(frozen=True, slots=True)
class Coverage:
    articles: int
    outlets: int
    unmatched: int  # summary sentences no article holds (rewritten or invented text)


def coverage(summary: Sequence[str], index: ArticleIndex) -> Coverage:
    drawn: set[str] = set()
    unmatched = 0
    for sentence in summary:
        found = index.holders(sentence)
        drawn.update(found)
        unmatched += not found
    return Coverage(len(drawn), len({index.outlet[a] for a in drawn}), unmatched)


@dataclass(frozen=True, slots=True)
class CitationCheck:
    held: int
    cited: int
    paraphrased: int = 0  # cited pairs held at the looser PARAPHRASE threshold (includes ``held``)


def citation_precision(items: Sequence[SummaryItem], index: ArticleIndex) -> CitationCheck:
    held = cited = paraphrased = 0
    for item in items:
        for source in item.sources:
            cited += 1
            strict = index.holds(source, item.text)
            held += strict
            paraphrased += strict or index.holds(source, item.text, PARAPHRASE)
    return CitationCheck(held, cited, paraphrased)


@dataclass(frozen=True, slots=True)
class MultiDocScores:
    redundancy: float
    overlap: float
    articles: int
    outlets: int
    unmatched: int
    sentences: int
    words: int
    citations: CitationCheck | None = None


def check(summary: Sequence[str], articles: Sequence[Article],
          items: Sequence[SummaryItem] | None = None, groups: ClusterGroups | None = None) -> MultiDocScores:
    """All reference-free checks of one summary of ``articles`` (``items`` for citation precision;
    ``groups``, the cluster's :func:`cluster_groups`, computed once for every system)."""
    index = ArticleIndex(articles)
    cov = coverage(summary, index)
    return MultiDocScores(
        redundancy=redundancy(summary, articles), overlap=meaning_overlap(summary, articles, groups),
        articles=cov.articles, outlets=cov.outlets,
        unmatched=cov.unmatched, sentences=len(summary),
        words=sum(len(match_tokens(s)) for s in summary),
        citations=citation_precision(items, index) if items is not None else None,
    )
