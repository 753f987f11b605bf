"""The storyline fold's state read back from a store: the storylines a fold of some stories can reach.

The storyline fold (:mod:`akhbar.stories.linefold`) places a story into the storyline it is closest to among
those its heaviest terms find, and only among storylines still open on the story's first day
(``line_days``). So a fold needs the placements of the stories it folds, the index entries of their query
terms (newest first, as many as the fold keeps) and the state of the storylines open around them: never
every storyline the terms ever named. This module reads exactly that; :mod:`akhbar.store.storylines`
drives the fold and writes what it changed.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from collections.abc import Collection, Iterable, Sequence
from typing import Any

import numpy as np

from akhbar.store.articles import chunks
from akhbar.store.store import Store
from akhbar.stories.linefold import QUERY_TERMS, LineState, StorylineState, StoryVector, heaviest
from akhbar.stories.lineindex import LinePostings

CLOCK, OPENED = "storyline_clock", "storyline_opened"  # the fold counters, saved by store.storylines
_CHUNK = 400  # ids bound per query (SQLite binds at most 999 parameters)

# A term's newest ``:keep`` entries (the terms bound as :t0, :t1...), each marked ``wanted`` when it names a
# storyline that may take a story of the fold (``{wanted}``: 1 for all, or one of the JSON list ``:wanted``),
# with the count of the other (hidden) entries newer than it. Rows are made only for wanted entries and for
# hidden ones a merge touches (their storyline merged, or one that others joined; ``resolved``: the one it
# stands for): two hidden entries stand for one storyline only so, so these give the distinct count
# (see load_line_state). One window, in SQLite: no row is made in Python for the other entries.
_POSTINGS = """
SELECT term, storyline, touched, wanted, hidden,
       CASE WHEN wanted THEN NULL ELSE (SELECT merged_into FROM storylines WHERE id = storyline) END AS resolved
FROM (SELECT term, storyline, touched, wanted, involved,
             ROW_NUMBER() OVER newest AS newest,
             COALESCE(SUM(1 - wanted) OVER (newest ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS hidden
      FROM (SELECT term, storyline, touched, {wanted} AS wanted,
                   CASE WHEN storyline IN (SELECT id FROM storylines INDEXED BY storylines_merged
                                           WHERE merged_into IS NOT NULL)
                          OR storyline IN (SELECT merged_into FROM storylines WHERE merged_into IS NOT NULL)
                        THEN 1 ELSE 0 END AS involved
            FROM storyline_postings WHERE term IN ({terms}))
      WINDOW newest AS (PARTITION BY term ORDER BY touched DESC, storyline DESC))
WHERE newest <= :keep AND (wanted OR involved)
ORDER BY term, newest
"""
_WANTED = "(CASE WHEN storyline IN (SELECT value FROM json_each(:wanted)) THEN 1 ELSE 0 END)"


def load_line_state(store: Store, stories: Sequence[str], inputs: Sequence[StoryVector], *, cap: int,
                line_days: int) -> StorylineState:
    """The stories' placements, their storylines, and the storylines their query terms find (the
    newest entries of each term, as many as the fold keeps) that can still take one of ``inputs``.

    A storyline whose newest day is more than ``line_days`` before every input's start can take none
    of them (:func:`akhbar.stories.linefold._alive`), and none joins it: it is never a candidate, its
    state is not read, and its entries (hidden ones) are not made into rows. A lookup reads a term newest
    first until it has ``cap`` distinct storylines, hidden ones included, so each entry read comes with the
    number of hidden entries newer than it and of distinct storylines they stand for
    (:meth:`~akhbar.stories.lineindex.LinePostings.load_read`): those stay as they are through the fold, so
    it reads exactly as deep, and drops entries exactly when, as over the whole list. An entry with
    ``cap`` distinct hidden storylines newer than it is past every lookup of this fold, and so is all that
    is older: it is not read either. What is read follows the storylines open around the stories folded,
    not every storyline the terms ever named."""
    db = store._db
    state = StorylineState(clock=int(store.setting(CLOCK) or 0), opened=int(store.setting(OPENED) or 0))
    forced: set[str] = set()  # the storylines of the stories folded: whatever their days
    for chunk in chunks(sorted(set(stories)), _CHUNK):
        marks = ",".join("?" * len(chunk))
        for story, line, vector in db.execute(
                f"SELECT story, storyline, vector FROM storyline_stories WHERE story IN ({marks})", chunk):
            state.placed[str(story)] = (str(line), json.loads(str(vector)))
            forced.add(str(line))
    for chunk in chunks(sorted(forced), _CHUNK):  # a placed story's storyline merged since
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
    wanted_json = json.dumps(wanted)  # once: it may list every open storyline
    for chunk in chunks(terms, _CHUNK):
        params: dict[str, object] = {"keep": cap * LinePostings.KEEP, "wanted": wanted_json}
        params.update((f"t{i}", term) for i, term in enumerate(chunk))
        query = _POSTINGS.format(terms=",".join(f":t{i}" for i in range(len(chunk))),
                                 wanted="1" if since is None else _WANTED)
        rows = db.execute(query, params)
        for term, group in itertools.groupby(rows, key=lambda row: str(row[0])):
            entries = _reachable(group, cap)
            found[term] = entries
            named.update(line for line, _, _, _ in entries)
    if since is None:  # every entry read: the merged ones among them
        for chunk in chunks(sorted(named), _CHUNK):
            marks = ",".join("?" * len(chunk))
            state.merged.update((str(a), str(b)) for a, b in db.execute(
                f"SELECT id, merged_into FROM storylines WHERE id IN ({marks}) AND merged_into IS NOT NULL", chunk))
    for term, entries in found.items():
        state.postings.load_read(term, entries)
    for chunk in chunks(sorted({state.resolve(line) for line in named}), _CHUNK):
        marks = ",".join("?" * len(chunk))
        for line, text, first, last_day in db.execute(
                f"SELECT storyline, state, first_day, last_day FROM storyline_state WHERE storyline IN ({marks})",
                chunk):
            state.lines[str(line)] = _line_state(str(line), json.loads(str(text)), first, last_day)
    return state


def _reachable(rows: Iterable[tuple[Any, ...]], cap: int) -> list[tuple[str, int, int, int]]:
    """A term's rows, newest first, as (storyline, clock, hidden entries newer, distinct storylines they stand
    for) for each wanted entry a lookup can reach (fewer than ``cap`` distinct hidden storylines newer).
    A hidden entry no merge touches stands for a storyline no other entry does; one a merge touches is
    counted once per storyline it stands for."""
    entries: list[tuple[str, int, int, int]] = []
    seen: set[str] = set()
    repeated = 0  # hidden entries standing for a storyline a newer hidden entry stood for
    for _, line, touched, wanted, hidden, resolved in rows:
        if not wanted:
            stands = str(resolved if resolved is not None else line)
            if stands in seen:
                repeated += 1
            seen.add(stands)
            continue
        distinct = int(hidden) - repeated
        if distinct >= cap:
            break
        entries.append((str(line), int(touched), int(hidden), distinct))
    return entries


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

