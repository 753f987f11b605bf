"""The same-fact pair model (:mod:`akhbar.summarize.pairmodel`) trained and measured on judged pairs.

:func:`train` fits the shipped model on the judged DEV pairs: a logistic regression (scikit-learn,
C = ``C``, standardized features) on the candidate pairs the learned path reads (shared rare weight
from the soft gate on, no question, no figures that disagree); its threshold is the lowest
probability at which the rule's links plus the model's reach ``TARGET_PRECISION`` with the most
recall, read on out-of-story probabilities (each story scored by a model fitted on the others), not
on the pairs it was fitted on.

:func:`held_out_comparison` is the estimate for a story none of it was tuned on, on the same folds
for the rule alone and the rule with the model: for each dev story, the rule's thresholds are those
best on the other stories (:func:`akhbar.eval.audit_summary.held_out`), and the model is fitted and
its threshold chosen (as :func:`train` does, with an inner leave-one-story-out) on the other stories
only; the story's pairs are then scored, the counts summed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from akhbar.eval.audit_summary import HELD_OUT_GRID, LinkAudit, Scored, _merit, held_out
from akhbar.records import Article
from akhbar.summarize.anchors import pair_flags
from akhbar.summarize.pairmodel import FEATURES, PairModel, pair_features
from akhbar.summarize.samefact import RULE_ONLY, Rule, key_overlap

C = 1.0  # inverse regularization (dev, leave-one-story-out: 0.1, 0.3 and 1 give 60-68 true links, 15-16 false)
_THRESHOLDS = np.round(np.arange(1.0, -0.001, -0.01), 2)  # highest first: a tie keeps the stricter one
_DIGITS = 6  # the shipped file's precision


def features(scored: Sequence[Scored]) -> np.ndarray:
    """The :data:`FEATURES` of each judged pair, one row each."""
    rows = [pair_features(key_overlap(s.a, s.b), s.chars, s.soft, s.contained, pair_flags(s.a, s.b)) for s in scored]
    return np.array(rows, dtype=np.float64).reshape(len(rows), len(FEATURES))


def read_by_model(scored: Sequence[Scored], rule: Rule = RULE_ONLY) -> np.ndarray:
    """The pairs the learned path reads: sharing ``rule.soft_gate`` of rare weight, and
    :attr:`akhbar.summarize.anchors.PairFlags.readable` (no question, no figures that disagree)."""
    return np.array([key_overlap(s.a, s.b) >= rule.soft_gate and pair_flags(s.a, s.b).readable for s in scored],
                    dtype=bool)


def fit(x: np.ndarray, y: np.ndarray, threshold: float = 0.5) -> PairModel:
    """A logistic regression on standardized features (scikit-learn, training only)."""
    from sklearn.linear_model import LogisticRegression

    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale <= 1e-6] = 1.0  # a feature constant in the training pairs (its weight is then 0)
    regression = LogisticRegression(C=C, max_iter=5000).fit((x - mean) / scale, y)
    return PairModel(FEATURES, _rounded(mean), _rounded(scale), _rounded(regression.coef_[0]),
                     round(float(regression.intercept_[0]), _DIGITS), threshold)


def _rounded(values: np.ndarray) -> tuple[float, ...]:
    return tuple(round(float(v), _DIGITS) for v in values)


def probabilities(model: PairModel, x: np.ndarray) -> np.ndarray:
    return np.array([model.probability(row) for row in x.tolist()])


def out_of_story(x: np.ndarray, y: np.ndarray, stories: np.ndarray, read: np.ndarray) -> np.ndarray:
    """Each readable pair's probability from a model fitted on the other stories' readable pairs
    (-1 for a pair the path does not read, or a story alone)."""
    out = np.full(len(y), -1.0)
    for story in np.unique(stories[read]):
        train, test = read & (stories != story), read & (stories == story)
        if len(np.unique(y[train])) < 2:
            continue
        out[test] = probabilities(fit(x[train], y[train]), x[test])
    return out


def choose_threshold(linked: np.ndarray, scores: np.ndarray, y: np.ndarray) -> float:
    """The probability at which the rule's links (``linked``) plus the pairs scoring that much do
    best (:func:`akhbar.eval.audit_summary._merit`: recall once precision reaches the target)."""
    return float(max(_THRESHOLDS, key=lambda t: _merit(_audit(linked | (scores >= t), y))))


def _audit(predicted: np.ndarray, y: np.ndarray) -> LinkAudit:
    return LinkAudit(int((predicted & y).sum()), int((predicted & ~y).sum()), int((~predicted & y).sum()),
                     int((~predicted & ~y).sum()))


def _arrays(scored: Sequence[Scored]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    return (features(scored), np.array([s.pair.same for s in scored], dtype=bool),
            np.array([s.pair.story for s in scored]), read_by_model(scored))


def train(scored: Sequence[Scored], rule: Rule = RULE_ONLY) -> PairModel:
    """The model to ship, fitted on ``scored`` (the dev pairs), its threshold chosen out of story."""
    x, y, stories, read = _arrays(scored)
    linked = np.array([s.predicted(rule) for s in scored], dtype=bool)
    threshold = choose_threshold(linked, out_of_story(x, y, stories, read), y)
    return replace(fit(x[read], y[read]), threshold=threshold)


def held_out_comparison(scored: Sequence[Scored], grid: Sequence[Rule] = HELD_OUT_GRID
                        ) -> tuple[LinkAudit, LinkAudit, dict[str, Rule]]:
    """The rule alone and the rule with the model, each story scored by what was chosen on the
    others (module docstring): (rule, rule + model, the rule chosen for each story)."""
    grid = [replace(rule, model_threshold=RULE_ONLY.model_threshold) for rule in grid]
    rule_only, chosen = held_out(scored, grid)
    x, y, stories, read = _arrays(scored)
    predicted = np.zeros(len(y), dtype=bool)
    for story, rule in chosen.items():
        train_rows = stories != story
        linked = np.array([s.predicted(rule) for s in scored], dtype=bool)
        inner = out_of_story(x, y, np.where(train_rows, stories, ""), read & train_rows)
        threshold = choose_threshold(linked[train_rows], inner[train_rows], y[train_rows])
        model = fit(x[read & train_rows], y[read & train_rows])
        test = stories == story
        scores = np.where(read[test], probabilities(model, x[test]), -1.0)
        predicted[test] = linked[test] | (scores >= threshold)
    return rule_only, _audit(predicted, y), chosen


def dev_stories(ant: Path) -> Mapping[str, Sequence[Article]]:
    """The DEV audit stories read from the ANT file as ``akhbar eval-paraphrase --split dev`` reads them."""
    from akhbar.config import load_config
    from akhbar.eval.audit_data import load_articles, read_stories

    return load_articles(ant, read_stories(None, "dev"), config=load_config(), errors=[])


def dev_scored(stories: Mapping[str, Sequence[Article]]) -> list[Scored]:
    """The judged pairs (``data/audit/paraphrase.jsonl``) of ``stories`` (the dev ones: the only pairs
    the model is trained on), read as ``eval-paraphrase`` reads them."""
    from akhbar.eval.audit_summary import read_pairs, scored_pairs

    return scored_pairs(stories, [p for p in read_pairs() if p.story in stories])[0]


def write_model(model: PairModel, path: Path) -> None:
    path.write_text(json.dumps(model.as_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
