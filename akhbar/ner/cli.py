"""Command-line commands for the NER tagger: ``train-ner``, ``ner`` and ``eval-ner``."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from akhbar.ingest.readers import DEFAULT_MAX_ARTICLE_BYTES
from akhbar.ner.data import Sentence, parse_conll, read_conll
from akhbar.ner.evaluate import Evaluation, evaluate
from akhbar.ner.model import Tagger, default_tagger, mentions_with
from akhbar.ner.train import CorpusPaths, TrainConfig, train_all
from akhbar.report.escaping import terminal_text

_err = Console(stderr=True)
_DEFAULTS = TrainConfig()


def resource_dir() -> Path:
    """The package's own resource folder: where ``train-ner`` writes by default."""
    return Path(__file__).resolve().parent.parent / "resources" / "ner"


def evaluation_table(result: Evaluation, title: str) -> Table:
    table = Table(title=title)
    for column in ("type", "gold", "predicted", "correct", "P", "R", "F1"):
        table.add_column(column, justify="left" if column == "type" else "right")
    for score in (*result.per_type, result.micro):
        table.add_row(
            score.label, str(score.gold), str(score.predicted), str(score.correct),
            f"{score.precision:.3f}", f"{score.recall:.3f}", f"{score.f1:.3f}",
            end_section=score.label != "micro" and score is result.per_type[-1],
        )
    return table


def _progress() -> Progress:
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=_err)


def _load_tagger(model: Path | None) -> Tagger:
    """The packaged tagger, or a trained one whose resources sit next to its model file."""
    if model is None:
        return default_tagger()
    if not model.is_file():
        _err.print(f"[red]error:[/red] model file not found: {escape(terminal_text(str(model)))}", soft_wrap=True)
        raise typer.Exit(1)
    try:
        return Tagger.from_directory(model.parent, model)
    except Exception as error:
        _err.print(f"[red]error:[/red] cannot load the NER model {escape(terminal_text(str(model)))}: "
                   f"{escape(terminal_text(str(error) or type(error).__name__))} (empty or corrupt?)", soft_wrap=True)
        raise typer.Exit(2) from None


_AQMAR_HELP = "AQMAR folder (train/dev/test.txt), used as extra training data"
_MODEL_HELP = "A model.crfsuite written by train-ner; its clusters and lexicons are read from its folder"
_WIKIFANE_HELP = "WikiFANE Gold folder (wikifane_gold_entities.tsv): rebuild the name gazetteer from it"
_TABLE_HELP = "Also check the entity table a report would show, document by document"
_ANT_HELP = "ANT articles.jsonl.gz: rebuild word clusters and cue lexicon from it"


def train_ner(  # noqa: PLR0917 (typer maps parameters to options)
    data_dir: Annotated[Path, typer.Argument(help="ANERcorp CAMeL Lab folder (ANERCorp_CamelLab_*.txt)")],
    out: Annotated[
        Path | None, typer.Option(help="Folder for model, clusters and lexicon [default: the package's]")
    ] = None,
    aqmar: Annotated[Path | None, typer.Option(help=_AQMAR_HELP)] = None,
    ant: Annotated[Path | None, typer.Option(help=_ANT_HELP)] = None,
    wikifane: Annotated[Path | None, typer.Option(help=_WIKIFANE_HELP)] = None,
    c1: Annotated[float, typer.Option(help="L1 regularization")] = _DEFAULTS.c1,
    c2: Annotated[float, typer.Option(help="L2 regularization")] = _DEFAULTS.c2,
    iterations: Annotated[int, typer.Option(help="Maximum L-BFGS iterations")] = _DEFAULTS.max_iterations,
    self_train: Annotated[
        bool, typer.Option("--self-train/--no-self-train", help="Jackknifed self-trained lexicon (needs --ant)")
    ] = _DEFAULTS.self_train,
    reuse_resources: Annotated[
        bool, typer.Option("--reuse-resources", help="With --ant: keep the clusters and cue lexicon in --out")
    ] = False,
) -> None:
    """Rebuild the NER model from the data folders and print its scores on the ANERcorp test split.

    With --ant, word clusters, the cue lexicon and the self-trained lexicon are rebuilt from the
    articles first; without it the clusters and cue lexicon already in --out are reused.
    """
    out = out or resource_dir()
    paths = CorpusPaths(data_dir, aqmar, ant, wikifane)
    missing = paths.missing()
    if missing:
        for path in missing:
            _err.print(f"[red]error:[/red] missing data file: {path}", soft_wrap=True)
        raise typer.Exit(1)
    config = TrainConfig(c1=c1, c2=c2, max_iterations=iterations, self_train=self_train,
                         reuse_resources=reuse_resources)
    started = time.perf_counter()
    with _progress() as progress:
        tasks: dict[str, TaskID] = {}

        def finish_others(current: str | None) -> None:
            # L-BFGS may converge before its iteration cap and the article count is unknown
            # up front: a stage is complete once the next one starts.
            for stage, task in tasks.items():
                if stage != current:
                    done = progress.tasks[task].completed
                    progress.update(task, total=done, completed=done)

        def report(stage: str, total: int | None, advance: int) -> None:
            if stage not in tasks:
                finish_others(None)
                tasks[stage] = progress.add_task(stage, total=total)
            progress.update(tasks[stage], advance=advance)

        result = train_all(paths, out, config, report)
        finish_others(None)
    console = Console()
    console.print(evaluation_table(result, f"ANERcorp test split, entity level ({paths.test_file.name})"))
    console.print(f"model and resources written to {out} in {time.perf_counter() - started:.0f} s")


def ner(
    file: Annotated[str, typer.Argument(help="Text file, or - for standard input")] = "-",
    conll: Annotated[
        bool, typer.Option("--conll", help="Input is one token per line; output token<TAB>tag")
    ] = False,
    model: Annotated[Path | None, typer.Option(help=_MODEL_HELP)] = None,
    max_bytes: Annotated[int, typer.Option("--max-article-bytes", min=1, help="Size limit of the input text.")
                         ] = DEFAULT_MAX_ARTICLE_BYTES,
) -> None:
    """Tag named entities: text<TAB>label<TAB>start<TAB>end per entity, or CoNLL with --conll."""
    from akhbar.ingest.readers import read_text
    from akhbar.records import BadInput

    text = read_text(file, max_article_bytes=max_bytes)
    if isinstance(text, BadInput):
        _err.print(f"[red]error:[/red] {escape(terminal_text(text.path))}: {escape(text.problem)}", soft_wrap=True)
        raise typer.Exit(1)
    from akhbar.cli import write_output

    tagger = _load_tagger(model)
    out: list[str] = []
    if conll:
        sentences = list(parse_conll(text.splitlines(), tagged=False))
        # Tagged as one run so that document cues match what eval-ner scores.
        for sentence, tags in zip(sentences, tagger.tag_sentences(sentences), strict=True):
            out.extend(f"{token}\t{tag}\n" for token, tag in zip(sentence.tokens, tags, strict=True))
            out.append("\n")
    else:
        out.extend(f"{m.text}\t{m.label}\t{m.start}\t{m.end}\n" for m in mentions_with(tagger, text))
    write_output(lambda: "".join(out), None)  # a full disk is exit 2, as for summarize


def eval_ner(
    data_file: Annotated[Path, typer.Argument(help="Gold CoNLL file: token ... TAG per line")],
    predicted: Annotated[
        Path | None, typer.Option(help="Score this CoNLL output (token ... TAG) instead of tagging")
    ] = None,
    model: Annotated[Path | None, typer.Option(help=_MODEL_HELP)] = None,
    table: Annotated[bool, typer.Option("--table", help=_TABLE_HELP)] = False,
) -> None:
    """Entity-level precision, recall and F1 per type and micro-averaged (exact span and type).

    With --table, also the entity-table check: per document, the entities the report would show
    against the document's gold entities.
    """
    for path in (data_file, predicted):
        if path is not None and not path.is_file():
            _err.print(f"[red]error:[/red] file not found: {path}", soft_wrap=True)
            raise typer.Exit(1)
    gold = read_conll(data_file)
    if predicted is not None:
        guesses = [list(s.tags) for s in read_conll(predicted)]
        if [len(s.tokens) for s in gold] != [len(g) for g in guesses]:
            message = f"{predicted} does not have the sentences and tokens of {data_file}"
            _err.print(f"[red]error:[/red] {message}", soft_wrap=True)
            raise typer.Exit(1)
    else:
        guesses = _load_tagger(model).tag_sentences(gold)
    result = evaluate([s.tags for s in gold], guesses)
    Console().print(evaluation_table(result, f"{data_file.name}, entity level"))
    if table:
        _print_table_check(gold, model)


def _print_table_check(gold: list[Sentence], model: Path | None) -> None:
    from akhbar.ner.model import default_name_evidence, load_name_evidence, story_mentions_with
    from akhbar.ner.table_check import DOC_SENTENCES, table_check

    tagger = _load_tagger(model)
    if model is None:
        evidence = default_name_evidence()
    else:
        evidence = load_name_evidence(model.parent, tagger.resources.gazetteer)
    score = table_check(gold, lambda texts: story_mentions_with(tagger, texts), evidence)
    Console().print(
        f"entity table, {score.documents} documents of {DOC_SENTENCES} sentences: "
        f"precision {score.precision:.3f} ({score.right}/{score.shown} rows), "
        f"recall {score.recall:.3f} ({score.found}/{score.gold} gold entities)"
    )


def register(app: typer.Typer) -> None:
    """Add ``train-ner``, ``ner`` and ``eval-ner`` to the main ``akhbar`` app."""
    app.command("train-ner")(train_ner)
    app.command("ner")(ner)
    app.command("eval-ner")(eval_ner)
