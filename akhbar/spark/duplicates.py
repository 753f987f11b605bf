"""Exact and near duplicates, distributed: exact keys grouped, MinHash bands shuffled, candidates verified.

Exact copies share their match-normalized exact key (one group-by). Near copies become candidates when
one LSH band of their MinHash signatures agrees (a shuffle keyed by band); a band bucket holding more
than ``max_bucket`` articles is boilerplate that says nothing about any pair and is skipped, so the
candidates number at most ``max_bucket`` per article and band: linear, never all pairs. Every candidate
is verified by the real Jaccard of the two shingle sets. Duplicate sets are the connected components
of the links, found by min-label propagation; each article links to the earliest member of its set
(by date, then id, as :func:`akhbar.stories.dedup.find_duplicates` links them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from akhbar.spark.minhash import jaccard_sorted, link_similarity

if TYPE_CHECKING:
    from pyspark.sql import Column, DataFrame

LINK_SCHEMA = "article string, original string, kind string, similarity double"
MAX_PROPAGATION_ROUNDS = 50


def original_key(date: Column, article: Column) -> Column:
    """The library's "earliest" for duplicate sets: by date (undated last), then id."""
    from pyspark.sql import functions as F

    return F.concat(F.coalesce(date, F.lit("9999-99-99")), F.lit("|"), article)


def order_key(date: Column, seq: Column) -> Column:
    """A sortable string: dated articles by day then input order, undated ones after them."""
    from pyspark.sql import functions as F

    return F.concat(F.coalesce(F.substring(date, 1, 10), F.lit("~")), F.lit("|"), F.lpad(seq.cast("string"), 20, "0"))


def exact_edges(articles: DataFrame) -> DataFrame:
    """(left, right): each exact copy tied to one member of its exact-key group (a star, not all pairs)."""
    from pyspark.sql import functions as F

    first = articles.groupBy("exact_key").agg(F.min("id").alias("right"), F.count("*").alias("n")).where("n > 1")
    return (articles.select(F.col("id").alias("left"), "exact_key").join(first.drop("n"), "exact_key")
            .where(F.col("left") != F.col("right")).select("left", "right"))


def candidate_pairs(articles: DataFrame, *, max_bucket: int) -> DataFrame:
    """(left, right) article ids, left < right, that share one LSH band of their MinHash signatures."""
    from pyspark.sql import functions as F

    banded = articles.select("id", F.explode("bands").alias("bucket"))
    members = (banded.groupBy("bucket").agg(F.collect_set("id").alias("ids"))
               .where((F.size("ids") >= 2) & (F.size("ids") <= max_bucket)))
    left = members.select("bucket", F.explode("ids").alias("left"))
    right = members.select("bucket", F.explode("ids").alias("right"))
    return (left.join(right, "bucket").where(F.col("left") < F.col("right"))
            .select("left", "right").distinct())


def verified_links(articles: DataFrame, pairs: DataFrame, *, threshold: float) -> DataFrame:
    """The candidate pairs whose shingle Jaccard reaches ``threshold``."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import DoubleType

    jaccard = F.udf(jaccard_sorted, DoubleType())
    sides = articles.select("id", "shingles")
    left = sides.select(F.col("id").alias("left"), F.col("shingles").alias("ls"))
    right = sides.select(F.col("id").alias("right"), F.col("shingles").alias("rs"))
    scored = pairs.join(left, "left").join(right, "right").withColumn("similarity", jaccard("ls", "rs"))
    return scored.where(F.col("similarity") >= threshold).select("left", "right")


def components(nodes: DataFrame, edges: DataFrame) -> DataFrame:
    """(id, root): each node's component labelled by its smallest ``key``.

    ``nodes`` has id and key; ``edges`` has left and right ids. Min-label propagation: each round every
    node takes the smallest label among itself and its neighbours, until no label changes. Rounds grow
    with the diameter of a component (small for duplicate sets and story chains), never with the archive.
    """
    from pyspark.sql import functions as F

    both = edges.select("left", "right").unionByName(edges.select(F.col("right").alias("left"),
                                                                   F.col("left").alias("right")))
    # Materialized once: each round reads the edges again, and their lineage (LSH buckets, verified
    # Jaccard, a window's clustering) would otherwise be recomputed every round.
    both = both.localCheckpoint()
    labels = nodes.select("id", F.col("key").alias("label")).localCheckpoint()
    for _ in range(MAX_PROPAGATION_ROUNDS):
        offered = both.join(labels.withColumnRenamed("id", "right"), "right").select(
            F.col("left").alias("id"), "label")
        updated = (labels.unionByName(offered).groupBy("id").agg(F.min("label").alias("label"))).localCheckpoint()
        changed = updated.join(labels.withColumnRenamed("label", "old"), "id").where(F.col("label") != F.col("old"))
        labels = updated
        if changed.isEmpty():
            break
    keyed = nodes.select(F.col("id").alias("root"), F.col("key").alias("label"))
    return labels.join(keyed, "label").select("id", "root")


def duplicate_links(articles: DataFrame, *, threshold: float, max_bucket: int) -> DataFrame:
    """DuplicateLink rows: every non-earliest member of a duplicate set -> its earliest member."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import DoubleType

    near = verified_links(articles, candidate_pairs(articles, max_bucket=max_bucket), threshold=threshold)
    edges = exact_edges(articles).unionByName(near)
    linked = edges.select(F.col("left").alias("id")).unionByName(edges.select(F.col("right").alias("id"))).distinct()
    nodes = linked.join(articles.select("id", original_key(F.col("date"), F.col("id")).alias("key")), "id")
    roots = components(nodes, edges).where(F.col("id") != F.col("root"))
    jaccard = F.udf(link_similarity, DoubleType())
    article = articles.select(F.col("id"), F.col("exact_key").alias("ak"), F.col("shingles").alias("ash"))
    original = articles.select(F.col("id").alias("root"), F.col("exact_key").alias("ok"),
                               F.col("shingles").alias("osh"))
    exact = F.col("ak") == F.col("ok")
    return (roots.join(article, "id").join(original, "root").select(
        F.col("id").alias("article"), F.col("root").alias("original"),
        F.when(exact, F.lit("exact")).otherwise(F.lit("near")).alias("kind"),
        F.when(exact, F.lit(1.0)).otherwise(jaccard("ash", "osh")).alias("similarity")))
