"""The inverted index of the clustering state: term -> the stories filed under it, most recently touched last.

A plain object held by :class:`akhbar.stories.state.ClusterState`; nothing here reads or writes files.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence


class StoryIndex:
    """Term -> stories that hold it (with the clock value they were last filed at), oldest touch first.

    A lookup reads at most ``posting_cap`` stories per term, newest first: a term shared by many
    stories (a country, a recurring topic) then costs no more than a rare one, which keeps every
    lookup bounded and the whole fold linear in the articles. A term keeps no more entries than a
    lookup reads (older ones are dropped, as the store drops them), so a long history costs no memory
    either. A merged story's entries stay and are read as the story it joined (``resolve``), as the
    store keeps them.
    """

    def __init__(self, *, posting_cap: int) -> None:
        self.posting_cap = posting_cap
        self.postings_: dict[str, dict[str, int]] = {}

    def load(self, term: str, entries: Iterable[tuple[str, int]]) -> None:
        """Entries (story, touched) of ``term`` read back from a store, in any order."""
        posting = self.postings_.setdefault(term, {})
        for story, touched in sorted(entries, key=lambda entry: entry[1]):
            if posting.get(story, -1) < touched:
                posting.pop(story, None)
                posting[story] = touched
        self._trim(posting)

    def update(self, story: str, terms: Sequence[str], clock: int) -> None:
        """File ``story`` under ``terms`` as their most recent story."""
        for term in terms:
            posting = self.postings_.setdefault(term, {})
            posting.pop(story, None)
            posting[story] = clock
            self._trim(posting)

    def _trim(self, posting: dict[str, int]) -> None:
        while len(posting) > self.posting_cap:
            del posting[next(iter(posting))]

    def newest(self, term: str) -> list[str]:
        """The stories read for ``term``: at most ``posting_cap``, newest first."""
        posting = self.postings_.get(term)
        return list(itertools.islice(reversed(posting), self.posting_cap)) if posting else []

    def has_other(self, term: str, story: str | None, resolve: Callable[[str], str]) -> bool:
        """Whether ``term`` files a story other than ``story`` (a lookup by it can find something)."""
        posting = self.postings_.get(term)
        if not posting:
            return False
        return any(resolve(s) != story for s in itertools.islice(reversed(posting), self.posting_cap))

    def candidates(self, terms: Sequence[str], *, limit: int, live: Callable[[str], bool],
                   resolve: Callable[[str], str], rank: Callable[[str], int],
                   seen: dict[str, list[str]] | None = None) -> list[str]:
        """The ``limit`` live stories sharing most of ``terms`` (ties: the later opened story first).

        ``seen`` keeps each term's resolved stories across calls while neither the index nor the merges
        change (the caller empties it when they do): many lookups of one day share their terms."""
        shared: dict[str, int] = {}
        for term in terms:
            found = seen.get(term) if seen is not None else None
            if found is None:
                found = list(dict.fromkeys(resolve(s) for s in self.newest(term)))
                if seen is not None:
                    seen[term] = found
            for story in found:
                if live(story):
                    shared[story] = shared.get(story, 0) + 1
        ranked = sorted(shared.items(), key=lambda item: (-item[1], -rank(item[0])))
        return [story for story, _ in ranked[:limit]]
