"""A learned second path for same-fact links: a logistic model over what the rule already reads.

The rule of :mod:`akhbar.summarize.samefact` links a pair when a few thresholds hold and no veto
(speakers, actors, figures) says two facts. Many pairs of one fact miss one threshold by a little
while the others agree, or meet a veto that a cheap reading got wrong: «أعلن الرئيس الأمريكي انسحاب
الولايات المتحدة من الاتفاق النووي» and «وقال ترامب: "أعلن اليوم انسحاب الولايات المتحدة ..."» name
one speaker two ways. A logistic regression over the pair's readings weighs them together; a
candidate pair the rule leaves apart is linked when the model's probability reaches the shipped
threshold. The rule's links stay: the model only adds.

Features (:data:`FEATURES`), all read for the index's candidate pairs by the rule already: the
shared rare weight, the character cosine, the soft share (other words, word vectors) and how much
of one sentence the other contains in other words (the larger of the two soft shares: a short
sentence told as part of a longer one; :mod:`akhbar.summarize.softshare`), the anchors
(a speaker word, an actor skeleton, the speaker of one as the actor of the other, a figure that
agrees) and the conflicts (speakers, actors that differ: weighed, not vetoes, since the readings are
cheap). Two figures that disagree and a question are never linked
(:attr:`akhbar.summarize.anchors.PairFlags.readable`).

The model (``resources/samefact_model.json``: the features' means and scales, the weights, the
intercept and the threshold) is trained by ``python scripts/train_samefact_model.py`` on the judged
DEV pairs of ``data/audit/paraphrase.jsonl`` only (:mod:`akhbar.eval.pairmodel`); it is read with
plain Python, no scikit-learn at run time.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

from akhbar.summarize.anchors import PairFlags

FEATURES = (
    "shared", "chars", "soft", "contained",
    "speaker", "actor", "speaker_actor", "figures", "speaker_conflict", "actor_conflict",
)
CONTINUOUS = 4  # the first four features are measures in [0, 1]; the others are 0/1
MODEL_FILE = "samefact_model.json"
OFF = 9.0  # a model threshold no probability reaches: the rule alone


@dataclass(frozen=True, slots=True)
class PairModel:
    """A logistic model over standardized :data:`FEATURES`, and the probability that links."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    intercept: float
    threshold: float

    def probability(self, values: Sequence[float]) -> float:
        z = self.intercept + sum(w * (v - m) / s for w, v, m, s in
                                 zip(self.weights, values, self.mean, self.scale, strict=True))
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0

    def ceiling(self, shared: np.ndarray, chars: np.ndarray, soft: np.ndarray, contained: np.ndarray) -> np.ndarray:
        """The highest probability each pair could reach given its four measures, every 0/1 feature
        at its most favourable value: a pair under the threshold here needs no reading (speakers,
        actors, figures are read in Python, the measures for all pairs at once)."""
        z = np.full(len(shared), self.intercept, dtype=np.float64)
        for k, values in enumerate((shared, chars, soft, contained)):
            z += self.weights[k] * (values - self.mean[k]) / self.scale[k]
        for w, m, s in zip(self.weights[CONTINUOUS:], self.mean[CONTINUOUS:], self.scale[CONTINUOUS:], strict=True):
            z += max(w * (0 - m) / s, w * (1 - m) / s)
        return 1.0 / (1.0 + np.exp(-np.clip(z, -700, 700)))

    def as_json(self) -> dict[str, Any]:
        return {"features": list(self.features), "mean": list(self.mean), "scale": list(self.scale),
                "weights": list(self.weights), "intercept": self.intercept, "threshold": self.threshold}


def from_json(obj: dict[str, Any]) -> PairModel:
    """A model from its JSON object; a model over other features than :data:`FEATURES` is an error."""
    model = PairModel(tuple(obj["features"]), tuple(map(float, obj["mean"])), tuple(map(float, obj["scale"])),
                      tuple(map(float, obj["weights"])), float(obj["intercept"]), float(obj["threshold"]))
    if model.features != FEATURES or not (len(model.mean) == len(model.scale) == len(model.weights) == len(FEATURES)):
        raise ValueError(f"{MODEL_FILE}: the model's features {model.features} are not {FEATURES}")
    if any(s <= 0 for s in model.scale):
        raise ValueError(f"{MODEL_FILE}: a feature scale is not positive")
    return model


@cache
def shipped_model() -> PairModel | None:
    """The shipped model, or None when the package has none (then the rule decides alone)."""
    path = resources.files("akhbar.resources").joinpath(MODEL_FILE)
    if not path.is_file():
        return None
    return from_json(json.loads(path.read_text(encoding="utf-8")))


def pair_features(shared: float, chars: float, soft: float, contained: float, flags: PairFlags) -> list[float]:
    """The :data:`FEATURES` of a pair, in order (booleans as 0/1): its four measures and its
    :func:`akhbar.summarize.anchors.pair_flags`."""
    return [shared, chars, soft, contained, float(flags.speaker), float(flags.actor), float(flags.speaker_actor),
            float(flags.figures), float(flags.speaker_conflict), float(flags.actor_conflict)]
