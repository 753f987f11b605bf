"""One poll of 100 new articles into a store that holds the whole archive: stories and their reports updated.

    python benchmarks/poll_100.py ../shared/data/ant_v21/articles.jsonl.gz [--keep STORE.db] [--new 100]

The store is made from every ANT article but the newest ``--new`` (time order): ingested, then its stories
folded (with ``--keep`` an existing file is reused when it already holds them). The reports of its stories
are not built first (that is `akhbar stories --db` on the archive, benchmarks/store_scale.py): the poll
rebuilds the reports of the stories it changed, which is what a running watcher does. Then one poll:
`ingest_into` (the duplicate index already level with the store, as a running watcher keeps it),
`update_stories` (the fold of the new articles), `refresh_reports` of the changed stories (2-process pool,
facts for stories of 2+ articles). Prints the wall seconds of each step and of the poll (target: < 10 s),
and, apart, what a freshly started watcher pays once to level its duplicate index with the store.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from ant_sample import write_sample


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", type=Path)
    parser.add_argument("--keep", type=Path, help="make (or reuse) the archive store here")
    parser.add_argument("--new", type=int, default=100)
    args = parser.parse_args()

    from akhbar.config import load_config
    from akhbar.ingest import ingest
    from akhbar.store import Store
    from akhbar.store.loader import Deduplicator, ingest_into
    from akhbar.store.update import ReportSettings, refresh_reports, update_stories

    config = load_config()
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "ant.jsonl"
        write_sample(args.data, 0, sample)
        articles = sorted(ingest([str(sample)]).articles, key=lambda a: (a.date is None, a.date or "", a.id))
        old, new = articles[: -args.new], articles[-args.new :]
        archive = args.keep or Path(tmp) / "archive.db"
        with Store(archive) as store:
            if store.counts().articles != len(old):
                began = time.perf_counter()
                ingest_into(store, old, config=config)
                update_stories(store, config=config, workers=2)
                print(f"archive store made: {len(old)} articles, {store.story_count()} stories, "
                      f"{time.perf_counter() - began:.1f} s", flush=True)
        work = Path(tmp) / "poll.db"
        shutil.copyfile(archive, work)
        with Store(work) as store:
            began = time.perf_counter()
            dedup = Deduplicator(config.dedup)
            dedup.level(store)
            restore = time.perf_counter() - began
            stamps = {}
            start = time.perf_counter()
            summary = ingest_into(store, new, config=config, dedup=dedup)
            stamps["ingest"] = time.perf_counter() - start
            mark = time.perf_counter()
            done = update_stories(store, config=config, workers=2)
            stamps["fold"] = time.perf_counter() - mark
            mark = time.perf_counter()
            built = refresh_reports(store, config=config, settings=ReportSettings(facts_min_articles=2), workers=2,
                                    ids=done.changed)
            stamps["reports"] = time.perf_counter() - mark
            total = time.perf_counter() - start
    print(f"poll of {summary.new} new articles ({new[0].date} .. {new[-1].date}) into {len(old)}: "
          f"{done.created} stories opened, {done.grown} changed, {done.merged} merged; {built} reports rebuilt")
    print("  " + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in stamps.items()) + f"; poll {total:.2f} s "
          f"({'under' if total < 10 else 'OVER'} the 10 s target)")
    print(f"a watcher started afresh first levels its duplicate index with the store: {restore:.2f} s, once")


if __name__ == "__main__":
    main()
