"""Load check of `akhbar serve`: wrk (Debian's `apt-get install wrk`) posts articles to /api/summarize.

Starts the server on 127.0.0.1 with the given number of worker processes, checks one request by hand, then
runs wrk at the given concurrency and duration and prints requests per second, p50/p99 latency and errors.
Traffic goes to 127.0.0.1 only.

    python benchmarks/load_serve.py [ARTICLES_DIR] --workers 2 --concurrency 32 --duration 30

ARTICLES_DIR holds .txt articles (default: the five bundled seed articles).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from akhbar.cli import example_dir

HOST = "127.0.0.1"  # never anything else: this tool sends load
LUA = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local file = assert(io.open(os.getenv("AKHBAR_LOAD_BODY"), "rb"))
wrk.body = file:read("*a")
file:close()
"""
_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 6e4}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def request_body(folder: Path, *, words: int | None, facts: bool) -> bytes:
    articles = [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in sorted(folder.glob("*.txt"))]
    if not articles:
        raise SystemExit(f"{folder}: no .txt article to send")
    body: dict[str, object] = {"articles": articles, "facts": facts}
    if words:
        body["words"] = words
    return json.dumps(body, ensure_ascii=False).encode()


def start_server(port: int, workers: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen([sys.executable, "-m", "akhbar", "serve", "--host", HOST, "--port", str(port),
                               "--workers", str(workers)])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/healthz", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("the server did not start within 60 s")


def check_once(port: int, body: bytes) -> float:
    request = urllib.request.Request(f"http://{HOST}:{port}/api/summarize", data=body,
                                     headers={"content-type": "application/json"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as response:
        data = json.loads(response.read())
    if not data.get("summary"):
        raise SystemExit("the server answered without a summary")
    return time.perf_counter() - started


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit]


def parse_wrk(output: str) -> dict[str, float]:
    """Requests/s, latency percentiles (ms) and error counts from wrk's --latency report."""
    figures: dict[str, float] = {"requests_per_s": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))}  # type: ignore[union-attr]
    figures["requests"] = float(re.search(r"(\d+) requests in", output).group(1))  # type: ignore[union-attr]
    for percent in ("50", "75", "90", "99"):
        found = re.search(rf"^\s+{percent}%\s+(\S+)", output, re.MULTILINE)
        if found:
            figures[f"p{percent}_ms"] = _ms(found.group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    figures["non_2xx"] = float(non_2xx.group(1)) if non_2xx else 0.0
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    figures["socket_errors"] = float(sum(int(g) for g in socket_errors.groups())) if socket_errors else 0.0
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("articles", nargs="?", type=Path, default=example_dir(), help="folder of .txt articles")
    parser.add_argument("--workers", type=int, default=2, help="server processes (default 2: one per core here)")
    parser.add_argument("--concurrency", type=int, default=32, help="open connections (default 32)")
    parser.add_argument("--duration", type=int, default=30, help="seconds of load (default 30)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--words", type=int, default=None, help="word budget sent with each request")
    parser.add_argument("--no-facts", action="store_true", help='send "facts": false (the summary alone)')
    args = parser.parse_args()
    wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit("wrk is missing: apt-get install wrk")
    body = request_body(args.articles, words=args.words, facts=not args.no_facts)
    port = free_port()
    server = start_server(port, args.workers)
    try:
        # Every worker answers a few requests first, so the load starts on warm processes.
        with ThreadPoolExecutor(max_workers=2 * args.workers) as pool:
            single = min(pool.map(lambda _: check_once(port, body), range(4 * args.workers)))
        with tempfile.TemporaryDirectory() as scratch:
            body_file = Path(scratch) / "body.json"
            body_file.write_bytes(body)
            script = Path(scratch) / "post.lua"
            script.write_text(LUA, encoding="utf-8")
            run = subprocess.run(
                [wrk, f"-t{args.threads}", f"-c{args.concurrency}", f"-d{args.duration}s", "--timeout", "120s",
                 "--latency", "-s", str(script), f"http://{HOST}:{port}/api/summarize"],
                capture_output=True, text=True, check=True, env={**os.environ, "AKHBAR_LOAD_BODY": str(body_file)},
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
    figures = parse_wrk(run.stdout)
    errors = int(figures["non_2xx"] + figures["socket_errors"])
    print(run.stdout)
    print(f"server: akhbar serve on {HOST}, {args.workers} worker process(es), {os.cpu_count()} cores; "
          f"request: {len(body) / 1024:.0f} KB, {args.articles.name}, facts {'off' if args.no_facts else 'on'}; "
          f"fastest warm-up request: {single:.2f} s")
    print(f"wrk: {args.concurrency} connections, {args.duration} s, {args.threads} threads")
    p50, p99 = (figures.get(key, float("nan")) / 1000 for key in ("p50_ms", "p99_ms"))
    print(f"requests/s {figures['requests_per_s']:.2f} | requests {int(figures['requests'])} | "
          f"p50 {p50:.2f} s | p99 {p99:.2f} s"
          f" | errors {errors} (non-2xx {int(figures['non_2xx'])}, socket {int(figures['socket_errors'])})")


if __name__ == "__main__":
    main()
