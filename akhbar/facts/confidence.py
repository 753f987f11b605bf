"""How sure a facts row is, and which rows a reader sees: ranked by confidence, the doubtful hidden.

A row that is probably wrong is better left out than shown. Each table's rows get a confidence in
[0, 1] from evidence the row carries (how many outlets report it, whether its speaker is a name, an
organisation or a description, whether a figure counts a noun); rows are ranked by it and those
below the table's threshold are hidden. The thresholds were chosen on the dev stories of the facts
audit (``data/audit``, ``akhbar eval-facts --split dev``; see docs/audit.md), never on test.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from akhbar.facts.records import Entity, Facts, Figure, Quote
from akhbar.text import normalize

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The smallest confidence shown, per table (0 shows every row)."""

    quotes: float = 0.7
    figures: float = 0.7
    entities: float = 0.9


SHOW_ALL = Thresholds(0.0, 0.0, 0.0)


def _outlets(sources: Sequence[str]) -> int:
    return len(set(sources))


def _support(n: int) -> float:
    """More articles reporting a row make it likelier right: 1 -> 0, 2 -> 0.5, 3 -> 0.67 ..."""
    return 1.0 - 1.0 / max(n, 1)


def quote_confidence(quote: Quote) -> float:
    """A speaker named in the quote's own sentence is surest; one carried over from an earlier
    sentence (وأضاف, مضيفا) was wrong in one case of six on the dev stories, so it ranks below the
    threshold. A quote shown as unattributed makes up no one: it ranks after the attributed ones."""
    if quote.speaker is None:
        return 0.75
    if quote.carried:
        return 0.55 + 0.1 * bool(quote.role)
    return 0.9 + 0.05 * bool(quote.role)


def figure_confidence(figure: Figure) -> float:
    """A figure that counts a noun and is reported by several articles is surest."""
    if not figure.unit:
        return 0.0
    base = 0.7 + 0.1 * (figure.category not in ("count", "duration"))
    return min(1.0, base + 0.2 * _support(len(figure.cited)))


def entity_confidence(entity: Entity) -> float:
    """The name's own evidence (the tagger's mean confidence, lowered for a lone common word or a
    fragment), raised a little when several articles name it."""
    return min(1.0, 0.8 * entity.evidence + 0.2 * _support(_outlets(entity.sources)))


def _ranked(rows: Sequence[T], score: Callable[[T], float], threshold: float) -> tuple[T, ...]:
    scored = [(score(row), k, row) for k, row in enumerate(rows)]
    kept = [item for item in scored if item[0] >= threshold]
    kept.sort(key=lambda item: (-item[0], item[1]))
    return tuple(row for _, _, row in kept)


def ranked(facts: Facts, thresholds: Thresholds = Thresholds()) -> Facts:
    """``facts`` with its quotes, figures and entities ranked by confidence, those below the
    thresholds left out (a stable sort: equal rows keep the extractor's order)."""
    return replace(
        facts,
        quotes=_ranked(facts.quotes, quote_confidence, thresholds.quotes),
        figures=_ranked(facts.figures, figure_confidence, thresholds.figures),
        entities=_ranked(facts.entities, entity_confidence, thresholds.entities),
    )


def name_variant_key(name: str) -> str:
    """A name's spelling with spaces, ال, hamza forms and doubled letters folded: the key under which
    two rows are split variants of one name (نصرالله / نصر الله)."""
    words = [w[2:] if w.startswith("ال") and len(w) > 4 else w for w in normalize(name).split()]
    return "".join(words).replace("ال", "")
