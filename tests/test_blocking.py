import numpy as np
from scipy import sparse

from akhbar.blocking import candidate_pairs, similarity_graph
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
