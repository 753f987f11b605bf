"""Time and peak memory of `akhbar summarize` on oversized and hostile inputs (issue 9).

    python benchmarks/bench_hostile.py [--ant ../shared/data/ant_v21/articles.jsonl.gz] [--work DIR]
                                       [--max-article-bytes N] [--no-facts] [--only NAME ...]

It writes the inputs into ``--work`` (a temporary folder by default), runs each as a separate process
(``python -m akhbar summarize FILE -f json -o /dev/null``) and prints its wall time, peak resident memory
(the child's own ``ru_maxrss``, from ``os.wait4``), exit code and the first line of stderr:

- ``line-2MB``: 2 MB of seed words on one line with no sentence punctuation;
- ``txt-19MB``: a 19 MB .txt of seed paragraphs shuffled (under the 20 MiB per-article limit);
- ``ant-8MB``: 8 MB of real ANT article text in one .txt (needs ``--ant``);
- ``ant-8MB.jsonl``: the same articles as a .jsonl, one batch of about 2,600 articles (needs ``--ant``);
- ``one-char-1M``: 10^6 copies of one Arabic letter;
- ``stdin-zero``: ``summarize -`` reading /dev/zero.

By default each input meets the default per-article limit (1 MiB): the oversized ones are refused in
about the time Python takes to start. ``--max-article-bytes 25000000`` makes akhbar process them.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "akhbar" / "resources" / "examples" / "aleppo-2016-12"


def _seed_text() -> str:
    return "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))


def make_line(path: Path, size: int) -> None:
    words = re.findall(r"\w+", _seed_text())
    rng = random.Random(0)
    out, total = [], 0
    while total < size:
        word = rng.choice(words)
        out.append(word)
        total += len(word.encode()) + 1
    path.write_text(" ".join(out), encoding="utf-8")


def make_paragraphs(path: Path, size: int) -> None:
    paragraphs = [p for p in re.split(r"\n\s*\n", _seed_text()) if len(p.split()) > 8]
    rng = random.Random(1)
    with path.open("wb") as out:
        total = 0
        while total < size:
            total += out.write((rng.choice(paragraphs) + "\n\n").encode("utf-8"))


def make_ant(path: Path, jsonl: Path, ant: Path, size: int) -> None:
    with gzip.open(ant, "rt", encoding="utf-8") as lines, path.open("w", encoding="utf-8") as out, \
            jsonl.open("w", encoding="utf-8") as records:
        total = 0
        for line in lines:
            text = json.loads(line)["text"]
            total += len(text.encode())
            out.write(text + "\n\n")
            records.write(line)
            if total >= size:
                return


def measure(args: list[str], stdin: Path | None = None) -> tuple[float, float, float, int, str]:
    """Wall seconds, CPU seconds, peak RSS in MiB, exit code and first stderr line of one process."""
    started = time.perf_counter()
    with (stdin.open("rb") if stdin else open(os.devnull, "rb")) as source, tempfile.TemporaryFile() as err:  # noqa: PTH123
        child = subprocess.Popen([sys.executable, "-m", "akhbar", *args], stdin=source,
                                 stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        first = err.read().decode("utf-8", "replace").strip().splitlines()
    cpu = usage.ru_utime + usage.ru_stime
    return time.perf_counter() - started, cpu, usage.ru_maxrss / 1024, child.returncode, (first or [""])[0][:80]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ant", type=Path, help="ANT articles.jsonl.gz, for the 8 MB real-text case")
    parser.add_argument("--work", type=Path, help="folder for the generated inputs (default: a temporary one)")
    parser.add_argument("--max-article-bytes", type=int, help="passed to akhbar summarize")
    parser.add_argument("--no-facts", action="store_true", help="passed to akhbar summarize")
    parser.add_argument("--only", nargs="*", help="run only these cases")
    options = parser.parse_args()
    work = options.work or Path(tempfile.mkdtemp(prefix="akhbar-hostile-"))
    work.mkdir(parents=True, exist_ok=True)
    summarize = ["summarize", "-f", "json", "-o", os.devnull]
    if options.max_article_bytes:
        summarize += ["--max-article-bytes", str(options.max_article_bytes)]
    if options.no_facts:
        summarize.append("--no-facts")
    cases: list[tuple[str, list[str], Path | None]] = []
    make_line(work / "line.txt", 2_000_000)
    cases.append(("line-2MB", [*summarize, str(work / "line.txt")], None))
    make_paragraphs(work / "big.txt", 19_000_000)
    cases.append(("txt-19MB", [*summarize, str(work / "big.txt")], None))
    if options.ant:
        make_ant(work / "ant.txt", work / "ant.jsonl", options.ant, 8_000_000)
        cases.append(("ant-8MB", [*summarize, str(work / "ant.txt")], None))
        cases.append(("ant-8MB.jsonl", [*summarize, str(work / "ant.jsonl")], None))
    (work / "char.txt").write_text("ب" * 1_000_000, encoding="utf-8")
    cases.append(("one-char-1M", [*summarize, str(work / "char.txt")], None))
    cases.append(("stdin-zero", [*summarize, "-"], Path("/dev/zero")))
    print(" ".join(summarize))
    # CPU seconds beside wall seconds: on a shared machine the wall clock also counts other people's jobs.
    print(f"{'input':<16} {'MB':>5} {'wall s':>7} {'CPU s':>6} {'peak MiB':>9} {'exit':>5}  stderr")
    for name, args, stdin in cases:
        if options.only and name not in options.only:
            continue
        source = Path(args[-1]) if args[-1] != "-" else None
        size = source.stat().st_size / 1e6 if source else float("nan")
        seconds, cpu, peak, code, first = measure(args, stdin)
        print(f"{name:<16} {size:>5.1f} {seconds:>7.1f} {cpu:>6.1f} {peak:>9.0f} {code:>5}  {first}", flush=True)


if __name__ == "__main__":
    main()
