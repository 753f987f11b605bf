"""The second chance: at the end of each day of a fold, a story left with one article looks once more."""

from __future__ import annotations

from typing import TYPE_CHECKING

from akhbar.stories.rules import Row, make_row, reach, score, within
from akhbar.stories.state import ClusterState, StoryState

if TYPE_CHECKING:
    from akhbar.config import StoryConfig
    from akhbar.stories.fold import Fold


_EARLIER_CANDIDATES = 3  # stories this day grew that a lone story of an earlier day scores in full
_LONE_SCAN = 10  # a term's newest stories read for lone ones at a day's end (rare terms hold fewer)


def second_chance(fold: Fold, rows: dict[str, Row], day: int | None) -> None:
    """At the end of each day, a story left with one article looks once more, among the stories grown since.

    In one pass an article only sees the stories before it: the first report of an event that
    the next reports tell in other words, or an undated article that came before the dated
    ones of its story, would stay alone. A story opened this day looks among all live stories. One
    opened an earlier day (in this fold, or loaded by the store), up to ``thread_days`` before, looks
    among the stories this day grew, when it is filed under a term this day's articles looked up.
    Done at each day's end, the same whether the days come in one fold (a batch) or one fold per day
    (a store polled daily). The lookups per day are bounded by the day's articles: the cost stays linear.
    """
    state, config = fold.state, fold.config
    seen: dict[str, list[str]] = {}  # each term's resolved stories, until a merge changes them
    for story in _lone_stories(fold, day):
        if story.id not in state.stories or story.size != 1:
            continue
        earlier = story.id not in fold.day_created
        row = _lone_row(story, rows, state, config)
        if row is None or row.article in fold.parent:
            continue  # a duplicate's story is its set's
        if earlier:  # only the terms this day filed can lead to a story this day grew
            terms = [t for t in row.ranked if t in fold.day_filed][: config.query_terms]
        else:
            terms = fold.query(row.ranked, story.id)
        own = story.id
        if earlier:
            live = lambda s, own=own: s != own and s in fold.day_grown and s in state.stories  # noqa: E731
        else:
            live = lambda s, own=own: s != own and s in state.stories and state.stories[s].size > 0  # noqa: E731
        best, best_score = None, 0.0
        for other in fold.candidates(terms, live, seen)[: _EARLIER_CANDIDATES if earlier else None]:
            candidate = state.stories[other]
            if not within(candidate, row.day, config):
                continue
            found_score = score(candidate, row, row.day, config)
            if found_score is not None and found_score > best_score:
                best, best_score = other, found_score
        if best is not None:
            keep = fold.merge(best, story.id)
            fold.file(keep, row.indexed(config))
            seen.clear()


def _lone_stories(fold: Fold, day: int | None) -> list[StoryState]:
    """The one-article stories opened this day, and those of earlier days filed under a term this
    day's articles looked up (the newest few of each term), in the order they opened."""
    state, config = fold.state, fold.config
    lone = [state.stories[s] for s in fold.day_created if s in state.stories and state.stories[s].size == 1]
    if day is not None and fold.day_grown:
        found: dict[str, StoryState] = {}
        for term in fold.day_queried:
            for entry in state.index.newest(term)[:_LONE_SCAN]:
                story = state.stories.get(state.resolve(entry))
                if (story is not None and story.size == 1 and story.id not in fold.day_created
                        and story.last_day is not None and 0 <= day - story.last_day <= reach(config)):
                    found[story.id] = story
        lone.extend(found.values())
    return sorted(lone, key=lambda s: s.opened)


def _lone_row(story: StoryState, rows: dict[str, Row], state: ClusterState, config: StoryConfig) -> Row | None:
    """A one-article story's vector: its article's row, else (loaded from a store) its centroid."""
    if story.added and story.added[-1] in rows:
        return rows[story.added[-1]]
    if story.norm2 <= 0:
        return None
    terms, weights = list(story.centroid), list(story.centroid.values())
    return make_row("", story.first_day, terms, weights, df=state.df, config=config, documents=state.documents)
