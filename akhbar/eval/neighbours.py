"""A multi-document set with references, built from the ANT archive.

ANT has no multi-document summaries, but about 4,600 of its articles carry a standfirst written
apart from the text (``abstract_kind == "novel"``): a human summary of an event. The same event
is usually covered by other outlets within a few days. So each such *target* article gives one
cluster:

- articles: the target's nearest neighbours from OTHER outlets, dated at most ``days`` apart,
  whose similarity to the target is at least ``threshold`` (at most ``max_neighbours``, best
  first; a target with fewer than ``min_neighbours`` gives no cluster). The target itself is
  never in its cluster, so its standfirst cannot be copied from it;
- reference: the target's standfirst.

Similarity: akhbar's own vectors (:mod:`akhbar.vectors`: sublinear TF-IDF, L2-normalized) of the
content stems (:func:`akhbar.align.content_stems`) of title + the first ``lead_words`` words,
IDF fitted on the whole archive. Candidate pairs come from :mod:`akhbar.blocking`'s capped
inverted index, per window of days around each target day: never all pairs of articles.

An outlet's repeats (ANT files some articles under two categories) are dropped first (the rule
of :mod:`akhbar.eval.events`). The split (dev/test) is the target's id split
(:func:`akhbar.eval.datasets.split_of`), fixed across runs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

from akhbar.align import content_stems
from akhbar.blocking import candidate_pairs, row_dots
from akhbar.eval.datasets import Cluster, Split, in_split, read_ant_articles
from akhbar.eval.events import _dedupe, lead_text
from akhbar.records import Article, BadInput
from akhbar.vectors import tfidf


@dataclass(frozen=True, slots=True)
class NeighbourSettings:
    threshold: float = 0.3  # cosine a neighbour needs: the same event, not just the same topic
    days: int = 2  # a neighbour is dated at most this many days before or after the target
    max_neighbours: int = 6
    min_neighbours: int = 2
    lead_words: int = 60
    max_df: int = 300  # blocking: a term held by more articles of a window gives no candidates

    def __post_init__(self) -> None:
        if self.min_neighbours > self.max_neighbours:
            raise ValueError(f"min_neighbours ({self.min_neighbours}) is more than max_neighbours "
                             f"({self.max_neighbours})")


@dataclass(frozen=True, slots=True)
class Target:
    article: Article
    standfirst: str


def _ordinal(article: Article) -> int:
    return date.fromisoformat(article.date or "").toordinal()


def neighbours_of(
    articles: Sequence[Article], targets: Sequence[int], *, settings: NeighbourSettings,
) -> dict[int, list[tuple[float, int]]]:
    """For each target index, ``(similarity, article index)`` of its other-outlet neighbours, best first."""
    matrix = tfidf([content_stems(lead_text(a, settings.lead_words)) for a in articles])
    days = np.array([_ordinal(a) for a in articles])
    by_day: dict[int, list[int]] = defaultdict(list)
    for i, day in enumerate(days.tolist()):
        by_day[day].append(i)
    targets_by_day: dict[int, list[int]] = defaultdict(list)
    for t in targets:
        targets_by_day[int(days[t])].append(t)
    found: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for day, day_targets in sorted(targets_by_day.items()):
        window = np.array([i for d in range(day - settings.days, day + settings.days + 1)
                           for i in by_day.get(d, ())])
        is_target = np.isin(window, day_targets)
        rows, cols = candidate_pairs(matrix[window], max_df=settings.max_df)
        sims = row_dots(matrix[window], rows, cols)
        for r, c, sim in zip(rows.tolist(), cols.tolist(), sims.tolist(), strict=True):
            if sim < settings.threshold:
                continue
            for t, other in ((r, c), (c, r)):
                if is_target[t] and articles[window[t]].source != articles[window[other]].source:
                    found[int(window[t])].append((sim, int(window[other])))
    return {t: sorted(pairs, key=lambda p: (-p[0], articles[p[1]].id)) for t, pairs in found.items()}


def build_multidoc_set(
    articles: Sequence[Article], standfirsts: dict[str, str], *, settings: NeighbourSettings | None = None,
) -> list[Cluster]:
    """One cluster per article with a standfirst (see the module docstring), sorted by id."""
    settings = settings or NeighbourSettings()
    dated = list(_dedupe([a for a in articles if a.date and a.source]))
    targets = [i for i, a in enumerate(dated) if a.id in standfirsts]
    clusters = []
    for t, found in neighbours_of(dated, targets, settings=settings).items():
        chosen = [dated[i] for _, i in found[: settings.max_neighbours]]
        if len(chosen) < settings.min_neighbours:
            continue
        chosen.sort(key=lambda a: (a.date or "", a.id))
        clusters.append(Cluster(f"ant-multi:{dated[t].id}", tuple(chosen), (standfirsts[dated[t].id],)))
    return sorted(clusters, key=lambda c: c.id)


def read_ant_multidoc(path: str | Path, errors: list[BadInput] | None = None, split: Split = "all",
                      settings: NeighbourSettings | None = None) -> Iterator[Cluster]:
    """The multi-document clusters of ANT's ``articles.jsonl.gz`` at ``path`` in ``split``."""
    articles: list[Article] = []
    standfirsts: dict[str, str] = {}
    for article, raw in read_ant_articles(path, errors):
        articles.append(article)
        abstract = raw.get("abstract")
        # Only the split's targets: every article may be a neighbour, but the other split's
        # targets need not be scored (a cluster depends on its target alone).
        if (raw.get("abstract_kind") == "novel" and isinstance(abstract, str) and abstract.strip()
                and in_split(article.id, split)):
            standfirsts[article.id] = abstract
    yield from build_multidoc_set(articles, standfirsts, settings=settings)
