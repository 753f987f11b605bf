"""Places an article is about, for the place-conflict veto of the story fold.

Two reports that share their theme's words and even a name, but whose main places differ (two fronts
of one war, two cities' protests), are two events. A place is a stem of a word the shipped NER
resources hold as a location: one-word LOC names of the WikiFANE Gold gazetteer, and words the NER
model tagged LOC in most of their ANT occurrences (``akhbar/resources/ner``). A place held by more
than ``THEME_DF`` archive articles (a country, a capital: اليمن، سوريا) is the theme's, not an event's,
and is left out: every front of a war shares it.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from functools import cache

from akhbar.align import content_stems
from akhbar.stories.signals import THEME_DF
from akhbar.text.names import ner_resource_rows  # the same NER resources the name lexicon reads
from akhbar.vectors import background_frequencies

_MIN_SEEN = 5  # occurrences before the tagger's majority is trusted
_LOC_SHARE = 0.5  # share of a word's occurrences tagged LOC for it to be a place


@cache
def place_stems() -> frozenset[str]:
    """Stems of the words that name a place no more than ``THEME_DF`` archive articles hold."""
    gazetteer = [row for row in ner_resource_rows("gazetteer.tsv.gz") if len(row) == 2 and " " not in row[0]]
    other = {word for word, kind in gazetteer if kind != "LOC"}  # a word listed as a place and as a name
    words = {word for word, kind in gazetteer if kind == "LOC" and word not in other}
    for row in ner_resource_rows("wordstats.tsv.gz")[1:]:
        if len(row) >= 5 and row[1].isdigit() and row[3].isdigit():
            seen, loc = int(row[1]), int(row[3])
            if seen >= _MIN_SEEN and loc >= _LOC_SHARE * seen:
                words.add(row[0])
            elif seen >= _MIN_SEEN:
                words.discard(row[0])  # the tagger saw it mostly as something else in ANT
    table, _ = background_frequencies()
    # A place the stemmer keeps whole (or strips only its article from): a word it cuts down can share
    # its stem with other words (الأوسط and واسط; جونز and جون).
    stems = {s for w in words for s in content_stems(w) if s in (w, w.removeprefix("ال"))}
    return frozenset(s for s in stems if len(s) >= 3 and table.get(s, 0) <= THEME_DF)


def main_place(terms: Sequence[str], weights: Sequence[float]) -> str | None:
    """The heaviest place among ``terms`` (a title's words weigh most), if any."""
    places = place_stems()
    best, best_weight = None, 0.0
    for term, weight in zip(terms, weights, strict=True):
        if weight > best_weight and term in places:
            best, best_weight = term, weight
    return best


def places_conflict(place: str | None, terms: Sequence[str], centroid: Mapping[str, float], *, top: int) -> bool:
    """Whether an article whose main place is ``place`` (its ``terms``) and a story (``centroid``) are about
    different places: the story never names the article's place, its own main place is among its ``top``
    heaviest terms (what its titles say), and the article never names it."""
    if place is None or place in centroid:
        return False
    story_place = main_place(list(centroid), list(centroid.values()))
    if story_place is None or story_place in set(terms):
        return False
    return top <= 0 or len(centroid) <= top or centroid[story_place] >= heapq.nlargest(top, centroid.values())[-1]
