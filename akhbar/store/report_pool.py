"""Stories' reports built in a pool with their cached parts (:mod:`akhbar.store.report_parts`).

The main thread reads each story's articles and their cached parts from the store, a worker builds
the report (:func:`akhbar.pipeline.run_remembering`) and hands back the report with each article's parts,
and the main thread keeps the parts that changed. The pool is :func:`akhbar.stories.build.reports_of`'s,
with the parts travelling both ways.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections.abc import Iterable, Iterator
from typing import TypeVar

from akhbar.config import Config
from akhbar.records import Article, Report
from akhbar.store.report_parts import Parts, article_digest, changed_parts, merged
from akhbar.store.store import Store

K = TypeVar("K")
_Job = tuple[tuple[Article, ...], bool, dict[str, object]]
_Ready = tuple[_Job, dict[str, str], dict[str, Parts]]  # a job, its articles' digests, their cached parts
_WORKER_CONFIG: list[Config] = []


def _init_worker(config: Config) -> None:
    _WORKER_CONFIG[:] = [config]


def _report_in_worker(job: _Job) -> tuple[Report, dict[str, Parts]]:
    from akhbar.pipeline import run_remembering

    articles, facts, known = job
    return run_remembering(articles, known, config=_WORKER_CONFIG[0], with_facts=facts)  # type: ignore[arg-type]


_PRELOAD = ["akhbar.stories.build", "akhbar.pipeline", "akhbar.facts", "akhbar.store.report_pool", "akhbar.preload"]


def start_report_server() -> None:
    """Start (once a process; no wait) the server that ``forkserver`` pools fork their workers from, with
    the report stages imported and their tables loaded (:mod:`akhbar.preload`): each worker starts with
    them in memory. A watcher calls this when it starts, so the loading is done before its first poll
    needs a report, and its own process never loads them."""
    from multiprocessing import forkserver

    multiprocessing.get_context("forkserver").set_forkserver_preload(_PRELOAD)
    forkserver.ensure_running()


def tagger_fingerprint() -> str | None:
    """The packaged tagger's fingerprint; None (no parts kept) when the tagger cannot be read."""
    try:
        from akhbar.ner.model import packaged_fingerprint

        return packaged_fingerprint()
    except Exception:
        return None


def reports_with_parts(store: Store, jobs: Iterable[tuple[K, tuple[Article, ...], bool]], *, config: Config,
                       workers: int = 1, batch: int = 32, start_method: str | None = None,
                       ) -> Iterator[tuple[K, Report]]:
    """(key, articles, with facts) -> (key, report) in order, as :func:`akhbar.stories.build.reports_of`,
    reading and keeping each article's parts in ``store`` (the reports are those built without them)."""
    tagger = tagger_fingerprint()
    stream = iter(jobs)

    def prepared(chunk: list[tuple[K, tuple[Article, ...], bool]]) -> list[_Ready]:
        out: list[_Ready] = []
        for _, articles, facts in chunk:
            digests = {a.id: article_digest(a, tagger) for a in articles} if facts and tagger else {}
            cached = store.report_parts(digests) if digests else {}
            out.append(((articles, facts, merged(cached.values())), digests, cached))
        return out

    def kept(articles: tuple[Article, ...], digests: dict[str, str], cached: dict[str, Parts],
             parts: dict[str, Parts]) -> None:
        if digests:
            store.put_report_parts(changed_parts(articles, digests, cached, parts))

    if workers <= 1:
        _init_worker(config)
        while chunk := list(itertools.islice(stream, batch)):
            for (key, articles, _), (job, digests, cached) in zip(chunk, prepared(chunk), strict=True):
                report, parts = _report_in_worker(job)
                kept(articles, digests, cached, parts)
                yield key, report
        return
    context = multiprocessing.get_context(start_method)
    if start_method == "forkserver":
        start_report_server()
    with context.Pool(workers, _init_worker, (config,)) as pool:
        while chunk := list(itertools.islice(stream, batch)):
            ready = prepared(chunk)
            results = pool.imap(_report_in_worker, [job for job, _, _ in ready])
            for (key, articles, _), (_, digests, cached), (report, parts) in zip(chunk, ready, results, strict=True):
                kept(articles, digests, cached, parts)
                yield key, report
