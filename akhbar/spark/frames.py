"""Between pandas batches (what Spark hands a Python worker) and akhbar's records.

Everything here runs inside executors on one batch at a time, and only calls the library's own pure
functions: ingest's cleaning, the stories' shingles and exact keys, and :mod:`akhbar.spark.minhash`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd

from akhbar.ingest import RawDocument, to_article
from akhbar.records import Article, BadInput, RemovedLine
from akhbar.spark.minhash import band_keys
from akhbar.stories.dedup import sketch_article

# The articles table; `problem` is set (and the rest empty) for an input that gave no article.
ARTICLE_SCHEMA = (
    "id string, seq long, body string, title string, date string, source string, url string, path string, "
    "removed string, exact_key string, shingles array<long>, bands array<long>, problem string"
)
ARTICLE_FIELDS = ("id", "body", "title", "date", "source", "url", "path")


@dataclass(frozen=True, slots=True)
class ShingleSettings:
    """How articles are shingled and banded for near-duplicate candidates."""

    size: int
    num_perm: int
    bands: int
    rows: int


def _text(value: object) -> str | None:
    return None if value is None or (isinstance(value, float) and pd.isna(value)) or value == "" else str(value)


def raw_document(row: dict[str, object]) -> RawDocument:
    return RawDocument(
        id=str(row["id"]), text=str(row["text"]), path=str(row["path"]), title=_text(row.get("title")),
        date=_text(row.get("date")), source=_text(row.get("source")), url=_text(row.get("url")),
    )


def article_row(article: Article, seq: int, *, shingling: ShingleSettings) -> dict[str, object]:
    sketch = sketch_article(article, shingle_size=shingling.size, num_perm=shingling.num_perm)
    hashes = np.frombuffer(sketch.shingles, dtype="<i8").tolist()  # Spark's longs: the same 64 bits, signed
    sig = np.frombuffer(sketch.signature, dtype="<u8")
    return {
        "id": article.id, "seq": seq, "body": article.body, "title": article.title, "date": article.date,
        "source": article.source, "url": article.url, "path": article.path,
        "removed": json.dumps([[r.text, r.reason] for r in article.removed], ensure_ascii=False),
        "exact_key": sketch.exact_key, "shingles": hashes,
        "bands": band_keys(sig, bands=shingling.bands, rows=shingling.rows) if hashes else [], "problem": None,
    }


def problem_row(bad: BadInput, seq: int) -> dict[str, object]:
    empty = dict.fromkeys(("id", "body", "title", "date", "source", "url", "removed", "exact_key"))
    return {**empty, "seq": seq, "path": bad.path, "shingles": [], "bands": [], "problem": bad.problem}


def clean_batches(batches: Iterable[pd.DataFrame], *, shingling: ShingleSettings) -> Iterator[pd.DataFrame]:
    """mapInPandas body: raw documents -> cleaned articles (noise removed, dates found), shingled and banded."""
    for batch in batches:
        rows = []
        for record in batch.to_dict("records"):
            seq = int(record["seq"])
            result = to_article(raw_document(record))
            rows.append(problem_row(result, seq) if isinstance(result, BadInput)
                        else article_row(result, seq, shingling=shingling))
        yield pd.DataFrame(rows, columns=[c.split()[0] for c in ARTICLE_SCHEMA.split(", ")])


def to_article_record(row: dict[str, object]) -> Article:
    """An :class:`Article` back from a row of the articles table."""
    removed = tuple(RemovedLine(text, reason) for text, reason in json.loads(str(row.get("removed") or "[]")))
    fields = {name: _text(row.get(name)) for name in ARTICLE_FIELDS}
    return Article(id=str(fields.pop("id")), body=str(row["body"]), removed=removed,
                   **{k: v for k, v in fields.items() if k != "body"})
