"""Stories kept in a store: folded day by day as the batch makes them, ids kept, merges redirect, revisions
move with a change-log row, stale reports rebuilt, rebuild keeps every id, concurrent writers serialize."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import pytest

from akhbar.config import load_config
from akhbar.records import Article
from akhbar.store import Store
from akhbar.store.loader import ingest_into
from akhbar.store.state import Reach
from akhbar.store.update import refresh_reports, update_stories
from akhbar.stories.build import group_stories
from akhbar.stories.cluster import fold_all, reach, story_terms
from akhbar.stories.records import Story
from akhbar.stories.state import StoryChanges
from tests.store.test_ingest_cli import synthetic_corpus
from tests.stories.test_cli import OTHERS
from tests.stories.test_cluster import QUAKE, QUAKE_2, SUMMIT, SUMMIT_2

CONFIG = load_config()
MORE = [  # a few more articles over the days after the seeds' (2016-12)
    Article("quake_a", OTHERS["quake_a"], title="زلزال لومبوك", date="2016-12-20", source="A"),
    Article("summit_a", SUMMIT, date="2016-12-20", source="B"),
    Article("quake_b", OTHERS["quake_b"], date="2016-12-21", source="B"),
    Article("quake_c", QUAKE, date="2016-12-22", source="C"),
    Article("summit_b", SUMMIT_2, date="2016-12-22", source="A"),
    Article("football", OTHERS["football"], date="2016-12-23", source="C"),
    Article("quake_d", QUAKE_2, date="2016-12-30", source="D"),
]


def partition(groups: dict[str, list[str]] | list[Story]) -> set[frozenset[str]]:
    if isinstance(groups, dict):
        return {frozenset(v) for v in groups.values()}
    return {frozenset(s.articles) for s in groups}


def by_day(articles: list[Article]) -> list[list[Article]]:
    days: dict[str, list[Article]] = defaultdict(list)
    for a in articles:
        days[a.date or "~"].append(a)
    return [days[d] for d in sorted(days)]


@pytest.fixture
def articles(seed_articles: tuple[Article, ...]) -> list[Article]:
    return [*seed_articles, *MORE]


def test_fed_one_day_at_a_time_the_store_holds_the_batch_stories(articles: list[Article], tmp_path: Path) -> None:
    batch = group_stories(articles, config=CONFIG)
    with Store(tmp_path / "s.db") as store:
        seen: set[str] = set()
        for day in by_day(articles):
            ingest_into(store, day, config=CONFIG)
            update_stories(store, config=CONFIG)
            ids = store.story_ids()
            assert seen <= ids  # an id once shown is never lost
            assert all(store.story(i) is not None for i in seen)
            seen = ids
        assert partition({s: list(m) for s, m in store.story_members().items()}) == partition(list(batch.stories))
        assert {s.id for s in store.stories()} == {s.id for s in batch.stories}  # the same ids, too
        created = [c.id for c in store.changes() if c.action == "created"]
        assert len(created) == len(set(created)) == store.story_count()
        assert update_stories(store, config=CONFIG).folded == 0  # nothing new: nothing done


def test_the_saved_state_loads_back_as_the_fold_left_it(articles: list[Article], tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        ingest_into(store, articles, config=CONFIG)
        update_stories(store, config=CONFIG)
        held = list(store.articles())
        terms = {t for a in held for t in story_terms(a, title_weight=3, lead_words=60)}
        loaded = store.load_cluster_state(Reach(terms, None, True, (), reach(CONFIG.stories)),
                                          posting_cap=CONFIG.stories.posting_cap)
    from akhbar.stories.build import prepare_articles

    ready = prepare_articles(held, config=CONFIG, duplicates=())
    state, _ = fold_all(ready.articles, config=CONFIG.stories)
    assert loaded.documents == state.documents and loaded.df == state.df
    assert set(loaded.stories) == set(state.stories)
    for sid, story in state.stories.items():
        back = loaded.stories[sid]
        assert (back.first_day, back.last_day, back.size, back.opened) == (story.first_day, story.last_day,
                                                                             story.size, story.opened)
        assert back.centroid == pytest.approx(story.centroid) and back.norm2 == pytest.approx(story.norm2)
    assert {t: list(p) for t, p in loaded.index.postings_.items()} == {
        t: list(p)[-CONFIG.stories.posting_cap:] for t, p in state.index.postings_.items() if t in terms}


def test_the_store_keeps_no_more_postings_per_term_than_a_fold_reads(seed_articles, tmp_path: Path) -> None:
    import dataclasses

    config = dataclasses.replace(CONFIG, stories=dataclasses.replace(CONFIG.stories, posting_cap=2))
    with Store(tmp_path / "s.db") as store:
        for day in by_day([*seed_articles, *MORE]):
            ingest_into(store, day, config=config)
            update_stories(store, config=config)
        counts = [n for _, n in store._db.execute("SELECT term, count(*) FROM story_postings GROUP BY term")]
    assert counts and max(counts) == 2


def test_a_revised_article_moves_its_story_and_stales_its_report(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        ingest_into(store, MORE[:3], config=CONFIG)
        update_stories(store, config=CONFIG)
        quake = store.story("story-quake_a")
        assert quake is not None and quake.articles == ("quake_a", "quake_b") and quake.revision == 1
        assert refresh_reports(store, config=CONFIG) == 2 and store.stale_reports() == []
        cached = store.story_report("story-quake_a")
        assert cached is not None and "<section" in cached.report["html"] and cached.report["report"]["summary"]
        since = store.last_change()
        summary = ingest_into(store, [replace(MORE[2], body=MORE[2].body + "\nوارتفع عدد القتلى إلى 20 شخصا.")],
                              config=CONFIG)
        assert summary.revised == ("quake_b",) and summary.new == 0
        assert [(c.kind, c.id, c.action) for c in store.changes(since)] == [("article", "quake_b", "revised"),
                                                                           ("story", "story-quake_a", "revised")]
        assert store.story("story-quake_a").revision == 2  # type: ignore[union-attr]
        assert store.stale_reports() == [("story-quake_a", 2)]
        assert refresh_reports(store, config=CONFIG) == 1  # only the story that changed
        cached = store.story_report("story-quake_a")
        assert cached is not None and cached.revision == 2 and "20" in json.dumps(cached.report, ensure_ascii=False)
        ingest_into(store, MORE[3:4], config=CONFIG)  # grows the quake story
        assert update_stories(store, config=CONFIG).changed == ("story-quake_a",)
        assert [(c.id, c.action) for c in store.changes(store.last_change() - 1)] == [("story-quake_a", "grown")]


def test_a_merged_story_redirects_and_chains_are_flattened(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        ingest_into(store, MORE, config=CONFIG)
        update_stories(store, config=CONFIG)
        live = sorted(s.id for s in store.stories())
        a, b, c = live[:3]
        state = store.load_cluster_state(Reach((), None, True, (), 45), posting_cap=60)
        for old, into in ((b, c), (c, a)):  # b -> c, then c -> a: b must then point to a
            generation = store.fold_generation()
            assert store.save_fold(state, StoryChanges(merged=((old, into),)), [], at="t", generation=generation)
        assert not store.save_fold(state, StoryChanges(), [], at="t", generation=generation)  # a stale fold
        found = store.story(b)
        assert found is not None and found.id == a and found.redirected_from == b
        assert {s.id for s in store.stories()} == set(live) - {b, c}
        assert [(x.id, x.action, x.into) for x in store.changes() if x.action == "merged"] == [(b, "merged", c),
                                                                                             (c, "merged", a)]
        merged_into = dict(sqlite3.connect(tmp_path / "s.db").execute("SELECT id, merged_into FROM stories"))
        assert merged_into[b] == merged_into[c] == a


def test_rebuild_keeps_every_id(articles: list[Article], tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        ingest_into(store, articles, config=CONFIG)
        update_stories(store, config=CONFIG)
        before = {s.id: s.articles for s in store.stories()}
        quake = next(s for s in before if "quake_a" in before[s])
        # Split the quake story by hand, as an older clustering might have: a rebuild joins it again.
        members = before[quake]
        store.replace_stories([Story(quake, members[:1], (), None, None, "أ"),
                               Story("story-old-half", members[1:], (), None, None, "ب"),
                               *[Story(s, m, (), None, None, "ج") for s, m in before.items() if s != quake]])
        done = update_stories(store, config=CONFIG, rebuild=True)
        assert done.rebuilt and done.merged == 1
        after = {s.id: s.articles for s in store.stories()}
        # The joined story takes the old id that holds most of its articles (3 of 4); the other redirects.
        assert after == {("story-old-half" if s == quake else s): m for s, m in before.items()}
        moved = store.story(quake)
        assert moved is not None and moved.id == "story-old-half" and moved.redirected_from == quake


def test_a_version_1_store_is_rebuilt_once_and_keeps_its_ids(tmp_path: Path) -> None:
    from tests.store.test_store import V1_SCHEMA

    path = tmp_path / "v1.db"
    db = sqlite3.connect(path)
    db.executescript(V1_SCHEMA)
    db.close()
    with Store(path) as store:
        done = update_stories(store, config=CONFIG)
        assert done.rebuilt and store.setting("stories_need_rebuild") is None
        assert store.story("story-a") is not None
        assert not update_stories(store, config=CONFIG).rebuilt


def test_two_ingests_at_once_link_across_each_other_and_count_copies_once(tmp_path: Path) -> None:
    corpus = synthetic_corpus(tmp_path, 800)
    db = tmp_path / "both.db"
    command = [sys.executable, "-m", "akhbar", "ingest"]
    runs = [subprocess.Popen([*command, str(corpus / f"part-{p}.jsonl"), str(corpus / f"part-{p + 1}.jsonl"),
                              "--db", str(db)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for p in (0, 2)]
    for run in runs:
        _, stderr = run.communicate(timeout=300)
        assert run.returncode == 0, stderr
    whole = tmp_path / "whole.db"
    done = subprocess.run([*command, str(corpus), "--db", str(whole)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    links = "SELECT article, original, kind FROM duplicates ORDER BY article"
    both, alone = sqlite3.connect(db), sqlite3.connect(whole)
    assert both.execute(links).fetchall() == alone.execute(links).fetchall()  # no link lost
    counted = "SELECT SUM(count) FROM outlet_articles"
    copies = both.execute("SELECT COUNT(*) FROM duplicates").fetchone()[0]
    assert both.execute(counted).fetchone()[0] == 800 - copies  # each copy left out of the counts, once


def _count(db: Path, table: str) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.05) as conn:
            return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
    except sqlite3.Error:
        return 0


def _stories(db: Path) -> list[tuple]:
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT s.id, s.size, s.merged_into, GROUP_CONCAT(a.article) FROM stories s "
                        "LEFT JOIN story_articles a ON a.story = s.id GROUP BY s.id ORDER BY s.id").fetchall()
    conn.close()
    return rows


def test_a_killed_stories_run_completed_by_a_rerun_equals_an_uninterrupted_one(tmp_path: Path) -> None:
    import signal
    import time

    corpus = synthetic_corpus(tmp_path, 600)
    command = [sys.executable, "-m", "akhbar", "stories", "--no-facts", "-f", "json", "-o", str(tmp_path / "o.json")]
    whole, killed = tmp_path / "whole.db", tmp_path / "killed.db"
    done = subprocess.run([*command, str(corpus), "--db", str(whole)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    process = subprocess.Popen([*command, str(corpus), "--db", str(killed)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    while _count(killed, "story_reports") < 3 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert 0 < _count(killed, "story_reports") < _count(whole, "story_reports"), "killed part-way through the reports"
    rerun = subprocess.run([*command, "--db", str(killed)], capture_output=True, text=True, check=False)
    assert rerun.returncode == 0, rerun.stderr
    assert _stories(killed) == _stories(whole)
    assert _count(killed, "story_reports") == _count(whole, "story_reports")
    assert _count(killed, "changes") == _count(whole, "changes")  # nothing logged twice
