"""Meaning-level overlap of two sentences: do they tell the same fact?

Surface cosine over TF-IDF stems misses the same fact in other words: the story's own words
(حلب، المعارضة) get a low IDF, so «رفض فصيلان ... اي اقتراح لاخراج مقاتليهما من الاحياء الشرقية»
and «لن تترك حلب ... انسحاب كامل لمقاتلي المعارضة من الأحياء الشرقية» score 0.12. Here a
sentence is read as the set of what it talks about:

- its content stems (:func:`akhbar.align.content_stems`: match-normalized, light-stemmed, stop
  words dropped), each weighted by its inverse document frequency among the batch's sentences
  (smoothed, so that the story's own words still count, only less than a rare detail);
- its figures (every token with a digit), which name one fact each (53 dead, a 7-day truce) and
  weigh twice a word of the same frequency.

The overlap of ``a`` and ``b`` is the weight of what they share over the weight of the smaller of
the two (containment): a short sentence that restates part of a long lead overlaps it fully.
Two sentences of one alignment group tell the same fact by construction (overlap 1); that rule
is applied by the callers, which know the groups.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from akhbar.align import content_stems
from akhbar.vectors import background_frequencies

_FIGURE_WEIGHT = 2.0


@dataclass(frozen=True, slots=True)
class FactTerms:
    """The weighted terms of one sentence (term -> weight)."""

    weights: Mapping[str, float]

    @property
    def total(self) -> float:
        return sum(self.weights.values())


def _terms(text: str) -> set[str]:
    return set(content_stems(text))


def _is_figure(term: str) -> bool:
    return any(ch.isdigit() for ch in term)


def document_frequencies(texts: Iterable[str], *, background: bool = False) -> tuple[Counter[str], int]:
    """How many of ``texts`` hold each content stem, and how many texts there are.

    With ``background``, an archive's counts are added: five articles cannot tell a story's own
    words (حلب، المعارضة، انسحاب) from its details, an archive of thousands can, so the words
    every outlet of the story shares stop hiding that two sentences tell the same event.
    """
    df: Counter[str] = Counter()
    n = 0
    for text in texts:
        df.update(_terms(text))
        n += 1
    if background:
        # Only the batch's own terms are ever weighed: add the archive's counts to those, rather
        # than copy the whole archive table for every story.
        table, documents = background_frequencies()
        n += documents
        for term in df:
            df[term] += table.get(term, 0)
    return df, n


def fact_terms(text: str, df: Mapping[str, int], n: int) -> FactTerms:
    """``text``'s content stems weighted by ``log((1 + n) / (1 + df)) + 1``, figures doubled."""
    weights = {}
    for term in _terms(text):
        weight = math.log((1 + n) / (1 + df.get(term, 0))) + 1
        weights[term] = weight * (_FIGURE_WEIGHT if _is_figure(term) else 1.0)
    return FactTerms(weights)


def overlap(a: FactTerms, b: FactTerms) -> float:
    """Weight of the shared terms over the weight of the lighter sentence (0 when one is empty)."""
    smaller = min(a.total, b.total)
    if smaller <= 0:
        return 0.0
    shared = sum(w for t, w in a.weights.items() if t in b.weights)  # a term weighs the same in both
    return min(1.0, shared / smaller)


def said_share(terms: FactTerms, said: Mapping[str, float] | set[str]) -> float:
    """Share of ``terms``' weight that ``said`` (the terms of the sentences taken) already holds:
    1 when the sentence tells nothing new, whatever else the summary says."""
    total = terms.total
    if total <= 0:
        return 1.0
    return sum(w for t, w in terms.weights.items() if t in said) / total


def largest_overlap(summary: Sequence[str], context: Sequence[str]) -> float:
    """The largest overlap between two sentences of ``summary``; ``context`` (the articles'
    sentences) sets the frequencies. Quadratic in the summary's few sentences only."""
    df, n = document_frequencies([*context, *summary])
    terms = [fact_terms(s, df, n) for s in summary]
    return max((overlap(terms[i], terms[j]) for i in range(len(terms)) for j in range(i + 1, len(terms))),
               default=0.0)
