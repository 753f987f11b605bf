"""What an article is to the story fold, and the fold's rules of time and joining.

An article is a :class:`Row`: its TF-IDF vector (terms and weights) and its terms heaviest first. The
fold reads articles in :func:`time_order`, one day at a time (:func:`day_groups`); :func:`score` is the one
place an article's join to a story is decided (the cosine to the story's centroid, the threshold its time
asks, the shared specific term that a story carried to another day needs, and the main places that
must not conflict there: :mod:`akhbar.stories.places`).
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from datetime import date

from akhbar.align import content_stems
from akhbar.config import StoryConfig
from akhbar.records import Article
from akhbar.stories.places import main_place, named_after_cue, places_conflict, theme_places
from akhbar.stories.signals import specific_terms, text_day
from akhbar.stories.state import StoryState
from akhbar.text.segment import split_sentences

_HEADLINE_WORDS = 20  # of a lede standing in for a missing title


def story_terms(article: Article, *, title_weight: int, lead_words: int) -> list[str]:
    """The terms that describe an article's event: title stems (repeated) and lead stems. An article
    without a title (a plain text file, an agency dispatch) has its lede stand in for one: its first
    sentence, or that sentence's first words, says what happened as a headline would; without it, a
    titled and an untitled report of one event weigh their words unlike each other."""
    lead = " ".join(article.body.split()[:lead_words])
    return content_stems(headline(article)) * title_weight + content_stems(lead)


def headline(article: Article) -> str:
    """The article's title, else the first words of its first sentence."""
    if article.title:
        return article.title
    first = next(iter(split_sentences(article.body[:2000])), "")
    return " ".join(first.split()[:_HEADLINE_WORDS])


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
    """An article's vector, its terms heaviest first (those ``max_df`` allows), those of its terms that
    name an event (``specific``: None when the specific-term rule is off), and for the place veto its main
    place and its ``specific_top`` heaviest terms (``heavy``: what its title and first words say)."""

    __slots__ = ("article", "day", "heavy", "place", "ranked", "specific", "terms", "weights")

    def __init__(self, article: str, day: int | None, terms: list[str], weights: list[float], ranked: list[str],
                 *, specific: list[str] | None = None, place: str | None = None,
                 heavy: frozenset[str] = frozenset()):
        self.article, self.day, self.terms, self.weights, self.ranked = article, day, terms, weights, ranked
        self.specific, self.place, self.heavy = specific, place, heavy

    def indexed(self, config: StoryConfig) -> list[str]:
        """The terms its story is filed under (more than it queries by: a later wording still finds it)."""
        return self.ranked[: max(config.index_terms, config.query_terms)]


def make_row(article: str, day: int | None, terms: list[str], weights: list[float], *, df: dict[str, int],
             config: StoryConfig, documents: int = 0, doc: Sequence[str] = ()) -> Row:
    """``df`` and ``documents``: the fold's running counts (what it has read, this article's day included).
    ``doc``: the article's story terms in text order, where a cue names an ambiguous place («محافظة البيضاء»)."""
    # Heaviest first, then the term itself: a stable choice that never depends on hashing.
    kept = sorted((-w, t) for t, w in zip(terms, weights, strict=True) if df.get(t, 0) <= config.max_df)
    # A front named week after week (places.theme_places) carries no story to another day unless it bursts
    # in what was read: each day's report from it is an event of its own, as each day's gold price is.
    fronts = theme_places() if config.place_veto else frozenset[str]()
    specific = specific_terms(terms, df, documents, rare_df=config.specific_df, burst=config.specific_burst,
                              themes=fronts)
    ranked = [t for _, t in kept]
    heaviest = frozenset(ranked[: config.specific_top or len(ranked)])  # what its title and first words say
    if specific is not None and config.specific_top:
        specific = [t for t in specific if t in heaviest]
    place, heavy = None, frozenset[str]()
    if config.place_veto:  # the place its title or lead names most: among its heaviest terms
        heavy = heaviest
        place = main_place(*_among(terms, weights, heavy), also=named_after_cue(doc) if doc else frozenset())
    return Row(article, day, terms, weights, ranked, specific=specific, place=place, heavy=heavy)


def _among(terms: list[str], weights: list[float], chosen: AbstractSet[str]) -> tuple[list[str], list[float]]:
    pairs = [(t, w) for t, w in zip(terms, weights, strict=True) if t in chosen]
    return [t for t, _ in pairs], [w for _, w in pairs]


def day_groups(order: Sequence[int], days: Sequence[int | None]) -> list[list[int]]:
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
    carried = day is not None and day != story.last_day
    if carried and row.specific is not None and not any(t in story.centroid for t in row.specific):
        return None  # carried to another day by theme words only: another event of the same theme
    if day is None:  # its date cannot vouch for an undated article: its text must
        threshold = config.undated_threshold
    else:
        threshold = config.thread_threshold if quiet(story, day, config) else config.join_threshold
    if similarity < threshold:
        return None
    if carried and places_conflict(row.place, row.heavy, story.centroid, top=config.specific_top):
        return None  # another place: another front of a war, another city's protest (read last: it costs most)
    return similarity


def alive(story: StoryState, day: int | None, config: StoryConfig) -> bool:
    """Whether a story can still take an article of ``day`` (an undated one: always)."""
    if day is None or story.last_day is None or not story.size:
        return bool(story.size)
    return day - story.last_day <= reach(config)


def within(story: StoryState, day: int | None, config: StoryConfig) -> bool:
    if day is None or story.first_day is None or story.last_day is None:
        return True
    return story.first_day - reach(config) <= day <= story.last_day + reach(config)


def quiet(story: StoryState, day: int | None, config: StoryConfig) -> bool:
    """More than ``window_days`` between ``day`` and the story's nearest day."""
    if day is None or story.first_day is None or story.last_day is None:
        return False
    return day - story.last_day > config.window_days or story.first_day - day > config.window_days
