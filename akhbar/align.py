"""Cross-outlet alignment: group sentences of different articles that say the same thing.

Three sparse views of every sentence (scipy, see :mod:`akhbar.vectors`):
- stems: light-stemmed, match-normalized word unigrams and bigrams, stop words removed,
  TF-IDF fitted on the batch's own sentences; finds paraphrases and drives centrality;
- characters: 4-character n-grams of the match-normalized text; separates verbatim and near
  copies from paraphrases, and is robust to the spelling differences between outlets;
- shingles: the set of match-normalized word trigrams; the share of the shorter sentence's
  shingles found in the other (containment) catches a shared passage, such as one quote that
  two outlets embed in sentences of different lengths.
Candidate pairs come from a capped inverted index (:mod:`akhbar.blocking`), never a loop over pairs
nor the all-pairs product.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence

import numpy as np
from scipy import sparse

from akhbar.blocking import candidate_pairs, row_dots, similar_pairs
from akhbar.config import AlignConfig
from akhbar.records import Group, GroupKind, Sentence
from akhbar.resources import resource_set
from akhbar.text.normalize import normalize
from akhbar.text.segment import is_question
from akhbar.text.stem import light_stem
from akhbar.text.tokens import tokenize
from akhbar.vectors import binary, char_ngrams, tfidf

_KIND_RANK: dict[GroupKind, int] = {"paraphrase": 0, "near": 1, "verbatim": 2}


def stopwords() -> frozenset[str]:
    return resource_set("stopwords.txt")


def content_stems(text: str) -> list[str]:
    """Light stems of the content words of ``text`` (match-normalized, stop words dropped)."""
    return _content_stems_of_normalized(normalize(text))


class SentenceVectors:
    """Row ``i`` of each matrix represents ``sentences[i]``; rows are L2-normalized (``shingles``: binary).

    The character and shingle views are built when first read: the summary of a lone article never
    compares sentences across articles, and most stories of an archive are one article."""

    __slots__ = ("_chars", "_shingles", "_texts", "_tokens", "stems", "token_counts")

    def __init__(self, stems: sparse.csr_matrix, token_counts: np.ndarray, texts: Sequence[str],
                 tokens: Sequence[Sequence[str]]) -> None:
        self.stems = stems
        self.token_counts = token_counts  # content tokens per sentence
        self._texts, self._tokens = texts, tokens  # match-normalized, and their tokens
        self._chars: sparse.csr_matrix | None = None
        self._shingles: sparse.csr_matrix | None = None

    @property
    def chars(self) -> sparse.csr_matrix:
        if self._chars is None:
            self._chars = tfidf(char_ngrams(text, (4,)) for text in self._texts)
        return self._chars

    @property
    def shingles(self) -> sparse.csr_matrix:
        if self._shingles is None:
            self._shingles = binary(_trigrams(words) for words in self._tokens)
        return self._shingles


def vectorize(sentences: Sequence[Sentence]) -> SentenceVectors:
    """The three views of every sentence, each built from a stream of terms (never all term lists at once)."""
    texts = [normalize(s.text) for s in sentences]
    tokens = [tokenize(text) for text in texts]  # once: both the stems and the shingles read them
    token_counts = np.zeros(len(sentences), dtype=np.int64)
    stop = stopwords()

    def stems_and_bigrams() -> Iterator[list[str]]:
        for i, words in enumerate(tokens):
            doc = [light_stem(t) for t in words if t not in stop]
            token_counts[i] = len(doc)
            yield doc + [f"{a} {b}" for a, b in itertools.pairwise(doc)]

    return SentenceVectors(tfidf(stems_and_bigrams()), token_counts, texts, tokens)


def _content_stems_of_normalized(normalized: str) -> list[str]:
    stop = stopwords()
    return [light_stem(t) for t in tokenize(normalized) if t not in stop]


def _trigrams(tokens: Sequence[str]) -> list[str]:
    return [" ".join(tokens[i : i + 3]) for i in range(len(tokens) - 2)]


def containment(vectors: SentenceVectors, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Share of the smaller shingle set of each pair that the other sentence also holds."""
    shared = pair_products(vectors.shingles, rows, cols)
    sizes = np.asarray(vectors.shingles.sum(axis=1)).ravel()
    smaller = np.minimum(sizes[rows], sizes[cols])
    return np.divide(shared, smaller, out=np.zeros_like(shared), where=smaller > 0)


pair_products = row_dots


def align(
    sentences: Sequence[Sentence], vectors: SentenceVectors, *, config: AlignConfig
) -> list[Group]:
    """Groups of sentences from at least two articles that say the same thing, strongest first."""
    n = len(sentences)
    if n < 2 or len({s.article for s in sentences}) < 2:  # one article: nothing to align across outlets
        return []
    articles = np.array([s.article for s in sentences])
    rows, cols = _candidate_pairs(vectors, articles, config)
    word_sim = pair_products(vectors.stems, rows, cols)
    char_sim = pair_products(vectors.chars, rows, cols)
    contained = containment(vectors, rows, cols)
    counts = vectors.token_counts
    long_enough = (counts[rows] >= config.min_tokens) & (counts[cols] >= config.min_tokens)
    verbatim = (char_sim >= config.verbatim_threshold) | ((contained >= 0.95) & (char_sim >= config.near_threshold))
    near = (char_sim >= config.near_threshold) | (contained >= config.containment_threshold)
    kinds = np.where(verbatim, 2, np.where(near, 1, 0))
    # A question shares words with the statement it asks about («ما الذي سيعلنه ترامب؟» / «قال ترامب إنه
    # سيعلن»), but tells no fact: it pairs with a statement only as a copy of its wording.
    asks = np.array([is_question(s.text) for s in sentences], dtype=bool)
    same_mood = asks[rows] == asks[cols]
    linked = long_enough & (near | ((word_sim >= config.paraphrase_threshold) & same_mood))
    rows, cols, kinds = rows[linked], cols[linked], kinds[linked]
    strength = np.maximum.reduce([word_sim[linked], char_sim[linked], contained[linked]])
    labels = components(n, rows, cols)
    return _groups_from_links(sentences, labels, rows, kinds, strength)


def components(n: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Connected-component label of each of ``n`` nodes, by union-find over the links.

    The loop runs over links, which are few (pairs that say the same thing), not over pairs;
    scipy.sparse.csgraph would do the same but its import costs a third of a second per run.
    """
    parent = np.arange(n)

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = int(parent[i])
        return i

    for a, b in zip(rows.tolist(), cols.tolist(), strict=True):
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return np.array([root(i) for i in range(n)])


def _candidate_pairs(
    vectors: SentenceVectors, articles: np.ndarray, config: AlignConfig
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of sentences of different articles that share enough stems or two word trigrams.

    Candidates come from the capped inverted index of :mod:`akhbar.blocking`, so a story of
    thousands of articles never builds the sentence-by-sentence product.
    """
    stem_rows, stem_cols, _ = similar_pairs(vectors.stems, threshold=config.paraphrase_threshold * 0.8,
                                            max_df=config.max_df)
    shingle_rows, shingle_cols = candidate_pairs(vectors.shingles, max_df=config.max_df, min_shared=2)
    rows = np.concatenate([stem_rows, shingle_rows])
    cols = np.concatenate([stem_cols, shingle_cols])
    pairs = np.unique(np.stack([rows, cols], axis=1), axis=0) if len(rows) else np.zeros((0, 2), dtype=int)
    other_article = articles[pairs[:, 0]] != articles[pairs[:, 1]]
    return pairs[other_article, 0], pairs[other_article, 1]


def _groups_from_links(
    sentences: Sequence[Sentence], labels: np.ndarray, rows: np.ndarray, kinds: np.ndarray,
    strength: np.ndarray,
) -> list[Group]:
    names: list[GroupKind] = ["paraphrase", "near", "verbatim"]
    groups: list[Group] = []
    if len(rows) == 0:
        return groups
    link_label = labels[rows]
    # Members and links of each label by one sort each, not one scan of all sentences per group.
    node_order = np.argsort(labels, kind="stable")
    node_labels, node_starts = np.unique(labels[node_order], return_index=True)
    link_order = np.argsort(link_label, kind="stable")
    link_labels, link_starts = np.unique(link_label[link_order], return_index=True)
    node_bounds = dict(zip(node_labels.tolist(), zip(node_starts.tolist(), [*node_starts[1:].tolist(), len(labels)],
                                                     strict=True), strict=True))
    link_ends = [*link_starts[1:].tolist(), len(link_label)]
    for label, start, end in zip(link_labels.tolist(), link_starts.tolist(), link_ends, strict=True):
        first, last = node_bounds[label]
        members = node_order[first:last]
        in_group = link_order[start:end]
        # The strongest link names the group: two wire copies stay "verbatim" even when a
        # paraphrase of the same fact from a third sentence joins them.
        strongest = int(kinds[in_group].max())
        group_sentences = tuple(sentences[int(i)] for i in members)
        if len({s.article for s in group_sentences}) < 2:
            continue
        groups.append(Group(group_sentences, names[strongest], float(strength[in_group].min())))
    groups.sort(key=lambda g: (-len(g.sources), -_KIND_RANK[g.kind], g.sentences[0].article, g.sentences[0].index))
    return groups
