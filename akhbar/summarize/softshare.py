"""Other words for the same things: the soft share of two sentences, read with the shipped word vectors.

Every stem of one sentence is matched to its closest stem of the other (:mod:`akhbar.stories.wordvectors`,
cosine ``SOFT_FLOOR`` or more; the same stem matches fully), and the weighted share matched is read
both ways: the share of ``a``'s weight that ``b`` tells, and of ``b``'s that ``a`` tells («رفعت
الحكومة المصرية أسعار المحروقات» / «قررت الحكومة المصرية رفع أسعار الوقود»: الوقود and المحروقات are
neighbours; a soft cosine in the manner of BERTScore, with Word2Vec stems). The smaller of the two is
the **soft share** of :mod:`akhbar.summarize.samefact`; the larger, how much of one sentence the
other **contains** (a short sentence told as part of a long one), is a feature of the pair model.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from scipy import sparse

from akhbar.stories.wordvectors import WordVectors

SOFT_FLOOR = 0.5  # two stems whose vectors are this close or closer are one word said otherwise
_SOFT_BLOCK = 1024  # pairs per batched product (1024 x 40 x 40 floats: a few MB)


def soft_shares(a: Mapping[str, float], b: Mapping[str, float], vectors: WordVectors | None) -> tuple[float, float]:
    """The smaller and the larger of the shares of ``a``'s and ``b``'s weight (stem -> weight) that
    the other tells, each stem matched to its closest stem of the other: 1 for the same stem, the
    cosine of their vectors when it reaches ``SOFT_FLOOR``, else 0 (without vectors, only the same
    stems match)."""
    if not a or not b:
        return 0.0, 0.0
    terms_a, terms_b = list(a), list(b)
    weights_a = np.fromiter((a[t] for t in terms_a), dtype=np.float64, count=len(terms_a))
    weights_b = np.fromiter((b[t] for t in terms_b), dtype=np.float64, count=len(terms_b))
    similarity = _rows_of(terms_a, vectors) @ _rows_of(terms_b, vectors).T
    similarity[similarity < SOFT_FLOOR] = 0.0
    similarity[np.array([[x == y for y in terms_b] for x in terms_a], dtype=bool)] = 1.0
    total_a, total_b = float(weights_a.sum()), float(weights_b.sum())
    if total_a <= 0 or total_b <= 0:
        return 0.0, 0.0
    share_a = float(weights_a @ similarity.max(axis=1)) / total_a
    share_b = float(weights_b @ similarity.max(axis=0)) / total_b
    return min(share_a, share_b), max(share_a, share_b)


def soft_share(a: Mapping[str, float], b: Mapping[str, float], vectors: WordVectors | None) -> float:
    """The smaller of :func:`soft_shares`: each sentence holds this much of the other's weight."""
    return soft_shares(a, b, vectors)[0]


def _rows_of(terms: Sequence[str], vectors: WordVectors | None) -> np.ndarray:
    """The unit vector of each term (a zero row for a term the vectors do not know)."""
    width = vectors.matrix.shape[1] if vectors is not None else 1
    out = np.zeros((len(terms), width), dtype=np.float32)
    if vectors is not None:
        for k, term in enumerate(terms):
            row = vectors.index.get(term)
            if row is not None:
                out[k] = vectors.matrix[row]
    return out


def batched_soft_shares(stems: sparse.csr_matrix, weights: np.ndarray, vocabulary: Mapping[str, int],
                        rows: np.ndarray, cols: np.ndarray, *, vectors: WordVectors | None
                        ) -> tuple[np.ndarray, np.ndarray]:
    """:func:`soft_shares` of each pair (``rows[k]``, ``cols[k]``), the smaller and the larger, stems
    weighed by ``weights`` (per column of the binary sentence-by-stem matrix ``stems``): the vectors
    of the story's stems are looked up once, and the pairs' stem-by-stem similarities are batched
    products of padded blocks (a Python loop over thousands of pairs would cost more than the links).
    Without ``vectors``, both are 0 (no soft share is read)."""
    if vectors is None or len(rows) == 0:
        return np.zeros(len(rows)), np.zeros(len(rows))
    table = np.vstack([_rows_of(sorted(vocabulary, key=vocabulary.__getitem__), vectors),
                       np.zeros((1, vectors.matrix.shape[1]), dtype=np.float32)])  # the last row pads
    weights = np.append(weights, 0.0)
    pad = table.shape[0] - 1
    lengths = np.diff(stems.indptr)
    weights = weights.astype(np.float32)
    smaller, larger = np.zeros(len(rows)), np.zeros(len(rows))
    # The shares are symmetric: each pair is put longer sentence first, and pairs of alike lengths on
    # both sides share a block, so that little padding is multiplied.
    longer = lengths[rows] >= lengths[cols]
    first, second = np.where(longer, rows, cols), np.where(longer, cols, rows)
    order = np.lexsort((lengths[second], lengths[first]))
    for start in range(0, len(rows), _SOFT_BLOCK):
        at = order[start:start + _SOFT_BLOCK]
        a, b = first[at], second[at]
        terms_a, terms_b = _padded(stems, a, lengths, pad), _padded(stems, b, lengths, pad)
        similarity = np.matmul(table[terms_a], table[terms_b].transpose(0, 2, 1))
        similarity[similarity < SOFT_FLOOR] = 0.0
        similarity[(terms_a[:, :, None] == terms_b[:, None, :]) & (terms_a[:, :, None] != pad)] = 1.0
        weights_a, weights_b = weights[terms_a], weights[terms_b]
        share_a = (weights_a * similarity.max(axis=2)).sum(axis=1) / np.maximum(weights_a.sum(axis=1), 1e-12)
        share_b = (weights_b * similarity.max(axis=1)).sum(axis=1) / np.maximum(weights_b.sum(axis=1), 1e-12)
        smaller[at] = np.minimum(share_a, share_b)
        larger[at] = np.maximum(share_a, share_b)
    return smaller, larger


def _padded(stems: sparse.csr_matrix, rows: np.ndarray, lengths: np.ndarray, pad: int) -> np.ndarray:
    """The stem columns of each of ``rows``, one row each, padded with ``pad`` to the longest."""
    counts = lengths[rows]
    width = max(int(counts.max()), 1)
    slots = np.arange(width)[None, :]
    filled = slots < counts[:, None]
    out = np.full((len(rows), width), pad, dtype=np.int64)
    out[filled] = stems.indices[(stems.indptr[rows][:, None] + slots)[filled]]
    return out
