"""Meaning-level overlap (akhbar.summarize.overlap): unit tests and properties."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from akhbar.summarize.overlap import document_frequencies, fact_terms, largest_overlap, overlap, said_share

WORDS = ["الجيش", "حلب", "المعارضة", "مجلس", "الأمن", "هدنة", "قتل", "53", "شخصا", "جنيف", "محادثات", "روسيا",
         "واشنطن", "انسحاب", "الأحياء", "الشرقية"]
sentences = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join)


def _terms(*texts: str):
    df, n = document_frequencies(texts)
    return [fact_terms(t, df, n) for t in texts]


def test_the_same_fact_in_other_words_overlaps_more_than_another_fact() -> None:
    lead = "رفضت المعارضة الانسحاب من الأحياء الشرقية في حلب بعد دعوة موسكو إلى محادثات مع واشنطن"
    same = "المعارضة لن تترك الأحياء الشرقية في حلب ردا على دعوة موسكو إلى محادثات مع واشنطن"
    other = "قتل 53 شخصا في قصف على الأحياء المحاصرة أمس"
    a, b, c = _terms(lead, same, other)
    assert overlap(a, b) > 0.5 > overlap(a, c)


def test_a_shared_figure_weighs_more_than_a_shared_word() -> None:
    # "53" and "حلب" are each held by two of the three sentences: the figure names the fact.
    a, b, c = _terms("قتل 53 شخصا في حلب", "أعلن الدفاع المدني 53 قتيلا", "أعلن الدفاع المدني تقدما في حلب")
    assert a.weights["53"] > a.weights["حلب"]
    assert overlap(a, b) > overlap(a, c) > 0


def test_largest_overlap_of_one_sentence_is_zero() -> None:
    assert largest_overlap(["قتل 53 شخصا في حلب"], ["قتل 53 شخصا في حلب"]) == 0.0


@given(sentences, sentences)
@settings(max_examples=60, deadline=None)
def test_overlap_is_symmetric_and_bounded(x: str, y: str) -> None:
    a, b = _terms(x, y)
    assert 0.0 <= overlap(a, b) == overlap(b, a) <= 1.0


@given(sentences)
@settings(max_examples=60, deadline=None)
def test_a_sentence_tells_nothing_new_after_itself(x: str) -> None:
    (a,) = _terms(x)
    if a.total > 0:
        assert overlap(a, a) == 1.0
        assert said_share(a, set(a.weights)) == 1.0
    assert said_share(a, set()) == (0.0 if a.total > 0 else 1.0)
