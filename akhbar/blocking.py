"""Candidate pairs without an all-pairs product: an inverted index whose long posting lists are cut.

Every stage that compares items (sentences in align and summarize, articles in stories, quotes,
claims and figures in facts) asks this module for the pairs worth comparing, then scores only
those pairs. Two rows are candidates when they share a term that at most ``max_df`` rows hold. A
term held by more rows tells little about any one pair (a stop word, the story's own name,
boilerplate), and its posting list is what would make the product quadratic: with the cut, the
pairs number at most ``max_df`` times the non-zeros of the matrix, so cost grows linearly with
the input.

Memory stays linear too: the rows are joined block by block (``block_rows`` at a time), and a
block's candidates are scored and thresholded before the next block starts, so only the pairs
that pass are ever held together.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from scipy import sparse

DEFAULT_MAX_DF = 400
# Rows joined at once: with at most ``max_df`` rows per term, a block's candidates stay in the
# tens of megabytes whatever the size of the input.
BLOCK_ROWS = 2048
_EPSILON = 1e-9  # rounding slack when a bound is compared with a threshold


def document_frequency(matrix: sparse.spmatrix) -> np.ndarray:
    """How many rows hold each column (explicit non-zeros)."""
    csr = sparse.csr_matrix(matrix)
    return np.bincount(csr.indices, minlength=csr.shape[1])


def rare_mask(matrix: sparse.spmatrix, *, max_df: int) -> np.ndarray:
    """Columns that 2 to ``max_df`` rows hold: the terms that may make a pair."""
    df = document_frequency(matrix)
    return (df >= 2) & (df <= max_df)


def rare_columns(matrix: sparse.spmatrix, *, max_df: int) -> sparse.csr_matrix:
    """Binary copy of ``matrix`` keeping the columns that 2 to ``max_df`` rows hold."""
    binary = sparse.csr_matrix(matrix, copy=True)
    binary.data[:] = 1
    return sparse.csr_matrix(binary[:, np.flatnonzero(rare_mask(binary, max_df=max_df))])


def _blocks(left: sparse.csr_matrix, right_t: sparse.csr_matrix, *, upper: bool,
            block_rows: int) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """``(rows, cols, products)`` of ``left @ right_t`` block by block, zeros left out.

    With ``upper`` (a self-join) only pairs ``row < col`` are kept. Each block costs the posting
    lists its rows touch, never the full width of the product. Pairs come in no set order.
    """
    for start in range(0, left.shape[0], block_rows):
        block = sparse.csr_matrix(left[start:start + block_rows] @ right_t)
        rows = np.repeat(np.arange(start, start + block.shape[0]), np.diff(block.indptr))
        keep = (block.data != 0) & (rows < block.indices) if upper else block.data != 0
        yield rows[keep], block.indices[keep].astype(np.int64), block.data[keep]


def _sorted_pairs(rows: list[np.ndarray], cols: list[np.ndarray], *values: list[np.ndarray]) -> tuple[np.ndarray, ...]:
    """The pairs gathered from the blocks, in (row, col) order: the same output for the same input."""
    joined = [_concat(rows, np.int64), _concat(cols, np.int64), *(_concat(v, np.float64) for v in values)]
    order = np.lexsort((joined[1], joined[0]))
    return tuple(part[order] for part in joined)


def _concat(parts: list[np.ndarray], dtype: type) -> np.ndarray:
    return np.concatenate(parts).astype(dtype) if parts else np.zeros(0, dtype=dtype)


def candidate_pairs(
    matrix: sparse.spmatrix, *, max_df: int = DEFAULT_MAX_DF, min_shared: int = 1, block_rows: int = BLOCK_ROWS,
) -> tuple[np.ndarray, np.ndarray]:
    """Row pairs (i < j) that share at least ``min_shared`` terms held by at most ``max_df`` rows."""
    rare = rare_columns(matrix, max_df=max_df)
    return _pairs_sharing(rare, rare.T.tocsr(), upper=True, min_shared=min_shared, block_rows=block_rows)


def _pairs_sharing(
    query: sparse.csr_matrix, index_t: sparse.csr_matrix, *, upper: bool, min_shared: int, block_rows: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Sorted pairs of a query row and an index column sharing at least ``min_shared`` terms."""
    rows_out, cols_out = [], []
    for rows, cols, shared in _blocks(query, index_t, upper=upper, block_rows=block_rows):
        keep = shared >= min_shared
        rows_out.append(rows[keep])
        cols_out.append(cols[keep])
    rows, cols = _sorted_pairs(rows_out, cols_out)
    return rows, cols


def cross_pairs(
    left: sparse.spmatrix, right: sparse.spmatrix, *, max_df: int = DEFAULT_MAX_DF, min_shared: int = 1,
    block_rows: int = BLOCK_ROWS,
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs ``(i, j)`` of a ``left`` row and a ``right`` row sharing ``min_shared`` rare terms.

    The two matrices share their columns (one vocabulary); a term is rare when at most
    ``max_df`` right rows hold it: ``right`` is the index, ``left`` the queries.
    """
    right_binary = sparse.csr_matrix(right, copy=True)
    right_binary.data[:] = 1
    df = document_frequency(right_binary)
    keep_cols = np.flatnonzero((df >= 1) & (df <= max_df))
    query = sparse.csr_matrix(left, copy=True)
    query.data[:] = 1
    query = sparse.csr_matrix(query[:, keep_cols])
    index_t = sparse.csr_matrix(right_binary[:, keep_cols]).T.tocsr()
    return _pairs_sharing(query, index_t, upper=False, min_shared=min_shared, block_rows=block_rows)


def row_dots(
    matrix: sparse.csr_matrix, rows: np.ndarray, cols: np.ndarray, *, block: int = 200_000,
) -> np.ndarray:
    """Dot products of the selected row pairs only (cosines for L2-normalized rows).

    Computed ``block`` pairs at a time: the selected rows are copied, and a million pairs of
    40-term rows would otherwise hold about a gigabyte at once.
    """
    if len(rows) == 0:
        return np.zeros(0)
    matrix = sparse.csr_matrix(matrix)
    parts = [np.asarray(matrix[rows[k:k + block]].multiply(matrix[cols[k:k + block]]).sum(axis=1)).ravel()
             for k in range(0, len(rows), block)]
    return np.concatenate(parts)


def similar_pairs(
    matrix: sparse.csr_matrix, *, threshold: float, max_df: int = DEFAULT_MAX_DF, strict: bool = False,
    block_rows: int = BLOCK_ROWS,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(rows, cols, dots)`` of the pairs (i < j) sharing a rare term whose dot product reaches
    ``threshold`` (exceeds it with ``strict``).

    The same pairs as scoring every candidate of :func:`candidate_pairs`, but scored block by
    block: the weighted product over the rare terms gives each candidate's partial dot product,
    the common terms (held by more than ``max_df`` rows) can add at most the product of the two
    rows' norms over them (Cauchy-Schwarz), and only the candidates that can still reach the threshold are scored in
    full. Memory holds one block and the pairs that pass.
    """
    matrix = sparse.csr_matrix(matrix)
    df = document_frequency(matrix)
    rare_part = sparse.csr_matrix(matrix[:, np.flatnonzero((df >= 2) & (df <= max_df))])
    common = sparse.csr_matrix(matrix[:, np.flatnonzero(df > max_df)])  # a term of one row adds nothing
    common_norm = np.sqrt(np.asarray(common.multiply(common).sum(axis=1)).ravel())
    out: tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]] = ([], [], [])
    for pair_rows, block_cols, partial in _blocks(rare_part, rare_part.T.tocsr(), upper=True,
                                                    block_rows=block_rows):
        reachable = partial + common_norm[pair_rows] * common_norm[block_cols] >= threshold - _EPSILON
        rows, cols = pair_rows[reachable], block_cols[reachable]
        dots = partial[reachable] + row_dots(common, rows, cols)
        keep = dots > threshold if strict else dots >= threshold
        for part, values in zip(out, (rows[keep], cols[keep], dots[keep]), strict=True):
            part.append(values)
    rows, cols, dots = _sorted_pairs(*out)
    return rows, cols, dots


def similarity_graph(
    matrix: sparse.csr_matrix, *, max_df: int = DEFAULT_MAX_DF, min_similarity: float = 0.0,
) -> sparse.csr_matrix:
    """Symmetric sparse matrix of the rows' dot products above ``min_similarity``, over candidate
    pairs only.

    The diagonal holds each row's dot product with itself, as ``matrix @ matrix.T`` would; pairs
    sharing no rare term are absent (zero), however many common terms they share.
    """
    n = matrix.shape[0]
    rows, cols, sims = similar_pairs(matrix, threshold=min_similarity, max_df=max_df, strict=True)
    diagonal = np.arange(n)
    self_sims = np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel()
    graph = sparse.coo_matrix(
        (np.concatenate([sims, sims, self_sims]),
         (np.concatenate([rows, cols, diagonal]), np.concatenate([cols, rows, diagonal]))),
        shape=(n, n),
    )
    return graph.tocsr()
