"""Story clustering: a fold over time-ordered articles, each joining the best open story or opening one.

``update(state, articles, links, config) -> (state', changes)`` is the one clustering pass: a batch is
a fold from an empty state (:func:`cluster_stories`), the store folds each new batch into the state it
saved, Spark folds each window.

An article is a TF-IDF vector of the light stems of its title (counted ``title_weight`` times) and
of its lead (the body's first ``lead_words`` words: what the event is; later paragraphs give
background that many stories share). IDF is stable (:mod:`akhbar.stories.state`): the shipped
archive frequencies plus the running counts of the articles folded so far, so a name or a number
that few articles hold weighs most: rare terms stand in for the capitalised names that Arabic does
not mark. The fold goes one day at a time: a day's articles are counted, weighed and placed before
the next day's are read, so a batch and a store polled once a day are the same fold (the same
counts, weights and ``max_df`` cut) and give the same stories.

Stories are found through an inverted index over their terms (:class:`~akhbar.stories.index.StoryIndex`):
an article looks stories up by its ``query_terms`` heaviest terms that file another story, reads at most
``posting_cap`` stories per term, most recently updated first, and scores in full only its
``candidates`` best, so the pass never compares all pairs of articles or stories and its cost grows
linearly with the articles. Terms held by more than ``max_df`` articles file no story. Score
(:func:`~akhbar.stories.rules.score`): cosine to the story's centroid (the sum of its members' vectors).
A story is carried to another day only by an article that shares with it a term naming its event
(rare in the archive, or bursty: :func:`akhbar.stories.signals.specific_terms`), not by theme words
alone (each day's gold price, each front of a war are events of their own). Time: a story that
received an article in the last ``window_days`` days takes articles from ``join_threshold`` on; a quiet
one can still be taken up, up to ``thread_days`` after its newest article, from the stricter
``thread_threshold`` on (a siege or a trial reported again after a week's pause stays one story); older stories
take nothing more. A late article is placed by its publication day, as the batch would place it.

A duplicate (a :class:`~akhbar.stories.records.DuplicateLink`) always joins its original's story.
An article without a date takes the full date its lead writes, if any
(:func:`akhbar.stories.signals.text_day`); undated articles come after the dated ones, in input order,
and may join a story of any time from ``undated_threshold`` on. A story left with one article looks
once more, at the end of each day, among the stories grown since (:func:`akhbar.stories.second.second_chance`); when two
stories join, the one opened first keeps its id.
The result depends only on the input, never on hash seeds or timing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence

from akhbar.config import StoryConfig
from akhbar.records import Article
from akhbar.stories.fold import Fold
from akhbar.stories.records import DuplicateLink, Story
from akhbar.stories.rules import Row, day_groups, day_of, make_row, reach, score, story_terms, time_order
from akhbar.stories.second import second_chance
from akhbar.stories.state import ClusterState, StoryChanges, term_counts, weigh
from akhbar.stories.titles import central_title, stored_story
from akhbar.vectors import background_frequencies

# Re-exported: the store, Spark and the tests take these from the fold's module.
__all__ = ["central_title", "cluster_stories", "day_of", "fold_all", "make_row", "reach", "score", "stored_story",
           "story_terms", "time_order", "update"]


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
    fold = Fold(state, config, links, taken)
    by_article: dict[str, Row] = {}
    counts: Counter[str] = Counter()
    for group in day_groups(order, days):
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
            row = make_row(articles[i].id, days[i], keys, weights, df=state.df, config=config,
                           documents=state.documents, doc=docs[i])
            by_article[row.article] = row
            fold.place(row)
        second_chance(fold, by_article, days[group[0]])  # the end of a day: what a daily poll would have seen
        fold.next_day()
    return state, fold.changes(counts, len(articles))


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
