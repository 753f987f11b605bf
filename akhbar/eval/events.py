"""Multi-document event clusters built from the ANT archive, for the reference-free checks.

ANT has no event labels, but five outlets over the same months cover many of the same events.
Two articles are linked when

- they come from different outlets,
- their dates are at most ``days`` apart, and
- the cosine similarity of TF-IDF vectors of title + lead (the first ``lead_words`` words of the
  body; tokens are ``match``-normalized, lightly stemmed words; sublinear tf, smooth idf fitted on
  the whole archive) is at least ``threshold`` (0.5 by default: high, so that links are the same
  event, not the same topic).

Clusters are connected components of the links with at least two outlets (an outlet's repeat of
the same title is dropped); components larger than
``max_articles`` (chains that drift from one event to the next) are dropped and counted.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from akhbar.align import components
from akhbar.eval.datasets import Cluster, read_ant_articles
from akhbar.records import Article, BadInput
from akhbar.text import match_stems, match_tokens


def lead_text(article: Article, lead_words: int = 60) -> str:
    words = article.body.split()[:lead_words]
    return f"{article.title or ''} {' '.join(words)}"


@dataclass
class EventReport:
    clusters: list[Cluster] = field(default_factory=list)
    articles: int = 0


def _dedupe(articles: Sequence[Article]) -> tuple[Article, ...]:
    """Drop an outlet's repeats (ANT files some articles under two categories)."""
    seen: set[tuple[str | None, str]] = set()
    kept: list[Article] = []
    for a in articles:
        key = (a.source, " ".join(match_tokens(a.title or a.body[:200])))
        if key not in seen:
            seen.add(key)
            kept.append(a)
    return tuple(kept)


def build_events(articles: Sequence[Article], *, threshold: float = 0.5, days: int = 2,
                 lead_words: int = 60, max_articles: int = 8) -> EventReport:
    """Event clusters of ``articles`` (dated, with sources); see the module docstring for the rule."""
    dated = [a for a in articles if a.date and a.source]
    report = EventReport(articles=len(dated))
    if len(dated) < 2:
        return report
    vectorizer = TfidfVectorizer(analyzer=match_stems, sublinear_tf=True, min_df=1)
    matrix = vectorizer.fit_transform([lead_text(a, lead_words) for a in dated]).tocsr()
    ordinals = np.array([date.fromisoformat(a.date or "").toordinal() for a in dated])
    sources = np.array([a.source for a in dated])
    by_day: dict[int, list[int]] = defaultdict(list)
    for i, day in enumerate(ordinals):
        by_day[int(day)].append(i)
    links: list[tuple[int, int]] = []
    for day in sorted(by_day):
        rows = np.array(by_day[day])
        cols = np.array([j for d in range(day, day + days + 1) for j in by_day.get(d, ())])
        sims = (matrix[rows] @ matrix[cols].T).tocoo()
        keep = sims.data >= threshold
        for r, c in zip(sims.row[keep], sims.col[keep], strict=True):
            i, j = int(rows[r]), int(cols[c])
            if (i < j or ordinals[j] > ordinals[i]) and sources[i] != sources[j]:
                links.append((i, j))
    pairs = np.array(links, dtype=np.int64).reshape(-1, 2)
    labels = components(len(dated), pairs[:, 0], pairs[:, 1])
    groups: dict[int, list[int]] = defaultdict(list)
    for i, label in enumerate(labels.tolist()):
        groups[label].append(i)
    for members in groups.values():
        if len(members) < 2 or len({sources[i] for i in members}) < 2:
            continue
        if len(members) > max_articles:  # a chain of loosely linked articles, not one event
            continue
        chosen = _dedupe(sorted((dated[i] for i in members), key=lambda a: (a.date or "", a.id)))
        if len({a.source for a in chosen}) < 2:
            continue
        report.clusters.append(Cluster(f"ant-event:{chosen[0].id}", chosen, ()))
    report.clusters.sort(key=lambda c: c.id)
    return report


def ant_events(path: str | Path, errors: list[BadInput] | None = None, **kwargs: float) -> EventReport:
    """Event clusters of the ANT ``articles.jsonl.gz`` at ``path``."""
    articles: Iterable[Article] = (a for a, _ in read_ant_articles(path, errors))
    return build_events(list(articles), **kwargs)  # type: ignore[arg-type]
