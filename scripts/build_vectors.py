"""Rebuild akhbar/resources/vectors/stems.npz: word vectors of content stems, trained on ANT (+ WikiFANE Gold).

The vectors live in the same space as the stories' terms (:func:`akhbar.align.content_stems`: match
normalization, the light stemmer, stop words dropped), so a story's terms look their vectors up directly.
gensim (extra ``train``) trains Word2Vec (CBOW) on the articles' sentences; only the stems seen at least
``--min-count`` times are kept, each vector quantized to 8 bits with one float scale per row, so the file
ships small and is read with numpy alone (:mod:`akhbar.stories.wordvectors`). No text is written.

Usage:
    python scripts/build_vectors.py ../shared/data/ant_v21/articles.jsonl.gz \
        [--wikifane ../shared/data/wikifane_gold/WikiFANE_Gold_2014_500K.txt] [--dim 100] [--min-count 10]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from akhbar.align import content_stems
from akhbar.text.segment import split_sentences

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_background_df import ant_texts

OUT = Path(__file__).resolve().parent.parent / "akhbar" / "resources" / "vectors" / "stems.npz"


def ant_sentences(path: Path) -> Iterator[list[str]]:
    for text in ant_texts(path):
        for sentence in split_sentences(text):
            stems = content_stems(sentence)
            if len(stems) >= 3:
                yield stems


def wikifane_sentences(path: Path) -> Iterator[list[str]]:
    """WikiFANE Gold is one token per line (clitics split off), a blank line or a full stop ends a sentence."""
    words: list[str] = []
    with path.open(encoding="utf-8-sig") as lines:
        for line in lines:
            token = line.split("\t", 1)[0].replace("\u200e", "").strip()
            if token and token not in ".؟?!":
                words.append(token)
                continue
            stems = content_stems(" ".join(words))
            if len(stems) >= 3:
                yield stems
            words = []


def quantize(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows scaled to [-127, 127] as int8, with the float32 scale of each row."""
    scales = np.abs(vectors).max(axis=1) / 127.0
    scales[scales == 0] = 1.0
    return np.round(vectors / scales[:, None]).astype(np.int8), scales.astype(np.float32)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("ant", type=Path)
    parser.add_argument("--wikifane", type=Path)
    parser.add_argument("--dim", type=int, default=100)
    parser.add_argument("--min-count", type=int, default=10)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    try:
        from gensim.models import Word2Vec
    except ImportError:
        sys.exit("gensim is needed to train: pip install -e '.[train]'")
    started = time.perf_counter()
    sentences = list(ant_sentences(args.ant))
    if args.wikifane is not None:
        sentences += list(wikifane_sentences(args.wikifane))
    print(f"{len(sentences)} sentences read in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    model = Word2Vec(sentences, vector_size=args.dim, window=5, min_count=args.min_count, sg=0,
                     workers=args.workers, epochs=args.epochs, seed=1)
    words = list(model.wv.index_to_key)
    vectors = np.asarray(model.wv.vectors, dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-12
    codes, scales = quantize(vectors)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, words=np.frombuffer("\n".join(words).encode("utf-8"), dtype=np.uint8),
                        codes=codes, scales=scales)
    print(f"{len(words)} stems x {args.dim} in {time.perf_counter() - started:.0f} s -> {args.out} "
          f"({args.out.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)


if __name__ == "__main__":
    main()
