"""The first N ANT articles as a feed would give them: one .jsonl file, ANT's ``time`` as ``date``.

Shared by the benchmarks that run the CLI's library path on a sample of the archive (run them as
scripts from the repository root: ``python benchmarks/bench_stories.py DATA``).
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path


def write_sample(data: Path, size: int, target: Path) -> int:
    """The first ``size`` ANT records (0: all) written to ``target``; returns how many were written."""
    count = 0
    with gzip.open(data, "rt", encoding="utf-8") as src, target.open("w", encoding="utf-8") as out:
        for line in src:
            if size and count >= size:
                break
            record = json.loads(line)
            record["date"] = record.pop("time", None)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count
