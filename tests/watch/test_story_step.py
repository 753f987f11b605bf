"""The watcher's story step: a poll rebuilds the reports of its smallest changed stories within a budget,
the larger ones right after (catch_up, which stops when a poll is waiting), and the text caches are
emptied once they grow large."""

from __future__ import annotations

from pathlib import Path

from akhbar.config import load_config
from akhbar.store import Store
from akhbar.store.loader import ingest_into
from akhbar.store.update import within_budget
from akhbar.text.stem import light_stem
from akhbar.watch.memory import cached_entries, trim_caches
from akhbar.watch.stories import keep_stories_current
from tests.store.test_update import MORE

CONFIG = load_config()


def test_the_budget_takes_the_smallest_stories_first() -> None:
    stale = [("big", 1, 200), ("one", 3, 1), ("mid", 2, 40), ("two", 1, 2)]
    assert [s for s, _, _ in within_budget(stale, 45)] == ["one", "two", "mid"]
    assert [s for s, _, _ in within_budget(stale, 2)] == ["one"]
    assert within_budget(stale, 0) == []


def test_large_stories_are_rebuilt_after_the_poll_and_stale_until_then(tmp_path: Path) -> None:
    keeper = keep_stories_current(CONFIG, facts=False, budget=1)  # one article's report in the poll
    with Store(tmp_path / "s.db") as store:
        ingest_into(store, MORE[:3], config=CONFIG)  # a story of two articles (quake_a, quake_b) and a lone one
        account = keeper(store)
        assert "1 reports rebuilt" in account
        assert store.stale_reports() == [("story-quake_a", 1)]  # the larger one waits: the list is current
        assert store.story("story-quake_a").size == 2  # type: ignore[union-attr]
        assert keeper.catch_up(store, lambda: True) == "1 reports rebuilt after the poll, 0 still stale"
        assert store.stale_reports() == [] and keeper.catch_up(store) is None  # nothing left to do
        ingest_into(store, MORE[3:6], config=CONFIG)  # the quake story grows, the summit one too
        keeper(store)
        waiting = store.stale_reports()
        assert waiting and keeper.catch_up(store, lambda: True).startswith("1 reports rebuilt")  # type: ignore[union-attr]
        assert len(store.stale_reports()) == len(waiting) - 1  # interrupted after one report
        keeper.catch_up(store)
        assert store.stale_reports() == []
        cached = store.story_report("story-quake_a")
        assert cached is not None and not cached.stale and cached.report["report"]["summary"]


def test_a_poll_that_built_all_its_reports_leaves_no_backlog_to_look_for(tmp_path: Path, monkeypatch) -> None:
    keeper = keep_stories_current(CONFIG, facts=False, budget=None)
    with Store(tmp_path / "s.db") as store:
        ingest_into(store, MORE[:3], config=CONFIG)
        keeper(store)
        assert keeper.catch_up(store) is None and not keeper.behind  # caught up: nothing was left
        looked: list[object] = []
        whole = store.stale_report_sizes

        def counted(**kwargs):  # type: ignore[no-untyped-def]
            looked.append(kwargs.get("ids"))
            return whole(**kwargs)

        monkeypatch.setattr(store, "stale_report_sizes", counted)
        asked: list[object] = []
        monkeypatch.setattr(store, "stale_reports", lambda **kwargs: asked.append(kwargs) or [])
        ingest_into(store, MORE[3:6], config=CONFIG)
        keeper(store)
        assert looked and all(ids is not None for ids in looked)  # only the stories this poll changed
        assert len(looked) == 1 and not asked  # once: the reports built say what is left stale
        monkeypatch.undo()
        assert not keeper.behind and keeper.catch_up(store) is None and store.stale_reports() == []
        keeper.budget = 1  # the next poll's larger stories wait: a backlog again
        ingest_into(store, MORE[6:], config=CONFIG)
        keeper(store)
        assert store.stale_reports() and keeper.behind


def test_the_text_caches_are_emptied_once_large() -> None:
    for word in ("الحكومة", "والحكومة", "بالحكومة"):
        light_stem(word)
    held = cached_entries()
    assert held >= 3
    assert trim_caches(above=held + 10) == 0 and cached_entries() == held  # small: kept
    assert trim_caches(above=0) == held and cached_entries() == 0


def test_a_spare_worker_builds_a_larger_story_in_the_poll(tmp_path: Path) -> None:
    from akhbar.store.update import refresh_reports_left, update_stories

    with Store(tmp_path / "s.db") as store:
        ingest_into(store, MORE[:3], config=CONFIG)  # a story of two articles (quake_a, quake_b) and a lone one
        changed = update_stories(store, config=CONFIG).changed
        # budget 1: the lone article's report; the spare worker takes the story of two beside it
        assert refresh_reports_left(store, config=CONFIG, workers=2, ids=changed, budget=1, spare=1) == (2, 0)
        assert store.stale_reports() == []
        ingest_into(store, MORE[3:6], config=CONFIG)
        changed = update_stories(store, config=CONFIG).changed
        built, left = refresh_reports_left(store, config=CONFIG, workers=2, ids=changed, budget=1, spare=0)
        assert built > 0 and left == len(store.stale_reports(ids=changed)) > 0  # without it the larger ones wait
