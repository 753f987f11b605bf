"""Ingest a stream of articles into a store: the articles, their sketches, the duplicate links they
make with everything already stored, and the boilerplate counts, one batch per transaction.

Composition only: the decisions come from :mod:`akhbar.stories.dedup` and
:mod:`akhbar.stories.boilerplate`, the SQL from :class:`~akhbar.store.Store`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from akhbar.config import Config, DedupConfig
from akhbar.records import Article, BadInput
from akhbar.store.store import Store, StoreError
from akhbar.stories.boilerplate import count_lines
from akhbar.stories.dedup import SEED, DuplicateIndex

BATCH_SIZE = 500  # articles per transaction: a kill loses at most one batch's work, never half of one


@dataclass(frozen=True, slots=True)
class IngestSummary:
    read: int = 0
    new: int = 0
    unchanged: int = 0
    conflicts: tuple[str, ...] = ()
    exact: int = 0  # duplicate links made or moved by this ingest
    near: int = 0
    errors: tuple[BadInput, ...] = field(default=())


def check_sketch_settings(store: Store, config: DedupConfig) -> None:
    """Sketches made with other shingle or permutation settings cannot be compared: refuse them."""
    wanted = f"shingle_size={config.shingle_size} num_perm={config.num_perm} seed={SEED}"
    stored = store.setting("sketches")
    if stored is None:
        store.put_setting("sketches", wanted)
    elif stored != wanted:
        raise StoreError(f"{store.path}: its sketches were made with {stored}, the [dedup] settings ask for "
                         f"{wanted}; use the same settings or a new --db file")


def restore_index(store: Store, config: DedupConfig) -> DuplicateIndex:
    """The duplicate index of everything stored (its links equal the stored ones)."""
    check_sketch_settings(store, config)
    return DuplicateIndex.from_config(config).partial_fit(store.sketches())


def ingest_into(
    store: Store,
    items: Iterable[Article | BadInput],
    *,
    config: Config,
    batch_size: int = BATCH_SIZE,
    on_error: Callable[[BadInput], None] | None = None,
    on_batch: Callable[[int], None] | None = None,
) -> IngestSummary:
    """Add ``items`` to ``store``; bad items are passed to ``on_error`` and skipped."""
    index = restore_index(store, config.dedup)
    restored = list(index.changed_)  # non-empty only if links were computed with other thresholds
    read = new = unchanged = exact = near = 0
    conflicts: list[str] = []
    errors: list[BadInput] = []
    for batch in _batches(items, batch_size, errors, on_error):
        with store.transaction():
            result = store.add_articles(batch)
            fresh = set(result.new)
            added = [article for article in batch if article.id in fresh]
            sketches = [index.sketch(article) for article in added]
            store.put_sketches(sketches)
            index.partial_fit(sketches)
            links = restored + index.changed_
            restored = []
            store.put_duplicates(links)
            store.add_line_counts(count_lines(added, skip=index.copies_))
        read += len(batch)
        new += len(result.new)
        unchanged += len(result.unchanged)
        conflicts += result.conflicts
        exact += sum(1 for link in links if link.kind == "exact")
        near += sum(1 for link in links if link.kind == "near")
        if on_batch:
            on_batch(len(batch))
    return IngestSummary(read, new, unchanged, tuple(conflicts), exact, near, tuple(errors))


def _batches(items: Iterable[Article | BadInput], size: int, errors: list[BadInput],
             on_error: Callable[[BadInput], None] | None) -> Iterator[list[Article]]:
    def articles() -> Iterator[Article]:
        for item in items:
            if isinstance(item, BadInput):
                errors.append(item)
                if on_error:
                    on_error(item)
            else:
                yield item

    stream = articles()
    while batch := list(islice(stream, size)):
        yield batch
