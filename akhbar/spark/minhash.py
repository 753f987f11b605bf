"""LSH band keys of the library's MinHash signatures, so that Spark can shuffle articles by band.

The signatures are :func:`akhbar.stories.dedup.sketch_article`'s (datasketch's ``affine64`` MinHash
of the Arabic-aware word shingles), and the bands are the ones datasketch's ``MinHashLSH`` picks for
the configured threshold: two articles are candidates here exactly when they would be in the
library's index. Candidates are then verified by the real Jaccard of their shingle sets.
"""

from __future__ import annotations

import hashlib

import numpy as np


def lsh_shape(*, num_perm: int, threshold: float) -> tuple[int, int]:
    """(bands, rows per band) of datasketch's MinHashLSH for ``threshold`` and ``num_perm``."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


def band_keys(signature: np.ndarray, *, bands: int, rows: int) -> list[int]:
    """One signed 64-bit key per band: the band's index and its values hashed together."""
    values = signature.astype("<u8")
    return [
        int.from_bytes(hashlib.blake2b(band.to_bytes(2, "little") + values[band * rows:(band + 1) * rows].tobytes(),
                                       digest_size=8).digest(), "little", signed=True)
        for band in range(bands)
    ]


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
