"""The stories kept current as articles arrive: after the polls that brought new or revised articles,
the store's incremental fold places the articles no story holds yet (:func:`akhbar.store.update.update_stories`:
no re-clustering of the whole store), then the reports of the stories that moved are rebuilt
(:func:`akhbar.store.update.refresh_reports`). Both run after the poll's own transaction has committed:
a kill in between leaves unplaced articles, which the next update places (the watcher runs one on start).

Work per poll is bounded. A report costs time in proportion to its story (a story of 230 articles takes
5-15 s of work, a lone article a tenth of a second; each article's tagged sentences are kept in the store, so
a story grown by a few articles tags only theirs: :mod:`akhbar.store.report_parts`; with two workers or
more, a large story's summary and facts are built at once: :mod:`akhbar.store.report_pool`), so a poll rebuilds only
the smallest changed stories, up to
``budget`` articles in all; the larger ones keep their older report, which the page shows marked as being
updated, and are rebuilt by :meth:`StoryKeeper.catch_up` while no poll is waiting (the watcher asks between
two reports, so a poll that comes in is handled after one report at most). After each step the text
caches are emptied when they grew large (:mod:`akhbar.watch.memory`): the watcher's memory stays bounded.
"""

from __future__ import annotations

from collections.abc import Callable

from akhbar.config import Config
from akhbar.store.store import Store
from akhbar.watch.memory import TRIM_ABOVE, trim_caches

StoryUpdate = Callable[[Store], str]  # the store -> a one-line account of what changed
REPORT_BUDGET = 150  # articles of the stories whose reports one poll rebuilds at once (the others: after)


class StoryKeeper:
    """The watcher's story step (``__call__``: fold the new articles, rebuild the small stale reports) and
    its deferred part (:meth:`catch_up`: the remaining stale reports, between polls)."""

    def __init__(self, config: Config, *, workers: int = 1, facts: bool = True,
                 budget: int | None = REPORT_BUDGET, trim_above: int | None = TRIM_ABOVE) -> None:
        from akhbar.store.update import ReportSettings

        self.config, self.workers, self.budget, self.trim_above = config, workers, budget, trim_above
        # Past the budget, larger changed stories are built in the poll beside the small ones (largest first).
        # With facts, a large story's report is two tasks (its summary, its facts: akhbar.store.report_pool)
        # that the workers share with the small ones, so as many as workers cost less wall time in the poll
        # than alone after it (poll of 100 into the whole archive, two workers: benchmarks/poll_100.py).
        # Without facts a report is one task: one worker is left for the small ones.
        self.spare = (workers if facts else workers - 1) if workers > 1 else 0
        self.settings = ReportSettings(with_facts=facts)
        # The watcher runs threads (one per host; a server's too): its pool forks from a clean server process.
        self.start_method = "forkserver" if workers > 1 else None
        if self.start_method == "forkserver":  # its tables load now, while the first poll fetches and folds
            from akhbar.store.report_pool import start_report_server

            start_report_server()
        self.behind = True  # stale reports may be waiting (a watcher starting on a store left behind)
        self.retry = False  # stale reports none of which could be built: looked at again after the next poll

    def __call__(self, store: Store) -> str:
        from akhbar.store.storylines import update_storylines
        from akhbar.store.update import refresh_reports_left, update_stories

        done = update_stories(store, config=self.config, workers=self.workers)
        update_storylines(store, config=self.config)
        # The stories this fold changed, smallest first; any older backlog waits for catch_up, newest first.
        built, left = refresh_reports_left(store, config=self.config, settings=self.settings, workers=self.workers,
                                           ids=done.changed, budget=self.budget, start_method=self.start_method,
                                           spare=self.spare)
        # A backlog only when this poll left some of its stories stale (a watcher that starts is behind
        # already): a poll that built all of its reports costs no look over every story of the store.
        self.behind = self.behind or self.retry or done.rebuilt or left > 0
        self._trim()
        return (f"{done.folded} articles placed: {done.created} stories created, {done.grown} grown, "
                f"{done.merged} merged; {built} reports rebuilt")

    def catch_up(self, store: Store, interrupted: Callable[[], bool] = lambda: False) -> str | None:
        """Rebuild the stale reports the polls left, largest changes last; stop early when ``interrupted``
        answers True (checked between two reports). None when there was nothing to do."""
        from akhbar.store.update import refresh_reports

        if not self.behind:
            return None
        built = refresh_reports(store, config=self.config, settings=self.settings, workers=self.workers,
                                interrupted=interrupted, start_method=self.start_method)
        self._trim()
        left = len(store.stale_reports(min_articles=self.settings.min_articles))
        self.behind = left > 0 and built > 0  # none built: none can be now (the next poll looks again)
        self.retry = left > 0 and built == 0
        return None if not built and not left else f"{built} reports rebuilt after the poll, {left} still stale"


    def _trim(self) -> None:
        if self.trim_above is not None:  # the text caches of this process (see akhbar.watch.memory)
            trim_caches(self.trim_above)


def keep_stories_current(config: Config, *, workers: int = 1, facts: bool = True,
                         budget: int | None = REPORT_BUDGET, trim_above: int | None = TRIM_ABOVE) -> StoryKeeper:
    """The watcher's story step: fold the new articles, rebuild the stale reports (in ``workers`` processes;
    those past ``budget`` articles after the poll, see :class:`StoryKeeper`)."""
    return StoryKeeper(config, workers=workers, facts=facts, budget=budget, trim_above=trim_above)
