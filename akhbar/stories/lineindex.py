"""The storyline index: term -> the storylines filed under it, bounded per term.

Split from :mod:`akhbar.stories.linefold` (the fold that reads and files through it), so that a store
can rebuild it from a partial read (:meth:`LinePostings.load_read`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator


class LinePostings:
    """Term -> the storylines filed under it (with the fold clock they were filed at), oldest first.

    Filing a storyline again moves it to the newest end. A lookup reads the ``cap`` (``posting_cap``)
    newest storylines of a term, read through merges, so it costs the same whatever the history. A
    term keeps ``KEEP`` times that many entries and drops the oldest beyond: entries of storylines merged
    since they were filed read as the storyline they joined, and fill no more than one place of a
    lookup. The store keeps the same newest entries of each term (:mod:`akhbar.store.storylines`).

    A store reads back only the entries of storylines a fold can take (:meth:`load_read`): each one
    says how many entries of the others (``hidden``: storylines closed for every story folded) are newer
    than it, and how many distinct storylines they stand for. Those never change within a fold (a
    closed storyline takes no story and joins none), so a lookup reads as deep as over the whole list
    and the list drops its oldest entry when the whole list would.
    """

    KEEP = 2

    def __init__(self) -> None:
        self.terms: dict[str, dict[str, int]] = {}
        # term -> storyline -> (hidden entries newer than its entry, distinct storylines they stand for)
        self.hidden: dict[str, dict[str, tuple[int, int]]] = {}

    def file(self, term: str, line: str, clock: int, cap: int) -> None:
        posting = self.terms.setdefault(term, {})
        posting.pop(line, None)
        posting[line] = clock
        hidden = self.hidden.get(term)
        if hidden:
            hidden.pop(line, None)  # now the newest entry: nothing hidden is newer
        while len(posting) + self._hidden_newer(term, posting) > cap * self.KEEP:
            oldest = next(iter(posting))
            del posting[oldest]
            if hidden:
                hidden.pop(oldest, None)

    def _hidden_newer(self, term: str, posting: dict[str, int]) -> int:
        """The hidden entries newer than the oldest entry kept: with the kept ones, the whole list's length
        down to that entry (hidden entries older than it are as if dropped already: no lookup reaches them)."""
        hidden = self.hidden.get(term)
        if not hidden or not posting:
            return 0
        return hidden.get(next(iter(posting)), (0, 0))[0]

    def load_read(self, term: str, entries: Iterable[tuple[str, int, int, int]]) -> None:
        """Entries (storyline, clock, hidden entries newer, distinct storylines they stand for) of ``term``,
        read back from a store's newest ``KEEP * cap`` entries without the hidden ones, in any order."""
        posting = self.terms.setdefault(term, {})
        hidden = self.hidden.setdefault(term, {})
        for line, clock, newer, distinct in sorted(entries, key=lambda entry: (entry[1], entry[0])):
            posting[line] = clock
            if newer or distinct:
                hidden[line] = (newer, distinct)

    def newest(self, term: str, resolve: Callable[[str], str], cap: int) -> list[str]:
        """The ``cap`` storylines last filed under ``term`` (merged ones read as their target), newest first,
        without the hidden ones (that still fill their places)."""
        posting = self.terms.get(term)
        hidden = self.hidden.get(term) or {}
        found: dict[str, None] = {}
        for line in reversed(posting or {}):
            if len(found) + hidden.get(line, (0, 0))[1] >= cap:
                break
            found[resolve(line)] = None
        return list(found)

    def entries(self) -> Iterator[tuple[str, str, int]]:
        """(term, storyline, clock) of every entry kept."""
        for term, posting in self.terms.items():
            for line, clock in posting.items():
                yield term, line, clock
