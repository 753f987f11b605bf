"""Which sentences a lead-first summary may take, and how a chosen unit is cited: shared by the
one-story summary and the summary of what is new since a date (:mod:`akhbar.summarize.since`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import groupby

from akhbar.align import SentenceVectors
from akhbar.config import AlignConfig, SummaryConfig
from akhbar.records import Sentence, SummaryItem
from akhbar.summarize.readable import inside_quotes
from akhbar.summarize.select import cited_articles
from akhbar.summarize.units import Unit, is_furniture, stands_alone, within_bounds, word_count


def alone_and_short(sentences: Sequence[Sentence], config: SummaryConfig) -> list[bool]:
    """Which sentences a lead-first summary may take: they stand alone, do not continue a quote
    opened before them, and take at most ``sentence_share`` of the budget."""
    longest = config.sentence_share * config.words
    quoted: list[bool] = []
    for _, members in groupby(sentences, key=lambda s: s.article):
        quoted.extend(inside_quotes([s.text for s in members]))
    return [not q and stands_alone(s.text, config, first=s.index == 0) and word_count(s.text) <= longest
            for s, q in zip(sentences, quoted, strict=True)]


def with_antecedent(sentences: Sequence[Sentence], config: SummaryConfig, eligible: Sequence[bool]) -> list[bool]:
    """Which sentences that cannot stand alone may still follow the sentence before them (taken):
    within the word bounds, not furniture, not its article's first."""
    longest = config.sentence_share * config.words
    return [not eligible[i] and s.index > 0 and within_bounds(s.text, config) and not is_furniture(s.text)
            and word_count(s.text) <= longest for i, s in enumerate(sentences)]


def cite(chosen: Sequence[Unit], sentences: Sequence[Sentence], vectors: SentenceVectors,
         links: Mapping[int, tuple[int, ...]], *, align: AlignConfig) -> list[SummaryItem]:
    """One item per chosen unit: the articles holding its sentence (or a near copy) as sources, the
    others of its alignment group and those telling its fact in other words as related."""
    items = []
    for unit in chosen:
        sentence = sentences[unit.representative]
        sources, related = cited_articles(unit.representative, unit.members, sentences, vectors, align=align)
        same = {sentences[j].article for j in links.get(unit.representative, ())}
        related = tuple(sorted((set(related) | same) - set(sources)))
        items.append(SummaryItem(sentence.text, sources, sentence, float(unit.score), related))
    return items
