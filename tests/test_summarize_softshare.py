"""Soft shares of two sentences, one by one and batched (akhbar/summarize/softshare.py, issue 20)."""

from __future__ import annotations

import numpy as np
import pytest

from akhbar.stories.wordvectors import word_vectors
from akhbar.summarize.samefact import _binary, read_all
from akhbar.summarize.softshare import batched_soft_shares, soft_share, soft_shares

SHORT = "رفعت الحكومة المصرية أسعار المحروقات."
LONG = ("قررت الحكومة المصرية رفع أسعار الوقود بنسب متفاوتة تجاوزت نصف الأسعار السابقة في إطار برنامج "
        "للإصلاح الاقتصادي يشمل تحرير سعر الصرف وخفض دعم الطاقة والمياه سنويا.")
OTHER = "فاز الممثل الإنجليزي بجائزة أفضل ممثل في الحفل السنوي."


def test_a_short_sentence_told_inside_a_long_one_is_contained() -> None:
    vectors = word_vectors()
    if vectors is None:
        pytest.skip("no word vectors shipped")
    short, long, other = read_all([SHORT, LONG, OTHER])
    smaller, larger = soft_shares(short.weights, long.weights, vectors)
    # the long sentence tells most of the short one; the short one tells little of the long one
    assert larger > 0.5 > smaller
    assert smaller == soft_share(short.weights, long.weights, vectors)
    assert soft_shares(long.weights, short.weights, vectors) == pytest.approx((smaller, larger))
    assert soft_shares(short.weights, other.weights, vectors)[1] < larger
    assert soft_shares(short.weights, long.weights, None)[1] < larger  # the same stems only


def test_the_batched_shares_are_the_shares_of_each_pair() -> None:
    vectors = word_vectors()
    if vectors is None:
        pytest.skip("no word vectors shipped")
    texts = [SHORT, LONG, OTHER, "وأعلنت وزارة البترول زيادة أسعار الوقود بأثر فوري صباح السبت."]
    readings = read_all(texts)
    stems, vocabulary = _binary(texts)
    n = len(texts)
    df = np.asarray(stems.sum(axis=0)).ravel()
    weights = (np.log((1 + n) / (1 + df)) + 1) ** 2  # the weights of read_all
    rows, cols = np.array([0, 0, 1, 2]), np.array([1, 3, 3, 3])
    smaller, larger = batched_soft_shares(stems, weights, vocabulary, rows, cols, vectors=vectors)
    for k, (i, j) in enumerate(zip(rows.tolist(), cols.tolist(), strict=True)):
        one = soft_shares(readings[i].weights, readings[j].weights, vectors)
        assert (smaller[k], larger[k]) == pytest.approx(one, abs=1e-5)
