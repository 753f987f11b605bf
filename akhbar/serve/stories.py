"""The stories of a store for the web: listed (newest, latest-updated or largest first), searched by relevance,
what changed since a sequence number of the change log, and each story's articles for its report.

Every read opens the store read-only (:meth:`Store.open_readonly`, ``mode=ro``): it never takes the write lock
and never waits for a writer, so the page answers while the watcher or an ingest writes. A connection belongs
to the thread that opened it, so each request (and each job) opens its own; opening is cheap.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from akhbar.config import Config
from akhbar.records import Article, Report
from akhbar.store import CachedReport, Store, StoredStory
from akhbar.stories.records import Story

Order = Literal["newest", "updated", "largest"]
MAX_CHANGES = 2000  # change-log rows read for one answer; past this the page reloads its list


@dataclass(frozen=True, slots=True)
class StoryPage:
    stories: tuple[StoredStory, ...]
    total: int  # stories that match, over all pages
    last_change: int  # the change log's newest sequence number when this page was read


@dataclass(frozen=True, slots=True)
class Changed:
    """What changed after a sequence number: the live stories touched (latest change first), the merged ids
    and where they went, and whether more changes happened than were read."""

    last_change: int
    stories: tuple[StoredStory, ...]
    merged: dict[str, str]
    actions: dict[str, str]  # story id -> its latest action (created, grown, revised, retitled, merged)
    more: bool


@contextmanager
def open_store(db: Path) -> Iterator[Store]:
    with Store.open_readonly(db) as store:
        yield store


def _day(value: str | None) -> int:
    try:
        return date.fromisoformat(value).toordinal() if value else 0
    except ValueError:
        return 0


def ordered(stories: Sequence[Story], order: Literal["newest", "largest"]) -> list[Story]:
    """Newest first (latest article, then most articles), or largest first (then newest); undated last."""
    if order == "largest":
        return sorted(stories, key=lambda s: (-len(s.articles), -_day(s.end), s.id))
    return sorted(stories, key=lambda s: (-_day(s.end), -len(s.articles), s.id))


def list_stories(db: Path, *, query: str = "", order: Order = "updated", limit: int = 50,
                 offset: int = 0) -> StoryPage:
    """One page of the store's live stories; with a ``query``, those holding an article with every word of it,
    most relevant first (BM25 over titles and texts, :mod:`akhbar.serve.search`)."""
    with open_store(db) as store:
        last = store.last_change()
        if not query.strip():
            return StoryPage(tuple(store.stories(order, limit=limit, offset=offset)), store.story_count(), last)
        from akhbar.serve.search import SEARCH_ARTICLES, TITLE_WEIGHT, rank_stories
        from akhbar.store.reads import article_hits

        ranked = rank_stories(article_hits(store, query, title_weight=TITLE_WEIGHT, limit=SEARCH_ARTICLES))
        found = (store.story(story_id) for story_id, _ in ranked[offset: offset + limit])
        return StoryPage(tuple(s for s in found if s is not None), len(ranked), last)


def changed_since(db: Path, since: int) -> Changed:
    """The stories changed after change ``since`` (0: every change ever logged, up to :data:`MAX_CHANGES`)."""
    with open_store(db) as store:
        newest = store.last_change()
        if since > newest:  # a position this store never had (another file, or one made again): start over
            return Changed(newest, (), {}, {}, more=True)
        rows = store.changes(since, limit=MAX_CHANGES + 1)
        more = len(rows) > MAX_CHANGES
        rows = rows[:MAX_CHANGES]
        merged = {c.id: c.into for c in rows if c.kind == "story" and c.action == "merged" and c.into}
        actions: dict[str, str] = {}
        for change in reversed(rows):  # the latest action of each story; a story opened since is "created"
            if change.kind == "story":
                story = change.into if change.action == "merged" and change.into else change.id
                action = "grown" if change.action == "merged" else change.action
                if action == "created" or story not in actions:
                    actions[story] = action
        stories = [s for s in (store.story(i) for i in actions if i not in merged) if s is not None]
        stories = [s for s in stories if s.redirected_from is None]
        last = rows[-1].seq if rows else max(since, 0)
        if not more:
            last = max(last, newest)
    stories.sort(key=lambda s: (s.updated_at, s.id), reverse=True)
    return Changed(last, tuple(stories), merged, actions, more)


def latest_stories(db: Path, limit: int) -> tuple[tuple[StoredStory, CachedReport | None], ...]:
    """The ``limit`` latest-updated live stories with their cached report (for the Atom feed)."""
    with open_store(db) as store:
        stories = list(store.stories("updated", limit=limit))
        return tuple((s, store.story_report(s.id)) for s in stories)


def find_story(db: Path, story_id: str) -> tuple[StoredStory, CachedReport | None] | None:
    """A story (a merged id gives the story it joined, with ``redirected_from`` set) and its cached report."""
    with open_store(db) as store:
        story = store.story(story_id)
        return None if story is None else (story, store.story_report(story.id))


def story_articles(db: Path, story_id: str, *, config: Config) -> tuple[StoredStory, tuple[Article, ...]] | None:
    """A story and its articles, without the sentences their outlet repeats everywhere (as `akhbar stories`)."""
    from akhbar.stories.boilerplate import select_boilerplate, strip_boilerplate

    with open_store(db) as store:
        story = store.story(story_id)
        if story is None:
            return None
        articles = tuple(store.articles(story.articles))
        counts = store.line_counts(min_count=config.boilerplate.min_articles)
    learned = select_boilerplate(counts, min_share=config.boilerplate.min_share,
                                 min_articles=config.boilerplate.min_articles)
    return story, tuple(strip_boilerplate(article, learned) for article in articles)


def story_report(articles: Sequence[Article], *, config: Config, with_facts: bool = True) -> Report:
    from akhbar.stories.build import story_report as build_report

    return build_report(articles, config=config, with_facts=with_facts)
