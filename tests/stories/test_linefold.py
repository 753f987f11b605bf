"""The storyline fold's index: bounded per term whatever the history, read through merges, and the same
lookups for an undated story (its words, among the storylines its terms still name)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from akhbar.config import load_config
from akhbar.store.line_state import _reachable
from akhbar.stories.linefold import StorylineState, StoryVector, update
from akhbar.stories.lineindex import LinePostings

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


def _read_back(whole: LinePostings, merged: dict[str, str], resolve: Callable[[str], str], wanted: set[str],
               cap: int) -> LinePostings:
    """What a store reads for a fold that can take only ``wanted`` storylines (as resolved): each term's entries
    newest first, as the (term, touched) index gives them, made into entries by the store's own reader (which
    knows a merged storyline by the one it joined, as the store's flattened ``merged_into`` says)."""
    read = LinePostings()
    stands = {line: resolve(line) for line in merged}
    open_ = {line for posting in whole.terms.values() for line in posting if resolve(line) in wanted}
    for term, posting in whole.terms.items():
        rows = [(line, clock) for line, clock in reversed(posting.items())]
        read.load_read(term, _reachable(iter(rows), cap, LinePostings.KEEP * cap, open_, stands))
    return read


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_a_store_read_of_the_open_storylines_looks_up_as_the_whole_index(data: st.DataObject) -> None:
    # The whole index, with history and merges; then one fold over the storylines still open, on both.
    cap = data.draw(st.integers(1, 4))
    lines = [f"line-{i}" for i in range(12)]
    terms = ["حلب", "هدنة", "غزة"]
    merged: dict[str, str] = {}

    def resolve(line: str) -> str:
        while line in merged:
            line = merged[line]
        return line

    whole, clock = LinePostings(), 0
    for _ in range(data.draw(st.integers(0, 60))):
        clock += 1
        whole.file(data.draw(st.sampled_from(terms)), resolve(data.draw(st.sampled_from(lines))), clock, cap)
        if data.draw(st.integers(0, 3)) == 0:
            a, b = data.draw(st.sampled_from(lines)), data.draw(st.sampled_from(lines))
            if resolve(a) != resolve(b):
                merged[resolve(a)] = resolve(b)
    live = sorted({resolve(line) for line in lines})
    wanted = set(data.draw(st.lists(st.sampled_from(live), unique=True)))
    read = _read_back(whole, merged, resolve, wanted, cap)
    assert all(distinct < cap for hidden in read.hidden.values() for _, distinct in hidden.values())  # none too deep
    fresh = iter(f"new-{i}" for i in range(100))
    for _ in range(data.draw(st.integers(0, 40))):
        step = data.draw(st.integers(0, 5))
        if step == 0 and len(wanted) > 1:  # one open storyline joins another
            a, b = data.draw(st.sampled_from(sorted(wanted))), data.draw(st.sampled_from(sorted(wanted)))
            if a != b:
                merged[a] = b
                wanted.discard(a)
        else:
            line = next(fresh) if step == 1 or not wanted else data.draw(st.sampled_from(sorted(wanted)))
            wanted.add(line)
            clock += 1
            for term in data.draw(st.lists(st.sampled_from(terms), min_size=1, unique=True)):
                whole.file(term, line, clock, cap)
                read.file(term, line, clock, cap)
        for term in terms:
            expected = [line for line in whole.newest(term, resolve, cap) if line in wanted]
            assert read.newest(term, resolve, cap) == expected
            assert read.terms.get(term, {}).items() <= whole.terms.get(term, {}).items()  # dropped when the whole list drops it


def test_a_store_read_stops_at_the_first_entry_no_lookup_reaches():
    # Newest first: open ones, then closed ones (a merged pair counted once), then what no lookup reaches.
    rows = [("line-a", 9), ("line-x", 8), ("line-y", 7), ("line-b", 6), ("line-z", 5), ("line-c", 4),
            ("line-w", 3), ("line-d", 2), ("line-v", 1)]
    taken: list[tuple[str, int]] = []

    def counted():
        for row in rows:
            taken.append(row)
            yield row

    entries = _reachable(counted(), 3, 100, {"line-a", "line-b", "line-c", "line-d"}, {"line-z": "line-y"})
    assert entries == [("line-a", 9, 0, 0), ("line-b", 6, 2, 2), ("line-c", 4, 3, 2)]
    assert taken == rows[:7]  # line-w is the third distinct closed storyline: nothing older is read
    assert _reachable(iter(rows), 3, 2, None, {}) == [("line-a", 9, 0, 0), ("line-x", 8, 0, 0)]  # the newest ``keep``
