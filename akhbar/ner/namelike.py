"""Whether a word's letters look like a name's: a character n-gram classifier, read as a CRF feature.

A third of the person-name words ANERcorp's test split misses are words the tagger knows nothing
about: not in its training data, the ANT clusters, the lexicons or the gazetteer (رامسفيلد,
روبيتشود, دويسنبرج). Their letters still give them away: transliterated foreign names have letter
sequences Arabic words rarely have (ـيتش, ـسون, ـبرج, شميت), and Arabic names have their own.

A logistic regression over the character 2- to 4-grams of a word's clitic-stripped form learns
the class of a word from lists made outside the labelled data: the words of WikiFANE's names
(persons, places; organisations and others only as single-word names, since the longer ones are
mostly common nouns: حزب, جامعة) against the ANT vocabulary of the word clusters that is in none
of them. The feature is the predicted class and how sure it is, in quarters.

The words it was trained on are scored out of fold (five folds), and the scores stored: a word
scored by a model that saw it would look surer than an unseen word ever does, and the CRF would
learn to trust the feature more than it deserves on exactly the words it is for.
"""

from __future__ import annotations

import gzip
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

NAMELIKE_FILE = "namelike.tsv.gz"
CLASSES = ("PER", "LOC", "ORG", "MISC", "O")
_NGRAM_SIZES = (2, 3, 4)
_FOLDS = 5
_MIN_LETTERS = 2
_BUCKETS = 4
# Weights smaller than this are not stored: the file stays small, the scores barely move.
_MIN_STORED_WEIGHT = 0.05


@dataclass(frozen=True, slots=True)
class NameShape:
    """``weights``: n-gram -> weight per class of ``CLASSES``; ``known``: word -> its out-of-fold
    feature value (the words the classifier was trained on)."""

    weights: Mapping[str, tuple[float, ...]] = field(default_factory=dict)
    bias: tuple[float, ...] = (0.0,) * len(CLASSES)
    known: Mapping[str, str] = field(default_factory=dict)


def char_ngrams(word: str) -> list[str]:
    marked = f"<{word}>"
    return [marked[i:i + n] for n in _NGRAM_SIZES for i in range(len(marked) - n + 1)]


def _value(probabilities: Iterable[float]) -> str:
    """``PER3``: the likeliest class and its probability in quarters (0 to 3)."""
    best, label = max(zip(probabilities, CLASSES, strict=True))
    return f"{label}{min(_BUCKETS - 1, int(best * _BUCKETS))}"


def shape_value(word: str, shape: NameShape) -> str:
    """The feature value of ``word`` (a clitic-stripped, match-normalized form); "" without a model."""
    if not shape.weights or len(word) < _MIN_LETTERS or not word.isalpha():
        return ""
    known = shape.known.get(word)
    if known is not None:
        return known
    scores = list(shape.bias)
    for gram in char_ngrams(word):
        weights = shape.weights.get(gram)
        if weights is not None:
            scores = [s + w for s, w in zip(scores, weights, strict=True)]
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return _value(e / total for e in exps)


def training_words(
    gazetteer: Mapping[tuple[str, ...], str], vocabulary: Iterable[str], strip: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """word -> class: the words of known names, and the vocabulary words in no name ("O").

    ``strip`` maps a vocabulary word to its clitic-stripped form (the form the feature reads).
    """
    labelled: dict[str, str] = {}
    # Sorted, so a word in names of two classes takes the same one whatever order the names came in.
    for tokens, label in sorted(gazetteer.items()):
        if label in ("PER", "LOC") or (label in ("ORG", "MISC") and len(tokens) == 1):
            for token in tokens:
                if len(token) >= _MIN_LETTERS and token.isalpha():
                    labelled.setdefault(token, label)
    name_words = {token for tokens in gazetteer for token in tokens}
    for word in vocabulary:
        form = strip.get(word, word) if strip else word
        if len(form) >= _MIN_LETTERS and form.isalpha() and form not in name_words and word not in name_words:
            labelled.setdefault(form, "O")
    return labelled


def train_shape(labelled: Mapping[str, str], *, regularization: float = 1.0) -> NameShape:
    """The classifier over all of ``labelled``, and each of its words' out-of-fold value."""
    # scikit-learn is imported here, not when the tagger loads.
    import numpy as np
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression

    words = sorted(labelled)
    classes = np.array([CLASSES.index(labelled[w]) for w in words])
    vectorizer = CountVectorizer(analyzer=char_ngrams, binary=True, min_df=2)
    matrix = vectorizer.fit_transform(words)

    def fitted(rows: np.ndarray) -> LogisticRegression:
        model = LogisticRegression(C=regularization, max_iter=300)
        return model.fit(matrix[rows], classes[rows])

    folds = np.arange(len(words)) % _FOLDS
    known: dict[str, str] = {}
    for k in range(_FOLDS):
        model = fitted(np.flatnonzero(folds != k))
        rows = np.flatnonzero(folds == k)
        full = np.zeros((len(rows), len(CLASSES)))
        full[:, model.classes_] = model.predict_proba(matrix[rows])
        for row, probabilities in zip(rows, full, strict=True):
            known[words[row]] = _value(probabilities)
    model = fitted(np.arange(len(words)))
    coef = np.zeros((len(CLASSES), matrix.shape[1]))
    coef[model.classes_] = model.coef_
    bias = np.full(len(CLASSES), -30.0)  # a class never seen is never predicted
    bias[model.classes_] = model.intercept_
    weights = {
        gram: tuple(round(float(w), 3) for w in coef[:, column])
        for gram, column in vectorizer.vocabulary_.items()
        if np.abs(coef[:, column]).max() >= _MIN_STORED_WEIGHT
    }
    return NameShape(weights, tuple(round(float(b), 3) for b in bias), known)


def format_shape(shape: NameShape) -> Iterable[str]:
    yield "#bias\t" + "\t".join(str(b) for b in shape.bias) + "\n"
    for gram in sorted(shape.weights):
        yield f"{gram}\t" + "\t".join(str(w) for w in shape.weights[gram]) + "\n"
    for word in sorted(shape.known):
        yield f"={word}\t{shape.known[word]}\n"


def parse_shape(lines: Iterable[str]) -> NameShape:
    weights: dict[str, tuple[float, ...]] = {}
    known: dict[str, str] = {}
    bias: tuple[float, ...] = (0.0,) * len(CLASSES)
    for line in lines:
        key, *values = line.rstrip("\n").split("\t")
        if key == "#bias" and len(values) == len(CLASSES):
            bias = tuple(float(v) for v in values)
        elif key.startswith("=") and len(values) == 1:
            known[key[1:]] = values[0]
        elif len(values) == len(CLASSES):
            weights[key] = tuple(float(v) for v in values)
    return NameShape(weights, bias, known)


def save_shape(shape: NameShape, path: Path) -> None:
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as handle:
        handle.writelines(format_shape(shape))


def load_shape(path: Path) -> NameShape:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return parse_shape(handle)
