"""The storyline fold's state read back from a store: the storylines a fold of some stories can reach.

The storyline fold (:mod:`akhbar.stories.linefold`) places a story into the storyline it is closest to among
those its heaviest terms find, and only among storylines still open on the story's first day
(``line_days``). So a fold needs the placements of the stories it folds, the index entries of their query
terms (newest first, as many as the fold keeps) and the state of the storylines open around them: never
every storyline the terms ever named. This module reads exactly that; :mod:`akhbar.store.storylines`
drives the fold and writes what it changed.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterator, Sequence
from typing import Any

import numpy as np

from akhbar.store.store import Store
from akhbar.stories.linefold import QUERY_TERMS, LinePostings, LineState, StorylineState, StoryVector, heaviest

_CLOCK, _OPENED = "storyline_clock", "storyline_opened"

# A term's newest ``:keep`` entries (the terms bound as :t0, :t1...), each read as the storyline it stands for
# (``merged_into``, chains flattened) and marked ``wanted`` when that storyline may take a story of the fold
# (``{wanted}``: 1 for all, or one of the JSON list ``:wanted``). Only wanted entries become rows, each with the
# count of the others newer than it (``hidden``) and of the distinct storylines those stand for (``distinct``);
# one with ``:cap`` or more of those is past every lookup's reach (see load_line_state). Window functions, in
# SQLite: no row is made in Python for an entry that is left out.
_POSTINGS = """
SELECT term, storyline, touched, hidden, distinct_hidden FROM (
    SELECT term, storyline, touched, wanted,
           COALESCE(SUM(1 - wanted) OVER newer, 0) AS hidden,
           COALESCE(SUM(first_hidden) OVER newer, 0) AS distinct_hidden
    FROM (SELECT term, storyline, touched, newest, wanted,
                 CASE WHEN wanted THEN 0 WHEN newest = MIN(newest) OVER (PARTITION BY term, line) THEN 1 ELSE 0 END
                     AS first_hidden
          FROM (SELECT p.term, p.storyline, p.touched, COALESCE(s.merged_into, p.storyline) AS line,
                       ROW_NUMBER() OVER (PARTITION BY p.term ORDER BY p.touched DESC, p.storyline DESC) AS newest,
                       {wanted} AS wanted
                FROM storyline_postings p LEFT JOIN storylines s ON s.id = p.storyline
                WHERE p.term IN ({terms}))
          WHERE newest <= :keep)
    WINDOW newer AS (PARTITION BY term ORDER BY newest ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING))
WHERE wanted AND distinct_hidden < :cap
"""
_WANTED = "(CASE WHEN p.storyline IN (SELECT value FROM json_each(:wanted)) THEN 1 ELSE 0 END)"


def load_line_state(store: Store, stories: Sequence[str], inputs: Sequence[StoryVector], *, cap: int,
                line_days: int) -> StorylineState:
    """The stories' placements, their storylines, and the storylines their query terms find (the
    newest entries of each term, as many as the fold keeps) that can still take one of ``inputs``.

    A storyline whose newest day is more than ``line_days`` before every input's start can take none
    of them (:func:`akhbar.stories.linefold._alive`), and none joins it: it is never a candidate, its
    state is not read, and its entries (hidden ones) are not made into rows. A lookup reads a term newest
    first until it has ``cap`` distinct storylines, hidden ones included, so each entry read comes with the
    number of hidden entries newer than it and of distinct storylines they stand for
    (:meth:`~akhbar.stories.linefold.LinePostings.load_read`): those stay as they are through the fold, so
    it reads exactly as deep, and drops entries exactly when, as over the whole list. An entry with
    ``cap`` distinct hidden storylines newer than it is past every lookup of this fold, and so is all that
    is older: it is not read either. What is read follows the storylines open around the stories folded,
    not every storyline the terms ever named."""
    db = store._db
    state = StorylineState(clock=int(store.setting(_CLOCK) or 0), opened=int(store.setting(_OPENED) or 0))
    forced: set[str] = set()  # the storylines of the stories folded: whatever their days
    for chunk in _chunks(sorted(set(stories))):
        marks = ",".join("?" * len(chunk))
        for story, line, vector in db.execute(
                f"SELECT story, storyline, vector FROM storyline_stories WHERE story IN ({marks})", chunk):
            state.placed[str(story)] = (str(line), json.loads(str(vector)))
            forced.add(str(line))
    for chunk in _chunks(sorted(forced)):  # a placed story's storyline merged since
        marks = ",".join("?" * len(chunk))
        state.merged.update((str(a), str(b)) for a, b in db.execute(
            f"SELECT id, merged_into FROM storylines WHERE id IN ({marks}) AND merged_into IS NOT NULL", chunk))
    must = {state.resolve(line) for line in forced}
    starts = [s.start for s in inputs]
    since = None if not starts or None in starts else min(s for s in starts if s is not None) - line_days
    wanted = _open_lines(db, since, must, state.merged)
    terms = sorted({t for s in inputs for t in heaviest(s.vector, QUERY_TERMS)})
    found: dict[str, list[tuple[str, int, int, int]]] = {}
    named: set[str] = set(must)
    for chunk in _chunks(terms):
        params: dict[str, object] = {"keep": cap * LinePostings.KEEP, "cap": cap, "wanted": json.dumps(wanted)}
        params.update((f"t{i}", term) for i, term in enumerate(chunk))
        query = _POSTINGS.format(terms=",".join(f":t{i}" for i in range(len(chunk))),
                                 wanted="1" if since is None else _WANTED)
        for term, line, touched, hidden, distinct in db.execute(query, params):
            found.setdefault(str(term), []).append((str(line), int(touched), int(hidden), int(distinct)))
            named.add(str(line))
    if since is None:  # every entry read: the merged ones among them
        for chunk in _chunks(sorted(named)):
            marks = ",".join("?" * len(chunk))
            state.merged.update((str(a), str(b)) for a, b in db.execute(
                f"SELECT id, merged_into FROM storylines WHERE id IN ({marks}) AND merged_into IS NOT NULL", chunk))
    for term, entries in found.items():
        state.postings.load_read(term, entries)
    for chunk in _chunks(sorted({state.resolve(line) for line in named})):
        marks = ",".join("?" * len(chunk))
        for line, text, first, last_day in db.execute(
                f"SELECT storyline, state, first_day, last_day FROM storyline_state WHERE storyline IN ({marks})",
                chunk):
            state.lines[str(line)] = _line_state(str(line), json.loads(str(text)), first, last_day)
    return state


def _open_lines(db: sqlite3.Connection, since: int | None, must: Collection[str], merged: dict[str, str]) -> list[str]:
    """The storylines whose newest day is ``since`` or later (by their index), those in ``must`` and those
    merged into either (chains are flattened: one step; ``merged`` takes them): what a fold may need.
    For ``since`` None (an undated story: every storyline), nothing: every entry is read."""
    if since is None:
        return []
    held = sorted({*(str(r[0]) for r in db.execute(
        "SELECT storyline FROM storyline_state WHERE last_day >= ? OR last_day IS NULL", (since,))), *must})
    found = {str(a): str(b) for a, b in db.execute(
        "SELECT id, merged_into FROM storylines WHERE merged_into IN (SELECT value FROM json_each(?))",
        (json.dumps(held),))}
    merged.update(found)
    return [*held, *sorted(found)]


def _line_state(line_id: str, data: dict[str, Any], first: object, last: object) -> LineState:
    embedded = data.get("embedded")
    return LineState(line_id, int(data["opened"]), dict(data["centroid"]), float(data["norm2"]),
                     None if first is None else int(str(first)), None if last is None else int(str(last)),
                     int(data["touched"]), int(data["size"]),
                     None if embedded is None else np.asarray(embedded, dtype=np.float32))



def _chunks(items: Sequence[str], size: int = 400) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
