"""Arabic-aware shingles: word n-grams of the match-normalized text.

Common MinHash recipes tokenize with ASCII patterns (`[^A-Za-z0-9]`) and so turn every Arabic
article into the same empty set; here tokens are those of :mod:`akhbar.text.tokens`, after the
``match`` normalization that makes أ/ا, ى/ي, ة/ه and Arabic-Indic digits compare equal.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from akhbar.text.normalize import normalize
from akhbar.text.tokens import tokenize


def word_shingles(text: str, size: int = 3) -> frozenset[str]:
    """The set of ``size``-word shingles of ``text``; a text shorter than ``size`` words is one shingle."""
    tokens = tokenize(normalize(text))
    if len(tokens) < size:
        return frozenset({" ".join(tokens)}) if tokens else frozenset()
    return frozenset(" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def exact_key(text: str) -> str:
    """Hash of the match-normalized tokens: equal for texts that differ only in spelling variants,
    diacritics, punctuation or spacing."""
    return key_of_tokens(tokenize(normalize(text)))


def key_of_tokens(tokens: Sequence[str]) -> str:
    """:func:`exact_key` of a text whose match-normalized tokens are already at hand."""
    return hashlib.blake2b(" ".join(tokens).encode("utf-8"), digest_size=16).hexdigest()


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)
