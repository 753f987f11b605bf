"""Storylines kept in a store: folded day by day as the batch makes them, ids kept, merged storylines
pointing to the one they joined, nothing refolded when nothing changed; on real ANT days too."""

from __future__ import annotations

import itertools
import json
import sqlite3
from pathlib import Path

import pytest

from akhbar.config import load_config
from akhbar.records import Article
from akhbar.store import Store, StoreError
from akhbar.store.loader import ingest_into
from akhbar.store.schema import SCHEMA_VERSION
from akhbar.store.storylines import stored_storyline, stored_storylines, update_storylines
from akhbar.store.update import update_stories
from akhbar.stories.build import group_stories
from akhbar.stories.linefold import StorylineState, StoryVector, update
from tests.data_paths import ANT, needs_ant
from tests.store.test_update import MORE, by_day
from tests.stories.test_storylines import ADMISSION, INQUIRY, MISSING

CONFIG = load_config()
KHASHOGGI = [
    Article("k1", MISSING[1], title=MISSING[0], date="2016-12-24", source="A"),
    Article("k2", INQUIRY[1], title=INQUIRY[0], date="2016-12-26", source="B"),
    Article("k3", ADMISSION[1], title=ADMISSION[0], date="2016-12-29", source="C"),
]

LINE_COUNTERS = ("opened", "touched", "size", "norm2")  # storyline_state columns since schema version 4


def _lines_by_articles(lines: dict[str, tuple[str, ...]], members: dict[str, tuple[str, ...]]) -> set[frozenset[str]]:
    """Storylines as sets of articles (a storyline's stories' members): comparable whatever the story ids."""
    return {frozenset(a for story in stories for a in members.get(story, ())) for stories in lines.values()}


def _replay(articles: list[Article], path: Path) -> tuple[Store, list[str]]:
    store = Store(path)
    shown: list[str] = []
    for day in by_day(articles):
        ingest_into(store, day, config=CONFIG)
        update_stories(store, config=CONFIG)
        update_storylines(store, config=CONFIG)
        shown += [line.id for line in stored_storylines(store)]
    return store, shown


def _batch(articles: list[Article]) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    batch = group_stories(articles, config=CONFIG)
    return ({line.id: line.stories for line in batch.storylines}, {s.id: s.articles for s in batch.stories})


def test_fed_one_day_at_a_time_the_store_holds_the_batch_storylines(seed_articles, tmp_path: Path) -> None:
    articles = [*seed_articles, *MORE, *KHASHOGGI]
    store, shown = _replay(articles, tmp_path / "s.db")
    with store:
        lines, members = _batch(articles)
        kept = {line.id: line.stories for line in stored_storylines(store)}
        assert kept == lines  # the same storylines, with the same ids and stories
        assert _lines_by_articles(kept, store.story_members()) == _lines_by_articles(lines, members)
        khashoggi = {store.story_of(a) for a in ("k1", "k2", "k3")}
        assert len({store.story(s).storyline for s in khashoggi if s}) == 1  # three events, one storyline
        for line_id in shown:  # an id once shown is never lost
            assert stored_storyline(store, line_id) is not None
        for story in store.stories():
            assert story.storyline is not None and story.id in kept[story.storyline]
        created = [c.id for c in store.changes() if c.kind == "storyline" and c.action == "created"]
        assert len(created) == len(set(created))
        assert update_storylines(store, config=CONFIG).folded == 0  # nothing changed: nothing folded


def test_only_the_changed_stories_are_folded(seed_articles, tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        ingest_into(store, [*seed_articles, *MORE], config=CONFIG)
        update_stories(store, config=CONFIG)
        first = update_storylines(store, config=CONFIG)
        assert first.folded == store.story_count()
        ingest_into(store, KHASHOGGI, config=CONFIG)
        update_stories(store, config=CONFIG)
        later = update_storylines(store, config=CONFIG)
        events = {store.story_of(a) for a in ("k1", "k2", "k3")}
        assert later.folded == len(events) and later.created == 1  # only the new events, in one new storyline


def _vector(*terms: str) -> dict[str, float]:
    return {t: 1 / len(terms) ** 0.5 for t in terms}


def test_a_storyline_left_empty_by_a_story_merge_points_to_the_storyline_it_joined() -> None:
    config = CONFIG.stories
    a = StoryVector("story-a", 10, 10, _vector("خاشقجي", "القنصلية", "اسطنبول"))
    b = StoryVector("story-b", 11, 11, _vector("ليفربول", "روما", "صلاح"))
    state, changes = update(StorylineState(), [a, b], config=config)
    assert set(changes.created) == {"line-story-a", "line-story-b"}
    grown = StoryVector("story-a", 10, 12, _vector("خاشقجي", "القنصلية", "اسطنبول", "ليفربول"))
    state, changes = update(state, [grown], [("story-b", "story-a")], config=config)
    assert changes.merged == (("line-story-b", "line-story-a"),)
    assert state.resolve("line-story-b") == "line-story-a" and "story-b" not in state.placed
    assert state.lines["line-story-a"].size == 1


def test_a_grown_story_stays_in_its_storyline_and_a_lone_one_may_join_another() -> None:
    config = CONFIG.stories
    a = StoryVector("story-a", 10, 10, _vector("خاشقجي", "القنصلية", "اسطنبول"))
    b = StoryVector("story-b", 11, 11, _vector("ليفربول", "روما", "صلاح"))
    c = StoryVector("story-c", 12, 12, _vector("ليفربول", "روما", "صلاح", "كلوب"))
    state, _ = update(StorylineState(), [a, b, c], config=config)
    assert state.placed["story-c"][0] == "line-story-b"
    # story-a grows into the words of the other storyline: it was shown in its own, alone, and now joins
    moved = StoryVector("story-a", 10, 13, _vector("ليفربول", "روما", "صلاح", "كلوب"))
    state, changes = update(state, [moved], config=config)
    assert changes.merged == (("line-story-a", "line-story-b"),)
    # story-c grows away: it keeps its storyline (shown ids are promises)
    away = StoryVector("story-c", 12, 14, _vector("موازنة", "الحكومة"))
    state, changes = update(state, [away], config=config)
    assert state.placed["story-c"][0] == "line-story-b" and not changes.merged


def _ant_days(first: str, last: str, limit: int) -> list[Article]:
    from akhbar.eval.stories import ant_documents

    days = (doc for doc in ant_documents(ANT, []) if doc.date is not None and first <= doc.date <= last)
    return [Article(doc.id, doc.text, title=doc.title, date=doc.date, source=doc.source) for doc in days][:limit]


@needs_ant
def test_a_replay_of_real_ant_days_gives_the_batch_storylines(seed_articles, tmp_path: Path) -> None:
    articles = [*_ant_days("2018-03-01", "2018-03-05", 400), *itertools.islice(seed_articles, 5)]
    store, _ = _replay(articles, tmp_path / "ant.db")
    with store:
        lines, members = _batch(articles)
        stored_members = store.story_members()
        kept = {line.id: line.stories for line in stored_storylines(store)}
        assert len(lines) > 20
        # The same storylines, as sets of articles. Their ids may differ where an event merge crossed days
        # (a story the batch sees whole was two stories when the storyline opened): they agree on most.
        assert _lines_by_articles(kept, stored_members) == _lines_by_articles(lines, members)
        same = sum(1 for line_id, stories in lines.items() if kept.get(line_id) == stories)
        assert same >= 0.95 * len(lines)


def test_with_a_small_posting_cap_the_store_keeps_as_few_entries_per_term_as_the_batch(
        seed_articles, tmp_path: Path) -> None:
    import dataclasses

    from akhbar.stories.lineindex import LinePostings

    config = dataclasses.replace(CONFIG, stories=dataclasses.replace(CONFIG.stories, posting_cap=1))
    articles = [*seed_articles, *MORE, *KHASHOGGI]
    with Store(tmp_path / "s.db") as store:
        for day in by_day(articles):
            ingest_into(store, day, config=config)
            update_stories(store, config=config)
            update_storylines(store, config=config)
        batch = group_stories(articles, config=config)
        assert {line.id: line.stories for line in stored_storylines(store)} == {
            line.id: line.stories for line in batch.storylines}
        rows = store._db.execute("SELECT term, count(*) FROM storyline_postings GROUP BY term").fetchall()
        assert rows and max(count for _, count in rows) <= LinePostings.KEEP * 1
        assert any(count == LinePostings.KEEP for _, count in rows)  # the cap was reached, and held


def test_a_store_of_the_release_before_gets_its_index_ordered(seed_articles, tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        ingest_into(store, [*seed_articles, *MORE], config=CONFIG)
        update_stories(store, config=CONFIG)
        with store.transaction():  # the index as the release before wrote it: no order
            store._db.execute("CREATE TABLE storyline_postings (term TEXT NOT NULL, storyline TEXT NOT NULL, "
                              "PRIMARY KEY (term, storyline)) WITHOUT ROWID")
            store._db.execute("INSERT INTO storyline_postings VALUES ('حلب', 'line-gone')")
        update_storylines(store, config=CONFIG)
        columns = {row[1] for row in store._db.execute("PRAGMA table_info(storyline_postings)")}
        assert "touched" in columns
        assert store._db.execute("SELECT touched FROM storyline_postings WHERE storyline = 'line-gone'"
                                 ).fetchone() == (0,)
        assert all(s.storyline for s in store.stories())


def test_a_rebuild_folds_the_storylines_again_and_keeps_their_ids(seed_articles, tmp_path: Path) -> None:
    import dataclasses

    articles = [*seed_articles, *MORE, *KHASHOGGI]
    apart = dataclasses.replace(CONFIG, stories=dataclasses.replace(CONFIG.stories, line_threshold=1.0))
    with Store(tmp_path / "s.db") as store:
        for day in by_day(articles):  # first with settings that leave every story alone
            ingest_into(store, day, config=apart)
            update_stories(store, config=apart)
            update_storylines(store, config=apart)
        before = {line.id for line in stored_storylines(store)}
        assert len(before) == store.story_count()
        update_stories(store, config=CONFIG, rebuild=True)
        done = update_storylines(store, config=CONFIG, rebuild=True)
        lines, members = _batch(articles)
        kept = {line.id: line.stories for line in stored_storylines(store)}
        assert _lines_by_articles(kept, store.story_members()) == _lines_by_articles(lines, members)
        khashoggi = {store.story(store.story_of(a)).storyline for a in ("k1", "k2", "k3")}
        assert len(khashoggi) == 1 and khashoggi <= before  # joined again, under one of the ids shown
        assert done.merged == len(before) - len(kept)
        for line_id in before:  # no id shown before answers nothing
            assert stored_storyline(store, line_id) is not None
        assert update_storylines(store, config=CONFIG).folded == 0


def _downgrade_to_3(path: Path) -> None:
    """What a version-3 store looks like: the storyline counters inside the state's JSON, no columns."""
    db = sqlite3.connect(path)
    rows = db.execute("SELECT storyline, state, opened, touched, size, norm2 FROM storyline_state").fetchall()
    for line, text, opened, touched, size, norm2 in rows:
        data = {**json.loads(text), "opened": opened, "touched": touched, "size": size, "norm2": norm2}
        db.execute("UPDATE storyline_state SET state = ? WHERE storyline = ?", (json.dumps(data), line))
    for column in LINE_COUNTERS:
        db.execute(f"ALTER TABLE storyline_state DROP COLUMN {column}")
    db.execute("UPDATE schema_version SET version = 3")
    db.commit()
    db.close()


def _line_tables(path: Path) -> dict[str, list[tuple[object, ...]]]:
    db = sqlite3.connect(path)
    found = {table: db.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
             for table in ("storyline_stories", "storyline_postings")}
    found["storylines"] = db.execute('SELECT id, title, start, "end", outlets, size, revision, merged_into '
                                     "FROM storylines ORDER BY id").fetchall()  # not when they were written
    found["storyline_state"] = [(line, json.loads(text)["centroid"], *rest) for line, text, *rest in db.execute(
        f"SELECT storyline, state, first_day, last_day, {', '.join(LINE_COUNTERS)} FROM storyline_state ORDER BY 1")]
    db.close()
    return found


def test_a_version_3_store_gets_its_storyline_counters_as_columns(seed_articles, tmp_path: Path) -> None:
    days = by_day([*seed_articles, *MORE, *KHASHOGGI])
    old, new = tmp_path / "old.db", tmp_path / "new.db"
    for path in (old, new):
        with Store(path) as store:
            for day in days[:-1]:
                ingest_into(store, day, config=CONFIG)
                update_stories(store, config=CONFIG)
                update_storylines(store, config=CONFIG)
    before = _line_tables(new)
    assert before["storyline_state"] and all(row[4] >= 1 for row in before["storyline_state"])  # opened, counted
    _downgrade_to_3(old)
    with pytest.raises(StoreError, match="older"):
        Store.open_readonly(old)
    with Store(old):
        pass
    assert sqlite3.connect(old).execute("SELECT version FROM schema_version").fetchone() == (SCHEMA_VERSION,)
    assert _line_tables(old) == before  # the counters copied out of the JSON
    states = [json.loads(text) for (text,) in sqlite3.connect(old).execute("SELECT state FROM storyline_state")]
    assert states and not any(set(LINE_COUNTERS) & set(state) for state in states)  # ... and out of it
    for path in (old, new):  # and the next fold reads them as it reads a new store's
        with Store(path) as store:
            ingest_into(store, days[-1], config=CONFIG)
            update_stories(store, config=CONFIG)
            update_storylines(store, config=CONFIG)
    assert _line_tables(old) == _line_tables(new)
