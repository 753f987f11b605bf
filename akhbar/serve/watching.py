"""`akhbar serve --watch FEEDS.toml`: the feed watcher in a background thread of the server's process.

The watcher is the store's one writer (:func:`akhbar.watch.loop.run_watcher`); after each poll that brought
new or revised articles it folds them into the stories and rebuilds the reports of the stories that moved,
so the page (which reads the store read-only) shows them. It stops cleanly with the server: no new poll
starts, the requests in flight finish, and the last transaction commits whole.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from akhbar.config import load_config

log = logging.getLogger("akhbar.serve")
STOP_SECONDS = 60  # the longest the server waits for the watcher's requests in flight when it stops


class BackgroundWatcher:
    def __init__(self, feeds: Any, db: Path, config_file: Path | None, *,
                 report: Callable[[str, str, str], None] | None = None) -> None:
        self.feeds, self.db, self.report = feeds, db, report
        self.config = load_config(config_file)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="akhbar-watch", daemon=True)
        self.error: BaseException | None = None

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(STOP_SECONDS)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def _run(self) -> None:
        from akhbar.watch.loop import run_watcher
        from akhbar.watch.stories import keep_stories_current

        try:
            run_watcher(self.feeds, self.db, self._stop, config=self.config, report=self.report,
                        update_stories=keep_stories_current(self.config, workers=1, facts=True))
        except Exception as error:  # the page goes on serving what the store holds; the terminal says why
            self.error = error
            log.error("the feed watcher stopped: %s: %s", type(error).__name__, error)
