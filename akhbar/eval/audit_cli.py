"""``akhbar eval-facts DATA``: precision of the facts tables on the hand-judged audit stories.

The logic is in :mod:`akhbar.eval.audit`; this module only reads options and prints. Exit codes as
the other eval commands: 0 done, 1 no story could be scored, 2 bad usage, 4 done but some input
was skipped (a bad line, an article missing from DATA).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

if TYPE_CHECKING:
    from akhbar.eval.audit import AuditRow, TableScore

err = Console(stderr=True)
_DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "audit"


def _default(name: str) -> Path:
    """``data/audit/NAME`` of the working directory when there is one, else of the source checkout."""
    here = Path("data") / "audit" / name
    return here if here.exists() else _DATA_DIR / name


def eval_facts_command(  # noqa: PLR0917 (typer maps parameters to options)
    data: Annotated[Path, typer.Argument(help="ANT articles.jsonl.gz (the audit stories' articles).")],
    split: Annotated[str, typer.Option("--split", help="dev (tuning), test (report once) or all.")] = "dev",
    stories_file: Annotated[Path | None, typer.Option(
        "--stories", help="Audit stories (default data/audit/stories.jsonl).")] = None,
    judgements_file: Annotated[Path | None, typer.Option(
        "--judgements", help="Judged rows (default data/audit/facts.jsonl).")] = None,
    story: Annotated[list[str] | None, typer.Option("--story", help="Only this story (repeatable).")] = None,
    judge_missing: Annotated[Path | None, typer.Option(
        "--judge-missing", help="Write the shown rows not yet judged to FILE (with their sentence, to read; "
                                "keep it out of the project), fill verdict and reason, then --add FILE.")] = None,
    add: Annotated[Path | None, typer.Option(
        "--add", help="Append the filled judgements of FILE (context dropped) to the judgements, then score.")] = None,
    all_rows: Annotated[bool, typer.Option(
        "--all-rows", help="Score every row, as if no threshold hid any (the precision before hiding).")] = False,
    max_wrong: Annotated[int, typer.Option("--max-wrong", min=0, help="Wrong rows printed per table.")] = 50,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write the scores as JSON.")] = None,
) -> None:
    """Precision of the facts tables (quotes, figures, entities, shared passages) on the audit stories."""
    from akhbar.config import load_config
    from akhbar.eval.audit import (
        add_judgements,
        audit_rows,
        export_unjudged,
        judged_split_variants,
        read_judgements,
        read_stories,
        score,
        split_variants,
        story_articles,
    )
    from akhbar.eval.cli import _exit_if_skipped, _report_errors
    from akhbar.facts.confidence import SHOW_ALL, Thresholds
    from akhbar.records import BadInput

    if split not in ("dev", "test", "all"):
        err.print("[red]error:[/red] --split is dev, test or all")
        raise typer.Exit(2)
    stories_path = stories_file or _default("stories.jsonl")
    judged_path = judgements_file or _default("facts.jsonl")
    for path in (data, stories_path, add):
        if path is not None and not path.exists():
            err.print(f"[red]error:[/red] no such file: {escape(str(path))}")
            raise typer.Exit(2)
    errors: list[BadInput] = []
    if add is not None:
        err.print(f"added {add_judgements(add, judged_path, errors)} judgements to {escape(str(judged_path))}")
    chosen = [s for s in read_stories(stories_path, errors=errors)
              if (split in ("all", s.split)) and (not story or s.story in story)]
    if not chosen:
        _report_errors(errors)
        err.print(f"[red]error:[/red] no audit story of split {split} in {escape(str(stories_path))}")
        raise typer.Exit(1)
    judgements = read_judgements(judged_path, errors)
    articles = story_articles(chosen, data, errors)
    thresholds = SHOW_ALL if all_rows else Thresholds()
    every = []
    variants = []
    for found, rows in audit_rows(chosen, articles, load_config(None), thresholds):
        every.extend(rows)
        variants += [(found.story, a, b) for a, b in split_variants(rows)]
    _report_errors(errors)
    if not every and not chosen:
        raise typer.Exit(1)
    scores = score(every, judgements)
    judged_splits = judged_split_variants(every, judgements)
    unjudged = _print_report(scores, judged_splits, variants, title=f"facts audit, split {split}, {len(chosen)} "
                             f"stories{' (every row, no threshold)' if all_rows else ''}", max_wrong=max_wrong)
    if judge_missing is not None:
        n = export_unjudged(unjudged, judge_missing)
        err.print(f"wrote {n} rows to judge to {escape(str(judge_missing))}")
    if out is not None:
        out.write_text(json.dumps({
            "split": split, "stories": [s.story for s in chosen], "all_rows": all_rows,
            "tables": {name: {"shown": s.shown, "judged": s.judged, "right": s.right, "wrong": len(s.wrong),
                              "unjudged": len(s.unjudged), "precision": s.precision,
                              "hidden_right": s.hidden_right, "hidden_wrong": s.hidden_wrong,
                              "wrong_rows": [[r.story, r.key, j.reason] for r, j in s.wrong]}
                       for name, s in scores.items()},
            "split_variants": variants,
            "judged_split_variants": [[r.story, r.key] for r in judged_splits],
        }, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    _exit_if_skipped(errors)


def _print_report(scores: dict[str, TableScore], judged_splits: list[AuditRow],
                  variants: list[tuple[str, str, str]], *, title: str, max_wrong: int) -> list[AuditRow]:
    """The precision table, the split variants, the wrong rows and the rows not yet judged (returned)."""
    from akhbar.eval.audit import TABLES

    console = Console()
    table = Table(title=escape(title))
    for column in ("table", "shown", "judged", "right", "wrong", "unjudged", "precision", "hidden right/wrong"):
        table.add_column(column)
    for name in TABLES:
        s = scores[name]
        p = "-" if s.precision is None else f"{s.precision:.3f}"
        table.add_row(name, str(s.shown), str(s.judged), str(s.right), str(len(s.wrong)), str(len(s.unjudged)), p,
                      f"{s.hidden_right}/{s.hidden_wrong}")
    console.print(table)
    console.print(f"split name variants among the top 30 entities: {len(judged_splits)} judged "
                  f"(reason «split variant»), {len(variants)} by spelling key")
    for row in judged_splits:
        console.print(f"  {escape(row.story)}: {escape(row.key)}")
    for story_name, a, b in variants:
        console.print(f"  {escape(story_name)}: {escape(a)} / {escape(b)}")
    for name in TABLES:
        wrong = scores[name].wrong
        if wrong:
            console.print(f"\n[bold]wrong {name} rows[/bold] ({len(wrong)})")
            for row, judged in wrong[:max_wrong]:
                console.print(f"  {escape(row.story)} | {escape(row.key)} — {escape(judged.reason)}")
    unjudged = [row for name in TABLES for row in scores[name].unjudged]
    if unjudged:
        console.print(f"\n[bold]not yet judged[/bold]: {len(unjudged)} shown rows")
        for row in unjudged[:max_wrong]:
            console.print(f"  {escape(row.story)} | {row.table} | {escape(row.key)}")
    return unjudged


def register(app: typer.Typer) -> None:
    """Add ``eval-facts`` to akhbar's command line."""
    app.command("eval-facts")(eval_facts_command)
