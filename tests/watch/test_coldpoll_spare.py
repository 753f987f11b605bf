"""A watcher with two workers builds, beside a poll's small stories, as many larger ones as it has workers
when its reports have facts (a large story's report is then two tasks the workers share:
akhbar.store.report_pool), one fewer without."""

from __future__ import annotations

from pathlib import Path

import pytest

from akhbar.config import load_config
from akhbar.records import Article
from akhbar.store import Store
from akhbar.store.loader import ingest_into
from akhbar.store.update import refresh_reports_left, update_stories
from akhbar.watch.stories import keep_stories_current
from tests.store.test_update import MORE

CONFIG = load_config()


def test_a_poll_builds_one_larger_story_per_worker(tmp_path: Path, seed_articles: tuple[Article, ...],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import akhbar.store.report_pool as pool

    monkeypatch.setattr(pool, "start_report_server", lambda: None)  # the pools below fork: no server needed
    assert keep_stories_current(CONFIG, workers=1).spare == 0
    assert keep_stories_current(CONFIG, workers=2, facts=False).spare == 1  # whole reports: one worker left
    keeper = keep_stories_current(CONFIG, workers=2, facts=False, budget=3)
    for spare, left in ((2, 0), (1, 1)):
        with Store(tmp_path / f"s{spare}.db") as store:
            ingest_into(store, (*seed_articles, *MORE), config=CONFIG)
            changed = update_stories(store, config=CONFIG).changed
            sizes = sorted(size for _, _, size in store.stale_report_sizes(ids=set(changed)))
            assert sizes == [1, 1, 1, 4, 5]  # three lone articles (the budget), the quake and Aleppo stories
            assert refresh_reports_left(store, config=CONFIG, settings=keeper.settings, workers=2, ids=changed,
                                        budget=keeper.budget, spare=spare) == (5 - left, left)
