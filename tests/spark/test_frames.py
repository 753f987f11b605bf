"""What the Spark workers compute, without Spark: cleaning, sketches, band keys, records back from rows."""

from __future__ import annotations

import pytest

from tests.spark.conftest import require_spark

pd = pytest.importorskip("pandas", reason="the spark extra is not installed")  # make test installs it

from akhbar.ingest import RawDocument, to_article  # noqa: E402
from akhbar.spark.frames import ShingleSettings, clean_batches, to_article_record  # noqa: E402
from akhbar.spark.minhash import band_keys, jaccard_sorted, link_similarity, lsh_shape  # noqa: E402
from akhbar.stories.dedup import sketch_article  # noqa: E402

SHINGLING = ShingleSettings(size=3, num_perm=128, bands=25, rows=5)
TEXT = "حلب\nقال المتحدث باسم الدفاع المدني إن القوات دخلت المدينة يوم الاثنين وإن القتال توقف."


def _batch(*rows: dict[str, object]) -> pd.DataFrame:
    base = {"title": None, "date": None, "source": None, "url": None, "path": "feed.jsonl"}
    return pd.DataFrame([{**base, **row, "seq": seq} for seq, row in enumerate(rows)])


def test_clean_batches_removes_noise_reads_feed_dates_and_reports_empty_texts() -> None:
    out = next(clean_batches(iter([_batch({"id": "a", "text": TEXT, "date": "Mon, 05 Dec 2016 21:35:43 +0400"},
                                          {"id": "b", "text": "   "})]), shingling=SHINGLING))
    good, bad = out.iloc[0], out.iloc[1]
    assert good["title"] == "حلب" and good["body"].startswith("قال المتحدث")
    assert good["date"] == "2016-12-05" and good["problem"] is None
    assert bad["id"] is None and "no article text" in bad["problem"] and bad["path"] == "feed.jsonl"


def test_rows_carry_the_library_sketch_and_come_back_as_the_same_article() -> None:
    row = next(clean_batches(iter([_batch({"id": "a", "text": TEXT, "source": "بترا"})]),
                             shingling=SHINGLING)).iloc[0].to_dict()
    article = to_article(RawDocument("a", TEXT, "feed.jsonl", source="بترا"))
    sketch = sketch_article(article)
    assert row["exact_key"] == sketch.exact_key
    assert [h & (2**64 - 1) for h in row["shingles"]] == sorted(int(h) for h in sketch.shingle_hashes())
    assert len(row["bands"]) == 25
    assert to_article_record(row) == article


def test_lsh_shape_is_datasketch_s_and_band_keys_differ_per_band() -> None:
    require_spark()
    import numpy as np

    assert lsh_shape(num_perm=128, threshold=0.5) == (25, 5)
    signature = np.arange(128, dtype=np.uint64)
    keys = band_keys(signature, bands=25, rows=5)
    assert len(set(keys)) == 25 and keys == band_keys(signature.copy(), bands=25, rows=5)
    assert band_keys(signature, bands=25, rows=5)[1:] == band_keys(
        np.concatenate([[7], signature[1:]]).astype(np.uint64), bands=25, rows=5)[1:]


@pytest.mark.parametrize(("a", "b", "expected"), [([1, 2, 3], [2, 3, 4], 0.5), ([], [], 1.0), ([1], [2], 0.0)])
def test_jaccard_of_hash_sets(a: list[int], b: list[int], expected: float) -> None:
    assert jaccard_sorted(a, b) == expected


def test_link_similarity_is_rounded_like_the_library() -> None:
    assert link_similarity([1, 2, 3], [1, 2, 3, 4, 5, 6]) == 0.5
    assert link_similarity([1, 2], [1, 2, 3]) == 0.6667
