"""The clustering state: a plain record that the fold (:func:`akhbar.stories.cluster.update`) reads and
grows, and that the store saves and loads, with terms as strings (never the column numbers of one batch).

Weights use a stable IDF: the shipped archive document frequencies (``background_df``) plus the running
counts of the articles folded so far (``df``, ``documents``). An article's weights are fixed when it
joins a story: a story's centroid is the sum of its members' vectors as they were weighed then.

The records are mutable on purpose: a fold adds tens of thousands of articles, and copying the state
for each would cost more than the fold. :func:`update` hands back the state it was given, grown.
"""

from __future__ import annotations

import math
import operator
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import repeat

from akhbar.stories.index import StoryIndex

Prior = tuple[Mapping[str, int], int]  # archive document frequencies and the archive's size


@dataclass(slots=True, eq=False)
class StoryState:
    """One story as the fold sees it: its centroid (term -> summed weight), days and size.

    ``added`` lists the articles that joined while the state was in memory (all of them for a fold
    from empty; those of this fold when the store loaded the state: it keeps the earlier members).
    """

    id: str
    opened: int  # the order stories opened in: ties and merges go by it (the first opened keeps its id)
    centroid: dict[str, float] = field(default_factory=dict)
    norm2: float = 0.0  # squared norm of the centroid, kept up to date as members join
    first_day: int | None = None
    last_day: int | None = None
    size: int = 0
    added: list[str] = field(default_factory=list)

    def add(self, article: str, terms: Sequence[str], weights: Sequence[float], day: int | None) -> None:
        self._add_vector(terms, weights, sum(w * w for w in weights))
        self.added.append(article)
        self.size += 1
        self._extend_days(day, day)

    def absorb(self, other: StoryState) -> None:
        """Take all members of ``other`` (its centroid is added to this one)."""
        self._add_vector(list(other.centroid), list(other.centroid.values()), other.norm2)
        self.added.extend(other.added)
        self.size += other.size
        self._extend_days(other.first_day, other.last_day)
        other.added, other.size = [], 0

    def cosine(self, terms: Sequence[str], weights: Sequence[float]) -> float:
        """Cosine between a vector (sparse: terms and weights) and the centroid."""
        if len(terms) != len(weights):
            raise ValueError("terms and weights differ in length")
        # map() over C functions: the same products added in the same order as a generator, about twice as fast
        norm = math.sqrt(self.norm2 * sum(map(operator.mul, weights, weights)))
        if norm == 0:
            return 0.0
        return sum(map(operator.mul, map(self.centroid.get, terms, repeat(0.0)), weights)) / norm

    def _add_vector(self, terms: Sequence[str], weights: Sequence[float], norm2: float) -> None:
        centroid = self.centroid
        dot = sum(centroid.get(t, 0.0) * w for t, w in zip(terms, weights, strict=True))
        self.norm2 += 2 * dot + norm2
        for t, w in zip(terms, weights, strict=True):
            centroid[t] = centroid.get(t, 0.0) + w

    def _extend_days(self, first: int | None, last: int | None) -> None:
        self.first_day, self.last_day = widened(self.first_day, self.last_day, first, last)


def widened(first_day: int | None, last_day: int | None, *days: int | None) -> tuple[int | None, int | None]:
    """The span ``first_day``..``last_day`` grown to hold ``days`` (None: no day, nothing to hold)."""
    for day in days:
        if day is not None:
            first_day = day if first_day is None else min(first_day, day)
            last_day = day if last_day is None else max(last_day, day)
    return first_day, last_day


@dataclass(slots=True, eq=False)
class ClusterState:
    """What the fold resumes from. A fold from empty holds everything; the store loads only the stories
    that can still take the articles it brings (and the postings and counts of those articles' terms)."""

    index: StoryIndex
    stories: dict[str, StoryState] = field(default_factory=dict)  # the live stories the fold can reach
    df: dict[str, int] = field(default_factory=dict)  # running document frequency of (at least) the terms in play
    documents: int = 0  # articles folded so far
    placed: dict[str, str] = field(default_factory=dict)  # article -> story, for the articles the fold knows of
    merged: dict[str, str] = field(default_factory=dict)  # a merged story -> the live story it joined
    clock: int = 0  # posting touches so far (orders a term's stories, newest first)
    opened: int = 0  # stories opened so far

    @classmethod
    def empty(cls, *, posting_cap: int) -> ClusterState:
        return cls(StoryIndex(posting_cap=posting_cap))

    def resolve(self, story: str) -> str:
        """The live story a (possibly merged) id stands for."""
        seen = 0
        while story in self.merged and seen < 64:  # chains are flattened when saved; a loop guard all the same
            story, seen = self.merged[story], seen + 1
        return story


@dataclass(frozen=True, slots=True)
class StoryChanges:
    """What one fold did: the store writes exactly these rows."""

    created: tuple[str, ...] = ()  # stories opened by this fold (and still live)
    grown: tuple[str, ...] = ()  # stories that took articles (created ones included), live ones
    merged: tuple[tuple[str, str], ...] = ()  # (merged story, the live story it joined), chains flattened
    placed: tuple[tuple[str, str], ...] = ()  # (article, story) for each folded article, final
    terms: Mapping[str, int] = field(default_factory=dict)  # document-frequency increments
    documents: int = 0  # articles folded
    postings: tuple[tuple[str, str, int], ...] = ()  # (term, story, touched) written by this fold

    @property
    def changed(self) -> tuple[str, ...]:
        """The live stories whose state or members changed."""
        return tuple(dict.fromkeys((*self.grown, *(into for _, into in self.merged))))


def term_counts(docs: Iterable[Sequence[str]]) -> Counter[str]:
    """Document frequencies of ``docs`` (each term counted once per document)."""
    counts: Counter[str] = Counter()
    for doc in docs:
        counts.update(set(doc))
    return counts


def weigh(terms: Sequence[str], df: Mapping[str, int], documents: int,
          prior: Prior | None) -> tuple[list[str], list[float]]:
    """An article's L2-normalized vector: sublinear TF times the smoothed IDF of ``df`` plus ``prior``
    (as :func:`akhbar.vectors.tfidf` computes it for a batch). Terms in first-seen order."""
    counts = Counter(terms)
    table, extra = prior if prior is not None else ({}, 0)
    n = documents + extra
    keys = list(counts)
    weights = [(1 + math.log(counts[t])) * (math.log((1 + n) / (1 + df.get(t, 0) + table.get(t, 0))) + 1)
               for t in keys]
    norm = math.sqrt(sum(w * w for w in weights)) or 1.0
    return keys, [w / norm for w in weights]
