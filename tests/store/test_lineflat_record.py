"""A storyline's record (title, dates, outlets, size) is aggregated by SQLite from its stories' rows, and is
the record the batch makes of the same stories (:func:`akhbar.stories.storylines.storyline`), odd dates and
ties included; no Python record is made per story of a storyline's history."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from akhbar.store import Store
from akhbar.store.storylines import _record
from akhbar.stories import records
from akhbar.stories.records import Story
from akhbar.stories.storylines import storyline

OUTLETS = ("الجزيرة", "BBC عربي", "CNN", "فرانس 24", "سكاي نيوز")
# Plain ISO days, longer stamps, undated, and starts Python's date reading rejects or reads otherwise.
STARTS = ("2018-03-11", "2018-03-02", "2017-12-31", "2018-03-11T09:00", None, "", "2018-02-30", "0000-01-01",
          "11/03/2018", "20180310", "2018-W10-1")
ENDS = ("2018-03-12", "2018-04-01", None, "", "2018-03-11T23:00")

_story = st.tuples(st.integers(0, 40), st.sampled_from(["خبر", "عنوان آخر", "قمة"]), st.sampled_from(STARTS),
                   st.sampled_from(ENDS), st.lists(st.sampled_from(OUTLETS), max_size=3, unique=True),
                   st.integers(1, 4), st.booleans())


def _stored(db: sqlite3.Connection, rows: list[tuple[int, str, str | None, str | None, list[str], int, bool]],
            line: str) -> list[Story]:
    """``rows`` written as stories of ``line`` (merged ones too: they are not part of it); the live ones."""
    db.execute("DELETE FROM stories")
    db.execute("INSERT OR IGNORE INTO stories (id, title, outlets, size, created_at, updated_at, revision) "
               "VALUES ('story-other', '', '[]', 1, '', '', 1)")
    live = []
    for n, (key, title, start, end, outlets, size, merged) in enumerate(rows):
        story = f"story-{key:02d}-{n}"
        db.execute('INSERT INTO stories (id, title, start, "end", outlets, size, created_at, updated_at, revision, '
                   "merged_into, storyline) VALUES (?, ?, ?, ?, ?, ?, '', '', 1, ?, ?)",
                   (story, f"{title} {n}", start, end, json.dumps(outlets, ensure_ascii=False), size,
                    "story-other" if merged else None, line))
        if not merged:
            live.append(Story(story, tuple(str(i) for i in range(size)), tuple(outlets), start, end, f"{title} {n}"))
    return live


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(_story, max_size=12))
def test_the_stored_record_is_the_batch_record_of_the_same_stories(tmp_path: Path, rows: list) -> None:
    with Store(tmp_path / "s.db") as store:
        live = _stored(store._db, rows, "line-a")
        got = _record(store._db, "line-a")
    if not live:
        assert got is None
        return
    want = storyline("line-a", live)
    assert got is not None
    assert (got.title, got.start, got.end, got.outlets, got.size) == (
        want.title, want.start, want.end, want.outlets, want.size)


def test_a_long_storyline_record_makes_no_story_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [(i, "قمة", f"2018-{1 + i % 12:02d}-{1 + i % 28:02d}", "2018-12-31", [OUTLETS[i % 5]], 1 + i % 3, False)
            for i in range(300)]
    made: list[Story] = []

    def counted(*fields: object) -> Story:
        made.append(Story(*fields))  # type: ignore[arg-type]
        return made[-1]

    with Store(tmp_path / "s.db") as store:
        live = _stored(store._db, rows, "line-a")
        monkeypatch.setattr(records, "Story", counted)
        got = _record(store._db, "line-a")
    assert not made  # the record of 300 stories came from SQLite's aggregates
    want = storyline("line-a", live)
    assert got is not None and (got.title, got.start, got.end, got.outlets, got.size) == (
        want.title, want.start, want.end, want.outlets, 300)
