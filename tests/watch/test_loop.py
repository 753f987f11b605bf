"""The poll loop: hosts in parallel, polls again on the interval with conditional GET, stops cleanly
on SIGTERM, and a kill -9 at any moment loses and doubles nothing once the watcher is restarted."""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

from akhbar.feeds.config import Feed, FetchSettings, WatchConfig
from akhbar.watch.loop import KEPT_URLS, _latest, run_watcher
from tests.feeds.content import Item, page, rss
from tests.feeds.server import FeedServer
from tests.watch.conftest import QUICK_WATCH, feeds_toml, rows

REPO = Path(__file__).resolve().parents[2]
PAGE_DELAY = 2.0  # seconds each page of the SIGTERM-mid-poll test takes to answer


def test_a_slow_host_does_not_hold_up_the_others(tmp_path: Path, server: FeedServer, other_server: FeedServer,
                                                 items: list[Item]) -> None:
    # The slow host: five page-linked entries, each page taking 0.8 s, one request at a time.
    server.set("/rss", body=rss(items, base=server.base, full_text=False))
    for item in items:
        server.set(item.path, body=page(item), content_type="text/html", delay=0.8)
    other_server.set("/rss", body=rss(items[:2], base=other_server.base))
    done: dict[str, float] = {}
    started = time.monotonic()

    def note(kind: str, url: str, message: str) -> None:
        done.setdefault(url, time.monotonic() - started)

    feeds = WatchConfig((Feed(server.url("/rss"), "بطيء"), Feed(other_server.url("/rss"), "سريع")),
                        fetch=FetchSettings(delay=0.05))
    summary = run_watcher(feeds, tmp_path / "s.db", threading.Event(), once=True, report=note)
    assert summary.complete and summary.new == 7
    assert done[server.url("/rss")] > 4.0  # five pages, one at a time
    assert done[other_server.url("/rss")] < done[server.url("/rss")] - 2.5  # read while the slow host waited


def test_the_loop_polls_again_with_conditional_get_until_stopped(tmp_path: Path, server: FeedServer,
                                                                 items: list[Item]) -> None:
    server.set("/rss", body=rss(items[:2], base=server.base), etag='"v1"')
    feeds = WatchConfig((Feed(server.url("/rss"), "x", interval=0.3),), fetch=FetchSettings(delay=0.05))
    stop = threading.Event()
    found: list[str] = []
    runner = threading.Thread(target=lambda: found.append(str(run_watcher(feeds, tmp_path / "s.db", stop))))
    runner.start()
    deadline = time.monotonic() + 10
    while len(server.hits("/rss")) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    server.set("/rss", body=rss(items[:3], base=server.base), etag='"v2"')  # a new item arrives
    while len(server.hits("/rss")) < 5 and time.monotonic() < deadline:
        time.sleep(0.05)
    stop.set()
    runner.join(5)
    assert not runner.is_alive() and found
    hits = server.hits("/rss")
    assert hits[0].headers.get("if-none-match") is None
    assert hits[1].headers.get("if-none-match") == '"v1"'
    gaps = [b.at - a.at for a, b in itertools.pairwise(hits)]
    assert all(gap >= 0.25 for gap in gaps)  # the interval, less its jitter
    assert rows(tmp_path / "s.db", "SELECT COUNT(*) FROM articles") == [(3,)]


def _watch(feeds: Path, db: Path, *more: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    program = "import sys; from akhbar.cli import main; sys.argv[0] = 'akhbar'; main()"
    return subprocess.Popen([sys.executable, "-c", program, "watch", str(feeds), "--db", str(db), *more],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=REPO)


def test_sigterm_stops_the_loop_cleanly(tmp_path: Path, server: FeedServer, items: list[Item]) -> None:
    server.set("/rss", body=rss(items[:2], base=server.base))
    db = tmp_path / "s.db"
    process = _watch(feeds_toml(tmp_path, [(server.url("/rss"), "x")]), db)
    deadline = time.monotonic() + 120  # a cold start on a loaded machine
    while not _count(db) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.1)
    assert _count(db) == 2, "the first poll was not written"
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=15)
    assert process.returncode == 0, err.decode()
    assert "stopping" in err.decode() and _count(db) == 2


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        return int(rows(db, "SELECT COUNT(*) FROM articles")[0][0])
    except Exception:  # the file is being created
        return 0


def test_kill_9_mid_poll_then_restart_loses_and_doubles_nothing(tmp_path: Path, server: FeedServer,
                                                                items: list[Item]) -> None:
    # Six feeds on one host, their entries' pages slow: a run takes a few seconds, committed feed by feed.
    many = [replace(item, guid=f"{item.guid}-{n}", path=f"/news/{n}/{item.path.rsplit('/', 1)[1]}",
                    text=f"{item.text}\nنسخة {n}.") for n in range(6) for item in items[:3]]
    feeds = []
    for n in range(6):
        server.set(f"/rss{n}", body=rss(many[3 * n:3 * n + 3], base=server.base, full_text=n % 2 == 0))
        feeds.append((server.url(f"/rss{n}"), f"outlet{n}"))
    for item in many:
        server.set(item.path, body=page(item), content_type="text/html", delay=0.15)
    config = feeds_toml(tmp_path, feeds)
    whole, killed = tmp_path / "whole.db", tmp_path / "killed.db"
    assert _watch(config, whole, "--once").wait(60) == 0
    for wait in (0.8, 1.6):  # killed twice, at different points of the run
        process = _watch(config, killed, "--once")
        deadline = time.monotonic() + wait + 10
        while _count(killed) == 0 and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(wait / 4)
        process.send_signal(signal.SIGKILL)
        process.wait(10)
    assert 0 < _count(killed) < len(many), "the run should have been killed part-way"
    rerun = _watch(config, killed, "--once")
    _, err = rerun.communicate(timeout=60)
    assert rerun.returncode == 0, err.decode()
    query = "SELECT id, source, revision, content_hash, guid, canonical_url FROM articles ORDER BY id"
    assert rows(killed, query) == rows(whole, query)
    assert rows(killed, "SELECT COUNT(*) FROM article_revisions") == [(0,)]
    entries = "SELECT feed, key, article, fingerprint FROM feed_entries ORDER BY feed, key"
    assert rows(killed, entries) == rows(whole, entries)
    assert rows(killed, "SELECT COUNT(*) FROM sketches") == [(len(many),)]


def test_sigterm_mid_poll_keeps_what_was_read_and_the_next_run_completes_it(
        tmp_path: Path, server: FeedServer, items: list[Item]) -> None:
    # Each page answers after PAGE_DELAY (under the read timeout): once the test sees the second page asked
    # for, the watcher has that long to take the SIGTERM before the request in flight ends. No wall-clock
    # bound: what shows that the stop did not wait for the pages left is that none of them was asked for.
    server.set("/rss", body=rss(items, base=server.base, full_text=False), etag='"v1"')
    for item in items:
        server.set(item.path, body=page(item), content_type="text/html", delay=PAGE_DELAY)
    db = tmp_path / "s.db"
    limits = QUICK_WATCH.replace("read_timeout = 0.5", f"read_timeout = {3 * PAGE_DELAY}").replace(
        "total_timeout = 1.5", f"total_timeout = {4 * PAGE_DELAY}")
    feeds = feeds_toml(tmp_path, [(server.url("/rss"), "x")], limits=limits)
    process = _watch(feeds, db, "--no-stories")

    def asked() -> int:
        return sum(len(server.hits(i.path)) for i in items)

    deadline = time.monotonic() + 120  # a cold start on a loaded machine
    while asked() < 2 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.02)
    in_flight = asked()
    assert in_flight == 2, f"the second page was not asked for ({in_flight} asked)"
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 0, err.decode()
    assert "stopping" in err.decode()
    assert asked() == in_flight  # no page asked for after the stop: the three left wait for the next run
    assert _count(db) == in_flight, err.decode()  # the page in flight was read to its end and kept
    assert rows(db, "SELECT etag FROM feeds") == [(None,)]  # so the next run reads the feed whole
    for item in items:
        server.set(item.path, body=page(item), content_type="text/html")
    rerun = _watch(feeds, db, "--once", "--no-stories")
    _, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err.decode()
    assert _count(db) == len(items)
    assert rows(db, "SELECT COUNT(*) FROM article_revisions") == [(0,)]


def test_a_summary_names_the_latest_skipped_urls_only() -> None:
    # A loop that skips one page a poll for months: its summary stays the same size (the counts keep the rest).
    kept: tuple[str, ...] = ()
    for n in range(KEPT_URLS + 150):
        kept = _latest(kept, [f"https://a.example/{n}"])
    assert len(kept) == KEPT_URLS
    assert kept[0] == "https://a.example/150" and kept[-1] == f"https://a.example/{KEPT_URLS + 149}"
    assert _latest(kept, []) is kept
