"""On real news (ANT, skipped without ../shared): the store's duplicate index links what the in-memory index
links, with ANT's articles arriving day by day as a watcher receives them."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import pytest

from akhbar.config import Config, DedupConfig
from akhbar.records import Article
from akhbar.store import Store
from akhbar.store.loader import ingest_into
from akhbar.stories.dedup import DuplicateIndex, find_duplicates
from tests.stories.conftest import first_ant_articles

N = 4000


@pytest.fixture(scope="module")
def ant_4000() -> list[Article]:
    return first_ant_articles(N)


def test_store_and_memory_link_the_same_ant_articles(ant_4000: list[Article], tmp_path: Path) -> None:
    by_day: dict[str, list[Article]] = defaultdict(list)
    for article in ant_4000:
        by_day[article.date or ""].append(article)
    batches = [by_day[day] for day in sorted(by_day)]
    index = DuplicateIndex()
    memory_changed: Counter[str] = Counter()
    stored_changed: Counter[str] = Counter()
    with Store(tmp_path / "ant.db") as store:
        for batch in batches:
            index.partial_fit([index.sketch(a) for a in batch])
            memory_changed.update(link.kind for link in index.changed_)
            summary = ingest_into(store, batch, config=Config())
            stored_changed.update(exact=summary.exact, near=summary.near)
        links = list(store.duplicates())
        copies = {row[0] for row in store._db.execute("SELECT article FROM dedup_copies")}
    assert links == sorted(index.links_.values(), key=lambda x: x.article)
    assert links == find_duplicates(ant_4000, config=DedupConfig())
    assert copies == index.copies_ and +stored_changed == +memory_changed
    kinds = Counter(link.kind for link in links)
    assert kinds["near"] >= 10 and kinds["exact"] >= 10, kinds  # real copies were found (12 near, 14 exact), both kinds
