"""File formats of the NER resources, kept free of numpy/scipy so the tagger loads fast."""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from pathlib import Path


def save_clusters(clusters: dict[str, tuple[int, ...]], path: Path) -> None:
    """Gzipped TSV ``word<TAB>id<TAB>id...``: small, diffable when unzipped, no pickle."""
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as handle:
        for word, ids in clusters.items():
            handle.write(word + "\t" + "\t".join(map(str, ids)) + "\n")


def parse_clusters(lines: Iterable[str]) -> dict[str, tuple[int, ...]]:
    result: dict[str, tuple[int, ...]] = {}
    for line in lines:
        fields = line.rstrip("\n").split("\t")
        if len(fields) >= 2:
            result[fields[0]] = tuple(int(x) for x in fields[1:])
    return result


def load_clusters(path: Path) -> dict[str, tuple[int, ...]]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return parse_clusters(handle)
