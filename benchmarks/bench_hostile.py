"""Time and peak memory of `akhbar summarize` on oversized and hostile inputs (issue 9).

    python benchmarks/bench_hostile.py [--ant ../shared/data/ant_v21/articles.jsonl.gz] [--work DIR]
                                       [--max-article-bytes N] [--no-facts] [--only NAME ...] [--timeout S]

It writes the inputs into ``--work`` (a temporary folder by default), runs each as a separate process
(``python -m akhbar summarize FILE -f json -o /dev/null``) and prints its wall time, peak resident memory
(the child's own ``ru_maxrss``, from ``os.wait4``), exit code and the first line of stderr:

- ``line-2MB``: 2 MB of seed words on one line with no sentence punctuation;
- ``txt-19MB``: a 19 MB .txt of seed paragraphs shuffled (under the 20 MiB per-article limit);
- ``ant-8MB``: 8 MB of real ANT article text in one .txt (needs ``--ant``);
- ``ant-8MB.jsonl``: the same articles as a .jsonl, one batch of about 2,600 articles (needs ``--ant``);
- ``one-char-1M``: 10^6 copies of one Arabic letter;
- ``stdin-zero``: ``summarize -`` reading /dev/zero;
- ``gz-bomb-blank``: a 2 MB .jsonl.gz inflating to 2 GiB of blank lines (a compression bomb);
- ``gz-bomb-zero``: the same size inflating to 2 GiB of one byte, no line break;
- ``blank-64MB``: a plain .jsonl of 64 million blank lines;
- ``tiny-10k``: a folder of 10,000 one-sentence .txt files, one of them binary;
- ``utf16-nobom``: the five seeds' text (40 KB) in UTF-16 without a byte order mark.

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
import threading
import time
import zlib
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


def make_bomb(path: Path, piece: bytes, pieces: int) -> None:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    with path.open("wb") as out:
        for _ in range(pieces):
            out.write(packer.compress(piece))
        out.write(packer.flush())


def make_tiny(folder: Path, count: int) -> None:
    folder.mkdir(exist_ok=True)
    for number in range(count):
        (folder / f"{number:05d}.txt").write_text(f"خبر رقم {number} عن الطقس في المدينة اليوم.", encoding="utf-8")
    (folder / "00042.txt").write_bytes(bytes(range(256)) * 16)


def measure(args: list[str], stdin: Path | None = None, timeout: float = 300,
            ) -> tuple[float, float, float, int, str]:
    """Wall seconds, CPU seconds, peak RSS in MiB, exit code and the first report line on stderr (a
    skipped input or an error) of one process; killed after ``timeout`` seconds (exit -9, "timeout")."""
    started = time.perf_counter()
    with (stdin.open("rb") if stdin else open(os.devnull, "rb")) as source, tempfile.TemporaryFile() as err:  # noqa: PTH123
        child = subprocess.Popen([sys.executable, "-m", "akhbar", *args], stdin=source,
                                 stdout=subprocess.DEVNULL, stderr=err)
        killer = threading.Timer(timeout, child.kill)
        killer.start()
        _, status, usage = os.wait4(child.pid, 0)
        killer.cancel()
        child.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        lines = err.read().decode("utf-8", "replace").strip().splitlines()
    reported = [line for line in lines if line.startswith(("skipped", "error", "internal error"))]
    first = "timeout" if child.returncode == -9 else (reported or lines or [""])[0]
    cpu = usage.ru_utime + usage.ru_stime
    return time.perf_counter() - started, cpu, usage.ru_maxrss / 1024, child.returncode, first[:100]


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.iterdir()) if path.is_dir() else path.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ant", type=Path, help="ANT articles.jsonl.gz, for the 8 MB real-text case")
    parser.add_argument("--work", type=Path, help="folder for the generated inputs (default: a temporary one)")
    parser.add_argument("--max-article-bytes", type=int, help="passed to akhbar summarize")
    parser.add_argument("--no-facts", action="store_true", help="passed to akhbar summarize")
    parser.add_argument("--only", nargs="*", help="run only these cases")
    parser.add_argument("--timeout", type=float, default=300, help="seconds before a case is killed")
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
    wanted = set(options.only or [])
    if not wanted or "gz-bomb-blank" in wanted:
        make_bomb(work / "bomb-blank.jsonl.gz", b"\n" * (1 << 20), 2048)
    cases.append(("gz-bomb-blank", [*summarize, str(work / "bomb-blank.jsonl.gz")], None))
    if not wanted or "gz-bomb-zero" in wanted:
        make_bomb(work / "bomb-zero.jsonl.gz", b"0" * (1 << 20), 2048)
    cases.append(("gz-bomb-zero", [*summarize, str(work / "bomb-zero.jsonl.gz")], None))
    (work / "blank.jsonl").write_bytes(b"\n" * 64_000_000)
    cases.append(("blank-64MB", [*summarize, str(work / "blank.jsonl")], None))
    make_tiny(work / "tiny", 10_000)
    cases.append(("tiny-10k", [*summarize, str(work / "tiny")], None))
    (work / "utf16.txt").write_bytes(_seed_text().encode("utf-16-le"))
    cases.append(("utf16-nobom", [*summarize, str(work / "utf16.txt")], None))
    print(" ".join(summarize))
    # CPU seconds beside wall seconds: on a shared machine the wall clock also counts other people's jobs.
    print(f"{'input':<16} {'MB':>5} {'wall s':>7} {'CPU s':>6} {'peak MiB':>9} {'exit':>5}  stderr")
    for name, args, stdin in cases:
        if options.only and name not in options.only:
            continue
        source = Path(args[-1]) if args[-1] != "-" else None
        size = _size(source) / 1e6 if source else float("nan")
        seconds, cpu, peak, code, first = measure(args, stdin, options.timeout)
        print(f"{name:<16} {size:>5.1f} {seconds:>7.1f} {cpu:>6.1f} {peak:>9.0f} {code:>5}  {first}", flush=True)


if __name__ == "__main__":
    main()
