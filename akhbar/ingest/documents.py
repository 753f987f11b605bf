"""What every reader produces: one article as read, before noise removal.

Its own module so that the readers' helpers (``html``, ``ids``) and any other source of articles
(feeds) can build one without importing the readers; ``readers`` re-exports it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One article as read, before noise removal."""

    id: str
    text: str
    path: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None
