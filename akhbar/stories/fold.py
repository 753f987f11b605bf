"""One fold's bookkeeping over the clustering state: what it opened, grew, merged and filed, and the
lookups it makes (candidates from the index, the best story for an article). Driven by
:func:`akhbar.stories.cluster.update`; the second chance (:mod:`akhbar.stories.second`) uses it too."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from akhbar.config import StoryConfig
from akhbar.stories.ids import unused_id
from akhbar.stories.records import DuplicateLink
from akhbar.stories.rules import Row, alive, score
from akhbar.stories.state import ClusterState, StoryChanges, StoryState


class Fold:
    """One fold's bookkeeping over the state: what it opened, grew, merged and filed."""

    def __init__(self, state: ClusterState, config: StoryConfig, links: Iterable[DuplicateLink],
                 taken: Callable[[str], bool] | None) -> None:
        self.state, self.config, self.taken = state, config, taken or (lambda _story: False)
        self.parent: dict[str, str] = {}
        for link in links:
            self._union(link.article, link.original)
        self.sets: dict[str, list[str]] = {}
        for member in sorted(self.parent):
            self.sets.setdefault(self._root(member), []).append(member)
        self.created: dict[str, None] = {}
        self.grown: dict[str, None] = {}
        # The same, for the day being folded: a lone story of an earlier day looks only among these.
        self.day_created: set[str] = set()
        self.day_grown: set[str] = set()
        self.day_filed: set[str] = set()
        self.day_queried: set[str] = set()
        self.merged: dict[str, str] = {}
        self.placed: dict[str, str] = {}
        self.postings: dict[tuple[str, str], int] = {}

    def _root(self, article: str) -> str:
        while self.parent.get(article, article) != article:
            article = self.parent[article]
        return article

    def _union(self, a: str, b: str) -> None:
        ra, rb = self._root(a), self._root(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
            self.parent.setdefault(min(ra, rb), min(ra, rb))

    def _set_story(self, article: str) -> str | None:
        """The story of the duplicate set ``article`` belongs to, if one of its members is placed."""
        if article not in self.parent:
            return None
        for member in self.sets[self._root(article)]:
            if member in self.state.placed:
                story = self.state.resolve(self.state.placed[member])
                if story in self.state.stories:
                    return story
        return None

    def place(self, row: Row) -> None:
        """Article ``row`` joins its duplicate set's story, else the best live story, else a new one."""
        state = self.state
        story = self._set_story(row.article)
        if story is None:
            story = self.best_story(row)
        if story is None:
            story = self.open(row.article)
        state.stories[story].add(row.article, row.terms, row.weights, row.day)
        self.file(story, row.indexed(self.config))
        state.placed[row.article] = story
        self.placed[row.article] = story
        self.grown[story] = None
        self.day_grown.add(story)

    def open(self, article: str) -> str:
        state = self.state
        story = unused_id(f"story-{article}", lambda n: n in state.stories or n in state.merged or self.taken(n))
        state.opened += 1
        state.stories[story] = StoryState(story, state.opened)
        self.created[story] = None
        self.day_created.add(story)
        return story

    def file(self, story: str, terms: Sequence[str]) -> None:
        state = self.state
        state.clock += 1
        state.index.update(story, terms, state.clock)
        for term in terms:
            self.postings[(term, story)] = state.clock
        self.day_filed.update(terms)

    def next_day(self) -> None:
        self.day_created, self.day_grown, self.day_filed, self.day_queried = set(), set(), set(), set()

    def query(self, ranked: Sequence[str], own: str | None) -> list[str]:
        state = self.state
        found = []
        for term in ranked:
            if state.index.has_other(term, own, state.resolve):
                found.append(term)
                if len(found) == self.config.query_terms:
                    break
        return found

    def candidates(self, terms: Sequence[str], live: Callable[[str], bool],
                   seen: dict[str, list[str]] | None = None) -> list[str]:
        state = self.state
        return state.index.candidates(terms, limit=self.config.candidates, live=live, resolve=state.resolve,
                                      rank=lambda story: state.stories[story].opened, seen=seen)

    def best_story(self, row: Row) -> str | None:
        return best_story(self, row)

    def merge(self, a: str, b: str) -> str:
        """Join two live stories: the one opened first keeps its id; the other's id points to it."""
        state = self.state
        keep, gone = sorted((state.stories[a], state.stories[b]), key=lambda s: s.opened)
        keep.absorb(gone)
        del state.stories[gone.id]
        state.merged[gone.id] = keep.id
        for old, into in list(self.merged.items()):  # flatten chains
            if into == gone.id:
                self.merged[old] = keep.id
        self.merged[gone.id] = keep.id
        self.grown[keep.id] = None
        self.day_grown.add(keep.id)
        return keep.id

    def changes(self, counts: dict[str, int], documents: int) -> StoryChanges:
        state = self.state
        live = state.stories
        merged = {old: into for old, into in self.merged.items() if old not in self.created}
        return StoryChanges(
            created=tuple(s for s in self.created if s in live),
            grown=tuple(s for s in self.grown if s in live),
            merged=tuple(merged.items()),
            placed=tuple((article, state.resolve(story)) for article, story in self.placed.items()),
            terms=dict(counts), documents=documents,
            postings=tuple((term, story, touched) for (term, story), touched in self.postings.items()),
        )


def best_story(fold: Fold, row: Row) -> str | None:
    """The live story that scores best for ``row`` among its candidates (see :func:`score`)."""
    state, config = fold.state, fold.config
    best, best_score = None, 0.0
    live = lambda s: s in state.stories and alive(state.stories[s], row.day, config)  # noqa: E731
    terms = fold.query(row.ranked, None)
    fold.day_queried.update(terms)
    for story in fold.candidates(terms, live):
        found = score(state.stories[story], row, row.day, config)
        if found is not None and found > best_score:
            best, best_score = story, found
    return best
