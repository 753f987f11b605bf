import numpy as np
import pytest
from scipy import sparse

from akhbar.blocking import candidate_pairs, cross_pairs, similar_pairs, similarity_graph
from akhbar.vectors import binary, tfidf


def test_pairs_share_a_rare_term_and_common_terms_give_none():
    docs = [["common", "a"], ["common", "a"], ["common", "b"], ["common", "b", "c"], ["common"]]
    rows, cols = candidate_pairs(binary(docs), max_df=2)
    assert sorted(zip(rows.tolist(), cols.tolist(), strict=True)) == [(0, 1), (2, 3)]


def test_min_shared_counts_rare_terms():
    docs = [["x", "y"], ["x", "y"], ["x", "z"]]
    rows, cols = candidate_pairs(binary(docs), max_df=3, min_shared=2)
    assert list(zip(rows.tolist(), cols.tolist(), strict=True)) == [(0, 1)]


def test_pairs_grow_linearly_when_one_term_is_everywhere():
    n = 5_000
    docs = [["everywhere", f"own{i // 2}"] for i in range(n)]
    rows, _ = candidate_pairs(binary(docs), max_df=50)
    assert len(rows) == n // 2  # only the pairs sharing their own term, not n^2 / 2


def test_graph_equals_full_product_when_nothing_is_cut():
    rng = np.random.default_rng(0)
    docs = [[f"t{int(t)}" for t in rng.integers(0, 30, size=6)] for _ in range(40)]
    matrix = tfidf(docs)
    full = (matrix @ matrix.T).toarray()
    graph = similarity_graph(matrix, max_df=1_000).toarray()
    assert np.allclose(full, graph)
    assert sparse.issparse(similarity_graph(matrix))


def _brute_force(matrix, threshold, max_df, strict=False):
    """Score every candidate of candidate_pairs in full: what similar_pairs must return."""
    rows, cols = candidate_pairs(matrix, max_df=max_df)
    dots = np.asarray([matrix[r].multiply(matrix[c]).sum() for r, c in zip(rows, cols, strict=True)])
    keep = dots > threshold if strict else dots >= threshold
    return set(zip(rows[keep].tolist(), cols[keep].tolist(), strict=True)), dict(
        zip(zip(rows.tolist(), cols.tolist(), strict=True), dots.tolist(), strict=True))


@pytest.mark.parametrize("threshold", [0.0, 0.1, 0.3, 0.6])
@pytest.mark.parametrize("max_df", [3, 8, 1_000])
def test_similar_pairs_equal_scoring_every_candidate(threshold: float, max_df: int) -> None:
    rng = np.random.default_rng(1)
    # a few very common terms (cut by max_df) and many rarer ones, as in real sentences
    docs = [[f"c{int(t)}" for t in rng.integers(0, 3, size=3)] + [f"t{int(t)}" for t in rng.integers(0, 60, size=5)]
            for _ in range(120)]
    matrix = tfidf(docs)
    expected, dots = _brute_force(matrix, threshold, max_df)
    rows, cols, sims = similar_pairs(matrix, threshold=threshold, max_df=max_df, block_rows=7)
    assert set(zip(rows.tolist(), cols.tolist(), strict=True)) == expected
    assert np.allclose(sims, [dots[(r, c)] for r, c in zip(rows.tolist(), cols.tolist(), strict=True)])
    assert list(zip(rows, cols, strict=True)) == sorted(zip(rows, cols, strict=True))


def test_blocks_of_any_size_give_the_same_pairs() -> None:
    rng = np.random.default_rng(2)
    docs = [[f"t{int(t)}" for t in rng.integers(0, 40, size=4)] for _ in range(90)]
    matrix = binary(docs)
    whole = candidate_pairs(matrix, max_df=10, block_rows=1_000)
    for block in (1, 5, 64):
        parts = candidate_pairs(matrix, max_df=10, block_rows=block)
        assert all(np.array_equal(a, b) for a, b in zip(whole, parts, strict=True))


def test_cross_pairs_join_queries_to_the_index_only() -> None:
    matrix = binary([["a", "b"], ["z"], ["a", "x"], ["b", "y"], ["z", "b"], ["q"]])
    rows, cols = cross_pairs(matrix[:2], matrix[2:], max_df=5)
    assert list(zip(rows.tolist(), cols.tolist(), strict=True)) == [(0, 0), (0, 1), (0, 2), (1, 2)]
    rows, _ = cross_pairs(matrix[:2], matrix[2:], max_df=5, min_shared=2)
    assert len(rows) == 0


def test_similar_pairs_stay_linear_when_one_term_is_everywhere() -> None:
    """n rows sharing one ubiquitous term and pairwise one own term: n / 2 pairs, not n^2 / 2."""
    for n in (2_000, 8_000):
        docs = [["everywhere", f"own{i // 2}"] for i in range(n)]
        rows, _, sims = similar_pairs(tfidf(docs), threshold=0.0, max_df=50)
        assert len(rows) == n // 2
        assert np.all(sims > 0.5)
