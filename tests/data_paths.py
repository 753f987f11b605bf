"""Where the shared training data lives, and one rule for the tests that read it.

The data is ../shared/data beside the project (or wherever AKHBAR_DATA points). A developer's machine may
not have it: those tests skip, naming what is missing. CI always has it (CI=true): there the tests run, so
a moved archive is a red build, not a silent skip.
"""

from __future__ import annotations

import gzip
import itertools
import json
import os
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from akhbar.records import Article

SHARED_DATA = Path(os.environ.get("AKHBAR_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))
ANT = SHARED_DATA / "ant_v21" / "articles.jsonl.gz"
IN_CI = bool(os.environ.get("CI"))
MISSING_ANT = "ANT archive not found (../shared/data or AKHBAR_DATA)"

needs_ant = pytest.mark.skipif(not ANT.is_file() and not IN_CI, reason=MISSING_ANT)


def require_ant() -> Path:
    """The ANT archive; skips the calling test without it (fails in CI, where it must be there)."""
    if ANT.is_file():
        return ANT
    if IN_CI:
        pytest.fail(f"{MISSING_ANT}: looked for {ANT}")
    pytest.skip(MISSING_ANT)


def needs_shared(folder: str) -> pytest.MarkDecorator:
    """Skip unless ../shared/data/FOLDER is there (never in CI)."""
    return pytest.mark.skipif(not (SHARED_DATA / folder).is_dir() and not IN_CI,
                              reason=f"{folder} not found in ../shared/data (or AKHBAR_DATA)")


def ant_one_outlet_day(folder: Path, most: int) -> tuple[Article, ...]:
    """Up to ``most`` ANT articles of one story: one outlet's busiest day among the archive's first 3,000
    lines (written to ``folder`` and ingested as a user's file would be). Skips without ANT, as
    :func:`require_ant` does."""
    from akhbar.ingest import ingest

    with gzip.open(require_ant(), "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in itertools.islice(handle, 3000)]
    day, _ = Counter((r.get("source"), r.get("date")) for r in records).most_common(1)[0]
    sample = folder / "story.jsonl"
    sample.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records
                              if (r.get("source"), r.get("date")) == day), encoding="utf-8")
    return tuple(ingest([str(sample)]).articles[:most])
