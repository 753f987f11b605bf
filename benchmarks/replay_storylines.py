"""Replay ANT days into a store, one poll per publication day (stories, then storylines, as the watcher
does), and compare the store's storylines with the batch's (`group_stories`, the library path of
`akhbar stories`) on the same articles.

    python benchmarks/replay_storylines.py ../shared/data/ant_v21/articles.jsonl.gz \
        --since 2018-03-01 --until 2018-03-15

Prints, for events and storylines (each a partition of the articles): B-cubed precision, recall and F1 of
the replay against the batch; the storylines whose id and stories are the batch's; and the seconds of the
storyline folds per poll against one batch fold.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import tempfile
import time
from collections import defaultdict
from email.utils import parsedate_to_datetime
from pathlib import Path


def read(path: Path, since: str, until: str, limit: int) -> list:
    from akhbar.records import Article

    found = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            r = json.loads(line)
            try:
                day = parsedate_to_datetime(r.get("time") or "").date().isoformat()
            except (TypeError, ValueError):
                continue
            if since <= day < until:
                found.append(Article(r["id"], r["text"], title=r.get("title"), date=day, source=r.get("source")))
    return found[:limit] if limit else found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", type=Path)
    parser.add_argument("--since", default="2018-03-01")
    parser.add_argument("--until", default="2018-03-15")
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()

    from akhbar.config import load_config
    from akhbar.eval.bcubed import bcubed
    from akhbar.store import Store
    from akhbar.store.loader import ingest_into
    from akhbar.store.storylines import stored_storylines, update_storylines
    from akhbar.store.update import update_stories
    from akhbar.stories.build import group_stories

    config = load_config()
    articles = read(args.data, args.since, args.until, args.limit)
    days: dict[str, list] = defaultdict(list)
    for a in articles:
        days[a.date].append(a)
    line_seconds = []
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "replay.db") as store:
        for day in sorted(days):
            ingest_into(store, days[day], config=config)
            update_stories(store, config=config)
            started = time.perf_counter()
            update_storylines(store, config=config)
            line_seconds.append(time.perf_counter() - started)
        members = store.story_members()
        kept = {line.id: line.stories for line in stored_storylines(store)}
    started = time.perf_counter()
    batch = group_stories(articles, config=config)
    batch_seconds = time.perf_counter() - started
    story_of = {a: s for s, held in members.items() for a in held}
    line_of = {a: line for line, stories in kept.items() for s in stories for a in members.get(s, ())}
    gold_story = {a: s.id for s in batch.stories for a in s.articles}
    gold_line = {a: batch.storyline_of[s.id] for s in batch.stories for a in s.articles}
    print(f"{len(articles)} articles, {len(days)} days ({args.since} .. {args.until}), "
          f"{len(batch.stories)} batch events, {len(batch.storylines)} batch storylines")
    for name, found, gold in (("events", story_of, gold_story), ("storylines", line_of, gold_line)):
        s = bcubed(found, gold)
        print(f"{name}: replay vs batch B-cubed P {s.precision:.4f} R {s.recall:.4f} F1 {s.f1:.4f}")
    batch_lines = {line.id: line.stories for line in batch.storylines}
    same = sum(1 for line_id, stories in batch_lines.items() if kept.get(line_id) == stories)
    print(f"storylines with the batch's id and stories: {same} of {len(batch_lines)} (store holds {len(kept)})")
    print(f"storyline fold per poll: mean {statistics.mean(line_seconds):.3f} s, max {max(line_seconds):.3f} s; "
          f"the whole batch (events and storylines) {batch_seconds:.1f} s")


if __name__ == "__main__":
    main()
