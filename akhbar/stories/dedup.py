"""Near-duplicates: exact copies and near copies (wire copy, republished articles).

- exact: the same match-normalized tokens (:func:`akhbar.stories.shingles.exact_key`), so copies
  that differ only in hamza, diacritics, punctuation or spacing are one text;
- near: MinHash LSH over the article's word shingles gives candidates (datasketch's signatures, and
  its bands for the threshold, filed under :func:`band_keys`), and each candidate becomes a link only
  when the real Jaccard similarity of the two shingle sets reaches ``near_duplicate``. LSH finds the
  candidates without comparing every pair of articles.

Articles linked directly or through others form a duplicate set; every other member links to its
``original``, the earliest member by (date, then id). The index is incremental (``partial_fit``) so
a day's feed joins an archive without recomputing it; the sketches it keeps are plain records that
the store persists. Pure: no I/O.

The decision for one article (:func:`match_sketch`: same text, band keys, verification) and the link
it makes (:func:`duplicate_link`) are one pair of functions for both indexes: :class:`DuplicateIndex`
holds everything in memory (the batch path), :mod:`akhbar.store.dedup_index` reads the same
candidates from the store (the watcher), so the two cannot drift.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol, Self

import numpy as np

from akhbar.stories.records import DuplicateLink
from akhbar.stories.shingles import key_of_tokens
from akhbar.text.tokens import match_tokens

if TYPE_CHECKING:
    from akhbar.config import DedupConfig
    from akhbar.records import Article

SEED = 1  # MinHash permutations: fixed, so sketches made in different runs compare
_UNDATED = "9999-99-99"  # an article without a date sorts after every dated one


@dataclass(frozen=True, slots=True)
class Sketch:
    """What the index needs of one article; bytes so that the store keeps it as it is."""

    article: str
    date: str | None
    exact_key: str
    signature: bytes  # MinHash hash values (uint64, little-endian), num_perm of them
    shingles: bytes  # sorted distinct 64-bit hashes of the article's word shingles

    def shingle_hashes(self) -> np.ndarray:
        return np.frombuffer(self.shingles, dtype="<u8")


def _fmix64(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finalizer, vectorized: mixes every bit into every other."""
    values = values ^ (values >> np.uint64(33))
    values = values * np.uint64(0xFF51AFD7ED558CCD)
    values = values ^ (values >> np.uint64(33))
    values = values * np.uint64(0xC4CEB9FE1A85EC53)
    return values ^ (values >> np.uint64(33))


_TOKEN_HASHES: dict[str, int] = {}  # a cache: the same words recur across a feed
_MAX_CACHED_TOKENS = 1 << 19  # about 60 MB at most


def _token_hashes(tokens: Sequence[str]) -> np.ndarray:
    """64-bit hashes of the tokens (blake2b: the same in every process, unlike ``hash``)."""
    cache = _TOKEN_HASHES
    values = [cache.get(token) for token in tokens]  # a plain lookup per token: most are known
    if None in values:
        if len(cache) >= _MAX_CACHED_TOKENS:
            cache.clear()
        for i, token in enumerate(tokens):
            if values[i] is None:
                digest = hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest()
                values[i] = cache[token] = int.from_bytes(digest, "little")
    return np.array(values, dtype=np.uint64)


def shingle_hashes(tokens: Sequence[str], size: int) -> np.ndarray:
    """Sorted distinct 64-bit hashes of the ``size``-word shingles of ``tokens``.

    The same set as :func:`akhbar.stories.shingles.word_shingles` (one hash per shingle string, up
    to 64-bit collisions), computed from per-token hashes with numpy instead of joining strings.
    """
    if not tokens:
        return np.zeros(0, dtype=np.uint64)
    hashed = _token_hashes(tokens)
    width = min(size, len(hashed))  # a text shorter than ``size`` words is one shingle
    windows = len(hashed) - width + 1
    combined = np.zeros(windows, dtype=np.uint64)
    for offset in range(width):
        combined = _fmix64(combined ^ hashed[offset : offset + windows])
    return np.unique(combined)


@lru_cache(maxsize=8)
def _permutations(num_perm: int, seed: int) -> Any:
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, seed=seed, scheme="affine64").permutations


def minhash_signature(hashes: np.ndarray, num_perm: int, seed: int = SEED) -> np.ndarray:
    """datasketch's ``affine64`` MinHash of a set of 64-bit hashes, in one numpy expression.

    ``MinHash.update_batch`` calls a Python hash function once per shingle; the shingles here are
    hashed already, so the same arithmetic (finalizer, affine permutations, minimum) runs
    vectorized. A test checks that the values equal ``update_batch``'s.
    """
    a, b = _permutations(num_perm, seed)
    if len(hashes) == 0:
        return np.full(num_perm, np.iinfo(np.uint64).max, dtype=np.uint64)
    mixed = _fmix64(hashes.astype(np.uint64))[:, None]
    return (mixed * a + b).min(axis=0)


def sketch_article(article: Article, *, shingle_size: int = 3, num_perm: int = 128, seed: int = SEED) -> Sketch:
    """The exact key, shingle hashes and MinHash signature of one article's body."""
    tokens = match_tokens(article.body)
    hashes = shingle_hashes(tokens, shingle_size)
    signature = minhash_signature(hashes, num_perm, seed).astype("<u8").tobytes()
    return Sketch(article.id, article.date, key_of_tokens(tokens), signature, hashes.astype("<u8").tobytes())


def jaccard_of_hashes(a: np.ndarray, b: np.ndarray) -> float:
    """Jaccard similarity of two sorted sets of distinct hashes."""
    if len(a) == 0 and len(b) == 0:
        return 1.0
    shared = len(np.intersect1d(a, b, assume_unique=True))
    return shared / (len(a) + len(b) - shared)


@lru_cache(maxsize=8)
def lsh_shape(*, num_perm: int, threshold: float) -> tuple[int, int]:
    """(bands, rows per band) that datasketch's MinHashLSH picks for ``threshold`` and ``num_perm``."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


def band_keys(signature: bytes | np.ndarray, *, bands: int, rows: int) -> list[int]:
    """One signed 64-bit key per LSH band: the band's index and its MinHash values hashed together.

    Two signatures share a key exactly when one of their bands is equal (up to 64-bit collisions, which
    the Jaccard verification would catch), as in datasketch's ``MinHashLSH``; signed, so SQLite keeps
    it as an INTEGER.
    """
    values = (np.frombuffer(signature, dtype="<u8") if isinstance(signature, bytes) else
              np.asarray(signature).astype("<u8"))
    return [
        int.from_bytes(hashlib.blake2b(band.to_bytes(2, "little") + values[band * rows:(band + 1) * rows].tobytes(),
                                       digest_size=8).digest(), "little", signed=True)
        for band in range(bands)
    ]


def order_key(date: str | None, article: str) -> tuple[str, str]:
    """How "earliest" sorts a duplicate set: by date (undated last), then id."""
    return (date or _UNDATED, article)


class Candidates(Protocol):
    """Where an index looks up what a new article may copy: the indexed articles only."""

    def same_text(self, exact_key: str) -> str | None:
        """The article indexed first with this exact key, if any."""

    def in_bands(self, keys: Sequence[int]) -> Iterable[str]:
        """The articles filed under any of these band keys."""

    def shingles(self, articles: Collection[str]) -> Mapping[str, np.ndarray]:
        """The shingle hashes of these articles."""


@dataclass(frozen=True, slots=True)
class Match:
    """What indexing one article decided."""

    copies: tuple[str, ...]  # the indexed articles it copies: the one with its exact text, or verified near copies
    exact: bool  # an exact copy: its text is filed already, under the article in ``copies``
    bands: tuple[int, ...]  # the band keys to file it under (none for an exact copy or a text without shingles)


def match_sketch(sketch: Sketch, candidates: Candidates, *, bands: int, rows: int,
                 near_duplicate: float) -> Match:
    """The one decision of both indexes: the same exact key, else the LSH candidates whose real shingle
    Jaccard reaches ``near_duplicate``."""
    same = candidates.same_text(sketch.exact_key)
    if same is not None:
        return Match((same,), True, ())
    hashes = sketch.shingle_hashes()
    if len(hashes) == 0:
        return Match((), False, ())
    keys = band_keys(sketch.signature, bands=bands, rows=rows)
    found = sorted(set(candidates.in_bands(keys)) - {sketch.article})
    held = candidates.shingles(found) if found else {}
    copies = tuple(c for c in found if jaccard_of_hashes(hashes, held[c]) >= near_duplicate)
    return Match(copies, False, tuple(keys))


def duplicate_link(article: str, original: str, *, same_text: bool, shingles: np.ndarray,
                   original_shingles: np.ndarray) -> DuplicateLink:
    """The link of a set's member to its original: exact for the same text, else near with their Jaccard."""
    if same_text:
        return DuplicateLink(article, original, "exact", 1.0)
    return DuplicateLink(article, original, "near", round(jaccard_of_hashes(shingles, original_shingles), 4))


class DuplicateIndex:
    """Incremental duplicate finder (scikit-learn style: settings in the constructor, learned
    state ending in ``_``, ``partial_fit`` returns ``self``).

    ``links_`` maps every article that copies another to its :class:`DuplicateLink`; ``changed_``
    lists the links that the last ``partial_fit`` made or changed (a new article can be older
    than the original of the set it joins, which then moves every member's link). ``copies_``
    holds the articles that copied an article indexed before them: unlike "not the original",
    this does not change when an older copy arrives later, so counts made from it (boilerplate)
    do not depend on how an ingest was split into batches.
    """

    def __init__(self, *, shingle_size: int = 3, num_perm: int = 128, lsh_threshold: float = 0.5,
                 near_duplicate: float = 0.7, seed: int = SEED) -> None:
        self.shingle_size = shingle_size
        self.num_perm = num_perm
        self.lsh_threshold = lsh_threshold
        self.near_duplicate = near_duplicate
        self.seed = seed

    @classmethod
    def from_config(cls, config: DedupConfig) -> DuplicateIndex:
        return cls(shingle_size=config.shingle_size, num_perm=config.num_perm,
                   lsh_threshold=config.lsh_threshold, near_duplicate=config.near_duplicate)

    def sketch(self, article: Article) -> Sketch:
        return sketch_article(article, shingle_size=self.shingle_size, num_perm=self.num_perm, seed=self.seed)

    def partial_fit(self, sketches: Iterable[Sketch]) -> Self:
        """Add articles (as sketches) and link them to the copies already held or given in this call."""
        self._start()
        touched: set[str] = set()
        for sketch in sketches:
            if sketch.article in self.order_:
                continue  # already indexed: adding twice changes nothing
            touched |= self._add(sketch)
        self.changed_: list[DuplicateLink] = self._relink(touched)
        return self

    def fit(self, sketches: Iterable[Sketch]) -> Self:
        for name in ("bands_", "order_"):
            if hasattr(self, name):
                delattr(self, name)
        return self.partial_fit(sketches)

    def duplicate_ids(self) -> frozenset[str]:
        """Articles that copy another (not the originals)."""
        return frozenset(getattr(self, "links_", {}))

    def _start(self) -> None:
        if hasattr(self, "bands_"):
            return
        self.shape_ = lsh_shape(num_perm=self.num_perm, threshold=self.lsh_threshold)
        self.bands_: dict[int, list[str]] = {}  # band key -> the articles filed under it
        self.order_: dict[str, tuple[str, str]] = {}  # article -> (date, id): "earliest" sorts first
        self.keys_: dict[str, str] = {}  # article -> exact key
        self.first_of_key_: dict[str, str] = {}  # exact key -> the article indexed for it
        self.shingles_: dict[str, np.ndarray] = {}  # exact key -> shingle hashes
        self.parent_: dict[str, str] = {}  # union-find over articles that have copies
        self.members_: dict[str, list[str]] = {}  # set root -> members
        self.links_: dict[str, DuplicateLink] = {}
        self.changed_ = []
        self.copies_: set[str] = set()

    def _add(self, sketch: Sketch) -> set[str]:
        """Index one article; the roots of the duplicate sets it joined."""
        if len(sketch.signature) != 8 * self.num_perm:
            raise ValueError(f"a sketch of {len(sketch.signature) // 8} permutations given to an index of "
                             f"{self.num_perm}")
        bands, rows = self.shape_
        match = match_sketch(sketch, self, bands=bands, rows=rows, near_duplicate=self.near_duplicate)
        self.order_[sketch.article] = order_key(sketch.date, sketch.article)
        self.keys_[sketch.article] = sketch.exact_key
        if not match.exact:
            self.first_of_key_[sketch.exact_key] = sketch.article
            self.shingles_[sketch.exact_key] = sketch.shingle_hashes()
        for key in match.bands:
            self.bands_.setdefault(key, []).append(sketch.article)
        if not match.copies:
            return set()
        self.copies_.add(sketch.article)
        roots = {self._union(sketch.article, copy) for copy in match.copies}
        return {self._find(root) for root in roots}

    # Candidates, over what this index holds
    def same_text(self, exact_key: str) -> str | None:
        return self.first_of_key_.get(exact_key)

    def in_bands(self, keys: Sequence[int]) -> Iterable[str]:
        for key in keys:
            yield from self.bands_.get(key, ())

    def shingles(self, articles: Collection[str]) -> Mapping[str, np.ndarray]:
        return {article: self.shingles_[self.keys_[article]] for article in articles}

    def _find(self, article: str) -> str:
        root = article
        while self.parent_.get(root, root) != root:
            root = self.parent_[root]
        while article != root:  # path compression
            self.parent_[article], article = root, self.parent_[article]
        return root

    def _union(self, a: str, b: str) -> str:
        root_a, root_b = self._find(a), self._find(b)
        if root_a == root_b:
            return root_a
        members_a = self.members_.pop(root_a, [root_a])
        members_b = self.members_.pop(root_b, [root_b])
        if len(members_a) < len(members_b):  # the smaller set joins the larger: linear in total
            root_a, root_b, members_a, members_b = root_b, root_a, members_b, members_a
        self.parent_[root_a] = root_a
        self.parent_[root_b] = root_a
        members_a.extend(members_b)
        self.members_[root_a] = members_a
        return root_a

    def _relink(self, roots: set[str]) -> list[DuplicateLink]:
        changed = []
        for root in sorted({self._find(r) for r in roots}):
            members = self.members_[root]
            original = min(members, key=self.order_.__getitem__)
            for member in members:
                if member == original:
                    continue
                link = self._link(member, original)
                if self.links_.get(member) != link:
                    self.links_[member] = link
                    changed.append(link)
        return changed

    def _link(self, article: str, original: str) -> DuplicateLink:
        key, original_key = self.keys_[article], self.keys_[original]
        return duplicate_link(article, original, same_text=key == original_key, shingles=self.shingles_[key],
                              original_shingles=self.shingles_[original_key])


def find_duplicates(articles: Iterable[Article], *, config: DedupConfig,
                    sketches: Iterable[Sketch] | None = None) -> list[DuplicateLink]:
    """Every duplicate link among ``articles``, ordered by article id (one call: CLI, Spark).

    ``sketches``: the articles' :func:`sketch_article`, if already made (in a pool).
    """
    index = DuplicateIndex.from_config(config)
    index.partial_fit(sketches if sketches is not None else (index.sketch(article) for article in articles))
    return sorted(index.links_.values(), key=lambda link: link.article)
