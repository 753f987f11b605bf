"""The storyline fold: stories (events) placed into storylines, one at a time, from a saved state.

``update(state, stories, merged, config) -> (state, LineChanges)`` is the one storyline pass, as
:func:`akhbar.stories.cluster.update` is for stories: a batch is a fold from an empty state
(:func:`akhbar.stories.storylines.build_storylines`), the store folds the stories that changed since
its last fold into the state it saved (:mod:`akhbar.store.storylines`), Spark folds all stories once.

A story is a vector (:func:`akhbar.stories.storylines.story_vector`: it depends only on the story's
members, so a story weighs the same in a batch and in a store). A storyline's centroid is the sum of
its stories' vectors. A story placed for the first time joins the storyline its vector is closest to
(from ``line_threshold``, up to ``line_days`` after the storyline's newest day), found through an
index (a storyline is filed under the heaviest terms of each story it takes; a story looks storylines
up by its own heaviest terms and scores ``candidates`` in full): never all pairs. A lookup reads the
``posting_cap`` storylines most recently filed under each term (:mod:`akhbar.stories.lineindex`), and a term
keeps few more, so a lookup costs the same whatever the history: a storyline that no story has named
for a while drops out of its terms, as it drops out of reach of ``line_days``. An undated story has no
day to be out of reach of: it looks among those same recent storylines, and joins one only where its
words reach ``line_threshold``. A story already placed that changed (it took articles) stays in its
storyline, which takes its new vector instead of the old one: ids are promises. Only a story alone in
its storyline looks again, and when it joins another one, its former storyline is merged into that
one (``merged_into``). A story merged into another leaves
its storyline; a storyline left empty so is merged into the storyline of the story it joined.
Storyline ids are ``line-<id of the story that opened it>``, minted once.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from akhbar.config import StoryConfig
from akhbar.stories.ids import unused_id
from akhbar.stories.lineindex import LinePostings
from akhbar.stories.state import widened

INDEX_TERMS = 40  # a storyline is filed under this many of the heaviest terms of each story it takes
QUERY_TERMS = 16  # a story looks storylines up by this many of its heaviest terms


@dataclass(frozen=True, slots=True)
class StoryVector:
    """A story as the storyline fold sees it: its days and its vector (term -> weight, unit length)."""

    id: str
    start: int | None  # proleptic ordinals
    end: int | None
    vector: dict[str, float]


Body = tuple[dict[str, float], "np.ndarray | None"]  # a storyline's centroid and embedded sum


@dataclass(slots=True, eq=False)
class LineState:
    """One storyline: the sum of its stories' vectors, its days, and when it last took a story.

    A store reads back thousands of open storylines per fold and scores few of them: their centroids
    (``body``) are made only when first asked for (``centroid``, ``embedded``), from ``source``."""

    id: str
    opened: int  # the order storylines opened in: ties and merges go by it
    norm2: float = 0.0
    first_day: int | None = None
    last_day: int | None = None
    touched: int = 0  # the fold clock when it last took a story
    size: int = 0  # stories
    source: Callable[[], Body] | None = None  # the centroid and embedded sum, not yet made
    terms_: dict[str, float] = field(default_factory=dict, repr=False)
    embedded_: np.ndarray | None = field(default=None, repr=False)

    def _made(self) -> None:
        if self.source is not None:
            self.terms_, self.embedded_ = self.source()
            self.source = None

    @property
    def centroid(self) -> dict[str, float]:
        self._made()
        return self.terms_

    @property
    def embedded(self) -> np.ndarray | None:
        """The sum of the stories' word-vector means (line_vector_weight > 0)."""
        self._made()
        return self.embedded_

    @embedded.setter
    def embedded(self, value: np.ndarray | None) -> None:
        self._made()
        self.embedded_ = value

    def add(self, vector: Mapping[str, float], embedded: np.ndarray | None) -> None:
        centroid = self.centroid
        self.norm2 += 2 * dot(vector, centroid) + sum(w * w for w in vector.values())
        for term, w in vector.items():
            centroid[term] = centroid.get(term, 0.0) + w
        if embedded is not None:
            self.embedded = embedded.copy() if self.embedded is None else self.embedded + embedded
        self.size += 1

    def remove(self, vector: Mapping[str, float], embedded: np.ndarray | None) -> None:
        centroid = self.centroid
        for term, w in vector.items():
            left = centroid.get(term, 0.0) - w
            if abs(left) < 1e-12:
                centroid.pop(term, None)
            else:
                centroid[term] = left
        # The norm moves by what left (|c - v|^2 = |c|^2 - 2 c.v + |v|^2, c.v over the remaining centroid
        # plus v's own weights): the cost follows the story, not the storyline it leaves.
        own = sum(w * w for w in vector.values())
        self.norm2 = max(0.0, self.norm2 - 2 * dot(vector, centroid) - own) if centroid else 0.0
        if embedded is not None and self.embedded is not None:
            self.embedded = self.embedded - embedded
        self.size -= 1

    def extend_days(self, first: int | None, last: int | None) -> None:
        self.first_day, self.last_day = widened(self.first_day, self.last_day, first, last)


@dataclass(slots=True, eq=False)
class StorylineState:
    """What the storyline fold resumes from. A fold from empty holds everything; the store loads the
    storylines of the stories it folds and those their terms can find."""

    lines: dict[str, LineState] = field(default_factory=dict)
    postings: LinePostings = field(default_factory=LinePostings)
    merged: dict[str, str] = field(default_factory=dict)  # a merged storyline -> the live one it joined
    placed: dict[str, tuple[str, dict[str, float]]] = field(default_factory=dict)  # story -> (storyline, vector)
    clock: int = 0
    opened: int = 0

    def renamed(self, names: Mapping[str, str]) -> StorylineState:
        """This state with its live storylines named as ``names`` says (a rebuild keeps the old ids)."""
        lines: dict[str, LineState] = {}
        for held in self.lines.values():
            held.id = names[held.id]
            lines[held.id] = held
        state = StorylineState(lines=lines, clock=self.clock, opened=self.opened)
        state.placed = {story: (names[self.resolve(line)], vector) for story, (line, vector) in self.placed.items()}
        for term, posting in self.postings.terms.items():
            kept: dict[str, int] = {}
            for line, clock in sorted(posting.items(), key=lambda entry: entry[1]):
                name = names[self.resolve(line)]
                kept.pop(name, None)
                kept[name] = clock
            state.postings.terms[term] = kept
        return state

    def resolve(self, line: str) -> str:
        """The live storyline ``line`` stands for; the chain it followed is shortened to one step."""
        merged = self.merged
        if line not in merged:
            return line
        path: list[str] = []
        while line in merged and len(path) < 64:
            path.append(line)
            line = merged[line]
        for old in path[:-1]:
            merged[old] = line
        return line


@dataclass(frozen=True, slots=True)
class LineChanges:
    """What one storyline fold did: the store writes exactly these rows."""

    created: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()  # live storylines whose stories or centroid changed (created ones included)
    merged: tuple[tuple[str, str], ...] = ()  # (merged storyline, the live one it joined), chains flattened
    placed: tuple[tuple[str, str], ...] = ()  # (story, storyline) for each story folded, final
    left: tuple[str, ...] = ()  # stories that left the fold (merged into another story)
    postings: tuple[tuple[str, str, int], ...] = ()  # (term, storyline, clock) filed by this fold


Embedder = Callable[[Mapping[str, float]], "np.ndarray | None"]


def update(state: StorylineState, stories: Sequence[StoryVector], merged: Sequence[tuple[str, str]] = (), *,
           config: StoryConfig, taken: Callable[[str], bool] | None = None,
           embed: Embedder | None = None) -> tuple[StorylineState, LineChanges]:
    """Fold ``stories`` (new ones, and placed ones that changed: their vectors now) into ``state``, after
    taking out the stories ``merged`` into others (old, into). Stories are placed in the order they
    started (undated last), so a batch from empty places them as one machine reading the archive would."""
    fold = _Fold(state, config, taken or (lambda _line: False), embed)
    for old, into in merged:
        fold.leave(old, into)
    for story in sorted(stories, key=lambda s: (s.start is None, s.start or 0, s.id)):
        fold.place(story)
    fold.settle_left()
    return state, fold.changes()


class _Fold:
    def __init__(self, state: StorylineState, config: StoryConfig, taken: Callable[[str], bool],
                 embed: Embedder | None) -> None:
        self.state, self.config, self.taken = state, config, taken
        self.embed = embed if config.line_vector_weight > 0 else None
        self.created: dict[str, None] = {}
        self.changed: dict[str, None] = {}
        self.merged: dict[str, str] = {}
        self.placed: dict[str, str] = {}
        self.left: dict[str, str] = {}  # a story merged away -> the story it joined
        self.emptied: dict[str, str] = {}  # a storyline left empty by a merged story -> that story's target
        self.postings: dict[tuple[str, str], int] = {}

    def _embedded(self, vector: Mapping[str, float]) -> np.ndarray | None:
        return self.embed(vector) if self.embed is not None else None

    def leave(self, story: str, into: str) -> None:
        """``story`` joined story ``into``: it leaves its storyline."""
        state = self.state
        self.left[story] = into
        self.placed.pop(story, None)
        found = state.placed.pop(story, None)
        if found is None:
            return
        line = state.lines.get(state.resolve(found[0]))
        if line is None:
            return
        line.remove(found[1], self._embedded(found[1]))
        self.changed[line.id] = None
        if line.size <= 0:
            self.emptied[line.id] = into

    def place(self, story: StoryVector) -> None:
        state = self.state
        embedded = self._embedded(story.vector)
        held = state.placed.get(story.id)
        line: LineState | None = None
        if held is not None:
            current = state.lines.get(state.resolve(held[0]))
            if current is not None:
                current.remove(held[1], self._embedded(held[1]))
                if current.size > 0:
                    line = current  # a story stays in its storyline: its id was shown
                else:
                    found = self._best(story, embedded, exclude=current.id)
                    if found is not None:
                        self._merge(current.id, found.id)
                        line = found
                    else:
                        line = current
        if line is None:
            line = self._best(story, embedded) or self._open(story.id)
        line.add(story.vector, embedded)
        line.extend_days(story.start, story.end)
        state.clock += 1
        line.touched = state.clock
        state.placed[story.id] = (line.id, story.vector)
        self.placed[story.id] = line.id
        self.changed[line.id] = None
        for term in heaviest(story.vector, INDEX_TERMS):
            state.postings.file(term, line.id, state.clock, self.config.posting_cap)
            self.postings[(term, line.id)] = state.clock

    def _open(self, story: str) -> LineState:
        state = self.state
        name = unused_id(f"line-{story}", lambda n: n in state.lines or n in state.merged or self.taken(n))
        state.opened += 1
        line = LineState(name, state.opened)
        state.lines[name] = line
        self.created[name] = None
        return line

    def _best(self, story: StoryVector, embedded: np.ndarray | None, exclude: str | None = None) -> LineState | None:
        config = self.config
        best: LineState | None = None
        best_score = 0.0
        share = config.line_vector_weight
        bridged: list[LineState] = []
        for line in self._candidates(story.vector, story.start):
            if line.id == exclude or line.size <= 0:
                continue
            score = dot(story.vector, line.centroid) / (math.sqrt(line.norm2) or 1.0)
            if share > 0 and embedded is not None and line.embedded is not None:
                # Word vectors re-score the candidates the terms found; they never find candidates.
                other = line.embedded
                score = (1 - share) * score + share * float(embedded @ other) / (float(np.linalg.norm(other)) or 1.0)
            if score >= config.line_threshold and score > best_score:
                best, best_score = line, score
            if 0 < config.line_merge_threshold <= score:
                bridged.append(line)
        if len(bridged) > 1:
            # A story close to two storylines shows they are one: the older takes the other in.
            ordered = sorted(bridged, key=lambda line: line.opened)
            best = ordered[0]
            for line in ordered[1:]:
                self._merge(line.id, best.id)
        return best

    def _merge(self, line_id: str, into_id: str) -> None:
        """Storyline ``line_id`` joins ``into_id``: its stories, centroid and days move there."""
        state = self.state
        line, into = state.lines.pop(line_id), state.lines[into_id]
        for term, w in line.centroid.items():
            into.centroid[term] = into.centroid.get(term, 0.0) + w
        into.norm2 = sum(w * w for w in into.centroid.values())
        if line.embedded is not None:
            into.embedded = line.embedded if into.embedded is None else into.embedded + line.embedded
        into.size += line.size
        into.extend_days(line.first_day, line.last_day)
        into.touched = max(into.touched, line.touched)
        # The stories placed in ``line_id`` keep naming it: every reader of ``placed`` resolves, so a
        # merge costs the same whatever the state holds.
        state.merged[line_id] = into_id
        self.merged[line_id] = into_id
        self.changed[into_id] = None
        self.changed.pop(line_id, None)

    def settle_left(self) -> None:
        """A storyline emptied by a merged story joins the storyline of the story it joined."""
        state = self.state
        for line_id, story in self.emptied.items():
            target = story
            while target in self.left:
                target = self.left[target]
            found = state.placed.get(target)
            line = state.lines.get(line_id)
            if found is None or line is None or line.size > 0:
                continue
            into = state.resolve(found[0])
            if into != line_id and into in state.lines:
                self._merge(line_id, into)

    def _candidates(self, vector: Mapping[str, float], day: int | None) -> list[LineState]:
        state, config = self.state, self.config
        votes: Counter[str] = Counter()
        for term in heaviest(vector, QUERY_TERMS):
            found = state.postings.newest(term, state.resolve, config.posting_cap)
            votes.update(line for line in found if line in state.lines and _alive(state.lines[line], day, config))
        ranked = sorted(votes.items(), key=lambda kv: (-kv[1], state.lines[kv[0]].opened))
        return [state.lines[line] for line, _ in ranked[: config.candidates]]

    def changes(self) -> LineChanges:
        state = self.state
        live = state.lines
        return LineChanges(
            created=tuple(line for line in self.created if line in live),
            changed=tuple(line for line in self.changed if line in live),
            merged=tuple((old, state.resolve(into)) for old, into in self.merged.items() if old not in self.created),
            placed=tuple((story, state.resolve(line)) for story, line in self.placed.items()),
            left=tuple(self.left),
            postings=tuple((term, line, clock) for (term, line), clock in self.postings.items()),
        )


def _alive(line: LineState, day: int | None, config: StoryConfig) -> bool:
    return day is None or line.last_day is None or day - line.last_day <= config.line_days


def heaviest(vector: Mapping[str, float], k: int) -> list[str]:
    return [term for term, _ in heapq.nsmallest(k, vector.items(), key=lambda kv: (-kv[1], kv[0]))]


def dot(vector: Mapping[str, float], centroid: Mapping[str, float]) -> float:
    return sum(w * centroid.get(term, 0.0) for term, w in vector.items())
