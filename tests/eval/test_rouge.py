from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from akhbar.eval.rouge import (
    bootstrap_ci,
    combine,
    lcs_length,
    paired_bootstrap,
    rouge_n,
    rouge_tokens,
    score,
    score_multi,
)


def test_identical_arabic_strings_score_one() -> None:
    text = "رفضت المعارضة السورية المسلحة مقترحا بالانسحاب من حلب."
    for s in score(text, text).values():
        assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0)


def test_arabic_comma_is_not_part_of_a_token() -> None:
    assert rouge_tokens("حلب،") == rouge_tokens("حلب") == ["حلب"]
    assert score("حلب،", "حلب")["rouge1"].f1 == 1.0


def test_hamza_on_alef_dropped_in_reference_still_matches() -> None:
    # EASC references mostly write اعلن for أعلن.
    assert score("أعلن الجيش", "اعلن الجيش")["rouge2"].f1 == 1.0
    assert score("إلى مدينة", "الى مدينه")["rouge2"].f1 == 1.0
    assert score("مستشفى", "مستشفي")["rouge1"].f1 == 1.0


def test_diacritics_and_digits_are_unified() -> None:
    assert score("قُتِلَ ٢٧ جندياً", "قتل 27 جنديا")["rouge2"].f1 == 1.0


def test_hand_computed_rouge1_and_rouge2() -> None:
    cand = "قصف الطيران حلب الشرقية"  # 4 tokens, 3 bigrams
    ref = "قصف الطيران الروسي حلب"  # 4 tokens, 3 bigrams
    s = score(cand, ref)
    # unigrams: قصف الطيران حلب match -> 3/4, 3/4
    assert s["rouge1"].precision == pytest.approx(0.75)
    assert s["rouge1"].recall == pytest.approx(0.75)
    # bigrams: (قصف الطيران) only -> 1/3
    assert s["rouge2"].precision == pytest.approx(1 / 3)
    assert s["rouge2"].recall == pytest.approx(1 / 3)
    # LCS = قصف الطيران حلب = 3
    assert s["rougeL"].recall == pytest.approx(0.75)
    assert s["rougeL"].f1 == pytest.approx(0.75)


def test_hand_computed_unequal_lengths() -> None:
    s = score("حلب", "المعارضة في حلب")
    assert s["rouge1"].precision == 1.0
    assert s["rouge1"].recall == pytest.approx(1 / 3)
    assert s["rouge1"].f1 == pytest.approx(0.5)
    assert s["rouge2"].f1 == 0.0  # the candidate has no bigram


def test_clipping_repeated_word() -> None:
    # "the the the" against "the cat": one match, not three.
    s = rouge_n(rouge_tokens("في في في"), rouge_tokens("في حلب"), 1)
    assert s.precision == pytest.approx(1 / 3)
    assert s.recall == pytest.approx(1 / 2)
    s2 = rouge_n(rouge_tokens("حلب حلب حلب"), rouge_tokens("حلب حلب"), 2)
    assert s2.precision == pytest.approx(1 / 2)
    assert s2.recall == pytest.approx(1.0)


def test_light_stemming_is_optional() -> None:
    assert score("المدينة", "مدينتها")["rouge1"].f1 == 0.0
    assert score("المدينة", "مدينتها", stem=True)["rouge1"].f1 == 1.0


def test_empty_inputs() -> None:
    s = score("", "حلب")
    assert s["rouge1"].f1 == 0.0
    assert lcs_length([], ["a"]) == 0


def test_lcs_known_value() -> None:
    assert lcs_length(list("ABCBDAB"), list("BDCABA")) == 4


def test_multi_reference_rules_named_and_different() -> None:
    cand = "قصف حلب"
    refs = ["قصف حلب", "هدنة في دمشق"]
    both = score_multi(cand, refs)
    assert both["max"]["rouge1"].f1 == 1.0
    assert both["avg"]["rouge1"].f1 == pytest.approx(0.5)
    assert both["avg"]["rouge1"].recall == pytest.approx(0.5)
    with pytest.raises(ValueError, match="unknown multi-reference rule"):
        combine([], "median")  # type: ignore[arg-type]


def test_bootstrap_ci_is_seeded_and_brackets_the_mean() -> None:
    values = [0.1, 0.2, 0.3, 0.4, 0.9, 0.5]
    a = bootstrap_ci(values, seed=3)
    b = bootstrap_ci(values, seed=3)
    assert a == b
    assert a.low <= a.mean <= a.high
    assert math.isclose(a.mean, sum(values) / len(values))
    assert math.isnan(bootstrap_ci([]).mean)
    assert paired_bootstrap([1.0, 1.0], [0.0, 0.0]) == 1.0


words = st.lists(st.sampled_from(["حلب", "قصف", "المعارضة", "في", "روسيا", "هدنة"]), max_size=12)


@given(words, words)
def test_scores_are_bounded_and_symmetric_f1(a: list[str], b: list[str]) -> None:
    x, y = score(" ".join(a), " ".join(b)), score(" ".join(b), " ".join(a))
    for m in x:
        assert 0.0 <= x[m].f1 <= 1.0
        assert x[m].f1 == pytest.approx(y[m].f1)
        assert x[m].precision == pytest.approx(y[m].recall)
