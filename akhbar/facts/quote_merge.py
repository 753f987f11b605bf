"""Quotes of several outlets merged into one row, and speakers checked against the story's names.

Split from :mod:`akhbar.facts.quotes` (which finds the quotes of each sentence): two reports are one
quote when their content stems overlap enough (near-verbatim when the speakers are unknown or only
described); a merged row takes the first speaker and role its reports name.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from akhbar.facts.records import Quote
from akhbar.facts.speaker_check import KnownNames, checked_speaker
from akhbar.facts.speakers import ATTRIBUTION_MARKERS
from akhbar.records import Sentence
from akhbar.text import normalize


@dataclass(frozen=True, slots=True)
class RawQuote:
    """A quote of one sentence, before merging; ``span`` locates the reported content."""

    sentence: Sentence
    speaker: str | None
    role: str | None
    verb: str
    text: str
    direct: bool
    carried: bool
    span: tuple[int, int]
    named: bool  # speaker is a person's name (not an organisation or a description)
    # the plural subject of an earlier clause (وقالوا): carried within its sentence, never beyond
    inferred_plural: bool = False


def verified(q: RawQuote, known: KnownNames | None) -> RawQuote:
    speaker = checked_speaker(q.speaker, known, attributed=normalize(q.verb) in ATTRIBUTION_MARKERS)
    if speaker == q.speaker:
        return q
    return replace(q, speaker=speaker, role=q.role if speaker is not None else None,
                   named=q.named and speaker is not None)


def merge(group: list[RawQuote]) -> Quote:
    head = group[0]
    role = next((q.role for q in group if q.role), None)
    speaker = next((q.speaker for q in group if q.speaker), None)
    return Quote(
        speaker,
        role,
        head.verb,
        head.text,
        head.direct,
        tuple(sorted({q.sentence.article for q in group})),
        tuple(q.sentence for q in group),
        carried=all(q.carried for q in group),
    )
