"""Boilerplate learned over the whole archive, as the library learns it over a batch, but counted in partitions.

Each partition counts its articles' sentences per outlet with :func:`akhbar.stories.boilerplate.count_lines`
(copies left out, as the library leaves them out); the counts are summed by a shuffle keyed by
(outlet, sentence), and only the sentences that reach the outlet's threshold come to the driver: a
few per outlet, never the archive. :func:`akhbar.stories.boilerplate.select_boilerplate` then makes
the same choice it makes on one machine.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import pandas as pd

from akhbar.config import Config
from akhbar.spark.frames import to_article_record
from akhbar.stories.boilerplate import Boilerplate, LineCounts, count_lines, select_boilerplate

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

COUNT_SCHEMA = "outlet string, key string, n long"


def count_batches(batches: Iterable[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """mapInPandas body: per batch, how many articles of each outlet hold each sentence (key null: all)."""
    for batch in batches:
        counts = count_lines(to_article_record(row) for row in batch.to_dict("records"))
        rows: list[tuple[str, str | None, int]] = [(outlet, key, n) for (outlet, key), n in counts.lines.items()]
        rows += [(outlet, None, n) for outlet, n in counts.articles.items()]
        yield pd.DataFrame(rows, columns=["outlet", "key", "n"])


def learned_boilerplate(articles: DataFrame, links: DataFrame, *, config: Config) -> Boilerplate:
    """The boilerplate of every outlet of ``articles``, copies (the articles of ``links``) not counted."""
    from pyspark.sql import functions as F

    settings = config.boilerplate
    counted = articles.join(links.select(F.col("article").alias("id")), "id", "left_anti")
    summed = (counted.select("id", "body", "source").mapInPandas(count_batches, COUNT_SCHEMA)
              .groupBy("outlet", "key").agg(F.sum("n").alias("n")))
    totals = summed.where(F.col("key").isNull()).select("outlet", F.col("n").alias("total"))
    needed = F.greatest(F.lit(float(settings.min_articles)), F.lit(settings.min_share) * F.col("total"))
    lines = summed.where(F.col("key").isNotNull()).join(totals, "outlet").where(F.col("n") >= needed)
    counts = LineCounts({(row.outlet, row.key): row.n for row in lines.collect()},
                        {row.outlet: row.total for row in totals.collect()})
    return select_boilerplate(counts, min_share=settings.min_share, min_articles=settings.min_articles)
