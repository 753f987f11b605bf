"""Multi-document summary: rank aligned groups, pick without redundancy, fit a word budget, cite.

Units are the alignment groups plus every sentence that no other outlet repeats. A unit scores
by centrality (LexRank over the stem-similarity graph), overlap with its article's title,
coverage (how many independent articles carry it) and position (news puts the most important
fact first); a penalty hits sentences that lean on the previous one (`وأضاف ...`). Units are
taken greedily by score, skipping any that is too similar to one already taken (the MMR rule
with a hard threshold) or that would overflow the budget. The result is ordered by where its
facts appear in the articles. Single-article and multi-article batches use different weights
(`[summary]` and `[multi_summary]` in the configuration).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from akhbar.align import SentenceVectors, content_stems, pair_products
from akhbar.blocking import similarity_graph
from akhbar.config import AlignConfig, SummaryConfig
from akhbar.records import Group, Sentence, SummaryItem
from akhbar.resources import resource_lines
from akhbar.text.normalize import normalize

_DAMPING = 0.85
_GRAPH_THRESHOLD = 0.1


@dataclass(frozen=True, slots=True)
class Unit:
    """A candidate for the summary: one fact and the sentences (of one or more articles) carrying it."""

    members: tuple[int, ...]  # indexes into the sentence list
    representative: int
    score: float
    position: float  # relative position of the earliest member in its article (0 = lead)


def dangling_openers() -> tuple[str, ...]:
    return resource_lines("dangling_openers.txt")


def is_dangling(text: str) -> bool:
    head = normalize(text)
    return any(head == opener or head.startswith((opener + " ", opener + "،", opener + ":"))
               for opener in dangling_openers())


def word_count(text: str) -> int:
    return len(text.split())


def lexrank(similarity: sparse.csr_matrix, *, iterations: int = 50) -> np.ndarray:
    """Stationary distribution of the thresholded, row-normalized similarity graph (sparse)."""
    n = similarity.shape[0]
    if n == 0:
        return np.zeros(0)
    graph = similarity.copy().tocsr()
    graph.data[graph.data < _GRAPH_THRESHOLD] = 0
    graph.eliminate_zeros()
    degree = np.asarray(graph.sum(axis=1)).ravel()
    degree[degree == 0] = 1
    transition = sparse.diags(1 / degree) @ graph
    scores = np.full(n, 1 / n)
    for _ in range(iterations):
        updated = (1 - _DAMPING) / n + _DAMPING * (transition.T @ scores)
        if np.abs(updated - scores).sum() < 1e-8:
            return updated
        scores = updated
    return scores


def position_prior(index: int, relative: float, decay: float) -> float:
    """How much news puts its most important facts first: 1 for the lead sentence.

    With ``decay`` 0 the prior falls linearly over the article (relative position); with a
    positive ``decay`` it falls as ``1 / (1 + index) ** decay`` of the sentence's index, so that
    the lead stands out even in a long article.
    """
    if decay <= 0:
        return 1 - relative
    return float((1 + index) ** -decay)


def title_overlap(sentences: Sequence[Sentence], titles: Mapping[str, str | None]) -> np.ndarray:
    """Share of its article's title content words that each sentence holds (0 without a title).

    A headline names the story; the sentences that restate it are what a standfirst says.
    """
    stems = {article: set(content_stems(title)) for article, title in titles.items() if title}
    out = np.zeros(len(sentences))
    for i, sentence in enumerate(sentences):
        title = stems.get(sentence.article)
        if title:
            out[i] = len(title & set(content_stems(sentence.text))) / len(title)
    return out


def _member_sets(sentences: Sequence[Sentence], groups: Sequence[Group]) -> list[tuple[int, ...]]:
    """Each group's sentence indexes, then every sentence that no group holds, alone."""
    index_of = {(s.article, s.index): i for i, s in enumerate(sentences)}
    member_sets = [tuple(index_of[(s.article, s.index)] for s in group.sentences) for group in groups]
    grouped = {i for members in member_sets for i in members}
    return member_sets + [(i,) for i in range(len(sentences)) if i not in grouped]


def build_units(
    sentences: Sequence[Sentence], groups: Sequence[Group], vectors: SentenceVectors, *,
    config: SummaryConfig, titles: Mapping[str, str | None] | None = None,
) -> list[Unit]:
    lengths: dict[str, int] = {}
    for s in sentences:
        lengths[s.article] = max(lengths.get(s.article, 0), s.index + 1)
    n_articles = len(lengths)
    centrality = lexrank(similarity_graph(vectors.stems, min_similarity=_GRAPH_THRESHOLD))
    if centrality.size and centrality.max() > 0:
        centrality = centrality / centrality.max()
    # Each sentence's own merit; a unit takes its best member's.
    merit = (config.centrality_weight * centrality
             + config.title_weight * title_overlap(sentences, titles or {})
             - config.dangling_penalty * np.array([is_dangling(s.text) for s in sentences], dtype=float))
    units = []
    for members in _member_sets(sentences, groups):
        eligible = [i for i in members if _eligible(sentences[i].text, config)]
        representative = max(eligible or members, key=lambda i: (merit[i], -sentences[i].index))
        articles = {sentences[i].article for i in members}
        position = min(sentences[i].index / lengths[sentences[i].article] for i in members)
        first_index = min(sentences[i].index for i in members)
        coverage = (len(articles) - 1) / (n_articles - 1) if n_articles > 1 else 0.0
        score = (float(merit[list(members)].max())
                 + config.coverage_weight * coverage
                 + config.position_weight * position_prior(first_index, position, config.position_decay))
        if not eligible:
            score = -np.inf
        units.append(Unit(members, representative, score, position))
    return units


def _eligible(text: str, config: SummaryConfig) -> bool:
    words = word_count(text)
    return config.min_words <= words <= config.max_words and not text.rstrip().endswith(":")


def select(
    units: Sequence[Unit], sentences: Sequence[Sentence], vectors: SentenceVectors, *, config: SummaryConfig
) -> list[Unit]:
    """Greedy MMR under the word budget.

    At each step the unit with the best gain is taken: its score, plus a bonus for the share of
    its articles not cited yet (a multi-outlet summary should hear from every outlet), minus its
    largest similarity to what is taken. A unit above the redundancy threshold is never taken.
    """
    stems = vectors.stems
    words = np.array([word_count(sentences[u.representative].text) for u in units])
    scores = np.array([u.score for u in units]) - config.length_weight * words / max(config.max_words, 1)
    sources = [{sentences[i].article for i in u.members} for u in units]
    open_units = [i for i in range(len(units)) if np.isfinite(units[i].score)]
    chosen: list[int] = []
    cited: set[str] = set()
    max_sim = np.zeros(len(units))
    used = 0
    while open_units:
        fits = [i for i in open_units if used + words[i] <= config.words and max_sim[i] <= config.redundancy_threshold]
        if not fits:
            break
        gains = [scores[i] + config.novelty_weight * len(sources[i] - cited) / len(sources[i])
                 - config.mmr_weight * max_sim[i] for i in fits]
        best = fits[int(np.argmax(gains))]
        chosen.append(best)
        cited |= sources[best]
        used += int(words[best])
        open_units.remove(best)
        reps = [units[i].representative for i in open_units]
        if reps:
            sims = (stems[reps] @ stems[units[best].representative].T).toarray().ravel()
            for i, sim in zip(open_units, sims, strict=True):
                max_sim[i] = max(max_sim[i], sim)
    return sorted((units[i] for i in chosen), key=lambda u: (u.position, u.representative))


def cited_articles(
    representative: int, members: Sequence[int], sentences: Sequence[Sentence], vectors: SentenceVectors, *,
    align: AlignConfig,
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Articles holding the sentence or a near copy of it, and the others of its group.

    A member is a near copy when it matches the representative character for character (cosine
    of character n-grams) or holds most of its word trigrams: a citation then means the cited
    article really says it in (nearly) these words, and a paraphrase is only "related".
    """
    others = [m for m in members if m != representative]
    held = {sentences[representative].article}
    if others:
        rows = np.full(len(others), representative)
        cols = np.array(others)
        chars = pair_products(vectors.chars, rows, cols)
        shared = pair_products(vectors.shingles, rows, cols)
        own = max(float(vectors.shingles[representative].sum()), 1.0)
        near = (chars >= align.near_threshold) | (shared / own >= align.containment_threshold)
        held |= {sentences[m].article for m, is_near in zip(others, near, strict=True) if is_near}
    related = {sentences[m].article for m in others} - held
    return tuple(sorted(held)), tuple(sorted(related))


def summarize(
    sentences: Sequence[Sentence], groups: Sequence[Group], vectors: SentenceVectors, *,
    config: SummaryConfig, titles: Mapping[str, str | None] | None = None, align: AlignConfig | None = None,
) -> list[SummaryItem]:
    """The summary: each item is one sentence as an outlet wrote it, citing every article holding it."""
    units = build_units(sentences, groups, vectors, config=config, titles=titles)
    items = []
    for unit in select(units, sentences, vectors, config=config):
        sentence = sentences[unit.representative]
        sources, related = cited_articles(unit.representative, unit.members, sentences, vectors,
                                          align=align or AlignConfig())
        items.append(SummaryItem(sentence.text, sources, sentence, float(unit.score), related))
    return items
