"""`akhbar spark`: the stories pipeline as a Spark job (local mode by default, any cluster with --master)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from akhbar.config import ConfigError, load_config
from akhbar.spark import SparkUnavailableError, require_pyspark
from akhbar.spark.job import DEFAULT_SPAN_DAYS, OUTPUTS, JobSettings

err = Console(stderr=True, soft_wrap=True)


def spark_command(  # noqa: PLR0917 - typer maps each parameter to an option
    paths: Annotated[list[str], typer.Argument(help="JSONL (.jsonl, .jsonl.gz) or Parquet inputs: local paths, "
                                               "or any URL the cluster's Spark reads (hdfs://, s3a://).")],
    out: Annotated[str, typer.Option("--out", "-o", help="Folder (or URL) for the Parquet tables: "
                                     + ", ".join(OUTPUTS) + ".")],
    master: Annotated[str | None, typer.Option("--master", help="Spark master URL (default: local[*], or what "
                                               "spark-submit set).")] = None,
    partitions: Annotated[int | None, typer.Option("--partitions", min=1, help="Shuffle partitions "
                                                   "(spark.sql.shuffle.partitions).")] = None,
    span_days: Annotated[int, typer.Option("--window-days", min=1, help="Days per clustering window.")] =
    DEFAULT_SPAN_DAYS,
    date_field: Annotated[str, typer.Option("--date-field", help="Input field holding the date "
                                            "(by default date, else time, published, published_at, pubDate "
                                            "or datetime, as the JSONL reader).")] = "date",
    words: Annotated[int | None, typer.Option("--words", "-w", min=10, help="Word budget of each summary.")] = None,
    facts: Annotated[bool, typer.Option("--facts/--no-facts", help="Extract each story's facts.")] = True,
    facts_min: Annotated[int, typer.Option("--facts-min-articles", min=1, help="Extract facts for stories of at "
                                           "least this many articles.")] = 2,
    config_file: Annotated[Path | None, typer.Option("--config", help="A TOML file overriding the defaults.")] = None,
) -> None:
    """Find the stories of an archive on Spark and write them, with summaries and facts, as Parquet."""
    try:
        require_pyspark()
        config = load_config(config_file)
    except (SparkUnavailableError, ConfigError) as error:
        err.print(f"[red]error:[/red] {escape(str(error))}")
        raise typer.Exit(2) from None
    if words is not None:
        from akhbar.pipeline import with_words

        config = with_words(config, words)
    from akhbar.spark.inputs import spark_session
    from akhbar.spark.job import run_job

    spark = spark_session(master, shuffle_partitions=partitions)
    try:
        settings = JobSettings(span_days=span_days, date_field=date_field, with_facts=facts,
                               facts_min_articles=facts_min)
        result = run_job(spark, list(paths), out, config=config, settings=settings,
                         progress=lambda stage: err.print(f"[dim]{escape(stage)}[/dim]"))
    except Exception as error:
        if type(error).__name__ == "AnalysisException":  # a path Spark cannot read, a schema it cannot use
            err.print(f"[red]error:[/red] {escape(str(error).splitlines()[0])}")
            raise typer.Exit(1) from None
        raise
    finally:
        spark.stop()
    if result.counts.get("articles", 0) == 0:
        err.print("[red]error:[/red] no article could be read from the given inputs (see the errors table)")
        raise typer.Exit(1)
    err.print(f"wrote {escape(out)}: " + ", ".join(f"{result.counts[n]} {n}" for n in OUTPUTS))
    typer.echo(json.dumps({"out": out, "counts": result.counts, "seconds": result.seconds}))


def register(app: typer.Typer) -> None:
    """Add ``spark`` to akhbar's command line."""
    app.command("spark")(spark_command)
