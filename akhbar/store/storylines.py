"""Storylines in the store: fold the stories that changed since the last storyline fold into the saved
storyline state, and read the storylines back (the CLI's ``--db`` output, the web page).

What changed is read from the change log (``changes``: stories created, grown, revised, merged after
``settings.storylines_seq``), so any writer of stories (``akhbar stories --db``, the watcher, an ingest)
is caught up by the next storyline update, and a kill at any point leaves the last saved fold. Only
those stories, the storylines they are in and the storylines their terms find that are still open around
them are loaded (:mod:`akhbar.store.line_state`): the cost follows the stories that changed, not the
store. The decisions come from :mod:`akhbar.stories.linefold`; this module holds the SQL.

Tables: ``storylines`` and ``storyline_state`` (schema v2) and ``stories.storyline``; the fold also
keeps each story's vector (``storyline_stories``) and the storyline index (``storyline_postings``),
created here on first use. The index keeps, for each term, the newest entries the fold keeps
(:class:`akhbar.stories.lineindex.LinePostings`: ``touched`` is the fold clock they were filed at), and
the older ones are deleted as new ones come: a fold reads the same few storylines per term as the
batch, whatever the store holds.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from akhbar.config import Config
from akhbar.store import line_state
from akhbar.store.store import Store, StoreError
from akhbar.store.stories import StoredStory, now
from akhbar.store.update import learned_boilerplate
from akhbar.stories.boilerplate import strip_boilerplate
from akhbar.stories.ids import keep_names, unused_id
from akhbar.stories.linefold import (
    LineChanges,
    LineState,
    StorylineState,
    StoryVector,
    update,
)
from akhbar.stories.lineindex import LinePostings
from akhbar.stories.storylines import Storyline, embedder, fold_daily, story_input, storyline

_ATTEMPTS = 5
_SEQ = "storylines_seq"
_STORY_ACTIONS = ("created", "grown", "revised", "retitled")

TABLES = """
CREATE TABLE IF NOT EXISTS storyline_stories (
    story TEXT PRIMARY KEY,          -- a live story placed in a storyline
    storyline TEXT NOT NULL,
    vector TEXT NOT NULL             -- JSON {term: weight}: what the story added to the storyline's centroid
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS storyline_stories_line ON storyline_stories (storyline);
CREATE TABLE IF NOT EXISTS storyline_postings (
    term TEXT NOT NULL,
    storyline TEXT NOT NULL,         -- may name a merged storyline: read through its merged_into
    touched INTEGER NOT NULL DEFAULT 0,  -- the fold clock it was last filed at (a term's newest are read)
    PRIMARY KEY (term, storyline)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS stories_storyline ON stories (storyline);
CREATE INDEX IF NOT EXISTS storyline_state_last ON storyline_state (last_day);
CREATE INDEX IF NOT EXISTS storylines_merged ON storylines (merged_into)
"""


@dataclass(frozen=True, slots=True)
class LineUpdate:
    """What one storyline update did."""

    folded: int = 0  # stories placed
    created: int = 0
    changed: int = 0  # storylines whose stories or dates changed, created ones included
    merged: int = 0


@dataclass(frozen=True, slots=True)
class StoredStoryline(Storyline):
    """A storyline as the store keeps it; ``redirected_from`` is the merged id that was asked for."""

    revision: int = 1
    updated_at: str = ""
    redirected_from: str | None = None


def _ensure_tables(db: sqlite3.Connection) -> None:
    for statement in (part.strip() for part in TABLES.split(";\n") if part.strip()):
        db.execute(statement)
    columns = {str(row[1]) for row in db.execute("PRAGMA table_info(storyline_postings)")}
    if "touched" not in columns:  # a store of the release before: its entries read as the oldest
        db.execute("ALTER TABLE storyline_postings ADD COLUMN touched INTEGER NOT NULL DEFAULT 0")
    db.execute("CREATE INDEX IF NOT EXISTS storyline_postings_touched ON storyline_postings (term, touched)")


def update_storylines(store: Store, *, config: Config, rebuild: bool = False) -> LineUpdate:
    """Place the stories that changed since the last storyline fold (all live stories, the first time).

    ``rebuild``: fold all live stories again from empty, day by day as the batch does; each new
    storyline takes the old id that shares most of its stories (:func:`akhbar.stories.ids.keep_names`)
    and an old id left over is merged into the storyline holding most of its former stories."""
    with store.transaction():
        _ensure_tables(store._db)
    for _ in range(_ATTEMPTS):
        seq = int(store.setting(_SEQ) or 0)
        last = store.last_change()
        done = _fold_all(store, seq, last, config=config, rebuild=True) if rebuild else _fold(
            store, seq, last, config=config)
        if done is not None:
            return done
    raise StoreError(f"{store.path}: other writers kept changing the storylines; try again")


def _fold(store: Store, seq: int, last: int, *, config: Config) -> LineUpdate | None:
    db, cap = store._db, config.stories.posting_cap
    if db.execute("SELECT 1 FROM storyline_stories LIMIT 1").fetchone() is None:
        return _fold_all(store, seq, last, config=config)
    touched, merged = _changed_since(store, seq, last)
    if not touched and not merged:
        if last == seq:
            return LineUpdate()
        return LineUpdate() if _save(store, seq, last, StorylineState(), LineChanges(), cap=cap) else None
    stories = [s for s in (store.story(i) for i in touched) if s is not None and s.redirected_from is None]
    inputs = _inputs(store, stories, config)
    state = line_state.load_line_state(store, [s.id for s in stories] + [old for old, _ in merged], inputs,
                        cap=cap, line_days=config.stories.line_days)
    state, changes = update(state, inputs, merged, config=config.stories, taken=lambda line: _taken(db, line),
                            embed=embedder(config.stories))
    if not _save(store, seq, last, state, changes, cap=cap):
        return None
    return LineUpdate(len(inputs), len(changes.created), len(changes.changed), len(changes.merged))


def _fold_all(store: Store, seq: int, last: int, *, config: Config, rebuild: bool = False) -> LineUpdate | None:
    """The first storyline fold of a store (or a rebuild): every live story, day by day as the batch folds them."""
    cap = config.stories.posting_cap
    stories = list(store.stories("largest"))
    if not stories:
        done = last == seq or _save(store, seq, last, StorylineState(), LineChanges(), cap=cap)
        return LineUpdate() if done else None
    learned = learned_boilerplate(store, config)
    articles = {a.id: strip_boilerplate(a, learned) for a in store.articles(a for s in stories for a in s.articles)}
    state = fold_daily(stories, articles, config.stories)
    merged: tuple[tuple[str, str], ...] = tuple((old, state.resolve(old)) for old in state.merged)
    created = tuple(state.lines)
    if rebuild:
        state, leftovers, created = _kept_ids(store, state)
        merged = tuple(leftovers.items())
    changes = LineChanges(created=created, changed=tuple(state.lines), merged=merged,
                          placed=tuple((story, state.resolve(line)) for story, (line, _) in state.placed.items()),
                          postings=tuple(state.postings.entries()))
    if not _save(store, seq, last, state, changes, cap=cap, rebuild=rebuild):
        return None
    return LineUpdate(len(stories), len(created), len(state.lines), len(merged))


def _kept_ids(store: Store, state: StorylineState) -> tuple[StorylineState, dict[str, str], tuple[str, ...]]:
    """A rebuilt state under the store's storyline ids, the old ids left over (-> the id they join), and the
    storylines that took no old id."""
    db = store._db
    old: dict[str, list[str]] = {}
    for story, line in db.execute("SELECT id, storyline FROM stories WHERE merged_into IS NULL "
                                  "AND storyline IS NOT NULL ORDER BY id"):
        old.setdefault(str(line), []).append(str(story))
    members: dict[str, list[str]] = {}
    for story, (line, _) in sorted(state.placed.items()):
        members.setdefault(state.resolve(line), []).append(story)
    taken = {str(row[0]) for row in db.execute("SELECT id FROM storylines")}
    kept = keep_names(old, sorted(members.items()), taken,
                      lambda line, _members, used: unused_id(line, lambda name: name in used))
    return state.renamed(kept.names), kept.leftovers, tuple(n for n in kept.names.values() if n not in old)


def _changed_since(store: Store, seq: int, last: int) -> tuple[list[str], list[tuple[str, str]]]:
    """The live stories the change log says changed in (seq, last], and the merges (old, live story)."""
    touched: dict[str, None] = {}
    merged: dict[str, str] = {}
    for change in store.changes(seq, until=last, kind="story"):  # the storylines' own rows left in SQLite
        if change.action == "merged" and change.into:
            merged[change.id] = change.into
        elif change.action in _STORY_ACTIONS:
            touched[change.id] = None
    live: dict[str, None] = {}
    for story_id in [*touched, *merged.values()]:
        found = store.story(story_id)
        if found is not None:
            live[found.id] = None
    resolved = []
    for old, into in merged.items():
        target = store.story(into)
        if target is not None and target.id != old:
            resolved.append((old, target.id))
    return list(live), resolved


def _inputs(store: Store, stories: Sequence[StoredStory], config: Config) -> list[StoryVector]:
    learned = learned_boilerplate(store, config)
    inputs = []
    for story in stories:
        articles = {a.id: strip_boilerplate(a, learned) for a in store.articles(story.articles)}
        inputs.append(story_input(story, articles, config.stories))
    return inputs


def _taken(db: sqlite3.Connection, line: str) -> bool:
    return db.execute("SELECT 1 FROM storylines WHERE id = ?", (line,)).fetchone() is not None


def _save(store: Store, seq: int, last: int, state: StorylineState, changes: LineChanges, *, cap: int,
          rebuild: bool = False) -> bool:
    """Write one storyline fold in one transaction; False (nothing written) if another was saved since ``seq``.
    ``rebuild``: the fold started from empty, so the fold's own tables are replaced."""
    db = store._db
    at = now()
    with store.transaction():
        if int(store.setting(_SEQ) or 0) != seq:
            return False
        if rebuild:
            for table in ("storyline_stories", "storyline_postings", "storyline_state"):
                db.execute(f"DELETE FROM {table}")
        for story in changes.left:
            db.execute("DELETE FROM storyline_stories WHERE story = ?", (story,))
            db.execute("UPDATE stories SET storyline = NULL WHERE id = ?", (story,))
        for story, line in changes.placed:
            vector = state.placed[story][1]
            db.execute("INSERT OR REPLACE INTO storyline_stories VALUES (?, ?, ?)",
                       (story, line, json.dumps(vector, ensure_ascii=False)))
            db.execute("UPDATE stories SET storyline = ? WHERE id = ?", (line, story))
        # Filed under the storyline they now stand for: one opened and merged within this fold was never written.
        filed: dict[tuple[str, str], int] = {}
        for term, line, clock in changes.postings:
            key = (term, state.resolve(line))
            filed[key] = max(clock, filed.get(key, clock))
        db.executemany("INSERT INTO storyline_postings VALUES (?, ?, ?) ON CONFLICT (term, storyline) "
                       "DO UPDATE SET touched = max(touched, excluded.touched)",
                       [(term, line, clock) for (term, line), clock in filed.items()])
        _prune_postings(db, sorted({term for term, _ in filed}), cap * LinePostings.KEEP)
        for old, into in changes.merged:
            _merge(db, old, into, at)
        for line_id in changes.changed:
            _write_line(db, state.lines[line_id], at=at)
        settings: list[tuple[str, str]] = [(_SEQ, str(last))]
        if changes != LineChanges():
            settings += [(line_state.CLOCK, str(state.clock)), (line_state.OPENED, str(state.opened))]
        db.executemany("INSERT OR REPLACE INTO settings VALUES (?, ?)", settings)
    return True


def _prune_postings(db: sqlite3.Connection, terms: Sequence[str], keep: int) -> None:
    """Each term keeps its ``keep`` newest entries, as the fold's index does: older ones are never read."""
    db.executemany("DELETE FROM storyline_postings WHERE term = ? AND storyline IN (SELECT storyline FROM "
                   "storyline_postings WHERE term = ? ORDER BY touched DESC, storyline DESC LIMIT -1 OFFSET ?)",
                   [(term, term, keep) for term in terms])


def _merge(db: sqlite3.Connection, old: str, into: str, at: str) -> None:
    db.execute("UPDATE stories SET storyline = ? WHERE storyline = ?", (into, old))
    db.execute("UPDATE storyline_stories SET storyline = ? WHERE storyline = ?", (into, old))
    db.execute("DELETE FROM storyline_state WHERE storyline = ?", (old,))
    done = db.execute("UPDATE storylines SET merged_into = ?, size = 0, revision = revision + 1, updated_at = ? "
                      "WHERE id = ?", (into, at, old)).rowcount
    db.execute("UPDATE storylines SET merged_into = ? WHERE merged_into = ?", (into, old))
    if done:  # a storyline opened and merged within one fold was never written
        db.execute('INSERT INTO changes (at, kind, id, action, "into") VALUES (?, ?, ?, ?, ?)',
                   (at, "storyline", old, "merged", into))


def _write_line(db: sqlite3.Connection, line: LineState, *, at: str) -> None:
    data: dict[str, Any] = {"centroid": line.centroid}  # the counters are columns (schema version 4)
    if line.embedded is not None:
        data["embedded"] = [float(x) for x in line.embedded]
    record = _record(db, line.id)
    if record is None:
        return
    row = (record.title, record.start, record.end, json.dumps(list(record.outlets), ensure_ascii=False), record.size)
    state = (line.id, json.dumps(data, ensure_ascii=False), line.first_day, line.last_day, line.opened,
             line.touched, line.size, line.norm2)
    old = db.execute('SELECT title, start, "end", outlets, size FROM storylines WHERE id = ?', (line.id,)).fetchone()
    action = None
    if old is None:
        db.execute('INSERT INTO storylines (id, title, start, "end", outlets, size, created_at, updated_at, revision) '
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)", (line.id, *row, at, at))
        action = "created"
    elif tuple(old) != row:  # its stories, dates, outlets or title moved: a reader sees a new revision
        db.execute('UPDATE storylines SET title = ?, start = ?, "end" = ?, outlets = ?, size = ?, updated_at = ?, '
                   "revision = revision + 1, merged_into = NULL WHERE id = ?", (*row, at, line.id))
        action = "grown"
    db.execute("INSERT OR REPLACE INTO storyline_state (storyline, state, first_day, last_day, opened, touched, "
               "size, norm2) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", state)
    if action is not None:
        db.execute('INSERT INTO changes (at, kind, id, action, "into") VALUES (?, ?, ?, ?, NULL)',
                   (at, "storyline", line.id, action))


def _record(db: sqlite3.Connection, line_id: str) -> Storyline | None:
    """A storyline's record from its live stories' rows."""
    from akhbar.stories.records import Story

    rows = db.execute('SELECT id, title, start, "end", outlets, size FROM stories '
                      "WHERE storyline = ? AND merged_into IS NULL", (line_id,)).fetchall()
    if not rows:
        return None
    # Story records with ``size`` placeholder members: the title goes to the largest story.
    members = [Story(str(r[0]), tuple(str(i) for i in range(int(r[5]))), tuple(json.loads(str(r[4]))),
                     _opt(r[2]), _opt(r[3]), str(r[1])) for r in rows]
    return storyline(line_id, members)


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


# reading --------------------------------------------------------------------------------------------


def _has_lines(db: sqlite3.Connection) -> bool:
    return db.execute("SELECT 1 FROM storylines LIMIT 1").fetchone() is not None


def stored_storylines(store: Store, *, stories: Collection[str] | None = None) -> tuple[StoredStoryline, ...]:
    """The live storylines (largest first; ``stories``: only those holding one of these stories)."""
    db = store._db
    if not _has_lines(db):
        return ()
    ids = [str(r[0]) for r in db.execute("SELECT id FROM storylines WHERE merged_into IS NULL")]
    found = [line for line in (_stored(db, i, None) for i in ids) if line is not None]
    if stories is not None:
        wanted = set(stories)
        found = [line for line in found if wanted.intersection(line.stories)]
    return tuple(sorted(found, key=lambda line: (-line.size, line.id)))


def stored_storyline(store: Store, line_id: str) -> StoredStoryline | None:
    """One storyline; a merged id gives the storyline it joined, with ``redirected_from`` set."""
    db = store._db
    row = db.execute("SELECT merged_into FROM storylines WHERE id = ?", (line_id,)).fetchone()
    if row is None:
        return None
    return _stored(db, line_id, None) if row[0] is None else _stored(db, str(row[0]), line_id)


def _stored(db: sqlite3.Connection, line_id: str, redirected_from: str | None) -> StoredStoryline | None:
    row = db.execute('SELECT id, title, start, "end", outlets, size, revision, updated_at FROM storylines '
                     "WHERE id = ? AND merged_into IS NULL", (line_id,)).fetchone()
    if row is None:
        return None
    members = [str(r[0]) for r in db.execute(
        "SELECT id FROM stories WHERE storyline = ? AND merged_into IS NULL "
        'ORDER BY start IS NULL, start, id', (line_id,))]
    return StoredStoryline(str(row[0]), str(row[1]), tuple(members), _opt(row[2]), _opt(row[3]),
                           tuple(json.loads(str(row[4]))), int(row[5]), revision=int(row[6]),
                           updated_at=str(row[7]), redirected_from=redirected_from)


def storyline_stories(store: Store, line: Storyline) -> list[StoredStory]:
    """The live stories of ``line``, oldest first."""
    return [s for s in (store.story(i) for i in line.stories) if s is not None and s.redirected_from is None]


def storyline_map(stories: Iterable[StoredStory]) -> dict[str, str]:
    """Story id -> storyline id, as the store holds them."""
    return {s.id: s.storyline for s in stories if s.storyline}
