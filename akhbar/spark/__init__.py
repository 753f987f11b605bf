"""akhbar on Apache Spark: the stories pipeline over an archive that outgrows one machine.

The Spark job only distributes; every decision is taken by the same pure functions the command line
uses (:func:`akhbar.ingest.to_article`, :func:`akhbar.stories.shingles.word_shingles`,
:func:`akhbar.stories.cluster.cluster_stories`, :func:`akhbar.pipeline.run`), called inside partitions
and groups. pyspark is an optional extra (``pip install 'akhbar[spark]'``) imported only here.
"""

from __future__ import annotations

import importlib.util

EXTRA_HINT = "akhbar spark needs the optional extra: pip install 'akhbar[spark]' (pyspark, pandas, pyarrow)"


class SparkUnavailableError(RuntimeError):
    """pyspark (or its pandas/pyarrow companions) is not installed."""


def require_pyspark() -> None:
    """Raise :class:`SparkUnavailableError` naming the extra when a Spark dependency is missing."""
    missing = [name for name in ("pyspark", "pandas", "pyarrow") if importlib.util.find_spec(name) is None]
    if missing:
        raise SparkUnavailableError(f"{EXTRA_HINT}; missing: {', '.join(missing)}")
