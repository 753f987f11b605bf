"""``akhbar stories`` (group articles into stories and report each) and ``akhbar eval-stories`` (the labelled check).

:func:`register` adds both commands to akhbar's Typer app; heavy imports happen inside them.
Exit codes as ``akhbar summarize``: 0 done, 1 no article could be read, 2 bad usage or configuration
(or the output could not be written), 4 done but some inputs were skipped or repaired (``--strict``:
nothing is written then).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, TaskID, TextColumn, TimeElapsedColumn
from rich.progress import Progress as ProgressBar

from akhbar.cli import MAX_ARTICLE_HELP, STRICT_HELP
from akhbar.config import Config, ConfigError, load_config
from akhbar.eval.stories import Split
from akhbar.ingest.readers import DEFAULT_MAX_ARTICLE_BYTES
from akhbar.records import Article, BadInput
from akhbar.stories.build import Progress, StoryBatch, group_stories, story_reports
from akhbar.stories.records import Story
from akhbar.stories.render import Entry

err = Console(stderr=True, soft_wrap=True)
_POOL_MIN_STORIES = 20  # below this a process pool costs more than it saves


class StoryFormat(StrEnum):
    text = "text"
    md = "md"
    html = "html"
    json = "json"


def _config(config_file: Path | None, words: int | None) -> Config:
    from akhbar.pipeline import with_words

    try:
        config = load_config(config_file)
    except ConfigError as error:
        err.print(f"[red]error:[/red] {escape(str(error))}")
        raise typer.Exit(2) from None
    return with_words(config, words) if words is not None else config


@contextmanager
def _stage_bar() -> Iterator[Progress]:
    """A rich progress bar with one line per stage, fed by the stories' progress callback."""
    bar = ProgressBar(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   console=err, transient=True, disable=not err.is_terminal)
    tasks: dict[str, TaskID] = {}

    def update(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bar.add_task(stage, total=total)
        bar.update(tasks[stage], completed=done, total=total)

    with bar:
        yield update


@contextmanager
def _output(out: Path | None) -> Iterator[TextIO]:
    if out is None:
        yield sys.stdout
        return
    try:
        handle = out.open("w", encoding="utf-8")
    except OSError as error:
        err.print(f"[red]error:[/red] cannot write {escape(str(out))}: {escape(str(error.strerror or error))}")
        raise typer.Exit(2) from None
    with handle:
        yield handle
    err.print(f"wrote {escape(str(out))}")


def _through_store(db: Path, articles: tuple[Article, ...], config: Config, progress: Progress) -> StoryBatch:
    """Ingest into the store, cluster everything it holds, replace its stories in one transaction."""
    from akhbar.store import Store, StoreError
    from akhbar.store.loader import ingest_into
    from akhbar.stories.boilerplate import select_boilerplate

    try:
        with Store(db) as store:
            ingest_into(store, articles, config=config)
            held = tuple(store.articles())
            learned = select_boilerplate(store.line_counts(min_count=config.boilerplate.min_articles),
                                         min_share=config.boilerplate.min_share,
                                         min_articles=config.boilerplate.min_articles)
            batch = group_stories(held, config=config, duplicates=tuple(store.duplicates()), boilerplate=learned,
                                  progress=progress)
            store.replace_stories(batch.stories)
    except StoreError as error:
        err.print(f"[red]error:[/red] {escape(str(error))}")
        raise typer.Exit(2) from None
    return batch


def stories_command(  # noqa: PLR0917 - typer maps each parameter to an option
    paths: Annotated[list[str], typer.Argument(help="Files (.txt .html .htm .jsonl), folders, or - for stdin.")],
    db: Annotated[Path | None, typer.Option("--db", help="SQLite store: ingest into it, keep its stories.")] = None,
    fmt: Annotated[StoryFormat, typer.Option("--format", "-f", help="Output format.")] = StoryFormat.text,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file instead of stdout.")] = None,
    words: Annotated[int | None, typer.Option("--words", "-w", min=10, help="Word budget of each summary.")] = None,
    facts: Annotated[bool, typer.Option("--facts/--no-facts", help="Extract quotes, figures, entities, ...")] = True,
    min_articles: Annotated[int, typer.Option("--min-articles", min=1,
                                              help="Show stories of at least N articles.")] = 1,
    facts_min: Annotated[int, typer.Option("--facts-min-articles", min=1,
                                           help="Facts only for stories of at least N articles.")] = 2,
    config_file: Annotated[Path | None, typer.Option("--config", help="A TOML file overriding the defaults.")] = None,
    max_article_bytes: Annotated[int, typer.Option("--max-article-bytes", min=1, help=MAX_ARTICLE_HELP)
                                 ] = DEFAULT_MAX_ARTICLE_BYTES,
    strict: Annotated[bool, typer.Option("--strict", help=STRICT_HELP)] = False,
    since: Annotated[str | None, typer.Option(
        "--since", help="YYYY-MM-DD: each summary tells only what the story's articles of that day or later add.",
    )] = None,
) -> None:
    """Group articles into stories (across outlets and days) and summarize each, largest and newest first."""
    from akhbar.cli import EXIT_SKIPPED, _progress, _silence_stdout, report_bad_inputs
    from akhbar.ingest import ingest
    from akhbar.pipeline import with_since

    config = _config(config_file, words)
    try:
        config = with_since(config, since)
    except ValueError as error:
        err.print(f"[red]error:[/red] {escape(str(error))}")
        raise typer.Exit(2) from None
    corpus = ingest(paths, progress=_progress, max_article_bytes=max_article_bytes)
    report_bad_inputs(corpus.errors, strict=strict, any_read=bool(corpus.articles) or db is not None)
    cores = min(2, os.cpu_count() or 1)
    with _stage_bar() as progress:
        if db is not None:
            batch = _through_store(db, corpus.articles, config, progress)
        else:
            batch = group_stories(corpus.articles, config=config, progress=progress, workers=cores)
        shown = [s for s in batch.stories if len(s.articles) >= min_articles]
        entries = story_reports(batch, config=config, with_facts=facts, stories=shown,
                                workers=cores if len(shown) >= _POOL_MIN_STORIES else 1,
                                facts_min_articles=facts_min, progress=progress)
        try:
            with _output(out) as handle:
                for chunk in _render(fmt, shown, entries, corpus.errors):
                    handle.write(chunk)
                handle.flush()
        except OSError as error:  # a full disk on stdout is the same clean exit 2 as on --out
            err.print(f"[red]error:[/red] cannot write {escape(str(out or 'standard output'))}: "
                      f"{escape(str(error.strerror or error))}")
            _silence_stdout()
            raise typer.Exit(2) from None
    err.print(f"{len(batch.stories)} stories from {len(batch.articles)} articles"
              + (f", {len(shown)} with at least {min_articles} articles" if min_articles > 1 else ""))
    if corpus.errors:
        raise typer.Exit(EXIT_SKIPPED)


def _render(fmt: StoryFormat, shown: list[Story], entries: Iterable[Entry],
            errors: Sequence[BadInput]) -> Iterator[str]:
    from akhbar.stories import render

    if fmt is StoryFormat.json:
        return render.stories_json(entries, errors)
    if fmt is StoryFormat.html:
        return render.stories_html(shown, entries, errors)
    if fmt is StoryFormat.md:
        return render.stories_markdown(entries, errors)
    return render.stories_text(entries, errors)


def eval_stories_command(
    data: Annotated[Path, typer.Argument(help="ANT's articles.jsonl.gz (../shared/data/ant_v21/articles.jsonl.gz).")],
    split: Annotated[Split, typer.Option("--split", help="dev (tuning), test (reporting) or all.")] = "test",
    distractors: Annotated[int, typer.Option("--distractors", min=0, help="Other ANT articles mixed in.")] = 5000,
    config_file: Annotated[Path | None, typer.Option("--config", help="A TOML file overriding the defaults.")] = None,
) -> None:
    """B-cubed of story clustering on hand-labelled ANT stories and the seeds, mixed into the archive."""
    from akhbar.eval.stories import evaluate

    if not data.is_file():
        err.print(f"[red]error:[/red] {escape(str(data))}: no such file (give ANT's articles.jsonl.gz)")
        raise typer.Exit(2)
    config = _config(config_file, None)
    errors: list[BadInput] = []
    result = evaluate(data, config=config, split=split, distractors=distractors, errors=errors)
    for bad in errors[:10]:
        err.print(f"[yellow]skipped[/yellow] {escape(bad.path)}: {escape(bad.problem)}")
    s, strict = result.scores, result.strict
    print(f"split {result.split}: {result.articles} articles clustered into {result.stories} stories; "
          f"{s.items} labelled articles scored")
    print(f"B-cubed precision {s.precision:.3f}  recall {s.recall:.3f}  F1 {s.f1:.3f}")
    print(f"strict (unlabelled articles in a labelled story count as errors): precision {strict.precision:.3f}  "
          f"F1 {strict.f1:.3f}")
    print("story                 articles  precision  recall")
    for name, score in result.per_story:
        print(f"{name:<22}{score.items:>8}  {score.precision:>9.3f}  {score.recall:>6.3f}")


def register(app: typer.Typer) -> None:
    """Add ``stories`` and ``eval-stories`` to akhbar's command line."""
    app.command("stories")(stories_command)
    app.command("eval-stories")(eval_stories_command)
