"""Replay ANT in time order, one batch per publication day, into a store, as a watcher would; compare
with the batch run on the same articles.

    python benchmarks/replay_stories.py ../shared/data/ant_v21/articles.jsonl.gz [--limit N] [--reports]

Each simulated day is one poll: `ingest_into` (articles, sketches, duplicate links, boilerplate counts;
one duplicate index kept across polls, as the watcher keeps it) then `update_stories` (the fold of the
day's articles into the saved state), with `refresh_reports` too when --reports is given. Undated
articles come last, as one more poll. Prints:
- B-cubed precision, recall and F1 of the replay's stories against the batch run's (`group_stories`,
  the library path of `akhbar stories`, on the same articles);
- seconds per poll over the first and the last 30 days (mean, median, max): flat means the fold
  does not grow with the store;
- the total of all polls against the batch run;
- the process's resident memory (VmRSS, and its peak VmHWM) after 1 and after 30 days.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from ant_sample import write_sample


def memory() -> tuple[float, float]:
    """(VmRSS, VmHWM) of this process in MB."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) / 1024
    return fields.get("VmRSS", 0.0), fields.get("VmHWM", 0.0)


def describe(values: list[float]) -> str:
    if not values:
        return "-"
    return f"mean {statistics.mean(values):.3f} s, median {statistics.median(values):.3f} s, max {max(values):.3f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", type=Path)
    parser.add_argument("--limit", type=int, default=0, help="the first N ANT records (0: all)")
    parser.add_argument("--since", default="", help="only articles of this ISO day and after")
    parser.add_argument("--until", default="9999", help="only articles before this ISO day")
    parser.add_argument("--reports", action="store_true", help="rebuild the changed stories' reports each poll")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--dump", type=Path, help="write both runs' story of each article here (JSON), to compare")
    args = parser.parse_args()

    from akhbar.config import load_config
    from akhbar.ingest import ingest
    from akhbar.store import Store
    from akhbar.store.loader import Deduplicator, ingest_into
    from akhbar.store.update import ReportSettings, refresh_reports, update_stories
    from akhbar.stories.build import group_stories

    config = load_config()
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "ant.jsonl"
        write_sample(args.data, args.limit, sample)
        articles = [a for a in ingest([str(sample)]).articles
                    if args.since <= (a.date or "~") < args.until or (a.date is None and not args.since)]
        by_day: dict[str, list] = defaultdict(list)
        for article in articles:
            by_day[article.date[:10] if article.date else "~undated"].append(article)
        days = sorted(by_day)
        print(f"{len(articles)} articles over {len(days)} publication days ({days[0]} .. {days[-1]})", flush=True)

        per_poll: list[float] = []
        marks: dict[int, tuple[float, float]] = {}
        dedup = Deduplicator(config.dedup)
        start = time.perf_counter()
        with Store(Path(tmp) / "replay.db") as store:
            for number, day in enumerate(days, start=1):
                began = time.perf_counter()
                ingest_into(store, by_day[day], config=config, dedup=dedup)
                update_stories(store, config=config, workers=args.workers)
                if args.reports:
                    refresh_reports(store, config=config, settings=ReportSettings(facts_min_articles=2),
                                    workers=args.workers)
                per_poll.append(time.perf_counter() - began)
                if number in (1, 30):
                    marks[number] = memory()
                if number % 100 == 0:
                    print(f"  day {number}: {per_poll[-1]:.3f} s, {store.story_count()} stories", flush=True)
            replay_total = time.perf_counter() - start
            replay = {article: story for story, members in store.story_members().items() for article in members}
            stories = store.story_count()

        began = time.perf_counter()
        batch = group_stories(articles, config=config, workers=args.workers)
        batch_total = time.perf_counter() - began
        truth = {article: story.id for story in batch.stories for article in story.articles}

    if args.dump:
        import json

        args.dump.write_text(json.dumps({"replay": replay, "batch": truth}), encoding="utf-8")
    report(replay, truth, per_poll, marks, sizes=[len(by_day[day]) for day in days],
           totals=(replay_total, batch_total, stories, len(batch.stories)), args=args)


def report(replay: dict[str, str], truth: dict[str, str], per_poll: list[float],
           marks: dict[int, tuple[float, float]], *, sizes: list[int], totals: tuple[float, float, int, int],
           args: argparse.Namespace) -> None:
    from akhbar.eval.bcubed import bcubed

    replay_total, batch_total, stories, batch_stories = totals
    days = sizes
    score = bcubed(replay, truth)
    print(f"replay: {stories} stories; batch: {batch_stories} stories")
    print(f"B-cubed of the replay against the batch run: precision {score.precision:.4f}  recall {score.recall:.4f}  "
          f"F1 {score.f1:.4f}  ({score.items} articles)")
    for name, part in (("first", slice(0, 30)), ("last", slice(-30, None))):
        per_article = sum(per_poll[part]) / max(sum(sizes[part]), 1)
        print(f"per poll, {name} 30 days: {describe(per_poll[part])}; {sum(sizes[part])} articles, "
              f"{1000 * per_article:.1f} ms per article")
    print(f"all {len(days)} polls: {replay_total:.1f} s; batch run (group_stories, {args.workers} workers): "
          f"{batch_total:.1f} s; ratio {replay_total / batch_total:.2f}" + (" (polls include reports)"
                                                                             if args.reports else " (no reports)"))
    for number, (rss, hwm) in sorted(marks.items()):
        print(f"memory after {number} day(s): RSS {rss:.0f} MB, peak {hwm:.0f} MB")


if __name__ == "__main__":
    main()
