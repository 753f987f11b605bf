"""The first 2,000 ANT articles (file order), read once for the tests that mix the seeds into real news."""

from __future__ import annotations

import pytest

from akhbar.records import Article
from tests.data_paths import require_ant


def first_ant_articles(n: int) -> list[Article]:
    """The first ``n`` ANT articles in file order (the test is skipped without the archive)."""
    from akhbar.eval.stories import ant_documents
    from akhbar.ingest import to_article

    path = require_ant()
    documents = []
    for doc in ant_documents(path, []):
        documents.append(doc)
        if len(documents) == n:
            break
    return [a for a in (to_article(d) for d in documents) if isinstance(a, Article)]


@pytest.fixture(scope="session")
def ant_2000() -> list[Article]:
    return first_ant_articles(2000)
