"""`akhbar spark` against one machine (`akhbar stories`' library path) on the first N ANT articles, with
Spark's default 30-day window: how many stories and storylines are the same.

    python benchmarks/spark_parity.py ../shared/data/ant_v21/articles.jsonl.gz --sizes 300,1000

For each size: the stories (members, title, dates, outlets) equal on both sides, the articles placed
apart (B-cubed of Spark's stories against the library's), and the same for storylines (id, stories,
title, dates, outlets, size). Reports (summaries, facts) are left out: `tests/spark` compares them.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from ant_sample import write_sample


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", type=Path)
    parser.add_argument("--sizes", default="300,1000")
    args = parser.parse_args()

    import pandas as pd

    from akhbar.config import load_config
    from akhbar.eval.bcubed import bcubed
    from akhbar.ingest import ingest
    from akhbar.spark.inputs import spark_session
    from akhbar.spark.job import JobSettings, run_job
    from akhbar.stories.build import group_stories

    config = load_config()
    spark = spark_session("local[2]", app_name="akhbar-parity", shuffle_partitions=4)
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            with tempfile.TemporaryDirectory() as tmp:
                source = Path(tmp) / "ant.jsonl"
                write_sample(args.data, size, source)
                run_job(spark, [str(source)], f"{tmp}/out", config=config, settings=JobSettings(with_facts=False))
                batch = group_stories(ingest([str(source)]).articles, config=config)
                found = pd.read_parquet(f"{tmp}/out/stories").to_dict("records")
                lines = pd.read_parquet(f"{tmp}/out/storylines").to_dict("records")
            mine = {s.id: (list(s.articles), s.title, s.start, s.end, list(s.outlets)) for s in batch.stories}
            theirs = {r["id"]: (list(r["articles"]), r["title"], r["start"], r["end"], list(r["outlets"]))
                      for r in found}
            same = sum(1 for key, value in mine.items() if theirs.get(key) == value)
            score = bcubed({a: r["id"] for r in found for a in r["articles"]},
                           {a: s.id for s in batch.stories for a in s.articles})
            mine_lines = {line.id: (list(line.stories), line.title, line.start, line.end, list(line.outlets),
                                    line.size) for line in batch.storylines}
            their_lines = {r["id"]: (list(r["stories"]), r["title"], r["start"], r["end"], list(r["outlets"]),
                                     int(r["size"])) for r in lines}
            same_lines = sum(1 for key, value in mine_lines.items() if their_lines.get(key) == value)
            print(f"{size} articles: stories {same} of {len(mine)} the same (Spark {len(theirs)}), "
                  f"B-cubed P {score.precision:.4f} R {score.recall:.4f}; storylines {same_lines} of "
                  f"{len(mine_lines)} the same (Spark {len(their_lines)})", flush=True)
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
