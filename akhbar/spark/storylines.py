"""The storylines table: the library's storyline fold over the stories the windows found.

Storylines are few and small next to articles (one record per story: its id, title, dates, outlets,
and its members' titles and leads), so the fold runs in one Python worker over all stories, with the
function `akhbar stories` uses (:func:`akhbar.stories.storylines.build_storylines`): the same
storylines as on one machine.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pandas as pd

from akhbar.config import Config
from akhbar.records import Article
from akhbar.stories.records import Story

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

STORYLINE_SCHEMA = ("id string, title string, stories array<string>, start string, end string, "
                    "outlets array<string>, size long")
_LEAD_CHARACTERS = 4000  # far more than a storyline's lead words: the rest of a body is not shipped


def fold_storylines(config: Config) -> Callable[[pd.DataFrame], pd.DataFrame]:
    """applyInPandas body over every story member at once: the storylines as table rows."""

    def run(group: pd.DataFrame) -> pd.DataFrame:
        from akhbar.stories.storylines import build_storylines

        group = group.sort_values(["story", "key"], kind="stable")
        articles: list[Article] = []
        stories: list[Story] = []
        for story_id, members in group.groupby("story", sort=True):
            rows = members.to_dict("records")
            articles += [Article(id=str(r["id"]), body=str(r["body"]), title=r["article_title"] or None,
                                 date=r["date"] or None, source=r["source"] or None) for r in rows]
            dated = sorted(str(r["date"])[:10] for r in rows if r["date"])
            stories.append(Story(id=str(story_id), articles=tuple(str(r["id"]) for r in rows),
                                 outlets=tuple(sorted({str(r["source"]) for r in rows if r["source"]})),
                                 start=dated[0] if dated else None, end=dated[-1] if dated else None,
                                 title=str(rows[0]["story_title"])))
        lines, _ = build_storylines(stories, articles, config=config.stories)
        return pd.DataFrame([{"id": line.id, "title": line.title, "stories": list(line.stories), "start": line.start,
                              "end": line.end, "outlets": list(line.outlets), "size": line.size} for line in lines],
                            columns=["id", "title", "stories", "start", "end", "outlets", "size"])

    return run


def storyline_table(articles: DataFrame, assignments: DataFrame, *, config: Config) -> DataFrame:
    """The storylines table from ``assignments`` (article, story, title, body: the stripped body)."""
    from pyspark.sql import functions as F

    from akhbar.spark.duplicates import order_key

    members = (articles.select("id", "seq", F.col("title").alias("article_title"), "date", "source")
               .join(assignments.select(F.col("article").alias("id"), "story", F.col("title").alias("story_title"),
                                        F.substring("body", 1, _LEAD_CHARACTERS).alias("body")), "id")
               .withColumn("key", order_key(F.col("date"), F.col("seq")))
               .withColumn("all", F.lit(1)))
    return members.groupBy("all").applyInPandas(fold_storylines(config), STORYLINE_SCHEMA)
