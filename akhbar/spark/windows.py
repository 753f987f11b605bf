"""Story clustering in time windows, run in parallel and merged at their edges.

The archive is cut into windows of ``span_days``. Each window is one group (a shuffle keyed by window)
that :func:`akhbar.stories.cluster.cluster_stories` clusters on its own, in a Python worker, after a
warm-up: the articles of the ``warmup_days`` before the window, so that the stories still open at its
start are rebuilt. A warm-up article belongs to the window before; a story of window k that holds
warm-up articles continues the story that most of them belong to there, and the stories of those
that were alone there, so stories chain across edges (a story may run over many windows) without
any comparison between windows. Every window starts from the document frequencies one machine has
counted before its first day (:func:`prior_term_frequencies`), and counts its own day by day, as one
machine does.
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

    dated = articles.withColumn("day", _day())
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


def _day():  # type: ignore[no-untyped-def]  # a pyspark Column: the article's day number (None: undated)
    from pyspark.sql import functions as F

    iso_day = F.to_date(F.try_to_timestamp(F.substring("date", 1, 10), F.lit("yyyy-MM-dd")))
    return F.datediff(iso_day, F.lit("1970-01-01"))


def prior_term_frequencies(articles: DataFrame, windowed: DataFrame, *, config: Config, boilerplate: Boilerplate,
                           span_days: int, warmup_days: int) -> tuple[DataFrame, DataFrame]:
    """What one machine's fold has counted when it reaches each window's first (warm-up) day: (window, term,
    df) over the story terms of the articles dated before that day, and (window, documents) their number.

    The fold counts, weighs and places each day's articles before it sees the next day's. A window starts
    from these counts and adds its own articles day by day (``cluster_stories(within=...)``): each article
    is weighed, and each rare term indexed, as on one machine. Counted by (term, day) first, so the join
    with the windows (a few, broadcast) reads each distinct pair once per later window.
    """
    from pyspark.sql import functions as F

    from akhbar.stories.cluster import story_terms

    stories = config.stories

    def terms(batches: Iterable[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            found: list[str] = []
            days: list[int] = []
            for row in batch.to_dict("records"):
                article = strip_boilerplate(to_article_record(row), boilerplate)
                kept = set(story_terms(article, title_weight=stories.title_weight, lead_words=stories.lead_words))
                found.extend(kept)
                days.extend([int(row["day"])] * len(kept))
            yield pd.DataFrame({"term": found, "day": days})

    dated = articles.withColumn("day", _day()).where(F.col("day").isNotNull())
    columns = ["id", "body", "title", "date", "source", "url", "path", "removed", "day"]
    per_day = dated.select(*columns).mapInPandas(terms, "term string, day long").groupBy("term", "day").count()
    # The window numbers (a few) to the driver: a table of its own, not a self-join of the windowed rows.
    ids = sorted(int(row[0]) for row in windowed.select("window").distinct().collect())
    starts = windowed.sparkSession.createDataFrame([(k, k * span_days - warmup_days) for k in ids],
                                                   "window long, start long")
    before = F.col("day") < F.col("start")
    counted = per_day.join(F.broadcast(starts), before).groupBy("window", "term").agg(F.sum("count").alias("df"))
    documents = dated.select("day").join(F.broadcast(starts), before).groupBy("window").agg(
        F.count("*").alias("documents"))
    return counted, documents


def story_term_frequencies(articles: DataFrame, *, config: Config,
                           boilerplate: Boilerplate) -> tuple[dict[str, int], int]:
    """In how many articles each story term occurs, over the whole input, and how many articles there are.

    A story's title is its member closest to its centroid, each member weighed with the counts of the
    whole input, as one machine weighs them at the end of its fold: every window chooses with these.
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
                   whole: tuple[dict[str, int], int]) -> Callable[[pd.DataFrame, pd.DataFrame], pd.DataFrame]:
    """cogroup body for one window: its articles (boilerplate stripped) clustered by the library, in input
    order, starting from what one machine had counted before the window's first day (``prior``: term, df;
    the articles carry that count of ``documents``); titles chosen with the ``whole`` input's counts."""

    def run(group: pd.DataFrame, prior: pd.DataFrame) -> pd.DataFrame:
        from akhbar.stories.cluster import central_title, fold_all, story_terms
        from akhbar.stories.state import term_counts, weigh
        from akhbar.vectors import background_frequencies

        if group.empty:
            return pd.DataFrame([], columns=["window", "story", "title", "article", "core", "body"])
        group = group.sort_values("seq", kind="stable")
        rows = group.to_dict("records")
        articles = [strip_boilerplate(to_article_record(row), boilerplate) for row in rows]
        links = [DuplicateLink(str(r["id"]), str(r["original"]), r["kind"], float(r["similarity"]))
                 for r in rows if isinstance(r.get("original"), str)]
        core = {str(r["id"]): bool(r["core"]) for r in rows}
        bodies = {a.id: a.body for a in articles}
        window = int(rows[0]["window"])
        stories = config.stories
        docs = [story_terms(a, title_weight=stories.title_weight, lead_words=stories.lead_words) for a in articles]
        own = term_counts(docs)
        before = {str(t): int(n) for t, n in zip(prior["term"], prior["df"], strict=True)} if not prior.empty else {}
        counts = {t: before.get(t, 0) + own.get(t, 0) for t in before.keys() | own.keys()}
        held = rows[0].get("documents")
        documents = 0 if held is None or pd.isna(held) else int(held)  # none before the first window
        within = (counts, documents + len(articles))
        state, found = fold_all(articles, duplicates=links, config=stories, terms=docs, within=within)
        prior_df = background_frequencies() if stories.background_df else None
        vectors = {a.id: weigh(doc, whole[0], whole[1], prior_df) for a, doc in zip(articles, docs, strict=True)}
        by_id = {a.id: a for a in articles}
        out = [(window, story.id, central_title(state.stories[story.id], [by_id[m] for m in story.articles], vectors),
                member, core[member], bodies[member])
               for story in found for member in story.articles]
        return pd.DataFrame(out, columns=["window", "story", "title", "article", "core", "body"])

    return run


def clustered_windows(windowed: DataFrame, links: DataFrame, prior: tuple[DataFrame, DataFrame], *, config: Config,
                      boilerplate: Boilerplate, whole: tuple[dict[str, int], int]) -> DataFrame:
    """WINDOW_SCHEMA rows: each window's stories, every member listed (core and warm-up); ``prior`` is
    :func:`prior_term_frequencies`, ``whole`` :func:`story_term_frequencies`."""
    from pyspark.sql import functions as F

    counted, documents = prior
    linked = windowed.join(links.withColumnRenamed("article", "id"), "id", "left").join(documents, "window", "left")
    columns = ["window", "core", "id", "seq", "body", "title", "date", "source", "url", "path", "removed",
               "original", "kind", "similarity", "documents"]
    clustered = (linked.select(*columns).groupBy("window").cogroup(counted.groupBy("window"))
                 .applyInPandas(cluster_window(config, boilerplate, whole), WINDOW_SCHEMA))
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
