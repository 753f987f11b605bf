"""The fold: batch = fold from empty; folding day by day keeps ids; merges keep the first opened id; rebuild ids."""

from __future__ import annotations

import dataclasses

from akhbar.config import load_config
from akhbar.records import Article
from akhbar.stories.cluster import cluster_stories, update
from akhbar.stories.ids import fresh_id, keep_ids
from akhbar.stories.records import Story
from akhbar.stories.state import ClusterState
from tests.stories.test_cluster import FOOTBALL, QUAKE, QUAKE_2, SUMMIT, SUMMIT_2, article

CONFIG = load_config().stories


def empty() -> ClusterState:
    return ClusterState.empty(posting_cap=CONFIG.posting_cap)


def test_the_batch_is_one_fold_from_empty_and_two_folds_give_the_same_stories():
    articles = [article("q1", QUAKE), article("s1", SUMMIT, source="B"), article("q2", QUAKE_2, source="B"),
                article("s2", SUMMIT_2), article("f1", FOOTBALL)]
    batch = {s.id: set(s.articles) for s in cluster_stories(articles, config=CONFIG)}
    state, first = update(empty(), articles[:2], config=CONFIG)
    assert set(first.created) == {"story-q1", "story-s1"} and first.merged == ()
    state, second = update(state, articles[2:], config=CONFIG)
    assert set(second.created) == {"story-f1"}
    assert dict(second.placed) == {"q2": "story-q1", "s2": "story-s1", "f1": "story-f1"}
    folded = {sid: set(s.added) for sid, s in state.stories.items()}
    assert folded == batch  # same stories, same ids
    assert state.documents == 5 and state.df  # running counts for the stable IDF


def test_a_duplicate_joins_its_originals_story_across_folds():
    from akhbar.stories.records import DuplicateLink

    state, _ = update(empty(), [article("q1", QUAKE)], config=CONFIG)
    link = DuplicateLink("copy", "q1", "near", 0.8)
    state, changes = update(state, [article("copy", FOOTBALL)], [link], config=CONFIG)
    assert dict(changes.placed) == {"copy": "story-q1"}


def test_a_lone_story_merged_later_keeps_a_pointer_and_the_first_opened_keeps_its_id():
    # Terms made by hand (the fold takes the articles' story terms as given): X and Y share nothing; Z
    # holds both, joins X, and Y (alone) then finds X's grown story in its second chance.
    x, y, z = (Article(i, "نص", date="2018-08-06") for i in ("x", "y", "z"))
    left, right = ["ألف", "باء", "تاء", "ثاء"], ["جيم", "حاء", "خاء", "دال"]
    state, _ = update(empty(), [x], config=CONFIG, terms=[left])
    state, _ = update(state, [y], config=CONFIG, terms=[right])
    assert set(state.stories) == {"story-x", "story-y"}
    # Y is close enough to X+Z at a join threshold of 0.2 (not at 0.22): the merge is shown there.
    state, changes = update(state, [z], config=dataclasses.replace(CONFIG, join_threshold=0.2),
                            terms=[left * 3 + right])
    assert changes.merged == (("story-y", "story-x"),)
    assert set(state.stories) == {"story-x"} and state.resolve("story-y") == "story-x"
    assert state.stories["story-x"].size == 3 and "story-x" in changes.changed


def test_a_new_id_is_never_one_that_was_used():
    _, changes = update(empty(), [article("q1", QUAKE)], config=CONFIG, taken=lambda s: s == "story-q1")
    assert changes.created == ("story-q1-2",)
    assert fresh_id("a", {"story-a", "story-a-2"}) == "story-a-3"


def story(sid: str, *articles: str) -> Story:
    return Story(sid, articles, (), None, None, sid)


def test_rebuild_ids_go_by_largest_overlap_and_no_old_id_vanishes():
    old = {"story-a": ("a", "b", "c"), "story-d": ("d", "e"), "story-f": ("f",)}
    new = [story("n1", "a", "b", "d", "e", "f", "g"), story("n2", "c", "h"), story("n3", "i")]
    kept = keep_ids(old, new, taken={"story-a", "story-d", "story-f", "story-c", "story-i"})
    # n1 holds 2 of story-a and 2 of story-d: story-a (ties by id) takes n1; story-d is left over.
    assert kept.names["n1"] == "story-a"
    assert kept.names["n2"] == "story-c-2"  # its own id would be story-c: ever used, so suffixed
    assert kept.names["n3"] == "story-i-2"
    assert kept.leftovers == {"story-d": "story-a", "story-f": "story-a"}
    assert set(old) <= set(kept.names.values()) | set(kept.leftovers)  # every old id lives or redirects


def test_rebuild_ids_each_old_id_used_once():
    old = {"story-a": ("a", "b"), "story-c": ("c",)}
    new = [story("n1", "a"), story("n2", "b"), story("n3", "c")]
    kept = keep_ids(old, new, taken=set(old))
    assert sorted(kept.names.values()) == ["story-a", "story-b", "story-c"] and kept.leftovers == {}


def test_a_batch_and_one_fold_per_day_are_the_same_fold():
    # Each day is counted, weighed and placed before the next day is read: the same counts, weights and
    # max_df cut in a batch as in a store polled daily, so the same stories with the same centroids.
    days = ["2018-08-06", "2018-08-06", "2018-08-07", "2018-08-08", "2018-08-08", None]
    texts = [QUAKE, SUMMIT, QUAKE_2, SUMMIT_2, FOOTBALL, QUAKE]
    articles = [article(f"a{n}", text, date=day) for n, (text, day) in enumerate(zip(texts, days, strict=True))]
    batch, _ = update(empty(), articles, config=CONFIG)
    daily = empty()
    for day in ("2018-08-06", "2018-08-07", "2018-08-08", None):
        daily, _ = update(daily, [a for a in articles if a.date == day], config=CONFIG)
    assert daily.df == batch.df and daily.documents == batch.documents == 6
    assert {s: (set(st.added), st.centroid) for s, st in daily.stories.items()} == {
        s: (set(st.added), st.centroid) for s, st in batch.stories.items()}
