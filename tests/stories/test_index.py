"""The story index reads a bounded number of stories per lookup, whatever the archive's size."""

from __future__ import annotations

from akhbar.stories.index import StoryIndex, StoryState


def test_a_term_every_story_holds_costs_at_most_the_cap():
    index = StoryIndex(posting_cap=50)
    for sid in range(5_000):
        index.update(sid, [0, sid + 1])
    looked: list[int] = []
    found = index.candidates([0], limit=10, live=lambda s: looked.append(s) is None)
    assert len(looked) == 50  # not 5,000: the lookup does not grow with the archive
    assert found == list(range(4_999, 4_989, -1))  # the most recently updated first


def test_shared_terms_rank_candidates_and_ties_go_to_the_later_story():
    index = StoryIndex(posting_cap=10)
    index.update(1, [7, 8])
    index.update(2, [7])
    index.update(3, [9])
    assert index.candidates([7, 8], limit=5, live=lambda s: True) == [1, 2]
    assert index.candidates([7, 8], limit=5, live=lambda s: s != 1) == [2]
    index.update(1, [9])
    assert index.candidates([9], limit=5, live=lambda s: True) == [3, 1]


def test_centroid_cosine_and_absorb():
    a, b = StoryState(0), StoryState(1)
    a.add(0, [1, 2], [0.6, 0.8], 10)
    b.add(1, [2, 3], [0.8, 0.6], 12)
    assert abs(a.cosine([1, 2], [0.6, 0.8]) - 1.0) < 1e-9
    a.absorb(b)
    assert a.members == [0, 1] and b.members == []
    assert (a.first_day, a.last_day) == (10, 12)
    expected = (0.6 * 0.0 + 1.6 * 0.8 + 0.6 * 0.6) / ((0.36 + 2.56 + 0.36) ** 0.5)
    assert abs(a.cosine([2, 3], [0.8, 0.6]) - expected) < 1e-9
