"""Candidate pairs without an all-pairs product: an inverted index whose long posting lists are cut.

Every stage that compares items (sentences in align and summarize, articles in stories, quotes and
figures in facts) asks this module for the pairs worth comparing, then scores only those pairs.
Two rows are candidates when they share a term that at most ``max_df`` rows hold. A term held by
more rows tells little about any one pair (a stop word, the story's own name, boilerplate), and
its posting list is what would make the product quadratic: with the cut, the pairs number at most
``max_df`` times the non-zeros of the matrix, so cost and memory grow linearly with the input.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

DEFAULT_MAX_DF = 400


def rare_columns(matrix: sparse.spmatrix, *, max_df: int) -> sparse.csr_matrix:
    """Binary copy of ``matrix`` keeping the columns that 2 to ``max_df`` rows hold."""
    binary = sparse.csr_matrix(matrix, copy=True)
    binary.data[:] = 1
    df = np.bincount(binary.indices, minlength=binary.shape[1])
    keep = np.flatnonzero((df >= 2) & (df <= max_df))
    return sparse.csr_matrix(binary[:, keep])


def shared_rare_terms(matrix: sparse.spmatrix, *, max_df: int = DEFAULT_MAX_DF) -> sparse.coo_matrix:
    """Upper-triangle pairs (i < j) that share a rare term; ``data`` counts the rare terms they share."""
    rare = rare_columns(matrix, max_df=max_df)
    return sparse.triu(rare @ rare.T, k=1).tocoo()


def candidate_pairs(
    matrix: sparse.spmatrix, *, max_df: int = DEFAULT_MAX_DF, min_shared: int = 1,
) -> tuple[np.ndarray, np.ndarray]:
    """Row pairs (i < j) that share at least ``min_shared`` terms held by at most ``max_df`` rows."""
    shared = shared_rare_terms(matrix, max_df=max_df)
    keep = shared.data >= min_shared
    return shared.row[keep].astype(np.int64), shared.col[keep].astype(np.int64)


def row_dots(matrix: sparse.csr_matrix, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Dot products of the selected row pairs only (cosines for L2-normalized rows)."""
    if len(rows) == 0:
        return np.zeros(0)
    return np.asarray(matrix[rows].multiply(matrix[cols]).sum(axis=1)).ravel()


def similarity_graph(
    matrix: sparse.csr_matrix, *, max_df: int = DEFAULT_MAX_DF, min_similarity: float = 0.0,
) -> sparse.csr_matrix:
    """Symmetric sparse matrix of the rows' dot products, over candidate pairs only.

    The diagonal holds each row's dot product with itself, as ``matrix @ matrix.T`` would; pairs
    sharing no rare term are absent (zero), however many common terms they share.
    """
    n = matrix.shape[0]
    rows, cols = candidate_pairs(matrix, max_df=max_df)
    sims = row_dots(matrix, rows, cols)
    keep = sims > min_similarity
    rows, cols, sims = rows[keep], cols[keep], sims[keep]
    diagonal = np.arange(n)
    self_sims = np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel()
    graph = sparse.coo_matrix(
        (np.concatenate([sims, sims, self_sims]),
         (np.concatenate([rows, cols, diagonal]), np.concatenate([cols, rows, diagonal]))),
        shape=(n, n),
    )
    return graph.tocsr()
