"""Compose the stories stages: articles -> duplicates -> boilerplate stripped -> stories -> one report per story.

Pure composition, no file or database I/O: the CLI, the web app and the Spark runner call the same
functions. Per-story reports are made story by story and handed out as they are ready (an
iterator), so only a few reports are ever held at once; with ``workers`` > 1 they are made in a
process pool, in the order of the stories.
"""

from __future__ import annotations

import functools
import itertools
import multiprocessing
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from akhbar.config import Config, DedupConfig, StoryConfig
from akhbar.records import Article, Report
from akhbar.stories.boilerplate import (
    Boilerplate,
    Unit,
    count_lines,
    select_boilerplate,
    sentence_units,
    strip_boilerplate,
)
from akhbar.stories.cluster import cluster_stories, story_terms
from akhbar.stories.dedup import Sketch, find_duplicates, sketch_article
from akhbar.stories.records import DuplicateLink, Story
from akhbar.stories.storylines import Storyline, build_storylines

# stage name ("boilerplate", "duplicates", "clustering", "reports"), items done, items in all
Progress = Callable[[str, int, int], None]
K = TypeVar("K")


@dataclass(frozen=True, slots=True)
class StoryBatch:
    """What the grouping stages found: the cleaned articles, their duplicate links and the stories."""

    articles: tuple[Article, ...]
    duplicates: tuple[DuplicateLink, ...]
    stories: tuple[Story, ...]  # largest first, then newest
    storylines: tuple[Storyline, ...] = ()  # largest first
    storyline_of: Mapping[str, str] = field(default_factory=dict)  # story id -> storyline id


def strip_learned_boilerplate(
    articles: Sequence[Article], *, config: Config, copies: Collection[str] = (),
    boilerplate: Boilerplate | None = None, units: Sequence[Sequence[Unit]] | None = None,
) -> tuple[Article, ...]:
    """Articles without the sentences their outlet repeats everywhere.

    The boilerplate is learned from ``articles`` (``copies``, the ids of duplicates, are not counted:
    ten copies of one wire story would make its sentences look like furniture) unless given, as the
    store gives what it learned from everything it holds.
    """
    learned = boilerplate if boilerplate is not None else select_boilerplate(
        count_lines(articles, skip=copies, units=units), min_share=config.boilerplate.min_share,
        min_articles=config.boilerplate.min_articles)
    keyed: Sequence[Sequence[Unit] | None] = units if units is not None else [None] * len(articles)
    return tuple(strip_boilerplate(article, learned, found) for article, found in zip(articles, keyed, strict=True))


def largest_newest_first(stories: Sequence[Story]) -> tuple[Story, ...]:
    """Most articles first; among equals the latest end date (undated last), then the id."""
    return tuple(sorted(stories, key=lambda s: (-len(s.articles), -_ordinal(s.end), s.id)))


def _ordinal(day: str | None) -> int:
    try:
        return date.fromisoformat(day).toordinal() if day else 0
    except ValueError:
        return 0


@dataclass(frozen=True, slots=True)
class Prepared:
    """Articles ready to be clustered: cleaned, with their duplicate links and story terms."""

    articles: tuple[Article, ...]  # boilerplate stripped
    duplicates: tuple[DuplicateLink, ...]
    terms: list[list[str]] | None  # each article's story terms, when made in the pool


def prepare_articles(
    articles: Sequence[Article], *, config: Config, duplicates: Sequence[DuplicateLink] | None = None,
    boilerplate: Boilerplate | None = None, progress: Progress | None = None, workers: int = 1,
) -> Prepared:
    """Link duplicates and strip learned boilerplate, and make the story terms in the pool.

    ``duplicates`` and ``boilerplate`` are computed from ``articles`` unless given (the store gives
    those it keeps). Duplicates come first, on the texts as read, as the store computes them at
    ingest: their copies must not be counted when boilerplate is learned. With ``workers`` > 1 the
    work done on each article alone (its sketch, its keyed sentences, its story terms) is shared by
    a process pool; the steps that read all articles at once stay in this process. The answer is
    the same.
    """
    report = progress or (lambda _stage, _done, _total: None)
    with _pool(workers if len(articles) >= _POOL_MIN_ARTICLES else 1) as pool:
        n = len(articles)
        report("duplicates", 0, n)
        units: list[tuple[Unit, ...]] | None = None
        sketches: list[Sketch] | None = None
        if pool is not None:
            # The store gives its duplicate links: then only the keyed sentences are needed.
            dedup = config.dedup if duplicates is None else None
            first = pool.map(functools.partial(_sketch_and_units, dedup=dedup), articles, chunksize=_CHUNK)
            units = [found for _, found in first]
            sketches = [sketch for sketch, _ in first if sketch is not None] if dedup is not None else None
        links = tuple(duplicates) if duplicates is not None else tuple(
            find_duplicates(articles, config=config.dedup, sketches=sketches))
        report("duplicates", n, n)
        report("boilerplate", 0, n)
        cleaned = strip_learned_boilerplate(articles, config=config, copies={link.article for link in links},
                                            boilerplate=boilerplate, units=units)
        report("boilerplate", n, n)
        terms = None
        if pool is not None:
            terms = pool.map(functools.partial(_story_terms, config=config.stories), cleaned, chunksize=_CHUNK)
    return Prepared(cleaned, links, terms)


def group_stories(
    articles: Sequence[Article], *, config: Config, duplicates: Sequence[DuplicateLink] | None = None,
    boilerplate: Boilerplate | None = None, progress: Progress | None = None, workers: int = 1,
) -> StoryBatch:
    """Link duplicates, strip learned boilerplate and cluster: the stories of ``articles``
    (see :func:`prepare_articles`; clustering is a fold from an empty state)."""
    report = progress or (lambda _stage, _done, _total: None)
    ready = prepare_articles(articles, config=config, duplicates=duplicates, boilerplate=boilerplate,
                             progress=progress, workers=workers)
    n = len(articles)
    report("clustering", 0, n)
    stories = cluster_stories(ready.articles, duplicates=ready.duplicates, config=config.stories, terms=ready.terms)
    lines, line_of = build_storylines(stories, ready.articles, config=config.stories)
    report("clustering", n, n)
    return StoryBatch(ready.articles, ready.duplicates, largest_newest_first(stories), lines, line_of)


_POOL_MIN_ARTICLES = 2_000  # below this a pool's start costs more than it saves
_CHUNK = 256


@contextmanager
def _pool(workers: int) -> Iterator[Any]:
    if workers <= 1:
        yield None
        return
    with multiprocessing.get_context().Pool(workers) as pool:
        yield pool


def _sketch_and_units(article: Article, *, dedup: DedupConfig | None) -> tuple[Sketch | None, tuple[Unit, ...]]:
    sketch = None if dedup is None else sketch_article(article, shingle_size=dedup.shingle_size,
                                                       num_perm=dedup.num_perm)
    return sketch, sentence_units(article.body)


def _story_terms(article: Article, *, config: StoryConfig) -> list[str]:
    return story_terms(article, title_weight=config.title_weight, lead_words=config.lead_words)


def blended_stories(articles: Sequence[Article], *, config: Config, top: int = 5) -> tuple[int, tuple[Story, ...]]:
    """How many stories ``articles`` hold and the ``top`` largest, when they hold several; else (1, ()).

    "Several" means two stories of two or more articles, or no story holding half the articles:
    a lone article that tells an event in its own words does not make a batch a blend.
    """
    stories = largest_newest_first(cluster_stories(articles, config=config.stories))
    multi = sum(1 for s in stories if len(s.articles) > 1)
    if multi < 2 and len(stories[0].articles) * 2 >= len(articles):
        return 1, ()
    return len(stories), stories[:top]


_WORKER_CONFIG: list[Config] = []


def _init_worker(config: Config) -> None:
    _WORKER_CONFIG[:] = [config]


def _report_in_worker(job: tuple[tuple[Article, ...], bool]) -> Report:
    articles, with_facts = job
    return story_report(articles, config=_WORKER_CONFIG[0], with_facts=with_facts)


def story_report(articles: Sequence[Article], *, config: Config, with_facts: bool = True) -> Report:
    """The report `akhbar summarize` makes, for the articles of one story."""
    from akhbar.pipeline import run

    return run(articles, config=config, with_facts=with_facts)


def story_reports(
    batch: StoryBatch, *, config: Config, with_facts: bool = True, stories: Sequence[Story] | None = None,
    workers: int = 1, facts_min_articles: int = 1, progress: Progress | None = None,
) -> Iterator[tuple[Story, Report]]:
    """Each story (of ``stories``, default all of the batch) with its report, in order, as each is ready.

    Facts are extracted for stories of at least ``facts_min_articles`` articles: the named-entity
    tagger costs most of the time of a report, and a lone article's facts are those of
    ``akhbar summarize`` on it.
    """
    chosen = tuple(batch.stories if stories is None else stories)
    by_id = {a.id: a for a in batch.articles}
    jobs = ((tuple(by_id[i] for i in story.articles), with_facts and len(story.articles) >= facts_min_articles)
            for story in chosen)
    report = progress or (lambda _stage, _done, _total: None)
    report("reports", 0, len(chosen))
    if workers <= 1 or len(chosen) < 2:
        results: Iterator[Report] = (story_report(job, config=config, with_facts=facts) for job, facts in jobs)
        yield from _counted(chosen, results, report)
        return
    with multiprocessing.get_context().Pool(workers, _init_worker, (config,)) as pool:
        # Small chunks keep the workers busy on many one-article stories without holding many reports.
        yield from _counted(chosen, pool.imap(_report_in_worker, jobs, chunksize=4), report)


def reports_of(jobs: Iterable[tuple[K, tuple[Article, ...], bool]], *, config: Config,
               workers: int = 1, batch: int = 32, start_method: str | None = None) -> Iterator[tuple[K, Report]]:
    """(key, articles, with facts) -> (key, report), in order, as each is ready (a pool with ``workers`` > 1).

    ``jobs`` is read in this thread, ``batch`` at a time (it may read a database connection that
    belongs to this thread), so only a few stories' articles are held at once. ``start_method``
    "forkserver" makes the pool safe in a process that runs other threads (a watcher, a server), where a
    plain fork may copy a lock another thread holds.
    """
    if workers <= 1:
        for key, articles, facts in jobs:
            yield key, story_report(articles, config=config, with_facts=facts)
        return
    stream = iter(jobs)
    context = multiprocessing.get_context(start_method)
    if start_method == "forkserver":  # each worker forks from a server that has the report stages imported
        context.set_forkserver_preload(["akhbar.stories.build", "akhbar.pipeline", "akhbar.facts"])
    with context.Pool(workers, _init_worker, (config,)) as pool:
        while chunk := list(itertools.islice(stream, batch)):
            results = pool.imap(_report_in_worker, [(articles, facts) for _, articles, facts in chunk])
            for (key, _, _), result in zip(chunk, results, strict=True):
                yield key, result


def _counted(stories: Sequence[Story], reports: Iterator[Report],
             progress: Progress) -> Iterator[tuple[Story, Report]]:
    for done, (story, result) in enumerate(zip(stories, reports, strict=True), start=1):
        progress("reports", done, len(stories))
        yield story, result
