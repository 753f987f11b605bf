"""Word vectors of content stems, shipped 8-bit quantized (``resources/vectors/stems.npz``), read with numpy.

Trained by ``scripts/build_vectors.py`` (gensim Word2Vec on ANT and WikiFANE Gold; see the notice
beside the file). A text's vector is the weighted mean of its terms' vectors: two developments of
one storyline told with other verbs (اعتقل / احتجز) land near each other.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

VECTORS = "stems.npz"


@dataclass(frozen=True)
class WordVectors:
    index: Mapping[str, int]
    matrix: np.ndarray  # float32, one unit row per stem

    def embed(self, weights: Mapping[str, float]) -> np.ndarray | None:
        """The unit-length weighted mean of the vectors of ``weights``' terms, or None if none is known."""
        rows = [(self.index[t], w) for t, w in weights.items() if t in self.index]
        if not rows:
            return None
        ids = np.fromiter((r for r, _ in rows), dtype=np.int64, count=len(rows))
        ws = np.fromiter((w for _, w in rows), dtype=np.float32, count=len(rows))
        mean = ws @ self.matrix[ids]
        norm = float(np.linalg.norm(mean))
        return mean / norm if norm > 0 else None


@cache
def word_vectors() -> WordVectors | None:
    """The shipped vectors, or None when the package holds none."""
    source = resources.files("akhbar.resources").joinpath("vectors", VECTORS)
    if not source.is_file():
        return None
    with np.load(io.BytesIO(source.read_bytes())) as data:
        words = data["words"].tobytes().decode("utf-8").split("\n")
        matrix = data["codes"].astype(np.float32) * data["scales"][:, None]
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True) + 1e-12
    return WordVectors({w: i for i, w in enumerate(words)}, matrix)
