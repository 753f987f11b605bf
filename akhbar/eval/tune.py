"""Grid-search akhbar's SummaryConfig weights on the dev split only, and print the best settings.

    python -m akhbar.eval.tune /work/shared/data/easc/clusters.jsonl:120 \\
        /work/shared/data/ant_v21/articles.jsonl.gz:40 --limit 300 \\
        --grid centrality_weight=0.5,1,2 --grid coverage_weight=0,0.5,1 --grid position_weight=0,0.3,0.6,1.2

Each dataset is ``PATH:WORDS`` (its word budget). Only ``dev`` clusters are read (the split of
:mod:`akhbar.eval.datasets`); ``test`` clusters are never seen here, so numbers reported on the
test split stay honest. The objective is the mean over datasets of the mean ROUGE-2 recall
(``max`` multi-reference rule); ties go to the setting closest to the current defaults.
"""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, fields, replace
from pathlib import Path
from typing import Annotated, Any

import numpy as np
import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table

from akhbar.config import ConfigError, SummaryConfig, check_value, load_config
from akhbar.eval.datasets import Cluster, read_dataset
from akhbar.eval.rouge import score_multi
from akhbar.records import BadInput

DEFAULT_GRID = ("centrality_weight=0.5,1,2", "coverage_weight=0,0.5,1", "position_weight=0,0.3,0.6,1.2",
                "length_weight=0,0.3")
_WORKER: dict[str, Any] = {}


def default_summary_config() -> SummaryConfig:
    """The packaged summary defaults (defaults.toml)."""
    return load_config().summary


def parse_grid(specs: Sequence[str]) -> dict[str, list[float]]:
    known = {f.name for f in fields(SummaryConfig)} - {"words"}
    grid: dict[str, list[float]] = {}
    for spec in specs:
        name, _, values = spec.partition("=")
        name = name.strip()
        if name not in known or not values:
            raise ValueError(f"bad grid {spec!r}: use NAME=v1,v2 with NAME one of {', '.join(sorted(known))}")
        try:
            grid[name] = [float(v) for v in values.split(",") if v.strip()]
        except ValueError:
            raise ValueError(f"bad grid {spec!r}: values must be numbers") from None
        for value in grid[name]:  # the checks a configuration file gets (no inf, nan, out of range)
            try:
                check_value(name, value, float, f"grid {name}")
            except ConfigError as error:
                raise ValueError(str(error)) from None
    return grid


def settings(grid: dict[str, list[float]]) -> list[dict[str, float]]:
    names = sorted(grid)
    return [dict(zip(names, values, strict=True)) for values in itertools.product(*(grid[n] for n in names))]


def _init(datasets: list[tuple[str, int, list[Cluster]]]) -> None:
    _WORKER["datasets"] = datasets


def evaluate_setting(setting: dict[str, float]) -> dict[str, Any]:
    """Mean R2 recall (max rule) of akhbar with ``setting`` on each dev dataset."""
    from akhbar.pipeline import summarize_articles

    base = default_summary_config()
    per_dataset: dict[str, float] = {}
    start = time.perf_counter()
    failures = 0
    for name, words, clusters in _WORKER["datasets"]:
        config = replace(base, words=words, **setting)  # type: ignore[arg-type]  # grid values are floats
        recalls = []
        for cluster in clusters:
            try:
                items = summarize_articles(cluster.articles, words=words, config=config)
                text = " ".join(item.text for item in items)
            except Exception:  # a failing cluster scores 0, never stops the search
                failures += 1
                text = ""
            recalls.append(score_multi(text, cluster.references)["max"]["rouge2"].recall)
        per_dataset[name] = float(np.mean(recalls)) if recalls else 0.0
    objective = float(np.mean(list(per_dataset.values())))
    return {"setting": setting, "per_dataset": per_dataset, "objective": objective,
            "failures": failures, "seconds": time.perf_counter() - start}


def load_dev(
    specs: Sequence[str], limit: int | None, errors: list[BadInput]
) -> list[tuple[str, int, list[Cluster]]]:
    datasets = []
    for spec in specs:
        path, _, words = spec.rpartition(":")
        if not path or not words.isdigit():
            raise ValueError(f"dataset {spec!r} must be PATH:WORDS")
        clusters = []
        for cluster in read_dataset(path, errors, split="dev"):
            if cluster.references:
                clusters.append(cluster)
            if limit is not None and len(clusters) >= limit:
                break
        datasets.append((Path(path).name, int(words), clusters))
    return datasets


def run_grid(data: list[tuple[str, int, list[Cluster]]], candidates: list[dict[str, float]], jobs: int,
             err: Console | None = None) -> list[dict[str, Any]]:
    """Scores of every setting (in worker processes when ``jobs`` > 1)."""
    results = []
    with Progress(console=err or Console(stderr=True), transient=True) as bar:
        task = bar.add_task("grid", total=len(candidates))
        if jobs == 1:
            _init(data)
            for setting in candidates:
                results.append(evaluate_setting(setting))
                bar.advance(task)
        else:
            with ProcessPoolExecutor(jobs, initializer=_init, initargs=(data,)) as pool:
                for result in pool.map(evaluate_setting, candidates):
                    results.append(result)
                    bar.advance(task)
    return results


def _distance(setting: dict[str, float], defaults: dict[str, Any]) -> float:
    return sum(abs(v - float(defaults[k])) for k, v in setting.items())


def main(
    datasets: Annotated[list[str], typer.Argument(help="PATH:WORDS, e.g. clusters.jsonl:120.")],
    grid: Annotated[list[str] | None, typer.Option("--grid", help="NAME=v1,v2,... (repeatable).")] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="K dev clusters a dataset.")] = None,
    jobs: Annotated[int, typer.Option("--jobs", min=1, help="Worker processes.")] = 2,
    out: Annotated[Path | None, typer.Option("--out", help="Write every setting's scores as JSON.")] = None,
) -> None:
    """Grid-search SummaryConfig weights on the dev split; print the best settings."""
    console, err = Console(), Console(stderr=True)
    errors: list[BadInput] = []
    try:
        chosen = parse_grid(grid or DEFAULT_GRID)
        data = load_dev(datasets, limit, errors)
    except ValueError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    for bad in errors[:10]:
        err.print(f"[yellow]skipped[/yellow] {bad.path}: {bad.problem}")
    empty = [n for n, _, c in data if not c]
    if empty:
        err.print(f"[red]error:[/red] no dev cluster with references in {', '.join(empty)}")
        raise typer.Exit(1)
    candidates = settings(chosen)
    err.print(f"{len(candidates)} settings x " + ", ".join(f"{n}: {len(c)} dev clusters @ {w} words"
                                                          for n, w, c in data))
    results = run_grid(data, candidates, jobs, err)
    defaults = asdict(default_summary_config())
    results.sort(key=lambda r: (-round(r["objective"], 6), _distance(r["setting"], defaults)))
    title = f"dev split: mean ROUGE-2 recall (max rule), {len(results)} settings, best first"
    table = Table(title=escape(title))
    for name in sorted(chosen):
        table.add_column(name, justify="right")
    for n, _, _ in data:
        table.add_column(n, justify="right")
    table.add_column("objective", justify="right")
    current = next((r for r in results if all(abs(r["setting"][k] - float(defaults[k])) < 1e-9
                                              for k in r["setting"])), None)
    for r in results[:10] + ([current] if current and current not in results[:10] else []):
        mark = " (defaults)" if r is current else ""
        table.add_row(*[f"{r['setting'][k]:g}" for k in sorted(chosen)],
                      *[f"{100 * r['per_dataset'][n]:.2f}" for n, _, _ in data],
                      f"{100 * r['objective']:.2f}{mark}")
    console.print(table)
    best = results[0]
    console.print(escape("best settings (copy into [summary] of defaults.toml):"))
    for k in sorted(best["setting"]):
        console.print(f"{k} = {best['setting'][k]:g}")
    if out is not None:
        out.write_text(json.dumps({"defaults": defaults, "results": results}, indent=1), encoding="utf-8")


if __name__ == "__main__":
    typer.run(main)
