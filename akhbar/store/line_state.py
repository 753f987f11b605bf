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
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from akhbar.store.articles import chunks
from akhbar.store.state import open_items, optional_int
from akhbar.store.store import Store
from akhbar.stories.linefold import QUERY_TERMS, Body, LineState, StorylineState, StoryVector, heaviest
from akhbar.stories.lineindex import LinePostings

CLOCK, OPENED = "storyline_clock", "storyline_opened"  # the fold counters, saved by store.storylines
_CHUNK = 400  # ids bound per query (SQLite binds at most 999 parameters)

# One term's entries newest first, straight off the (term, touched) index (its key ends with the
# storyline): no window, no sort. The reader counts as it steps and leaves the statement at the first
# entry no lookup of the fold can reach (:func:`_reachable`): older entries are never visited.
_POSTINGS = ("SELECT storyline, touched FROM storyline_postings INDEXED BY storyline_postings_touched "
             "WHERE term = ? ORDER BY touched DESC, storyline DESC")
# Every merged storyline, by the merged_into index.
_MERGED = "SELECT id, merged_into FROM storylines INDEXED BY storylines_merged WHERE merged_into IS NOT NULL"


def load_line_state(store: Store, stories: Sequence[str], inputs: Sequence[StoryVector], *, cap: int,
                line_days: int) -> StorylineState:
    """The stories' placements, their storylines, and the storylines their query terms find (the
    newest entries of each term, as many as the fold keeps) that can still take one of ``inputs``.

    A storyline whose newest day is more than ``line_days`` before every input's start can take none
    of them (:func:`akhbar.stories.linefold._alive`), and none joins it: it is never a candidate, its
    state is not read, and its entries (hidden ones) are only counted. A lookup reads a term newest
    first until it has ``cap`` distinct storylines, hidden ones included, so each entry read comes with the
    number of hidden entries newer than it and of distinct storylines they stand for
    (:meth:`~akhbar.stories.lineindex.LinePostings.load_read`): those stay as they are through the fold, so
    it reads exactly as deep, and drops entries exactly when, as over the whole list. An entry with
    ``cap`` distinct hidden storylines newer than it is past every lookup of this fold, and so is all that
    is older: each term is read by its own statement, stepped newest first, and left there. What is read
    follows the lookups of the stories folded and the storylines open around them, not every storyline
    the terms ever named (a term keeps at most ``KEEP * cap`` entries)."""
    db = store._db
    state = StorylineState(clock=int(store.setting(CLOCK) or 0), opened=int(store.setting(OPENED) or 0))
    forced: set[str] = set()  # the storylines of the stories folded: whatever their days
    for chunk in chunks(sorted(set(stories)), _CHUNK):
        marks = ",".join("?" * len(chunk))
        for story, line, vector in db.execute(
                f"SELECT story, storyline, vector FROM storyline_stories WHERE story IN ({marks})", chunk):
            state.placed[str(story)] = (str(line), json.loads(str(vector)))
            forced.add(str(line))
    # Every merged storyline, once (few: a merge is rare; merged_into always names a live one): what the
    # placed stories' storylines, the open ones' absorbed ones and a hidden entry stand for.
    state.merged.update((str(a), str(b)) for a, b in db.execute(_MERGED))
    must = {state.resolve(line) for line in forced}
    starts = [s.start for s in inputs]
    since = None if not starts or None in starts else min(s for s in starts if s is not None) - line_days
    wanted: set[str] | None = None  # None (an undated story: every storyline): every entry is read
    if since is not None:
        held = set(open_items(db, "storyline", since, must))
        wanted = held | {old for old, into in state.merged.items() if into in held}
    terms = sorted({t for s in inputs for t in heaviest(s.vector, QUERY_TERMS)})
    found: dict[str, list[tuple[str, int, int, int]]] = {}
    named: set[str] = set(must)
    keep = cap * LinePostings.KEEP
    for term in terms:
        entries = _reachable(db.execute(_POSTINGS, (term,)), cap, keep, wanted, state.merged)
        if entries:
            found[term] = entries
            named.update(line for line, _, _, _ in entries)
    for term, entries in found.items():
        state.postings.load_read(term, entries)
    for chunk in chunks(sorted({state.resolve(line) for line in named}), _CHUNK):
        marks = ",".join("?" * len(chunk))
        for line, text, first, last_day, opened, touched, size, norm2 in db.execute(
                "SELECT storyline, state, first_day, last_day, opened, touched, size, norm2 FROM storyline_state "
                f"WHERE storyline IN ({marks})", chunk):
            state.lines[str(line)] = LineState(str(line), int(opened), float(norm2), optional_int(first),
                                               optional_int(last_day), int(touched), int(size), _body(str(text)))
    return state


def _reachable(rows: Iterable[tuple[Any, ...]], cap: int, keep: int, wanted: Collection[str] | None,
               stands: Mapping[str, str]) -> list[tuple[str, int, int, int]]:
    """A term's rows (storyline, touched), newest first, as (storyline, clock, hidden entries newer,
    distinct storylines they stand for) for each wanted entry a lookup can reach: among the term's ``keep``
    newest, with fewer than ``cap`` distinct hidden storylines newer (``wanted`` None: every entry is
    wanted). ``stands``: merged storyline -> the one it joined. Reading stops at the first entry past
    every lookup: the rows after it are never made."""
    entries: list[tuple[str, int, int, int]] = []
    seen: set[str] = set()
    hidden = 0
    for line, touched in itertools.islice(rows, keep):
        if wanted is None or line in wanted:
            entries.append((str(line), int(touched), hidden, len(seen)))
            continue
        hidden += 1
        seen.add(stands.get(line, line))
        if len(seen) >= cap:  # no entry older than this one is reached
            break
    return entries


def _body(text: str) -> Callable[[], Body]:
    """A storyline's centroid and embedded sum from its stored JSON, parsed when the fold first asks."""
    def parse() -> Body:
        data = json.loads(text)
        embedded = data.get("embedded")
        return data["centroid"], None if embedded is None else np.asarray(embedded, dtype=np.float32)
    return parse
