"""An article and its sentences: the records every stage reads, from ingest on.

Frozen and slotted like every record. ``akhbar.records`` re-exports them with the records built
on them (groups, summary items, the report); importing them from there is the usual way.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RemovedLine:
    """A line that ingest removed from an article, and why."""

    text: str
    reason: str  # "title", "date", "related", "dateline", "footer", "page-number"


@dataclass(frozen=True, slots=True)
class Article:
    """One cleaned article. ``body`` is the text after noise removal."""

    id: str
    body: str
    title: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD
    source: str | None = None
    url: str | None = None
    path: str | None = None
    removed: tuple[RemovedLine, ...] = ()


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article with its offsets in ``Article.body``."""

    article: str
    index: int
    start: int
    end: int
    text: str
