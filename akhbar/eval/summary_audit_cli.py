"""``akhbar eval-summary-audit``, ``akhbar eval-paraphrase`` and ``akhbar eval-since``: the summary
sentences, the paraphrase links and "what's new" measured on the audit stories (``data/audit``).

Each reads the ANT file the user gives (the stories file holds ids only), once.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from akhbar.eval.audit_data import Split

err = Console(stderr=True)
out = Console()

ANT_HELP = "The ANT v2.1 articles (articles.jsonl.gz): the audit stories name their ids."
STORIES_HELP = "The audit stories (default: data/audit/stories.jsonl of the checkout)."
SINCE_STORIES_HELP = ("The stories to split (default: data/audit/stories.jsonl and since_stories.jsonl of the "
                      "checkout).")


def _load(ant: Path, stories_file: Path | None, split: Split, *, since: bool = False) -> Any:
    from akhbar.config import load_config
    from akhbar.eval.audit_data import load_articles, read_stories
    from akhbar.eval.since_eval import read_since_stories
    from akhbar.records import BadInput

    try:
        stories = read_since_stories(split, stories_file) if since else read_stories(stories_file, split)
        errors: list[BadInput] = []
        loaded = load_articles(ant, stories, config=load_config(), errors=errors)
    except (OSError, ValueError, KeyError) as error:
        err.print(f"[red]error:[/red] {escape(str(error))}")
        raise typer.Exit(2) from None
    return loaded


def _percent(x: float) -> str:
    return f"{100 * x:.1f}%"


def summary_audit_command(
    ant: Annotated[Path, typer.Argument(help=ANT_HELP)],
    split: Annotated[Split, typer.Option("--split", help="dev (tuning), test (reporting) or all.")] = "test",
    stories_file: Annotated[Path | None, typer.Option("--stories", help=STORIES_HELP)] = None,
    labels: Annotated[Path | None, typer.Option("--labels", help="Judged sentences (data/audit/summary.jsonl).")
                      ] = None,
    show: Annotated[bool, typer.Option("--show/--no-show", help="Print the sentences not read alone and "
                                       "those not judged yet.")] = True,
) -> None:
    """Summary sentences on the audit stories: the share readable alone, furniture, citation spread."""
    from akhbar.eval.audit_summary import audit_summaries, read_judgements

    stories = _load(ant, stories_file, split)
    audit = audit_summaries(stories, read_judgements(labels))
    judged = audit.judged()
    out.print(f"split {split}: {len(audit.stories)} stories, {sum(len(s.sentences) for s in audit.stories)} "
              f"summary sentences, {len(judged)} judged")
    out.print(f"readable alone: {_percent(audit.alone_share)} ({sum(j.alone for j in judged)}/{len(judged)})")
    out.print(f"furniture: {audit.furniture}")
    met = sum(s.spread_met for s in audit.stories)
    out.print(f"citation spread: {met}/{len(audit.stories)} stories cite at least min(k, 3) outlets")
    for story in audit.stories:
        out.print(f"  {escape(story.story)}: {story.cited} of {story.outlets} outlets cited, {story.named} named")
    if show:
        for story in audit.stories:
            for key, text, judgement in story.sentences:
                if judgement is None:
                    out.print(f"[yellow]not judged[/yellow] {escape(story.story)}\t{escape(key)}\t{escape(text)}")
                elif not judgement.alone or judgement.furniture:
                    out.print(f"[red]wrong[/red] {escape(story.story)}\t{escape(key)}\t{escape(judgement.reason)}")


def paraphrase_command(  # noqa: PLR0917 - typer maps each parameter to an option
    ant: Annotated[Path, typer.Argument(help=ANT_HELP)],
    split: Annotated[Split, typer.Option("--split", help="dev (tuning), test (reporting) or all.")] = "test",
    stories_file: Annotated[Path | None, typer.Option("--stories", help=STORIES_HELP)] = None,
    labels: Annotated[Path | None, typer.Option("--labels", help="Judged pairs (data/audit/paraphrase.jsonl).")
                      ] = None,
    threshold: Annotated[float | None, typer.Option("--threshold", min=0, max=1,
                                                    help="Shared rare weight that links two sentences.")] = None,
    held_out: Annotated[bool, typer.Option(
        "--held-out", help="Also estimate the figures on a story the thresholds were not chosen on: each "
        "story scored with the thresholds (and a pair model) chosen on the others, the rule alone and with "
        "the model, on the same folds.")] = False,
    no_vectors: Annotated[bool, typer.Option(
        "--no-vectors", help="Score without the word vectors (no soft share): what they add.")] = False,
) -> None:
    """Precision and recall of the same-fact links (paraphrase citations) on the judged pairs."""
    from akhbar.eval.audit_summary import audit_links, read_pairs

    stories = _load(ant, stories_file, split)
    pairs = read_pairs(labels)
    if held_out:
        _print_held_out(stories, pairs, with_vectors=not no_vectors)
    result = audit_links(stories, pairs, threshold=threshold, with_vectors=not no_vectors)
    judged = result.true_positive + result.false_positive + result.true_negative + result.false_negative
    out.print(f"split {split}: {judged} judged pairs ({result.true_positive + result.false_negative} the same fact)")
    out.print(f"precision {result.precision:.3f}  recall {result.recall:.3f}  "
              f"(tp {result.true_positive}, fp {result.false_positive}, fn {result.false_negative}, "
              f"tn {result.true_negative})")
    if result.missing:
        out.print(f"[yellow]{len(result.missing)} judged pairs name sentences the stories no longer hold[/yellow]")
    for pair, predicted in result.errors:
        kind = "false link" if predicted else "missed"
        out.print(f"  {kind}: {escape(pair.a)}  <->  {escape(pair.b)}")


def _print_held_out(stories: Any, pairs: Any, *, with_vectors: bool) -> None:
    from akhbar.eval.audit_summary import TARGET_PRECISION, scored_pairs
    from akhbar.eval.pairmodel import held_out_comparison

    scored = scored_pairs(stories, pairs, with_vectors=with_vectors)[0]
    rule_only, with_model, chosen = held_out_comparison(scored)
    out.print(f"held out (each story scored with the thresholds best on the others, recall at precision "
              f"{TARGET_PRECISION}):")
    for name, result in (("rule alone", rule_only), ("rule + pair model", with_model)):
        out.print(f"  {name}: precision {result.precision:.3f}  recall {result.recall:.3f}  "
                  f"(tp {result.true_positive}, fp {result.false_positive}, fn {result.false_negative})")
    for story, rule in chosen.items():
        out.print(f"  {story}: threshold {rule.threshold}, soft {rule.soft_threshold}, gate {rule.soft_gate}")


def since_command(  # noqa: PLR0917 - typer maps each parameter to an option
    ant: Annotated[Path, typer.Argument(help=ANT_HELP)],
    split: Annotated[Split, typer.Option("--split", help="dev (tuning), test (reporting) or all.")] = "test",
    stories_file: Annotated[Path | None, typer.Option("--stories", help=SINCE_STORIES_HELP)] = None,
    labels: Annotated[Path | None, typer.Option("--labels", help="Judged sentences (data/audit/since.jsonl).")
                      ] = None,
    words: Annotated[int, typer.Option("--words", "-w", min=10, help="Word budget of each summary.")] = 120,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per story, then the totals.")] = False,
    all_dates: Annotated[bool, typer.Option(
        "--all-dates", help="Split each story at every day after its first (the harder cases: more told "
        "before), not only at the day by which a third of its articles are out.")] = False,
) -> None:
    """"What's new" on the audit stories split at a date: novelty (judged) and coverage."""
    from akhbar.config import load_config
    from akhbar.eval.since_eval import evaluate_dates, read_since_judgements, summarize_results
    from akhbar.pipeline import with_words

    stories = _load(ant, stories_file, split, since=True)
    config = with_words(load_config(), words)
    judgements = read_since_judgements(labels)
    results = [r for story, articles in stories.items()
               for r in evaluate_dates(story, articles, config=config, judgements=judgements, all_dates=all_dates)]
    totals = summarize_results(results)
    if as_json:
        for r in results:
            out.print_json(json.dumps({"story": r.story, "since": r.since, "before": r.before, "after": r.after,
                                       "sentences": r.sentences, "judged": r.judged, "novel": r.novel,
                                       "facts": r.facts, "covered": r.covered}, ensure_ascii=False))
        out.print_json(json.dumps(totals))
        return
    for r in results:
        out.print(f"{escape(r.story)}: since {r.since}, {r.before} articles before, {r.after} after; "
                  f"{r.novel}/{r.judged} judged sentences new ({r.sentences} in all); "
                  f"{r.covered}/{r.facts} later facts told")
        for key in r.unjudged:
            out.print(f"  [yellow]not judged[/yellow] {escape(r.story)}\t{r.since}\t{escape(key)}")
    cases_word = "cases (story, date)" if all_dates else "stories"
    out.print(f"split {split}: {totals['stories']:.0f} {cases_word} split at a date; novelty {totals['novelty']:.3f} "
              f"({totals['novel']:.0f}/{totals['judged']:.0f} judged sentences), coverage {totals['coverage']:.3f} "
              f"({totals['covered']:.0f}/{totals['facts']:.0f} later facts)")


def register(app: typer.Typer) -> None:
    """Add the three audit commands to akhbar's command line."""
    app.command("eval-summary-audit")(summary_audit_command)
    app.command("eval-paraphrase")(paraphrase_command)
    app.command("eval-since")(since_command)
