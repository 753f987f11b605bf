"""The first 2,000 ANT articles (file order), read once for the tests that mix the seeds into real news."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from akhbar.records import Article


def ant_path() -> Path | None:
    root = Path(os.environ.get("AKHBAR_DATA", Path(__file__).resolve().parents[2].parent / "shared" / "data"))
    path = root / "ant_v21" / "articles.jsonl.gz"
    return path if path.is_file() else None


def first_ant_articles(n: int) -> list[Article]:
    """The first ``n`` ANT articles in file order (the test is skipped without the archive)."""
    from akhbar.eval.stories import ant_documents
    from akhbar.ingest import to_article

    path = ant_path()
    if path is None:
        pytest.skip("ANT archive not found (../shared/data or AKHBAR_DATA)")
    documents = []
    for doc in ant_documents(path, []):
        documents.append(doc)
        if len(documents) == n:
            break
    return [a for a in (to_article(d) for d in documents) if isinstance(a, Article)]


@pytest.fixture(scope="session")
def ant_2000() -> list[Article]:
    return first_ant_articles(2000)
