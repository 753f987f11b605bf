"""Frozen records for the facts extracted from a batch of articles.

Every record keeps its provenance: the sentence(s) it came from and the ids of the articles
(``sources``) that carry it. Text fields hold the original text, never a normalized copy,
except ``unit`` and ``referent`` keys, which are match-normalized comparison keys.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from akhbar.records import Sentence

Resolution = Literal["explicit", "relative", "inferred", "unresolved"]


@dataclass(frozen=True, slots=True)
class Quote:
    """Reported speech: who said it (name and role), with which verb, and what."""

    speaker: str | None
    role: str | None
    verb: str
    text: str
    direct: bool
    sources: tuple[str, ...]
    sentences: tuple[Sentence, ...]
    carried: bool = False  # speaker carried over from an earlier quote (وأضاف, مضيفا, pronoun)


@dataclass(frozen=True, slots=True)
class Figure:
    """A number in the text and what it counts."""

    value: float
    approximate: bool
    unit: str  # counted noun, match-normalized and singularized where known; "" if unknown
    category: str
    text: str  # the span as written
    when: str | None
    sources: tuple[str, ...]
    sentence: Sentence
    qualifier: str | None = None  # "more_than", "at_least", "about", "less_than"
    start: int = 0  # offsets of ``text`` in ``sentence.text``
    end: int = 0
    sentences: tuple[Sentence, ...] = ()  # every sentence reporting it, when merged across outlets

    @property
    def cited(self) -> tuple[Sentence, ...]:
        return self.sentences or (self.sentence,)


@dataclass(frozen=True, slots=True)
class Entity:
    """Named-entity mentions merged across spellings, clitics and outlets."""

    name: str
    label: str
    aliases: tuple[str, ...]
    mentions: int
    sources: tuple[str, ...]
    sentences: tuple[Sentence, ...] = ()
    evidence: float = 1.0  # the tagger's mean confidence, lowered for a lone common word or a fragment


@dataclass(frozen=True, slots=True)
class ArticleDate:
    """The date of one article and how it was obtained."""

    article: str
    date: str | None
    resolved: Resolution  # explicit (metadata/text), inferred (from the story), unresolved
    basis: str  # e.g. "metadata", "text: الأحد 2016/12/04", "اليوم الاثنين after 2016-12-04"


@dataclass(frozen=True, slots=True)
class Event:
    """A sentence with a time expression, placed on the story's time line."""

    date: str | None  # ISO: YYYY-MM-DD, or YYYY-MM / YYYY for coarser expressions
    date_text: str
    resolved: Resolution
    text: str
    sources: tuple[str, ...]
    sentences: tuple[Sentence, ...]
    until: str | None = None  # end of a span (منذ أسبوعين ...)


@dataclass(frozen=True, slots=True)
class Timeline:
    articles: tuple[ArticleDate, ...]
    events: tuple[Event, ...]

    def date_of(self, article: str) -> str | None:
        for item in self.articles:
            if item.article == article:
                return item.date
        return None


@dataclass(frozen=True, slots=True)
class Claim:
    """A proposition as one outlet states it (or denies it)."""

    text: str
    negated: bool
    cue: str | None
    sources: tuple[str, ...]
    sentence: Sentence


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two reports that disagree (or where a later one updates an earlier one)."""

    kind: Literal["figure", "claim"]
    status: Literal["contradiction", "updated"]
    a: Figure | Claim
    b: Figure | Claim
    note: str


@dataclass(frozen=True, slots=True)
class TermUse:
    """How often an outlet names a referent with a term, in its own voice."""

    referent: str
    term: str  # display form (most frequent surface form)
    outlet: str
    count: int
    sources: tuple[str, ...]
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True, slots=True)
class DistinctiveTerm:
    """A term an outlet uses more than the others (weighted log-odds, informative prior)."""

    outlet: str
    term: str
    z: float
    count: int
    other_count: int
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Framing:
    terms: tuple[TermUse, ...] = ()
    distinctive: tuple[DistinctiveTerm, ...] = ()


@dataclass(frozen=True, slots=True)
class Facts:
    """Everything the facts stage found in one batch."""

    quotes: tuple[Quote, ...] = ()
    figures: tuple[Figure, ...] = ()
    entities: tuple[Entity, ...] = ()
    timeline: Timeline = field(default_factory=lambda: Timeline((), ()))
    conflicts: tuple[Conflict, ...] = ()
    framing: Framing = field(default_factory=Framing)
    ner_available: bool = False
