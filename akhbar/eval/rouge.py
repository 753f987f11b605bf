"""ROUGE-1, ROUGE-2 and ROUGE-L for Arabic, on akhbar's ``match`` tokens.

Our own implementation: Google's ``rouge-score`` drops Arabic letters with its default
tokenizer, and ROUGE-1.5.5 is a Perl script. Choices, all stated:

- Tokens are :func:`akhbar.text.match_tokens` (diacritics removed, أ/إ/آ -> ا, ى -> ي, ة -> ه,
  Arabic-Indic digits -> ASCII; punctuation such as ، is never part of a token), optionally
  lightly stemmed with :func:`akhbar.text.light_stem`. No stop words are removed.
- ROUGE-N counts n-grams with clipping: a candidate n-gram matches at most as many times as it
  occurs in the reference. P = matches / candidate n-grams, R = matches / reference n-grams,
  F1 = 2PR / (P + R) (0 when both are 0).
- ROUGE-L is the longest common subsequence of the whole candidate and reference token
  sequences (``rougeL`` in rouge-score, not the sentence-union ``rougeLsum``).
- Several references, two named rules:
  ``max``: for each measure (R1, R2, RL) the reference with the highest F1 gives P, R and F1
  (rouge-score's ``score_multi``);
  ``avg``: P, R and F1 averaged over the references (macro average, each reference counts once).
- Confidence intervals: percentile bootstrap over clusters (resample clusters with replacement),
  numpy ``default_rng(seed)``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from akhbar.text import match_stems, match_tokens

MultiRefRule = Literal["max", "avg"]
MEASURES = ("rouge1", "rouge2", "rougeL")
RULES: tuple[MultiRefRule, ...] = ("max", "avg")


@dataclass(frozen=True, slots=True)
class Score:
    precision: float
    recall: float
    f1: float


ZERO = Score(0.0, 0.0, 0.0)


def rouge_tokens(text: str, *, stem: bool = False) -> list[str]:
    """The tokens ROUGE compares: ``match``-normalized words and numbers, optionally stemmed."""
    return match_stems(text) if stem else match_tokens(text)


def ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def _score(matches: float, candidate_total: float, reference_total: float) -> Score:
    precision = matches / candidate_total if candidate_total else 0.0
    recall = matches / reference_total if reference_total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1)


def rouge_n(candidate: Sequence[str], reference: Sequence[str], n: int) -> Score:
    """ROUGE-N with clipped counts on token sequences."""
    cand, ref = ngrams(candidate, n), ngrams(reference, n)
    matches = sum((cand & ref).values())  # Counter & keeps the minimum count: clipping
    return _score(matches, sum(cand.values()), sum(ref.values()))


def lcs_length(a: Sequence[str], b: Sequence[str]) -> int:
    """Length of the longest common subsequence (O(len(a) * len(b)) time, O(len(b)) memory)."""
    if not a or not b:
        return 0
    if len(a) < len(b):
        a, b = b, a
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b, start=1):
            current.append(previous[j - 1] + 1 if x == y else max(previous[j], current[j - 1]))
        previous = current
    return previous[-1]


def rouge_l(candidate: Sequence[str], reference: Sequence[str]) -> Score:
    return _score(lcs_length(candidate, reference), len(candidate), len(reference))


def score_tokens(candidate: Sequence[str], reference: Sequence[str]) -> dict[str, Score]:
    return {
        "rouge1": rouge_n(candidate, reference, 1),
        "rouge2": rouge_n(candidate, reference, 2),
        "rougeL": rouge_l(candidate, reference),
    }


def score(candidate: str, reference: str, *, stem: bool = False) -> dict[str, Score]:
    """ROUGE-1, ROUGE-2 and ROUGE-L of one candidate text against one reference text."""
    return score_tokens(rouge_tokens(candidate, stem=stem), rouge_tokens(reference, stem=stem))


def combine(per_reference: Sequence[Mapping[str, Score]], rule: MultiRefRule) -> dict[str, Score]:
    """Combine per-reference scores with the ``max`` (best F1) or ``avg`` (macro mean) rule."""
    if rule not in RULES:
        raise ValueError(f"unknown multi-reference rule {rule!r}; known: {RULES}")
    if not per_reference:
        return dict.fromkeys(MEASURES, ZERO)
    out: dict[str, Score] = {}
    for m in MEASURES:
        scores = [s[m] for s in per_reference]
        if rule == "max":
            out[m] = max(scores, key=lambda s: s.f1)
        else:
            k = len(scores)
            out[m] = Score(sum(s.precision for s in scores) / k, sum(s.recall for s in scores) / k,
                           sum(s.f1 for s in scores) / k)
    return out


def score_multi(
    candidate: str, references: Sequence[str], *, stem: bool = False
) -> dict[str, dict[str, Score]]:
    """Scores of ``candidate`` against several references, under both rules: ``{rule: {measure: Score}}``."""
    cand = rouge_tokens(candidate, stem=stem)
    per_ref = [score_tokens(cand, rouge_tokens(r, stem=stem)) for r in references]
    return {rule: combine(per_ref, rule) for rule in RULES}


@dataclass(frozen=True, slots=True)
class Interval:
    mean: float
    low: float
    high: float

    def as_dict(self) -> dict[str, float]:
        return {"mean": self.mean, "low": self.low, "high": self.high}


def bootstrap_ci(values: Sequence[float], *, samples: int = 1000, confidence: float = 0.95,
                 seed: int = 0) -> Interval:
    """Percentile bootstrap interval of the mean of per-cluster ``values`` (clusters resampled)."""
    data = np.asarray(values, dtype=float)
    if data.size == 0:
        return Interval(float("nan"), float("nan"), float("nan"))
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, data.size, size=(samples, data.size))
    means = data[idx].mean(axis=1)
    alpha = (1.0 - confidence) / 2.0
    low, high = np.quantile(means, [alpha, 1.0 - alpha])
    return Interval(float(data.mean()), float(low), float(high))


def paired_bootstrap(a: Sequence[float], b: Sequence[float], *, samples: int = 1000,
                     seed: int = 0) -> float:
    """Share of bootstrap resamples of clusters in which mean(a) > mean(b) (paired by cluster)."""
    x, y = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if x.size == 0 or x.size != y.size:
        raise ValueError("paired bootstrap needs two non-empty score lists of the same length")
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, x.size, size=(samples, x.size))
    return float(((x[idx] - y[idx]).mean(axis=1) > 0).mean())
