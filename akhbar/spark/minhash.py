"""MinHash signatures and LSH band keys over Arabic-aware shingles (numpy only, no Spark).

The shingles are :func:`akhbar.stories.shingles.word_shingles` of the match-normalized text, hashed to
64 bits; the signature uses the universal hashes ``(a * h + b) mod p`` that datasketch uses, with
fixed seeds, so every executor computes the same signature for the same text. Band keys let Spark
shuffle articles by band: two articles become candidates when one band of their signatures agrees.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import lru_cache

import numpy as np

_MERSENNE_PRIME = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)
_SEED = 1


def hash64(text: str) -> int:
    """A stable signed 64-bit hash (Spark's LongType) of a string; never Python's salted ``hash``."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little", signed=True)


def shingle_hashes(shingles: Iterable[str]) -> list[int]:
    """The sorted 64-bit hashes of a set of shingles (the set Jaccard is verified on)."""
    return sorted({hash64(s) for s in shingles})


@lru_cache(maxsize=8)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    generator = np.random.RandomState(_SEED)
    a = generator.randint(1, int(_MERSENNE_PRIME), size=num_perm, dtype=np.uint64)
    b = generator.randint(0, int(_MERSENNE_PRIME), size=num_perm, dtype=np.uint64)
    return a, b


def signature(hashes: list[int], *, num_perm: int) -> np.ndarray:
    """The MinHash signature (``num_perm`` values) of a set of 64-bit hashes; all max for an empty set."""
    if not hashes:
        return np.full(num_perm, _MAX_HASH, dtype=np.uint64)
    values = np.asarray(hashes, dtype=np.int64).astype(np.uint64) & _MAX_HASH
    a, b = _permutations(num_perm)
    with np.errstate(over="ignore"):  # wrap-around is part of the hash, as in datasketch
        permuted = np.bitwise_and((a[:, None] * values[None, :] + b[:, None]) % _MERSENNE_PRIME, _MAX_HASH)
    return permuted.min(axis=1)


def lsh_shape(*, num_perm: int, threshold: float) -> tuple[int, int]:
    """(bands, rows) with bands * rows <= ``num_perm`` whose S-curve midpoint (1/b)^(1/r) is nearest ``threshold``.

    Pairs above the midpoint become candidates with high probability; every candidate is then verified
    by its real Jaccard, so the shape trades only work against recall.
    """
    shapes = [(num_perm // rows, rows) for rows in range(1, num_perm + 1) if num_perm // rows >= 1]
    return min(shapes, key=lambda br: (abs((1 / br[0]) ** (1 / br[1]) - threshold), -br[0]))


def band_keys(sig: np.ndarray, *, bands: int, rows: int) -> list[int]:
    """One 64-bit key per band: the band's index and values hashed together."""
    return [
        int.from_bytes(hashlib.blake2b(band.to_bytes(2, "little") + sig[band * rows:(band + 1) * rows].tobytes(),
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
