"""Figures: numbers in digits or words, with what they count and in which category.

``53 شخصا قتلوا أمس الثلاثاء`` -> 53 شخص killed, when ``أمس الثلاثاء``; ``أكثر من 30 ألف شخص``
after تهجير -> 30000 شخص displaced (a lower bound, so approximate); ``عشرات الألوف`` after نزوح
-> 10000 displaced, approximate; ``هدنة ... لمدة سبعة أيام`` -> 7 يوم duration; 2016/12/04 is a
date, not a count. The category comes from the nearest cue word around the number (قتل, مقتل,
أودى بحياة -> killed; جرح, أصيب -> wounded; تهجير, نزوح -> displaced; أسر -> captured).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from akhbar.facts._common import (
    Tok,
    ascii_digits,
    clitic_forms,
    drop_article,
    gap,
    group_by_head,
    strip_article,
    tokens_of,
)
from akhbar.facts.not_counts import month_after, not_a_count
from akhbar.facts.number_words import (
    HUNDRED_DEFINITE,
    NumberWord,
    number_at,
    number_word,
    parse_number_token,
)
from akhbar.facts.records import Figure
from akhbar.facts.temporal import NUMERIC_DATE, find_time_expressions, year_of
from akhbar.records import Sentence
from akhbar.resources import resource_set, resource_table
from akhbar.text import normalize

__all__ = ["PERCENT", "TIME_UNITS", "NumberWord", "extract_figures", "merge_figures", "number_word",
           "parse_number_token", "sentence_figures", "unit_lemma"]

PERCENT = "percent"  # unit and category of 20%, ٣٠٪, 20 في المئة, 20 بالمائة
_PERCENT_SIGNS = "%٪﹪％"
_PERCENT_WORDS = frozenset(("بالميه", "بالمايه"))
_QUALIFIERS_BEFORE = {
    ("اكثر", "من"): "more_than",
    ("ما", "يزيد", "علي"): "more_than",
    ("اقل", "من"): "less_than",
    ("نحو",): "about",
    ("حوالي",): "about",
    ("قرابه",): "about",
    ("زهاء",): "about",
    ("ما", "يقارب"): "about",
    ("ما", "لا", "يقل", "عن"): "at_least",
}
_AT_LEAST_AFTER = (("علي", "الاقل"),)
TIME_UNITS = frozenset(normalize(w) for w in ("يوم", "أسبوع", "شهر", "سنة", "عام", "ساعة", "دقيقة"))
_NOT_UNITS = frozenset(
    normalize(w)
    for w in (
        "آخرين",
        "أخرى",
        "آخر",
        "ضمن",
        "على",
        "بينهم",
        "منهم",
        "فقط",
        "كانوا",
        "قتلوا",
        "جراء",
        "خلال",
        "عن",
        "في",
        # words after a number that count nothing (عشرة هناك, 27 من أصل 128, خمسة زائد واحد)
        "هناك",
        "هنا",
        "إنما",
        "انما",
        "لكن",
        "لكننا",
        "لكنه",
        "حول",
        "زائد",
        "أصل",
        "أيضا",
        "حتى",
        "مقابل",
        "إلى",
        "الى",
        "أو",
        "أم",
        # adverbs, prepositions and conjunctions a number is followed by when it counts nothing named
        "غدا", "الآن", "سابقا", "تقريبا", "لدى", "نحو", "حوالي", "ضد", "دون", "تحت", "فوق", "عبر", "وفق", "بحسب",
        "حسب", "إثر", "رغم", "لأن", "إذ", "عندما", "بعدما", "حين", "وسط", "لصالح", "مقارنة", "أكثر", "أقل", "بنسبة",
        "لكي",
    )
)
# Grade and model words: بنزين 80 أوكتين names a fuel, not 80 of anything.
_GRADES = frozenset(normalize(w) for w in ("أوكتين", "أوكتان", "اوكتين", "اوكتان"))
# A number after these words names a law, an article or a list item; it counts nothing.
# So does one after a word for a position in a series: الدقيقة 90, الجولة 30, المركز 3 (an ordinal).
_LABELS = frozenset(normalize(w) for w in ("رقم", "مادة", "دورة", "نسخة", "حلقة", "لواء", "بند", "طبعة",
                                           "دقيقة", "جولة", "مرحلة", "مركز", "مرتبة", "قرار", "فقرة", "صفحة",
                                           "فصل", "مباراة", "طريق", "ذكرى"))
_WINDOW_BEFORE = 6
_WINDOW_AFTER = 4


@cache
def _cue_index() -> dict[str, str]:
    """Cue word -> the category of figure it marks (``figure_cues.tsv``)."""
    return {row[1]: row[0] for row in resource_table("figure_cues.tsv") if row[0] != "lemma"}


@cache
def _lemmas() -> dict[str, str]:
    """Plural unit -> its singular (أيام -> يوم), so figures of the same unit compare."""
    return {row[1]: row[2] for row in resource_table("figure_cues.tsv") if row[0] == "lemma"}


def unit_lemma(norm: str) -> str:
    """The counted noun as a comparison key: article and clitics removed, singular where known."""
    # A clitic comes off only when what is left is a known noun: لائحة and برميل keep their ل and ب.
    word = next((drop_article(f) for f in clitic_forms(norm) if drop_article(f) in _lemmas()), drop_article(norm))
    if word in _lemmas():
        return _lemmas()[word]
    if len(word) >= 4 and word.endswith("ا") and not word.endswith("اا"):
        word = word[:-1]
    return _lemmas().get(word, word)


def _counted_noun(norm: str, unit: str, approximate: bool) -> bool:
    """Whether the word after a number names what it counts. A definite word after digits (95
    الأقل, 24 الخاصة) describes; a scale word (89 مليارا) is part of the number; a present-tense
    verb (ملايين يشاهدون) is the next clause; a grade word (80 أوكتين) names a product."""
    if unit in _GRADES or norm in _GRADES:
        return False
    if number_word(norm) is not None or number_word(norm.rstrip("ا")) is not None:
        return False
    if norm.startswith("ال") and not approximate and strip_article(norm) not in _lemmas():
        return False
    return not (norm[:1] in "يت" and norm.endswith(("ون", "ان")) and len(norm) >= 5 and norm not in _lemmas())


def _ordinal(toks: list[Tok], i: int) -> bool:
    """القانون رقم 89, الدقيقة 90, الذكرى 70: a label or a position; الدورة الـ71 لمهرجان, عيد ميلاده
    الـ40: the article on a number makes it an ordinal, unless a counted noun follows (الـ12 جنيها)."""
    if i == 0:
        return False
    if strip_article(toks[i - 1].norm) in _LABELS:
        return True
    after = toks[i + 1].norm if i + 1 < len(toks) else ""
    if after == "في" or after in _PERCENT_WORDS:
        return False  # تجاوزت الـ3 في المائة: a definite percentage
    return toks[i - 1].norm in ("ال", "وال") and (not after or after.startswith("ل") or after in _NOT_UNITS)


def _amount_adjective(toks: list[Tok], k: int) -> bool:
    """After مليون/مليار, a derived participle (مستهدفة, متوقعة) describes the amount; what an amount of
    millions counts is a currency or a plural noun, never a singular feminine participle."""
    scale = number_word(toks[k - 1].norm) if k else None
    word = toks[k].norm
    return (scale is not None and scale.kind == "scale" and scale.value >= 1e6
            and word.startswith(("مست", "مت")) and word.endswith("ه") and len(word) >= 5)


def _percent_after(text: str, toks: list[Tok], end: int) -> tuple[int, int] | None:
    """``(token end, character end)`` of a percent marker right after the number ending at ``end``.

    A sign (20%, ٣٠٪, 20 %), بالمئة/بالمائة, or في المئة/المائة.
    """
    after = toks[end - 1].end
    rest = text[after : toks[end].start if end < len(toks) else len(text)]
    stripped = rest.lstrip(" \u00a0\u200f\u200e")
    if stripped[:1] and stripped[0] in _PERCENT_SIGNS:
        return end, after + len(rest) - len(stripped) + 1
    if end < len(toks) and toks[end].norm in _PERCENT_WORDS:
        return end + 1, toks[end].end
    if end + 1 < len(toks) and toks[end].norm == "في" and toks[end + 1].norm in HUNDRED_DEFINITE:
        return end + 2, toks[end + 1].end
    return None


def _qualifier(toks: list[Tok], i: int, end: int) -> tuple[str | None, int]:
    before = [t.norm for t in toks[max(0, i - 4) : i]]
    for words, name in _QUALIFIERS_BEFORE.items():
        if tuple(before[-len(words) :]) == words:
            return name, len(words)
    for words in _AT_LEAST_AFTER:
        for k in range(end, min(end + 5, len(toks) - 1)):
            if (toks[k].norm, toks[k + 1].norm) == words:
                return "at_least", 0
    return None, 0


def _category(toks: list[Tok], i: int, end: int, unit: str, ago: bool) -> str:
    if unit in TIME_UNITS:
        return "date" if ago else "duration"
    cues = _cue_index()
    for k in range(i, end):  # the counted noun itself: مئات القتلى
        hit = next((cues[f] for f in (*clitic_forms(toks[k].norm), strip_article(toks[k].norm)) if f in cues), None)
        if hit:
            return hit
    best: tuple[int, str] | None = None
    for k in range(max(0, i - _WINDOW_BEFORE), min(len(toks), end + _WINDOW_AFTER)):
        if i <= k < end:
            continue
        cat = next((cues[f] for f in (*clitic_forms(toks[k].norm), strip_article(toks[k].norm)) if f in cues), None)
        if cat is None:
            continue
        distance = i - k if k < i else k - end + 1
        if best is None or distance < best[0]:
            best = (distance, cat)
    return best[1] if best else "count"


def sentence_figures(sentence: Sentence) -> list[Figure]:
    """The figures of one sentence, in order."""
    text = sentence.text
    toks = tokens_of(text)
    times = find_time_expressions(text)
    when = next((t.text for t in times if t.kind in ("today", "yesterday", "tomorrow", "weekday", "date")), None)
    out: list[Figure] = []
    if len(toks) == 1 and not text.strip().rstrip(".").strip(toks[0].text):
        return out  # a sentence that is only a number: a page number or a list marker
    i = 0
    while i < len(toks):
        norm = toks[i].norm
        if NUMERIC_DATE.match(norm) or year_of(norm) is not None:
            out.append(
                Figure(
                    float(re.sub(r"\D", "", ascii_digits(norm))),
                    False,
                    "",
                    "date",
                    toks[i].text,
                    when,
                    (sentence.article,),
                    sentence,
                    None,
                    toks[i].start,
                    toks[i].end,
                )
            )
            i += 1
            continue
        found = number_at(toks, i)
        if found is None or _ordinal(toks, i) or not_a_count(text, toks, i):
            i += 1  # not a number, a label (القانون رقم 89, المادة 20), a name (فرانس 24), a clock time
            continue
        value, approximate, width, unit = found
        end = i + width
        if unit is None and month_after(toks, end):
            i = end  # 12 مايو, 14 آذار: a date (the time line has it) or a name, never a count
            continue
        qualifier, q_width = _qualifier(toks, i, end)
        percent = _percent_after(text, toks, end) if unit is None else None
        char_end: int | None = None
        if percent is not None:
            unit, (end, char_end) = PERCENT, percent
        elif unit is None:
            unit = ""
            k = end + (1 if end < len(toks) and toks[end].norm == "من" else 0)
            if (
                k < len(toks)
                and not any(c in gap(text, toks, k) for c in "،,.:;؛()/-")  # واحدة، إنما: no noun past a comma
                and len(strip_article(toks[k].norm)) > 1
                and toks[k].norm not in _NOT_UNITS
                and not toks[k].norm.startswith("لل")  # 71 للسينما: a ل-phrase, never what a number counts
                and toks[k].norm not in resource_set("function_words.txt")
                and not toks[k].norm[0].isdigit()
                and number_word(toks[k].norm) is None
                and (not toks[k].norm.startswith("و") or strip_article(toks[k].norm) in _lemmas())
                and (toks[k].norm not in _cue_index() or strip_article(toks[k].norm) in _lemmas())
            ):
                unit = unit_lemma(toks[k].norm)
                end = k + 1
                if _amount_adjective(toks, k) or not _counted_noun(
                        toks[k].norm, unit, approximate or qualifier is not None or found[3] is not None):
                    unit = ""  # 95 الأقل, 110 مليار مستهدفة, ملايين يشاهدون, 89 مليارا: no noun counted
                    end = k
        ago = i > 0 and toks[i - 1].norm in ("قبل", "وقبل")
        category = PERCENT if unit == PERCENT else _category(toks, i, end, unit, ago)
        start_tok = i - q_width
        approximate = approximate or qualifier in ("more_than", "about", "less_than", "at_least")
        span_end = end
        if qualifier == "at_least":
            span_end = next(
                (
                    k + 2
                    for k in range(end, min(end + 5, len(toks) - 1))
                    if (toks[k].norm, toks[k + 1].norm) == _AT_LEAST_AFTER[0]
                ),
                end,
            )
        s, e = toks[start_tok].start, max(toks[span_end - 1].end, char_end or 0)
        out.append(
            Figure(
                value,
                approximate,
                unit,
                category,
                text[s:e],
                when,
                (sentence.article,),
                sentence,
                qualifier,
                s,
                e,
            )
        )
        i = end
    return out


def extract_figures(sentences: Sequence[Sentence], *, include_dates: bool = False) -> list[Figure]:
    """Figures of all sentences (dates as figures only with ``include_dates``)."""
    out: list[Figure] = []
    for sentence in sentences:
        out.extend(
            f for f in sentence_figures(sentence) if include_dates or f.category != "date" or f.unit in TIME_UNITS
        )
    return out


def merge_figures(figures: Sequence[Figure], *, min_context: float = 0.2) -> list[Figure]:
    """One entry for the same figure reported in several sentences or outlets (the seven-day truce).

    Same value, category, unit and vagueness, in sentences about the same matter (content overlap).
    """
    groups = group_by_head(
        figures, lambda f: (f.value, f.category, f.unit, f.approximate), lambda f: f.sentence.text, min_context
    )
    out = []
    for group in groups:
        head = group[0]
        if len(group) == 1:
            out.append(head)
            continue
        sources = tuple(sorted({s for f in group for s in f.sources}))
        out.append(replace(head, sources=sources, sentences=tuple(f.sentence for f in group)))
    return out
