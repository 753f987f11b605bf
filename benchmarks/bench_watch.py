"""The watcher over time: all of ANT replayed as feeds, one poll per publication day.

    python benchmarks/bench_watch.py ../shared/data/ant_v21/articles.jsonl.gz [--days N] [--pages] [--batch] [--stories]
        [--no-trim]

Five loopback feed servers, one per outlet (one host each, as in life), each serving an RSS 2.0 feed
of that outlet's articles of the simulated day (full text in content:encoded; ``--pages``: only links,
each article's page fetched and extracted by trafilatura). Each day, one watcher (kept from day to
day, as `akhbar watch` keeps running) polls every feed once: fetch, parse, ingest, store (articles,
sketches, duplicate links, boilerplate counts, feed state); with ``--stories`` also the story step
`akhbar watch` runs after a poll (the store's incremental fold, then the reports of the stories that
moved, facts included, in one process: the small ones in the poll, the large ones right after it, as
`--once` does; ``--no-trim``: without emptying the text caches after each step, to see what that saves).

Prints the seconds per poll and per article over the first and the last 30 days, and over the first
and last 30 of the days with at least 20 articles (ANT's first days, 2012-2017, hold one or two
articles each; flat = the cost of a poll does not grow with the store), the total, the watcher's
resident memory (VmRSS of this process, the feed servers included) after day 1, day 30 and the last
day, one line per day (articles, seconds, VmRSS, entries in akhbar's caches; flushed, for a long run),
a progress line every 30 days, and with ``--batch`` the
time of one `akhbar ingest` of the same articles into an empty store, measured in the same run.
The politeness delay is 1 ms here (see main): the figures are the watcher's work, not its waiting.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from email.utils import parsedate_to_datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from akhbar.config import load_config  # noqa: E402
from akhbar.feeds.config import Feed, FetchSettings, WatchConfig  # noqa: E402
from akhbar.feeds.session import Fetcher  # noqa: E402
from akhbar.store import Store  # noqa: E402
from akhbar.store.feeds import ensure_feed_tables  # noqa: E402
from akhbar.watch.loop import Watcher  # noqa: E402
from akhbar.watch.memory import TRIM_ABOVE, cached_entries  # noqa: E402
from akhbar.watch.stories import keep_stories_current  # noqa: E402
from tests.feeds.content import Item, page, rss  # noqa: E402
from tests.feeds.server import FeedServer  # noqa: E402

WINDOW = 30


def read_days(path: Path) -> list[tuple[str, dict[str, list[Item]]]]:
    """(day, outlet -> items) in time order, each day as the outlet dated it."""
    days: dict[str, dict[str, list[Item]]] = defaultdict(lambda: defaultdict(list))
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            when = parsedate_to_datetime(row["time"])
            item = Item(f"ant-{row['id']}", row["title"], row["text"], when, f"/{row['id']}.html")
            days[when.date().isoformat()][row["source"]].append(item)
    return [(day, days[day]) for day in sorted(days)]


def rss_kib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return float(line.split()[1]) / 1024
    return float("nan")


def window_line(label: str, window: list[tuple[str, int, float]]) -> str:
    if not window:
        return f"{label}: no such days"
    seconds = sum(t for _, _, t in window)
    articles = sum(n for _, n, _ in window)
    return (f"{label} {len(window)} days ({window[0][0]}..{window[-1][0]}): {articles} articles, "
            f"{seconds / len(window):.3f} s per poll (max {max(t for _, _, t in window):.3f}), "
            f"{1000 * seconds / max(articles, 1):.1f} ms per article")


def main() -> None:  # noqa: PLR0915 - one replay, told in order
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", type=Path, help="ANT's articles.jsonl.gz")
    parser.add_argument("--days", type=int, default=0, help="replay only the first N days (0: all)")
    parser.add_argument("--pages", action="store_true", help="feeds carry links only: fetch every page")
    parser.add_argument("--batch", action="store_true", help="also time `akhbar ingest` of the same articles")
    parser.add_argument("--stories", action="store_true", help="also fold the stories and rebuild reports per poll")
    parser.add_argument("--no-trim", action="store_true", help="keep the text caches between polls (as before)")
    args = parser.parse_args()
    if not args.data.is_file():
        sys.exit(f"{args.data}: no such file (give ANT's articles.jsonl.gz)")
    days = read_days(args.data)
    if args.days:
        days = days[: args.days]
    outlets = sorted({outlet for _, by_outlet in days for outlet in by_outlet})
    servers = {outlet: FeedServer() for outlet in outlets}
    feeds = WatchConfig(tuple(Feed(servers[o].url("/rss"), o) for o in outlets),
                        # Polls are minutes apart in life, so the 1 s between two requests to a host never
                        # waits there; back to back here, it would be all the replay measured.
                        fetch=FetchSettings(delay=0.001, max_bytes=50 * 1024 * 1024, read_timeout=60,
                                            total_timeout=120))
    config = load_config(None)
    update = keep_stories_current(config, workers=1, trim_above=None if args.no_trim else TRIM_ABOVE) \
        if args.stories else None
    print(f"{sum(len(v) for _, d in days for v in d.values())} articles over {len(days)} days, {len(outlets)} outlets;"
          f" {'pages fetched' if args.pages else 'full text in the feed'}; "
          f"{'stories and reports updated after each poll' if update else 'articles only (no --stories)'}")
    times: list[tuple[str, int, float]] = []
    memory: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "watch.db"
        watcher = Watcher(feeds, threading.Event(), once=True, interval=None, config=config, report=None,
                          update_stories=update, fetcher=Fetcher(feeds.fetch))
        started = time.perf_counter()
        with Store(db) as store:
            ensure_feed_tables(store)
            for number, (day, by_outlet) in enumerate(days, 1):
                for outlet, server in servers.items():
                    items = by_outlet.get(outlet, [])
                    server.set("/rss", body=rss(items, base=server.base, full_text=not args.pages), etag=f'"{day}"')
                    if args.pages:
                        for item in items:
                            server.set(item.path, body=page(item), content_type="text/html; charset=utf-8")
                before = watcher.summary
                tick = time.perf_counter()
                summary = watcher.run(store)
                took = time.perf_counter() - tick
                arrived = summary.new - before.new
                times.append((day, arrived, took))
                print(f"  day {number} {day}: {arrived} articles, {took:.2f} s, VmRSS {rss_kib():.0f} MiB, "
                      f"{cached_entries()} cached entries", flush=True)
                if number in (1, WINDOW) or number == len(days):
                    memory[f"day {number}"] = rss_kib()
                if number % WINDOW == 0:
                    print(f"  progress: {window_line(f'days {number - WINDOW + 1}-{number}', times[-WINDOW:])}, "
                          f"{time.perf_counter() - started:.0f} s so far, VmRSS {rss_kib():.0f} MiB", flush=True)
                if summary.feeds_skipped != before.feeds_skipped or summary.entries_skipped != before.entries_skipped:
                    print(f"  {day}: skipped {summary.skipped_urls[-3:]}")
        total = time.perf_counter() - started
        watcher.close()
        watcher.fetcher.close()
        stored = summary.new
    for server in servers.values():
        server.close()
    dense = [t for t in times if t[1] >= 20]
    for label, window in (("first", times[:WINDOW]), ("last", times[-WINDOW:]), ("first dense", dense[:WINDOW]),
                          ("last dense", dense[-WINDOW:])):
        print(window_line(label, window))
    print(f"total: {stored} articles in {total:.1f} s ({1000 * total / max(stored, 1):.1f} ms per article)")
    print("memory (VmRSS MiB): " + ", ".join(f"{k} {v:.0f}" for k, v in memory.items()))
    if args.batch:
        batch_ingest(args.data, days, total)


def batch_ingest(data: Path, days: list[tuple[str, dict[str, list[Item]]]], watch_total: float) -> None:
    """One `akhbar ingest` of the same articles, in the same run: what the replay is compared with."""
    wanted = {item.guid.removeprefix("ant-") for _, by_outlet in days for items in by_outlet.values() for item in items}
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "ant.jsonl"
        with gzip.open(data, "rt", encoding="utf-8") as lines, sample.open("w", encoding="utf-8") as out:
            for line in lines:
                if json.loads(line)["id"] in wanted:
                    out.write(line)
        akhbar = str(Path(sys.executable).parent / "akhbar")
        tick = time.perf_counter()
        done = subprocess.run([akhbar, "ingest", str(sample), "--db", str(Path(tmp) / "batch.db")],
                              capture_output=True, text=True, check=False, env={**os.environ})
        took = time.perf_counter() - tick
    if done.returncode not in (0, 4):
        print(f"batch ingest failed ({done.returncode}): {done.stderr[-500:]}")
        return
    print(f"batch `akhbar ingest` of the same {len(wanted)} articles: {took:.1f} s; "
          f"replay / batch = {watch_total / took:.2f}")


if __name__ == "__main__":
    main()
