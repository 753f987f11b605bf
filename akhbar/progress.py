"""Progress for the command line: a live bar on a terminal, one plain line per stage in a log.

A long command run from a script or a service writes to a file, where a bar draws nothing: there,
each stage prints one line when it ends, with what it counted and how long it took
(``clustering: 2000 articles, 7.3 s``), so a log shows where the time went. ``--quiet`` silences
both. Errors and warnings are never progress: they are printed whatever is chosen.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, TaskID, TextColumn, TimeElapsedColumn
from rich.progress import Progress as Bar

# (stage, done, total): the callback the stages call as they advance
Progress = Callable[[str, int, int], None]
# (stage, count) -> what the count counts, e.g. "1 article", "3 stories" without the number
Unit = Callable[[str, int], str]


def _items(_stage: str, count: int) -> str:
    return "item" if count == 1 else "items"


class StageLines:
    """A :data:`Progress` that writes one line per stage, when the stage reaches its total."""

    def __init__(self, write: Callable[[str], None], *, unit: Unit = _items,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.write, self.unit, self.clock = write, unit, clock
        self.started: dict[str, float] = {}
        self.ended: set[str] = set()

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage not in self.started:
            self.started[stage] = self.clock()
        if done >= total and stage not in self.ended:
            self.ended.add(stage)
            self.write(f"{stage}: {total} {self.unit(stage, total)}, {self.clock() - self.started[stage]:.1f} s")


@contextmanager
def stage_progress(console: Console, *, quiet: bool = False,
                   unit: Unit = _items) -> Iterator[Progress]:
    """The progress a command shows on ``console`` (stderr): a bar per stage on a terminal, a line per
    stage otherwise, nothing when ``quiet``."""
    if quiet:
        yield lambda _stage, _done, _total: None
        return
    if not console.is_terminal:
        yield StageLines(lambda line: console.print(line, markup=False, highlight=False), unit=unit)
        return
    bar = Bar(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
              console=console, transient=True)
    tasks: dict[str, TaskID] = {}

    def update(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bar.add_task(stage, total=total)
        bar.update(tasks[stage], completed=done, total=total)

    with bar:
        yield update


def stage_lines(console: Console, *, quiet: bool = False,
                unit: Unit = _items) -> Progress:
    """One line per stage when ``console`` is no terminal (a terminal has its own bars), else nothing."""
    if quiet or console.is_terminal:
        return lambda _stage, _done, _total: None
    return StageLines(lambda line: console.print(line, markup=False, highlight=False), unit=unit)


def articles_or_stories(stage: str, count: int) -> str:
    """What the stages of the commands count: stories for the reports, articles for the rest."""
    if stage == "reports":
        return "story" if count == 1 else "stories"
    return "article" if count == 1 else "articles"
