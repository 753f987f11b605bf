"""Distributional word clusters learned from unlabelled news, used as NER features.

Half the person names in a news test set never occur in a 125k-word training set, but most of
them occur in a few weeks of news, next to the same words (قال, الرئيس, وزير ...). Words that
share left and right neighbours land in the same cluster, so a cluster id carries "this looks
like a first name" or "this looks like a city" to words the tagger never saw labelled.

Method: directional co-occurrence (left and right neighbours within a small window, counted
separately because word order is what separates a name from the title before it), positive
PMI with context-distribution smoothing (Levy et al. 2015), truncated SVD, then k-means at
several granularities, coarse to fine, so the tagger can pick the level each word needs.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse

from akhbar.text.normalize import normalize
from akhbar.text.tokens import tokenize


@dataclass(frozen=True, slots=True)
class ClusterConfig:
    vocab_size: int = 60_000
    context_size: int = 20_000
    window: int = 2
    dims: int = 200
    granularities: tuple[int, ...] = (64, 256, 1024)
    min_count: int = 5
    context_alpha: float = 0.75
    seed: int = 13


def iter_ant_texts(path: Path, fields: tuple[str, ...] = ("title", "text")) -> Iterator[str]:
    """Title and body of each article of an ANT-style ``articles.jsonl.gz``."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            for field in fields:
                value = record.get(field)
                if value:
                    yield value


def tokenized_lines(texts: Iterable[str]) -> Iterator[list[str]]:
    """Match-normalized token lists per line (a line break is a hard context boundary)."""
    for text in texts:
        for line in text.split("\n"):
            tokens = tokenize(normalize(line, "match"))
            if tokens:
                yield tokens


def _cooccurrence(
    lines: Sequence[Sequence[str]], vocab: dict[str, int], contexts: dict[str, int], window: int
) -> sparse.csr_matrix:
    """Rows: vocabulary words; columns: (context word, direction); directions left and right."""
    n_ctx = len(contexts)
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    for tokens in lines:
        w = np.fromiter((vocab.get(t, -1) for t in tokens), dtype=np.int64, count=len(tokens))
        c = np.fromiter((contexts.get(t, -1) for t in tokens), dtype=np.int64, count=len(tokens))
        for offset in range(1, window + 1):
            if len(tokens) <= offset:
                break
            # right context of w[i] is c[i+offset]; left context of w[i+offset] is c[i]
            left_w, right_c = w[:-offset], c[offset:]
            keep = (left_w >= 0) & (right_c >= 0)
            rows.append(left_w[keep])
            cols.append(right_c[keep] + n_ctx)
            right_w, left_c = w[offset:], c[:-offset]
            keep = (right_w >= 0) & (left_c >= 0)
            rows.append(right_w[keep])
            cols.append(left_c[keep])
    row = np.concatenate(rows)
    col = np.concatenate(cols)
    data = np.ones(len(row), dtype=np.float32)
    return sparse.csr_matrix((data, (row, col)), shape=(len(vocab), 2 * n_ctx))


def _ppmi(counts: sparse.csr_matrix, alpha: float) -> sparse.csr_matrix:
    total = counts.sum()
    row_sums = np.asarray(counts.sum(axis=1)).ravel()
    col_sums = np.asarray(counts.sum(axis=0)).ravel() ** alpha
    col_p = col_sums / col_sums.sum()
    coo = counts.tocoo()
    pmi = np.log(coo.data * 1.0 / total) - np.log(row_sums[coo.row] / total) - np.log(col_p[coo.col])
    keep = pmi > 0
    return sparse.csr_matrix(
        (pmi[keep].astype(np.float32), (coo.row[keep], coo.col[keep])), shape=counts.shape
    )


def build_clusters(
    lines: Sequence[Sequence[str]], config: ClusterConfig = ClusterConfig()
) -> dict[str, tuple[int, ...]]:
    """Word -> cluster ids, one per granularity in ``config.granularities``.

    ``lines`` are match-normalized token lists (see ``tokenized_lines``).
    """
    # Imported here: scikit-learn takes longer to import than the whole tagger takes to load,
    # and only training needs it.
    from sklearn.cluster import MiniBatchKMeans
    from sklearn.decomposition import TruncatedSVD

    freq: Counter[str] = Counter()
    for tokens in lines:
        freq.update(tokens)
    ranked = [w for w, n in freq.most_common(config.vocab_size) if n >= config.min_count]
    vocab = {w: i for i, w in enumerate(ranked)}
    contexts = {w: i for i, w in enumerate(ranked[: config.context_size])}
    counts = _cooccurrence(lines, vocab, contexts, config.window)
    ppmi = _ppmi(counts, config.context_alpha)
    # A small corpus (a test fixture, a narrow archive) has fewer words than the defaults assume.
    dims = max(1, min(config.dims, min(ppmi.shape) - 1))
    svd = TruncatedSVD(n_components=dims, random_state=config.seed, algorithm="randomized")
    vectors = svd.fit_transform(ppmi)
    # Symmetric weighting (U * sqrt(S)) beats U * S for similarity tasks (Levy et al. 2015).
    vectors = vectors / np.sqrt(svd.singular_values_)[None, :]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = vectors / np.maximum(norms, 1e-9)
    assignments = []
    for k in config.granularities:
        km = MiniBatchKMeans(n_clusters=min(k, len(vocab)), random_state=config.seed, batch_size=4096, n_init=3)
        assignments.append(km.fit_predict(vectors))
    ids = np.stack(assignments, axis=1)
    return {w: tuple(int(x) for x in ids[i]) for w, i in vocab.items()}
