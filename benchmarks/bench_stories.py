"""Scale of `akhbar stories`: the first 1k, 10k and all ANT articles, through the library path the CLI uses.

    python benchmarks/bench_stories.py ../shared/data/ant_v21/articles.jsonl.gz [--sizes 1000,10000,0] [--no-facts]

Each size runs in its own process (so each peak RSS is its own): ingest (the .jsonl readers and
noise removal), boilerplate + duplicates, clustering (events, then storylines: the stages of
``group_stories``, called one by one so that the storyline fold is timed alone, and run once), then every
story's summary and facts in a
2-process pool, the reports rendered to JSON and written to /dev/null as the CLI streams them.
Prints articles/s, peak RSS (the main process and the largest worker) and seconds per stage.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ant_sample import write_sample


def run_one(path: Path, with_facts: bool, facts_min_articles: int, min_articles: int) -> dict[str, float]:
    from akhbar.config import load_config
    from akhbar.ingest import ingest
    from akhbar.stories.build import StoryBatch, largest_newest_first, prepare_articles, story_reports
    from akhbar.stories.cluster import cluster_stories
    from akhbar.stories.render import by_storyline, stories_json
    from akhbar.stories.storylines import build_storylines

    stamps: dict[str, float] = {}
    marks: dict[str, float] = {}

    def progress(stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        marks.setdefault(stage, now)
        if done >= total:
            stamps[stage] = now - marks[stage]

    config = load_config()
    start = time.perf_counter()
    corpus = ingest([str(path)])
    stamps["ingest"] = time.perf_counter() - start
    # group_stories, stage by stage: the events, then the storyline fold timed alone.
    ready = prepare_articles(corpus.articles, config=config, progress=progress, workers=2)
    begin = time.perf_counter()
    events = cluster_stories(ready.articles, duplicates=ready.duplicates, config=config.stories, terms=ready.terms)
    middle = time.perf_counter()
    lines, line_of = build_storylines(events, ready.articles, config=config.stories)
    stamps["storylines"] = time.perf_counter() - middle
    stamps["clustering"] = time.perf_counter() - begin
    batch = StoryBatch(ready.articles, ready.duplicates, largest_newest_first(events), lines, line_of)
    begin = time.perf_counter()
    shown = by_storyline([s for s in batch.stories if len(s.articles) >= min_articles], batch.storylines)
    entries = story_reports(batch, config=config, with_facts=with_facts, workers=2, stories=shown,
                            facts_min_articles=facts_min_articles, progress=progress)
    with Path(os.devnull).open("w", encoding="utf-8") as sink:
        for chunk in stories_json(entries, corpus.errors, batch.storylines):
            sink.write(chunk)
    stamps["reports"] = time.perf_counter() - begin
    stamps["total"] = time.perf_counter() - start
    stamps["articles"] = len(corpus.articles)
    stamps["stories"] = len(batch.stories)
    stamps["multi"] = sum(1 for s in batch.stories if len(s.articles) > 1)
    stamps["links"] = len(batch.duplicates)
    stamps["reported"] = len(shown)
    stamps["lines"] = len(batch.storylines)
    usage = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    stamps["cpu"] = sum(u.ru_utime + u.ru_stime for u in usage)
    stamps["rss_main_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    stamps["rss_worker_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return stamps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", type=Path, help="ANT's articles.jsonl.gz")
    parser.add_argument("--sizes", default="1000,10000,0", help="article counts; 0 means all")
    parser.add_argument("--no-facts", action="store_true")
    parser.add_argument("--facts-min-articles", type=int, default=2,
                        help="facts for stories of at least this many articles (as `akhbar stories`)")
    parser.add_argument("--min-articles", type=int, default=1,
                        help="report only stories of at least this many articles (as `akhbar stories`)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_one(args.child, not args.no_facts, args.facts_min_articles, args.min_articles)))
        return
    if not args.data.is_file():
        sys.exit(f"{args.data}: no such file (give ANT's articles.jsonl.gz)")
    print("articles  stories  multi  storylines  reported  dup-links  ingest s  dedup s  cluster s  (of which "
          "storylines s)  reports s  total s  CPU s  art/s  RSS main MB  RSS worker MB")
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            sample = Path(tmp) / "ant.jsonl"
            write_sample(args.data, size, sample)
            command = [sys.executable, __file__, str(args.data), "--child", str(sample)]
            command += ["--no-facts"] if args.no_facts else []
            command += ["--facts-min-articles", str(args.facts_min_articles), "--min-articles", str(args.min_articles)]
            result = subprocess.run(command, capture_output=True, text=True, check=False)
            if result.returncode != 0:
                print(f"size {size}: failed\n{result.stderr[-2000:]}")
                continue
            r = json.loads(result.stdout.strip().splitlines()[-1])
            dedup = r.get("boilerplate", 0) + r.get("duplicates", 0)
            print(f"{int(r['articles']):>8}  {int(r['stories']):>7}  {int(r['multi']):>5}  {int(r['lines']):>10}  "
                  f"{int(r['reported']):>8}  {int(r['links']):>9}  {r['ingest']:>8.1f}  {dedup:>7.1f}  "
                  f"{r.get('clustering', 0):>9.1f}  {r['storylines']:>21.1f}  "
                  f"{r['reports']:>9.1f}  {r['total']:>7.1f}  {r['cpu']:>5.0f}  {r['articles'] / r['total']:>5.0f}  "
                  f"{r['rss_main_mb']:>11.0f}  "
                  f"{r['rss_worker_mb']:>13.0f}", flush=True)


if __name__ == "__main__":
    main()
