"""Entity-level evaluation, conlleval-style: a prediction counts only with exact span and type."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from akhbar.ner.data import chunks


@dataclass(frozen=True, slots=True)
class Score:
    label: str  # an entity type, or "micro"
    gold: int
    predicted: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class Evaluation:
    per_type: tuple[Score, ...]
    micro: Score
    token_accuracy: float


def evaluate(gold: Iterable[Sequence[str]], predicted: Iterable[Sequence[str]]) -> Evaluation:
    """Score BIO sequences pairwise; sentences must have equal lengths."""
    gold_n: Counter[str] = Counter()
    pred_n: Counter[str] = Counter()
    correct_n: Counter[str] = Counter()
    tokens = same = 0
    for g, p in zip(gold, predicted, strict=True):
        if len(g) != len(p):
            raise ValueError(f"sentence length mismatch: gold {len(g)} tokens, predicted {len(p)}")
        g_chunks, p_chunks = set(chunks(g)), set(chunks(p))
        gold_n.update(c.label for c in g_chunks)
        pred_n.update(c.label for c in p_chunks)
        correct_n.update(c.label for c in g_chunks & p_chunks)
        tokens += len(g)
        same += sum(a == b for a, b in zip(g, p, strict=True))
    labels = sorted(set(gold_n) | set(pred_n))
    per_type = tuple(Score(lab, gold_n[lab], pred_n[lab], correct_n[lab]) for lab in labels)
    micro = Score("micro", sum(gold_n.values()), sum(pred_n.values()), sum(correct_n.values()))
    return Evaluation(per_type, micro, same / tokens if tokens else 0.0)
