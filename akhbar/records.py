"""Typed records that flow through the pipeline, from articles to the report.

Every record is frozen and slotted. Text that is shown to a reader is always the
original text; matching happens on normalized copies computed where needed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from akhbar.articles import Article, RemovedLine, Sentence

if TYPE_CHECKING:
    from akhbar.config import Config
    from akhbar.facts.records import Facts

# Article, RemovedLine and Sentence live in akhbar.articles, so that the facts' records can name a
# sentence without importing this module (which names the facts in Report); they are read from here.
__all__ = ["Article", "BadInput", "Corpus", "Group", "GroupKind", "RemovedLine", "Report", "Sentence", "SummaryItem",
           "any_skipped"]

GroupKind = Literal["verbatim", "near", "paraphrase"]


@dataclass(frozen=True, slots=True)
class Group:
    """Sentences of different articles that say the same thing."""

    sentences: tuple[Sentence, ...]
    kind: GroupKind
    similarity: float  # smallest link similarity that joined the group

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(sorted({s.article for s in self.sentences}))

    @property
    def representative(self) -> Sentence:
        return self.sentences[0]


@dataclass(frozen=True, slots=True)
class SummaryItem:
    """One summary sentence, the articles that hold it (or a near copy), and those that tell the
    same fact in other words."""

    text: str
    sources: tuple[str, ...]
    sentence: Sentence
    score: float
    related: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class BadInput:
    """An input that was skipped (it could not be read) or repaired (read, with the change named in
    ``problem``); reported, never fatal for a batch. ``path`` is the file, ``file:line`` or ``-``.
    ``ignored`` only says what a folder held besides articles (files of other types): it is no
    failure, and no exit 4 (:func:`any_skipped`)."""

    path: str
    problem: str
    action: Literal["skipped", "repaired", "ignored"] = "skipped"


def any_skipped(errors: Iterable[BadInput]) -> bool:
    """Whether some input was skipped or repaired (what exit 4 says), beyond files merely ignored."""
    return any(bad.action != "ignored" for bad in errors)


@dataclass(frozen=True, slots=True)
class Corpus:
    """What ingest returns: the articles it read and the inputs it skipped."""

    articles: tuple[Article, ...]
    errors: tuple[BadInput, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Report:
    """Everything the pipeline found for one batch of articles; renderers only read it."""

    articles: tuple[Article, ...]
    sentences: tuple[Sentence, ...]
    groups: tuple[Group, ...]
    summary: tuple[SummaryItem, ...]
    facts: Facts | None
    config: Config
    errors: tuple[BadInput, ...] = ()
