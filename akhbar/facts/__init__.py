"""Facts side by side: quotes, figures, entities, a time line, conflicts and framing.

``extract_facts(articles, sentences)`` runs every extractor over the sentences of all articles
(in order) and returns one :class:`Facts`. Each record cites its sentences and source articles.
"""

from __future__ import annotations

from collections.abc import Sequence

from akhbar.facts.confidence import Thresholds, ranked
from akhbar.facts.conflicts import find_conflicts
from akhbar.facts.entities import MentionFn, extract_entities
from akhbar.facts.framing import extract_framing
from akhbar.facts.numbers import extract_figures, merge_figures
from akhbar.facts.quotes import extract_quotes
from akhbar.facts.records import (
    ArticleDate,
    Claim,
    Conflict,
    DistinctiveTerm,
    Entity,
    Event,
    Facts,
    Figure,
    Framing,
    Quote,
    TermUse,
    Timeline,
)
from akhbar.facts.speaker_check import KnownNames
from akhbar.facts.timeline import build_timeline
from akhbar.records import Article, Sentence

__all__ = [
    "ArticleDate",
    "Claim",
    "Conflict",
    "DistinctiveTerm",
    "Entity",
    "Event",
    "Facts",
    "Figure",
    "Framing",
    "Quote",
    "TermUse",
    "Thresholds",
    "Timeline",
    "extract_facts",
]


def extract_facts(
    articles: Sequence[Article], sentences: Sequence[Sentence], *, mention_fn: MentionFn | None = None,
    thresholds: Thresholds | None = None,
) -> Facts:
    """All facts of a batch. ``mention_fn`` replaces the NER model (tests, other taggers).

    Quotes, figures and entities come ranked by confidence, the rows under ``thresholds`` (default:
    those chosen on the audit's dev stories, :mod:`akhbar.facts.confidence`) left out."""
    known = {a.id for a in articles}
    sentences = [s for s in sentences if s.article in known] if known else list(sentences)
    timeline = build_timeline(articles, sentences)
    figures = extract_figures(sentences)
    entities, available = extract_entities(sentences, mention_fn)
    facts = Facts(
        quotes=tuple(extract_quotes(sentences, known=known_names(entities) if available else None)),
        figures=tuple(merge_figures(figures)),
        entities=tuple(entities),
        timeline=timeline,
        conflicts=tuple(find_conflicts(figures, sentences, timeline, {a.id: a.source or a.id for a in articles})),
        framing=extract_framing(articles, sentences),
        ner_available=available,
    )
    return ranked(facts, Thresholds() if thresholds is None else thresholds)


def known_names(entities: Sequence[Entity]) -> KnownNames:
    """The names (and their other spellings) the story's tagger found, for checking speakers."""
    return KnownNames.of((name, e.label) for e in entities for name in (e.name, *e.aliases))
