"""LSH band keys of the library's MinHash signatures, so that Spark can shuffle articles by band.

The signatures are :func:`akhbar.stories.dedup.sketch_article`'s (datasketch's ``affine64`` MinHash
of the Arabic-aware word shingles), and the bands are the ones datasketch's ``MinHashLSH`` picks for
the configured threshold: two articles are candidates here exactly when they would be in the
library's index. Candidates are then verified by the real Jaccard of their shingle sets.
"""

from __future__ import annotations

import numpy as np

# One definition of the bands for every path (in memory, the store's index, Spark): they cannot drift.
from akhbar.stories.dedup import band_keys, lsh_shape

__all__ = ["band_keys", "jaccard_sorted", "link_similarity", "lsh_shape"]


def jaccard_sorted(a: list[int] | np.ndarray, b: list[int] | np.ndarray) -> float:
    """Jaccard similarity of two sets given as arrays of distinct hashes."""
    left, right = np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)
    if len(left) == 0 and len(right) == 0:
        return 1.0
    shared = len(np.intersect1d(left, right, assume_unique=True))
    return shared / (len(left) + len(right) - shared)


def link_similarity(a: list[int] | np.ndarray, b: list[int] | np.ndarray) -> float:
    """The similarity a duplicate link records: the Jaccard rounded to 4 places, as the library's."""
    return round(jaccard_sorted(a, b), 4)
