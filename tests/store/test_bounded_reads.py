"""A fold reads from the store only what can still take its articles (stories open around their days, the
storylines open around its stories), and folds exactly as if it had read every entry of every term."""

from __future__ import annotations

import dataclasses
import itertools
import json
import math
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import akhbar.store.line_state as stored_lines
from akhbar.config import Config, load_config
from akhbar.records import Article
from akhbar.store import Store
from akhbar.store.loader import ingest_into
from akhbar.store.state import Reach
from akhbar.store.storylines import update_storylines
from akhbar.store.update import update_stories
from akhbar.stories.cluster import reach, story_terms
from akhbar.stories.linefold import QUERY_TERMS, heaviest
from tests.data_paths import needs_ant
from tests.store.test_storylines import KHASHOGGI, _ant_days
from tests.store.test_update import MORE, by_day

CONFIG = load_config()
TABLES = {  # what a fold writes, without the times it wrote it at
    "stories": 'SELECT id, title, start, "end", size, revision, merged_into, storyline FROM stories ORDER BY id',
    "story_articles": "SELECT * FROM story_articles ORDER BY story, position",
    "story_state": "SELECT * FROM story_state ORDER BY story",
    "story_postings": "SELECT * FROM story_postings ORDER BY term, story",
    "storylines": 'SELECT id, title, start, "end", size, revision, merged_into FROM storylines ORDER BY id',
    "storyline_state": "SELECT * FROM storyline_state ORDER BY storyline",
    "storyline_stories": "SELECT * FROM storyline_stories ORDER BY story",
    "storyline_postings": "SELECT * FROM storyline_postings ORDER BY term, storyline",
    "changes": 'SELECT kind, id, action, "into" FROM changes ORDER BY seq',
}


def _small(posting_cap: int, thread_days: int, line_days: int) -> Config:
    """Short windows and short posting lists: most entries name closed stories, lists are trimmed often."""
    return dataclasses.replace(CONFIG, stories=dataclasses.replace(
        CONFIG.stories, posting_cap=posting_cap, thread_days=thread_days, window_days=min(thread_days, 2),
        line_days=line_days))


def _replay(articles: list[Article], path: Path, config: Config) -> dict[str, list[Any]]:
    with Store(path) as store:
        for day in by_day(articles):
            ingest_into(store, day, config=config)
            update_stories(store, config=config)
            update_storylines(store, config=config)
        return {name: [_parsed(row) for row in store._db.execute(sql)] for name, sql in TABLES.items()}


def _parsed(row: tuple[Any, ...]) -> list[Any]:
    """JSON columns as values (a vector's key order is the fold's, not part of the result)."""
    return [json.loads(v) if isinstance(v, str) and v.startswith("{") else v for v in row]


def _same(a: object, b: object) -> bool:
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)  # sums of the same terms in another order
    return a == b


def _read_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    """The loaders as if every story and storyline were open: each term's whole list, every state."""
    whole_stories = Store.load_cluster_state
    whole_lines = stored_lines.load_line_state

    def stories(self: Store, scope: Reach, *, posting_cap: int) -> Any:
        return whole_stories(self, dataclasses.replace(scope, undated=True), posting_cap=posting_cap)

    def lines(store: Store, ids: Any, inputs: Any, *, cap: int, line_days: int) -> Any:
        return whole_lines(store, ids, inputs, cap=cap, line_days=10**7)

    monkeypatch.setattr(Store, "load_cluster_state", stories)
    monkeypatch.setattr(stored_lines, "load_line_state", lines)


def _check_lookups(monkeypatch: pytest.MonkeyPatch, looked: list[int], loaded: list[Any] | None = None) -> None:
    """Every bounded storyline load checked, term by term, against the whole index: a lookup finds the same
    loaded storylines (so the hidden counts are read exactly: one off and a lookup reads one too deep).
    ``loaded``: each load's storylines, kept to be looked at after the fold."""
    bounded = stored_lines.load_line_state

    def checked(store: Store, ids: Any, inputs: Any, *, cap: int, line_days: int) -> Any:
        state = bounded(store, ids, inputs, cap=cap, line_days=line_days)
        if loaded is not None:
            loaded.extend(state.lines.values())
        whole = bounded(store, ids, inputs, cap=cap, line_days=10**7)
        for term in {t for s in inputs for t in heaviest(s.vector, QUERY_TERMS)}:
            got = [line for line in state.postings.newest(term, state.resolve, cap) if line in state.lines]
            want = [line for line in whole.postings.newest(term, whole.resolve, cap) if line in state.lines]
            assert got == want, term
            assert all(distinct < cap for _, distinct in state.postings.hidden.get(term, {}).values())  # read no deeper
            looked[0] += len(whole.postings.terms.get(term, {})) - len(state.postings.terms.get(term, {}))
        return state

    monkeypatch.setattr(stored_lines, "load_line_state", checked)


def _check_same_fold(articles: list[Article], tmp_path: Path, config: Config, monkeypatch: pytest.MonkeyPatch, *,
                     unscored: bool = False) -> None:
    hidden, loaded = [0], []
    with monkeypatch.context() as patched:
        _check_lookups(patched, hidden, loaded)
        bounded = _replay(articles, tmp_path / "bounded.db", config)
    assert hidden[0] > 0  # entries were left out of the reads
    assert any(line.source is None for line in loaded)  # the storylines scored or changed were parsed
    if unscored:  # storylines loaded but never scored nor changed: never parsed (schema v4's columns)
        assert any(line.source is not None for line in loaded)
    with monkeypatch.context() as patched:
        _read_everything(patched)
        whole = _replay(articles, tmp_path / "whole.db", config)
    assert bounded["stories"] and bounded["storylines"]
    for name in TABLES:
        assert _same(bounded[name], whole[name]), name


def test_reading_only_the_open_stories_folds_as_reading_everything(seed_articles, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    articles = [*seed_articles, *MORE, *KHASHOGGI]
    _check_same_fold(articles, tmp_path, _small(posting_cap=1, thread_days=1, line_days=2), monkeypatch)


@needs_ant
def test_on_real_ant_weeks_the_bounded_reads_fold_as_reading_everything(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    # Five weeks, one article in eight: most terms' entries name stories and storylines closed long before.
    articles = list(itertools.islice(_ant_days("2018-03-01", "2018-04-05", 3000), 0, None, 8))
    _check_same_fold(articles, tmp_path, _small(posting_cap=3, thread_days=3, line_days=7), monkeypatch,
                     unscored=True)


def test_a_late_article_reads_no_closed_story_and_one_entry_of_a_closed_term(seed_articles, tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        for day in by_day([*seed_articles, *MORE]):
            ingest_into(store, day, config=CONFIG)
            update_stories(store, config=CONFIG)
        late = MORE[-1]  # a quake report, a year after every story closed
        terms = set(story_terms(late, title_weight=CONFIG.stories.title_weight, lead_words=CONFIG.stories.lead_words))
        day = date(2018, 1, 1).toordinal()  # every stored story ended in December 2016
        state = store.load_cluster_state(Reach(terms, day, False, (), reach(CONFIG.stories)),
                                         posting_cap=CONFIG.stories.posting_cap)
        whole = store.load_cluster_state(Reach(terms, None, True, (), reach(CONFIG.stories)),
                                         posting_cap=CONFIG.stories.posting_cap)
    assert whole.stories and not state.stories  # nothing is open a year on
    assert any(len(p) > 1 for p in whole.index.postings_.values())
    assert max(len(p) for p in state.index.postings_.values()) == 1  # "the term files a story", no more
    assert state.index.postings_.keys() == whole.index.postings_.keys()


def test_a_storyline_fold_reads_the_merged_storylines_once(seed_articles, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    days = by_day([*seed_articles, *MORE, *KHASHOGGI])
    loads: list[list[str]] = []
    bounded = stored_lines.load_line_state

    def traced(store: Store, ids: Any, inputs: Any, *, cap: int, line_days: int) -> Any:
        statements: list[str] = []
        store._db.set_trace_callback(statements.append)
        try:
            return bounded(store, ids, inputs, cap=cap, line_days=line_days)
        finally:
            store._db.set_trace_callback(None)
            loads.append(statements)

    monkeypatch.setattr(stored_lines, "load_line_state", traced)
    with Store(tmp_path / "s.db") as store:
        for day in days:
            ingest_into(store, day, config=CONFIG)
            update_stories(store, config=CONFIG)
            update_storylines(store, config=CONFIG)
    assert len(loads) >= 2
    for statements in loads:
        merged = [s for s in statements if s.lstrip().upper().startswith("SELECT") and "merged_into" in s]
        assert len(merged) == 1, merged
