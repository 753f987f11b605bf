"""The `akhbar` command line: a thin layer that parses options and calls the library.

Exit codes (every command that reads articles):
0  done, every input read as it was;
1  no article could be read;
2  bad usage or configuration, or the output could not be written;
3  an internal error (a bug: please report it);
4  done, but some inputs were skipped or repaired (each is listed on stderr once, with its file and
   line or id, and in the report). With ``--strict`` any skipped or repaired input is exit 4 before
   anything is written.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import track

from akhbar import __version__
from akhbar.config import Config, ConfigError, load_config
from akhbar.ingest import ingest
from akhbar.ingest.readers import DEFAULT_MAX_ARTICLE_BYTES, Input
from akhbar.progress import articles_or_stories, stage_lines
from akhbar.records import Article, BadInput, Report, any_skipped
from akhbar.report.escaping import terminal_text

app = typer.Typer(
    name="akhbar", help="Arabic news from many outlets: one cited summary, shared passages and the facts side by side.",
    no_args_is_help=True, add_completion=False, rich_markup_mode="rich", pretty_exceptions_enable=False,
)
err = Console(stderr=True, soft_wrap=True)

EXAMPLE = "aleppo-2016-12"
_PROGRESS_MIN_INPUTS = 20
_NOTE_TITLE = 120
EXIT_SKIPPED = 4
MAX_ARTICLE_HELP = "Size limit of one article: a .txt/.html file, stdin, or one .jsonl line."
STRICT_HELP = "Fail (exit 4, nothing written) if any input is skipped or repaired."
QUIET_HELP = "No progress on stderr (bars on a terminal, one line per stage in a log); errors still show."


class Format(StrEnum):
    text = "text"
    md = "md"
    html = "html"
    json = "json"


def example_dir() -> Path:
    """The bundled example articles (five outlets, Aleppo, December 2016)."""
    return Path(str(resources.files("akhbar.resources") / "examples" / EXAMPLE))


def _progress(items: list[Input]) -> Iterable[Input]:
    if len(items) < _PROGRESS_MIN_INPUTS or not err.is_terminal:
        return items
    return track(items, description="reading articles", console=err, transient=True)


def _quiet(items: list[Input]) -> Iterable[Input]:
    return items


@app.command()
def summarize(  # noqa: PLR0917 - typer maps each parameter to an option
    paths: Annotated[list[str] | None, typer.Argument(help="Files (.txt .html .htm .jsonl), folders, or - for stdin. "
                                                      "Default: the bundled example.")] = None,
    words: Annotated[int | None, typer.Option("--words", "-w", min=10, max=100_000,
                                              help="Word budget of the summary.")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file instead of stdout.")] = None,
    config_file: Annotated[Path | None, typer.Option("--config", help="A TOML file overriding the defaults.")] = None,
    facts: Annotated[bool, typer.Option("--facts/--no-facts", help="Extract quotes, figures, entities, ...")] = True,
    max_article_bytes: Annotated[int, typer.Option("--max-article-bytes", min=1, help=MAX_ARTICLE_HELP)
                                 ] = DEFAULT_MAX_ARTICLE_BYTES,
    strict: Annotated[bool, typer.Option("--strict", help=STRICT_HELP)] = False,
    outlet: Annotated[list[str] | None, typer.Option(
        "--outlet", help="ID=NAME: the outlet of an article (a file's id is its name without suffix). Repeatable.",
    )] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help=QUIET_HELP)] = False,
    since: Annotated[str | None, typer.Option(
        "--since", help="YYYY-MM-DD: summarize only what the articles of that day or later add (what's new).",
    )] = None,
) -> None:
    """Summarize articles about one story: every sentence cites the articles that report it."""
    from akhbar.outlets import name_outlets, parse_outlet_names
    from akhbar.pipeline import run, with_since, with_words
    from akhbar.report import render_terminal

    try:
        config = load_config(config_file)
    except ConfigError as error:
        err.print(f"[red]error:[/red] {escape(terminal_text(str(error)))}")
        raise typer.Exit(2) from None
    if words is not None:
        config = with_words(config, words)
    try:
        config = with_since(config, since)
        names = parse_outlet_names(outlet or [])
    except ValueError as error:
        err.print(f"[red]error:[/red] {escape(terminal_text(str(error)))}")
        raise typer.Exit(2) from None
    progress = stage_lines(err, quiet=quiet, unit=articles_or_stories)
    progress("reading", 0, 1)
    corpus = ingest(paths or [str(example_dir())], progress=_quiet if quiet else _progress,
                    max_article_bytes=max_article_bytes)
    progress("reading", len(corpus.articles), len(corpus.articles))
    report_bad_inputs(corpus.errors, strict=strict, any_read=bool(corpus.articles))
    for unknown in sorted(set(names) - {a.id for a in corpus.articles}):
        err.print(f"[yellow]warning:[/yellow] --outlet {escape(terminal_text(unknown))}: no article has this id")
    articles = name_outlets(corpus.articles, names)
    _note_blended_stories(articles, config)
    stage = "summary and facts" if facts else "summary"
    progress(stage, 0, len(articles) or 1)
    report = run(articles, config=config, errors=corpus.errors, with_facts=facts)
    progress(stage, len(articles), len(articles))
    if fmt is Format.text and out is None:
        write_output(lambda: render_terminal(report, Console()), None)
    else:
        write_output(lambda: _rendered(report, fmt), out)
    if any_skipped(corpus.errors):
        raise typer.Exit(EXIT_SKIPPED)


def _rendered(report: Report, fmt: Format) -> str:
    from akhbar.report import render_html, render_json, render_markdown, render_terminal

    if fmt is Format.text:
        console = Console(record=True, width=120, file=io.StringIO())
        render_terminal(report, console)
        return console.export_text()
    renderers = {Format.json: render_json, Format.md: render_markdown, Format.html: render_html}
    return renderers[fmt](report)


def report_bad_inputs(errors: Sequence[BadInput], *, strict: bool, any_read: bool) -> None:
    """Print each skipped or repaired input once; stop (exit 1, or 4 under --strict) when asked to."""
    for bad in errors:
        err.print(bad_input_line(bad))
    if not any_read:
        err.print("[red]error:[/red] no article could be read from the given inputs")
        raise typer.Exit(1)
    if strict and any_skipped(errors):
        failed = sum(bad.action != "ignored" for bad in errors)
        err.print(f"[red]error:[/red] --strict: {failed} input(s) skipped or repaired; nothing written")
        raise typer.Exit(EXIT_SKIPPED)


def bad_input_line(bad: BadInput) -> str:
    """The one stderr line (rich markup) that reports a skipped or repaired input, safe to print."""
    colour = {"skipped": "yellow", "repaired": "cyan"}.get(bad.action, "dim")
    return (f"[{colour}]{bad.action}[/{colour}] {escape(terminal_text(bad.path, keep_newlines=False))}: "
            f"{escape(terminal_text(bad.problem, keep_newlines=False))}")


def write_output(produce: Callable[[], str | None], out: Path | None) -> None:
    """Write ``produce()``'s text to ``out`` or stdout (a renderer that prints returns None); a
    failed write (a full disk, a closed pipe) is exit 2 with the reason, wherever it goes."""
    target = escape(str(out)) if out is not None else "standard output"
    try:
        if out is None:
            text = produce()
            if text is not None:
                _write_stdout(text)
            sys.stdout.flush()
        else:
            text = produce() or ""
            out.write_bytes(text.encode("utf-8", "replace"))
    except BrokenPipeError:
        # The reader went away (`| head`): not an error of ours; keep Python from complaining at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(0) from None
    except OSError as error:
        err.print(f"[red]error:[/red] cannot write {target}: {escape(str(error.strerror or error))}")
        _silence_stdout()
        raise typer.Exit(2) from None
    if out is not None:
        err.print(f"wrote {target}")


def _write_stdout(text: str) -> None:
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a replaced sys.stdout (tests)
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8", "replace"))  # "replace": never fail on a stray surrogate
    buffer.flush()


def _silence_stdout() -> None:
    """A failed stdout would fail again at exit when Python flushes it: point it at /dev/null."""
    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _note_blended_stories(articles: tuple[Article, ...], config: Config) -> None:
    """Say on stderr when the input holds several stories, which one summary would blend."""
    from akhbar.stories.build import blended_stories

    count, largest = blended_stories(articles, config=config)
    if largest:
        err.print(f"[yellow]note:[/yellow] these {len(articles)} articles tell {count} stories, not one; "
                  "`akhbar stories` summarizes each. The largest:")
        for story in largest:
            title = terminal_text(story.title, keep_newlines=False)
            title = title if len(title) <= _NOTE_TITLE else title[:_NOTE_TITLE] + "…"  # a title may be one huge line
            err.print(f"  {len(story.articles)} articles: {escape(title)}")


@app.command()
def version() -> None:
    """Print the version."""
    typer.echo(__version__)


# The stages beside the main line register their own commands. Importing them loads models and
# numeric libraries, which would add most of a second to every `akhbar summarize`, so a stage is
# imported only when one of its commands is asked for (or for help, which lists them all).
OPTIONAL_COMMANDS = {
    "akhbar.ner.cli": frozenset({"ner", "train-ner", "eval-ner"}),
    "akhbar.eval.cli": frozenset({"eval", "eval-multidoc"}),
    "akhbar.eval.audit_cli": frozenset({"eval-facts"}),
    "akhbar.eval.summary_audit_cli": frozenset({"eval-summary-audit", "eval-paraphrase", "eval-since"}),
    "akhbar.serve.cli": frozenset({"serve"}),
    "akhbar.store.cli": frozenset({"ingest"}),
    "akhbar.stories.cli": frozenset({"stories", "eval-stories"}),
    "akhbar.spark.cli": frozenset({"spark"}),
    "akhbar.watch.cli": frozenset({"watch"}),
}


def register_optional_commands(argv: list[str]) -> None:
    words = [a for a in argv[1:] if not a.startswith("-")]
    wanted = words[0] if words else None
    for module, commands in OPTIONAL_COMMANDS.items():
        if (wanted is None or wanted in commands) and importlib.util.find_spec(module) is not None:
            importlib.import_module(module).register(app)


def main() -> None:
    register_optional_commands(sys.argv)
    try:
        app()
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
    except Exception as error:  # a bug of ours: say so in one line, never a bare traceback
        err.print(f"[red]internal error:[/red] {type(error).__name__}: {escape(str(error))}. "
                  "Please report it with the command you ran (AKHBAR_DEBUG=1 shows the traceback).")
        if os.environ.get("AKHBAR_DEBUG"):
            raise
        sys.exit(3)
