"""Stories' reports built in a pool with their cached parts (:mod:`akhbar.store.report_parts`).

The main thread reads each story's articles and their cached parts from the store, a worker builds
the report (:func:`akhbar.pipeline.run_remembering`) and hands back the report with each article's parts,
and the main thread keeps the parts that changed. The pool is :func:`akhbar.stories.build.reports_of`'s,
with the parts travelling both ways.

A large story's report is two tasks, built at once by two workers: its summary and its facts (which read
the articles and their sentences, never the summary: :func:`akhbar.pipeline.summary_half`). The main
thread joins them into the report one process would have built. A watcher's largest changed story, alone
after its poll, so takes about its longer half of wall time (the facts, when its articles' tags are not
cached yet), not the whole report's.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, TypeVar, cast

from akhbar.config import Config
from akhbar.records import Article, Report
from akhbar.store.report_parts import Parts, article_digest, changed_parts, merged
from akhbar.store.store import Store

if TYPE_CHECKING:
    from akhbar.facts import Facts
    from akhbar.pipeline import SummaryHalf

K = TypeVar("K")
_Job = tuple[tuple[Article, ...], bool, dict[str, object]]
_Ready = tuple[_Job, dict[str, str], dict[str, Parts]]  # a job, its articles' digests, their cached parts
# What a worker is handed: a whole report (a job), or one half of a large story's (its articles, and for the
# facts their known tags).
_Task = tuple[str, _Job]
_WORKER_CONFIG: list[Config] = []
# A story of this many articles or more, with facts, is built as two tasks at once when the pool has
# workers to spare: its summary and its facts (neither reads the other; akhbar.pipeline.summary_half).
# Smaller ones cost too little for the second split of their sentences to pay.
SPLIT_FROM = 50


def _init_worker(config: Config) -> None:
    _WORKER_CONFIG[:] = [config]


def _report_in_worker(job: _Job) -> tuple[Report, dict[str, Parts]]:
    from akhbar.pipeline import run_remembering

    articles, facts, known = job
    return run_remembering(articles, known, config=_WORKER_CONFIG[0], with_facts=facts)  # type: ignore[arg-type]


def _task_in_worker(task: _Task) -> object:
    from akhbar.pipeline import facts_half, summary_half

    kind, (articles, _, known) = task
    if kind == "summary":
        return summary_half(articles, config=_WORKER_CONFIG[0])
    if kind == "facts":
        return facts_half(articles, known)  # type: ignore[arg-type]
    return _report_in_worker(task[1])


def _tasks(job: _Job, workers: int, split_from: int) -> list[_Task]:
    """A job as the pool's tasks: two halves for a large story with facts, else the whole report. The
    facts first: built cold, they tag every sentence and are the longer half."""
    articles, facts, _ = job
    if workers > 1 and facts and len(articles) >= split_from:
        return [("facts", job), ("summary", (articles, False, {}))]  # the known tags travel once
    return [("whole", job)]


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
                       split_from: int = SPLIT_FROM) -> Iterator[tuple[K, Report]]:
    """(key, articles, with facts) -> (key, report) in order, as :func:`akhbar.stories.build.reports_of`,
    reading and keeping each article's parts in ``store`` (the reports are those built without them).

    With more than one worker, the report of a story of ``split_from`` articles or more is built as two
    tasks, its summary and its facts, in two workers at once: a large story alone (a watcher's after its
    poll) costs about its larger half of wall time, not the whole."""
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
    from akhbar.pipeline import joined

    context = multiprocessing.get_context(start_method)
    if start_method == "forkserver":
        start_report_server()
    with context.Pool(workers, _init_worker, (config,)) as pool:
        while chunk := list(itertools.islice(stream, batch)):
            ready = prepared(chunk)
            tasks = [_tasks(job, workers, split_from) for job, _, _ in ready]
            results = pool.imap(_task_in_worker, [task for each in tasks for task in each])
            for (key, articles, _), (_, digests, cached), each in zip(chunk, ready, tasks, strict=True):
                if len(each) == 1:
                    report, parts = cast("tuple[Report, dict[str, Parts]]", next(results))
                else:  # the two halves, in the order of _tasks
                    found, parts = cast("tuple[Facts, dict[str, Parts]]", next(results))
                    report = joined(articles, cast("SummaryHalf", next(results)), found, config=config)
                kept(articles, digests, cached, parts)
                yield key, report
