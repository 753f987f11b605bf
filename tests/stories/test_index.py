"""The story index reads a bounded number of stories per lookup, whatever the archive's size; the story
state's centroid arithmetic."""

from __future__ import annotations

from akhbar.stories.index import StoryIndex
from akhbar.stories.state import StoryState, weigh


def same(story: str) -> str:
    return story


def test_a_term_every_story_holds_costs_at_most_the_cap():
    index = StoryIndex(posting_cap=50)
    for n in range(5_000):
        index.update(f"s{n}", ["common", f"own{n}"], n)
    looked: list[str] = []
    found = index.candidates(["common"], limit=10, live=lambda s: looked.append(s) is None, resolve=same,
                             rank=lambda s: int(s[1:]))
    assert len(looked) == 50  # not 5,000: the lookup does not grow with the archive
    assert len(index.postings_["common"]) == 50  # nor does what a term keeps
    assert found == [f"s{n}" for n in range(4_999, 4_989, -1)]  # the most recently updated first


def test_shared_terms_rank_candidates_and_ties_go_to_the_later_story():
    index = StoryIndex(posting_cap=10)
    opened = {"a": 1, "b": 2, "c": 3}
    index.update("a", ["t7", "t8"], 1)
    index.update("b", ["t7"], 2)
    index.update("c", ["t9"], 3)
    assert index.candidates(["t7", "t8"], limit=5, live=lambda s: True, resolve=same, rank=opened.get) == ["a", "b"]
    assert index.candidates(["t7", "t8"], limit=5, live=lambda s: s != "a", resolve=same, rank=opened.get) == ["b"]
    index.update("a", ["t9"], 4)
    assert index.newest("t9") == ["a", "c"]


def test_loaded_entries_keep_their_order_and_merged_stories_read_as_their_target():
    index = StoryIndex(posting_cap=10)
    index.load("t", [("old", 5), ("gone", 9), ("new", 7)])
    assert index.newest("t") == ["gone", "new", "old"]
    into = {"gone": "new"}
    found = index.candidates(["t"], limit=5, live=lambda s: True, resolve=lambda s: into.get(s, s),
                             rank=lambda s: 0)
    assert found == ["new", "old"]  # one entry per story, whatever ids point to it
    assert index.has_other("t", "new", lambda s: into.get(s, s)) and not index.has_other("x", None, same)


def test_centroid_cosine_and_absorb():
    a, b = StoryState("a", 1), StoryState("b", 2)
    a.add("x", ["t1", "t2"], [0.6, 0.8], 10)
    b.add("y", ["t2", "t3"], [0.8, 0.6], 12)
    assert abs(a.cosine(["t1", "t2"], [0.6, 0.8]) - 1.0) < 1e-9
    a.absorb(b)
    assert a.added == ["x", "y"] and a.size == 2 and b.added == [] and b.size == 0
    assert (a.first_day, a.last_day) == (10, 12)
    expected = (0.6 * 0.0 + 1.6 * 0.8 + 0.6 * 0.6) / ((0.36 + 2.56 + 0.36) ** 0.5)
    assert abs(a.cosine(["t2", "t3"], [0.8, 0.6]) - expected) < 1e-9


def test_weights_are_the_batch_tfidf_with_the_prior():
    from akhbar.vectors import tfidf

    docs = [["حلب", "حلب", "قافلة"], ["حلب", "دمشق"]]
    prior = ({"حلب": 5, "دمشق": 1}, 10)
    matrix = tfidf(docs, prior=prior)
    df = {"حلب": 2, "قافلة": 1, "دمشق": 1}
    terms, weights = weigh(docs[0], df, 2, prior)
    assert terms == ["حلب", "قافلة"]
    assert [round(w, 9) for w in weights] == [round(w, 9) for w in matrix[0].data]
