"""The stories of a store (made by `akhbar stories --db FILE`), listed, searched and reported for the web.

A connection to SQLite belongs to the thread that opened it, so each request (and each job) opens the store
for itself; opening is cheap. Nothing here writes to the store.
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
from akhbar.store import Store
from akhbar.stories.records import Story

Order = Literal["newest", "largest"]
SEARCH_ARTICLES = 500  # articles a search reads to find its stories


@dataclass(frozen=True, slots=True)
class StoryPage:
    stories: tuple[Story, ...]
    total: int  # stories that match, over all pages


@contextmanager
def open_store(db: Path) -> Iterator[Store]:
    with Store(db) as store:
        yield store


def _day(value: str | None) -> int:
    try:
        return date.fromisoformat(value).toordinal() if value else 0
    except ValueError:
        return 0


def ordered(stories: Sequence[Story], order: Order) -> list[Story]:
    """Newest first (latest article, then most articles), or largest first (then newest); undated last."""
    if order == "largest":
        return sorted(stories, key=lambda s: (-len(s.articles), -_day(s.end), s.id))
    return sorted(stories, key=lambda s: (-_day(s.end), -len(s.articles), s.id))


def list_stories(db: Path, *, query: str = "", order: Order = "newest", limit: int = 50, offset: int = 0) -> StoryPage:
    """One page of the store's stories; ``query`` keeps those holding an article with every word of it
    (a word, or an entity's name)."""
    with open_store(db) as store:
        if query.strip():
            found = dict.fromkeys(store.story_of(a.id) for a in store.search(query, limit=SEARCH_ARTICLES))
            stories = [s for s in (store.story(i) for i in found if i) if s is not None]
        else:
            stories = list(store.stories())
    chosen = ordered(stories, order)
    return StoryPage(tuple(chosen[offset: offset + limit]), len(chosen))


def story_articles(db: Path, story_id: str, *, config: Config) -> tuple[Story, tuple[Article, ...]] | None:
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
