"""B-cubed precision, recall and F1 of a clustering against gold classes (Bagga and Baldwin, 1998).

For each item: precision is the share of its predicted cluster that shares its gold class, recall
the share of its gold class that shares its predicted cluster; both are averaged over the items.
Only items that have a gold class are scored, and clusters are restricted to those items: the
gold labels of an archive cover a few stories, and an unlabelled article in a cluster is neither
right nor wrong for them (:func:`foreign_share` reports how many there are).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class BCubed:
    precision: float
    recall: float
    items: int

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str], *, strict: bool = False) -> BCubed:
    """Scores of ``predicted`` (item -> cluster) against ``gold`` (item -> class), over gold items.

    A gold item missing from ``predicted`` counts as a cluster of its own. With ``strict``, every
    unlabelled item of a cluster counts against the precision of its labelled members, as if it
    told another story: a lower bound when the labels are correct but not complete.
    """
    items = sorted(gold)
    if not items:
        return BCubed(0.0, 0.0, 0)
    cluster = {item: predicted.get(item, f"\0alone:{item}") for item in items}
    pair_counts = Counter((cluster[i], gold[i]) for i in items)  # linear: no loop over pairs
    cluster_sizes = Counter(predicted.values() if strict else cluster.values())
    for item in items:
        cluster_sizes[cluster[item]] = max(cluster_sizes[cluster[item]], 1)  # a gold item alone
    class_sizes = Counter(gold[i] for i in items)
    precision = sum(pair_counts[(cluster[i], gold[i])] / cluster_sizes[cluster[i]] for i in items)
    recall = sum(pair_counts[(cluster[i], gold[i])] / class_sizes[gold[i]] for i in items)
    return BCubed(precision / len(items), recall / len(items), len(items))


def foreign_share(predicted: Mapping[str, str], gold: Mapping[str, str]) -> float:
    """Mean, over gold items, of the share of their predicted cluster that has no gold class."""
    items = [i for i in gold if i in predicted]
    if not items:
        return 0.0
    sizes = Counter(predicted.values())
    labelled = Counter(predicted[i] for i in items)
    return sum(1 - labelled[predicted[i]] / sizes[predicted[i]] for i in items) / len(items)
