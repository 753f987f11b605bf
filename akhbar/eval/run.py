"""Run systems over clusters and aggregate: ROUGE against references, or the reference-free checks.

A *system* is a ``(articles, words) -> list[str]`` callable, like the peers; akhbar is wrapped by
:func:`akhbar_system`. A system that raises on a cluster is counted as a failure with an empty
summary (it scores 0 there), never a crash of the run.

Budget: ``--words N`` gives every cluster N words; ``--ratio R`` gives a cluster
``max(1, round(R * words of its documents))`` words (white-space separated words, as akhbar counts).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from akhbar.config import SummaryConfig
from akhbar.eval.datasets import Cluster
from akhbar.eval.multidoc import check, cluster_groups
from akhbar.eval.peers import get_peer, word_count
from akhbar.eval.rouge import MEASURES, RULES, bootstrap_ci, paired_bootstrap, score_multi
from akhbar.pipeline import summarize_articles
from akhbar.records import Article, SummaryItem

System = Callable[[Sequence[Article], int], list[str]]
Progress = Callable[[], None]


class SystemUnavailableError(RuntimeError):
    """A peer that cannot run here: its optional extra is not installed."""


def akhbar_items(articles: Sequence[Article], words: int, config: SummaryConfig | None = None) -> list[SummaryItem]:
    return summarize_articles(articles, words=words, config=config)


def akhbar_system(config: SummaryConfig | None = None) -> System:
    def run(articles: Sequence[Article], words: int) -> list[str]:
        return [item.text for item in akhbar_items(articles, words, config)]

    return run


def budget(cluster: Cluster, words: int | None, ratio: float | None) -> int:
    if ratio is not None:
        return max(1, round(ratio * sum(word_count(a.body) for a in cluster.articles)))
    if words is None:
        raise ValueError("give a word budget or a ratio")
    return words


def systems_for(
    names: Iterable[str], with_akhbar: bool = True, config: SummaryConfig | None = None
) -> dict[str, System]:
    chosen: dict[str, System] = {"akhbar": akhbar_system(config)} if with_akhbar else {}
    chosen.update((name, get_peer(name)) for name in names)
    return chosen


@dataclass
class SystemRun:
    """Per-cluster outputs of one system."""

    scores: list[dict[str, dict[str, Any]]] = field(default_factory=list)  # score_multi per cluster
    seconds: float = 0.0
    words: list[int] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    unavailable: str | None = None


def _call(system: System, articles: Sequence[Article], words: int, run: SystemRun,
          cluster_id: str) -> list[str] | None:
    start = time.perf_counter()
    try:
        return system(articles, words)
    except SystemUnavailableError:
        raise
    except ImportError as exc:  # a peer's optional extra is missing
        raise SystemUnavailableError(str(exc)) from exc
    except Exception as exc:  # a bug in one system on one cluster must not stop the run
        run.failures.append(f"{cluster_id}: {type(exc).__name__}: {exc}")
        return []
    finally:
        run.seconds += time.perf_counter() - start


def rouge_runs(clusters: Sequence[Cluster], systems: dict[str, System], *, words: int | None = None,
               ratio: float | None = None, stem: bool = False,
               progress: Progress | None = None) -> dict[str, SystemRun]:
    runs = {name: SystemRun() for name in systems}
    for cluster in clusters:
        n = budget(cluster, words, ratio)
        for name, system in systems.items():
            run = runs[name]
            if run.unavailable is None:
                try:
                    summary = _call(system, cluster.articles, n, run, cluster.id)
                except SystemUnavailableError as exc:
                    run.unavailable = str(exc)
                    summary = None
                if summary is not None:
                    text = " ".join(summary)
                    run.scores.append(score_multi(text, cluster.references, stem=stem))
                    run.words.append(word_count(text))
            if progress:
                progress()
    return runs


def _r2_recall(run: SystemRun, rule: str) -> list[float]:
    return [s[rule]["rouge2"].recall for s in run.scores]


def summarize_rouge(runs: dict[str, SystemRun], *, seed: int = 0, samples: int = 1000) -> dict[str, Any]:
    """Means of P/R/F1 per rule and measure, 95% bootstrap CI of R2 recall, paired comparisons."""
    out: dict[str, Any] = {}
    for name, run in runs.items():
        if run.unavailable or not run.scores:
            out[name] = {"unavailable": run.unavailable or "no cluster scored"}
            continue
        k = len(run.scores)
        means = {rule: {m: {part: float(np.mean([getattr(s[rule][m], part) for s in run.scores]))
                            for part in ("precision", "recall", "f1")} for m in MEASURES} for rule in RULES}
        out[name] = {
            "clusters": k,
            "seconds_per_cluster": run.seconds / k,
            "mean_summary_words": float(np.mean(run.words)),
            "failures": run.failures,
            "rouge": means,
            "rouge2_recall_ci95": {
                rule: bootstrap_ci(_r2_recall(run, rule), seed=seed, samples=samples).as_dict()
                for rule in RULES},
        }
    base = runs.get("akhbar")
    if base is not None and not base.unavailable and base.scores:
        for name, run in runs.items():
            if name == "akhbar" or run.unavailable or len(run.scores) != len(base.scores):
                continue
            out[name]["vs_akhbar_rouge2_recall"] = {
                rule: {"akhbar_minus_peer": float(np.mean(_r2_recall(base, rule))
                                                  - np.mean(_r2_recall(run, rule))),
                       "share_of_resamples_akhbar_higher": paired_bootstrap(
                           _r2_recall(base, rule), _r2_recall(run, rule), seed=seed, samples=samples)}
                for rule in RULES}
    return out


@dataclass
class MultiDocRun:
    rows: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)
    unavailable: str | None = None


def multidoc_runs(clusters: Sequence[Cluster], peers: dict[str, System], *, words: int,
                  with_akhbar: bool = True, config: SummaryConfig | None = None,
                  progress: Progress | None = None) -> dict[str, MultiDocRun]:
    """Reference-free checks for akhbar (with its citations) and the peers."""
    runs: dict[str, MultiDocRun] = {}
    if with_akhbar:
        runs["akhbar"] = MultiDocRun()
    runs.update({name: MultiDocRun() for name in peers})
    for cluster in clusters:
        # The measure's own alignment of the cluster: once for every system, outside their time.
        # Should it fail, each system's check tries again and reports the failure as its own.
        try:
            groups = cluster_groups(cluster.articles)
        except Exception:
            groups = None
        for name, run in runs.items():
            if run.unavailable is not None:
                if progress:
                    progress()
                continue
            start = time.perf_counter()
            try:
                if name == "akhbar":
                    items = akhbar_items(cluster.articles, words, config)
                    scores = check([i.text for i in items], cluster.articles, items, groups)
                else:
                    scores = check(peers[name](cluster.articles, words), cluster.articles, groups=groups)
                run.rows.append({"cluster": cluster.id, **_scores_dict(scores)})
            except (SystemUnavailableError, ImportError) as exc:  # a peer's optional extra is missing
                run.unavailable = str(exc)
            except Exception as exc:  # one failing cluster must not stop the run
                run.failures.append(f"{cluster.id}: {type(exc).__name__}: {exc}")
            finally:
                run.seconds += time.perf_counter() - start
            if progress:
                progress()
    return runs


def _scores_dict(scores: Any) -> dict[str, Any]:
    row = {"redundancy": scores.redundancy, "overlap": scores.overlap, "articles": scores.articles,
           "outlets": scores.outlets,
           "unmatched": scores.unmatched, "sentences": scores.sentences, "words": scores.words}
    if scores.citations is not None:
        row["citations_held"] = scores.citations.held
        row["citations_paraphrased"] = scores.citations.paraphrased
        row["citations"] = scores.citations.cited
    return row


def summarize_multidoc(runs: dict[str, MultiDocRun], clusters: Sequence[Cluster]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    sizes = {c.id: (len(c.articles), len({a.source or a.id for a in c.articles})) for c in clusters}
    for name, run in runs.items():
        if run.unavailable or not run.rows:
            out[name] = {"unavailable": run.unavailable or "no cluster checked", "failures": run.failures}
            continue
        rows = run.rows
        entry: dict[str, Any] = {
            "clusters": len(rows),
            "redundancy_mean": float(np.mean([r["redundancy"] for r in rows])),
            "overlap_mean": float(np.mean([r["overlap"] for r in rows])),
            "articles_drawn_mean": float(np.mean([r["articles"] for r in rows])),
            "outlets_drawn_mean": float(np.mean([r["outlets"] for r in rows])),
            "outlet_share_mean": float(np.mean([r["outlets"] / max(1, sizes[r["cluster"]][1])
                                                for r in rows])),
            "unmatched_sentences": int(sum(r["unmatched"] for r in rows)),
            "words_mean": float(np.mean([r["words"] for r in rows])),
            "seconds_per_cluster": run.seconds / len(rows),
            "failures": run.failures,
            "per_cluster": rows,
        }
        cited = sum(r.get("citations", 0) for r in rows)
        if cited:
            entry["citation_precision"] = sum(r.get("citations_held", 0) for r in rows) / cited
            entry["citation_precision_paraphrase"] = sum(r.get("citations_paraphrased", 0) for r in rows) / cited
            entry["citations"] = cited
        out[name] = entry
    return out
