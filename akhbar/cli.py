"""The `akhbar` command line: a thin layer that parses options and calls the library.

Exit codes: 0 done (some inputs may have been skipped and reported), 1 no article could be read,
2 bad usage or configuration, 3 an internal error (a bug: please report it).
"""

from __future__ import annotations

import importlib.util
import io
import os
import sys
from collections.abc import Iterable
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import track

from akhbar import __version__
from akhbar.config import ConfigError, load_config
from akhbar.ingest import ingest
from akhbar.ingest.readers import Input

app = typer.Typer(
    name="akhbar", help="Arabic news from many outlets: one cited summary, shared passages and the facts side by side.",
    no_args_is_help=True, add_completion=False, rich_markup_mode="rich", pretty_exceptions_enable=False,
)
err = Console(stderr=True, soft_wrap=True)

EXAMPLE = "aleppo-2016-12"
_PROGRESS_MIN_INPUTS = 20


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


@app.command()
def summarize(  # noqa: PLR0917 - typer maps each parameter to an option
    paths: Annotated[list[str] | None, typer.Argument(help="Files (.txt .html .htm .jsonl), folders, or - for stdin. "
                                                      "Default: the bundled example.")] = None,
    words: Annotated[int | None, typer.Option("--words", "-w", min=10, help="Word budget of the summary.")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file instead of stdout.")] = None,
    config_file: Annotated[Path | None, typer.Option("--config", help="A TOML file overriding the defaults.")] = None,
    facts: Annotated[bool, typer.Option("--facts/--no-facts", help="Extract quotes, figures, entities, ...")] = True,
) -> None:
    """Summarize articles about one story: every sentence cites the articles that report it."""
    from akhbar.pipeline import run, with_words
    from akhbar.report import render_html, render_json, render_markdown, render_terminal

    try:
        config = load_config(config_file)
    except ConfigError as error:
        err.print(f"[red]error:[/red] {escape(str(error))}")
        raise typer.Exit(2) from None
    if words is not None:
        config = with_words(config, words)
    corpus = ingest(paths or [str(example_dir())], progress=_progress)
    for bad in corpus.errors:
        err.print(f"[yellow]skipped[/yellow] {escape(bad.path)}: {escape(bad.problem)}")
    if not corpus.articles:
        err.print("[red]error:[/red] no article could be read from the given inputs")
        raise typer.Exit(1)
    report = run(corpus.articles, config=config, errors=corpus.errors, with_facts=facts)
    if fmt is Format.text and out is None:
        render_terminal(report, Console())
        return
    renderers = {Format.json: render_json, Format.md: render_markdown, Format.html: render_html}
    if fmt is Format.text:
        console = Console(record=True, width=120, file=io.StringIO())
        render_terminal(report, console)
        text = console.export_text()
    else:
        text = renderers[fmt](report)
    if out is None:
        sys.stdout.write(text)
    else:
        try:
            out.write_text(text, encoding="utf-8")
        except OSError as error:
            err.print(f"[red]error:[/red] cannot write {escape(str(out))}: {escape(str(error.strerror or error))}")
            raise typer.Exit(2) from None
        err.print(f"wrote {escape(str(out))}")


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
    "akhbar.spark.cli": frozenset({"spark"}),
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
