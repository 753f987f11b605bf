"""`akhbar spark` in local mode gives the stories and summaries `akhbar stories` gives on the same input."""

from __future__ import annotations

import gzip
import itertools
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from akhbar.config import load_config
from akhbar.ingest import ingest
from akhbar.spark.job import JobSettings, run_job
from akhbar.stories.dedup import find_duplicates
from akhbar.stories.records import DuplicateLink
from tests.data_paths import require_ant
from tests.spark.conftest import (
    MADE_UP,
    library_stories,
    require_spark,
    seed_records,
    spark_stories,
    write_jsonl,
)


def _run(spark: Any, source: Path, out: Path, **settings: Any) -> None:
    run_job(spark, [str(source)], str(out), config=load_config(), settings=JobSettings(**settings))


def test_cli_writes_the_tables_reports_bad_lines_and_equals_the_library(tmp_path: Path) -> None:
    require_spark()
    source = write_jsonl(tmp_path / "feed.jsonl", seed_records() + MADE_UP,
                         extra_lines=('{"id": "broken", "text": ', '{"id": "no-text", "title": "عنوان"}'))
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "akhbar", "spark", str(source), "--out", str(out),
                           "--master", "local[2]", "--partitions", "4"],
                          capture_output=True, text=True, timeout=900, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1])["counts"]["articles"] == len(MADE_UP) + 5
    import pandas as pd

    errors = pd.read_parquet(out / "errors")
    assert sorted(errors["problem"]) == ["'text' must be a string", "invalid JSON"]
    assert all(path.endswith("feed.jsonl") for path in errors["path"])
    articles = pd.read_parquet(out / "articles").set_index("id")
    assert articles.loc["flood-5", "date"] is None and articles.loc["flood-1", "date"] == "2016-12-05"
    assert spark_stories(out) == library_stories(source)
    library_links = find_duplicates(ingest([str(source)]).articles, config=load_config().dedup)
    found = pd.read_parquet(out / "duplicates").sort_values("article").to_dict("records")
    assert [DuplicateLink(**row) for row in found] == library_links


def test_stories_chained_over_small_windows_equal_the_library(spark: Any, tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "feed.jsonl", MADE_UP)
    out = tmp_path / "out"
    _run(spark, source, out, span_days=2)  # the flood (5 to 9 December) crosses three window edges
    found = spark_stories(out)
    library = library_stories(source)
    # A window fits IDF on its own articles (plus the archive frequencies), so which member's title is
    # the most central may differ from the library's; members, span, outlets, summary and facts may not.
    untitled = {key: {k: v for k, v in story.items() if k != "title"} for key, story in found.items()}
    assert untitled == {key: {k: v for k, v in story.items() if k != "title"} for key, story in library.items()}
    flood = next(story for story in found.values() if "flood-1" in story["articles"])
    assert flood["start"] == "2016-12-05" and flood["end"] >= "2016-12-07"


def test_a_near_copy_links_to_the_earlier_article(spark: Any, tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "feed.jsonl", seed_records() + MADE_UP)
    out = tmp_path / "out"
    _run(spark, source, out, with_facts=False)
    import pandas as pd

    links = pd.read_parquet(out / "duplicates").to_dict("records")
    assert [(link["article"], link["original"], link["kind"]) for link in links] == [("flood-2", "flood-1", "near")]
    assert 0.7 <= links[0]["similarity"] < 1.0
    stories = pd.read_parquet(out / "stories")
    assert set(stories.columns) >= {"id", "title", "articles", "outlets", "start", "end", "summary", "facts"}
    assert stories["facts"].isna().all()  # --no-facts


def _ant_sample(path: Path, count: int) -> list[dict[str, Any]]:
    """The first ``count`` ANT articles (ANT's RFC 2822 ``time`` as the date), the seeds (dated) put in the middle."""
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        ant = [json.loads(line) for line in itertools.islice(lines, count)]
    records = [{"id": r["id"], "text": r["text"], "title": r["title"], "source": r["source"],
                "date": r["time"], "url": r["url"]} for r in ant]
    seeds = [{**seed, "date": "2016-12-05"} for seed in seed_records()]
    return records[: count // 2] + seeds + records[count // 2:]


def test_seeds_mixed_into_ant_articles_equal_the_library(spark: Any, tmp_path: Path) -> None:
    ant = require_ant()
    source = write_jsonl(tmp_path / "ant.jsonl", _ant_sample(ant, 300))
    out = tmp_path / "out"
    # One window holds the whole sample (December 2016 to May 2018): the library fits its IDF on the whole
    # batch, and a window on its own articles, so only one window gives the very same vectors.
    _run(spark, source, out, span_days=1000)
    found = spark_stories(out)
    assert found == library_stories(source)
    assert len(found) > 10


def _library_storylines(path: Path) -> list[dict[str, Any]]:
    from akhbar.stories.build import group_stories

    batch = group_stories(ingest([str(path)]).articles, config=load_config())
    return sorted(({"id": line.id, "title": line.title, "stories": list(line.stories), "start": line.start,
                    "end": line.end, "outlets": list(line.outlets), "size": line.size} for line in batch.storylines),
                  key=lambda line: line["id"])


def _spark_storylines(out: Path) -> list[dict[str, Any]]:
    import pandas as pd

    rows = pd.read_parquet(out / "storylines").to_dict("records")
    return sorted(({**row, "stories": list(row["stories"]), "outlets": list(row["outlets"]), "size": int(row["size"])}
                   for row in rows), key=lambda line: line["id"])


def test_seeds_in_ant_articles_with_the_default_window_equal_the_library(spark: Any, tmp_path: Path) -> None:
    ant = require_ant()
    source = write_jsonl(tmp_path / "ant.jsonl", _ant_sample(ant, 300))
    out = tmp_path / "out"
    _run(spark, source, out, with_facts=False)  # the default window: 30 days, about ten windows here
    library = library_stories(source, with_facts=False)
    assert spark_stories(out) == library and len(library) > 100
    assert _spark_storylines(out) == _library_storylines(source)


def test_storylines_over_small_windows_equal_the_library(spark: Any, tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "feed.jsonl", MADE_UP)
    out = tmp_path / "out"
    _run(spark, source, out, span_days=2, with_facts=False)
    assert _spark_storylines(out) == _library_storylines(source)
