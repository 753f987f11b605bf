"""A storyline fold runs with a page cache large enough for the pages it reads and writes, and leaves the
store's connection as it found it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from akhbar.config import load_config
from akhbar.store import Store, storylines
from akhbar.store.loader import ingest_into
from akhbar.store.update import update_stories
from tests.store.test_update import MORE, by_day

CONFIG = load_config()


def _cache_kib(store: Store) -> int:
    size = int(store._db.execute("PRAGMA cache_size").fetchone()[0])
    return -size if size < 0 else size * int(store._db.execute("PRAGMA page_size").fetchone()[0]) // 1024


def test_the_fold_saves_with_a_large_page_cache_and_puts_the_old_one_back(seed_articles, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    during: list[int] = []
    save = storylines._save

    def watched(store: Store, *args: Any, **kwargs: Any) -> bool:
        during.append(_cache_kib(store))
        return save(store, *args, **kwargs)

    monkeypatch.setattr(storylines, "_save", watched)
    with Store(tmp_path / "s.db") as store:
        store._db.execute("PRAGMA cache_size = -1000")
        for day in by_day([*seed_articles, *MORE]):
            ingest_into(store, day, config=CONFIG)
            update_stories(store, config=CONFIG)
            storylines.update_storylines(store, config=CONFIG)
            assert _cache_kib(store) == 1000  # the store's own setting, back
        store._db.execute("PRAGMA cache_size = -100000")  # already larger: left as it is
        storylines.update_storylines(store, config=CONFIG, rebuild=True)
        assert _cache_kib(store) == 100000
    assert len(during) >= 3
    assert all(kib >= 32 * 1024 for kib in during[:-1]) and during[-1] == 100000
