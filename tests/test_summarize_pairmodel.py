"""The learned path of same-fact links (akhbar/summarize/pairmodel.py, issue 20)."""

from __future__ import annotations

import json

import pytest

from akhbar.summarize.anchors import pair_flags
from akhbar.summarize.pairmodel import FEATURES, OFF, from_json, pair_features, shipped_model
from akhbar.summarize.samefact import RULE_ONLY, SHIPPED, Told, key_overlap, read_all, same_fact


def _told(own: str, shared: float = 0.6, **parts: frozenset[str]) -> Told:
    """A sentence sharing ``shared`` of its weight (the stem "x") with any other made here."""
    return Told({"x": shared, own: 1 - shared}, parts.get("speaker", frozenset()), parts.get("figures", frozenset()),
                parts.get("actor", frozenset()), bool(parts.get("question")))


def test_the_shipped_model_loads_with_its_features_and_threshold() -> None:
    model = shipped_model()
    assert model is not None
    assert model.features == FEATURES
    assert 0.5 <= model.threshold < 1
    assert from_json(json.loads(json.dumps(model.as_json()))) == model
    assert SHIPPED.model_threshold is None and RULE_ONLY.model_threshold == OFF


def test_a_model_over_other_features_is_refused() -> None:
    model = shipped_model()
    assert model is not None
    obj = model.as_json() | {"features": [*FEATURES[:-1], "entities"]}
    with pytest.raises(ValueError, match=r"samefact_model\.json"):
        from_json(obj)


def test_more_shared_weight_characters_and_other_words_score_higher() -> None:
    model = shipped_model()
    assert model is not None
    a, b = _told("a"), _told("b")
    low = model.probability(pair_features(0.2, 0.2, 0.3, 0.4, pair_flags(a, b)))
    assert model.probability(pair_features(0.4, 0.2, 0.3, 0.4, pair_flags(a, b))) > low
    assert model.probability(pair_features(0.2, 0.4, 0.3, 0.4, pair_flags(a, b))) > low
    assert model.probability(pair_features(0.2, 0.2, 0.5, 0.4, pair_flags(a, b))) > low


def test_the_model_links_what_the_rule_keeps_apart_but_never_two_figures_or_a_question() -> None:
    # One speaker named two ways («أعلن الرئيس الأمريكي» / «وقال ترامب»): the rule's speaker veto keeps
    # the pair apart; the words, characters and other words all agree, and the model links it.
    president, trump = _told("a", speaker=frozenset({"رييس", "امريك"})), _told("b", speaker=frozenset({"ترامب"}))
    assert key_overlap(president, trump) == pytest.approx(0.6)
    assert not same_fact(president, trump, chars=0.6, soft=0.8, rule=RULE_ONLY)
    assert same_fact(president, trump, chars=0.6, soft=0.8, rule=SHIPPED)
    assert not same_fact(president, trump, chars=0.2, soft=0.3, rule=SHIPPED)  # too little agrees
    # 53 dead and 25 dead are two tolls however alike the words; a question tells no fact
    tolls = _told("a", figures=frozenset({"53"})), _told("b", figures=frozenset({"25"}))
    assert not pair_flags(*tolls).readable
    assert not same_fact(*tolls, chars=0.9, soft=0.95, rule=SHIPPED)
    asked = _told("b", question=frozenset({"?"}))
    assert not same_fact(president, asked, chars=0.9, soft=0.95, rule=SHIPPED)
    # below the soft gate the model is not asked
    assert not same_fact(_told("a", 0.05), _told("b", 0.05), chars=1.0, soft=1.0, rule=SHIPPED)


def test_features_read_the_anchors_of_real_sentences() -> None:
    a, b = read_all(["أعلن وزير البترول المصري، طارق الملا، رفع أسعار الوقود بنسبة 50 في المئة.",
                     "وقال الملا إن الحكومة رفعت أسعار المحروقات بنسبة 50 في المئة."])
    values = dict(zip(FEATURES, pair_features(key_overlap(a, b), 0.3, 0.4, 0.6, pair_flags(a, b)), strict=True))
    assert values["speaker"] == 1.0 and values["figures"] == 1.0 and values["speaker_conflict"] == 0.0
    assert values["shared"] == pytest.approx(key_overlap(a, b)) and values["contained"] == 0.6


def test_the_ceiling_bounds_every_pair_with_those_measures() -> None:
    import numpy as np

    model = shipped_model()
    assert model is not None
    rng = np.random.default_rng(1)
    measures = rng.random((200, 4))
    ceiling = model.ceiling(measures[:, 0], measures[:, 1], measures[:, 2], measures[:, 3])
    for values, top in zip(measures.tolist(), ceiling.tolist(), strict=True):
        for flags in rng.integers(0, 2, size=(8, len(FEATURES) - 4)).tolist():
            assert model.probability([*values, *map(float, flags)]) <= top + 1e-12
