"""The stories page under load while a writer ingests: 32 concurrent readers on loopback, 0 errors wanted.

    python benchmarks/serve_under_load.py ../shared/data/ant_v21/articles.jsonl.gz \
        [--initial 1000] [--batch 100] [--readers 32] [--requests 40] [--workers 1]

A store is made from the first ``--initial`` ANT articles (`akhbar stories --db`: ingest, fold, reports
without facts). Then, at once:

- `akhbar serve --db STORE` on 127.0.0.1 (its own process, ``--workers`` processes);
- a writer process ingesting the next ANT articles, ``--batch`` at a time, each batch folded into the stories
  and their stale reports rebuilt (`akhbar stories ... --db`), until the readers are done;
- ``--readers`` threads, each sending ``--requests`` requests (a bounded loop) over what a reader does: the
  stories page, the JSON list, a search, "what changed since", the Atom feed and a story's page (without
  following a redirect to its report's job).

An error is any answer but 200 (303 to a story's report job, 308 for a merged id: also fine) or a failed
connection. Prints requests per second, latency percentiles, the answers by status, and what the writer
wrote meanwhile. Traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from ant_sample import write_sample

HOST = "127.0.0.1"  # never anything else: this tool sends load
AKHBAR = [sys.executable, "-m", "akhbar"]
OK = {200, 303, 308}
QUERIES = ("مصر", "محمد صلاح", "الانتخابات", "ترامب", "النفط", "كأس العالم")
SERVE_CONFIG = "[serve]\nmax_pending_jobs = 512\n"  # story pages may start report jobs: none refused here


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def get(url: str) -> tuple[int, bytes]:
    request = urllib.request.Request(url)
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:  # type: ignore[override]
        return None


def start_server(db: Path, port: int, workers: int, config: Path) -> subprocess.Popen[bytes]:
    server = subprocess.Popen([*AKHBAR, "serve", "--db", str(db), "--port", str(port), "--workers", str(workers),
                               "--config", str(config)], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if get(f"http://{HOST}:{port}/healthz")[0] == 200:
                return server
        except OSError:
            time.sleep(0.2)
        if server.poll() is not None:
            raise SystemExit(f"the server did not start: {server.stderr.read().decode()}")  # type: ignore[union-attr]
    raise SystemExit("the server did not start in 120 s")


def writer_loop(data: Path, db: Path, start: int, batch: int, stop_file: Path,  # noqa: PLR0917
                report: Path) -> None:
    """The writer process: batches of the next ANT articles into the store until ``stop_file`` exists."""
    import gzip

    work = Path(tempfile.mkdtemp(prefix="akhbar-writer-"))
    written = batches = 0
    started = time.monotonic()
    with gzip.open(data, "rt", encoding="utf-8") as source:
        for _ in range(start):
            source.readline()
        while not stop_file.exists():
            lines = [source.readline() for _ in range(batch)]
            lines = [line for line in lines if line]
            if not lines:
                break
            chunk = work / f"batch{batches}.jsonl"
            with chunk.open("w", encoding="utf-8") as out:
                for line in lines:
                    record = json.loads(line)
                    record["date"] = record.pop("time", None)
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
            done = subprocess.run([*AKHBAR, "stories", str(chunk), "--db", str(db), "--no-facts",
                                   "--min-articles", "1", "--out", os.devnull],
                                  capture_output=True, text=True, check=False)
            if done.returncode not in {0, 4}:
                raise SystemExit(f"writer failed: {done.stderr[-2000:]}")
            written += len(lines)
            batches += 1
    report.write_text(json.dumps({"articles": written, "batches": batches,
                                  "seconds": time.monotonic() - started}), encoding="utf-8")


def reader(base: str, requests: int, seed: int, story_ids: list[str], since: int,  # noqa: PLR0917
           out: list[tuple[str, int, float]]) -> None:
    chooser = random.Random(seed)
    for number in range(requests):
        kind = ("page", "list", "search", "since", "atom", "story")[number % 6]
        if kind == "page":
            path = "/stories"
        elif kind == "list":
            path = "/api/stories?limit=50"
        elif kind == "search":
            path = "/api/stories?q=" + urllib.parse.quote(chooser.choice(QUERIES))
        elif kind == "since":
            path = f"/api/stories?since={since}"
        elif kind == "atom":
            path = "/stories.atom"
        else:
            path = "/stories/" + urllib.parse.quote(chooser.choice(story_ids), safe="")
        started = time.perf_counter()
        try:
            status, body = get(base + path)
        except OSError:
            status, body = 0, b""
        out.append((kind, status, time.perf_counter() - started))
        if kind == "since" and status == 200:
            since = json.loads(body)["last_change"]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", type=Path)
    parser.add_argument("--initial", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--readers", type=int, default=32)
    parser.add_argument("--requests", type=int, default=40, help="requests per reader (a bounded loop)")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--writer", nargs=5, metavar=("DB", "START", "BATCH", "STOP", "REPORT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.writer:
        db, start, batch, stop, report = args.writer
        writer_loop(args.data, Path(db), int(start), int(batch), Path(stop), Path(report))
        return

    work = Path(tempfile.mkdtemp(prefix="akhbar-load-"))
    db, sample = work / "store.db", work / "initial.jsonl"
    write_sample(args.data, args.initial, sample)
    started = time.monotonic()
    subprocess.run([*AKHBAR, "stories", str(sample), "--db", str(db), "--no-facts", "--min-articles", "1",
                    "--out", os.devnull], check=False, capture_output=True)
    print(f"store of {args.initial} articles made in {time.monotonic() - started:.1f} s")
    config = work / "serve.toml"
    config.write_text(SERVE_CONFIG, encoding="utf-8")
    port = free_port()
    base = f"http://{HOST}:{port}"
    server = start_server(db, port, args.workers, config)
    stop, report = work / "stop", work / "writer.json"
    writer = subprocess.Popen([sys.executable, __file__, str(args.data), "--writer", str(db), str(args.initial),
                               str(args.batch), str(stop), str(report)])
    try:
        results, wall = read_under_load(base, args.readers, args.requests)
    finally:
        stop.touch()
        writer.wait(timeout=600)
        server.terminate()
        server.wait(timeout=60)
    summarize(results, wall, args, report)


def read_under_load(base: str, readers: int, requests: int) -> tuple[list[tuple[str, int, float]], float]:
    """Every reader's requests (kind, status, seconds) and the wall seconds they took together."""
    listed = json.loads(get(base + "/api/stories?order=largest&limit=200")[1])
    story_ids = [s["id"] for s in listed["stories"]] or ["none"]
    time.sleep(2)  # the writer's first batch under way
    results: list[tuple[str, int, float]] = []
    threads = [threading.Thread(target=reader, args=(base, requests, n, story_ids, listed["last_change"], results))
               for n in range(readers)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - began


def summarize(results: list[tuple[str, int, float]], wall: float, args: argparse.Namespace, report: Path) -> None:
    latencies = [seconds * 1000 for _, _, seconds in results]
    statuses = Counter(status for _, status, _ in results)
    errors = sum(count for status, count in statuses.items() if status not in OK)
    wrote = json.loads(report.read_text(encoding="utf-8")) if report.exists() else {}
    print(f"{args.readers} readers x {args.requests} requests on {HOST} ({args.workers} server process(es)), "
          f"a writer ingesting {args.batch} articles a batch meanwhile")
    print(f"requests: {len(results)} in {wall:.1f} s = {len(results) / wall:.1f} requests/s")
    print(f"latency ms: p50 {percentile(latencies, 0.5):.0f}, p90 {percentile(latencies, 0.9):.0f}, "
          f"p99 {percentile(latencies, 0.99):.0f}, max {max(latencies):.0f}, mean {statistics.fmean(latencies):.0f}")
    for kind in ("page", "list", "search", "since", "atom", "story"):
        own = [seconds * 1000 for k, _, seconds in results if k == kind]
        print(f"  {kind:7s} n={len(own):4d} p50 {percentile(own, 0.5):6.0f} p99 {percentile(own, 0.99):6.0f} ms")
    print(f"answers by status: {dict(sorted(statuses.items()))}; errors: {errors}")
    print(f"writer meanwhile: {wrote.get('articles', 0)} articles in {wrote.get('batches', 0)} batches "
          f"({wrote.get('seconds', 0):.0f} s)")
    if errors:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
