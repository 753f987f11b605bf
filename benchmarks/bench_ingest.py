"""Scale of `akhbar ingest`: the first 1k, 10k and all 31.5k ANT articles into an empty store.

    python benchmarks/bench_ingest.py ../shared/data/ant_v21/articles.jsonl.gz [--sizes 1000,10000,0]

Each ingest is a fresh `akhbar ingest FILE --db STORE` process (imports included): reading and noise
removal, the store's writes, sketches, duplicate links against everything stored and boilerplate
counts. Prints wall and CPU seconds, articles per CPU second and the peak RSS of that process, then
the same command again on the same file (idempotent: nothing new; its time is what every later
ingest pays to read its input and load the store's sketches), and the links found, exact and near.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ant_sample import write_sample


def measure(command: list[str]) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds (user + system), peak resident memory (MiB) and stderr of one child
    process. On a shared machine the CPU seconds move less than the wall time."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        errors.seek(0)
        text = errors.read().decode("utf-8", errors="replace")
    code = os.waitstatus_to_exitcode(status)
    if code not in {0, 4}:  # 4: done, some inputs were repaired or skipped (ANT has a few control characters)
        raise SystemExit(f"failed ({code}): {' '.join(command)}\n{text[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, text


def links(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        found = dict(conn.execute("SELECT kind, COUNT(*) FROM duplicates GROUP BY kind").fetchall())
        found["articles"] = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", type=Path, help="ANT's articles.jsonl.gz")
    parser.add_argument("--sizes", default="1000,10000,0", help="article counts; 0 means all")
    args = parser.parse_args()
    if not args.data.is_file():
        sys.exit(f"{args.data}: no such file (give ANT's articles.jsonl.gz)")
    print("articles  ingest s  CPU s  art/CPU s  RSS MiB  again s  again CPU s  again RSS MiB  exact links  "
          "near links  store MiB")
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            sample, db = Path(tmp) / "ant.jsonl", Path(tmp) / "store.db"
            n = write_sample(args.data, size, sample)
            command = [sys.executable, "-m", "akhbar", "ingest", str(sample), "--db", str(db)]
            wall, cpu, rss, _ = measure(command)
            again, again_cpu, again_rss, summary = measure(command)
            if f"new 0, unchanged {n}" not in summary:
                raise SystemExit(f"the second ingest was not idempotent: {summary}")
            found = links(db)
            size_mib = sum(p.stat().st_size for p in Path(tmp).glob("store.db*")) / 2**20
            print(f"{found['articles']:>8}  {wall:>8.1f}  {cpu:>5.1f}  {n / cpu:>9.0f}  {rss:>7.0f}  {again:>7.1f}  "
                  f"{again_cpu:>11.1f}  {again_rss:>13.0f}  {found.get('exact', 0):>11}  {found.get('near', 0):>10}  "
                  f"{size_mib:>9.0f}", flush=True)


if __name__ == "__main__":
    main()
