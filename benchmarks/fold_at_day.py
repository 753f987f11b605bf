"""One day's poll folded into a store that holds every ANT article before that day: the story fold and the
storyline fold timed, to compare an early day with a late one (is the fold's cost per article flat as the
archive grows?) and one checkout with another on the same stores.

    python benchmarks/fold_at_day.py ../shared/data/ant_v21/articles.jsonl.gz 2018-03-11 --keep early.db
    python benchmarks/fold_at_day.py ../shared/data/ant_v21/articles.jsonl.gz 2018-09-06 --keep late.db

The store is made once (``--keep``: reused when the file exists): every dated article before DAY ingested,
then one fold of them and one storyline fold (as `akhbar stories --db` does, without reports; minutes for
the late day). Then, ``--runs`` times, on a fresh copy of it: DAY's articles ingested (untimed), the
incremental story fold (`update_stories`) and storyline fold (`update_storylines`) timed; the best run is
printed, per poll and per article. ``--profile FILE``: cProfile of one more run after the timed ones
(not counted; the process's one-time loads are done by then).
"""

from __future__ import annotations

import argparse
import cProfile
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from akhbar.config import load_config  # noqa: E402
from akhbar.eval.stories import ant_documents  # noqa: E402
from akhbar.records import Article  # noqa: E402
from akhbar.store import Store  # noqa: E402
from akhbar.store.loader import ingest_into  # noqa: E402
from akhbar.store.storylines import update_storylines  # noqa: E402
from akhbar.store.update import update_stories  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", type=Path, help="ANT's articles.jsonl.gz")
    parser.add_argument("day", help="the polled day, YYYY-MM-DD")
    parser.add_argument("--keep", type=Path, help="the store of the days before (made if missing)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", type=Path, help="write a cProfile of the first run here")
    args = parser.parse_args()
    if not args.data.is_file():
        sys.exit(f"{args.data}: no such file (give ANT's articles.jsonl.gz)")
    config = load_config(None)
    documents = [d for d in ant_documents(args.data, []) if d.date is not None and d.date <= args.day]
    articles = [Article(d.id, d.text, title=d.title, date=d.date, source=d.source) for d in documents]
    before = [a for a in articles if a.date is not None and a.date < args.day]
    new = [a for a in articles if a.date == args.day]
    if not new:
        sys.exit(f"{args.day}: no ANT article that day")
    with tempfile.TemporaryDirectory() as tmp:
        archive = args.keep or Path(tmp) / "archive.db"
        if not archive.exists():
            tick = time.perf_counter()
            with Store(archive) as store:
                ingest_into(store, before, config=config)
                update_stories(store, config=config)
                update_storylines(store, config=config)
            print(f"store of {len(before)} articles made in {time.perf_counter() - tick:.1f} s", flush=True)
        best: tuple[float, float] | None = None
        for run in range(args.runs + (args.profile is not None)):
            copy = Path(tmp) / f"copy{run}.db"
            shutil.copy(archive, copy)
            with Store(copy) as store:
                ingest_into(store, new, config=config)
                profile = cProfile.Profile() if args.profile is not None and run == args.runs else None
                if profile is not None:
                    profile.enable()
                tick = time.perf_counter()
                update_stories(store, config=config)
                fold = time.perf_counter() - tick
                tick = time.perf_counter()
                update_storylines(store, config=config)
                lines = time.perf_counter() - tick
                if profile is not None:
                    profile.disable()
                    profile.dump_stats(str(args.profile))
            copy.unlink()
            print(f"  run {run}{' (profiled)' if profile else ''}: fold {fold:.3f} s, storylines {lines:.3f} s",
                  flush=True)
            if profile is None:
                best = (fold, lines) if best is None else (min(best[0], fold), min(best[1], lines))
    assert best is not None
    print(f"{args.day}: {len(new)} articles into a store of {len(before)}: fold {best[0]:.3f} s "
          f"({1000 * best[0] / len(new):.1f} ms per article), storylines {best[1]:.3f} s "
          f"({1000 * best[1] / len(new):.1f} ms per article), best of {args.runs}")


if __name__ == "__main__":
    main()
