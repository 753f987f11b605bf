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
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer
from rich.console import Console
from rich.markup import escape

from akhbar.cli import MAX_ARTICLE_HELP, QUIET_HELP, STRICT_HELP
from akhbar.config import Config, ConfigError, load_config
from akhbar.eval.stories import Split, StoryScores
from akhbar.ingest.readers import DEFAULT_MAX_ARTICLE_BYTES
from akhbar.records import Article, BadInput, Corpus
from akhbar.stories.build import Progress, group_stories, story_reports
from akhbar.stories.records import Story
from akhbar.stories.storylines import Storyline

if TYPE_CHECKING:
    from akhbar.store.update import ReportSettings

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


@dataclass(frozen=True, slots=True)
class _Shown:
    """What a run shows: the stories and their entries (a report, or a cached report), and a count line."""

    stories: list[Story]
    entries: Iterable[tuple[Story, Any]]
    summary: str
    cached: bool
    storylines: tuple[Storyline, ...] = ()


def _through_store(db: Path, articles: tuple[Article, ...], config: Config, progress: Progress, *,
                   rebuild: bool, settings: ReportSettings, workers: int) -> _Shown:
    """Ingest into the store, fold the articles no story holds (or ``rebuild``), rebuild the reports
    that moved, and show the stored stories from their cached reports."""
    from akhbar.store import Store, StoreError
    from akhbar.store.loader import ingest_into
    from akhbar.store.storylines import stored_storylines, update_storylines
    from akhbar.store.update import refresh_reports, update_stories
    from akhbar.stories.render import by_storyline

    min_articles = settings.min_articles
    try:
        store = Store(db)
        if articles:
            ingest_into(store, articles, config=config)
        done = update_stories(store, config=config, workers=workers, rebuild=rebuild, progress=progress)
        update_storylines(store, config=config, rebuild=done.rebuilt)
        refresh_reports(store, config=config, settings=settings, workers=workers, progress=progress)
        listed: list[Story] = [s for s in store.stories("largest") if s.size >= min_articles]
        storylines = stored_storylines(store)
        shown = by_storyline(listed, storylines)
        total = store.story_count()
    except StoreError as error:
        err.print(f"[red]error:[/red] {escape(str(error))}")
        raise typer.Exit(2) from None

    def entries() -> Iterator[tuple[Story, Any]]:
        with store:
            for story in shown:
                cached = store.story_report(story.id)
                yield story, (cached.report if cached is not None else None)

    what = "rebuilt" if done.rebuilt else f"{done.folded} articles folded in"
    line = (f"{total} stories in {db} ({what}: {done.created} new, {done.grown} changed, {done.merged} merged)"
            + (f", {len(shown)} with at least {min_articles} articles" if min_articles > 1 else ""))
    return _Shown(shown, entries(), line, cached=True, storylines=tuple(storylines))


def _read(paths: list[str] | None, *, quiet: bool, max_article_bytes: int) -> Corpus:
    """The articles of ``paths`` with a progress line; none when no paths are given (a store's stories)."""
    from akhbar.cli import _progress, _quiet
    from akhbar.ingest import ingest
    from akhbar.progress import articles_or_stories, stage_lines

    if not paths:
        return Corpus(())
    reading = stage_lines(err, quiet=quiet, unit=articles_or_stories)
    reading("reading", 0, 1)
    corpus = ingest(paths, progress=_quiet if quiet else _progress, max_article_bytes=max_article_bytes)
    reading("reading", len(corpus.articles), len(corpus.articles))
    return corpus


def stories_command(  # noqa: PLR0917 - typer maps each parameter to an option
    paths: Annotated[list[str] | None, typer.Argument(
        help="Files (.txt .html .htm .jsonl), folders, or - for stdin. With --db: none shows the stored stories.",
    )] = None,
    db: Annotated[Path | None, typer.Option("--db", help="SQLite store: ingest into it, keep its stories.")] = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="With --db: cluster everything again (ids kept).")
                       ] = False,
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
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help=QUIET_HELP)] = False,
    since: Annotated[str | None, typer.Option(
        "--since", help="YYYY-MM-DD: each summary tells only what the story's articles of that day or later add.",
    )] = None,
) -> None:
    """Group articles into stories (across outlets and days) and summarize each, largest and newest first."""
    from akhbar.cli import EXIT_SKIPPED, _silence_stdout, report_bad_inputs
    from akhbar.pipeline import with_since
    from akhbar.progress import articles_or_stories, stage_progress
    from akhbar.records import any_skipped
    from akhbar.store.update import ReportSettings

    if rebuild and db is None:
        err.print("[red]error:[/red] --rebuild needs --db FILE")
        raise typer.Exit(2)
    if not paths and db is None:
        err.print("[red]error:[/red] give files or folders to read, or --db FILE to show a store's stories")
        raise typer.Exit(2)
    config = _config(config_file, words)
    if since is not None and db is not None:
        # A store caches each story's whole report by revision; a report of what is new since a date is not cached.
        err.print("[red]error:[/red] --since works on files, not with --db")
        raise typer.Exit(2)
    try:
        config = with_since(config, since)
    except ValueError as error:
        err.print(f"[red]error:[/red] {escape(str(error))}")
        raise typer.Exit(2) from None
    corpus = _read(paths, quiet=quiet, max_article_bytes=max_article_bytes)
    report_bad_inputs(corpus.errors, strict=strict, any_read=bool(corpus.articles) or db is not None)
    cores = min(2, os.cpu_count() or 1)
    with stage_progress(err, quiet=quiet, unit=articles_or_stories) as progress:
        if db is not None:
            settings = ReportSettings(with_facts=facts, facts_min_articles=facts_min, min_articles=min_articles)
            shown = _through_store(db, corpus.articles, config, progress, rebuild=rebuild, settings=settings,
                                   workers=cores)
        else:
            batch = group_stories(corpus.articles, config=config, progress=progress, workers=cores)
            from akhbar.stories.render import by_storyline

            chosen = by_storyline([s for s in batch.stories if len(s.articles) >= min_articles], batch.storylines)
            entries = story_reports(batch, config=config, with_facts=facts, stories=chosen,
                                    workers=cores if len(chosen) >= _POOL_MIN_STORIES else 1,
                                    facts_min_articles=facts_min, progress=progress)
            shown = _Shown(chosen, entries, f"{len(batch.stories)} stories from {len(batch.articles)} articles"
                           + (f", {len(chosen)} with at least {min_articles} articles" if min_articles > 1 else ""),
                           cached=False, storylines=tuple(batch.storylines))
        try:
            with _output(out) as handle:
                for chunk in _render(fmt, shown, corpus.errors):
                    handle.write(chunk)
                handle.flush()
        except OSError as error:  # a full disk on stdout is the same clean exit 2 as on --out
            err.print(f"[red]error:[/red] cannot write {escape(str(out or 'standard output'))}: "
                      f"{escape(str(error.strerror or error))}")
            _silence_stdout()
            raise typer.Exit(2) from None
    err.print(escape(shown.summary))
    if any_skipped(corpus.errors):
        raise typer.Exit(EXIT_SKIPPED)


def _render(fmt: StoryFormat, shown: _Shown, errors: Sequence[BadInput]) -> Iterator[str]:
    from akhbar.stories import render, stored

    views: Any = stored if shown.cached else render
    lines = {"storylines": shown.storylines}
    if fmt is StoryFormat.json:
        return views.stories_json(shown.entries, errors, **lines)  # type: ignore[no-any-return]
    if fmt is StoryFormat.html:
        return views.stories_html(shown.stories, shown.entries, errors, **lines)  # type: ignore[no-any-return]
    if fmt is StoryFormat.md:
        return views.stories_markdown(shown.entries, errors, **lines)  # type: ignore[no-any-return]
    return views.stories_text(shown.entries, errors, **lines)  # type: ignore[no-any-return]


def eval_stories_command(
    data: Annotated[Path, typer.Argument(help="ANT's articles.jsonl.gz (../shared/data/ant_v21/articles.jsonl.gz).")],
    split: Annotated[Split, typer.Option("--split", help="dev (tuning), test (reporting) or all.")] = "test",
    distractors: Annotated[int, typer.Option("--distractors", min=0, help="Other ANT articles mixed in.")] = 5000,
    config_file: Annotated[Path | None, typer.Option("--config", help="A TOML file overriding the defaults.")] = None,
    level: Annotated[str, typer.Option("--level", help="stories (the first labels only) or levels (events, "
                                                       "theme buckets and storylines).")] = "levels",
) -> None:
    """B-cubed of story clustering on hand-labelled ANT stories and the seeds, mixed into the archive."""
    from akhbar.eval.stories import evaluate
    from akhbar.eval.storylines import evaluate_levels

    if not data.is_file():
        err.print(f"[red]error:[/red] {escape(str(data))}: no such file (give ANT's articles.jsonl.gz)")
        raise typer.Exit(2)
    if level not in ("stories", "levels"):
        err.print(f"[red]error:[/red] --level {escape(level)}: expected stories or levels")
        raise typer.Exit(2)
    config = _config(config_file, None)
    errors: list[BadInput] = []
    if level == "stories":
        _print_scores("stories", evaluate(data, config=config, split=split, distractors=distractors, errors=errors))
    else:
        scores = evaluate_levels(data, config=config, split=split, distractors=distractors, errors=errors)
        print(f"{scores.storyline_count} storylines")
        _print_scores("events", scores.events)
        _print_scores("theme buckets (events)", scores.buckets, per_story=False)
        _print_scores("storylines", scores.storylines)
    for bad in errors[:10]:
        err.print(f"[yellow]skipped[/yellow] {escape(bad.path)}: {escape(bad.problem)}")


def _print_scores(level: str, result: StoryScores, *, per_story: bool = True) -> None:
    s, strict = result.scores, result.strict
    print(f"== {level}, split {result.split}: {result.articles} articles clustered into {result.stories} stories; "
          f"{s.items} labelled articles scored")
    print(f"B-cubed precision {s.precision:.3f}  recall {s.recall:.3f}  F1 {s.f1:.3f}")
    print(f"strict (unlabelled articles in a labelled group count as errors): precision {strict.precision:.3f}  "
          f"F1 {strict.f1:.3f}")
    if per_story:
        print("group                 articles  precision  recall")
        for name, score in result.per_story:
            if "/" in name:  # a theme bucket's event: scored together on the buckets line
                continue
            print(f"{name:<22}{score.items:>8}  {score.precision:>9.3f}  {score.recall:>6.3f}")


def register(app: typer.Typer) -> None:
    """Add ``stories`` and ``eval-stories`` to akhbar's command line."""
    app.command("stories")(stories_command)
    app.command("eval-stories")(eval_stories_command)
