"""The state of the clustering pass: each story's centroid, and an inverted index from rare terms to stories.

Both are plain objects that live only inside one call of
:func:`akhbar.stories.cluster.cluster_stories`; nothing here reads or writes files.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence


class StoryState:
    """A story being built: its members (positions in the batch), centroid and newest day."""

    __slots__ = ("centroid", "first_day", "last_day", "members", "norm2", "sid")

    def __init__(self, sid: int) -> None:
        self.sid = sid
        self.members: list[int] = []
        self.centroid: dict[int, float] = {}  # term -> sum of the members' weights
        self.norm2 = 0.0  # squared norm of the centroid, kept up to date as members join
        self.first_day: int | None = None
        self.last_day: int | None = None

    def add(self, member: int, terms: Sequence[int], weights: Sequence[float], day: int | None) -> None:
        centroid = self.centroid
        dot = sum(centroid.get(t, 0.0) * w for t, w in zip(terms, weights, strict=True))
        self.norm2 += 2 * dot + sum(w * w for w in weights)
        for t, w in zip(terms, weights, strict=True):
            centroid[t] = centroid.get(t, 0.0) + w
        self.members.append(member)
        if day is not None and (self.last_day is None or day > self.last_day):
            self.last_day = day
        if day is not None and (self.first_day is None or day < self.first_day):
            self.first_day = day

    def absorb(self, other: StoryState) -> None:
        """Take all members of ``other`` (whose centroid is added to this one)."""
        terms, weights = list(other.centroid), list(other.centroid.values())
        for member in other.members:
            self.members.append(member)
        centroid = self.centroid
        dot = sum(centroid.get(t, 0.0) * w for t, w in zip(terms, weights, strict=True))
        self.norm2 += 2 * dot + other.norm2
        for t, w in zip(terms, weights, strict=True):
            centroid[t] = centroid.get(t, 0.0) + w
        for day in (other.first_day, other.last_day):
            if day is not None:
                self.first_day = day if self.first_day is None else min(self.first_day, day)
                self.last_day = day if self.last_day is None else max(self.last_day, day)
        other.members = []

    def cosine(self, terms: Sequence[int], weights: Sequence[float]) -> float:
        """Cosine between a vector (sparse: terms and weights) and the centroid."""
        norm = math.sqrt(self.norm2 * sum(w * w for w in weights))
        if norm == 0:
            return 0.0
        centroid = self.centroid
        return sum(centroid.get(t, 0.0) * w for t, w in zip(terms, weights, strict=True)) / norm


class StoryIndex:
    """Rare term -> stories that hold it, most recently updated last.

    A lookup reads at most ``posting_cap`` stories per term, newest first: a term shared by many
    stories (a country, a recurring topic) then costs no more than a rare one, which keeps every
    lookup bounded and the whole pass linear in the articles.
    """

    def __init__(self, *, posting_cap: int) -> None:
        self.posting_cap = posting_cap
        self.postings_: dict[int, dict[int, None]] = {}

    def update(self, sid: int, terms: Sequence[int]) -> None:
        """Index ``terms`` for story ``sid`` and mark it as the most recent story of each."""
        for term in terms:
            posting = self.postings_.setdefault(term, {})
            posting.pop(sid, None)
            posting[sid] = None

    def candidates(self, terms: Sequence[int], *, limit: int, live: Callable[[int], bool]) -> list[int]:
        """The ``limit`` live stories sharing most of ``terms`` (ties: the newer story first)."""
        shared: dict[int, int] = {}
        for term in terms:
            posting = self.postings_.get(term)
            if not posting:
                continue
            for sid in itertools.islice(reversed(posting), self.posting_cap):
                if live(sid):
                    shared[sid] = shared.get(sid, 0) + 1
        ranked = sorted(shared.items(), key=lambda item: (-item[1], -item[0]))
        return [sid for sid, _ in ranked[:limit]]
