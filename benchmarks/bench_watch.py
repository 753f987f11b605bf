"""The watcher over time: all of ANT replayed as feeds, one poll per publication day.

    python benchmarks/bench_watch.py ../shared/data/ant_v21/articles.jsonl.gz [--days N] [--pages] [--batch]
        [--stories] [--reports first,last] [--profile] [--no-trim]

Five loopback feed servers, one per outlet (one host each, as in life), each serving an RSS 2.0 feed
of that outlet's articles of the simulated day (full text in content:encoded; ``--pages``: only links,
each article's page fetched and extracted by trafilatura). Each day, one watcher (kept from day to
day, as `akhbar watch` keeps running) polls every feed once: fetch, parse, ingest, store (articles,
sketches, duplicate links, boilerplate counts, feed state).

``--stories``: after each poll, the story step `akhbar watch` runs, each part timed apart: the store's
incremental fold (`update_stories`), the storyline fold (`update_storylines`) and, on the days of the
``--reports`` windows (``first``, ``dense``, ``last``: the first 30 days, the first 30 with at least 20
articles, the last 30; default first,last), the reports of the stories that poll changed, facts
included, in one process (what StoryKeeper builds in the poll and right after it, as `--once` does).
The fold runs every day (a watcher's stories are the fold of every day before); the reports of the
other days are left stale (a full replay with every day's reports takes hours), so a report window
builds exactly its own days' changed stories, as a watcher with no backlog does. Each report day
also prints how many articles the rebuilt stories hold: a report's cost follows its story's size.
``--no-trim``: without emptying the text caches after each step, to see what that saves.
``--profile``: cProfile of the whole poll (story step and its reports included) of an early dense day and
a late one (the 31st dense day and the last dense day before the last dense window: outside the windows,
as a profiled poll runs slower), the akhbar functions whose cumulative time grew most printed side by side.

Prints the seconds per poll (and, with --stories, per part: store = fetch+parse+ingest+store, fold,
storylines, reports) and per article over the first and the last 30 days, and over the first and last
30 of the days with at least 20 articles (ANT's first days, 2012-2017, hold one or two articles each;
flat = the cost of a poll does not grow with the store), the total, the watcher's resident memory
(VmRSS of this process, the feed servers included) after day 1, day 30 and the last day (the duplicate
index is in the store, whose rows are counted at the end: it grows the file, not the memory), one line per
day (flushed, for a long run), a progress line every 30 days, and with ``--batch`` the same articles
done as a batch in the same run: one `akhbar ingest` into an empty store, then (with --stories) one
fold of everything and one storyline fold (`akhbar stories --db --rebuild` without its reports).
The politeness delay is 1 ms here (see main): the figures are the watcher's work, not its waiting.
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import json
import os
import pstats
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from akhbar.config import Config, load_config  # noqa: E402
from akhbar.feeds.config import Feed, FetchSettings, WatchConfig  # noqa: E402
from akhbar.feeds.session import Fetcher  # noqa: E402
from akhbar.store import Store  # noqa: E402
from akhbar.store.feeds import ensure_feed_tables  # noqa: E402
from akhbar.store.storylines import update_storylines  # noqa: E402
from akhbar.store.update import ReportSettings, refresh_reports, update_stories  # noqa: E402
from akhbar.watch.loop import Watcher  # noqa: E402
from akhbar.watch.memory import TRIM_ABOVE, cached_entries, trim_caches  # noqa: E402
from tests.feeds.content import Item, page, rss  # noqa: E402
from tests.feeds.server import FeedServer  # noqa: E402

WINDOW = 30
DENSE = 20  # articles a day from which a day is "dense"
PARTS = ("store", "fold", "storylines", "reports", "trim")


@dataclass
class Day:
    day: str
    articles: int = 0
    seconds: float = 0.0  # the whole poll, story step included
    parts: dict[str, float] = field(default_factory=dict)
    reports: int = 0  # reports built
    report_articles: int = 0  # articles in the stories whose reports were built


class TimedStories:
    """The watcher's story step as :class:`akhbar.watch.stories.StoryKeeper` runs it (the incremental fold,
    the storyline fold, the reports of the stories the fold changed, the text caches trimmed), each part
    timed. ``reports`` is switched per day by the replay; its reports are built whole, without the poll's
    budget: a `--once` watcher builds the rest right after the poll (catch_up), the same work."""

    def __init__(self, config: Config, *, trim_above: int | None) -> None:
        self.config, self.trim_above = config, trim_above
        self.settings = ReportSettings(with_facts=True)
        self.reports = False
        self.day = Day("")

    def __call__(self, store: Store) -> str:
        tick = time.perf_counter()
        done = update_stories(store, config=self.config, workers=1)
        self._add("fold", tick)
        tick = time.perf_counter()
        update_storylines(store, config=self.config)
        self._add("storylines", tick)
        if self.reports and done.changed:
            tick = time.perf_counter()
            wanted = set(done.changed)
            sizes = [size for story, _, size in store.stale_report_sizes(min_articles=self.settings.min_articles)
                     if story in wanted]
            self.day.reports += refresh_reports(store, config=self.config, settings=self.settings,
                                                workers=1, ids=done.changed)
            self.day.report_articles += sum(sizes)
            self._add("reports", tick)
        if self.trim_above is not None:
            tick = time.perf_counter()
            trim_caches(self.trim_above)
            self._add("trim", tick)
        return f"{done.folded} articles placed"

    def _add(self, part: str, tick: float) -> None:
        self.day.parts[part] = self.day.parts.get(part, 0.0) + time.perf_counter() - tick


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


def dedup_index_line(store: Store) -> str:
    """What the duplicate index holds in the store (the watcher holds none of it in memory)."""
    db = store._db
    counts = {table: db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
              for table in ("dedup_bands", "dedup_texts", "dedup_copies", "duplicates")}
    return ("duplicate index in the store: " + ", ".join(f"{table} {n}" for table, n in counts.items())
            + f"; store file {store.path.stat().st_size / 2**20:.0f} MiB")


def window_line(label: str, window: list[Day]) -> str:
    if not window:
        return f"{label}: no such days"
    seconds = sum(d.seconds for d in window)
    articles = sum(d.articles for d in window)
    line = (f"{label} {len(window)} days ({window[0].day}..{window[-1].day}): {articles} articles, "
            f"{seconds / len(window):.3f} s per poll (max {max(d.seconds for d in window):.3f}), "
            f"{1000 * seconds / max(articles, 1):.1f} ms per article")
    parts = [(part, sum(d.parts.get(part, 0.0) for d in window)) for part in PARTS]
    if any(d.parts for d in window):
        line += "\n    per poll: " + ", ".join(f"{part} {t / len(window):.3f} s" for part, t in parts if t)
        line += "\n    per article: " + ", ".join(f"{part} {1000 * t / max(articles, 1):.1f} ms"
                                                 for part, t in parts if t)
        built = sum(d.report_articles for d in window)
        if built:
            reports = dict(parts)["reports"]
            line += (f"\n    reports: {sum(d.reports for d in window)} built over stories of {built} articles "
                     f"in all ({built / max(articles, 1):.1f} story articles per new article), "
                     f"{1000 * reports / built:.1f} ms per story article")
    return line


def report_windows(days: list[tuple[str, dict[str, list[Item]]]], wanted: set[str]) -> set[int]:
    """Indexes of the days whose reports are built."""
    chosen: set[int] = set()
    if "first" in wanted:
        chosen.update(range(min(WINDOW, len(days))))
    if "last" in wanted:
        chosen.update(range(max(0, len(days) - WINDOW), len(days)))
    if "dense" in wanted:
        dense = [i for i, (_, by_outlet) in enumerate(days) if sum(map(len, by_outlet.values())) >= DENSE]
        chosen.update(dense[:WINDOW])
    return chosen


def main() -> None:  # noqa: PLR0915 - one replay, told in order
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", type=Path, help="ANT's articles.jsonl.gz")
    parser.add_argument("--days", type=int, default=0, help="replay only the first N days (0: all)")
    parser.add_argument("--pages", action="store_true", help="feeds carry links only: fetch every page")
    parser.add_argument("--batch", action="store_true", help="also time the same articles as a batch")
    parser.add_argument("--stories", action="store_true", help="also fold the stories after each poll")
    parser.add_argument("--reports", default="first,last",
                        help="with --stories: windows whose days build reports (first, dense, last; none)")
    parser.add_argument("--profile", action="store_true", help="profile the first dense day's poll and the last's")
    parser.add_argument("--profile-dump", type=Path, help="with --profile: also write each profile to PREFIX-dayN.prof")
    parser.add_argument("--no-trim", action="store_true", help="keep the text caches between polls (as before)")
    args = parser.parse_args()
    if not args.data.is_file():
        sys.exit(f"{args.data}: no such file (give ANT's articles.jsonl.gz)")
    days = read_days(args.data)
    if args.days:
        days = days[: args.days]
    wanted = {w.strip() for w in args.reports.split(",") if w.strip() not in ("", "none")}
    if wanted - {"first", "dense", "last"}:
        sys.exit(f"--reports: unknown window(s) {sorted(wanted - {'first', 'dense', 'last'})}")
    reporting = report_windows(days, wanted) if args.stories else set()
    dense_days = [i for i, (_, by_outlet) in enumerate(days) if sum(map(len, by_outlet.values())) >= DENSE]
    # Outside the windows (a profiled poll runs slower), reports built as on a window's days.
    profiled = {dense_days[WINDOW], dense_days[-WINDOW - 1]} if args.profile and len(dense_days) > 2 * WINDOW + 1 \
        else set()
    reporting |= profiled if args.stories else set()
    outlets = sorted({outlet for _, by_outlet in days for outlet in by_outlet})
    servers = {outlet: FeedServer() for outlet in outlets}
    feeds = WatchConfig(tuple(Feed(servers[o].url("/rss"), o) for o in outlets),
                        # Polls are minutes apart in life, so the 1 s between two requests to a host never
                        # waits there; back to back here, it would be all the replay measured.
                        fetch=FetchSettings(delay=0.001, max_bytes=50 * 1024 * 1024, read_timeout=60,
                                            total_timeout=120))
    config = load_config(None)
    step = TimedStories(config, trim_above=None if args.no_trim else TRIM_ABOVE) if args.stories else None
    print(f"{sum(len(v) for _, d in days for v in d.values())} articles over {len(days)} days, {len(outlets)} outlets;"
          f" {'pages fetched' if args.pages else 'full text in the feed'}; "
          + (f"stories folded after each poll, reports on {len(reporting)} days ({','.join(sorted(wanted)) or 'none'})"
             if step else "articles only (no --stories)"), flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        watcher = Watcher(feeds, threading.Event(), once=True, interval=None, config=config, report=None,
                          update_stories=step, fetcher=Fetcher(feeds.fetch))
        started = time.perf_counter()
        with Store(Path(tmp) / "watch.db") as store:
            ensure_feed_tables(store)
            times, memory, profiles = replay(days, servers, watcher, store, step=step, reporting=reporting,
                                             profiled=profiled, pages=args.pages, started=started)
            index_line = dedup_index_line(store)
        total = time.perf_counter() - started
        watcher.close()
        watcher.fetcher.close()
        stored = watcher.summary.new
    for server in servers.values():
        server.close()
    dense = [d for d in times if d.articles >= DENSE]
    for label, window in (("first", times[:WINDOW]), ("last", times[-WINDOW:]), ("first dense", dense[:WINDOW]),
                          ("last dense", dense[-WINDOW:])):
        print(window_line(label, window))
    totals = {part: sum(d.parts.get(part, 0.0) for d in times) for part in PARTS}
    print(f"total: {stored} articles in {total:.1f} s ({1000 * total / max(stored, 1):.1f} ms per article)"
          + (": " + ", ".join(f"{part} {t:.1f} s" for part, t in totals.items() if t) if step else ""))
    print("memory (VmRSS MiB): " + ", ".join(f"{k} {v:.0f}" for k, v in memory.items()))
    print(index_line)
    if profiles:
        compare_profiles(profiles)
        if args.profile_dump:
            for label, stats in profiles.items():
                stats.dump_stats(f"{args.profile_dump}-{label.split()[1]}.prof")
    if args.batch:
        batch_run(args.data, days, total - totals["reports"], stories=step is not None, config=config)


def replay(days: list[tuple[str, dict[str, list[Item]]]], servers: dict[str, FeedServer], watcher: Watcher,
           store: Store, *, step: TimedStories | None, reporting: set[int], profiled: set[int], pages: bool,
           started: float) -> tuple[list[Day], dict[str, float], dict[str, pstats.Stats]]:
    """One poll per day, each day's feeds served first; what each day took, the memory, the profiles."""
    times: list[Day] = []
    memory: dict[str, float] = {}
    profiles: dict[str, pstats.Stats] = {}
    for number, (day, by_outlet) in enumerate(days, 1):
        for outlet, server in servers.items():
            items = by_outlet.get(outlet, [])
            server.set("/rss", body=rss(items, base=server.base, full_text=not pages), etag=f'"{day}"')
            if pages:
                for item in items:
                    server.set(item.path, body=page(item), content_type="text/html; charset=utf-8")
        record = Day(day)
        if step is not None:
            step.day, step.reports = record, number - 1 in reporting
        before = watcher.summary
        profile = cProfile.Profile() if number - 1 in profiled else None
        tick = time.perf_counter()
        if profile is not None:
            profile.enable()
        summary = watcher.run(store)
        if profile is not None:
            profile.disable()
        record.seconds = time.perf_counter() - tick
        record.articles = summary.new - before.new
        if step is not None:
            record.parts["store"] = record.seconds - sum(record.parts.values())
        if profile is not None:
            profiles[f"day {number} {day} ({record.articles} articles)"] = pstats.Stats(profile)
        times.append(record)
        split = ", ".join(f"{k} {v:.2f}" for k, v in record.parts.items())
        built = f", {record.reports} reports over {record.report_articles} articles" if record.reports else ""
        print(f"  day {number} {day}: {record.articles} articles, {record.seconds:.2f} s"
              f"{f' ({split})' if split else ''}{built}, VmRSS {rss_kib():.0f} MiB, "
              f"{cached_entries()} cached entries", flush=True)
        if number in (1, WINDOW) or number == len(days):
            memory[f"day {number}"] = rss_kib()
        if number % WINDOW == 0:
            print(f"  progress: {window_line(f'days {number - WINDOW + 1}-{number}', times[-WINDOW:])}, "
                  f"{time.perf_counter() - started:.0f} s so far, VmRSS {rss_kib():.0f} MiB", flush=True)
        if summary.feeds_skipped != before.feeds_skipped or summary.entries_skipped != before.entries_skipped:
            print(f"  {day}: skipped {summary.skipped_urls[-3:]}")
    return times, memory, profiles


def compare_profiles(profiles: dict[str, pstats.Stats], top: int = 25) -> None:
    """The akhbar functions (and SQLite calls) of the two profiled polls, by cumulative seconds, those whose
    time grew most between the two first."""
    (early_label, early), (late_label, late) = list(profiles.items())[:2]

    def cumulative(stats: pstats.Stats) -> dict[str, float]:
        out: dict[str, float] = {}
        for (path, line, name), row in stats.stats.items():  # type: ignore[attr-defined]
            if "akhbar" in path or "sqlite3" in name:
                key = f"{Path(path).parent.name}/{Path(path).name}:{line} {name}" if "akhbar" in path else name
                out[key] = out.get(key, 0.0) + row[3]
        return out

    a, b = cumulative(early), cumulative(late)
    print(f"profile (cumulative s): A = {early_label}, B = {late_label}; the {top} that grew most")
    for key in sorted(set(a) | set(b), key=lambda k: b.get(k, 0.0) - a.get(k, 0.0), reverse=True)[:top]:
        print(f"    A {a.get(key, 0.0):8.2f}  B {b.get(key, 0.0):8.2f}  {key}")


def batch_run(data: Path, days: list[tuple[str, dict[str, list[Item]]]], watch_total: float, *, stories: bool,
              config: Config) -> None:
    """The same articles as a batch, in the same run: one `akhbar ingest`, then (``stories``) one fold of
    everything and one storyline fold (what `akhbar stories --db --rebuild` does before its reports)."""
    wanted = {item.guid.removeprefix("ant-") for _, by_outlet in days for items in by_outlet.values() for item in items}
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "ant.jsonl"
        with gzip.open(data, "rt", encoding="utf-8") as lines, sample.open("w", encoding="utf-8") as out:
            for line in lines:
                if json.loads(line)["id"] in wanted:
                    out.write(line)
        akhbar = str(Path(sys.executable).parent / "akhbar")
        batch_db = Path(tmp) / "batch.db"
        tick = time.perf_counter()
        done = subprocess.run([akhbar, "ingest", str(sample), "--db", str(batch_db)],
                              capture_output=True, text=True, check=False, env={**os.environ})
        ingest = time.perf_counter() - tick
        if done.returncode not in (0, 4):
            print(f"batch ingest failed ({done.returncode}): {done.stderr[-500:]}")
            return
        fold = lines_took = 0.0
        if stories:
            with Store(batch_db) as store:
                tick = time.perf_counter()
                update_stories(store, config=config, workers=1, rebuild=True)
                fold = time.perf_counter() - tick
                tick = time.perf_counter()
                update_storylines(store, config=config)
                lines_took = time.perf_counter() - tick
    took = ingest + fold + lines_took
    print(f"batch of the same {len(wanted)} articles: ingest {ingest:.1f} s"
          + (f", fold {fold:.1f} s, storylines {lines_took:.1f} s" if stories else "")
          + f" = {took:.1f} s; replay without reports ({watch_total:.1f} s) / batch = {watch_total / took:.2f}")


if __name__ == "__main__":
    main()
