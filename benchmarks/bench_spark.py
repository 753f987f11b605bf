"""`akhbar spark` in local mode against the library path of `akhbar stories`, on the first N ANT articles.

For each size the script writes the first N ANT articles as JSON lines (ANT's `time` as the date), runs
`akhbar spark --master local[2]` in a child process, and samples the memory of its process tree:
the JVM (Spark's driver and, in local mode, its executor) and the Python workers beside it. It prints
the wall time, the peak memory of each and the job's own time per stage. With --library it also runs
the library path `akhbar stories` takes (ingest -> group_stories -> story_reports, 2 workers) in a child
process on the same file. Last, a linear fit of each stage's time extrapolates to 10M articles on N
executors: an estimate, stated as one.

Usage: python benchmarks/bench_spark.py ../shared/data/ant_v21/articles.jsonl.gz
       [--sizes 3000,10000,31523] [--library 31523] [--no-facts] [--out-json results.json]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
from ant_sample import write_sample
from rich.console import Console
from rich.table import Table

LIBRARY = """
import json, sys, time
from akhbar.config import load_config
from akhbar.ingest import ingest
from akhbar.stories.build import group_stories, story_reports
config, with_facts, seconds = load_config(), sys.argv[2] == "facts", {}
start = time.perf_counter()
articles = ingest([sys.argv[1]]).articles
seconds["ingest"] = time.perf_counter() - start; start = time.perf_counter()
batch = group_stories(articles, config=config, workers=2)
seconds["group"] = time.perf_counter() - start; start = time.perf_counter()
count = sum(1 for _ in story_reports(batch, config=config, with_facts=with_facts, workers=2, facts_min_articles=2))
seconds["reports"] = time.perf_counter() - start
print(json.dumps({"stories": count, "seconds": seconds}))
"""


def _tree_rss(root: int) -> dict[str, int]:
    """Resident KiB of the process tree under ``root``, split into the JVM and the Python processes."""
    children: dict[int, list[int]] = {}
    names: dict[int, str] = {}
    rss: dict[int, int] = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
        except OSError:
            continue
        pid = int(status.parent.name)
        names[pid] = fields.get("Name", "").strip()
        rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0])
        children.setdefault(int(fields.get("PPid", "0")), []).append(pid)
    totals = {"jvm": 0, "python": 0}
    stack = [root]
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, []))
        totals["jvm" if names.get(pid) == "java" else "python"] += rss.get(pid, 0)
    return totals


def run_measured(command: list[str]) -> tuple[float, dict[str, float], str]:
    """Wall seconds, peak MiB of the JVM, of the Python processes and of both, and the last stdout line."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peaks = {"jvm": 0.0, "python": 0.0, "total": 0.0}

    def sample() -> None:
        while process.poll() is None:
            now = _tree_rss(process.pid)
            peaks["jvm"] = max(peaks["jvm"], now["jvm"] / 1024)
            peaks["python"] = max(peaks["python"], now["python"] / 1024)
            peaks["total"] = max(peaks["total"], (now["jvm"] + now["python"]) / 1024)
            time.sleep(0.5)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, errors = process.communicate()
    sampler.join()
    if process.returncode != 0:
        sys.exit(f"{' '.join(command[:4])} failed:\n{errors[-3000:]}")
    return time.perf_counter() - start, peaks, out.strip().splitlines()[-1]


def extrapolate(sizes: list[int], stage_seconds: list[dict[str, float]], *, target: int,
                executors: tuple[int, ...], cores: int) -> dict[str, dict[int, float]]:
    """Per stage: a + b*n fitted on the measured sizes, the per-article part spread over executors*cores.

    The measured run had 2 cores, so b*n*2 is the core-seconds of the per-article work; the fixed part
    (job start, small shuffles) is kept whole. Shuffles are assumed to scale like the rest: an estimate.
    """
    result = {}
    for stage in stage_seconds[0]:
        times = [seconds[stage] for seconds in stage_seconds]
        slope, fixed = np.polyfit(sizes, times, 1) if len(sizes) > 1 else (times[0] / sizes[0], 0.0)
        result[stage] = {n: max(fixed, 0.0) + max(slope, 0.0) * target * 2 / (n * cores) for n in executors}
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("ant", type=Path, help="ANT v2.1 articles.jsonl.gz")
    parser.add_argument("--sizes", default="3000,10000,31523")
    parser.add_argument("--library", type=int, default=0, help="also run the library path at this size")
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--no-facts", action="store_true")
    parser.add_argument("--out-json", type=Path)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    console, results = Console(), {"spark": [], "library": None}
    facts = [] if not args.no_facts else ["--no-facts"]
    with tempfile.TemporaryDirectory(prefix="akhbar-bench-spark-") as tmp:
        for size in sizes:
            sample = Path(tmp) / f"ant-{size}.jsonl"
            write_sample(args.ant, size, sample)
            command = [sys.executable, "-m", "akhbar", "spark", str(sample), "--out", f"{tmp}/out-{size}",
                       "--master", args.master, *facts]
            wall, peaks, last = run_measured(command)
            job = json.loads(last)
            results["spark"].append({"size": size, "wall": wall, "peak_mib": peaks, **job})
            console.print(f"spark {size}: {wall:.0f} s, peaks {peaks}, stages {job['seconds']}, {job['counts']}")
        if args.library:
            sample = Path(tmp) / f"ant-{args.library}.jsonl"
            write_sample(args.ant, args.library, sample)
            mode = "no-facts" if args.no_facts else "facts"
            wall, peaks, last = run_measured([sys.executable, "-c", LIBRARY, str(sample), mode])
            results["library"] = {"size": args.library, "wall": wall, "peak_mib": peaks, **json.loads(last)}
            console.print(f"library {args.library}: {wall:.0f} s, peaks {peaks}, {json.loads(last)}")
    _print_tables(console, results, sizes)
    if args.out_json:
        args.out_json.write_text(json.dumps(results, indent=2), encoding="utf-8")


def _print_tables(console: Console, results: dict, sizes: list[int]) -> None:
    table = Table(title="akhbar spark, local mode (seconds; peak MiB)")
    stages = list(results["spark"][0]["seconds"])
    for column in ["articles", "wall s", *[f"{s} s" for s in stages], "JVM MiB", "Python MiB", "stories"]:
        table.add_column(column, justify="right")
    for row in results["spark"]:
        table.add_row(f"{row['size']:,}", f"{row['wall']:.0f}", *[f"{row['seconds'][s]:.0f}" for s in stages],
                      f"{row['peak_mib']['jvm']:.0f}", f"{row['peak_mib']['python']:.0f}",
                      f"{row['counts']['stories']:,}")
    library = results["library"]
    if library:
        table.add_row(f"library {library['size']:,}", f"{library['wall']:.0f}", *["" for _ in stages], "",
                      f"{library['peak_mib']['python']:.0f}", f"{library['stories']:,}")
    console.print(table)
    if len(sizes) < 2:
        return
    executors = (10, 50, 200)
    estimate = extrapolate(sizes, [row["seconds"] for row in results["spark"]], target=10_000_000,
                           executors=executors, cores=4)
    fit = Table(title="ESTIMATE: 10M articles on N executors of 4 cores (linear fit of the measured stage times)")
    fit.add_column("stage")
    for n in executors:
        fit.add_column(f"N={n} min", justify="right")
    for stage, by_n in estimate.items():
        fit.add_row(stage, *[f"{by_n[n] / 60:.0f}" for n in executors])
    fit.add_row("all", *[f"{sum(by_n[n] for by_n in estimate.values()) / 60:.0f}" for n in executors])
    console.print(fit)


if __name__ == "__main__":
    main()
