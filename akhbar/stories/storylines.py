"""Storylines: the continuing stories that events (the stories of :mod:`akhbar.stories.cluster`) belong to.

A second fold, over stories instead of articles: each story, in the order it started, joins the
storyline whose centroid is closest, or opens one. A story is a TF-IDF vector of the title stems of
its members and the stems of their leads (``line_lead_words``), IDF from the shipped archive
frequencies plus the batch; names (:func:`akhbar.text.names.known_names`, spellings merged by the
stemmer) weigh ``line_name_weight`` times: the developments of a storyline change their verbs but
keep their people and places. With ``line_vector_weight`` above 0, the shipped word vectors
(:mod:`akhbar.stories.wordvectors`) blend their cosine into the score of each candidate.

Candidates come from an inverted index: a storyline is filed under the heaviest terms of each story
it takes, a story looks storylines up by its own heaviest terms (at most ``posting_cap`` storylines
read per term, most recently grown first, ``candidates`` scored in full), never from all pairs. A
storyline takes a story up to ``line_days`` after its newest day, from ``line_threshold`` on; with
``line_merge_threshold`` above 0, a story that close to two storylines joins them (the older keeps
its id). Ids follow the story ids: ``line-<id of its first story>``. The result depends only on the
input.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from akhbar.align import content_stems
from akhbar.config import StoryConfig
from akhbar.records import Article
from akhbar.stories.records import Story
from akhbar.stories.wordvectors import word_vectors
from akhbar.text.names import known_names
from akhbar.vectors import background_frequencies

_INDEX_TERMS = 40  # a storyline is filed under this many of the heaviest terms of each story it takes
_QUERY_TERMS = 16  # a story looks storylines up by this many of its heaviest terms


@dataclass(frozen=True, slots=True)
class Storyline:
    """Stories (events) that continue one another, over days to months."""

    id: str
    title: str
    stories: tuple[str, ...]  # story ids, oldest first
    start: str | None
    end: str | None
    outlets: tuple[str, ...]
    size: int  # stories


def story_term_counts(story: Story, articles: Mapping[str, Article], *, lead_words: int) -> Counter[str]:
    """Each member article's title and lead stems, counted once per article."""
    counts: Counter[str] = Counter()
    for article_id in story.articles:
        article = articles.get(article_id)
        if article is None:
            continue
        lead = " ".join(article.body.split()[:lead_words])
        counts.update(set(content_stems(article.title or "")) | set(content_stems(lead)))
    return counts


def build_storylines(stories: Sequence[Story], articles: Sequence[Article], *,
                     config: StoryConfig) -> tuple[tuple[Storyline, ...], dict[str, str]]:
    """The storylines of ``stories`` (largest first) and each story's storyline id."""
    by_id = {a.id: a for a in articles}
    ordered = sorted(stories, key=lambda s: (_day(s.start) is None, _day(s.start) or 0, s.id))
    counts = [story_term_counts(s, by_id, lead_words=config.line_lead_words) for s in ordered]
    vectors = _weigh(counts, config)
    embedder = word_vectors() if config.line_vector_weight > 0 else None
    fold = _Fold(config)
    for story, vector in zip(ordered, vectors, strict=True):
        fold.place(story, vector, embedder.embed(vector) if embedder is not None else None)
    lines = tuple(sorted((_storyline(members) for members in fold.members if members),
                         key=lambda line: (-line.size, line.id)))
    return lines, {story_id: line.id for line in lines for story_id in line.stories}


def _weigh(counts: Sequence[Counter[str]], config: StoryConfig) -> list[dict[str, float]]:
    prior, prior_n = background_frequencies()
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    n = prior_n + len(counts)
    names = known_names() if config.line_name_weight != 1 else frozenset()
    vectors = []
    for c in counts:
        weights = {term: (1 + math.log(k)) * (math.log((n + 1) / (prior.get(term, 0) + df[term] + 1)) + 1)
                   * (config.line_name_weight if term in names else 1.0)
                   for term, k in c.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        vectors.append({term: w / norm for term, w in weights.items()})
    return vectors


class _Fold:
    """Storylines so far: their members, centroids (sums of member vectors), newest day, and the index."""

    def __init__(self, config: StoryConfig) -> None:
        self.config = config
        self.members: list[list[Story]] = []
        self.centroids: list[dict[str, float]] = []
        self.norms2: list[float] = []  # squared norm of each centroid, kept as stories join
        self.embedded: list[np.ndarray | None] = []  # sum of the members' word-vector means
        self.last_day: list[int | None] = []
        self.postings: dict[str, list[int]] = defaultdict(list)
        self.touched: list[int] = []
        self.clock = 0
        self.merged_into: dict[int, int] = {}  # a storyline joined into an older one

    def place(self, story: Story, vector: dict[str, float], embedded: np.ndarray | None = None) -> None:
        day = _day(story.start)
        best, best_score = None, 0.0
        share = self.config.line_vector_weight
        bridged: list[int] = []
        for line in self._candidates(vector, day):
            score = _dot(vector, self.centroids[line]) / (math.sqrt(self.norms2[line]) or 1.0)
            other = self.embedded[line]
            if share > 0 and embedded is not None and other is not None:
                # Word vectors re-score the candidates the terms found; they never find candidates.
                score = (1 - share) * score + share * float(embedded @ other) / (float(np.linalg.norm(other)) or 1.0)
            if score >= self.config.line_threshold and score > best_score:
                best, best_score = line, score
            if 0 < self.config.line_merge_threshold <= score:
                bridged.append(line)
        if len(bridged) > 1:
            # A story close to two storylines shows they are one: the older takes the other in.
            best = min(bridged)
            for line in sorted(bridged)[1:]:
                self._merge(line, best)
        if best is None:
            best = len(self.members)
            self.members.append([])
            self.centroids.append({})
            self.norms2.append(0.0)
            self.embedded.append(None)
            self.last_day.append(None)
            self.touched.append(0)
        self.members[best].append(story)
        centroid = self.centroids[best]
        self.norms2[best] += 2 * _dot(vector, centroid) + sum(w * w for w in vector.values())
        if embedded is not None:
            held = self.embedded[best]
            self.embedded[best] = embedded.copy() if held is None else held + embedded
        for term, w in vector.items():
            centroid[term] = centroid.get(term, 0.0) + w
        end = _day(story.end)
        if end is not None and (self.last_day[best] is None or end > (self.last_day[best] or 0)):
            self.last_day[best] = end
        self.clock += 1
        self.touched[best] = self.clock
        # Filed under the new member's heaviest terms: a later story told in its words finds the line.
        for term in _heaviest(vector, _INDEX_TERMS):
            posting = self.postings[term]
            if best not in posting:
                posting.append(best)

    def _merge(self, line: int, into: int) -> None:
        self.members[into].extend(self.members[line])
        self.members[line] = []
        centroid = self.centroids[into]
        for term, w in self.centroids[line].items():
            centroid[term] = centroid.get(term, 0.0) + w
        self.centroids[line] = {}
        self.norms2[into] = sum(w * w for w in centroid.values())
        held, other = self.embedded[into], self.embedded[line]
        self.embedded[into] = other if held is None else held if other is None else held + other
        days = [d for d in (self.last_day[into], self.last_day[line]) if d is not None]
        self.last_day[into] = max(days) if days else None
        self.touched[into] = max(self.touched[into], self.touched[line])
        self.merged_into[line] = into

    def _root(self, line: int) -> int:
        while line in self.merged_into:
            line = self.merged_into[line]
        return line

    def _candidates(self, vector: dict[str, float], day: int | None) -> list[int]:
        votes: Counter[int] = Counter()
        for term in _heaviest(vector, _QUERY_TERMS):
            posting = self.postings.get(term)
            if not posting:
                continue
            roots = {self._root(line) for line in posting}
            recent = sorted(roots, key=lambda line: -self.touched[line])[: self.config.posting_cap]
            votes.update(line for line in recent if self._alive(line, day))
        return [line for line, _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[: self.config.candidates]]

    def _alive(self, line: int, day: int | None) -> bool:
        last = self.last_day[line]
        return day is None or last is None or day - last <= self.config.line_days


def _heaviest(vector: Mapping[str, float], k: int) -> list[str]:
    return [term for term, _ in heapq.nsmallest(k, vector.items(), key=lambda kv: (-kv[1], kv[0]))]


def _dot(vector: Mapping[str, float], centroid: Mapping[str, float]) -> float:
    return sum(w * centroid.get(term, 0.0) for term, w in vector.items())


def _day(iso: str | None) -> int | None:
    if not iso:
        return None
    try:
        return date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return None


def _storyline(members: Sequence[Story]) -> Storyline:
    ordered = sorted(members, key=lambda s: (_day(s.start) is None, _day(s.start) or 0, s.id))
    starts = [s.start for s in ordered if s.start]
    ends = [s.end for s in ordered if s.end]
    largest = max(ordered, key=lambda s: (len(s.articles), -(_day(s.start) or 0)))
    return Storyline(
        id=f"line-{ordered[0].id}", title=largest.title, stories=tuple(s.id for s in ordered),
        start=min(starts) if starts else None, end=max(ends) if ends else None,
        outlets=tuple(sorted({o for s in ordered for o in s.outlets})), size=len(ordered),
    )
