"""The store: articles in and out, conflicts, time order, search, sketches, links, stories, counts."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from akhbar.records import Article, RemovedLine
from akhbar.store import Store, StoreError
from akhbar.store import store as store_module
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


def test_same_id_is_unchanged_or_a_conflict_and_the_stored_article_is_kept(store: Store) -> None:
    store.add_articles(ARTICLES)
    result = store.add_articles([ARTICLES[1], replace(ARTICLES[0], body="نص آخر تماما."), ARTICLES[2]])
    assert (result.new, result.unchanged, result.conflicts) == ((), ("a", "c"), ("b",))
    assert store.article("b") == ARTICLES[0]
    assert store.counts().articles == 3


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
    assert store.story("s1") == replace(first[0], duplicates=(DuplicateLink("b", "a", "near", 0.9),))
    assert store.story_of("c") == "s2" and store.story_of("zz") is None
    store.replace_stories([Story("s3", ("a", "b", "c"), ("X", "Y"), "2018-02-18", None, "كل شيء")])
    assert [s.id for s in store.stories()] == ["s3"] and store.story("s1") is None
    assert store.story_of("a") == "s3" and store.counts().stories == 1


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
