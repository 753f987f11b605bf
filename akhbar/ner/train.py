"""Training the CRF tagger with python-crfsuite, and the held-out split used to tune it.

Hyper-parameters are tuned on the last tenth of the *training* split (ANERcorp's split is
sequential, so a sequential held-out part mimics the train/test shift); the test split is
only ever used for the final report.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pycrfsuite

from akhbar.ner.data import Sentence
from akhbar.ner.features import Resources, sentence_features

Progress = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class TrainConfig:
    c1: float = 0.05
    c2: float = 0.01
    max_iterations: int = 250
    # Features seen once are mostly noise and would bloat the shipped model.
    min_feature_freq: int = 2


class _Trainer(pycrfsuite.Trainer):
    """Reports each L-BFGS iteration to a progress callback instead of printing."""

    def __init__(self, progress: Progress | None) -> None:
        super().__init__(verbose=False)
        self._progress = progress

    def on_iteration(self, log: str, info: dict) -> None:  # type: ignore[override]
        if self._progress is not None:
            self._progress(1)


def split_heldout(
    sentences: Sequence[Sentence], fraction: float = 0.1
) -> tuple[list[Sentence], list[Sentence]]:
    """The first ``1 - fraction`` of the sentences for training, the rest for tuning."""
    cut = int(len(sentences) * (1 - fraction))
    return list(sentences[:cut]), list(sentences[cut:])


def train_crf(
    sentences: Sequence[Sentence],
    resources: Resources,
    model_path: Path,
    config: TrainConfig = TrainConfig(),
    progress: Progress | None = None,
) -> None:
    """Train on ``sentences`` and write the crfsuite model to ``model_path``."""
    trainer = _Trainer(progress)
    for sent in sentences:
        trainer.append(sentence_features(sent.tokens, resources), list(sent.tags))
    trainer.select("lbfgs")
    trainer.set_params({
        "c1": config.c1,
        "c2": config.c2,
        "max_iterations": config.max_iterations,
        "feature.minfreq": config.min_feature_freq,
        "feature.possible_transitions": True,
    })
    model_path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model_path))
