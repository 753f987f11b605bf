"""The poll loop: each feed on its own schedule, each host in its own worker thread, one writer.

- Workers (one thread per host, so a host's requests never overlap and a slow host holds up only its
  own feeds) fetch and parse; the calling thread alone writes to the store, one transaction per poll.
- ``once``: every feed polled once (those backing off after a failure are reported and skipped).
  Otherwise each feed is polled again after its interval, with ±10 % jitter so that feeds do not
  stay in step; a failed feed waits its ``Retry-After``, else its interval doubled per failure in a
  row (at most 8 times), and its validators are kept.
- ``stop`` (set by SIGINT/SIGTERM in the CLI, or by the web server) ends the loop: no new poll starts,
  waits for a turn end at once, requests in flight end within their timeouts, and what they read is
  written before :func:`run_watcher` returns.

Entry point for other commands (``akhbar serve --watch``): :func:`run_watcher`.
"""

from __future__ import annotations

import queue
import random
import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from akhbar.config import Config, load_config
from akhbar.feeds.config import Feed, WatchConfig
from akhbar.feeds.politeness import host_of
from akhbar.feeds.session import Fetcher
from akhbar.store.feeds import FeedState, ensure_feed_tables, entry_fingerprints, feed_states
from akhbar.store.loader import Deduplicator
from akhbar.store.store import Store, StoreError
from akhbar.watch.deliver import deliver, record_failure
from akhbar.watch.poll import FeedJob, Lookup, PollResult, poll_feed
from akhbar.watch.stories import StoryUpdate

EventKind = Literal["read", "not-modified", "skipped", "entry-skipped", "stopped", "stories"]
Report = Callable[[EventKind, str, str], None]  # kind, url, message
_MAX_FAILURE_FACTOR = 8
_TICK = 0.25  # the longest the loop sleeps without looking at ``stop``
KEPT_URLS = 100  # skipped URLs a summary names: each is reported when skipped; the counts keep the rest


@dataclass(frozen=True, slots=True)
class WatchSummary:
    polls: int = 0
    feeds_read: int = 0
    feeds_skipped: int = 0
    entries_skipped: int = 0
    new: int = 0
    revised: int = 0
    unchanged: int = 0
    skipped_urls: tuple[str, ...] = field(default=())  # the latest KEPT_URLS (a loop runs for months)

    @property
    def complete(self) -> bool:
        """Every feed and every entry was read (exit 0 of ``--once``)."""
        return not self.feeds_skipped and not self.entries_skipped


def run_watcher(feeds: WatchConfig, db: str | Path, stop: threading.Event, *, once: bool = False,
                interval: float | None = None, config: Config | None = None, report: Report | None = None,
                update_stories: StoryUpdate | None = None, fetcher: Fetcher | None = None) -> WatchSummary:
    """Watch ``feeds`` into the store ``db`` until ``stop`` is set (or one round with ``once``).

    Call it from any thread (it installs no signal handler): the caller owns ``stop``. ``interval``
    overrides every feed's interval; ``report`` gets each feed's outcome and each skipped entry (with
    its URL); ``update_stories`` (see :func:`akhbar.watch.stories.keep_stories_current`; None: articles
    only) runs once on start (it completes the work a killed watcher left) and after the polls that brought
    new or revised articles, when no other poll's result is waiting.
    """
    config = config or load_config(None)
    fetcher = fetcher or Fetcher(feeds.fetch)
    watcher = Watcher(feeds, stop, once=once, interval=interval, config=config, report=report,
                       update_stories=update_stories, fetcher=fetcher)
    try:
        with Store(db) as store:
            ensure_feed_tables(store)
            return watcher.run(store)
    finally:
        watcher.close()
        fetcher.close()


def _latest(kept: tuple[str, ...], more: Sequence[str]) -> tuple[str, ...]:
    """The skipped URLs a summary keeps: a loop that skips a page every poll would otherwise copy a tuple
    that grows with every poll it ever made."""
    return (*kept, *more)[-KEPT_URLS:] if more else kept


def entries_read(db: Path, feed_url: str) -> Lookup:
    """The lookup a poll asks, from its worker thread, once its feed is parsed: what was read before of the
    entries the feed lists, by their keys (the ``(feed, key)`` primary key), on a read-only connection of
    its own (it never waits on the writer and sees every committed poll, this feed's last one included:
    a feed is polled again only after its last result was written)."""
    def seen(keys: Sequence[str]) -> dict[str, str]:
        try:
            with Store(db, readonly=True) as reader:
                return entry_fingerprints(reader, feed_url, keys)
        except sqlite3.Error as error:
            raise StoreError(f"{db}: {error}") from None
    return seen


class Watcher:
    """The loop's state over one store: its schedule, per-host workers and the duplicate index kept
    level with the store. :meth:`run` with ``once`` polls every feed once and may be called again
    (one poll per simulated day in benchmarks/bench_watch.py); :meth:`close` ends the workers."""

    def __init__(self, feeds: WatchConfig, stop: threading.Event, *, once: bool, interval: float | None,
                 config: Config, report: Report | None, update_stories: StoryUpdate | None, fetcher: Fetcher) -> None:
        self.feeds, self.stop, self.once, self.interval = feeds, stop, once, interval
        self.config, self.update_stories, self.fetcher = config, update_stories, fetcher
        self.report: Report = report or (lambda kind, url, message: None)
        self.results: queue.Queue[PollResult] = queue.Queue()
        self.workers: dict[str, ThreadPoolExecutor] = {}
        self.random = random.Random()
        self.summary = WatchSummary()
        self.dedup: Deduplicator | None = None  # a handle on the store's duplicate index, poll after poll
        self.stories_due = update_stories is not None  # on start: what a killed watcher left unplaced

    def close(self) -> None:
        for worker in self.workers.values():
            worker.shutdown(wait=True, cancel_futures=True)

    def run(self, store: Store) -> WatchSummary:
        states = feed_states(store)
        due = {feed.url: self._first_due(feed, states.get(feed.url)) for feed in self.feeds.feeds}
        in_flight: set[str] = set()
        polled: set[str] = set()
        while True:
            stopping = self.stop.is_set()
            if not stopping:
                for feed in self.feeds.feeds:
                    if feed.url in in_flight or (self.once and feed.url in polled) or due[feed.url] is None:
                        continue
                    if due[feed.url] <= time.monotonic():  # type: ignore[operator]
                        self._submit(store, feed, states.get(feed.url))
                        in_flight.add(feed.url)
                        polled.add(feed.url)
            if not in_flight and (stopping or (self.once and all(
                    f.url in polled or due[f.url] is None for f in self.feeds.feeds))):
                if self.stories_due:
                    self._stories(store)
                if not stopping:  # --once leaves every report current
                    self._catch_up(store, self.stop.is_set)
                return self.summary
            if self.stories_due and self.results.empty():
                self._stories(store)
            elif not stopping and self.results.empty() and not self._due_now(due, in_flight):
                self._catch_up(store, lambda: self.stop.is_set() or not self.results.empty()
                               or self._due_now(due, in_flight))
            try:
                result = self.results.get(timeout=self._wait(due, in_flight))
            except queue.Empty:
                continue
            in_flight.discard(result.feed.url)
            previous = states.get(result.feed.url)
            next_in = self._next_in(result.feed, result, previous)
            states[result.feed.url] = self._handle(store, result, previous, next_in)
            due[result.feed.url] = None if self.once else time.monotonic() + next_in

    def _first_due(self, feed: Feed, state: FeedState | None) -> float | None:
        """Now, unless the feed is backing off after a failure (or, without ``once``, not due yet)."""
        if state is None or state.next_at is None:
            return time.monotonic()
        wait = self._seconds_until(state)
        if wait <= 0:
            return time.monotonic()
        if self.once:
            if state.failures:
                self.report("skipped", feed.url, f"backing off until {state.next_at} after: {state.last_error}")
                self.summary = replace(self.summary, feeds_skipped=self.summary.feeds_skipped + 1,
                                       skipped_urls=_latest(self.summary.skipped_urls, [feed.url]))
                return None
            return time.monotonic()
        return time.monotonic() + wait

    @staticmethod
    def _seconds_until(state: FeedState) -> float:
        if not state.next_at:
            return 0.0
        return (datetime.fromisoformat(state.next_at) - datetime.now(UTC)).total_seconds()

    def _wait(self, due: dict[str, float | None], in_flight: set[str]) -> float:
        upcoming = [when for url, when in due.items() if when is not None and url not in in_flight]
        if not upcoming:
            return _TICK
        return max(0.01, min(_TICK, min(upcoming) - time.monotonic()))

    def _submit(self, store: Store, feed: Feed, state: FeedState | None) -> None:
        job = FeedJob(feed, state.etag if state else None, state.last_modified if state else None,
                      entries_read(store.path, feed.url))
        host = host_of(feed.url)
        worker = self.workers.get(host)
        if worker is None:
            worker = self.workers[host] = ThreadPoolExecutor(1, thread_name_prefix=f"akhbar-watch {host}")
        worker.submit(self._poll, job)

    def _poll(self, job: FeedJob) -> None:
        try:
            result = poll_feed(job, self.fetcher, self.stop)
        except StoreError as error:
            result = PollResult(job.feed, "skipped", f"what was read of it could not be looked up: {error}")
        except Exception as error:  # a bug of ours: the feed is reported and the others go on
            result = PollResult(job.feed, "skipped", f"internal error: {type(error).__name__}: {error}")
        self.results.put(result)

    def _stories(self, store: Store) -> None:
        self.stories_due = False
        if self.update_stories is None:
            return
        try:
            account = self.update_stories(store)
        except StoreError as error:  # other writers kept the stories moving: the next update places these too
            self.report("stories", str(store.path), f"not updated this time: {error}")
            return
        self.report("stories", str(store.path), account)

    def _catch_up(self, store: Store, interrupted: Callable[[], bool]) -> None:
        """The reports a poll left stale (its largest changed stories), while nothing else waits."""
        catch_up = getattr(self.update_stories, "catch_up", None)
        if catch_up is None:
            return
        try:
            account = catch_up(store, interrupted)
        except StoreError as error:
            self.report("stories", str(store.path), f"reports not rebuilt this time: {error}")
            return
        if account:
            self.report("stories", str(store.path), account)

    def _due_now(self, due: dict[str, float | None], in_flight: set[str]) -> bool:
        now = time.monotonic()
        return any(when is not None and when <= now and url not in in_flight for url, when in due.items())

    def _next_in(self, feed: Feed, result: PollResult, previous: FeedState | None) -> float:
        base = self.interval or self.feeds.interval_of(feed)
        if result.read or result.status == "stopped":
            return base * self.random.uniform(0.9, 1.1)
        if result.retry_after is not None:
            return max(result.retry_after, 1.0)
        failures = (previous.failures if previous else 0) + 1
        return base * min(2 ** (failures - 1), _MAX_FAILURE_FACTOR) * self.random.uniform(0.9, 1.1)

    def _handle(self, store: Store, result: PollResult, previous: FeedState | None, next_in: float) -> FeedState:
        now = datetime.now(UTC)
        url = result.feed.url
        summary = self.summary
        if result.status == "skipped":
            record_failure(store, result, previous=previous, now=now, next_in=next_in)
            self.report("skipped", url, result.problem or "not read")
            self.summary = replace(summary, polls=summary.polls + 1, feeds_skipped=summary.feeds_skipped + 1,
                                   skipped_urls=_latest(summary.skipped_urls, [url]))
            return feed_states(store)[url]
        if self.dedup is None:
            self.dedup = Deduplicator(self.config.dedup)
        try:
            done = deliver(store, result, previous=previous, config=self.config, now=now, next_in=next_in,
                           dedup=self.dedup)
        except BaseException:
            self.dedup = None  # made again: it files a pre-index store's sketches once
            raise
        self.stories_due = self.stories_due or (self.update_stories is not None and bool(done.new or done.revised))
        bad = [*result.errors, *done.errors]
        for item in bad:
            self.report("entry-skipped", item.path, item.problem)
        if result.status == "stopped":
            self.report("stopped", url, result.problem or "stopped")
        else:
            self.report(result.status, url, f"{len(done.new)} new, {len(done.revised)} revised, "  # type: ignore[arg-type]
                        f"{done.unchanged + len(result.unchanged)} unchanged")
        self.summary = replace(
            summary, polls=summary.polls + 1, feeds_read=summary.feeds_read + (result.status != "stopped"),
            entries_skipped=summary.entries_skipped + len(bad), new=summary.new + len(done.new),
            revised=summary.revised + len(done.revised), unchanged=summary.unchanged + done.unchanged,
            skipped_urls=_latest(summary.skipped_urls, [item.path for item in bad]))
        return feed_states(store)[url]
