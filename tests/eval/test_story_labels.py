"""The hand-labelled ANT stories: well formed, and the check that uses them (skips without ANT)."""

from __future__ import annotations

import pytest

from akhbar.config import load_config
from akhbar.eval.stories import SEED_STORY, evaluate, read_labels, score_split
from tests.data_paths import require_ant


def test_labels_are_well_formed():
    labels = read_labels()
    assert len(labels) >= 12
    assert {s.split for s in labels} == {"dev", "test"}
    ids = [i for s in labels for i in s.articles]
    assert len(ids) == len(set(ids))  # an article tells one story
    assert all(len(s.articles) >= 2 and len(s.reason) > 40 for s in labels)
    assert all(i.split("-")[0] in {"AL", "BB", "CN", "FR", "SK"} for i in ids)  # ANT ids only, never text


def test_read_labels_rejects_an_article_before_its_story():
    with pytest.raises(ValueError, match="expected"):
        read_labels("article\tnowhere\tX-1\n")


def test_score_split_counts_only_its_stories_and_the_seeds_on_test():
    labels = read_labels("story\ta\tdev\twhy\narticle\ta\tx1\narticle\ta\tx2\n"
                         "story\tb\ttest\twhy\narticle\tb\ty1\narticle\tb\ty2\n")
    predicted = {"x1": "s1", "x2": "s2", "y1": "s3", "y2": "s3", "seed": "s4", "other": "s3"}
    test = score_split(predicted, labels, "test", ["seed"], articles=6, stories=4)
    assert {name for name, _ in test.per_story} == {"b", SEED_STORY}
    assert test.scores.recall == 1.0 and test.strict.precision < 1.0
    dev = score_split(predicted, labels, "dev", ["seed"], articles=6, stories=4)
    assert dev.scores.recall == 0.5


def test_labelled_check_keeps_its_floor_on_ant():
    path = require_ant()
    result = evaluate(path, config=load_config(), split="test", distractors=500)
    # Floors below the README figures (5,000 distractors: P 1.000, R 0.768); fewer distractors are easier.
    assert result.scores.precision >= 0.95
    assert result.scores.recall >= 0.7
    assert dict(result.per_story)[SEED_STORY].recall == 1.0
