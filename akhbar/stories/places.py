"""Places an article is about, for the place-conflict veto of the story fold.

Two reports that share their theme's words and even a name, but whose main places differ (two fronts
of one war, two cities' protests), are two events. A place is a stem of a word of the place gazetteer
(``akhbar/resources/places.tsv``, built by ``scripts/build_places.py`` from WikiFANE and NewsFANE Gold
and the place cues of the ANT archive: «محافظة صعدة», «مديرية التحيتا»), or of a word the shipped NER
model tagged LOC in most of its ANT occurrences (``akhbar/resources/ner``). A word that is a place and
also a common word or a name (البيضاء "white", طارق) is a place only where the article itself names it
after a cue («محافظة البيضاء»). A place held by more than ``THEME_DF`` archive articles (a country, a
capital: اليمن، سوريا) is the theme's, not an event's, and is left out: every front of a war shares it.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Collection, Iterable, Mapping, Sequence
from functools import cache

from akhbar.align import content_stems
from akhbar.resources import resource_table
from akhbar.stories.signals import THEME_DF
from akhbar.text.names import ner_resource_rows  # the same NER resources the name lexicon reads
from akhbar.vectors import background_frequencies

PLACES = "places.tsv"

_MIN_SEEN = 5  # occurrences before the tagger's majority is trusted
_LOC_SHARE = 0.5  # share of a word's occurrences tagged LOC for it to be a place


def _gazetteer(kind: str) -> list[str]:
    return [row[0] for row in resource_table(PLACES) if len(row) >= 2 and row[1] == kind]


@cache
def place_stems() -> frozenset[str]:
    """Stems of the words that name a place wherever they stand, held by no more than ``THEME_DF``
    archive articles."""
    ambiguous = set(_gazetteer("cued"))
    tagged = set()
    for row in ner_resource_rows("wordstats.tsv.gz")[1:]:
        if len(row) >= 5 and row[1].isdigit() and row[3].isdigit():
            seen, loc = int(row[1]), int(row[3])
            if seen >= _MIN_SEEN and loc >= _LOC_SHARE * seen and row[0] not in ambiguous:
                tagged.add(row[0])
    return _stems(_gazetteer("place")) | _stems(tagged, built=False)


THEME_WEEKS = 12  # a place named in more of the archive's (36) weeks is a long war's front, not an event's place


@cache
def theme_places() -> frozenset[str]:
    """The places named in the titles or leads of more than ``THEME_WEEKS`` archive weeks: a front of a
    war named week after week (التحيتا، الدريهمي) is the theme's, as much as the war's country; an
    event's place is named in a burst (لومبوك: four weeks)."""
    weeks: dict[str, int] = {}
    for row in resource_table(PLACES):
        if len(row) >= 5 and row[1] == "place" and row[4].isdigit():
            for stem in content_stems(row[0])[:1]:
                weeks[stem] = max(weeks.get(stem, 0), int(row[4]))
    return frozenset(s for s, n in weeks.items() if n > THEME_WEEKS) & place_stems()  # not the ambiguous words


@cache
def cued_stems() -> frozenset[str]:
    """Stems of the words that name a place only after a cue (البيضاء in «محافظة البيضاء»)."""
    return _stems(_gazetteer("cued")) - place_stems()


@cache
def cue_stems() -> frozenset[str]:
    """Stems of the cue words a place name follows (محافظة، مديرية، جبل، جبهة)."""
    return frozenset(s for word in _gazetteer("cue") for s in content_stems(word)[:1])


def _stems(words: Iterable[str], *, built: bool = True) -> frozenset[str]:
    """The stems the fold reads for ``words``. The gazetteer's build kept a word the stemmer cuts down
    (صعدة -> صعد, الدريهمي -> دريهم) only where the archive's articles holding that stem mostly hold
    the place (``built``). Any other word counts only where the stemmer keeps it whole or strips its
    article: a word cut down further can share its stem with other words (الأوسط and واسط; جونز and جون)."""
    table, _ = background_frequencies()
    stems: set[str] = set()
    for w in words:
        bare = w.removeprefix("ال")
        stems.update(s for s in content_stems(w)[:1] if built or s in (w, bare))
    return frozenset(s for s in stems if len(s) >= 3 and table.get(s, 0) <= THEME_DF)


def named_after_cue(doc: Sequence[str]) -> frozenset[str]:
    """The ambiguous places ``doc`` (an article's story terms, in text order) names right after a cue."""
    cues, cued = cue_stems(), cued_stems()
    return frozenset(word for before, word in itertools.pairwise(doc) if word in cued and before in cues)


def main_place(terms: Sequence[str], weights: Sequence[float], also: frozenset[str] = frozenset()) -> str | None:
    """The heaviest place among ``terms`` (a title's words weigh most), if any; ``also``: ambiguous
    places the article names after a cue."""
    places = place_stems()
    best, best_weight = None, 0.0
    for term, weight in zip(terms, weights, strict=True):
        if weight > best_weight and (term in places or term in also):
            best, best_weight = term, weight
    return best


def places_conflict(place: str | None, terms: Collection[str], centroid: Mapping[str, float], *, top: int) -> bool:
    """Whether an article whose main place is ``place`` and a story (``centroid``) are about different
    places: the story's ``top`` heaviest terms (what its titles say) hold a place but not the article's,
    and the article's ``terms`` do not hold the story's place. A place a story names only in passing,
    deep in a lead (fronts' reports name each other's districts), is not what the story is about."""
    if place is None:
        return False
    heavy = centroid
    if 0 < top < len(centroid):
        floor = heapq.nlargest(top, centroid.values())[-1]
        heavy = {t: w for t, w in centroid.items() if w >= floor}
    if place in heavy:
        return False
    # A story's words have lost their order: an ambiguous place counts there when a cue is among its
    # heaviest terms too (what its titles say: «محافظة البيضاء»).
    cued = cued_stems().intersection(heavy) if cue_stems().intersection(heavy) else frozenset()
    story_place = main_place(list(heavy), list(heavy.values()), also=cued)
    return story_place is not None and story_place not in terms

