"""Ingest a stream of articles into a store: the articles, their sketches, the duplicate links they
make with everything already stored, and the boilerplate counts, one batch per transaction.

Composition only: the decisions come from :mod:`akhbar.stories.dedup` and
:mod:`akhbar.stories.boilerplate`, the SQL from :class:`~akhbar.store.Store` and
:mod:`akhbar.store.dedup_index` (the duplicate index lives in the store: nothing of every article is
held in memory, however long a watcher runs).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from itertools import islice

from akhbar.config import Config, DedupConfig
from akhbar.records import Article, BadInput
from akhbar.store.dedup_index import build_if_needed, copies_among, index_sketches
from akhbar.store.store import AddResult, Provenance, Store, StoreError
from akhbar.stories.boilerplate import LineCounts, count_lines
from akhbar.stories.dedup import SEED, Sketch, lsh_shape, sketch_article

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


class Deduplicator:
    """A watcher's handle on the store's duplicate index, kept from poll to poll. It holds only its
    settings (the index is in the store, read per new article); :meth:`level` files, once, the sketches
    of a store made before the index."""

    def __init__(self, config: DedupConfig) -> None:
        self.config = config
        self.built = False

    def level(self, store: Store) -> None:
        if not self.built:
            check_sketch_settings(store, self.config)
            build_if_needed(store, self.config)
            # datasketch's band shape takes about a second to find, once a process: at start, not in a poll
            lsh_shape(num_perm=self.config.num_perm, threshold=self.config.lsh_threshold)
            self.built = True

    def sketch(self, article: Article) -> Sketch:
        return sketch_article(article, shingle_size=self.config.shingle_size, num_perm=self.config.num_perm)


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
    dedup = dedup if dedup is not None else Deduplicator(config.dedup)
    dedup.level(store)
    read = new = unchanged = exact = near = 0
    revised: list[str] = []
    new_ids: list[str] = []
    errors: list[BadInput] = []
    for batch in _batches(items, batch_size, errors, on_error):
        with store.transaction():  # another writer's articles are filed already: its rows are read here
            result = store.upsert_articles(batch, provenance=provenance)
            fresh = set(result.new)
            added = [article for article in batch if article.id in fresh]
            sketches = [dedup.sketch(article) for article in added]
            store.put_sketches(sketches)
            indexed = index_sketches(store, sketches, config.dedup)
            links = indexed.changed
            counts = _revise_counts(store, batch, result, count_lines(added, skip=indexed.copies), dedup)
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
                   dedup: Deduplicator) -> LineCounts:
    """A revised article's sentences are counted again (the old text's counts out, the new text's in)
    and its sketch is redone; its duplicate links stay as they were made."""
    if not result.previous:
        return counts
    incoming = {stored: given for given, stored in result.aliases}
    by_id = {article.id: article for article in batch}
    texts = [replace(by_id[incoming.get(old.id, old.id)], id=old.id) for old in result.previous]
    copies = copies_among(store, [old.id for old in result.previous])
    counted = [i for i, old in enumerate(result.previous) if old.id not in copies]
    removed = count_lines([result.previous[i] for i in counted])
    negative = LineCounts({key: -n for key, n in removed.lines.items()}, {o: -n for o, n in removed.articles.items()})
    store.put_sketches([dedup.sketch(text) for text in texts])
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
