"""Story clustering: one pass in time order, each article joining the best open story or opening one.

An article is a TF-IDF vector of the light stems of its title (counted ``title_weight`` times) and
of its lead (the body's first ``lead_words`` words: what the event is; later paragraphs give
background that many stories share). IDF comes from the batch itself, so a name or a number that
few articles hold weighs most: these rare terms stand in for the capitalised names that Arabic
does not mark.

Stories are found through an inverted index over their rare terms (:class:`StoryIndex`): an
article reads at most ``posting_cap`` stories per term, most recently updated first, and scores in
full only its ``candidates`` best, so the pass never compares all pairs of articles or stories and
its cost grows linearly with the articles. Score: cosine to the story's centroid (the sum of its
members' vectors). Time: a story that received an article in the last ``window_days`` days takes
articles from ``join_threshold`` on; a quiet one can still be taken up, up to ``thread_days`` after
its newest article, from the stricter ``thread_threshold`` on (a siege or a trial reported every
few weeks stays one story); older stories take nothing more.

A duplicate (a :class:`~akhbar.stories.records.DuplicateLink`) always joins its original's story.
An article without a date takes the full date its lead writes, if any; undated articles come after
the dated ones, in input order, and may join a story of any time from ``undated_threshold`` on.
The result depends only on the input, never on hash seeds or timing.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

import numpy as np
from scipy import sparse

from akhbar.align import content_stems
from akhbar.config import StoryConfig
from akhbar.records import Article
from akhbar.stories.index import StoryIndex, StoryState
from akhbar.stories.records import DuplicateLink, Story
from akhbar.stories.signals import text_day
from akhbar.vectors import background_frequencies, tfidf, tfidf_within


def story_terms(article: Article, *, title_weight: int, lead_words: int) -> list[str]:
    """The terms that describe an article's event: title stems (repeated) and lead stems."""
    lead = " ".join(article.body.split()[:lead_words])
    return content_stems(article.title or "") * title_weight + content_stems(lead)


def article_vectors(articles: Sequence[Article], *, config: StoryConfig,
                    terms: Sequence[Sequence[str]] | None = None) -> sparse.csr_matrix:
    """One L2-normalized TF-IDF row per article (IDF fitted on ``articles``, plus an archive's document
    frequencies when ``background_df`` is on, so that a feed of a few articles weighs its words as an
    archive would). ``terms``: the articles' :func:`story_terms`, if already made (in a pool)."""
    docs = terms if terms is not None else [
        story_terms(a, title_weight=config.title_weight, lead_words=config.lead_words) for a in articles]
    return tfidf(docs, prior=background_frequencies() if config.background_df else None)


def day_of(article: Article) -> int | None:
    """The article's day number (proleptic ordinal): its date, else the full date its lead writes
    (:func:`akhbar.stories.signals.text_day`), else None."""
    if not article.date:
        return text_day(article)
    try:
        return date.fromisoformat(article.date[:10]).toordinal()
    except ValueError:
        return None


def time_order(days: Sequence[int | None]) -> list[int]:
    """Dated articles by (day, input position), then undated ones in input position."""
    dated = sorted((d, i) for i, d in enumerate(days) if d is not None)
    return [i for _, i in dated] + [i for i, d in enumerate(days) if d is None]


def duplicate_roots(ids: Sequence[str], duplicates: Iterable[DuplicateLink]) -> dict[int, int]:
    """Position of each linked article -> position of the earliest-listed member of its duplicate set."""
    position = {article_id: i for i, article_id in enumerate(ids)}
    parent: dict[int, int] = {}

    def root(i: int) -> int:
        while parent.get(i, i) != i:
            i = parent[i]
        return i

    for link in duplicates:
        a, b = position.get(link.article), position.get(link.original)
        if a is None or b is None:
            continue  # a link to an article outside this batch says nothing here
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
            parent.setdefault(min(ra, rb), min(ra, rb))
    return {i: root(i) for i in parent}


def cluster_stories(
    articles: Sequence[Article], *, duplicates: Iterable[DuplicateLink] = (), config: StoryConfig,
    terms: Sequence[Sequence[str]] | None = None, within: tuple[Mapping[str, int], int] | None = None,
) -> list[Story]:
    """The stories of ``articles``, in the order they started (see the module docstring).

    ``terms``: the articles' :func:`story_terms`, if already made (in a pool). ``within``: the
    document frequencies of the story terms over a larger batch that ``articles`` are a window of,
    and its size; the window then weighs and indexes terms as a run over the whole batch would.
    """
    if not articles:
        return []
    links = tuple(duplicates)
    if within is None:
        vectors = article_vectors(articles, config=config, terms=terms)
        df = np.bincount(vectors.indices, minlength=vectors.shape[1])
    else:
        docs = terms if terms is not None else [
            story_terms(a, title_weight=config.title_weight, lead_words=config.lead_words) for a in articles]
        vectors, df = tfidf_within(docs, frequencies=within[0], documents=within[1],
                                   prior=background_frequencies() if config.background_df else None)
    pass_ = _Pass(vectors, (df >= 2) & (df <= config.max_df), [day_of(a) for a in articles],
                  duplicate_roots([a.id for a in articles], links), config)
    order = time_order(pass_.days)
    for i in order:
        pass_.place(i)
    pass_.second_chance()
    return _stories([s for s in pass_.states if s.members], articles, vectors, links, order)


class _Pass:
    """The state of one clustering pass: the stories so far and the index that finds them."""

    def __init__(self, vectors: sparse.csr_matrix, rare: np.ndarray, days: list[int | None],
                 roots: dict[int, int], config: StoryConfig) -> None:
        self.vectors, self.rare, self.days, self.roots, self.config = vectors, rare, days, roots, config
        self.index = StoryIndex(posting_cap=config.posting_cap)
        self.states: list[StoryState] = []
        self.story_of_root: dict[int, int] = {}

    def place(self, i: int) -> None:
        """Article ``i`` joins its duplicate set's story, else the best live story, else a new one."""
        row = _row(self.vectors, i, self.rare, self.config)
        root = self.roots.get(i)
        sid = self.story_of_root.get(root) if root is not None else None
        if sid is None:
            sid = _best_story(row, self.days[i], self.index, self.states, self.config)
        if sid is None:
            sid = len(self.states)
            self.states.append(StoryState(sid))
        self.states[sid].add(i, row.terms, row.weights, self.days[i])
        self.index.update(sid, row.indexed)
        if root is not None:
            self.story_of_root[root] = sid

    def second_chance(self) -> None:
        _second_chance(self.states, self.vectors, self.rare, self.days, roots=self.roots, index=self.index,
                       config=self.config)


def _stories(states: list[StoryState], articles: Sequence[Article], vectors: sparse.csr_matrix,
             links: Sequence[DuplicateLink], order: list[int]) -> list[Story]:
    """Story records, members oldest first, stories in the order their first article came."""
    links_of: dict[str, list[DuplicateLink]] = {}
    for link in links:
        links_of.setdefault(link.article, []).append(link)
    rank = {i: position for position, i in enumerate(order)}
    for state in states:  # a lone article taken in by the second chance may be older than the rest
        state.members.sort(key=rank.__getitem__)
    states = sorted(states, key=lambda state: rank[state.members[0]])
    return [_story(state, articles, vectors, links_of) for state in states]


class _Row:
    """An article's sparse vector as Python lists, the terms it looks stories up by, and those it
    files its story under (more: a later article told in other words still finds the story)."""

    __slots__ = ("indexed", "query", "terms", "weights")

    def __init__(self, terms: list[int], weights: list[float], query: list[int], indexed: list[int]) -> None:
        self.terms, self.weights, self.query, self.indexed = terms, weights, query, indexed


def _row(vectors: sparse.csr_matrix, i: int, rare: np.ndarray, config: StoryConfig) -> _Row:
    start, end = vectors.indptr[i], vectors.indptr[i + 1]
    terms, weights = vectors.indices[start:end], vectors.data[start:end]
    keep = rare[terms]
    rare_terms, rare_weights = terms[keep], weights[keep]
    # Heaviest first, then the term number: a stable choice that never depends on hashing.
    order = np.lexsort((rare_terms, -rare_weights))
    ranked = rare_terms[order]
    return _Row(terms.tolist(), weights.tolist(), ranked[: config.query_terms].tolist(),
                ranked[: max(config.index_terms, config.query_terms)].tolist())


def _best_story(row: _Row, day: int | None, index: StoryIndex, states: list[StoryState],
                config: StoryConfig) -> int | None:
    best, best_score = None, 0.0
    for sid in index.candidates(row.query, limit=config.candidates,
                                live=lambda s: _alive(states[s], day, config)):
        state = states[sid]
        score = state.cosine(row.terms, row.weights)
        if score >= _threshold(state, day, config) and score > best_score:
            best, best_score = sid, score
    return best


def _alive(state: StoryState, day: int | None, config: StoryConfig) -> bool:
    """Whether a story can still take an article of ``day`` (an undated one: always)."""
    if day is None or state.last_day is None or not state.members:
        return bool(state.members)
    return day - state.last_day <= max(config.thread_days, config.window_days)


def _second_chance(states: list[StoryState], vectors: sparse.csr_matrix, rare: np.ndarray,
                   days: Sequence[int | None], *, roots: dict[int, int], index: StoryIndex,
                   config: StoryConfig) -> None:
    """A story left with one article looks once more for a story, among those grown after it.

    In one pass an article only sees the stories before it: the first report of an event that
    the next reports tell in other words, or an undated article that came before the dated
    ones of its story, would stay alone. One more lookup per lone article keeps the cost linear.
    """
    for state in states:
        if len(state.members) != 1 or state.members[0] in roots:
            continue
        i = state.members[0]
        row = _row(vectors, i, rare, config)
        best, best_score = None, 0.0
        for sid in index.candidates(row.query, limit=config.candidates, live=lambda s: bool(states[s].members)):
            other = states[sid]
            if sid == state.sid or not _within(other, days[i], config):
                continue
            score = other.cosine(row.terms, row.weights)
            if score >= _threshold(other, days[i], config) and score > best_score:
                best, best_score = sid, score
        if best is not None:
            states[best].absorb(state)
            index.update(best, row.indexed)


def _within(state: StoryState, day: int | None, config: StoryConfig) -> bool:
    if day is None or state.first_day is None or state.last_day is None:
        return True
    reach = max(config.thread_days, config.window_days)
    return state.first_day - reach <= day <= state.last_day + reach


def _threshold(state: StoryState, day: int | None, config: StoryConfig) -> float:
    """The similarity an article of ``day`` needs to join ``state``: its date cannot vouch for an
    undated article, so its text must (stricter); a quiet story asks more than an open one."""
    if day is None:
        return config.undated_threshold
    return config.thread_threshold if _quiet(state, day, config) else config.join_threshold


def _quiet(state: StoryState, day: int | None, config: StoryConfig) -> bool:
    """More than ``window_days`` between ``day`` and the story's nearest day."""
    if day is None or state.first_day is None or state.last_day is None:
        return False
    return day - state.last_day > config.window_days or state.first_day - day > config.window_days


def _story(state: StoryState, articles: Sequence[Article], vectors: sparse.csr_matrix,
           links_of: dict[str, list[DuplicateLink]]) -> Story:
    members = [articles[i] for i in state.members]
    dated = sorted(a.date[:10] for a in members if a.date)
    return Story(
        id=f"story-{members[0].id}",
        articles=tuple(a.id for a in members),
        outlets=tuple(sorted({a.source for a in members if a.source})),
        start=dated[0] if dated else None,
        end=dated[-1] if dated else None,
        title=_central_title(state, articles, vectors),
        duplicates=tuple(link for a in members for link in links_of.get(a.id, ())),
    )


def _central_title(state: StoryState, articles: Sequence[Article], vectors: sparse.csr_matrix) -> str:
    """The title (else the lead) of the member closest to the story's centroid."""
    scored: list[tuple[float, int, int]] = []
    for i in state.members:
        start, end = vectors.indptr[i], vectors.indptr[i + 1]
        score = state.cosine(vectors.indices[start:end].tolist(), vectors.data[start:end].tolist())
        scored.append((-score, len(scored), i))
    titled = [item for item in scored if articles[item[2]].title]
    best = heapq.nsmallest(1, titled or scored)[0][2]
    return articles[best].title or _lead(articles[best].body)


def _lead(body: str, words: int = 14) -> str:
    first_line = next((line for line in body.splitlines() if line.strip()), body)
    tokens = first_line.split()
    return " ".join(tokens[:words]) + (" …" if len(tokens) > words else "")
