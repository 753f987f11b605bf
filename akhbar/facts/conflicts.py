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
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from akhbar.facts._common import (
    FACTS_MAX_DF,
    clitic_forms,
    content_stems,
    drop_article,
    jaccard,
    overlap,
    shared_stem_pairs,
    tokens_of,
)
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
# A toll's category names what is counted; an amount (دولار, نقطة) or a duration does not, and two
# such figures in sentences alike in half their words are often other things (exports vs imports,
# two countries' indexes, two laws): they must share most of their words.
_MIN_SAME_MATTER = 0.6
# Figures dated further apart than this are about different events, however alike their
# sentences (two deaths months apart in one long story); a toll updated within it is "updated".
MAX_DAYS_APART = 3
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


def _figure_date(f: Figure, dates: Mapping[str, str | None]) -> tuple[str | None, bool]:
    """``(date, explicit_when)``: the day a figure is about (its when, else its article's date)."""
    ref = parse_iso(dates.get(f.sentence.article))
    if f.when:
        for expr in find_time_expressions(f.sentence.text):
            if expr.text == f.when:
                date, _ = resolve(expr, ref)
                if date:
                    return date, True
    return (ref.isoformat() if ref else None), False


def _days_apart(a: str | None, b: str | None) -> int | None:
    """Days between two ISO days (None when either is unknown or coarser than a day)."""
    da, db = parse_iso(a), parse_iso(b)
    return abs((da - db).days) if da and db else None


def _agrees(f: Figure, others: Sequence[Figure]) -> bool:
    """Whether a figure of ``others`` (the other sentence's, same category and unit) agrees with ``f``."""
    lo, hi = _interval(f)
    for g in others:
        lo_g, hi_g = _interval(g)
        if (g.category, g.unit) == (f.category, f.unit) and max(lo, lo_g) <= min(hi, hi_g):
            return True
    return False


def figure_conflicts(
    figures: Sequence[Figure], timeline: Timeline | None = None, outlets: Mapping[str, str] | None = None,
) -> list[Conflict]:
    """Figures that count the same thing and disagree, in two outlets' reports of close days.

    Only figures of one block are compared: same category and counted noun, sharing a rare content
    stem of their sentences (the context test needs a shared stem). ``outlets`` maps article ids to
    their outlet: two articles of one outlet never contradict each other (without it, every article
    is its own outlet).
    """
    usable = [f for f in figures if f.category in COMPARABLE and f.unit and _precise(f)]
    dates = {d.article: d.date for d in timeline.articles} if timeline else {}
    context = [
        _Context(content_stems(f.sentence.text), _places(f.sentence), _words(f.sentence), *_figure_date(f, dates))
        for f in usable
    ]
    in_sentence: dict[Sentence, list[Figure]] = defaultdict(list)
    for f in usable:
        in_sentence[f.sentence].append(f)
    outlet = outlets or {}
    out: list[Conflict] = []
    rows, cols = shared_stem_pairs([c.stems for c in context], [(f.category, f.unit) for f in usable])
    for i, j in zip(rows, cols, strict=True):
        a, b = usable[i], usable[j]
        if outlet.get(a.sentence.article, a.sentence.article) == outlet.get(b.sentence.article, b.sentence.article):
            continue
        lo_a, hi_a = _interval(a)
        lo_b, hi_b = _interval(b)
        if max(lo_a, lo_b) <= min(hi_a, hi_b):
            continue  # the figures agree
        if _agrees(a, in_sentence[b.sentence]) or _agrees(b, in_sentence[a.sentence]):
            continue  # both sentences carry both figures (the toll and a part of it, two places ...)
        ca, cb = context[i], context[j]
        needed = _MIN_CONTEXT if a.category in CUMULATIVE else _MIN_SAME_MATTER
        if jaccard(ca.stems, cb.stems) < needed or _different_places(ca, cb):
            continue
        if ca.explicit_date and cb.explicit_date and ca.date != cb.date:
            continue  # explicitly different days: two different tolls
        apart = _days_apart(ca.date, cb.date)
        if apart is not None and apart > MAX_DAYS_APART:
            continue  # reports of other days (a story of months): not about the same event
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


def claim_conflicts(
    sentences: Sequence[Sentence], *, max_df: int = FACTS_MAX_DF, dates: Mapping[str, str | None] | None = None,
    outlets: Mapping[str, str] | None = None,
) -> list[Conflict]:
    """Propositions one outlet denies and another states, in articles of close days.

    A denied proposition is compared only with the sentences that share one of its rare stems
    (at most ``max_df`` sentences hold it): the test needs several shared stems, so no pair
    that could pass is left out but for stems too common to say which matter is meant.
    ``dates`` (article -> ISO day) and ``outlets`` (article -> outlet) work as in
    :func:`figure_conflicts`; without them every article is its own outlet of unknown date.
    """
    dated = dates or {}
    outlet = outlets or {}
    out: list[Conflict] = []
    denials: list[tuple[Sentence, Claim, set[str]]] = []
    for s in sentences:
        denial = _denial(s)
        if denial is None:
            continue
        prop = content_stems(denial.text)
        if len(prop) >= _MIN_PROPOSITION and not prop & _PROPOSALS:
            denials.append((s, denial, prop))
    if not denials:
        return out
    stems = [content_stems(s.text) for s in sentences]
    negated: dict[int, bool] = {}  # once per sentence, not once per denial and sentence
    for d, k in zip(*_proposition_pairs([p for _, _, p in denials], stems, max_df), strict=True):
        s, denial, prop = denials[d]
        other = sentences[k]
        if outlet.get(other.article, other.article) == outlet.get(s.article, s.article) or stems[k] & _PROPOSALS:
            continue
        apart = _days_apart(dated.get(s.article), dated.get(other.article))
        if apart is not None and apart > MAX_DAYS_APART:
            continue
        if k not in negated:
            negated[k] = _negated(other)
        if negated[k]:
            continue
        if overlap(prop, stems[k]) >= _CLAIM_OVERLAP and len(prop & stems[k]) >= _MIN_PROPOSITION:
            asserted = Claim(other.text, False, None, (other.article,), other)
            out.append(Conflict("claim", "contradiction", denial, asserted,
                                f"{denial.cue}: denied in {s.article}, stated in {other.article}"))
    return out


def _proposition_pairs(
    propositions: Sequence[set[str]], sentence_stems: Sequence[set[str]], max_df: int,
) -> tuple[list[int], list[int]]:
    """``(proposition, sentence)`` pairs sharing a stem that at most ``max_df`` sentences hold."""
    from akhbar.blocking import cross_pairs
    from akhbar.vectors import binary

    matrix = binary([*propositions, *sentence_stems])
    n = len(propositions)
    rows, cols = cross_pairs(matrix[:n], matrix[n:], max_df=max_df)
    return rows.tolist(), cols.tolist()


def find_conflicts(
    figures: Sequence[Figure], sentences: Sequence[Sentence], timeline: Timeline | None = None,
    outlets: Mapping[str, str] | None = None,
) -> list[Conflict]:
    dates = {d.article: d.date for d in timeline.articles} if timeline else {}
    return figure_conflicts(figures, timeline, outlets) + claim_conflicts(sentences, dates=dates, outlets=outlets)
