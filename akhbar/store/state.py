"""The fold state's SQL: load the part of :class:`~akhbar.stories.state.ClusterState` a batch of new
articles can reach, and save what one fold changed (only those rows), in the transaction that also
writes the stories, their members and the change log.

A mixin of :class:`~akhbar.store.Store`. It decides nothing: which stories are loaded follows from the
articles' terms, days and links; what is written is the fold's :class:`~akhbar.stories.state.StoryChanges`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Literal

from akhbar.store.articles import chunks
from akhbar.stories.records import Story
from akhbar.stories.state import ClusterState, StoryChanges, StoryState

_COUNTERS = ("cluster_documents", "cluster_clock", "cluster_opened", "fold_generation")

# One term's entries, newest first, straight off the (term, touched) index (its key ends with the story): a
# term keeps at most ``posting_cap`` entries (pruned at save), and a lookup reads no more than that.
_POSTINGS = ("SELECT story, touched FROM story_postings INDEXED BY story_postings_touched WHERE term = ? "
             "ORDER BY touched DESC, story DESC LIMIT ?")


@dataclass(frozen=True, slots=True)
class Reach:
    """What new articles can reach: their terms, their days, and the articles their links name."""

    terms: Collection[str]
    first_day: int | None  # None: no dated article
    undated: bool
    endpoints: Collection[str]
    reach_days: int  # a story takes articles up to this many days after its newest one


class FoldTables:
    """Loading and saving the clustering state."""

    _db: sqlite3.Connection

    def transaction(self) -> AbstractContextManager[None]:  # implemented by Store
        raise NotImplementedError

    def setting(self, key: str) -> str | None:  # implemented by Store
        raise NotImplementedError

    def _counter(self, key: str) -> int:
        value = self.setting(key)
        return int(value) if value is not None else 0

    def fold_generation(self) -> int:
        """Moves with every saved fold: a fold computed from an older generation is not saved."""
        return self._counter("fold_generation")

    def has_fold_state(self) -> bool:
        return self._db.execute("SELECT 1 FROM story_state LIMIT 1").fetchone() is not None

    def unclustered_ids(self) -> list[str]:
        """Articles in no story yet, in time order (date, then id; undated last)."""
        return [str(r[0]) for r in self._db.execute(
            "SELECT id FROM articles WHERE id NOT IN (SELECT article FROM story_articles) "
            "ORDER BY date IS NULL, date, id")]

    def story_taken(self, story_id: str) -> bool:
        return self._db.execute("SELECT 1 FROM stories WHERE id = ?", (story_id,)).fetchone() is not None

    def term_df(self, terms: Iterable[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for chunk in chunks(sorted(set(terms)), 500):
            marks = ",".join("?" * len(chunk))
            found.update((str(t), int(n)) for t, n in self._db.execute(
                f"SELECT term, df FROM cluster_terms WHERE term IN ({marks})", chunk))
        return found

    def load_cluster_state(self, reach: Reach, *, posting_cap: int) -> ClusterState:
        """The state the new articles can reach: the counts and postings of their terms, and the live
        stories those postings name that are still open on their days (any, for an undated article),
        with the stories their duplicate links lead to.

        A term's entries are read newest first down to the last one that names such a story, and one
        more: the entries past it name only closed stories, which no lookup can take, and dropping the
        oldest end of a posting list changes neither what a lookup finds nor when an entry leaves the
        list (:class:`~akhbar.stories.index.StoryIndex` drops the oldest): the one more keeps "this term
        files another story" as the whole list says it. So what is read follows the stories open around
        the new articles, not every story the term ever filed."""
        state = ClusterState.empty(posting_cap=posting_cap)
        state.documents = self._counter("cluster_documents")
        state.clock = self._counter("cluster_clock")
        state.opened = self._counter("cluster_opened")
        state.df.update(self.term_df(reach.terms))
        for chunk in chunks(sorted(set(reach.endpoints)), 500):
            marks = ",".join("?" * len(chunk))
            for article, story in self._db.execute(
                    f"SELECT article, story FROM story_articles WHERE article IN ({marks})", chunk):
                state.placed[str(article)] = str(story)
        forced = set(state.placed.values())
        since = None if reach.undated or reach.first_day is None else reach.first_day - reach.reach_days
        wanted, merged = self._open_stories(since, forced)
        state.merged.update(merged)
        named: set[str] = set(forced)
        wanted_set = set(wanted)
        for term in sorted(set(reach.terms)):
            rows = self._db.execute(_POSTINGS, (term, posting_cap)).fetchall()
            if not rows:
                continue
            if since is None:
                kept = rows
            else:  # down to the last entry naming a story the fold may need, and one more
                last = 0
                for position, row in enumerate(rows, 1):
                    if row[0] in wanted_set:
                        last = position
                        named.add(row[0])
                kept = rows[: last + 1]
            state.index.load(term, [(str(story), int(touched)) for story, touched in kept])
            if since is None:
                named.update(str(story) for story, _ in kept)
        if since is None:  # every entry read: the merged ones among them
            for chunk in chunks(sorted(named), 500):
                marks = ",".join("?" * len(chunk))
                state.merged.update((str(a), str(b)) for a, b in self._db.execute(
                    f"SELECT id, merged_into FROM stories WHERE id IN ({marks}) AND merged_into IS NOT NULL", chunk))
        live = {state.resolve(story) for story in named}
        for story in self._story_states(sorted(live), since=since, forced=forced):
            state.stories[story.id] = story
        return state

    def _open_stories(self, since: int | None, forced: Collection[str]) -> tuple[list[str], dict[str, str]]:
        """:func:`open_items` of the stories; for ``since`` None (an undated article: every story), nothing:
        every entry is read."""
        if since is None:
            return [], {}
        held = open_items(self._db, "story", since, forced)
        merged = {str(a): str(b) for a, b in self._db.execute(
            "SELECT id, merged_into FROM stories WHERE merged_into IN (SELECT value FROM json_each(?))",
            (json.dumps(held),))}
        return [*held, *sorted(merged)], merged

    def _story_states(self, ids: Sequence[str], *, since: int | None, forced: Collection[str]) -> Iterator[StoryState]:
        """The fold state of live stories ``ids`` still open on day ``since`` (``forced`` ones: whatever their days)."""
        for chunk in chunks(ids, 400):
            marks = ",".join("?" * len(chunk))
            keep = [s for s in chunk if s in forced]
            rows = self._db.execute(
                "SELECT t.story, t.centroid, t.norm2, t.first_day, t.last_day, t.opened, s.size FROM story_state t "
                f"JOIN stories s ON s.id = t.story WHERE t.story IN ({marks}) AND s.merged_into IS NULL "
                f"AND (? IS NULL OR t.last_day IS NULL OR t.last_day >= ? OR t.story IN ({','.join('?' * len(keep))}))",
                (*chunk, since, since, *keep))
            for row in rows:
                yield StoryState(str(row[0]), int(row[5]), json.loads(str(row[1])), float(row[2]), optional_int(row[3]),
                                 optional_int(row[4]), int(row[6]))

    def save_fold(self, state: ClusterState, changes: StoryChanges, stories: Sequence[tuple[Story, StoryState]], *,
                  at: str, generation: int, rebuild: bool = False, unchanged: Collection[str] = ()) -> bool:
        """Write one fold in one transaction: counts, postings, each changed story's state, row, members
        and change-log row (``stories``: the record, named as it is written, with its fold state), and the
        merges. False (nothing written) when another fold was saved since ``generation``.

        ``rebuild``: the fold started from empty, so every state table is replaced; stories in
        ``unchanged`` keep their revision (a rebuild that found them as they were)."""
        with self.transaction():
            if self.fold_generation() != generation:
                return False
            if rebuild:
                for table in ("story_state", "story_postings", "cluster_terms"):
                    self._db.execute(f"DELETE FROM {table}")
                self._db.execute("DELETE FROM settings WHERE key = 'stories_need_rebuild'")
            self._db.executemany("INSERT INTO cluster_terms VALUES (?, ?) ON CONFLICT (term) "
                                 "DO UPDATE SET df = df + excluded.df", changes.terms.items())
            self._db.executemany("INSERT INTO story_postings VALUES (?, ?, ?) ON CONFLICT (term, story) "
                                 "DO UPDATE SET touched = excluded.touched",
                                 changes.postings)
            # A term keeps the entries a fold reads (its posting_cap newest), so that reading them costs
            # the same whatever the store's history.
            self._db.executemany(
                "DELETE FROM story_postings WHERE term = ? AND story IN (SELECT story FROM story_postings "
                "WHERE term = ? ORDER BY touched DESC LIMIT -1 OFFSET ?)",
                [(term, term, state.index.posting_cap) for term in sorted({t for t, _, _ in changes.postings})])
            counters = (state.documents, state.clock, state.opened, generation + 1)
            self._db.executemany("INSERT OR REPLACE INTO settings VALUES (?, ?)",
                                 ((key, str(value)) for key, value in zip(_COUNTERS, counters, strict=True)))
            same = set(unchanged)
            for story, fold in stories:
                action = "same" if story.id in same else "grown" if self.story_taken(story.id) else "created"
                self._write_story(story, fold, at=at, action=action)
            for old, into in changes.merged:
                self._merge(old, into, at)
        return True

    def _write_story(self, story: Story, fold: StoryState, *, at: str, action: str) -> None:
        outlets = json.dumps(list(story.outlets), ensure_ascii=False)
        if action == "created":
            self._db.execute(
                'INSERT INTO stories (id, title, start, "end", outlets, size, created_at, updated_at, revision) '
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)",
                (story.id, story.title, story.start, story.end, outlets, len(story.articles), at, at))
            self._log(at, "story", story.id, "created")
        elif action == "grown":
            self._db.execute(
                'UPDATE stories SET title = ?, start = ?, "end" = ?, outlets = ?, size = ?, updated_at = ?, '
                "revision = revision + 1, merged_into = NULL WHERE id = ?",
                (story.title, story.start, story.end, outlets, len(story.articles), at, story.id))
            self._log(at, "story", story.id, "grown")
        self._db.execute("INSERT OR REPLACE INTO story_state VALUES (?, ?, ?, ?, ?, ?)",
                         (story.id, json.dumps(fold.centroid, ensure_ascii=False), fold.norm2, fold.first_day,
                          fold.last_day, fold.opened))
        self._db.execute("DELETE FROM story_articles WHERE story = ?", (story.id,))
        self._db.executemany("INSERT OR REPLACE INTO story_articles VALUES (?, ?, ?)",
                             ((story.id, article, i) for i, article in enumerate(story.articles)))

    def _merge(self, old: str, into: str, at: str) -> None:
        """``old`` joined ``into``: its row stays, pointing there (and so do the ids that pointed to it)."""
        self._db.execute("UPDATE stories SET merged_into = ?, size = 0, revision = revision + 1, updated_at = ? "
                         "WHERE id = ?", (into, at, old))
        self._db.execute("UPDATE stories SET merged_into = ? WHERE merged_into = ?", (into, old))
        self._db.execute("DELETE FROM story_state WHERE story = ?", (old,))
        self._db.execute("DELETE FROM story_reports WHERE story = ?", (old,))
        self._db.execute("DELETE FROM story_articles WHERE story = ?", (old,))  # they were rewritten under `into`
        self._log(at, "story", old, "merged", into)

    def _log(self, at: str, kind: str, item: str, action: str, into: str | None = None) -> None:  # by StoryTables
        raise NotImplementedError


# Each fold state table, by what it holds: (table, its id column). Both keep the item's newest day, indexed.
_STATES = {"story": ("story_state", "story"), "storyline": ("storyline_state", "storyline")}


def open_items(db: sqlite3.Connection, kind: Literal["story", "storyline"], since: int,
               forced: Collection[str]) -> list[str]:
    """The stories (or storylines) whose newest day is ``since`` or later, by their ``last_day`` index, with
    the undated ones and the ``forced`` ones: all a fold of articles (stories) from day ``since`` plus its
    reach can take, sorted. The same question for the story fold and the storyline fold; each adds the items
    merged into these its own way (the story fold asks, the storyline fold reads every merge once)."""
    table, key = _STATES[kind]
    held = {str(r[0]) for r in db.execute(
        f"SELECT {key} FROM {table} WHERE last_day >= ? OR last_day IS NULL", (since,))}
    return sorted({*held, *forced})


def optional_int(value: object) -> int | None:
    return None if value is None else int(str(value))
