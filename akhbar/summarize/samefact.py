"""Same fact, other words: links between sentences of different outlets that tell one fact.

The alignment (:mod:`akhbar.align`) groups sentences whose stem vectors are close (cosine 0.4); two
outlets telling one fact in their own words rarely get there. «قال زكريا ملاحفجي المسؤول الكبير
بالمعارضة السورية إن جماعات المعارضة أبلغت الولايات المتحدة أنها لن تترك حلب ...» and «وقال مسؤول
كبير في المعارضة السورية المسلحة يدعى زكريا ملاحفجي، إن الفصائل المقاتلة بحلب أبلغت مسؤولين
أمريكيين بأنها لن تترك المدينة ...» share a name, a verb and a refusal, not a wording. Two sentences
are linked here when

- their **key overlap** reaches ``threshold``: the share of the lighter sentence's weight that the
  other holds, each content stem weighed by the square of its rarity (batch and archive document
  frequencies, :mod:`akhbar.summarize.overlap`), so that a shared name or rare verb (ملاحفجي، أبلغت)
  counts far more than the story's own words (حلب، المعارضة، انسحاب);
- their **speakers** agree: when both sentences name who speaks (the words after an early reporting
  verb, up to «إن/أن» or a colon), they share a word of it; Lavrov and Malahfaji on the same talks
  are two facts;
- their **figures** agree: when both hold figures, they share one (53 dead and 25 dead are two tolls).

Candidates are the pairs of sentences of different outlets that share ``min_shared`` stems held by
at most ``max_df`` sentences (:func:`akhbar.blocking.candidate_pairs`), never all pairs; each is
scored once. The threshold was chosen on the dev split of the labelled audit pairs
(``data/audit/paraphrase.jsonl``, ``akhbar eval-paraphrase``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from akhbar.align import content_stems
from akhbar.blocking import candidate_pairs
from akhbar.records import Sentence
from akhbar.resources import resource_set
from akhbar.summarize.overlap import document_frequencies
from akhbar.text.normalize import normalize
from akhbar.vectors import binary

THRESHOLD = 0.45  # key overlap that links two sentences (dev split of data/audit/paraphrase.jsonl)
MIN_SHARED = 2
MAX_DF = 400
_VERB_WINDOW = 4  # a reporting verb this early opens the sentence's attribution
_SPEAKER_WORDS = 10
_COMPLEMENTIZERS = frozenset({"ان", "بان", "انه", "انها", "انهم", "بانه", "بانها"})


@dataclass(frozen=True, slots=True)
class Told:
    """What a sentence tells, for comparison: its stems with weights, its speaker's stems, its figures."""

    weights: Mapping[str, float]
    speaker: frozenset[str]
    figures: frozenset[str]

    @property
    def total(self) -> float:
        return sum(self.weights.values())


def speaker_stems(text: str) -> frozenset[str]:
    """Stems of who speaks: the words after an early reporting verb, up to «إن/أن», a colon or a
    quote (`قال زكريا ملاحفجي المسؤول ... إن` gives زكريا, ملاحفج, ...); empty when none is named."""
    words = normalize(text).split()
    verbs = resource_set("reporting_verbs.txt")
    for k, word in enumerate(words[:_VERB_WINDOW]):
        bare = word.strip("،,:.")
        if bare not in verbs and not (bare[:1] in "وف" and bare[1:] in verbs):
            continue
        if word.endswith(":"):
            return frozenset()
        phrase = []
        for following in words[k + 1:k + 1 + _SPEAKER_WORDS]:
            clean = following.strip("،,.\"'")
            if clean in _COMPLEMENTIZERS or following.startswith(("\"", "'")):
                break
            phrase.append(clean)
            if following.endswith(":"):
                break
        return frozenset(content_stems(" ".join(phrase)))
    return frozenset()


def _figures(stems: Sequence[str]) -> frozenset[str]:
    return frozenset(t for t in stems if any(ch.isdigit() for ch in t))


def told(text: str, df: Mapping[str, int], n: int) -> Told:
    """``text`` read for comparison: stems weighed by the square of ``log((1 + n) / (1 + df)) + 1``."""
    stems = content_stems(text)
    weights = {t: (math.log((1 + n) / (1 + df.get(t, 0))) + 1) ** 2 for t in set(stems)}
    return Told(weights, speaker_stems(text), _figures(stems))


def key_overlap(a: Told, b: Told) -> float:
    """Weight of what ``a`` and ``b`` share over the weight of the lighter (0 when one is empty)."""
    smaller = min(a.total, b.total)
    if smaller <= 0:
        return 0.0
    return min(1.0, sum(w for t, w in a.weights.items() if t in b.weights) / smaller)


def same_fact(a: Told, b: Told, *, threshold: float = THRESHOLD) -> bool:
    """Whether ``a`` and ``b`` tell one fact (module docstring)."""
    if a.speaker and b.speaker and not a.speaker & b.speaker:
        return False
    if a.figures and b.figures and not a.figures & b.figures:
        return False
    return key_overlap(a, b) >= threshold


def read_all(texts: Sequence[str], *, background: bool = True) -> list[Told]:
    """Every text read for comparison, with the batch's (and the archive's) frequencies."""
    df, n = document_frequencies(texts, background=background)
    return [told(t, df, n) for t in texts]


def candidate_links(sentences: Sequence[Sentence], outlets: Mapping[str, str] | None = None, *,
                    min_shared: int = MIN_SHARED, max_df: int = MAX_DF) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i < j) of sentences of different outlets sharing ``min_shared`` stems that at most
    ``max_df`` sentences hold: the only pairs ever scored."""
    if len(sentences) < 2:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    matrix = binary(set(content_stems(s.text)) for s in sentences)
    rows, cols = candidate_pairs(matrix, max_df=max_df, min_shared=min_shared)
    names = outlets or {}
    outlet = np.array([names.get(s.article, s.article) for s in sentences])
    other = outlet[rows] != outlet[cols]
    return rows[other], cols[other]


def same_fact_links(sentences: Sequence[Sentence], outlets: Mapping[str, str] | None = None, *,
                    threshold: float = THRESHOLD, readings: Sequence[Told] | None = None,
                    ) -> dict[int, tuple[int, ...]]:
    """For each sentence, the sentences of other outlets that tell its fact (by index, sorted)."""
    readings = readings if readings is not None else read_all([s.text for s in sentences])
    rows, cols = candidate_links(sentences, outlets)
    links: dict[int, list[int]] = {}
    for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
        if same_fact(readings[i], readings[j], threshold=threshold):
            links.setdefault(i, []).append(j)
            links.setdefault(j, []).append(i)
    return {i: tuple(sorted(js)) for i, js in links.items()}
