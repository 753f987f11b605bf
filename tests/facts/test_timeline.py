"""Time expressions, article dates and the merged time line."""

from __future__ import annotations

import datetime as dt

import pytest

from akhbar.facts.temporal import find_time_expressions, nearest_weekday, resolve, week_span
from akhbar.facts.timeline import article_dates, build_timeline
from akhbar.records import Article, RemovedLine, Sentence
from tests.facts.conftest import make_sentences

MONDAY = dt.date(2016, 12, 5)

EXPRESSIONS = [
    ("قال اليوم الاثنين إنه", "اليوم الاثنين", "2016-12-05", None),
    ("قتلوا أمس الثلاثاء في قصف", "أمس الثلاثاء", "2016-12-04", None),  # أمس wins over the weekday
    ("ستبدآن محادثات مساء الثلاثاء", "مساء الثلاثاء", "2016-12-06", None),
    ("هجوما مباغتا فجر الاحد على البلدة", "فجر الاحد", "2016-12-04", None),
    ("كان قال الجمعة الماضي ان لقاء سيجري", "الجمعة الماضي", "2016-12-02", None),
    ("سيعقد الاجتماع الأحد المقبل", "الأحد المقبل", "2016-12-11", None),
    ("وقبل يومين رفض قادة", "وقبل يومين", "2016-12-03", None),
    ("ومنذ أكثر من أسبوعين يتعرض شرق حلب", "ومنذ أكثر من أسبوعين", "2016-11-21", "2016-12-05"),
    ("وصلت غدا إلى جنيف", "غدا", "2016-12-06", None),
    ("منذ نهاية ايلول/سبتمبر 2015 غارات", "ايلول/سبتمبر 2015", "2015-09", None),
    ("في منتصف تشرين الثاني/نوفمبر هجوما", "تشرين الثاني/نوفمبر", "2016-11", None),
    ("في 4 كانون الأول 2016 قتل", "4 كانون الأول 2016", "2016-12-04", None),
    ("في 12 ديسمبر قتل", "12 ديسمبر", "2016-12-12", None),
    ("الأحد 2016/12/04", "2016/12/04", "2016-12-04", None),
    # weeks run Saturday to Friday: Monday 5 December is in the week of Saturday 3 December
    ("يلتقيان الأسبوع المقبل في جنيف", "الأسبوع المقبل", "2016-12-10", "2016-12-16"),
    ("لقاء سيجري مطلع الاسبوع المقبل في جنيف", "مطلع الاسبوع المقبل", "2016-12-10", "2016-12-12"),
    ("وصل الأسبوع الماضي إلى دمشق", "الأسبوع الماضي", "2016-11-26", "2016-12-02"),
    ("وصل في نهاية الأسبوع الماضي", "نهاية الأسبوع الماضي", "2016-11-30", "2016-12-02"),
    ("ومطلع الأسبوع المقبل يلتقيان", "ومطلع الأسبوع المقبل", "2016-12-10", "2016-12-12"),
    ("والأسبوع الماضي وصل", "والأسبوع الماضي", "2016-11-26", "2016-12-02"),
    # every cardinal of number_words.tsv counts units of time, and بضعة/عدة count as three
    ("وصل قبل تسعة أيام", "قبل تسعة أيام", "2016-11-26", None),
    ("بدأ قبل ثماني سنوات", "قبل ثماني سنوات", "2008-12", None),
    ("وقع قبل بضعة أيام", "قبل بضعة أيام", "2016-12-02", None),
]


@pytest.mark.parametrize(
    ("text", "expr_text", "date", "until"), EXPRESSIONS, ids=[f"t{i}" for i in range(len(EXPRESSIONS))]
)
def test_resolve(text: str, expr_text: str, date: str, until: str | None) -> None:
    exprs = {e.text: e for e in find_time_expressions(text)}
    assert expr_text in exprs, list(exprs)
    assert resolve(exprs[expr_text], MONDAY) == (date, until)


def test_nearest_weekday_prefers_the_past_on_ties() -> None:
    assert nearest_weekday(MONDAY, 0) == MONDAY
    assert nearest_weekday(MONDAY, 1) == dt.date(2016, 12, 6)  # الثلاثاء: tomorrow
    assert nearest_weekday(MONDAY, 5) == dt.date(2016, 12, 3)  # السبت: two days ago
    assert nearest_weekday(MONDAY, 4, "past") == dt.date(2016, 12, 2)


def test_no_reference_date_leaves_relative_expressions_unresolved() -> None:
    (expr,) = find_time_expressions("قال اليوم")
    assert resolve(expr, None) == (None, None)


def test_article_date_from_metadata_and_removed_line() -> None:
    a = Article("a", "نص", date="2016-12-04")
    b = Article("b", "نص", removed=(RemovedLine("الأحد 2016/12/04", "date"),))
    dates = article_dates([a, b], [])
    assert [(d.date, d.resolved) for d in dates] == [("2016-12-04", "explicit")] * 2


def test_inferred_date_from_today_weekday() -> None:
    a = Article("a", "x", date="2016-12-04")
    b = Article("b", "x")
    sentences = make_sentences("قال الوزير اليوم الأربعاء إن المحادثات مستمرة.", article="b")
    dates = {d.article: d for d in article_dates([a, b], sentences)}
    assert (dates["b"].date, dates["b"].resolved) == ("2016-12-07", "inferred")


# golden ---------------------------------------------------------------------------------------


def test_seed_article_dates(seeds: tuple[list[Article], list[Sentence]]) -> None:
    articles, sentences = seeds
    dates = {d.article: d for d in article_dates(articles, sentences)}
    assert (dates["003"].date, dates["003"].resolved) == ("2016-12-04", "explicit")
    assert (dates["000"].date, dates["000"].resolved) == ("2016-12-05", "inferred")
    assert (dates["001"].date, dates["001"].resolved) == ("2016-12-05", "inferred")
    assert (dates["002"].date, dates["002"].resolved) == ("2016-12-07", "inferred")
    assert dates["004"].date == "2016-12-07" and "002" in dates["004"].basis


def test_seed_timeline(seeds: tuple[list[Article], list[Sentence]]) -> None:
    articles, sentences = seeds
    events = build_timeline(articles, sentences).events
    dates = [e.date for e in events if e.date]
    assert dates == sorted(dates)
    (killed,) = [e for e in events if "53 شخصا" in e.text]
    assert (killed.date, killed.date_text, killed.resolved) == ("2016-12-06", "أمس الثلاثاء", "inferred")
    (rejected,) = [e for e in events if e.text.startswith("وقبل يومين")]
    assert rejected.sources == ("002", "004") and rejected.date == "2016-12-05"
    saturday = [e for e in events if e.date_text == "مساء السبت"]
    assert saturday and saturday[0].date == "2016-12-03" and saturday[0].resolved == "relative"
    assert any(e.date == "2015-09" and e.resolved == "explicit" for e in events)
    assert not any(e.text.strip() == "الأحد 2016/12/04" for e in events)
    # Kerry "said on Friday" (2 December) that talks would be held early the next week
    (kerry,) = [e for e in events if e.date_text == "مطلع الاسبوع المقبل"]
    assert (kerry.date, kerry.until) == ("2016-12-03", "2016-12-05")


# out-of-range and non-decimal digits -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["بنيت قبل 3000 عام", "عاش البشر هنا قبل 100000 سنة", "منذ 5000 عام", "قبل 999999999999 يوم"],
)
def test_ago_beyond_the_calendar_is_unresolved(text: str) -> None:
    (expr,) = find_time_expressions(text)
    assert resolve(expr, MONDAY) == (None, None)


def test_timeline_of_a_dated_article_with_an_ancient_date_does_not_crash() -> None:
    a = Article("a", "بنيت القلعة قبل 3000 عام", date="2016-12-05")
    timeline = build_timeline([a], make_sentences(a.body))
    assert [(e.date, e.resolved) for e in timeline.events] == [(None, "unresolved")]


def test_relative_dates_at_the_calendar_edge_are_unresolved() -> None:
    (expr,) = find_time_expressions("وصلت غدا")
    assert resolve(expr, dt.date.max) == (None, None)


@pytest.mark.parametrize("text", ["10² جريح", "² كانون الأول", "قبل ³ أيام", "في ²⁰¹⁶ قتل", "²²²² كانون"])
def test_superscript_digits_are_not_numbers(text: str) -> None:
    for expr in find_time_expressions(text):
        assert expr.day is None and expr.year is None and expr.days == 0
        resolve(expr, MONDAY)


def test_decimal_value_reads_only_decimal_digits() -> None:
    from akhbar.facts._common import decimal_value

    assert decimal_value("2016") == 2016
    assert decimal_value("٢٠١٦") == 2016  # Arabic-Indic, also before normalization
    assert decimal_value("२०१६") == 2016  # any script's decimal digits
    assert decimal_value("²") is None
    assert decimal_value("10²") is None
    assert decimal_value("") is None
    assert decimal_value("1" * 5000) is None  # never int()'s digit limit


@pytest.mark.parametrize(
    ("ref", "ahead", "part", "span"),
    [
        # Saturday opens a week and Friday closes it
        (dt.date(2016, 12, 3), True, None, ("2016-12-10", "2016-12-16")),
        (dt.date(2016, 12, 2), True, None, ("2016-12-03", "2016-12-09")),
        (dt.date(2016, 12, 2), False, None, ("2016-11-19", "2016-11-25")),
        (dt.date(2016, 12, 3), False, "late", ("2016-11-30", "2016-12-02")),
        (dt.date(2016, 12, 9), True, "early", ("2016-12-10", "2016-12-12")),
    ],
)
def test_week_span(ref: dt.date, ahead: bool, part: str | None, span: tuple[str, str]) -> None:
    assert week_span(ref, ahead, part) == span


def test_last_week_is_counted_from_the_article_not_from_a_day_named_before_it() -> None:
    article = Article("a", "سيعقد الأحد المقبل بعد محادثات جرت الأسبوع الماضي.", date="2016-12-05")
    sentences = make_sentences(article.body)
    (event,) = [e for e in build_timeline([article], sentences).events if e.date_text == "الأسبوع الماضي"]
    assert (event.date, event.until) == ("2016-11-26", "2016-12-02")
