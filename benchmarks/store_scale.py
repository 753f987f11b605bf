"""Scale of `akhbar stories --db`: the first 1k, 10k and all ANT articles into a new store, then the same
command again with no paths (the stored stories shown from their cached reports).

    python benchmarks/store_scale.py ../shared/data/ant_v21/articles.jsonl.gz [--sizes 1000,10000,0] [--no-facts]

Each run is the CLI in its own process (`python -m akhbar stories SAMPLE --db NEW.db -f json -o /dev/null`):
ingest into the store, the fold from empty (the 2-process pool for the per-article work, as the file
path), every story's report in the pool (facts for stories of 2+ articles), written out. Prints wall
seconds and the peak RSS of the largest process (main or pool worker), for the first run and the rerun.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from ant_sample import write_sample


def run(command: list[str]) -> tuple[float, float]:
    """Wall seconds and the peak RSS (MB) of the largest process the command ran."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    began = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - began
    if done.returncode not in (0, 4):  # 4: some ANT records were skipped (reported), the rest done
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr[-2000:]}")
    print("   ", done.stderr.strip().splitlines()[-1], flush=True)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, (peak if peak > before else before) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", type=Path)
    parser.add_argument("--sizes", default="1000,10000,0")
    parser.add_argument("--no-facts", action="store_true")
    args = parser.parse_args()
    print("| articles | first run s | articles/s | peak RSS MB | rerun (no new articles) s | rerun RSS MB |")
    print("|---|---|---|---|---|---|")
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            sample = Path(tmp) / "ant.jsonl"
            count = write_sample(args.data, size, sample)
            db = Path(tmp) / "store.db"
            base = [sys.executable, "-m", "akhbar", "stories", "--db", str(db), "-f", "json", "-o", os.devnull,
                    *(["--no-facts"] if args.no_facts else [])]
            # Each measured in a child of its own, so each peak is its own.
            first = subprocess.run([sys.executable, __file__, "--child", *base, str(sample)], capture_output=True,
                                   text=True, check=True).stdout.split()
            again = subprocess.run([sys.executable, __file__, "--child", *base], capture_output=True, text=True,
                                   check=True).stdout.split()
            wall, rss = float(first[-2]), float(first[-1])
            print(f"| {count:,} | {wall:.1f} | {count / wall:.0f} | {rss:.0f} | {float(again[-2]):.1f} | "
                  f"{float(again[-1]):.0f} |", flush=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        seconds, peak = run(sys.argv[2:])
        print(seconds, peak)
    else:
        main()
