"""Time expressions in Arabic news sentences and their resolution against a reference date.

Found on match-normalized tokens: explicit dates (2016/12/04, 4 كانون الأول 2016, ديسمبر 2016,
ايلول/سبتمبر 2015), اليوم/أمس/غدا (with a weekday), parts of the day with a weekday (مساء السبت,
فجر الاحد), weekdays (الجمعة الماضي), ago-expressions (قبل يومين, قبل 15 شهرا) and spans
(منذ أكثر من أسبوعين). A weekday without a direction word resolves to the nearest such day
around the reference date, past first on a tie (news reports the last days, and announces the
next one or two).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from akhbar.facts._common import Tok, decimal_value, tokens_of
from akhbar.resources import resource_table
from akhbar.text import normalize
from akhbar.text.calendar import AMBIGUOUS_MONTHS, MONTHS_ONE, MONTHS_TWO, WEEKDAYS

_PARTS_OF_DAY = frozenset(
    normalize(w) for w in ("صباح", "مساء", "فجر", "ظهر", "ليل", "ليلة", "عصر", "يوم", "نهار", "منتصف")
)
_PAST = frozenset(normalize(w) for w in ("الماضي", "الماضية", "الفائت", "المنصرم"))
_FUTURE = frozenset(normalize(w) for w in ("المقبل", "المقبلة", "القادم", "القادمة"))
# مطلع الأسبوع المقبل: which days of a named week (first three, last three)
_WEEK_PARTS = {
    **{normalize(w): "early" for w in ("مطلع", "بداية", "أوائل", "مستهل")},
    **{normalize(w): "late" for w in ("نهاية", "أواخر", "آخر")},
}
_WEEK = normalize("الأسبوع")
# The calendar week of most Arab outlets runs Saturday to Friday (Python: Saturday = 5).
_WEEK_START = 5
_UNITS_DAYS = {
    normalize(w): d
    for w, d in (
        ("يوم", 1),
        ("يوما", 1),
        ("أيام", 1),
        ("أسبوع", 7),
        ("أسابيع", 7),
        ("شهر", 30),
        ("شهرا", 30),
        ("أشهر", 30),
        ("شهور", 30),
        ("سنة", 365),
        ("سنوات", 365),
        ("عام", 365),
        ("عاما", 365),
        ("أعوام", 365),
    )
}
_DUALS = {
    normalize(w): (2, d)
    for w, d in (
        ("يومين", 1),
        ("يومان", 1),
        ("أسبوعين", 7),
        ("أسبوعان", 7),
        ("شهرين", 30),
        ("شهران", 30),
        ("عامين", 365),
        ("سنتين", 365),
    )
}
_SINGLE_UNITS = {w: _UNITS_DAYS[w] for w in (normalize(u) for u in ("يوم", "أسبوع", "شهر", "سنة", "عام"))}
_FEW = frozenset(normalize(w) for w in ("بضع", "بضعة", "عدة"))  # a few: counted as three


@cache
def _count_words() -> dict[str, int]:
    """Number words that count units of time (ثلاثة أيام, عشرين عاما), from ``number_words.tsv``."""
    counts = {row[0]: int(float(row[1])) for row in resource_table("number_words.tsv") if row[2] == "cardinal"}
    return counts | dict.fromkeys(_FEW, 3)


NUMERIC_DATE = re.compile(r"^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})$")


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """One time expression: offsets in the sentence and what it means."""

    start: int
    end: int
    text: str
    kind: str  # date, month, today, yesterday, tomorrow, weekday, ago, since, next_week, last_week
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    direction: str | None = None  # past, future
    days: int = 0  # for ago / since
    part: str | None = None  # for next_week / last_week: early, late or the whole week

    @property
    def relative(self) -> bool:
        return self.kind not in ("date", "month") or self.year is None


@lru_cache(maxsize=100_000)
def _strip(norm: str) -> str:
    """Drop a conjunction or preposition proclitic in front of a time word (وأمس, بالأمس, ولمدة)."""
    for prefix in ("وبال", "بال", "فال", "وال", "و", "ف", "ب", "ل"):
        rest = norm[len(prefix) :]
        if norm.startswith(prefix) and (
            rest in WEEKDAYS or rest in ("امس", "اليوم", "غدا", "قبل", "منذ") or ("ال" + rest) in WEEKDAYS
        ):
            return rest if rest in WEEKDAYS or ("ال" + rest) not in WEEKDAYS else "ال" + rest
    return norm


def year_of(norm: str) -> int | None:
    """A four-digit year of modern news (1900-2100), else None."""
    value = decimal_value(norm) if len(norm) == 4 else None
    return value if value is not None and 1900 <= value <= 2100 else None


def _year(tok: Tok | None) -> int | None:
    return year_of(tok.norm) if tok is not None else None


def _month_at(toks: list[Tok], i: int) -> tuple[int, int] | None:
    """``(month, n_tokens)`` if a month name starts at token ``i`` (ايلول/سبتمبر counts as one)."""
    n = _strip(toks[i].norm)
    month: int | None = None
    width = 1
    if i + 1 < len(toks) and (n, toks[i + 1].norm) in MONTHS_TWO:
        month, width = MONTHS_TWO[(n, toks[i + 1].norm)], 2
    elif n in MONTHS_ONE:
        month = MONTHS_ONE[n]
    if month is None:
        return None
    j = i + width
    if j < len(toks) and toks[j].norm in MONTHS_ONE and MONTHS_ONE[toks[j].norm] == month:
        width += 1  # ايلول/سبتمبر
    return month, width


def find_time_expressions(text: str) -> list[TimeExpr]:
    """Time expressions of ``text`` in order; they never overlap (cached per text)."""
    return list(_find_cached(text))


@lru_cache(maxsize=65_536)
def _find_cached(text: str) -> tuple[TimeExpr, ...]:
    toks = tokens_of(text)
    out: list[TimeExpr] = []
    i = 0
    while i < len(toks):
        found = _match(text, toks, i)
        if found is None:
            i += 1
            continue
        expr, width = found
        out.append(expr)
        i += width
    return tuple(out)


def _make(text: str, toks: list[Tok], i: int, width: int, kind: str, **kw: object) -> tuple[TimeExpr, int]:
    start, end = toks[i].start, toks[i + width - 1].end
    return TimeExpr(start, end, text[start:end], kind, **kw), width  # type: ignore[arg-type]


def _weekday_after(toks: list[Tok], j: int) -> tuple[int | None, int]:
    if j < len(toks):
        n = _strip(toks[j].norm)
        if n in WEEKDAYS:
            return WEEKDAYS[n], 1
    return None, 0


def _match(text: str, toks: list[Tok], i: int) -> tuple[TimeExpr, int] | None:  # noqa: PLR0911, PLR0912
    n = _strip(toks[i].norm)
    nxt = toks[i + 1].norm if i + 1 < len(toks) else ""
    m = NUMERIC_DATE.match(toks[i].norm)
    if m:
        a, b, c = (decimal_value(x) or 0 for x in m.groups())
        year, month, day = (a, b, c) if a > 31 else (c, b, a)
        if 1 <= month <= 12 and 1 <= day <= 31 and year > 1900:
            return _make(text, toks, i, 1, "date", year=year, month=month, day=day)
    day_number = decimal_value(toks[i].norm)
    if day_number is not None and day_number <= 31 and i + 1 < len(toks):
        month_here = _month_at(toks, i + 1)
        if month_here:
            month, width = month_here
            day_year = _year(toks[i + 1 + width] if i + 1 + width < len(toks) else None)
            return _make(
                text,
                toks,
                i,
                1 + width + (day_year is not None),
                "date",
                year=day_year,
                month=month,
                day=day_number,
            )
    month_here = _month_at(toks, i)
    if month_here:
        month, width = month_here
        month_year = _year(toks[i + width] if i + width < len(toks) else None)
        if month_year is None and n in AMBIGUOUS_MONTHS:
            return None
        return _make(text, toks, i, width + (month_year is not None), "month", year=month_year, month=month)
    if n in ("اليوم", "امس", "غدا"):
        kind = {"اليوم": "today", "امس": "yesterday", "غدا": "tomorrow"}[n]
        weekday, extra = _weekday_after(toks, i + 1)
        return _make(text, toks, i, 1 + extra, kind, weekday=weekday)
    if n in _PARTS_OF_DAY and i + 1 < len(toks):
        if _strip(nxt) in ("اليوم", "امس", "غدا"):
            inner = _match(text, toks, i + 1)
            if inner:
                expr, width = inner
                return _make(text, toks, i, 1 + width, expr.kind, weekday=expr.weekday)
        weekday, extra = _weekday_after(toks, i + 1)
        if weekday is not None:
            direction, more = _direction(toks, i + 2)
            return _make(text, toks, i, 1 + extra + more, "weekday", weekday=weekday, direction=direction)
    if n in WEEKDAYS:
        direction, more = _direction(toks, i + 1)
        return _make(text, toks, i, 1 + more, "weekday", weekday=WEEKDAYS[n], direction=direction)
    if n in ("قبل", "منذ"):
        return _ago(text, toks, i, "ago" if n == "قبل" else "since")
    part = _WEEK_PARTS.get(n[1:] if n[:1] == "و" else n) or _WEEK_PARTS.get(n)
    if part and _unwrap(nxt) == _WEEK:
        week = _named_week(toks, i + 1)
        if week is not None:
            return _make(text, toks, i, 3, week, part=part)
    if _unwrap(n) == _WEEK:
        week = _named_week(toks, i)
        if week is not None:
            return _make(text, toks, i, 2, week)
    return None


def _unwrap(norm: str) -> str:
    """والأسبوع, بالأسبوع -> الأسبوع (a proclitic before a week word)."""
    for prefix in ("و", "ف", "ب"):
        if norm.startswith(prefix) and norm[len(prefix):] == _WEEK:
            return _WEEK
    return norm


def _named_week(toks: list[Tok], j: int) -> str | None:
    """``الأسبوع المقبل`` -> next_week, ``الأسبوع الماضي`` -> last_week (``toks[j]`` is الأسبوع)."""
    after = toks[j + 1].norm if j + 1 < len(toks) else ""
    if after in _FUTURE:
        return "next_week"
    if after in _PAST:
        return "last_week"
    return None


def _direction(toks: list[Tok], j: int) -> tuple[str | None, int]:
    if j < len(toks):
        if toks[j].norm in _PAST:
            return "past", 1
        if toks[j].norm in _FUTURE:
            return "future", 1
    return None, 0


def _ago(text: str, toks: list[Tok], i: int, kind: str) -> tuple[TimeExpr, int] | None:
    j = i + 1
    if j + 1 < len(toks) and toks[j].norm == normalize("أكثر") and toks[j + 1].norm == "من":
        j += 2
    if j >= len(toks):
        return None
    n = toks[j].norm
    if n in _DUALS:
        pair, unit = _DUALS[n]
        return _make(text, toks, i, j - i + 1, kind, days=pair * unit)
    if n in _SINGLE_UNITS:
        return _make(text, toks, i, j - i + 1, kind, days=_SINGLE_UNITS[n])
    count = decimal_value(n)
    if count is None:
        count = _count_words().get(n)
    if count is not None and j + 1 < len(toks) and toks[j + 1].norm in _UNITS_DAYS:
        return _make(text, toks, i, j - i + 2, kind, days=count * _UNITS_DAYS[toks[j + 1].norm])
    return None


def parse_iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def nearest_weekday(ref: dt.date, weekday: int, direction: str | None = None) -> dt.date:
    """The date with ``weekday`` nearest to ``ref`` (ref itself if it matches; past on a tie)."""
    back = (ref.weekday() - weekday) % 7
    ahead = (weekday - ref.weekday()) % 7
    if direction == "past":
        return ref - dt.timedelta(days=back or 7)
    if direction == "future":
        return ref + dt.timedelta(days=ahead or 7)
    return ref - dt.timedelta(days=back) if back <= ahead else ref + dt.timedelta(days=ahead)


def resolve(expr: TimeExpr, ref: dt.date | None) -> tuple[str | None, str | None]:
    """``(date, until)`` in ISO form; ``(None, None)`` when the expression needs a reference date.

    Also ``(None, None)`` when the date falls outside what a calendar date can hold
    (بنيت قبل 3000 عام, قبل 100000 سنة): unresolved, never an error.
    """
    try:
        return _resolve(expr, ref)
    except OverflowError:
        return None, None


def _resolve(expr: TimeExpr, ref: dt.date | None) -> tuple[str | None, str | None]:  # noqa: PLR0911
    if expr.kind == "date" and expr.month and expr.day:
        year = expr.year or (ref.year if ref else None)
        if year is None:
            return None, None
        try:
            return dt.date(year, expr.month, expr.day).isoformat(), None
        except ValueError:
            return None, None
    if expr.kind == "month" and expr.month:
        year = expr.year
        if year is None and ref is not None:
            year = ref.year if expr.month <= ref.month else ref.year - 1
        return (f"{year:04d}-{expr.month:02d}", None) if year else (None, None)
    if ref is None:
        return None, None
    shift = {"today": 0, "yesterday": -1, "tomorrow": 1}
    if expr.kind in shift:
        return (ref + dt.timedelta(days=shift[expr.kind])).isoformat(), None
    if expr.kind == "weekday" and expr.weekday is not None:
        return nearest_weekday(ref, expr.weekday, expr.direction).isoformat(), None
    if expr.kind == "ago":
        past = ref - dt.timedelta(days=expr.days)
        return (past.isoformat()[:7] if expr.days >= 30 else past.isoformat()), None
    if expr.kind in ("next_week", "last_week"):
        return week_span(ref, expr.kind == "next_week", expr.part)
    if expr.kind == "since":
        return (ref - dt.timedelta(days=expr.days)).isoformat(), ref.isoformat()
    return None, None


def week_span(ref: dt.date, ahead: bool, part: str | None) -> tuple[str, str]:
    """The days of the week after (or before) ``ref``'s week, or its first or last three days."""
    this_week = ref - dt.timedelta(days=(ref.weekday() - _WEEK_START) % 7)
    start = this_week + dt.timedelta(days=7 if ahead else -7)
    first, last = {"early": (0, 2), "late": (4, 6)}.get(part or "", (0, 6))
    return (start + dt.timedelta(days=first)).isoformat(), (start + dt.timedelta(days=last)).isoformat()
