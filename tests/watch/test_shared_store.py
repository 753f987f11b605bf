"""The watcher on a store others use too (issue 19, "Found in the store today"): a poll reads only what
its feed lists, readers never wait for it or fail while it writes, it waits for another writer instead of
failing, two writers at once double nothing, and a story id once shown never vanishes."""

from __future__ import annotations

import sqlite3
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

from akhbar.config import load_config
from akhbar.feeds.config import Feed, FetchSettings, WatchConfig
from akhbar.store import Store
from akhbar.store.feeds import ensure_feed_tables, entry_fingerprints
from akhbar.watch import loop
from akhbar.watch.loop import run_watcher
from akhbar.watch.stories import keep_stories_current
from tests.feeds.content import Item, page, rss
from tests.feeds.server import FeedServer
from tests.watch.conftest import rows

QUICK = FetchSettings(delay=0.05)


def _feeds(*feeds: tuple[str, str]) -> WatchConfig:
    return WatchConfig(tuple(Feed(url, outlet) for url, outlet in feeds), fetch=QUICK)


def _old_entries(db: Path, feed: str, n: int) -> None:
    """``n`` entries the feed listed long ago (their articles aside): the history a poll must not read."""
    with Store(db) as store:
        ensure_feed_tables(store)
    connection = sqlite3.connect(db)
    with connection:
        connection.executemany("INSERT INTO feed_entries VALUES (?, ?, ?, ?, ?)",
                               ((feed, f"old-{i}", f"old-{i}", "f", "2020-01-01T00:00:00+00:00") for i in range(n)))
    connection.close()


def test_a_poll_looks_up_only_the_entries_its_feed_lists(tmp_path: Path, server: FeedServer, items: list[Item],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "s.db"
    feed = server.url("/rss")
    _old_entries(db, feed, 3000)
    asked: list[list[str]] = []

    def spy(store: Store, feed_url: str, keys: list[str]) -> dict[str, str]:
        asked.append(sorted(keys))
        return entry_fingerprints(store, feed_url, keys)

    monkeypatch.setattr(loop, "entry_fingerprints", spy)
    server.set("/rss", body=rss(items[:3], base=server.base))
    assert run_watcher(_feeds((feed, "x")), db, threading.Event(), once=True).new == 3
    updated = replace(items[0], text=items[0].text + "\nتحديث: ارتفع عدد الجرحى إلى 12.")
    server.set("/rss", body=rss([updated, *items[1:4]], base=server.base))
    second = run_watcher(_feeds((feed, "x")), db, threading.Event(), once=True)
    # The two others were known by their fingerprints: not read again (none reached ingest as unchanged).
    assert (second.new, second.revised, second.unchanged) == (1, 1, 0)
    assert asked == [sorted(i.guid for i in items[:3]), sorted(i.guid for i in items[:4])]
    with Store.open_readonly(db) as reader:
        plan = " ".join(str(row[-1]) for row in reader._db.execute(
            "EXPLAIN QUERY PLAN SELECT key, fingerprint FROM feed_entries WHERE feed = ? AND key IN (?, ?)",
            (feed, "a", "b")))
        assert "USING PRIMARY KEY" in plan, plan  # a search per key, not a scan of the feed's history
        assert entry_fingerprints(reader, feed, ["old-7", "missing", items[1].guid]).keys() == {"old-7", items[1].guid}


def test_a_poll_waits_for_another_writer_instead_of_failing(tmp_path: Path, server: FeedServer,
                                                            items: list[Item]) -> None:
    db = tmp_path / "s.db"
    Store(db).close()
    holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")  # an `akhbar ingest` in the middle of its batch
    # Held past the 5 s after which a writer used to give up ("database is locked", exit 3).
    release = threading.Timer(6.0, lambda: holder.execute("COMMIT"))
    server.set("/rss", body=rss(items, base=server.base))
    started = time.monotonic()
    release.start()
    try:
        summary = run_watcher(_feeds((server.url("/rss"), "x")), db, threading.Event(), once=True)
    finally:
        release.join()
        holder.close()
    assert summary.complete and summary.new == len(items)
    assert time.monotonic() - started >= 5.9  # it waited for the lock (the store's busy timeout is 60 s)
    assert rows(db, "SELECT COUNT(*) FROM articles") == [(len(items),)]


def test_two_watchers_at_once_double_nothing(tmp_path: Path, server: FeedServer, other_server: FeedServer,
                                            items: list[Item]) -> None:
    server.set("/rss", body=rss(items, base=server.base, full_text=False))
    for item in items:
        server.set(item.path, body=page(item), content_type="text/html")
    other_server.set("/rss", body=rss([replace(i, guid="other-" + i.guid) for i in items[:3]], base=other_server.base))
    feeds = _feeds((server.url("/rss"), "الأولى"), (other_server.url("/rss"), "الثانية"))
    db = tmp_path / "s.db"
    Store(db).close()
    done: list[object] = []
    runs = [threading.Thread(target=lambda: done.append(run_watcher(feeds, db, threading.Event(), once=True)))
            for _ in range(2)]
    for run in runs:
        run.start()
    for run in runs:
        run.join(120)
    assert len(done) == 2
    assert rows(db, "SELECT COUNT(*), COUNT(DISTINCT id) FROM articles") == [(8, 8)]
    assert rows(db, "SELECT COUNT(*) FROM sketches") == [(8,)]
    assert rows(db, "SELECT COUNT(*) FROM feed_entries") == [(8,)]
    assert rows(db, "SELECT COUNT(*) FROM article_revisions") == [(0,)]
    # The three wire copies are linked once each, and counted as copies (which of the two is the original
    # is the one stored first): 8 articles, 5 counted for boilerplate, whichever watcher wrote which.
    assert len(rows(db, "SELECT article FROM duplicates")) == 3
    assert rows(db, "SELECT SUM(count) FROM outlet_articles") == [(5,)]


def test_readers_never_fail_while_the_watcher_writes_and_story_ids_never_vanish(
        tmp_path: Path, server: FeedServer, items: list[Item]) -> None:
    db = tmp_path / "s.db"
    feeds = _feeds((server.url("/rss"), "x"))
    keeper = keep_stories_current(load_config(None), facts=False)
    server.set("/rss", body=rss(items[:3], base=server.base))
    assert run_watcher(feeds, db, threading.Event(), once=True, update_stories=keeper).complete
    with Store.open_readonly(db) as reader:
        shown = reader.story_ids()
    assert shown
    errors: list[BaseException] = []
    reads = 0
    writing = threading.Event()

    def read() -> None:
        nonlocal reads
        while not writing.is_set():
            try:
                with Store.open_readonly(db) as reader:  # as the web page opens it, request after request
                    reader.counts()
                    for story_id in reader.story_ids():
                        reader.story(story_id)
                reads += 1
            except BaseException as error:  # any failure of a reader is what is tested
                errors.append(error)

    updated = replace(items[0], text=items[0].text + "\nوقال مصدر طبي إن عدد الجرحى بلغ 40.")
    server.set("/rss", body=rss([updated, *items[1:]], base=server.base))
    reader_thread = threading.Thread(target=read)
    reader_thread.start()
    try:
        summary = run_watcher(feeds, db, threading.Event(), once=True, update_stories=keeper)
    finally:
        writing.set()
        reader_thread.join(30)
    assert summary.complete and (summary.new, summary.revised) == (2, 1)
    assert not errors, errors[:3]
    assert reads > 0
    with Store.open_readonly(db) as reader:
        assert all(reader.story(story_id) is not None for story_id in shown)  # merged ones redirect
        assert rows(db, "SELECT COUNT(*) FROM story_articles") == [(len(items),)]


def test_a_lookup_that_fails_skips_its_feed_alone(tmp_path: Path, server: FeedServer, other_server: FeedServer,
                                                  items: list[Item], monkeypatch: pytest.MonkeyPatch) -> None:
    broken = server.url("/rss")

    def failing(store: Store, feed_url: str, keys: list[str]) -> dict[str, str]:
        if feed_url == broken:
            raise sqlite3.OperationalError("disk I/O error")
        return entry_fingerprints(store, feed_url, keys)

    monkeypatch.setattr(loop, "entry_fingerprints", failing)
    server.set("/rss", body=rss(items[:2], base=server.base))
    other_server.set("/rss", body=rss(items[2:], base=other_server.base))
    said: list[tuple[str, str, str]] = []
    summary = run_watcher(_feeds((broken, "x"), (other_server.url("/rss"), "y")), tmp_path / "s.db",
                          threading.Event(), once=True, report=lambda *event: said.append(event))
    assert not summary.complete and summary.skipped_urls == (broken,) and summary.new == len(items) - 2
    assert ("skipped", broken) in {(kind, url) for kind, url, _ in said}
    assert any("could not be looked up" in message and "disk I/O error" in message for _, _, message in said)
