"""Sparse TF-IDF vectors built with numpy and scipy alone.

scikit-learn's vectorizers do the same, but importing `sklearn.feature_extraction` costs over a
second on a laptop, more than the whole summary of a thousand sentences; the summary path is a
command-line tool that starts once per run, so it builds its few vectors directly.
"""

from __future__ import annotations

from array import array
from collections.abc import Collection, Iterable, Mapping, Sequence
from functools import cache

import numpy as np
from scipy import sparse

from akhbar.resources import resource_table


@cache
def background_frequencies() -> tuple[Mapping[str, int], int]:
    """Document frequencies of content stems over an Arabic news archive (ANT v2.1, 31,523
    articles; scripts/build_background_df.py, background_df.NOTICE.md), and its size."""
    rows = resource_table("background_df.tsv")
    table = {stem: int(k) for stem, k in rows}
    return table, table.pop("documents")


def term_matrix(docs: Iterable[Collection[str]]) -> sparse.csr_matrix:
    """Raw counts, one row per document, columns in first-seen order of the terms."""
    return counted_terms(docs)[0]


def counted_terms(docs: Iterable[Collection[str]]) -> tuple[sparse.csr_matrix, dict[str, int]]:
    """Raw counts, one row per document, columns in first-seen order of the terms, and the columns' terms.

    ``docs`` may be a generator: each document's terms are turned into column numbers as it
    comes, so a story of a hundred thousand sentences never holds all its n-gram lists at once
    (the column numbers take 8 bytes each in an ``array``, not a Python int each).
    """
    vocabulary: dict[str, int] = {}
    indices = array("q")
    indptr = array("q", [0])
    for doc in docs:
        indices.extend(vocabulary.setdefault(term, len(vocabulary)) for term in doc)
        indptr.append(len(indices))
    index_type = np.int32 if max(len(indices), len(vocabulary)) < 2**31 else np.int64
    columns = np.frombuffer(indices, dtype=np.int64).astype(index_type) if indices else np.zeros(0, index_type)
    data = np.ones(len(columns), dtype=np.float64)
    matrix = sparse.csr_matrix((data, columns, np.frombuffer(indptr, dtype=np.int64).astype(index_type)),
                               shape=(len(indptr) - 1, max(len(vocabulary), 1)))
    matrix.sum_duplicates()
    return matrix, vocabulary


def tfidf(
    docs: Iterable[Collection[str]], *, prior: tuple[Mapping[str, int], int] | None = None
) -> sparse.csr_matrix:
    """Sublinear TF times smoothed IDF (as scikit-learn's defaults), rows L2-normalized.

    ``prior`` (document frequencies and the number of documents of an archive) is added to the
    batch's own counts: a batch of five articles cannot tell a story's common words from its
    rare ones, an archive can.
    """
    counts, vocabulary = counted_terms(docs)
    n = counts.shape[0]
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    if prior is not None:
        table, documents = prior
        n += documents
        df = df + np.array([table.get(term, 0) for term in vocabulary] or [0], dtype=np.int64)[: len(df)]
    idf = np.log((1 + n) / (1 + df)) + 1
    counts.data = (1 + np.log(counts.data)) * idf[counts.indices]
    return l2_normalize(counts)


def binary(docs: Iterable[Collection[str]]) -> sparse.csr_matrix:
    """1 where a document holds a term, whatever the count."""
    counts = term_matrix(docs)
    counts.data[:] = 1
    return counts


def l2_normalize(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    """Rows scaled to unit length, in place (a copy per step would double a large story's peak)."""
    matrix = sparse.csr_matrix(matrix)
    norms = np.sqrt(np.bincount(np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr)),
                                weights=matrix.data ** 2, minlength=matrix.shape[0]))
    norms[norms == 0] = 1
    matrix.data *= np.repeat(1 / norms, np.diff(matrix.indptr))
    return matrix


def char_ngrams(text: str, sizes: Sequence[int] = (3, 4, 5)) -> list[str]:
    """Character n-grams inside word boundaries (each word padded with spaces), like `char_wb`."""
    grams: list[str] = []
    for word in text.split():
        padded = f" {word} "
        for size in sizes:
            grams.extend(padded[i : i + size] for i in range(max(len(padded) - size + 1, 1)))
    return grams
