"""Process wall time and peak memory of `akhbar summarize` next to sumy's LexRank, same input, same run.

Inputs: the bundled seeds, and clusters of ~250 / 1,000 / 4,000 sentences made of the first
`middleEast` articles of ANT v2.1 (one .txt file per article, written to a temporary folder).

Usage: python benchmarks/bench_summarize.py [--ant ../shared/data/ant_v21/articles.jsonl.gz]
       [--sizes 250,1000,4000] [--repeat 3] [--peer-max 1000]
Each figure is the median over --repeat runs of a fresh process (imports included).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from akhbar.cli import example_dir
from akhbar.text.segment import sentence_spans

HERE = Path(__file__).resolve().parent


def measure(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MiB) of one child process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        error = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"failed ({status}): {' '.join(command)}\n{error}")
    return wall, usage.ru_maxrss / 1024


def build_cluster(ant: Path, target: int, folder: Path) -> int:
    """Write the first middleEast articles until they hold ``target`` sentences; return the count."""
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    with gzip.open(ant, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record.get("category") != "middleEast":
                continue
            text = record["text"]
            (folder / f"{record['id']}.txt").write_text(text, encoding="utf-8")
            total += len(sentence_spans(text))
            if total >= target:
                break
    return total


def run(label: str, folder: Path, sentences: int, repeat: int, table: Table, *, with_peer: bool = True) -> None:
    akhbar = [sys.executable, "-m", "akhbar", "summarize", str(folder), "-f", "json", "--no-facts", "-o", os.devnull]
    full = [sys.executable, "-m", "akhbar", "summarize", str(folder), "-f", "json", "-o", os.devnull]
    sumy = [sys.executable, str(HERE / "sumy_lexrank.py"), str(folder)]
    commands = [("akhbar", akhbar), ("akhbar+facts", full)] + ([("sumy", sumy)] if with_peer else [])
    runs = {name: [measure(cmd) for _ in range(repeat)] for name, cmd in commands}
    med = {name: (statistics.median(w for w, _ in r), max(m for _, m in r)) for name, r in runs.items()}
    peer = (f"{med['sumy'][0]:.2f}", f"{med['sumy'][1]:.0f}", f"{med['sumy'][0] / med['akhbar'][0]:.1f}x") \
        if with_peer else ("skipped", "", "")
    table.add_row(
        label, str(sentences),
        f"{med['akhbar'][0]:.2f}", f"{med['akhbar'][1]:.0f}",
        f"{med['akhbar+facts'][0]:.2f}", f"{med['akhbar+facts'][1]:.0f}",
        *peer,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ant", type=Path, help="ANT v2.1 articles.jsonl.gz (clusters are skipped without it)")
    parser.add_argument("--sizes", default="250,1000,4000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--peer-max", type=int, default=1000,
                        help="run sumy only up to this many sentences (its O(n^2) loop takes ~10 min at 4,000)")
    args = parser.parse_args()
    table = Table(title="akhbar summarize vs sumy LexRank (process wall s, peak RSS MiB; median of runs)")
    for column in ("input", "sentences", "akhbar s", "akhbar MiB", "+facts s", "+facts MiB", "sumy s",
                   "sumy MiB", "sumy/akhbar"):
        table.add_column(column, justify="right")
    seeds = example_dir()
    seed_sentences = sum(len(sentence_spans(p.read_text(encoding="utf-8"))) for p in seeds.glob("*.txt"))
    run("seeds", seeds, seed_sentences, args.repeat, table)
    if args.ant:
        with tempfile.TemporaryDirectory() as tmp:
            for size in (int(s) for s in args.sizes.split(",")):
                folder = Path(tmp) / str(size)
                count = build_cluster(args.ant, size, folder)
                run(f"ANT middleEast {size}", folder, count, args.repeat, table, with_peer=size <= args.peer_max)
    Console().print(table)


if __name__ == "__main__":
    main()
