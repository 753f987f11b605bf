"""The composition: duplicates, boilerplate, clustering and per-story reports (serial and pooled)."""

from __future__ import annotations

from dataclasses import replace

from akhbar.config import load_config
from akhbar.records import Article
from akhbar.stories.build import blended_stories, group_stories, largest_newest_first, story_reports
from akhbar.stories.records import Story
from tests.stories.test_cluster import FOOTBALL, QUAKE, QUAKE_2, SUMMIT, SUMMIT_2, article

CONFIG = load_config()


def _articles() -> list[Article]:
    return [article("q1", QUAKE), article("s1", SUMMIT, source="B"), article("q2", QUAKE_2, source="B"),
            article("s2", SUMMIT_2), article("f1", FOOTBALL), article("copy", QUAKE, date="2018-08-07", source="C")]


def test_group_stories_links_the_copy_and_reports_each_stage():
    seen: list[tuple[str, int, int]] = []
    batch = group_stories(_articles(), config=CONFIG, progress=lambda *event: seen.append(event))
    assert [(link.article, link.original, link.kind) for link in batch.duplicates] == [("copy", "q1", "exact")]
    quake = next(s for s in batch.stories if "q1" in s.articles)
    assert set(quake.articles) == {"q1", "q2", "copy"} and quake.duplicates == batch.duplicates
    assert {stage for stage, _, _ in seen} == {"duplicates", "boilerplate", "clustering"}
    assert batch.stories == largest_newest_first(batch.stories)


def test_reports_are_the_same_in_a_process_pool():
    batch = group_stories(_articles(), config=CONFIG)
    serial = [(s.id, [i.text for i in r.summary]) for s, r in story_reports(batch, config=CONFIG, with_facts=False)]
    pooled = [(s.id, [i.text for i in r.summary])
              for s, r in story_reports(batch, config=CONFIG, with_facts=False, workers=2)]
    assert serial == pooled and len(serial) == 3


def test_grouping_is_the_same_in_a_process_pool(monkeypatch, seed_articles):
    from akhbar.stories import build

    # Boilerplate needs an outlet repeating a line in several articles: each "outlet B" article ends with one.
    footer = "جميع الحقوق محفوظة لموقع الأخبار العربية ولا يجوز النقل دون إذن"
    articles = [*seed_articles, *(replace(a, body=f"{a.body}\n{footer}") if a.source == "B" else a
                                  for a in _articles())]
    articles += [replace(a, id=f"{a.id}-b", source="B", body=f"{a.body}\n{footer}") for a in seed_articles]
    config = replace(CONFIG, boilerplate=replace(CONFIG.boilerplate, min_articles=2, min_share=0.2))
    serial = group_stories(articles, config=config)
    monkeypatch.setattr(build, "_POOL_MIN_ARTICLES", 0)
    pooled = group_stories(articles, config=config, workers=2)
    assert pooled == serial
    assert group_stories(articles, config=config, workers=2, duplicates=serial.duplicates) == serial  # as the store
    assert any(line.reason == "boilerplate" for a in serial.articles for line in a.removed)


def test_facts_only_for_stories_large_enough():
    batch = group_stories(_articles(), config=CONFIG)
    reports = {s.id: r for s, r in story_reports(batch, config=CONFIG, facts_min_articles=2)}
    assert reports["story-q1"].facts is not None and reports["story-f1"].facts is None


def test_largest_then_newest_then_undated():
    def story(i: str, n: int, end: str | None) -> Story:
        return Story(i, tuple(f"{i}{k}" for k in range(n)), (), end, end, i)

    ordered = largest_newest_first([story("a", 1, None), story("b", 1, "2018-01-02"), story("c", 2, "2017-01-01"),
                                    story("d", 1, "2018-03-01")])
    assert [s.id for s in ordered] == ["c", "d", "b", "a"]


def test_blended_stories_names_the_largest_only_when_the_input_blends(seed_articles):
    count, largest = blended_stories(_articles(), config=CONFIG)
    assert count == 3 and largest[0].id == "story-q1"
    assert blended_stories(seed_articles, config=CONFIG) == (1, ())
    lone = [replace(a, date=None) for a in _articles()[:1]]
    assert blended_stories(lone, config=CONFIG) == (1, ())
