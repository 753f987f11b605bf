"""Records of the stories stage: duplicate links and stories."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

DuplicateKind = Literal["exact", "near"]


@dataclass(frozen=True, slots=True)
class DuplicateLink:
    """``article`` copies ``original`` (the earliest article of its duplicate set)."""

    article: str
    original: str
    kind: DuplicateKind
    similarity: float  # verified Jaccard similarity of the two articles' shingles (1.0 when exact)


@dataclass(frozen=True, slots=True)
class Story:
    """Articles that report one event, across outlets and days."""

    id: str
    articles: tuple[str, ...]  # article ids, oldest first; duplicates included
    outlets: tuple[str, ...]
    start: str | None  # ISO date of the first article, when known
    end: str | None
    title: str
    duplicates: tuple[DuplicateLink, ...] = ()
