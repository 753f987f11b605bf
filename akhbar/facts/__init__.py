"""Facts side by side: quotes, figures, entities, a time line, conflicts and framing.

``extract_facts(articles, sentences)`` runs every extractor over the sentences of all articles
(in order) and returns one :class:`Facts`. Each record cites its sentences and source articles.
"""

from __future__ import annotations

from collections.abc import Sequence

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
    "Timeline",
    "extract_facts",
]


def extract_facts(
    articles: Sequence[Article], sentences: Sequence[Sentence], *, mention_fn: MentionFn | None = None
) -> Facts:
    """All facts of a batch. ``mention_fn`` replaces the NER model (tests, other taggers)."""
    known = {a.id for a in articles}
    sentences = [s for s in sentences if s.article in known] if known else list(sentences)
    timeline = build_timeline(articles, sentences)
    figures = extract_figures(sentences)
    entities, available = extract_entities(sentences, mention_fn)
    return Facts(
        quotes=tuple(extract_quotes(sentences)),
        figures=tuple(merge_figures(figures)),
        entities=tuple(entities),
        timeline=timeline,
        conflicts=tuple(find_conflicts(figures, sentences, timeline, {a.id: a.source or a.id for a in articles})),
        framing=extract_framing(articles, sentences),
        ner_available=available,
    )
