"""The shipped word vectors: small, read with numpy alone, and near for words of one meaning."""

from __future__ import annotations

from importlib import resources

import numpy as np

from akhbar.stories.wordvectors import word_vectors
from akhbar.text import match_stems


def test_the_vectors_ship_small_with_their_notice():
    folder = resources.files("akhbar.resources").joinpath("vectors")
    assert folder.joinpath("stems.npz").is_file() and folder.joinpath("NOTICE.md").is_file()
    assert len(folder.joinpath("stems.npz").read_bytes()) <= 30_000_000


def test_rows_are_unit_vectors_of_stems():
    vectors = word_vectors()
    assert vectors is not None and len(vectors.index) > 10_000
    norms = np.linalg.norm(vectors.matrix[:100], axis=1)
    assert np.allclose(norms, 1.0, atol=1e-3)


def _near(a: str, b: str) -> float:
    vectors = word_vectors()
    assert vectors is not None
    (sa,), (sb,) = match_stems(a), match_stems(b)
    return float(vectors.matrix[vectors.index[sa]] @ vectors.matrix[vectors.index[sb]])


def test_words_of_one_meaning_are_nearer_than_unrelated_words():
    assert _near("اعتقل", "احتجز") > _near("اعتقل", "مسلسل") + 0.3
    assert _near("زلزال", "تسونامي") > _near("زلزال", "انتخابات") + 0.3


def test_embed_ignores_unknown_terms_and_returns_a_unit_vector():
    vectors = word_vectors()
    assert vectors is not None
    assert vectors.embed({"xyzxyz": 1.0}) is None
    (stem,) = match_stems("زلزال")
    embedded = vectors.embed({stem: 2.0, "xyzxyz": 1.0})
    assert embedded is not None and abs(float(np.linalg.norm(embedded)) - 1.0) < 1e-5
