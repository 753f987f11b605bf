"""Ingest a stream of articles into a store: the articles, their sketches, the duplicate links they
make with everything already stored, and the boilerplate counts, one batch per transaction.

Composition only: the decisions come from :mod:`akhbar.stories.dedup` and
:mod:`akhbar.stories.boilerplate`, the SQL from :class:`~akhbar.store.Store`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from itertools import islice

from akhbar.config import Config, DedupConfig
from akhbar.records import Article, BadInput
from akhbar.store.store import AddResult, Provenance, Store, StoreError
from akhbar.stories.boilerplate import LineCounts, count_lines
from akhbar.stories.dedup import SEED, DuplicateIndex
from akhbar.stories.records import DuplicateLink

BATCH_SIZE = 500  # articles per transaction: a kill loses at most one batch's work, never half of one


@dataclass(frozen=True, slots=True)
class IngestSummary:
    read: int = 0
    new: int = 0
    unchanged: int = 0
    revised: tuple[str, ...] = ()  # stored ids whose text was replaced (a new revision)
    exact: int = 0  # duplicate links made or moved by this ingest (links already stored as they are: not counted)
    near: int = 0
    errors: tuple[BadInput, ...] = field(default=())
    new_ids: tuple[str, ...] = ()


def check_sketch_settings(store: Store, config: DedupConfig) -> None:
    """Sketches made with other shingle or permutation settings cannot be compared: refuse them."""
    wanted = f"shingle_size={config.shingle_size} num_perm={config.num_perm} seed={SEED}"
    with store.transaction():
        stored = store.setting("sketches")
        if stored is None:
            store.put_setting("sketches", wanted)
    if stored is not None and stored != wanted:
        raise StoreError(f"{store.path}: its sketches were made with {stored}, the [dedup] settings ask for "
                         f"{wanted}; use the same settings or a new --db file")


def restore_index(store: Store, config: DedupConfig) -> DuplicateIndex:
    """The duplicate index of everything stored (its links equal the stored ones)."""
    check_sketch_settings(store, config)
    return DuplicateIndex.from_config(config).partial_fit(store.sketches())


class Deduplicator:
    """The duplicate index kept level with the store: inside each write transaction it first takes the
    sketches other writers added since it last looked, so two ingests at once link across each other
    and count copies as copies. A watcher keeps one across its polls: each poll then reads only the
    sketches added since the last (the first reads them all)."""

    def __init__(self, config: DedupConfig) -> None:
        self.index = DuplicateIndex.from_config(config)
        self.seen = 0

    def level(self, store: Store) -> list[DuplicateLink]:
        last = store.last_seq()
        if last > self.seen:
            self.index.partial_fit(store.sketches(after=self.seen))
            self.seen = last
            return list(self.index.changed_)
        return []


def ingest_into(
    store: Store,
    items: Iterable[Article | BadInput],
    *,
    config: Config,
    batch_size: int = BATCH_SIZE,
    on_error: Callable[[BadInput], None] | None = None,
    on_batch: Callable[[int], None] | None = None,
    provenance: Mapping[str, Provenance] | None = None,
    dedup: Deduplicator | None = None,
) -> IngestSummary:
    """Add ``items`` to ``store``; bad items are passed to ``on_error`` and skipped. An article stored
    with another text is revised in place (see :meth:`Store.upsert_articles`)."""
    check_sketch_settings(store, config.dedup)
    catchup = dedup if dedup is not None else Deduplicator(config.dedup)
    read = new = unchanged = exact = near = 0
    revised: list[str] = []
    new_ids: list[str] = []
    errors: list[BadInput] = []
    for batch in _batches(items, batch_size, errors, on_error):
        with store.transaction():
            earlier = catchup.level(store)  # links among what others stored: normally stored already
            result = store.upsert_articles(batch, provenance=provenance)
            fresh = set(result.new)
            added = [article for article in batch if article.id in fresh]
            index = catchup.index
            sketches = [index.sketch(article) for article in added]
            store.put_sketches(sketches)
            index.partial_fit(sketches)
            catchup.seen = store.last_seq()
            links = store.put_duplicates(earlier + index.changed_)
            counts = _revise_counts(store, batch, result, count_lines(added, skip=index.copies_), index)
            store.add_line_counts(counts)
        read += len(batch)
        new += len(result.new)
        new_ids += result.new
        unchanged += len(result.unchanged)
        revised += result.revised
        exact += sum(1 for link in links if link.kind == "exact")
        near += sum(1 for link in links if link.kind == "near")
        if on_batch:
            on_batch(len(batch))
    return IngestSummary(read, new, unchanged, tuple(revised), exact, near, tuple(errors), tuple(new_ids))


def _revise_counts(store: Store, batch: list[Article], result: AddResult, counts: LineCounts,
                   index: DuplicateIndex) -> LineCounts:
    """A revised article's sentences are counted again (the old text's counts out, the new text's in)
    and its sketch is redone; its duplicate links stay as they were made."""
    if not result.previous:
        return counts
    incoming = {stored: given for given, stored in result.aliases}
    by_id = {article.id: article for article in batch}
    texts = [replace(by_id[incoming.get(old.id, old.id)], id=old.id) for old in result.previous]
    counted = [i for i, old in enumerate(result.previous) if old.id not in index.copies_]
    removed = count_lines([result.previous[i] for i in counted])
    negative = LineCounts({key: -n for key, n in removed.lines.items()}, {o: -n for o, n in removed.articles.items()})
    store.put_sketches([index.sketch(text) for text in texts])
    return counts.merged(count_lines([texts[i] for i in counted])).merged(negative)


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
