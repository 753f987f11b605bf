"""Numbers as written, digits or words, and their value: 30,000, 3.5, ثلاثة عشر, اثنتا عشرة, خمسة وعشرين,
نصف مليون, 7 آلاف و367, مليون و200 ألف, المئة مليار. What a number counts is :mod:`akhbar.facts.numbers`'s."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from akhbar.facts._common import Tok, ascii_digits, clitic_forms
from akhbar.resources import resource_table
from akhbar.text import normalize

_NUMBER = re.compile(r"^[0-9]+(?:[.,٫٬][0-9]+)*$")
HUNDRED_DEFINITE = frozenset(("الميه", "المايه"))  # المئة, المائة (match-normalized)
_HALF = frozenset(normalize(w) for w in ("نصف", "ونصف"))
_TWELVE = frozenset(normalize(w) for w in ("اثنتي", "اثني", "اثنا", "اثنتا"))
_TEN_OF_TEENS = frozenset(normalize(w) for w in ("عشر", "عشرة"))


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


def definite_hundred(norm: str) -> bool:
    """المئة, المائة, بالمئة, والمائة: the hundred of a percentage, never a count or a scale."""
    return bool(HUNDRED_DEFINITE.intersection(clitic_forms(norm)))


def number_at(toks: list[Tok], i: int) -> tuple[float, bool, int, str | None] | None:
    """``(value, approximate, width, unit)`` of a number starting at token ``i``."""
    norm = toks[i].norm
    teen = i + 1 < len(toks) and toks[i + 1].norm in _TEN_OF_TEENS
    if teen and norm in _TWELVE:
        return 12.0, False, 2, None  # اثنتا عشرة ساعة
    value = parse_number_token(norm)
    approximate = False
    unit: str | None = None
    if value is None:
        if definite_hundred(norm):
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
    scale = number_word(toks[j].norm) if j < len(toks) and not definite_hundred(toks[j].norm) else None
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
    if i + 1 >= len(toks) or toks[i].norm not in HUNDRED_DEFINITE:
        return None
    scale = number_word(toks[i + 1].norm)
    if scale is None or scale.kind != "scale":
        return None
    return 100 * scale.value, False, 2, None
