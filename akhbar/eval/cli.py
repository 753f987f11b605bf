"""``akhbar eval`` (ROUGE against references), ``akhbar eval-multidoc`` (reference-free checks) and
``akhbar eval-facts`` (the hand-judged facts audit, in ``audit_cli.py``).

:func:`register` adds both commands to akhbar's Typer app. Heavy imports happen inside the
commands, so registering costs nothing and never imports the optional peers.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from akhbar.eval.datasets import Cluster, detect_format, read_clusters, read_dataset
from akhbar.records import BadInput

if TYPE_CHECKING:
    from akhbar.eval.neighbours import NeighbourSettings

DEFAULT_PEERS = "lead,sumy-lexrank,sumy-textrank,sumy-lsa,lexrank"
RULE_NAMES = {"max": "max over references (best-F1 reference)", "avg": "average over references"}
# soft_wrap: a message is one line, never broken at the console's width (a log is 80 columns wide)
err = Console(stderr=True, soft_wrap=True)


def _progress(total: int, description: str) -> Progress:
    return Progress(TextColumn(description), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=err, transient=True, disable=total == 0)


def _report_errors(errors: list[BadInput]) -> None:
    """Print every bad input once, one whole line each (a dataset read in several passes meets the
    same bad line in each); ``errors`` keeps only the first of each, for the exit code and the JSON."""
    from akhbar.cli import bad_input_line

    errors[:] = dict.fromkeys(errors)
    for bad in errors:
        err.print(bad_input_line(bad))


def _fmt(x: float) -> str:
    return f"{100 * x:.1f}"


def rouge_table(summary: dict[str, Any], rule: str, title: str) -> Table:
    table = Table(title=f"{title}\nROUGE (x100) on match-normalized tokens; "
                        f"multi-reference rule: {RULE_NAMES[rule]}")
    columns = ("system", "R1 R", "R1 F1", "R2 R", "R2 F1", "RL R", "RL F1", "R2 R 95% CI", "words", "s/clu")
    for col in columns:
        table.add_column(col, justify="left" if col == "system" else "right")
    for name, entry in summary.items():
        if "unavailable" in entry:
            table.add_row(name, *["-"] * 8, "", style="dim")
            continue
        r = entry["rouge"][rule]
        ci = entry["rouge2_recall_ci95"][rule]
        table.add_row(name, _fmt(r["rouge1"]["recall"]), _fmt(r["rouge1"]["f1"]), _fmt(r["rouge2"]["recall"]),
                      _fmt(r["rouge2"]["f1"]), _fmt(r["rougeL"]["recall"]), _fmt(r["rougeL"]["f1"]),
                      f"[{_fmt(ci['low'])}, {_fmt(ci['high'])}]", f"{entry['mean_summary_words']:.0f}",
                      f"{entry['seconds_per_cluster']:.3f}")
    return table


def _write_json(out: Path | None, payload: dict[str, Any]) -> None:
    if out is None:
        return
    try:
        out.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    except OSError as exc:
        err.print(f"[red]error:[/red] cannot write {out}: {exc.strerror or exc}")
        raise typer.Exit(2) from None
    err.print(f"wrote {out}")


def _peer_names(peers: str) -> list[str]:
    from akhbar.eval.peers import PEERS

    names = [p.strip() for p in peers.split(",") if p.strip()]
    unknown = [p for p in names if p not in PEERS]
    if unknown:
        err.print(f"[red]error:[/red] unknown peer(s) {', '.join(unknown)}; known: {', '.join(PEERS)}")
        raise typer.Exit(2)
    return names


_PEERS_HELP = "Comma-separated peers ('' for none)."


_SET_HELP = "Override an akhbar SummaryConfig setting, NAME=VALUE (repeatable), e.g. position_weight=1.2."


_MULTI_HELP = ("ANT: the multi-document set instead (each `novel` standfirst against its nearest articles of "
               "other outlets, akhbar.eval.neighbours).")


def summary_overrides(values: Sequence[str] | None, *, multi: bool = False) -> Any:
    """akhbar's default SummaryConfig (the multi-document one when ``multi``) with ``NAME=VALUE``
    overrides, or None when there are none.

    Each value is read as TOML and checked as a configuration file's would be: ``inf``, ``nan``,
    negative or out-of-range values are refused (exit 2)."""
    if not values:
        return None
    import tomllib

    from akhbar.config import ConfigError, load_config, summary_with

    changes: dict[str, object] = {}
    try:
        for spec in values:
            name, sep, value = spec.partition("=")
            if not sep or not name.strip():
                raise ConfigError(f"{spec!r}: use NAME=VALUE")
            try:
                changes[name.strip()] = tomllib.loads(f"value = {value.strip()}")["value"]
            except tomllib.TOMLDecodeError:
                raise ConfigError(f"{spec!r}: {value.strip()!r} is not a number") from None
        return summary_with(load_config().summary_for(2 if multi else 1), changes, "--set")
    except ConfigError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from None


def eval_command(  # noqa: PLR0917 (typer maps parameters to options)
    dataset: Annotated[Path, typer.Argument(help="EASC-format clusters .jsonl, or ANT articles.jsonl.gz.")],
    words: Annotated[int | None, typer.Option("--words", "-w", min=1, help="Word budget.")] = None,
    ratio: Annotated[float | None, typer.Option("--ratio", min=0.0, max=1.0,
                                                help="Budget = R x the cluster's document words.")] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="The first K clusters.")] = None,
    peers: Annotated[str, typer.Option("--peers", help=_PEERS_HELP)] = DEFAULT_PEERS,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write all results as JSON.")] = None,
    split: Annotated[str, typer.Option("--split", help="dev (tuning), test (reporting) or all.")] = "test",
    rule: Annotated[str, typer.Option("--rule", help="Multi-reference rule shown: max or avg.")] = "max",
    stem: Annotated[bool, typer.Option("--stem/--no-stem", help="Light-stem tokens first.")] = False,
    akhbar: Annotated[bool, typer.Option("--akhbar/--no-akhbar", help="Evaluate akhbar itself.")] = True,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the bootstrap.")] = 0,
    settings: Annotated[list[str] | None, typer.Option("--set", help=_SET_HELP)] = None,
    multi: Annotated[bool, typer.Option("--multi", help=_MULTI_HELP)] = False,
    max_neighbours: Annotated[int | None, typer.Option(
        "--max-neighbours", min=1, max=1000, help="--multi: at most N articles per cluster (default 6).")] = None,
    min_neighbours: Annotated[int | None, typer.Option(
        "--min-neighbours", min=1, max=1000, help="--multi: no cluster of fewer articles (default 2).")] = None,
    days: Annotated[int | None, typer.Option(
        "--days", min=0, max=3650, help="--multi: neighbours at most N days apart (default 2).")] = None,
) -> None:
    """Score akhbar and peer summarisers with Arabic ROUGE against a dataset's references."""
    from akhbar.eval.run import rouge_runs, summarize_rouge, systems_for

    neighbours = _neighbour_settings(multi, max_neighbours, min_neighbours, days)

    if (words is None) == (ratio is None):
        err.print("[red]error:[/red] give exactly one of --words N or --ratio R")
        raise typer.Exit(2)
    if split not in ("dev", "test", "all") or rule not in RULE_NAMES:
        err.print("[red]error:[/red] --split is dev, test or all; --rule is max or avg")
        raise typer.Exit(2)
    from akhbar.ingest.paths import not_readable

    problem = not_readable(dataset, folder="a folder: give the dataset's .jsonl or .jsonl.gz file")
    if problem is not None:  # /dev/zero would be read for ever looking for its first line
        err.print(f"[red]error:[/red] {escape(str(dataset))}: {problem}")
        raise typer.Exit(2)
    errors: list[BadInput] = []
    clusters: list[Cluster] = []
    with _progress(1, "reading") as bar:
        bar.add_task("reading", total=None)
        if multi and detect_format(dataset) == "ant":
            from akhbar.eval.neighbours import read_ant_multidoc

            found = read_ant_multidoc(dataset, errors, split, neighbours)  # type: ignore[arg-type]
        else:
            found = read_dataset(dataset, errors, split=split)  # type: ignore[arg-type]
        for cluster in found:
            if cluster.references:
                clusters.append(cluster)
            if limit is not None and len(clusters) >= limit:
                break
    _report_errors(errors)
    if not clusters:
        err.print(f"[red]error:[/red] no cluster with references in {dataset} (split {split})")
        raise typer.Exit(1)
    config = summary_overrides(settings, multi=any(len(c.articles) > 1 for c in clusters))
    systems = systems_for(_peer_names(peers), with_akhbar=akhbar, config=config)
    total = len(clusters) * len(systems)
    with _progress(total, "summarising") as bar:
        task = bar.add_task("summarising", total=total)
        runs = rouge_runs(clusters, systems, words=words, ratio=ratio, stem=stem,
                          progress=lambda: bar.advance(task))
    summary = summarize_rouge(runs, seed=seed)
    _report_problems(summary)
    budget = f"{words} words" if words is not None else f"{ratio} x document words"
    kind = "ant multi-document" if multi and detect_format(dataset) == "ant" else detect_format(dataset)
    title = (f"{dataset.name} ({kind}), split {split}, {len(clusters)} clusters, "
             f"budget {budget}{', stemmed' if stem else ''}")
    _print_table(rouge_table(summary, rule, escape(title)))
    _write_json(out, {
        "dataset": str(dataset), "format": detect_format(dataset), "split": split, "clusters": len(clusters),
        "budget": {"words": words, "ratio": ratio,
                   "rule": "whole sentences, skip what overflows (akhbar's rule)"},
        "stem": stem, "rules": RULE_NAMES, "akhbar_overrides": list(settings or []),
        "skipped_inputs": [[b.path, b.problem] for b in errors],
        "systems": summary,
    })
    _exit_if_skipped(errors)


def _neighbour_settings(multi: bool, max_neighbours: int | None, min_neighbours: int | None,
                        days: int | None) -> NeighbourSettings | None:
    """The multi-document set's settings with the given flags, or None when none is given."""
    given = {k: v for k, v in (("max_neighbours", max_neighbours), ("min_neighbours", min_neighbours),
                               ("days", days)) if v is not None}
    if not given:
        return None
    if not multi:
        err.print("[red]error:[/red] --max-neighbours, --min-neighbours and --days go with --multi")
        raise typer.Exit(2)
    from akhbar.eval.neighbours import NeighbourSettings

    try:
        return NeighbourSettings(**given)
    except ValueError as error:
        err.print(f"[red]error:[/red] {error} (--min-neighbours, --max-neighbours)")
        raise typer.Exit(2) from None


def _exit_if_skipped(errors: Sequence[BadInput]) -> None:
    """Exit 4 when some inputs were skipped or repaired, as `akhbar summarize` does."""
    from akhbar.records import any_skipped

    if any_skipped(errors):
        from akhbar.cli import EXIT_SKIPPED

        raise typer.Exit(EXIT_SKIPPED)


def _example_dir() -> Path:
    return Path(str(resources.files("akhbar.resources") / "examples" / "aleppo-2016-12"))


def load_multidoc(
    paths: Sequence[str], errors: list[BadInput], limit: int | None, seed: int, min_outlets: int = 2
) -> list[Cluster]:
    """A folder is one cluster (read by akhbar's ingest); a .jsonl gives its multi-document clusters;
    ANT's articles.jsonl.gz gives event clusters (:mod:`akhbar.eval.events`), a seeded sample of ``limit``."""
    from akhbar.eval.events import ant_events
    from akhbar.ingest import ingest
    from akhbar.ingest.paths import not_readable

    clusters: list[Cluster] = []
    for raw in paths:
        path = Path(raw)
        problem = not_readable(path)
        if problem is not None:  # a device, a FIFO, a link loop: named as what it is
            errors.append(BadInput(raw, problem))
        elif path.is_dir():
            corpus = ingest([str(path)])
            errors.extend(corpus.errors)
            if len(corpus.articles) >= 2:
                clusters.append(Cluster(path.name, corpus.articles))
            else:
                errors.append(BadInput(str(path), "fewer than two readable articles"))
        elif path.is_file() and detect_format(path) == "ant":
            events = [c for c in ant_events(path, errors).clusters
                      if len({x.source for x in c.articles}) >= min_outlets]
            if limit is not None and len(events) > limit:
                events = sorted(random.Random(seed).sample(events, limit), key=lambda c: c.id)
            clusters.extend(events)
        else:
            clusters.extend(c for c in read_clusters(path, errors) if len(c.articles) >= 2)
    return clusters[:limit] if limit is not None else clusters


def multidoc_table(summary: dict[str, Any], title: str) -> Table:
    from akhbar.eval.multidoc import PARAPHRASE

    table = Table(title=escape(title))
    table.caption = ("redund = max pairwise TF-IDF cosine of summary sentences (lower is better); "
                     "overlap = max meaning-level overlap of two summary sentences (weighted shared content "
                     "stems and figures, 1 for one alignment group; lower is better); "
                     "arts/outl = articles/outlets holding a summary sentence; "
                     "share = outlets drawn / outlets; "
                     "unheld = sentences no article holds; cite P = akhbar's citation precision, near copy "
                     f"(citations); cite P para = cited article has a sentence with cosine >= {PARAPHRASE}")
    for col in ("system", "redund", "overlap", "arts", "outl", "share", "unheld", "words", "cite P", "cite P para",
                "s/clu"):
        table.add_column(col, justify="left" if col == "system" else "right")
    for name, e in summary.items():
        if "unavailable" in e:
            table.add_row(name, *["-"] * 10, style="dim")
            continue
        cp = f"{e['citation_precision']:.2f} ({e['citations']})" if "citation_precision" in e else "n/a"
        cpp = f"{e['citation_precision_paraphrase']:.2f}" if "citation_precision" in e else "n/a"
        table.add_row(name, f"{e['redundancy_mean']:.3f}", f"{e['overlap_mean']:.3f}",
                      f"{e['articles_drawn_mean']:.2f}",
                      f"{e['outlets_drawn_mean']:.2f}", f"{e['outlet_share_mean']:.2f}",
                      str(e["unmatched_sentences"]), f"{e['words_mean']:.0f}", cp, cpp,
                      f"{e['seconds_per_cluster']:.3f}")
    return table


def multidoc_command(  # noqa: PLR0917 (typer maps parameters to options)
    paths: Annotated[list[str] | None, typer.Argument(
        help="Folders (one story each), EASC-format .jsonl, or ANT articles.jsonl.gz. "
             "Default: the bundled example.",
    )] = None,
    words: Annotated[int, typer.Option("--words", "-w", min=1, help="Word budget per summary.")] = 120,
    limit: Annotated[int | None, typer.Option("--limit", min=1,
                                              help="At most K clusters (ANT: a seeded sample).")] = None,
    peers: Annotated[str, typer.Option("--peers", help=_PEERS_HELP)] = DEFAULT_PEERS,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write all results as JSON.")] = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the ANT sample.")] = 0,
    settings: Annotated[list[str] | None, typer.Option("--set", help=_SET_HELP)] = None,
    min_outlets: Annotated[int, typer.Option("--min-outlets", min=2,
                                             help="ANT: keep events with at least N outlets.")] = 2,
) -> None:
    """Reference-free multi-document checks: redundancy, outlet coverage, citation precision."""
    from akhbar.eval.multidoc import NEAR_COPY, SHARED_PASSAGE
    from akhbar.eval.run import multidoc_runs, summarize_multidoc, systems_for

    errors: list[BadInput] = []
    clusters = load_multidoc(paths or [str(_example_dir())], errors, limit, seed, min_outlets)
    _report_errors(errors)
    if not clusters:
        err.print("[red]error:[/red] no multi-document cluster could be read")
        raise typer.Exit(1)
    chosen = systems_for(_peer_names(peers), with_akhbar=False)
    total = len(clusters) * (len(chosen) + 1)
    with _progress(total, "summarising") as bar:
        task = bar.add_task("summarising", total=total)
        advance: Callable[[], None] = lambda: bar.advance(task)  # noqa: E731
        runs = multidoc_runs(clusters, chosen, words=words, config=summary_overrides(settings, multi=True),
                             progress=advance)
    summary = summarize_multidoc(runs, clusters)
    _report_problems(summary)
    n_articles = sum(len(c.articles) for c in clusters)
    title = (f"{len(clusters)} multi-document cluster(s), {n_articles} articles, budget {words} words\n"
             f"a sentence is held by an article when its tokens occur there, {SHARED_PASSAGE:.0%} of its "
             f"word trigrams do, or one of its sentences has cosine >= {NEAR_COPY}")
    _print_table(multidoc_table(summary, title))
    _write_json(out, {"clusters": [c.id for c in clusters], "words": words, "near_copy_threshold": NEAR_COPY,
                      "skipped_inputs": [[b.path, b.problem] for b in errors], "systems": summary})
    _exit_if_skipped(errors)


def _print_table(table: Table) -> None:
    """The results on stdout; a write that fails (a full disk) is exit 2, as for every command."""
    from akhbar.cli import write_output

    write_output(lambda: Console().print(table), None)


def _report_problems(summary: dict[str, dict[str, Any]]) -> None:
    """Say which systems could not run (a missing extra) or failed on some clusters."""
    for name, entry in summary.items():
        if "unavailable" in entry:
            err.print(f"[yellow]{name} not run:[/yellow] {escape(str(entry['unavailable']))}")
        elif entry["failures"]:
            err.print(f"[yellow]{name} failed on {len(entry['failures'])} cluster(s)[/yellow], e.g. "
                      f"{escape(str(entry['failures'][0]))}")


def register(app: typer.Typer) -> None:
    """Add ``eval`` and ``eval-multidoc`` to akhbar's command line."""
    app.command("eval")(eval_command)
    app.command("eval-multidoc")(multidoc_command)

