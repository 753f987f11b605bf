"""The stories kept current as articles arrive: after the polls that brought new or revised articles,
the store's incremental fold places the articles no story holds yet (:func:`akhbar.store.update.update_stories`:
no re-clustering of the whole store), then the reports of the stories that moved are rebuilt
(:func:`akhbar.store.update.refresh_reports`). Both run after the poll's own transaction has committed:
a kill in between leaves unplaced articles, which the next update places (the watcher runs one on start).
"""

from __future__ import annotations

from collections.abc import Callable

from akhbar.config import Config
from akhbar.store.store import Store

StoryUpdate = Callable[[Store], str]  # the store -> a one-line account of what changed


def keep_stories_current(config: Config, *, workers: int = 1, facts: bool = True) -> StoryUpdate:
    """The watcher's story step: fold the new articles, rebuild the stale reports (in ``workers`` processes)."""
    from akhbar.store.storylines import update_storylines
    from akhbar.store.update import ReportSettings, refresh_reports, update_stories

    settings = ReportSettings(with_facts=facts)

    def update(store: Store) -> str:
        done = update_stories(store, config=config, workers=workers)
        update_storylines(store, config=config)
        built = refresh_reports(store, config=config, settings=settings, workers=workers)
        return (f"{done.folded} articles placed: {done.created} stories created, {done.grown} grown, "
                f"{done.merged} merged; {built} reports rebuilt")

    return update
