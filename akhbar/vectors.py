"""Sparse TF-IDF vectors built with numpy and scipy alone.

scikit-learn's vectorizers do the same, but importing `sklearn.feature_extraction` costs over a
second on a laptop, more than the whole summary of a thousand sentences; the summary path is a
command-line tool that starts once per run, so it builds its few vectors directly.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse


def term_matrix(docs: Sequence[Sequence[str]]) -> sparse.csr_matrix:
    """Raw counts, one row per document, columns in first-seen order of the terms."""
    vocabulary: dict[str, int] = {}
    indices: list[int] = []
    indptr = [0]
    for doc in docs:
        indices.extend(vocabulary.setdefault(term, len(vocabulary)) for term in doc)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float64)
    matrix = sparse.csr_matrix((data, np.array(indices, dtype=np.int64), np.array(indptr)),
                               shape=(len(docs), max(len(vocabulary), 1)))
    matrix.sum_duplicates()
    return matrix


def tfidf(docs: Sequence[Sequence[str]]) -> sparse.csr_matrix:
    """Sublinear TF times smoothed IDF (as scikit-learn's defaults), rows L2-normalized."""
    counts = term_matrix(docs)
    n = counts.shape[0]
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = np.log((1 + n) / (1 + df)) + 1
    weighted = counts.copy()
    weighted.data = (1 + np.log(weighted.data)) * idf[weighted.indices]
    return l2_normalize(weighted)


def binary(docs: Sequence[Sequence[str]]) -> sparse.csr_matrix:
    """1 where a document holds a term, whatever the count."""
    counts = term_matrix(docs)
    counts.data[:] = 1
    return counts


def l2_normalize(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1
    return sparse.csr_matrix(sparse.diags(1 / norms) @ matrix)


def char_ngrams(text: str, sizes: Sequence[int] = (3, 4, 5)) -> list[str]:
    """Character n-grams inside word boundaries (each word padded with spaces), like `char_wb`."""
    grams: list[str] = []
    for word in text.split():
        padded = f" {word} "
        for size in sizes:
            grams.extend(padded[i : i + size] for i in range(max(len(padded) - size + 1, 1)))
    return grams
