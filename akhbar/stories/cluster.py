"""Story clustering: a fold over time-ordered articles, each joining the best open story or opening one.

``update(state, articles, links, config) -> (state', changes)`` is the one clustering pass: a batch is
a fold from an empty state (:func:`cluster_stories`), the store folds each new batch into the state it
saved, Spark folds each window.

An article is a TF-IDF vector of the light stems of its title (counted ``title_weight`` times) and
of its lead (the body's first ``lead_words`` words: what the event is; later paragraphs give
background that many stories share). IDF is stable (:mod:`akhbar.stories.state`): the shipped
archive frequencies plus the running counts of the articles folded so far, this batch included, so
a name or a number that few articles hold weighs most: rare terms stand in for the capitalised
names that Arabic does not mark.

Stories are found through an inverted index over their terms (:class:`~akhbar.stories.index.StoryIndex`):
an article looks stories up by its ``query_terms`` heaviest terms that file another story, reads at most
``posting_cap`` stories per term, most recently updated first, and scores in full only its
``candidates`` best, so the pass never compares all pairs of articles or stories and its cost grows
linearly with the articles. Terms held by more than ``max_df`` articles file no story. Score
(:func:`score`): cosine to the story's centroid (the sum of its members' vectors). Time: a story that
received an article in the last ``window_days`` days takes articles from ``join_threshold`` on; a quiet
one can still be taken up, up to ``thread_days`` after its newest article, from the stricter
``thread_threshold`` on (a siege or a trial reported every few weeks stays one story); older stories
take nothing more. A late article is placed by its publication day, as the batch would place it.

A duplicate (a :class:`~akhbar.stories.records.DuplicateLink`) always joins its original's story.
An article without a date takes the full date its lead writes, if any
(:func:`akhbar.stories.signals.text_day`); undated articles come after the dated ones, in input order,
and may join a story of any time from ``undated_threshold`` on. A story left with one article looks
once more, at the end of each fold, among the stories grown since (:func:`_second_chance`); when two
stories join, the one opened first keeps its id.
The result depends only on the input, never on hash seeds or timing.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date

from akhbar.align import content_stems
from akhbar.config import StoryConfig
from akhbar.records import Article
from akhbar.stories.records import DuplicateLink, Story
from akhbar.stories.signals import text_day
from akhbar.stories.state import ClusterState, StoryChanges, StoryState, term_counts, weigh
from akhbar.vectors import background_frequencies


def story_terms(article: Article, *, title_weight: int, lead_words: int) -> list[str]:
    """The terms that describe an article's event: title stems (repeated) and lead stems."""
    lead = " ".join(article.body.split()[:lead_words])
    return content_stems(article.title or "") * title_weight + content_stems(lead)


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


def reach(config: StoryConfig) -> int:
    """Days after its newest article that a story can still take one."""
    return max(config.thread_days, config.window_days)


class Row:
    """An article's vector, and its terms heaviest first (those ``max_df`` allows)."""

    __slots__ = ("article", "day", "ranked", "terms", "weights")

    def __init__(self, article: str, day: int | None, terms: list[str], weights: list[float], ranked: list[str]):
        self.article, self.day, self.terms, self.weights, self.ranked = article, day, terms, weights, ranked

    def indexed(self, config: StoryConfig) -> list[str]:
        """The terms its story is filed under (more than it queries by: a later wording still finds it)."""
        return self.ranked[: max(config.index_terms, config.query_terms)]


def make_row(article: str, day: int | None, terms: list[str], weights: list[float], *, df: dict[str, int],
             config: StoryConfig) -> Row:
    # Heaviest first, then the term itself: a stable choice that never depends on hashing.
    kept = sorted((-w, t) for t, w in zip(terms, weights, strict=True) if df.get(t, 0) <= config.max_df)
    return Row(article, day, terms, weights, [t for _, t in kept])


def update(
    state: ClusterState, articles: Sequence[Article], links: Iterable[DuplicateLink] = (), *,
    config: StoryConfig, terms: Sequence[Sequence[str]] | None = None,
    taken: Callable[[str], bool] | None = None,
) -> tuple[ClusterState, StoryChanges]:
    """Fold ``articles`` into ``state`` (which is grown in place and returned) and say what changed.

    ``links``: duplicate links touching the articles (to each other or to articles ``state.placed``
    knows). ``terms``: the articles' :func:`story_terms`, if already made (in a pool). ``taken``: whether
    a story id was ever used (the store's ids), so that a new story never reuses one.
    """
    if not articles:
        return state, StoryChanges()
    docs = terms if terms is not None else [
        story_terms(a, title_weight=config.title_weight, lead_words=config.lead_words) for a in articles]
    prior = background_frequencies() if config.background_df else None
    days = [day_of(a) for a in articles]
    order = time_order(days)
    fold = _Fold(state, config, links, taken)
    by_article: dict[str, Row] = {}
    counts: Counter[str] = Counter()
    for group in _day_groups(order, days):
        # Each day's articles are counted, weighed and placed before the next day's are seen: a batch
        # is then the same fold as one poll per day (the same counts, so the same weights and max_df).
        day_docs = [docs[i] for i in group]
        day_counts = term_counts(day_docs)
        counts.update(day_counts)
        for term, count in day_counts.items():
            state.df[term] = state.df.get(term, 0) + count
        state.documents += len(group)
        for i in group:
            keys, weights = weigh(docs[i], state.df, state.documents, prior)
            row = make_row(articles[i].id, days[i], keys, weights, df=state.df, config=config)
            by_article[row.article] = row
            fold.place(row)
        _second_chance(fold, by_article, days[group[0]])  # the end of a day: what a daily poll would have seen
        fold.next_day()
    return state, fold.changes(counts, len(articles))


def _day_groups(order: Sequence[int], days: Sequence[int | None]) -> list[list[int]]:
    """``order`` cut into runs of one day (the undated articles are one run, last)."""
    groups: list[list[int]] = []
    for i in order:
        if groups and days[groups[-1][0]] == days[i]:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def score(story: StoryState, row: Row, day: int | None, config: StoryConfig) -> float | None:
    """How well an article fits a story: its cosine to the centroid, or None when under the threshold
    its time asks for (a quiet story asks more). The one place the join decision is made."""
    similarity = story.cosine(row.terms, row.weights)
    if day is None:  # its date cannot vouch for an undated article: its text must
        threshold = config.undated_threshold
    else:
        threshold = config.thread_threshold if _quiet(story, day, config) else config.join_threshold
    return similarity if similarity >= threshold else None


class _Fold:
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
        base = f"story-{article}"
        story, suffix = base, 1
        while story in state.stories or story in state.merged or self.taken(story):
            suffix += 1
            story = f"{base}-{suffix}"
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
        return _best_story(self, row)

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


def _best_story(fold: _Fold, row: Row) -> str | None:
    """The live story that scores best for ``row`` among its candidates (see :func:`score`)."""
    state, config = fold.state, fold.config
    best, best_score = None, 0.0
    live = lambda s: s in state.stories and _alive(state.stories[s], row.day, config)  # noqa: E731
    terms = fold.query(row.ranked, None)
    fold.day_queried.update(terms)
    for story in fold.candidates(terms, live):
        found = score(state.stories[story], row, row.day, config)
        if found is not None and found > best_score:
            best, best_score = story, found
    return best


def _alive(story: StoryState, day: int | None, config: StoryConfig) -> bool:
    """Whether a story can still take an article of ``day`` (an undated one: always)."""
    if day is None or story.last_day is None or not story.size:
        return bool(story.size)
    return day - story.last_day <= reach(config)


_EARLIER_CANDIDATES = 3  # stories this day grew that a lone story of an earlier day scores in full
_LONE_SCAN = 10  # a term's newest stories read for lone ones at a day's end (rare terms hold fewer)


def _second_chance(fold: _Fold, rows: dict[str, Row], day: int | None) -> None:
    """At the end of each day, a story left with one article looks once more, among the stories grown since.

    In one pass an article only sees the stories before it: the first report of an event that
    the next reports tell in other words, or an undated article that came before the dated
    ones of its story, would stay alone. A story opened this day looks among all live stories. One
    opened an earlier day (in this fold, or loaded by the store), up to ``thread_days`` before, looks
    among the stories this day grew, when it is filed under a term this day's articles looked up.
    Done at each day's end, the same whether the days come in one fold (a batch) or one fold per day
    (a store polled daily). The lookups per day are bounded by the day's articles: the cost stays linear.
    """
    state, config = fold.state, fold.config
    seen: dict[str, list[str]] = {}  # each term's resolved stories, until a merge changes them
    for story in _lone_stories(fold, day):
        if story.id not in state.stories or story.size != 1:
            continue
        earlier = story.id not in fold.day_created
        row = _lone_row(story, rows, state, config)
        if row is None or row.article in fold.parent:
            continue  # a duplicate's story is its set's
        if earlier:  # only the terms this day filed can lead to a story this day grew
            terms = [t for t in row.ranked if t in fold.day_filed][: config.query_terms]
        else:
            terms = fold.query(row.ranked, story.id)
        own = story.id
        if earlier:
            live = lambda s, own=own: s != own and s in fold.day_grown and s in state.stories  # noqa: E731
        else:
            live = lambda s, own=own: s != own and s in state.stories and state.stories[s].size > 0  # noqa: E731
        best, best_score = None, 0.0
        for other in fold.candidates(terms, live, seen)[: _EARLIER_CANDIDATES if earlier else None]:
            candidate = state.stories[other]
            if not _within(candidate, row.day, config):
                continue
            found_score = score(candidate, row, row.day, config)
            if found_score is not None and found_score > best_score:
                best, best_score = other, found_score
        if best is not None:
            keep = fold.merge(best, story.id)
            fold.file(keep, row.indexed(config))
            seen.clear()


def _lone_stories(fold: _Fold, day: int | None) -> list[StoryState]:
    """The one-article stories opened this day, and those of earlier days filed under a term this
    day's articles looked up (the newest few of each term), in the order they opened."""
    state, config = fold.state, fold.config
    lone = [state.stories[s] for s in fold.day_created if s in state.stories and state.stories[s].size == 1]
    if day is not None and fold.day_grown:
        found: dict[str, StoryState] = {}
        for term in fold.day_queried:
            for entry in state.index.newest(term)[:_LONE_SCAN]:
                story = state.stories.get(state.resolve(entry))
                if (story is not None and story.size == 1 and story.id not in fold.day_created
                        and story.last_day is not None and 0 <= day - story.last_day <= reach(config)):
                    found[story.id] = story
        lone.extend(found.values())
    return sorted(lone, key=lambda s: s.opened)


def _lone_row(story: StoryState, rows: dict[str, Row], state: ClusterState, config: StoryConfig) -> Row | None:
    """A one-article story's vector: its article's row, else (loaded from a store) its centroid."""
    if story.added and story.added[-1] in rows:
        return rows[story.added[-1]]
    if story.norm2 <= 0:
        return None
    terms, weights = list(story.centroid), list(story.centroid.values())
    return make_row("", story.first_day, terms, weights, df=state.df, config=config)


def _within(story: StoryState, day: int | None, config: StoryConfig) -> bool:
    if day is None or story.first_day is None or story.last_day is None:
        return True
    return story.first_day - reach(config) <= day <= story.last_day + reach(config)


def _quiet(story: StoryState, day: int | None, config: StoryConfig) -> bool:
    """More than ``window_days`` between ``day`` and the story's nearest day."""
    if day is None or story.first_day is None or story.last_day is None:
        return False
    return day - story.last_day > config.window_days or story.first_day - day > config.window_days


def cluster_stories(
    articles: Sequence[Article], *, duplicates: Iterable[DuplicateLink] = (), config: StoryConfig,
    terms: Sequence[Sequence[str]] | None = None, within: tuple[Mapping[str, int], int] | None = None,
) -> list[Story]:
    """The stories of ``articles`` (a fold from an empty state), in the order they started.

    ``terms``: the articles' :func:`story_terms`, if already made (in a pool). ``within``: the
    document frequencies of the story terms over a larger batch that ``articles`` are a window of,
    and its size (Spark); the window then weighs and indexes terms as a fold of the whole batch would.
    """
    return fold_all(articles, duplicates=duplicates, config=config, terms=terms, within=within)[1]


def fold_all(
    articles: Sequence[Article], *, duplicates: Iterable[DuplicateLink] = (), config: StoryConfig,
    terms: Sequence[Sequence[str]] | None = None, within: tuple[Mapping[str, int], int] | None = None,
) -> tuple[ClusterState, list[Story]]:
    """:func:`cluster_stories` with the state the fold ended in (what a store saves)."""
    if not articles:
        return ClusterState.empty(posting_cap=config.posting_cap), []
    links = tuple(duplicates)
    docs = terms if terms is not None else [
        story_terms(a, title_weight=config.title_weight, lead_words=config.lead_words) for a in articles]
    start = ClusterState.empty(posting_cap=config.posting_cap)
    if within is not None:
        # The fold adds this window's own counts: start from the rest of the batch's.
        own = term_counts(docs)
        start.df.update({term: count - own.get(term, 0) for term, count in within[0].items()})
        start.documents = within[1] - len(articles)
    state, _ = update(start, articles, links, config=config, terms=docs)
    by_id = {a.id: a for a in articles}
    order = time_order([day_of(a) for a in articles])
    rank = {articles[i].id: position for position, i in enumerate(order)}
    links_of: dict[str, list[DuplicateLink]] = {}
    for link in links:
        links_of.setdefault(link.article, []).append(link)
    vectors = {a.id: weigh(doc, state.df, state.documents,
                           background_frequencies() if config.background_df else None)
               for a, doc in zip(articles, docs, strict=True)}
    found = []
    for story in state.stories.values():
        members = sorted(story.added, key=rank.__getitem__)  # a lone article taken in later may be older
        found.append(stored_story(story.id, [by_id[m] for m in members], links_of,
                                  central_title(story, [by_id[m] for m in members], vectors)))
    return state, sorted(found, key=lambda s: rank[s.articles[0]])


def stored_story(story_id: str, members: Sequence[Article], links_of: dict[str, list[DuplicateLink]],
                 title: str) -> Story:
    """A story record of ``members`` (oldest first)."""
    dated = sorted(a.date[:10] for a in members if a.date)
    return Story(
        id=story_id,
        articles=tuple(a.id for a in members),
        outlets=tuple(sorted({a.source for a in members if a.source})),
        start=dated[0] if dated else None,
        end=dated[-1] if dated else None,
        title=title,
        duplicates=tuple(link for a in members for link in links_of.get(a.id, ())),
    )


def central_title(story: StoryState, members: Sequence[Article],
                  vectors: dict[str, tuple[list[str], list[float]]]) -> str:
    """The title (else the lead) of the member closest to the story's centroid."""
    scored: list[tuple[float, int, int]] = []
    for i, member in enumerate(members):
        terms, weights = vectors[member.id]
        scored.append((-story.cosine(terms, weights), i, i))
    titled = [item for item in scored if members[item[2]].title]
    best = members[heapq.nsmallest(1, titled or scored)[0][2]]
    return best.title or _lead(best.body)


def _lead(body: str, words: int = 14) -> str:
    first_line = next((line for line in body.splitlines() if line.strip()), body)
    tokens = first_line.split()
    return " ".join(tokens[:words]) + (" …" if len(tokens) > words else "")
