"""``akhbar ingest PATH... --db FILE``: read articles into a store, with their sketches, duplicate
links and boilerplate counts. Idempotent; a killed run is completed by running it again.

Exit codes as ``akhbar summarize``: 0 done, 1 no article could be read, 2 bad usage, configuration
or store file, 3 an internal error, 4 done but some inputs were skipped or repaired (``--strict``:
stop at the first such input, before it is stored).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn

from akhbar.cli import EXIT_SKIPPED, MAX_ARTICLE_HELP, QUIET_HELP, STRICT_HELP, bad_input_line
from akhbar.ingest.readers import DEFAULT_MAX_ARTICLE_BYTES
from akhbar.records import Article, BadInput

err = Console(stderr=True, soft_wrap=True)


def _articles(paths: list[str], max_article_bytes: int, seen: list[BadInput], *, strict: bool,
              ) -> Iterator[Article | BadInput]:
    from akhbar.ingest import iter_articles

    for item in iter_articles(paths, max_article_bytes=max_article_bytes):
        if isinstance(item, BadInput):
            seen.append(item)
            if strict and item.action != "ignored":
                err.print(bad_input_line(item))
                err.print("[red]error:[/red] --strict: an input was skipped or repaired; stopped")
                raise typer.Exit(EXIT_SKIPPED)
        yield item


def _report(bad: BadInput) -> None:
    err.print(bad_input_line(bad))


def ingest(  # noqa: PLR0917 - typer maps each parameter to an option
    paths: Annotated[list[str], typer.Argument(help="Files (.txt .html .htm .jsonl), folders, or - for stdin.")],
    db: Annotated[Path, typer.Option("--db", help="The store file (SQLite); created if missing.")],
    config_file: Annotated[Path | None, typer.Option("--config", help="A TOML file overriding the defaults.")] = None,
    max_article_bytes: Annotated[int, typer.Option("--max-article-bytes", min=1, help=MAX_ARTICLE_HELP)
                                 ] = DEFAULT_MAX_ARTICLE_BYTES,
    strict: Annotated[bool, typer.Option("--strict", help=STRICT_HELP)] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help=QUIET_HELP)] = False,
) -> None:
    """Add articles to a store: new ones are kept with their near-duplicate links, a changed text
    becomes a new revision of its article; ingesting the same files again adds nothing."""
    from akhbar.config import ConfigError, load_config
    from akhbar.store import Store, StoreError
    from akhbar.store.loader import ingest_into

    try:
        config = load_config(config_file)
        store = Store(db)
    except (ConfigError, StoreError) as error:
        err.print(f"[red]error:[/red] {escape(str(error))}")
        raise typer.Exit(2) from None
    progress = Progress(SpinnerColumn(), TextColumn("ingesting: {task.completed} articles"), TimeElapsedColumn(),
                        console=err, transient=True, disable=not err.is_terminal)
    seen: list[BadInput] = []
    with store, progress:
        task = progress.add_task("ingest", total=None)
        try:
            summary = ingest_into(store, _articles(paths, max_article_bytes, seen, strict=strict), config=config,
                                  on_error=_report,
                                  on_batch=_on_batch(progress, task, quiet=quiet))
        except StoreError as error:
            err.print(f"[red]error:[/red] {escape(str(error))}")
            raise typer.Exit(2) from None
    for article_id in summary.revised:
        err.print(f"[yellow]revised[/yellow] {escape(article_id)}: stored with another text; the new text "
                  "replaces it (a new revision of the same article)")
    err.print(f"read {summary.read}, new {summary.new}, unchanged {summary.unchanged}, "
              f"revised {len(summary.revised)}, duplicates {summary.exact} exact + {summary.near} near"
              f" -> {escape(str(db))}")
    if summary.read == 0:
        err.print("[red]error:[/red] no article could be read from the given inputs")
        raise typer.Exit(1)
    if any(bad.action != "ignored" for bad in seen):
        raise typer.Exit(EXIT_SKIPPED)


def _on_batch(progress: Progress, task: TaskID, *, quiet: bool) -> Callable[[int], None]:
    """Advance the bar on a terminal; in a log, one line per committed batch (a long ingest is never silent)."""
    started, done = time.monotonic(), [0]

    def advance(n: int) -> None:
        progress.advance(task, n)
        done[0] += n
        if not quiet and not err.is_terminal:
            err.print(f"ingesting: {done[0]} articles, {time.monotonic() - started:.1f} s", markup=False,
                      highlight=False)

    return advance


def register(app: typer.Typer) -> None:
    """Add ``ingest`` to the main ``akhbar`` app."""
    app.command("ingest")(ingest)
