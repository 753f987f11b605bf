"""Storylines: the continuing stories that events (the stories of :mod:`akhbar.stories.cluster`) belong to.

The decisions are made by the storyline fold (:mod:`akhbar.stories.linefold`); this module makes its
inputs and reads its result. A story is a TF-IDF vector of the title stems of its members and the
stems of their leads (``line_lead_words``), each article counted once, IDF from the shipped archive
frequencies only (:func:`story_vector`): a story weighs the same in a batch, a store folded poll after
poll, and a Spark job, so the three place it alike. Names (:func:`akhbar.text.names.known_names`,
spellings merged by the stemmer) weigh ``line_name_weight`` times. With ``line_vector_weight`` above
0, the shipped word vectors (:mod:`akhbar.stories.wordvectors`) blend their cosine into the score of
each candidate.

:func:`build_storylines` is the batch: a fold from empty over every story, in the order they started.
Ids follow the story ids: ``line-<id of the story that opened it>``. The result depends only on the input.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

import numpy as np

from akhbar.align import content_stems
from akhbar.config import StoryConfig
from akhbar.records import Article
from akhbar.stories.linefold import StorylineState, StoryVector, update
from akhbar.stories.records import Story
from akhbar.stories.wordvectors import word_vectors
from akhbar.text.names import known_names
from akhbar.vectors import background_frequencies


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


def article_terms(article: Article, *, lead_words: int) -> set[str]:
    """An article's storyline terms: its title's stems and its lead's, each once."""
    lead = " ".join(article.body.split()[:lead_words])
    return set(content_stems(article.title or "")) | set(content_stems(lead))


def story_term_counts(story: Story, articles: Mapping[str, Article], *, lead_words: int) -> Counter[str]:
    """Each member article's title and lead stems, counted once per article."""
    counts: Counter[str] = Counter()
    for article_id in story.articles:
        article = articles.get(article_id)
        if article is not None:
            counts.update(article_terms(article, lead_words=lead_words))
    return counts


def story_vector(counts: Counter[str], config: StoryConfig) -> dict[str, float]:
    """A story's unit vector: sublinear TF times the IDF of the shipped archive frequencies (names weigh
    ``line_name_weight`` times). It depends only on the story's own members."""
    prior, prior_n = background_frequencies()
    names = _names() if config.line_name_weight != 1 else frozenset()
    weights = {term: (1 + math.log(k)) * (math.log((prior_n + 1) / (prior.get(term, 0) + 1)) + 1)
               * (config.line_name_weight if term in names else 1.0)
               for term, k in counts.items()}
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {term: w / norm for term, w in weights.items()}


@cache
def _names() -> frozenset[str]:
    return frozenset(known_names())


def story_input(story: Story, articles: Mapping[str, Article], config: StoryConfig) -> StoryVector:
    """What the storyline fold takes of a story: its days and its vector."""
    counts = story_term_counts(story, articles, lead_words=config.line_lead_words)
    return StoryVector(story.id, _day(story.start), _day(story.end), story_vector(counts, config))


def embedder(config: StoryConfig) -> Callable[[Mapping[str, float]], np.ndarray | None] | None:
    """The word-vector mean of a story's vector, when the settings use word vectors."""
    if config.line_vector_weight <= 0:
        return None
    vectors = word_vectors()
    return vectors.embed if vectors is not None else None


def daily_inputs(stories: Sequence[Story], articles: Mapping[str, Article],
                 config: StoryConfig) -> Iterator[list[StoryVector]]:
    """The stories as a store folded day after day would have seen them: for each day (undated articles
    last), the stories that took an article that day, each with its members up to that day."""
    by_day: dict[int | None, list[tuple[str, Article]]] = {}
    for story in stories:
        for article_id in story.articles:
            article = articles.get(article_id)
            if article is not None:
                by_day.setdefault(_day(article.date), []).append((story.id, article))
    counts: dict[str, Counter[str]] = {}
    spans: dict[str, tuple[int | None, int | None]] = {}
    for day in sorted(d for d in by_day if d is not None) + ([None] if None in by_day else []):
        touched: dict[str, None] = {}
        for story_id, article in by_day[day]:
            counts.setdefault(story_id, Counter()).update(article_terms(article, lead_words=config.line_lead_words))
            start, end = spans.get(story_id, (None, None))
            if day is not None:
                start = day if start is None else min(start, day)
                end = day if end is None else max(end, day)
            spans[story_id] = (start, end)
            touched[story_id] = None
        yield [StoryVector(sid, *spans[sid], story_vector(counts[sid], config)) for sid in touched]


def fold_daily(stories: Sequence[Story], articles: Mapping[str, Article], config: StoryConfig,
               state: StorylineState | None = None) -> StorylineState:
    """The storyline fold over ``stories`` day by day (:func:`daily_inputs`), from ``state`` or empty."""
    state = state if state is not None else StorylineState()
    embed = embedder(config)
    for inputs in daily_inputs(stories, articles, config):
        state, _ = update(state, inputs, config=config, embed=embed)
    return state


def build_storylines(stories: Sequence[Story], articles: Sequence[Article], *,
                     config: StoryConfig) -> tuple[tuple[Storyline, ...], dict[str, str]]:
    """The storylines of ``stories`` (largest first) and each story's storyline id: a fold from empty,
    day by day, so that a store fed one day at a time holds the same storylines."""
    state = fold_daily(stories, {a.id: a for a in articles}, config)
    line_of = {story: state.resolve(line) for story, (line, _) in state.placed.items()}
    return storylines_of(stories, line_of), line_of


def storylines_of(stories: Sequence[Story], line_of: Mapping[str, str]) -> tuple[Storyline, ...]:
    """The storyline records (largest first) of ``stories`` placed as ``line_of`` says."""
    members: dict[str, list[Story]] = {}
    for story in stories:
        line = line_of.get(story.id)
        if line is not None:
            members.setdefault(line, []).append(story)
    return tuple(sorted((storyline(line, held) for line, held in members.items()),
                        key=lambda line: (-line.size, line.id)))


def _day(iso: str | None) -> int | None:
    if not iso:
        return None
    try:
        return date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return None


def storyline(line_id: str, members: Sequence[Story]) -> Storyline:
    """A storyline's record: its stories oldest first, its title the title of its largest story."""
    ordered = sorted(members, key=lambda s: (_day(s.start) is None, _day(s.start) or 0, s.id))
    starts = [s.start for s in ordered if s.start]
    ends = [s.end for s in ordered if s.end]
    largest = max(ordered, key=lambda s: (len(s.articles), -(_day(s.start) or 0)))
    return Storyline(
        id=line_id, title=largest.title, stories=tuple(s.id for s in ordered),
        start=min(starts) if starts else None, end=max(ends) if ends else None,
        outlets=tuple(sorted({o for s in ordered for o in s.outlets})), size=len(ordered),
    )
