"""One poll of 100 new articles into a store that holds the whole archive: stories and their reports updated.

    python benchmarks/poll_100.py ../shared/data/ant_v21/articles.jsonl.gz [--keep STORE.db] [--new 100] [--workers 2]
        [--cold | --both]

The store is made from every ANT article but the newest ``--new`` (time order): ingested, then its stories
folded (with ``--keep`` an existing file is reused when it already holds them). A running watcher has the
reports of its stories current, and with them each article's cached report parts (akhbar/store/report_parts.py):
so, before the poll, the reports of the stories the poll will change (found by a trial poll on a scratch
copy) are built as they stood before it (all the archive's reports would be `akhbar stories --db`, minutes;
benchmarks/store_scale.py). ``--cold`` leaves them out: a watcher whose store has no cached parts. Then one poll:
`ingest_into` (the duplicate index already level with the store, as a running watcher keeps it),
then the watcher's story step (akhbar/watch/stories.py, ``--workers`` processes, facts in every report; its
report server, started with the step as a watcher starts it, has loaded its tables before the poll):
the fold of the new articles, the reports of the smallest changed stories within the step's budget (and,
beside them, as many larger stories as workers: `StoryKeeper.spare`), and
after the poll (`catch_up`, as the watcher runs it while no poll waits) the reports of the larger ones (a
story of `report_pool.SPLIT_FROM` articles or more as two tasks at once, its summary and its facts).
Prints the wall seconds of each step and three times from the poll's start: the articles placed and the
story list current (ingest + fold), the poll done (+ the budgeted reports; target: < 10 s) and every
report current (+ the deferred ones); and, apart, what a freshly started watcher pays once to level its
duplicate index with the store.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from ant_sample import write_sample


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", type=Path)
    parser.add_argument("--keep", type=Path, help="make (or reuse) the archive store here")
    parser.add_argument("--new", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2, help="processes of the story step (default 2)")
    parser.add_argument("--cold", action="store_true",
                        help="no reports (nor cached parts) of the changed stories before the poll")
    parser.add_argument("--both", action="store_true", help="the cold poll, then the warm one")
    args = parser.parse_args()

    from akhbar.config import load_config
    from akhbar.ingest import ingest
    from akhbar.store import Store
    from akhbar.store.loader import ingest_into
    from akhbar.store.update import update_stories

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
        modes = [True, False] if args.both else [args.cold]
        for cold in modes:
            if not cold:
                warm(archive, work, new, config, workers=args.workers)
            one_poll(archive, work, new, len(old), config, workers=args.workers, cold=cold)


def one_poll(archive: Path, work: Path, new: list[Any], archived: int, config: Any, *, workers: int,
             cold: bool) -> None:
    """The poll on a copy of ``archive``, timed and told (``cold``: without any report or cached part)."""
    from akhbar.store import Store
    from akhbar.store.loader import Deduplicator, ingest_into
    from akhbar.store.update import refresh_reports, refresh_reports_left, update_stories
    from akhbar.watch.stories import keep_stories_current

    shutil.copyfile(archive, work)
    with Store(work) as store:
        if cold:  # a --keep file warmed by an earlier run: as if it had never been
            store.clear_reports()
            store.clear_report_parts()
        began = time.perf_counter()
        dedup = Deduplicator(config.dedup)
        dedup.level(store)
        restore = time.perf_counter() - began
        # A watcher makes its story step when it starts, and its report server loads the tables while the
        # first poll fetches (seconds): ready before the poll's articles are stored.
        keeper = keep_stories_current(config, workers=workers)
        server_ready(keeper.start_method)
        stamps = {}
        start = time.perf_counter()
        summary = ingest_into(store, new, config=config, dedup=dedup)
        stamps["ingest"] = time.perf_counter() - start
        mark = time.perf_counter()
        done = update_stories(store, config=config, workers=workers)
        stamps["fold"] = time.perf_counter() - mark
        placed = time.perf_counter() - start
        mark = time.perf_counter()
        stale = len(done.changed)
        built, _ = refresh_reports_left(store, config=config, settings=keeper.settings, workers=workers,
                                        ids=done.changed, budget=keeper.budget, start_method=keeper.start_method,
                                        spare=keeper.spare)
        stamps["reports in the poll"] = time.perf_counter() - mark
        total = time.perf_counter() - start
        changed = set(done.changed)
        sizes = sorted(size for story, _, size in store.stale_report_sizes() if story in changed)
        mark = time.perf_counter()
        # What the watcher's catch_up does right after the poll, here for the changed stories only (the
        # archive's other stories have no reports here; a running watcher's are current).
        caught = refresh_reports(store, config=config, settings=keeper.settings, workers=workers,
                                 ids=done.changed, start_method=keeper.start_method)
        stamps["deferred reports"] = time.perf_counter() - mark
        current = time.perf_counter() - start
        left = len([story for story, _ in store.stale_reports() if story in changed])
    print(f"{'COLD (no cached reports nor parts)' if cold else 'WARM (as a running watcher)'}: "
          f"poll of {summary.new} new articles ({new[0].date} .. {new[-1].date}) into {archived}: "
          f"{done.created} stories opened, {done.grown} changed, {done.merged} merged; {stale} reports stale, "
          f"{built} rebuilt in the poll, {len(sizes)} deferred (stories of {sizes} articles), {caught} after it")
    print("  " + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in stamps.items()))
    print(f"  articles placed, story list current: {placed:.2f} s; poll done (budgeted reports): {total:.2f} s "
          f"({'under' if total < 10 else 'OVER'} the 10 s target); every report current: {current:.2f} s "
          f"({'under' if current < 10 else 'OVER'} 10 s){'' if not left else f' ({left} still stale)'}")
    print(f"  a watcher started afresh first levels its duplicate index with the store: {restore:.2f} s, once",
          flush=True)


def _nothing(_: int) -> None:
    return None


def server_ready(start_method: str | None) -> None:
    """Wait until the report server (a watcher's, see akhbar.store.report_pool) has its tables loaded."""
    if start_method == "forkserver":
        import multiprocessing

        with multiprocessing.get_context("forkserver").Pool(1) as pool:
            pool.map(_nothing, [0])


def warm(archive: Path, scratch: Path, new: list[Any], config: Any, *, workers: int) -> None:
    """Build in ``archive`` the reports (and so the cached parts) of the stories the poll will change, as
    they stand before it: what a running watcher's store holds. Done once per ``--keep`` file."""
    from akhbar.store import Store
    from akhbar.store.loader import ingest_into
    from akhbar.store.update import refresh_reports, update_stories
    from akhbar.watch.stories import keep_stories_current

    key = f"poll_100_warm:{len(new)}:{new[0].id}"
    with Store(archive) as store:
        if store.setting(key) == "1":
            return
    shutil.copyfile(archive, scratch)
    with Store(scratch) as store:
        ingest_into(store, new, config=config)
        changed = update_stories(store, config=config, workers=workers).changed
    scratch.unlink()
    began = time.perf_counter()
    keeper = keep_stories_current(config, workers=workers)
    with Store(archive) as store:
        live = [story for story in changed if store.story(story) is not None]
        built = refresh_reports(store, config=config, settings=keeper.settings, workers=workers, ids=live,
                                start_method=keeper.start_method)
        store.put_setting(key, "1")
    print(f"before the poll, as a running watcher has them: the reports of the {built} stories it will "
          f"change, built in {time.perf_counter() - began:.1f} s (once per --keep file)", flush=True)


if __name__ == "__main__":
    main()
