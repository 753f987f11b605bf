"""Numbers that count nothing: clock times, numbers inside names, and number words that describe.

``14,00 ت غ`` and ``الساعة 6 مساء`` are times (the time line has them); ``فرانس 24``, ``إف-16``,
``5+1`` and ``إيه 10`` name something; ``رؤية سياسية واحدة`` and ``من جانب واحد`` describe a noun;
``12 مايو`` and ``14 آذار`` are dates or, for Lebanon's coalitions, names. None is a figure.
"""

from __future__ import annotations

import re

from akhbar.facts._common import Tok, ascii_digits, gap
from akhbar.text import normalize
from akhbar.text.calendar import MONTHS_ONE, MONTHS_TWO

# A number that is part of a name: فرانس 24, the 8 آذار and 14 آذار coalitions are months (dates).
_NAME_BEFORE = frozenset(normalize(w) for w in ("فرانس", "حزب", "فرنسا", "قناة", "إيه", "بي", "جي", "سي", "تي", "إف",
                                                "إس", "إم", "أف", "كي", "دي", "راي"))
# A clock time: 14,00 / 04.00 / 18:30, or a number before ت غ, بتوقيت, مساء, صباحا.
_CLOCK = re.compile(r"^[0-2]?[0-9][,.:٫][0-5][0-9]$")
_CLOCK_AFTER = frozenset(normalize(w) for w in ("ت", "بتوقيت", "توقيت", "مساء", "صباحا", "صباحاً", "ظهرا", "فجرا",
                                                 "غرينتش", "بالتوقيت"))
_CLOCK_BEFORE = frozenset(normalize(w) for w in ("الساعة", "الساعه", "والساعة"))
# Number words that, after a noun, describe it instead of counting (رؤية واحدة, من جانب واحد).
_ADJECTIVE_NUMBERS = frozenset(normalize(w) for w in ("واحد", "واحدة", "الواحد", "الواحدة", "كواحد", "كواحدة"))
# أحد/إحدى is "one of" (أحد أبرز, إحدى الدول) or "someone", never a count: that is واحد.
_ONE_OF = frozenset(normalize(w) for w in ("أحد", "وأحد", "لأحد", "بأحد", "فأحد", "إحدى", "وإحدى", "لإحدى", "بإحدى",
                                           "فإحدى", "كأحد", "كإحدى"))
# A number after these words is part of an organisation's name (حركة 5 نجوم, مجموعة 5+1, تيار 14 آذار).
_NAMED_BY_NUMBER = frozenset(normalize(w) for w in ("حركة", "وحركة", "لحركة", "بحركة", "تيار", "ائتلاف", "تحالف",
                                                     "مجموعة", "حزب", "قوى"))
# A number opening a quoted title after these words names a work (فيلم "ثلاث لافتات إعلانية").
_WORKS = frozenset(normalize(w) for w in ("فيلم", "الفيلم", "وفيلم", "لفيلم", "بفيلم", "كتاب", "الكتاب", "رواية",
                                          "الرواية", "أغنية", "الأغنية", "مسلسل", "المسلسل", "مسرحية", "ألبوم"))
_QUOTE_MARKS = "\"«“”'"


def not_a_count(text: str, toks: list[Tok], i: int) -> bool:
    """A clock time (14,00 ت غ; الساعة 6 مساء), a number in a name (فرانس 24, إف-16, إس-300, 5+1) or
    a number word describing a noun (رؤية سياسية واحدة, من جانب واحد)."""
    norm = toks[i].norm
    if norm in _ONE_OF or _CLOCK.match(ascii_digits(norm)):
        return True
    before = toks[i - 1].norm if i else ""
    after = toks[i + 1].norm if i + 1 < len(toks) else ""
    if before in _CLOCK_BEFORE or (after in _CLOCK_AFTER and not norm.startswith(("ال", "و"))):
        return True
    if _in_a_name(text, toks, i, before):
        return True
    glued = text[toks[i - 1].end:toks[i].start] if i else " "
    if i and glued.strip() in ("-", "+", "/") and " " not in glued:
        return True  # إف-16, إس-300, 5+1, 24/7
    if i + 1 < len(toks) and text[toks[i].end:toks[i + 1].start] in ("+", "-") and after[:1].isdigit():
        return True
    return norm in _ADJECTIVE_NUMBERS and i > 0 and not any(c in gap(text, toks, i) for c in "،,.:")


def _in_a_name(text: str, toks: list[Tok], i: int, before: str) -> bool:
    """فرانس 24, حركة 5 نجوم, فيلم "ثلاث لافتات": the number is part of a name or a title."""
    if before in _NAME_BEFORE or before in _NAMED_BY_NUMBER:
        return True
    return before in _WORKS and any(c in _QUOTE_MARKS for c in gap(text, toks, i))


def month_after(toks: list[Tok], end: int) -> bool:
    """A month name right after the number: ``12 مايو``, ``8 أيار/مايو``, ``13 تشرين الأول``."""
    if end >= len(toks):
        return False
    norm = toks[end].norm
    return norm in MONTHS_ONE or any(norm == first for first, _ in MONTHS_TWO)
