"""One row per story: the story record and its report's summary and facts as JSON columns.

Each story is one group (a shuffle keyed by story id); its report is made in a Python worker by the
function `akhbar stories` uses (:func:`akhbar.stories.build.story_report`, i.e. :func:`akhbar.pipeline.run`),
so a story's summary and facts are the same as on one machine.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pandas as pd

from akhbar.config import Config
from akhbar.spark.frames import to_article_record

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

STORY_SCHEMA = (
    "id string, title string, articles array<string>, outlets array<string>, start string, end string, "
    "size long, duplicates string, summary string, facts string"
)
STORY_COLUMNS = [c.split()[0] for c in STORY_SCHEMA.split(", ")]


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def story_row(rows: list[dict[str, Any]], *, config: Config, with_facts: bool,
              facts_min_articles: int = 1) -> dict[str, Any]:
    """The stories-table row of one story's articles (rows already in time order)."""
    with_facts = with_facts and len(rows) >= facts_min_articles
    from akhbar.report.json_out import report_to_dict
    from akhbar.stories.build import story_report

    articles = [to_article_record(row) for row in rows]
    report = report_to_dict(story_report(articles, config=config, with_facts=with_facts))
    dated = sorted(a.date[:10] for a in articles if a.date)
    links = [{"article": r["id"], "original": r["original"], "kind": r["kind"], "similarity": r["similarity"]}
             for r in rows if isinstance(r.get("original"), str)]
    return {
        "id": rows[0]["story"], "title": rows[0]["story_title"], "articles": [a.id for a in articles],
        "outlets": sorted({a.source for a in articles if a.source}),
        "start": dated[0] if dated else None, "end": dated[-1] if dated else None, "size": len(articles),
        "duplicates": _json(links), "summary": _json(report["summary"]),
        "facts": _json(report["facts"]) if with_facts else None,
    }


def report_group(config: Config, *, with_facts: bool,
                 facts_min_articles: int) -> Callable[[pd.DataFrame], pd.DataFrame]:
    def run(group: pd.DataFrame) -> pd.DataFrame:
        ordered = group.sort_values("key", kind="stable").to_dict("records")
        row = story_row(ordered, config=config, with_facts=with_facts, facts_min_articles=facts_min_articles)
        return pd.DataFrame([row], columns=STORY_COLUMNS)

    return run


def story_table(articles: DataFrame, assignments: DataFrame, links: DataFrame, *, config: Config,
                with_facts: bool, facts_min_articles: int = 1) -> DataFrame:
    """The stories table: ``assignments`` (article, story, title, body) grouped by story, each reported."""
    from pyspark.sql import functions as F

    from akhbar.spark.duplicates import order_key

    members = (articles.drop("body").join(assignments.withColumnRenamed("article", "id")
                                          .withColumnRenamed("title", "story_title"), "id")
               .join(links.withColumnRenamed("article", "id"), "id", "left")
               .withColumn("key", order_key(F.col("date"), F.col("seq"))))
    columns = ["story", "story_title", "key", "id", "body", "title", "date", "source", "url", "path", "removed",
               "original", "kind", "similarity"]
    return members.select(*columns).groupBy("story").applyInPandas(
        report_group(config, with_facts=with_facts, facts_min_articles=facts_min_articles), STORY_SCHEMA)
