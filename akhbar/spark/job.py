"""The Spark job: inputs -> articles -> duplicate links -> stories in time windows -> per-story reports.

Each stage writes its Parquet table (or is persisted) before the next starts, so the stage times the
job reports are the times of the stages themselves, and a long lineage is cut at every stage.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from akhbar.config import Config
from akhbar.spark.frames import ARTICLE_SCHEMA, ShingleSettings, clean_batches
from akhbar.spark.minhash import lsh_shape

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

OUTPUTS = ("articles", "duplicates", "assignments", "stories", "storylines", "errors")
DEFAULT_SPAN_DAYS = 30
Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class JobSettings:
    """What the job needs besides akhbar's Config."""

    span_days: int = DEFAULT_SPAN_DAYS  # clustering window; a window and its warm-up must fit one worker
    date_field: str = "date"  # the input field holding the article's date
    with_facts: bool = True
    facts_min_articles: int = 2  # as `akhbar stories`: a lone article's facts are `akhbar summarize`'s


@dataclass(frozen=True, slots=True)
class JobResult:
    """Row counts of the outputs and seconds per stage."""

    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


def _write(frame: DataFrame, out: str, name: str) -> None:
    frame.write.mode("overwrite").parquet(f"{out.rstrip('/')}/{name}")


def warmup_days(config: Config) -> int:
    """How far back a window must look to rebuild the stories still open at its start."""
    stories = config.stories
    return stories.window_days + stories.thread_days


def clean_articles(spark: SparkSession, paths: list[str], *, config: Config,
                   settings: JobSettings) -> tuple[DataFrame, DataFrame]:
    """(articles, errors): cleaned, shingled articles (the first of a repeated id kept) and bad inputs."""
    from pyspark import StorageLevel
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    from akhbar.spark.inputs import read_raw

    documents, read_errors = read_raw(spark, paths, date_field=settings.date_field)
    bands, rows = lsh_shape(num_perm=config.dedup.num_perm, threshold=config.dedup.lsh_threshold)
    shingling = ShingleSettings(config.dedup.shingle_size, config.dedup.num_perm, bands, rows)
    cleaned = documents.mapInPandas(lambda batches: clean_batches(batches, shingling=shingling), ARTICLE_SCHEMA)
    cleaned = cleaned.persist(StorageLevel.MEMORY_AND_DISK)
    first = F.row_number().over(Window.partitionBy("id").orderBy("seq"))
    ranked = cleaned.where(F.col("problem").isNull()).withColumn("rank", first)
    repeated = ranked.where("rank > 1").select("path", F.concat(F.lit("repeated id "), "id").alias("problem"))
    bad = cleaned.where(F.col("problem").isNotNull()).select("path", "problem")
    articles = ranked.where("rank = 1").drop("rank", "problem")
    return articles, read_errors.unionByName(bad).unionByName(repeated)


def run_job(spark: SparkSession, paths: list[str], out: str, *, config: Config, settings: JobSettings,
            progress: Progress | None = None) -> JobResult:
    """Run every stage and write OUTPUTS as Parquet tables under ``out``."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    from akhbar.spark.boilerplate import learned_boilerplate
    from akhbar.spark.duplicates import duplicate_links, order_key
    from akhbar.spark.reports import story_table
    from akhbar.spark.storylines import storyline_table
    from akhbar.spark.windows import (
        clustered_windows,
        merged_assignments,
        prior_term_frequencies,
        story_term_frequencies,
        with_windows,
    )

    say = progress or (lambda _stage: None)
    seconds: dict[str, float] = {}
    started = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal started
        now = time.perf_counter()
        seconds[stage] = round(now - started, 2)
        started = now

    say("articles: reading, removing noise, finding dates, shingling")
    articles, errors = clean_articles(spark, paths, config=config, settings=settings)
    articles = articles.persist(StorageLevel.MEMORY_AND_DISK)
    _write(articles.drop("shingles", "bands", "exact_key", "seq"), out, "articles")
    _write(errors, out, "errors")
    lap("articles")
    say("duplicates: MinHash bands, verified Jaccard")
    links = duplicate_links(articles, threshold=config.dedup.near_duplicate, max_bucket=config.stories.max_df)
    _write(links, out, "duplicates")
    links = spark.read.parquet(f"{out.rstrip('/')}/duplicates")
    lap("duplicates")
    say("boilerplate: sentences each outlet repeats")
    boilerplate = learned_boilerplate(articles.select("id", "body", "source"), links, config=config)
    lap("boilerplate")
    say("stories: clustering time windows, merging at their edges")
    windowed = with_windows(articles.drop("shingles", "bands"), span_days=settings.span_days,
                            warmup_days=warmup_days(config)).persist(StorageLevel.MEMORY_AND_DISK)
    order = articles.select("id", order_key(F.col("date"), F.col("seq")).alias("key"))
    # Clustered once: merging reads the window stories several times (and once per propagation round).
    prior = prior_term_frequencies(articles, windowed, config=config, boilerplate=boilerplate,
                                   span_days=settings.span_days, warmup_days=warmup_days(config))
    whole = story_term_frequencies(articles, config=config, boilerplate=boilerplate)
    clustered = clustered_windows(windowed, links, prior, config=config, boilerplate=boilerplate, whole=whole).persist(
        StorageLevel.MEMORY_AND_DISK)
    clustered.count()
    assignments = merged_assignments(clustered, order)
    assignments = assignments.persist(StorageLevel.MEMORY_AND_DISK)
    _write(assignments.drop("body"), out, "assignments")
    lap("clustering")
    say("storylines: the stories placed in continuing storylines")
    _write(storyline_table(articles, assignments, config=config), out, "storylines")
    lap("storylines")
    say("reports: summary and facts per story")
    _write(story_table(articles, assignments, links, config=config, with_facts=settings.with_facts,
                       facts_min_articles=settings.facts_min_articles), out, "stories")
    lap("reports")
    counts = {name: spark.read.parquet(f"{out.rstrip('/')}/{name}").count() for name in OUTPUTS}
    for frame in (articles, assignments, clustered, windowed):
        frame.unpersist()
    return JobResult(counts, seconds)
