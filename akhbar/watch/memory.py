"""A long-running watcher's memory, kept bounded.

The text stages memoize per sentence and per word (normalized text, tokens, stems, tagger features,
time expressions...), with caps sized for one batch run: over a million entries in all, about 1 KiB
each. A batch run ends; a watcher builds reports poll after poll, so those caches only fill, and its
resident memory climbs past a gigabyte before they stop growing. Emptying them between two polls
costs the next report its warm-up only (within one report they still work), and keeps the watcher's
memory at what one poll needs.

Emptying them is all it takes: their entries (strings, tuples, frozen records) hold no reference cycles,
so each is freed as its cache lets go of it. No full ``gc.collect()`` after it: that walks every object
the process holds (the duplicate index, the fold's tables), a cost that grows with the store's history
(with it, a trim took 0.3 s at day 107 of the ANT replay and 1.4 s at day 286: benchmarks/bench_watch.py
--profile).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

TRIM_ABOVE = 50_000  # cached entries (all akhbar caches together) past which a watcher empties them


def _sized_caches() -> Iterator[Any]:
    """Every ``functools.lru_cache`` with a cap defined in an akhbar module (loaded tables, cached without
    a cap, are kept: they are read once and do not grow)."""
    for name, module in list(sys.modules.items()):
        if name != "akhbar" and not name.startswith("akhbar."):
            continue
        for value in list(vars(module).values()):
            info = getattr(value, "cache_info", None)
            if callable(info) and getattr(value, "__module__", None) == name and info().maxsize:
                yield value


def cached_entries() -> int:
    return sum(cache.cache_info().currsize for cache in _sized_caches())


def trim_caches(above: int = TRIM_ABOVE) -> int:
    """Empty the akhbar caches when they hold more than ``above`` entries; returns how many were dropped."""
    caches = list(_sized_caches())
    held = sum(cache.cache_info().currsize for cache in caches)
    if held <= above:
        return 0
    for cache in caches:
        cache.cache_clear()
    return held
