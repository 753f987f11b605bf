"""``akhbar watch FEEDS.toml --db FILE [--once] [--interval SECONDS]``: poll outlet feeds into a store.

Exit codes: 0 every feed (and every entry) was read (``--once``), or a loop stopped cleanly by
SIGINT/SIGTERM; 2 bad FEEDS.toml, configuration or store file, or the [live] extra missing;
3 an internal error; 4 ``--once`` done, but a feed or an entry was skipped (each is on stderr with
its URL and the problem); 130 ``--once`` interrupted.
"""

from __future__ import annotations

import importlib.util
import signal
import threading
from pathlib import Path
from types import FrameType
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from akhbar.cli import EXIT_SKIPPED
from akhbar.report.escaping import terminal_text

err = Console(stderr=True, soft_wrap=True)
_COLOURS = {"read": "green", "not-modified": "dim", "skipped": "yellow", "entry-skipped": "yellow", "stopped": "cyan",
            "stories": "blue"}


def _say(kind: str, url: str, message: str) -> None:
    colour = _COLOURS.get(kind, "white")
    err.print(f"[{colour}]{kind}[/{colour}] {escape(terminal_text(url, keep_newlines=False))}: "
              f"{escape(terminal_text(message, keep_newlines=False))}")


def watch(  # noqa: PLR0917 - typer maps each parameter to an option
    feeds_file: Annotated[Path, typer.Argument(metavar="FEEDS.toml",
                                               help="The feeds to watch: one \\[\\[feed]] table (url, outlet) each.")],
    db: Annotated[Path, typer.Option("--db", help="The store file (SQLite); created if missing.")],
    once: Annotated[bool, typer.Option("--once", help="Poll every feed once, then exit (cron, tests).")] = False,
    interval: Annotated[float | None, typer.Option(
        "--interval", min=1.0, help="Seconds between polls of each feed (overrides FEEDS.toml).")] = None,
    config_file: Annotated[Path | None, typer.Option("--config", help="A TOML file overriding the defaults.")] = None,
    stories: Annotated[bool, typer.Option(
        "--stories/--no-stories", help="Keep the store's stories and their reports current after each poll.")] = True,
    facts: Annotated[bool, typer.Option("--facts/--no-facts", help="Extract facts in the stories' reports.")] = True,
    workers: Annotated[int, typer.Option("--workers", min=1, max=16, help="Processes that build the stories' "
                                         "reports (a forkserver pool when more than 1).")] = 1,
) -> None:
    """Poll RSS/Atom feeds politely and keep their articles in a store: new ones added, changed ones
    revised in place, nothing read twice."""
    if importlib.util.find_spec("httpx") is None or importlib.util.find_spec("feedparser") is None:
        err.print("[red]error:[/red] `akhbar watch` needs the [live] extra: pip install 'akhbar[live]'")
        raise typer.Exit(2)
    from akhbar.config import ConfigError, load_config
    from akhbar.feeds.config import FeedsConfigError, load_feeds
    from akhbar.store import Store, StoreError
    from akhbar.watch.loop import run_watcher
    from akhbar.watch.stories import keep_stories_current

    try:
        feeds = load_feeds(feeds_file)
        config = load_config(config_file)
        Store(db).close()  # a bad store file is a usage error, before any request is made
    except (FeedsConfigError, ConfigError, StoreError) as error:
        err.print(f"[red]error:[/red] {escape(terminal_text(str(error)))}")
        raise typer.Exit(2) from None
    stop = threading.Event()
    stopped_by: list[int] = []

    def ask_to_stop(number: int, frame: FrameType | None) -> None:
        del frame
        if not stop.is_set():
            err.print("stopping: finishing the requests in flight (again to force)")
        else:  # a second signal: the user insists
            raise KeyboardInterrupt
        stopped_by.append(number)
        stop.set()

    previous = {number: signal.signal(number, ask_to_stop) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        # One process by default: a poll's reports are few and small (the large ones are built after it).
        # More workers fork from a forkserver, never from the watcher, whose threads may hold locks.
        update = keep_stories_current(config, workers=workers, facts=facts) if stories else None
        summary = run_watcher(feeds, db, stop, once=once, interval=interval, config=config, report=_say,
                              update_stories=update)
    except StoreError as error:
        err.print(f"[red]error:[/red] {escape(str(error))}")
        raise typer.Exit(2) from None
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    err.print(f"{summary.polls} polls: {summary.feeds_read} feeds read, {summary.feeds_skipped} skipped; "
              f"articles {summary.new} new, {summary.revised} revised, {summary.unchanged} unchanged; "
              f"{summary.entries_skipped} entries skipped -> {escape(str(db))}")
    if once and stopped_by:
        raise typer.Exit(130)
    if once and not summary.complete:
        raise typer.Exit(EXIT_SKIPPED)


def register(app: typer.Typer) -> None:
    """Add ``watch`` to the main ``akhbar`` app."""
    app.command("watch")(watch)
