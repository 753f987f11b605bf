"""The storyline fold's index: bounded per term whatever the history, read through merges, and the same
lookups for an undated story (its words, among the storylines its terms still name)."""

from __future__ import annotations

import dataclasses

import pytest

from akhbar.config import load_config
from akhbar.stories.linefold import LinePostings, StorylineState, StoryVector, update

CONFIG = dataclasses.replace(load_config().stories, posting_cap=4)


def _vector(*terms: str) -> dict[str, float]:
    return {t: 1 / len(terms) ** 0.5 for t in terms}


def _apart(n: int, start: int = 0) -> list[StoryVector]:
    """``n`` stories that share the term حلب, each 100 days after the one before (out of ``line_days``)."""
    return [StoryVector(f"story-{i}", 1000 + 100 * i, 1000 + 100 * i, _vector("حلب", f"حي{i}"))
            for i in range(start, start + n)]


def test_a_term_keeps_a_bounded_number_of_storylines():
    state, _ = update(StorylineState(), _apart(50), config=CONFIG)
    assert len(state.lines) == 50  # each too late for the one before
    kept = state.postings.terms["حلب"]
    assert len(kept) == LinePostings.KEEP * CONFIG.posting_cap
    assert list(kept) == [f"line-story-{i}" for i in range(42, 50)]  # the newest, oldest first
    assert state.postings.newest("حلب", state.resolve, CONFIG.posting_cap) == [
        f"line-story-{i}" for i in (49, 48, 47, 46)]


def test_a_lookup_reads_as_many_entries_with_a_long_history_as_with_a_short_one(monkeypatch: pytest.MonkeyPatch):
    reads: list[int] = []
    resolve = StorylineState.resolve

    def counted(self: StorylineState, line: str) -> str:
        reads[-1] += 1
        return resolve(self, line)

    monkeypatch.setattr(StorylineState, "resolve", counted)

    def last_reads(history: int) -> int:
        reads.append(0)
        state, _ = update(StorylineState(), _apart(history), config=CONFIG)
        reads.append(0)
        update(state, _apart(1, start=history), config=CONFIG)
        return reads[-1]

    assert last_reads(400) == last_reads(20) <= CONFIG.posting_cap + 2  # never the whole history


def test_entries_of_a_merged_storyline_read_as_the_one_it_joined():
    postings = LinePostings()
    for clock, line in enumerate(["line-a", "line-b", "line-c", "line-b"]):
        postings.file("حلب", line, clock, cap=2)
    merged = {"line-c": "line-b"}
    assert postings.newest("حلب", lambda line: merged.get(line, line), cap=2) == ["line-b", "line-a"]


def test_an_undated_story_joins_a_recent_storyline_by_its_words_only():
    dated = _apart(3)
    own = StoryVector("story-x", None, None, _vector("حلب", "حي2", "هدنة"))
    other = StoryVector("story-y", None, None, _vector("موازنة", "الحكومة"))
    state, _ = update(StorylineState(), [*dated, own, other], config=CONFIG)
    assert state.resolve(state.placed["story-x"][0]) == "line-story-2"
    assert state.resolve(state.placed["story-y"][0]) == "line-story-y"


def test_an_undated_story_finds_an_old_storyline_by_a_rare_term_it_still_files():
    # حي0 files only story-0's storyline (حلب has since filed many others): an undated story has no day
    # to rule that storyline out, and its words name it.
    state, _ = update(StorylineState(), _apart(20), config=CONFIG)
    late = StoryVector("story-z", None, None, _vector("حلب", "حي0"))
    state, _ = update(state, [late], config=CONFIG)
    assert state.resolve(state.placed["story-z"][0]) == "line-story-0"
