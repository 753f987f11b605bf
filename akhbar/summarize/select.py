"""Score-first selection (greedy MMR under the word budget) and the citations of a chosen unit."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from akhbar.align import SentenceVectors, pair_products
from akhbar.config import AlignConfig, SummaryConfig
from akhbar.records import Sentence
from akhbar.summarize.units import Unit, word_count


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


