"""Story search ranks by relevance (BM25, titles weighted, words together counted more), not by date: on real
ANT articles «محمد صلاح» brings the stories about him first, not those about محمد رمضان (skips without ANT)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from akhbar.config import load_config
from akhbar.ingest import to_article
from akhbar.ingest.readers import RawDocument
from akhbar.records import Article
from akhbar.serve.search import rank_stories
from akhbar.serve.stories import list_stories
from akhbar.store import Store
from akhbar.store.loader import ingest_into
from akhbar.store.reads import ArticleHit, article_hits
from akhbar.store.update import update_stories
from tests.data_paths import require_ant


def test_a_story_scores_its_best_articles_and_words_together_count_more() -> None:
    hits = [ArticleHit("a1", "crowd", 1.0), ArticleHit("a2", "crowd", 1.0), ArticleHit("a3", "crowd", 1.0),
            ArticleHit("a4", "crowd", 1.0), ArticleHit("b1", "one", 2.5),
            ArticleHit("c1", "phrase", 1.5, phrase=True)]
    ranked = rank_stories(hits, best=3, phrase_boost=2.0)
    assert [story for story, _ in ranked] == ["crowd", "phrase", "one"]  # 3.0 (best three), 3.0, 2.5
    assert ranked[0][1] == pytest.approx(3.0)
    assert [s for s, _ in rank_stories(hits, best=1, phrase_boost=2.0)] == ["phrase", "one", "crowd"]


def _fixture_articles(path: Path) -> list[Article]:
    """Every ANT article naming محمد رمضان, the first 60 naming محمد صلاح, and 400 others (by id order)."""
    salah: list[dict] = []
    ramadan: list[dict] = []
    others: list[dict] = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            text = f"{record.get('title') or ''} {record['text']}"
            if "محمد رمضان" in text:
                ramadan.append(record)
            elif "محمد صلاح" in text and len(salah) < 60:
                salah.append(record)
            elif len(others) < 400 and "صلاح" not in text:
                others.append(record)
    articles = []
    for record in [*salah, *ramadan, *others]:
        made = to_article(RawDocument(record["id"], record["text"], "ant", title=record.get("title"),
                                      date=record.get("time"), source=record.get("source")))
        if isinstance(made, Article):
            articles.append(made)
    return articles


@pytest.fixture(scope="module")
def ant_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = require_ant()
    db = tmp_path_factory.mktemp("search") / "ant.db"
    config = load_config()
    with Store(db) as store:
        ingest_into(store, _fixture_articles(path), config=config)
        update_stories(store, config=config)
    return db


def _about(db: Path, story_id: str, name: str) -> bool:
    with Store.open_readonly(db) as store:
        story = store.story(story_id)
        assert story is not None
        return any(name in f"{a.title or ''} {a.body}" for a in store.articles(story.articles))


def test_salah_stories_come_before_ramadan_stories(ant_store: Path) -> None:
    found = list_stories(ant_store, query="محمد صلاح", limit=20).stories
    assert len(found) >= 5
    about_salah = [_about(ant_store, s.id, "محمد صلاح") for s in found]
    assert all(about_salah[:5])
    first_other = about_salah.index(False) if False in about_salah else len(about_salah)
    assert all(not _about(ant_store, s.id, "محمد رمضان") or _about(ant_store, s.id, "صلاح")
               for s in found[:first_other])
    largest = max(found, key=lambda s: len(s.articles))
    assert found.index(largest) < 3  # the story most articles tell about him is among the first


def test_ramadan_the_actor_before_the_month(ant_store: Path) -> None:
    found = list_stories(ant_store, query="محمد رمضان", limit=5).stories
    assert found and _about(ant_store, found[0].id, "محمد رمضان")
    with Store.open_readonly(ant_store) as store:
        hits = article_hits(store, "محمد رمضان", title_weight=4.0, limit=100)
    assert any(h.phrase for h in hits) and not all(h.phrase for h in hits)
