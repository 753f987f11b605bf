"""The Spark session and the input tables: JSONL (also .gz) or Parquet, from any path Spark can read.

A broken line or a record without an id or text becomes a row of the errors table, naming the file
and the problem; the other rows go on. Nothing is collected to the driver.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

RAW_FIELDS = ("id", "text", "title", "source", "url")
PARQUET_SUFFIX = ".parquet"
LOCAL_PARTITIONS = 8


def spark_session(
    master: str | None, *, app_name: str = "akhbar", shuffle_partitions: int | None = None,
) -> SparkSession:
    """A session: ``master`` when given (local[*] otherwise), or the one spark-submit configured."""
    # Local workers must run this interpreter (the one holding akhbar), not the first python3 on PATH.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app_name).config("spark.ui.showConsoleProgress", "false")
    # Under spark-submit the JVM is up before Python starts (the gateway port is set) and knows its master.
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ or "--master" in os.environ.get("PYSPARK_SUBMIT_ARGS", "")
    master = master or (None if submitted else "local[*]")
    if master:
        builder = builder.master(master)
    # Spark's 200 shuffle partitions each start Python work for a handful of rows on one machine;
    # on a cluster the user sets --partitions to a few per executor core.
    if shuffle_partitions or (master or "").startswith("local"):
        builder = builder.config("spark.sql.shuffle.partitions", str(shuffle_partitions or LOCAL_PARTITIONS))
    builder = builder.config("spark.sql.execution.arrow.pyspark.enabled", "true")
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


def is_parquet(path: str) -> bool:
    """A .parquet file, or a local folder of them (as Spark writes); anything else is read as JSON lines."""
    stripped = path.rstrip("/")
    if stripped.endswith(PARQUET_SUFFIX):
        return True
    folder = Path(stripped)
    return folder.is_dir() and any(child.suffix == PARQUET_SUFFIX for child in folder.iterdir())


def read_raw(spark: SparkSession, paths: list[str], *, date_field: str = "date") -> tuple[DataFrame, DataFrame]:
    """(documents, errors): documents with id, text, title, date, source, url, path and ``seq``, the input order."""
    from pyspark.sql import functions as F

    frames = [_read_one(spark, path, date_field=date_field) for path in paths]
    raw = frames[0]
    for frame in frames[1:]:
        raw = raw.unionByName(frame)
    # seq orders articles as the command line reads them: by file, then by line within the file.
    raw = raw.withColumn("seq", F.monotonically_increasing_id())
    problem = (F.when(F.col("_corrupt").isNotNull(), F.lit("invalid JSON"))
               .when(F.col("id").isNull() | (F.col("id") == ""), F.lit("'id' must be a string or an integer"))
               .when(F.col("text").isNull(), F.lit("'text' must be a string")))
    checked = raw.withColumn("problem", problem)
    errors = checked.where(F.col("problem").isNotNull()).select("path", "problem")
    documents = checked.where(F.col("problem").isNull()).drop("_corrupt", "problem")
    return documents, errors


def _read_one(spark: SparkSession, path: str, *, date_field: str) -> DataFrame:
    from pyspark.sql import functions as F
    from pyspark.sql.types import StringType, StructField, StructType

    from akhbar.ingest.jsonl import DATE_ALIASES

    # As the JSONL reader: a record without the date field takes it from the feed's own name for it.
    dates = (date_field, *DATE_ALIASES) if date_field == "date" else (date_field,)
    names = (*RAW_FIELDS, *dates)
    if is_parquet(path):
        frame = spark.read.parquet(path)
        columns = [F.col(n).cast("string").alias(n) if n in frame.columns else F.lit(None).cast("string").alias(n)
                   for n in names]
        frame = frame.select(*columns, F.lit(None).cast("string").alias("_corrupt"))
    else:
        schema = StructType([StructField(n, StringType()) for n in dict.fromkeys(names)]
                            + [StructField("_corrupt", StringType())])
        frame = (spark.read.schema(schema).option("mode", "PERMISSIVE")
                 .option("columnNameOfCorruptRecord", "_corrupt").json(path))
    frame = frame.withColumn("path", F.input_file_name())
    date = F.coalesce(*(F.when(F.col(name) != "", F.col(name)) for name in dates))
    return frame.select(*RAW_FIELDS, date.alias("date"), "path", "_corrupt")
