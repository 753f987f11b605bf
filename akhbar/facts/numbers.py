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
from dataclasses import dataclass, replace
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
from akhbar.facts.records import Figure
from akhbar.facts.temporal import NUMERIC_DATE, find_time_expressions, year_of
from akhbar.records import Sentence
from akhbar.resources import resource_set, resource_table
from akhbar.text import normalize

_NUMBER = re.compile(r"^[0-9]+(?:[.,٫٬][0-9]+)*$")
PERCENT = "percent"  # unit and category of 20%, ٣٠٪, 20 في المئة, 20 بالمائة
_PERCENT_SIGNS = "%٪﹪％"
_HUNDRED_DEFINITE = frozenset(("الميه", "المايه"))  # المئة, المائة (match-normalized)
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
    )
)
# Grade and model words: بنزين 80 أوكتين names a fuel, not 80 of anything.
_GRADES = frozenset(normalize(w) for w in ("أوكتين", "أوكتان", "اوكتين", "اوكتان"))
_HALF = frozenset(normalize(w) for w in ("نصف", "ونصف"))
_TWELVE = frozenset(normalize(w) for w in ("اثنتي", "اثني", "اثنا", "اثنتا"))
_TEN_OF_TEENS = frozenset(normalize(w) for w in ("عشر", "عشرة"))
# A number after these words names a law, an article or a list item; it counts nothing.
# So does one after a word for a position in a series: الدقيقة 90, الجولة 30, المركز 3 (an ordinal).
_LABELS = frozenset(normalize(w) for w in ("رقم", "مادة", "دورة", "نسخة", "حلقة", "لواء", "بند", "طبعة",
                                           "دقيقة", "جولة", "مرحلة", "مركز", "مرتبة", "قرار", "فقرة", "صفحة",
                                           "فصل", "مباراة", "طريق"))
_WINDOW_BEFORE = 6
_WINDOW_AFTER = 4


@dataclass(frozen=True, slots=True)
class NumberWord:
    value: float
    kind: str  # cardinal, scale, approx, dual
    unit: str | None = None


@cache
def number_words() -> dict[str, NumberWord]:
    out: dict[str, NumberWord] = {}
    for row in resource_table("number_words.tsv"):
        form, value, kind = row[0], float(row[1]), row[2]
        unit = kind.split(":", 1)[1] if kind.startswith("dual:") else None
        out[form] = NumberWord(value, kind.split(":", 1)[0], unit)
    return out


@cache
def _cue_index() -> dict[str, str]:
    """Cue word -> the category of figure it marks (``figure_cues.tsv``)."""
    return {row[1]: row[0] for row in resource_table("figure_cues.tsv") if row[0] != "lemma"}


@cache
def _lemmas() -> dict[str, str]:
    """Plural unit -> its singular (أيام -> يوم), so figures of the same unit compare."""
    return {row[1]: row[2] for row in resource_table("figure_cues.tsv") if row[0] == "lemma"}


def number_word(norm: str) -> NumberWord | None:
    """The number a (match-normalized) word denotes, allowing و/ب/ل and ال in front."""
    table = number_words()
    for form in clitic_forms(norm):
        if form in table:
            return table[form]
        if form.startswith("ال") and form[2:] in table and table[form[2:]].kind in ("approx", "scale"):
            return table[form[2:]]
    return None


def parse_number_token(norm: str) -> float | None:
    """The value of a digit token (30,000 and 3.5 included); None for anything else."""
    if not norm[:1].isdecimal():
        return None
    norm = ascii_digits(norm)
    if not _NUMBER.match(norm):
        return None
    if "," in norm and re.fullmatch(r"\d{1,3}(,\d{3})+", norm):
        return float(norm.replace(",", ""))
    try:
        return float(norm.replace(",", ".").replace("٫", "."))
    except ValueError:
        return None


def unit_lemma(norm: str) -> str:
    """The counted noun as a comparison key: article and clitics removed, singular where known."""
    # A clitic comes off only when what is left is a known noun: لائحة and برميل keep their ل and ب.
    word = next((drop_article(f) for f in clitic_forms(norm) if drop_article(f) in _lemmas()), drop_article(norm))
    if word in _lemmas():
        return _lemmas()[word]
    if len(word) >= 4 and word.endswith("ا") and not word.endswith("اا"):
        word = word[:-1]
    return _lemmas().get(word, word)


def _definite_hundred(norm: str) -> bool:
    """المئة, المائة, بالمئة, والمائة: the hundred of a percentage, never a count or a scale."""
    return bool(_HUNDRED_DEFINITE.intersection(clitic_forms(norm)))


def _number_at(toks: list[Tok], i: int) -> tuple[float, bool, int, str | None] | None:
    """``(value, approximate, width, unit)`` of a number starting at token ``i``."""
    norm = toks[i].norm
    teen = i + 1 < len(toks) and toks[i + 1].norm in _TEN_OF_TEENS
    if teen and norm in _TWELVE:
        return 12.0, False, 2, None  # اثنتا عشرة ساعة
    value = parse_number_token(norm)
    approximate = False
    unit: str | None = None
    if value is None:
        if _definite_hundred(norm):
            # المئة is never a count by itself: 20 في المئة is 20 percent, not 20 and 100
            return _hundred_times(toks, i)
        word = number_word(norm)
        if word is None:
            return None
        value, approximate, unit = word.value, word.kind == "approx", word.unit
        if word.kind == "dual":
            return value, False, 1, unit
    width = 1
    if teen and value < 10 and number_word(norm) is not None:
        value, width = value + 10, 2  # ثلاثة عشر
    # و-compounds: خمسة وعشرين
    if i + 1 < len(toks) and toks[i + 1].norm.startswith("و"):
        tens = number_word(toks[i + 1].norm[1:])
        if tens is not None and tens.kind == "cardinal" and tens.value >= 20 and value < 10:
            value, width = value + tens.value, 2
    if i > 0 and toks[i - 1].norm in _HALF and value >= 1000:
        value /= 2  # نصف مليون
    j = i + width
    scale = number_word(toks[j].norm) if j < len(toks) and not _definite_hundred(toks[j].norm) else None
    if scale is not None and scale.kind in ("scale", "approx") and scale.value > value:  # 20 بالمئة is not 2000
        value *= scale.value
        approximate = approximate or scale.kind == "approx"
        width += 1
        value, width = _and_rest(toks, i + width, value, scale.value, width)
    elif width == 1 and (word := number_word(norm)) is not None and word.kind == "scale":
        value, width = _and_rest(toks, i + 1, value, value, width)  # مليون و200 ألف
    return value, approximate, width, unit


def _and_rest(toks: list[Tok], k: int, value: float, scale: float, width: int) -> tuple[float, int]:
    """``7 آلاف و367``, ``مليون و200 ألف``: the و-joined remainder below the scale is part of one number."""
    if k >= len(toks) or not toks[k].norm.startswith("و"):
        return value, width
    extra = 1
    if toks[k].norm == "و":  # و367: the tokens split و from the digits
        if k + 1 >= len(toks) or toks[k + 1].start != toks[k].end:
            return value, width
        k, extra = k + 1, 2
        rest = parse_number_token(toks[k].norm)
    else:
        rest = parse_number_token(toks[k].norm[1:])
    if rest is None:
        word = number_word(toks[k].norm[1:])
        rest = word.value if word is not None and word.kind == "cardinal" and extra == 1 else None
    if rest is not None and k + 1 < len(toks):
        smaller = number_word(toks[k + 1].norm)
        if smaller is not None and smaller.kind in ("scale", "approx"):
            # مليون و200 ألف is one number; بين 3 آلاف و5 آلاف are two
            rest, extra = (rest * smaller.value, extra + 1) if rest * smaller.value < scale else (None, extra)
    if rest is None or rest >= scale:
        return value, width
    return value + rest, width + extra


def _hundred_times(toks: list[Tok], i: int) -> tuple[float, bool, int, str | None] | None:
    """``المئة مليار``: a definite hundred before a scale word is a hundred of it, not a percentage."""
    if i + 1 >= len(toks) or toks[i].norm not in _HUNDRED_DEFINITE:
        return None
    scale = number_word(toks[i + 1].norm)
    if scale is None or scale.kind != "scale":
        return None
    return 100 * scale.value, False, 2, None


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
    if end + 1 < len(toks) and toks[end].norm == "في" and toks[end + 1].norm in _HUNDRED_DEFINITE:
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
        found = _number_at(toks, i)
        if found is None or (i > 0 and strip_article(toks[i - 1].norm) in _LABELS) or not_a_count(text, toks, i):
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
