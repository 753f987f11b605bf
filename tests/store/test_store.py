"""The store: articles in and out, conflicts, time order, search, sketches, links, stories, counts."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from akhbar.records import Article, RemovedLine
from akhbar.store import Provenance, Store, StoreError
from akhbar.store import store as store_module
from akhbar.store.schema import SCHEMA_VERSION
from akhbar.stories.boilerplate import LineCounts
from akhbar.stories.dedup import DuplicateIndex
from akhbar.stories.records import DuplicateLink, Story

ARTICLES = [
    Article("b", "قال الرئيس إن الحرب انتهت في المدينة.", title="نهاية الحرب", date="2018-02-19", source="X",
            url="http://x/b", path="f.jsonl:2", removed=(RemovedLine("اقرأ أيضا", "footer"),)),
    Article("a", "وصلت قوافل الإغاثة إلى حلب صباح اليوم.", title="قوافل", date="2018-02-18", source="Y"),
    Article("c", "خبر بلا تاريخ عن مؤتمر المانحين.", source="X"),
]


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "akhbar.db") as opened:
        yield opened


def test_articles_round_trip_in_time_order(store: Store) -> None:
    assert store.add_articles(ARTICLES).new == ("b", "a", "c")
    assert [a.id for a in store.articles()] == ["a", "b", "c"]  # by date, undated last
    assert store.article("b") == ARTICLES[0]
    assert [a.id for a in store.articles(ids=["c", "b", "zz"])] == ["b", "c"]
    assert list(store.article_ids()) == ["b", "a", "c"]  # ingest order


def test_same_id_is_unchanged_or_a_revision_never_two_articles(store: Store) -> None:
    store.add_articles(ARTICLES)
    result = store.upsert_articles([ARTICLES[1], replace(ARTICLES[0], body="نص آخر تماما."), ARTICLES[2]])
    assert (result.new, result.revised, result.unchanged) == ((), ("b",), ("a", "c"))
    assert result.previous == (ARTICLES[0],)
    assert store.article("b") == replace(ARTICLES[0], body="نص آخر تماما.")
    assert store.revision_of("b") == 2 and store.revision_of("a") == 1
    assert store.counts().articles == 3
    assert [(c.kind, c.id, c.action) for c in store.changes()] == [("article", "b", "revised")]
    assert store.search("المدينة") == [] and [a.id for a in store.search("نص آخر")] == ["b"]  # search row redone


def test_a_feed_entry_is_found_again_by_guid_or_canonical_url(store: Store) -> None:
    first = Article("https://x/1", "خبر عن حلب.", source="X")
    store.upsert_articles([first], provenance={first.id: Provenance(guid="g-1", canonical_url="https://x/a")})
    by_guid = replace(first, id="https://x/1?utm=feed", body="خبر عن حلب وريفها.")
    result = store.upsert_articles([by_guid], provenance={by_guid.id: Provenance(guid="g-1")})
    assert result.revised == ("https://x/1",) and result.aliases == (("https://x/1?utm=feed", "https://x/1"),)
    by_url = replace(first, id="other", body="خبر عن حلب وريفها.")
    result = store.upsert_articles([by_url], provenance={"other": Provenance(canonical_url="https://x/a")})
    assert result.unchanged == ("https://x/1",) and store.counts().articles == 1


def test_a_failed_transaction_leaves_nothing(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        store.add_articles(ARTICLES)
        raise RuntimeError("killed")
    assert store.counts().articles == 0


@pytest.mark.parametrize("fts", [True, False])
def test_search_matches_spelling_variants(tmp_path: Path, monkeypatch, fts: bool) -> None:
    monkeypatch.setattr(store_module, "has_fts5", lambda: fts)
    with Store(tmp_path / "s.db") as store:
        assert store.fts is fts
        store.add_articles(ARTICLES)
        assert [a.id for a in store.search("الحرب")] == ["b"]
        assert [a.id for a in store.search("اغاثة حلب")] == ["a"]  # no hamza, teh marbuta as written
        assert [a.id for a in store.search("قوافل")] == ["a"]  # the title
        assert store.search("طوكيو") == [] and store.search("...") == []


def test_sketches_and_links_round_trip(store: Store) -> None:
    store.add_articles(ARTICLES)
    index = DuplicateIndex()
    sketches = [index.sketch(a) for a in ARTICLES]
    store.put_sketches(sketches)
    assert list(store.sketches()) == sketches
    link = DuplicateLink("b", "a", "near", 0.83)
    store.put_duplicates([link])
    store.put_duplicates([replace(link, original="c")])
    assert list(store.duplicates()) == [replace(link, original="c")]
    with pytest.raises(sqlite3.IntegrityError):
        store.put_duplicates([DuplicateLink("nope", "a", "exact", 1.0)])  # foreign keys are on


def test_stories_are_replaced_whole(store: Store) -> None:
    store.add_articles(ARTICLES)
    store.put_duplicates([DuplicateLink("b", "a", "near", 0.9)])
    first = [Story("s1", ("a", "b"), ("X", "Y"), "2018-02-18", "2018-02-19", "حلب"), Story("s2", ("c",), ("X",),
                                                                                       None, None, "مانحون")]
    store.replace_stories(first)
    assert [s.id for s in store.stories()] == ["s1", "s2"]
    found = store.story("s1")
    assert found is not None and found.articles == ("a", "b") and found.title == "حلب" and found.size == 2
    assert found.duplicates == (DuplicateLink("b", "a", "near", 0.9),) and found.redirected_from is None
    assert store.story_of("c") == "s2" and store.story_of("zz") is None
    store.replace_stories([Story("s3", ("a", "b", "c"), ("X", "Y"), "2018-02-18", None, "كل شيء")])
    assert [s.id for s in store.stories()] == ["s3"] and store.story("s1") is None
    assert store.story_of("a") == "s3" and store.counts().stories == 1


def test_reports_are_cached_with_their_revision(store: Store) -> None:
    store.add_articles(ARTICLES)
    store.replace_stories([Story("s1", ("a", "b"), ("X", "Y"), "2018-02-18", "2018-02-19", "حلب")])
    assert store.stale_reports() == [("s1", 1)] and store.story_report("s1") is None
    store.put_story_report("s1", 1, {"summary": ["أ"]})
    cached = store.story_report("s1")
    assert cached is not None and cached.report == {"summary": ["أ"]} and not cached.stale
    assert store.stale_reports() == []
    store.upsert_articles([replace(ARTICLES[0], body="نص جديد.")])  # the story's article changed
    cached = store.story_report("s1")
    assert cached is not None and cached.stale and store.stale_reports() == [("s1", 2)]
    assert [(c.kind, c.id, c.action) for c in store.changes()] == [("article", "b", "revised"),
                                                                   ("story", "s1", "revised")]
    assert [c.id for c in store.changes(since=store.changes()[0].seq)] == ["s1"]
    store.put_story_report("s1", 2, {"summary": []})
    store.put_story_report("s1", 1, {"summary": ["قديم"]})  # a slower writer's older report is not kept
    cached = store.story_report("s1")
    assert cached is not None and cached.revision == 2 and cached.report == {"summary": []}


def test_a_reader_reads_while_a_writer_holds_the_lock(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with Store(path) as writer:
        writer.add_articles(ARTICLES[:1])
        with writer.transaction():
            writer.add_articles(ARTICLES[1:])
            with Store.open_readonly(path) as reader:  # never waits for the lock
                assert reader.counts().articles == 1  # the last committed state
                with pytest.raises(StoreError, match="read-only"), reader.transaction():
                    pass
        with Store.open_readonly(path) as reader:
            assert reader.counts().articles == 3
    with pytest.raises(StoreError, match="no such store"):
        Store.open_readonly(tmp_path / "missing.db")


def test_a_second_writer_waits_for_the_first(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    Store(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    with Store(path, busy_timeout=0.2) as impatient, pytest.raises(StoreError, match="write lock"):
        impatient.add_articles(ARTICLES)
    holder.execute("ROLLBACK")
    holder.close()


V1_SCHEMA = """
CREATE TABLE schema_version (version INTEGER NOT NULL);
INSERT INTO schema_version VALUES (1);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO settings VALUES ('fts', '0');
CREATE TABLE articles (id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, body TEXT NOT NULL, title TEXT, date TEXT,
    source TEXT, url TEXT, path TEXT, removed TEXT NOT NULL, exact_key TEXT NOT NULL, content_hash TEXT NOT NULL);
CREATE TABLE stories (id TEXT PRIMARY KEY, title TEXT NOT NULL, start TEXT, "end" TEXT, outlets TEXT NOT NULL,
    position INTEGER NOT NULL);
CREATE TABLE story_articles (story TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    article TEXT NOT NULL UNIQUE REFERENCES articles (id) ON DELETE CASCADE, position INTEGER NOT NULL,
    PRIMARY KEY (story, article));
INSERT INTO articles VALUES ('a', 1, 'نص', 'عنوان', '2018-02-18', 'X', NULL, NULL, '[]', 'k', 'h');
INSERT INTO articles VALUES ('b', 2, 'نص آخر', NULL, '2018-02-19', 'Y', NULL, NULL, '[]', 'k2', 'h2');
INSERT INTO stories VALUES ('story-a', 'عنوان', '2018-02-18', '2018-02-19', '["X", "Y"]', 0);
INSERT INTO story_articles VALUES ('story-a', 'a', 0), ('story-a', 'b', 1);
"""


def test_a_version_1_file_is_migrated_in_place(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    db = sqlite3.connect(path)
    db.executescript(V1_SCHEMA)
    db.close()
    with pytest.raises(StoreError, match="older"):
        Store.open_readonly(path)
    with Store(path) as store:
        story = store.story("story-a")
        assert story is not None and story.articles == ("a", "b") and story.size == 2 and story.revision == 1
        assert store.revision_of("a") == 1 and store.setting("stories_need_rebuild") == "1"
        assert store.stale_reports() == [("story-a", 1)]
    with Store.open_readonly(path) as reader:
        assert reader.counts().articles == 2
    assert sqlite3.connect(path).execute("SELECT version FROM schema_version").fetchone() == (SCHEMA_VERSION,)
    assert sqlite3.connect(path).execute("PRAGMA foreign_key_check").fetchall() == []


def test_line_counts_add_up_across_ingests(store: Store) -> None:
    store.add_line_counts(LineCounts({("X", "حقوق النشر محفوظة"): 2, ("Y", "شارك"): 1}, {"X": 3, "Y": 1}))
    store.add_line_counts(LineCounts({("X", "حقوق النشر محفوظة"): 5}, {"X": 6}))
    counts = store.line_counts()
    assert counts.lines == {("X", "حقوق النشر محفوظة"): 7, ("Y", "شارك"): 1}
    assert counts.articles == {"X": 9, "Y": 1}
    assert store.line_counts(min_count=2).lines == {("X", "حقوق النشر محفوظة"): 7}


def test_a_file_that_is_not_a_store_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("not a database, just text\n" * 100)
    with pytest.raises(StoreError, match="not an akhbar store"):
        Store(path)


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    Store(path).close()
    db = sqlite3.connect(path)
    db.execute("UPDATE schema_version SET version = 99")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="newer"):
        Store(path)


def test_reports_are_kept_compressed_and_older_plain_ones_still_read(store: Store) -> None:
    store.add_articles(ARTICLES)
    store.replace_stories([Story("s1", ("a", "b"), ("X", "Y"), "2018-02-18", "2018-02-19", "حلب")])
    long = {"summary": ["جملة تتكرر في التقرير. " * 40], "html": "<p>جملة تتكرر في التقرير.</p>" * 40}
    store.put_story_report("s1", 1, long)
    with sqlite3.connect(store.path) as db:
        kept = db.execute("SELECT report FROM story_reports WHERE story = 's1'").fetchone()[0]
    plain = json.dumps(long, ensure_ascii=False).encode()
    assert isinstance(kept, bytes) and len(kept) * 5 < len(plain)
    cached = store.story_report("s1")
    assert cached is not None and cached.report == long
    with sqlite3.connect(store.path) as db:  # as a file written before compression holds it
        db.execute("UPDATE story_reports SET report = ? WHERE story = 's1'", (plain.decode(),))
    cached = store.story_report("s1")
    assert cached is not None and cached.report == long
