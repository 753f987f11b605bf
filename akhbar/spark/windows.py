"""Story clustering in time windows, run in parallel and merged at their edges.

The archive is cut into windows of ``span_days``. Each window is one group (a shuffle keyed by window)
that :func:`akhbar.stories.cluster.cluster_stories` clusters on its own, in a Python worker, after a
warm-up: the articles of the ``warmup_days`` before the window, so that the stories still open at its
start are rebuilt. A warm-up article belongs to the window before; a story of window k that holds
warm-up articles continues the story that most of them belong to there, and the stories of those
that were alone there, so stories chain across edges (a story may run over many windows) without
any comparison between windows. Every window weighs its terms with the
document frequencies of the whole input (:func:`story_term_frequencies`), as one machine would.
Undated articles join the newest window: cluster_stories takes them after every dated article,
so when the archive fits one window the answer is the library's exactly; over many windows they can
join only the stories of the newest one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

import pandas as pd

from akhbar.config import Config
from akhbar.spark.frames import to_article_record
from akhbar.stories.boilerplate import Boilerplate, strip_boilerplate
from akhbar.stories.records import DuplicateLink

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

UNDATED = -1
WINDOW_SCHEMA = "window long, story string, title string, article string, core boolean, body string"


def with_windows(articles: DataFrame, *, span_days: int, warmup_days: int) -> DataFrame:
    """One row per article and window it is clustered in: its own (core) and the next ones it warms up."""
    from pyspark.sql import functions as F

    iso_day = F.to_date(F.try_to_timestamp(F.substring("date", 1, 10), F.lit("yyyy-MM-dd")))
    day = F.datediff(iso_day, F.lit("1970-01-01"))
    dated = articles.withColumn("day", day)
    row = dated.agg(F.max("day")).first()  # one number to the driver
    newest = row[0] if row is not None else None
    undated = UNDATED if newest is None else newest // span_days
    home = F.when(F.col("day").isNull(), F.lit(undated)).otherwise(F.floor(F.col("day") / span_days)).cast("long")
    first = home + 1
    # No window after the newest one: it would hold warm-up articles only.
    last = F.least(F.floor((F.col("day") + warmup_days) / span_days).cast("long"), F.lit(undated).cast("long"))
    warm = F.when(F.col("day").isNotNull() & (last >= first), F.sequence(first, last)).otherwise(
        F.array().cast("array<long>"))
    core = dated.withColumn("window", home).withColumn("core", F.lit(True))
    warmed = dated.withColumn("window", F.explode(warm)).withColumn("core", F.lit(False))
    return core.unionByName(warmed).drop("day")


def story_term_frequencies(articles: DataFrame, *, config: Config,
                           boilerplate: Boilerplate) -> tuple[dict[str, int], int]:
    """In how many articles each story term occurs, over the whole input, and how many articles there are.

    Every window clusters with these counts (``cluster_stories(within=...)``): a window alone would
    fit its IDF and its rare terms on its own articles, and so differ from one machine's run.
    """
    from akhbar.stories.cluster import story_terms

    stories = config.stories

    def terms(batches: Iterable[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            found: list[str] = []
            for row in batch.to_dict("records"):
                article = strip_boilerplate(to_article_record(row), boilerplate)
                found.extend(set(story_terms(article, title_weight=stories.title_weight,
                                             lead_words=stories.lead_words)))
            yield pd.DataFrame({"term": found})

    columns = ["id", "body", "title", "date", "source", "url", "path", "removed"]
    counted = articles.select(*columns).mapInPandas(terms, "term string").groupBy("term").count().collect()
    return {row["term"]: int(row["count"]) for row in counted}, articles.count()


def cluster_window(config: Config, boilerplate: Boilerplate,
                   within: tuple[dict[str, int], int] | None = None) -> Callable[[pd.DataFrame], pd.DataFrame]:
    """applyInPandas body for one window: boilerplate stripped, then the library's clustering, in input order,
    with the whole input's term counts (``within``) when given."""

    def run(group: pd.DataFrame) -> pd.DataFrame:
        from akhbar.stories.cluster import cluster_stories

        group = group.sort_values("seq", kind="stable")
        rows = group.to_dict("records")
        articles = [strip_boilerplate(to_article_record(row), boilerplate) for row in rows]
        links = [DuplicateLink(str(r["id"]), str(r["original"]), r["kind"], float(r["similarity"]))
                 for r in rows if isinstance(r.get("original"), str)]
        core = {str(r["id"]): bool(r["core"]) for r in rows}
        bodies = {a.id: a.body for a in articles}
        window = int(rows[0]["window"]) if rows else UNDATED
        out = [(window, story.id, story.title, member, core[member], bodies[member])
               for story in cluster_stories(articles, duplicates=links, config=config.stories, within=within)
               for member in story.articles]
        return pd.DataFrame(out, columns=["window", "story", "title", "article", "core", "body"])

    return run


def clustered_windows(windowed: DataFrame, links: DataFrame, *, config: Config,
                      boilerplate: Boilerplate, within: tuple[dict[str, int], int] | None = None) -> DataFrame:
    """WINDOW_SCHEMA rows: each window's stories, every member listed (core and warm-up)."""
    from pyspark.sql import functions as F

    linked = windowed.join(links.withColumnRenamed("article", "id"), "id", "left")
    columns = ["window", "core", "id", "seq", "body", "title", "date", "source", "url", "path", "removed",
               "original", "kind", "similarity"]
    clustered = linked.select(*columns).groupBy("window").applyInPandas(cluster_window(config, boilerplate, within),
                                                                         WINDOW_SCHEMA)
    return clustered.where(F.col("article").isNotNull())


def merged_assignments(window_rows: DataFrame, order: DataFrame) -> DataFrame:
    """(article, story, title, body): every article once, in the story it ends up in across all windows.

    ``order`` has id and key (the time-order key). A window story that holds warm-up articles joins the
    stories its warm-up articles have in their own windows; chains are resolved by
    :func:`akhbar.spark.duplicates.components` (the earliest window's story labels the chain).
    """
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    from akhbar.spark.duplicates import components

    node = F.concat(F.lpad((F.col("window") + 1).cast("string"), 12, "0"), F.lit("|"), F.col("story"))
    rows = window_rows.withColumn("node", node)
    core = rows.where("core").select("article", F.col("node").alias("parent"), "story", "body")
    warm = rows.where(~F.col("core")).select("node", "article").join(order.withColumnRenamed("id", "article"),
                                                                      "article")
    # A story of this window continues the story that most of its carried-over articles belong to in their
    # own window (the earliest on a tie), and the stories of carried-over articles that were alone there.
    # The own window decided those articles with more history than this window's warm-up replays: where
    # the replay groups carried-over articles of two stories, the own window's grouping stands (linking
    # every one over-merges), but an article alone there may be taken in by this window's articles, as the
    # second chance of one machine does (linking only the largest under-merges).
    carried = warm.join(core.select("article", "parent"), "article")
    sizes = core.groupBy("parent").agg(F.count("*").alias("home_size"))
    votes = carried.groupBy("node", "parent").agg(F.count("*").alias("votes")).join(sizes, "parent")
    ranked = votes.withColumn("rank", F.row_number().over(
        Window.partitionBy("node").orderBy(F.col("votes").desc(), F.col("parent"))))
    kept = ranked.where((F.col("rank") == 1) | (F.col("home_size") == 1))
    edges = kept.select(F.col("node").alias("left"), F.col("parent").alias("right")).distinct()
    chained = edges.select(F.col("left").alias("id")).unionByName(edges.select(F.col("right").alias("id"))).distinct()
    roots = components(chained.withColumn("key", F.col("id")), edges)
    nodes = (rows.groupBy("node").agg(F.first("story").alias("story"), F.first("title").alias("title"),
                                      F.count("*").alias("members"), F.max(F.col("core").cast("int")).alias("cores"))
             .where("cores > 0"))
    # The story's id is its earliest part's; its title comes from the window that saw most of it (the
    # earliest on a tie), where the library's choice of the most central title was made over most members.
    named = (nodes.join(roots.withColumnRenamed("id", "node"), "node", "left")
             .withColumn("root", F.coalesce("root", "node"))
             .groupBy("root").agg(F.min_by("story", "node").alias("root_story"),
                                  F.min_by("title", F.struct(-F.col("members"), F.col("node"))).alias("root_title")))
    resolved = (core.join(roots.withColumnRenamed("id", "parent"), "parent", "left")
                .withColumn("root", F.coalesce("root", "parent")).join(named, "root"))
    return resolved.select("article", F.col("root_story").alias("story"), F.col("root_title").alias("title"), "body")
