"""Disagreements between outlets: differing figures and denied claims, with high precision.

Figures are compared only when they count the same thing: same category and counted noun, both
precise (``المئات`` never contradicts anything), sentences about the same matter (content overlap),
no disjoint places, and not on explicitly different days (53 killed ``أمس الثلاثاء`` and 20 killed
the day before are two tolls). Bounds are intervals (أكثر من 30 ألف agrees with 35 ألف). When the
articles' dates differ and the later cumulative count is larger, the pair is an ``updated`` toll.
A claim conflict is a denial (نفى, ينفي, رفض ...) in one outlet whose proposition another outlet
states without negation; rejecting a proposal (رفض مقترحا) is not a denial of a fact.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from akhbar.facts._common import clitic_forms, content_stems, drop_article, jaccard, overlap, tokens_of
from akhbar.facts.records import Claim, Conflict, Figure, Timeline
from akhbar.facts.temporal import find_time_expressions, parse_iso, resolve
from akhbar.records import Sentence
from akhbar.text import light_stem, normalize

COMPARABLE = frozenset(("killed", "wounded", "displaced", "captured", "duration", "count"))
CUMULATIVE = frozenset(("killed", "wounded", "displaced", "captured"))
_PLACE_INTRODUCERS = frozenset(
    normalize(w)
    for w in (
        "في",
        "مدينة",
        "ريف",
        "بلدة",
        "حي",
        "أحياء",
        "محافظة",
        "قرية",
        "منطقة",
        "شرق",
        "غرب",
        "شمال",
        "جنوب",
    )
)
_PLACE_SKIP = frozenset(
    normalize(w)
    for w in (
        "مدينة",
        "ريف",
        "بلدة",
        "حي",
        "منطقة",
        "محافظة",
        "قرية",
        "شرق",
        "غرب",
        "شمال",
        "جنوب",
        "المدينة",
        "الأحياء",
        "وقت",
        "قصف",
    )
)
_DENIALS = frozenset(
    normalize(w)
    for w in (
        "نفى",
        "نفت",
        "ينفي",
        "تنفي",
        "نفوا",
        "نفي",
        "كذب",
        "كذبت",
        "رفض",
        "رفضت",
        "يرفض",
        "ترفض",
        "رفضوا",
    )
)
_PROPOSALS = frozenset(
    light_stem(normalize(w))
    for w in ("مقترح", "مقترحا", "اقتراح", "عرض", "العرض", "مبادرة", "دعوة", "طلب", "مشروع", "خطة", "محاولة")
)
_MIN_CONTEXT = 0.3
_MIN_PROPOSITION = 4
_CLAIM_OVERLAP = 0.7


def _interval(f: Figure) -> tuple[float, float]:
    if f.qualifier in ("more_than", "at_least"):
        return f.value, math.inf
    if f.qualifier == "less_than":
        return 0.0, f.value
    if f.qualifier == "about":
        return 0.8 * f.value, 1.2 * f.value
    return f.value, f.value


def _precise(f: Figure) -> bool:
    """Digits or exact number words; vague quantities (مئات, عشرات) are never compared."""
    return not f.approximate or f.qualifier is not None


def _places(sentence: Sentence) -> set[str]:
    toks = tokens_of(sentence.text)
    out = set()
    for k in range(len(toks) - 1):
        if toks[k].norm in _PLACE_INTRODUCERS and toks[k + 1].norm not in _PLACE_SKIP:
            out.add(drop_article(toks[k + 1].norm))
    return out


def _words(sentence: Sentence) -> set[str]:
    return {drop_article(form) for tok in tokens_of(sentence.text) for form in clitic_forms(tok.norm)}


@dataclass(frozen=True, slots=True)
class _Context:
    """What a figure's sentence says, computed once per figure rather than once per pair."""

    stems: set[str]
    places: set[str]
    words: set[str]
    date: str | None
    explicit_date: bool


def _different_places(a: _Context, b: _Context) -> bool:
    """Each sentence names a place the other never mentions (ادلب vs حلب)."""
    return bool(a.places - b.words) and bool(b.places - a.words)


def _figure_date(f: Figure, timeline: Timeline | None) -> tuple[str | None, bool]:
    """``(date, explicit_when)``: the day a figure is about (its when, else its article's date)."""
    ref = parse_iso(timeline.date_of(f.sentence.article)) if timeline else None
    if f.when:
        for expr in find_time_expressions(f.sentence.text):
            if expr.text == f.when:
                date, _ = resolve(expr, ref)
                if date:
                    return date, True
    return (ref.isoformat() if ref else None), False


def figure_conflicts(figures: Sequence[Figure], timeline: Timeline | None = None) -> list[Conflict]:
    out: list[Conflict] = []
    usable = [f for f in figures if f.category in COMPARABLE and f.unit and _precise(f)]
    context = {
        id(f): _Context(content_stems(f.sentence.text), _places(f.sentence), _words(f.sentence),
                        *_figure_date(f, timeline))
        for f in usable
    }
    for k, a in enumerate(usable):
        for b in usable[k + 1 :]:
            if a.sentence.article == b.sentence.article or (a.category, a.unit) != (b.category, b.unit):
                continue
            lo_a, hi_a = _interval(a)
            lo_b, hi_b = _interval(b)
            if max(lo_a, lo_b) <= min(hi_a, hi_b):
                continue  # the figures agree
            ca, cb = context[id(a)], context[id(b)]
            if jaccard(ca.stems, cb.stems) < _MIN_CONTEXT or _different_places(ca, cb):
                continue
            if ca.explicit_date and cb.explicit_date and ca.date != cb.date:
                continue  # explicitly different days: two different tolls
            out.append(_judge(a, b, ca.date, cb.date))
    return out


def _judge(a: Figure, b: Figure, da: str | None, db: str | None) -> Conflict:
    what = f"{a.category} ({a.unit})"
    if da and db and da != db and a.category in CUMULATIVE:
        early, late = (a, b) if da < db else (b, a)
        if late.value > early.value:
            return Conflict(
                "figure",
                "updated",
                early,
                late,
                f"{what}: {early.value:g} on {min(da, db)} -> {late.value:g} on {max(da, db)}",
            )
        return Conflict(
            "figure",
            "contradiction",
            early,
            late,
            f"{what}: a later report gives a smaller count ({late.value:g} < {early.value:g})",
        )
    return Conflict(
        "figure",
        "contradiction",
        a,
        b,
        f"{what}: {a.value:g} vs {b.value:g}" + (f" (same date {da})" if da and da == db else ""),
    )


def _denial(sentence: Sentence) -> Claim | None:
    toks = tokens_of(sentence.text)
    for k, tok in enumerate(toks):
        forms = {tok.norm, tok.norm[1:] if tok.norm[:1] in "وف" else tok.norm}
        if forms & _DENIALS and k + 1 < len(toks):
            return Claim(sentence.text[toks[k + 1].start :].strip(), True, tok.text, (sentence.article,), sentence)
    return None


def _negated(sentence: Sentence) -> bool:
    return any(({t.norm, t.norm[1:]} & _DENIALS) for t in tokens_of(sentence.text))


def claim_conflicts(sentences: Sequence[Sentence]) -> list[Conflict]:
    """Propositions one outlet denies and another states."""
    out: list[Conflict] = []
    stems = {id(s): content_stems(s.text) for s in sentences}
    negated: dict[int, bool] = {}  # once per sentence, not once per denial and sentence
    for s in sentences:
        denial = _denial(s)
        if denial is None:
            continue
        prop = content_stems(denial.text)
        if len(prop) < _MIN_PROPOSITION or prop & _PROPOSALS:
            continue
        for other in sentences:
            if other.article == s.article or stems[id(other)] & _PROPOSALS:
                continue
            if id(other) not in negated:
                negated[id(other)] = _negated(other)
            if negated[id(other)]:
                continue
            if overlap(prop, stems[id(other)]) >= _CLAIM_OVERLAP and len(prop & stems[id(other)]) >= _MIN_PROPOSITION:
                asserted = Claim(other.text, False, None, (other.article,), other)
                out.append(
                    Conflict(
                        "claim",
                        "contradiction",
                        denial,
                        asserted,
                        f"{denial.cue}: denied in {s.article}, stated in {other.article}",
                    )
                )
    return out


def find_conflicts(
    figures: Sequence[Figure], sentences: Sequence[Sentence], timeline: Timeline | None = None
) -> list[Conflict]:
    return figure_conflicts(figures, timeline) + claim_conflicts(sentences)
