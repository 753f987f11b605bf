"""Figures: digits, number words, scales, qualifiers, units and categories."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from akhbar.facts.numbers import (
    extract_figures,
    merge_figures,
    number_word,
    parse_number_token,
    sentence_figures,
)
from akhbar.records import Article, Sentence
from akhbar.text import normalize
from tests.facts.conftest import make_sentences

CASES = [
    ("قال الدفاع المدني إن 53 شخصا قتلوا أمس الثلاثاء في قصف.", 53, "شخص", "killed", False, "أمس الثلاثاء"),
    ("وتسبب الهجوم في تهجير أكثر من 30 ألف شخص عن مساكنهم.", 30000, "شخص", "displaced", True, None),
    ("يطالب بهدنة في حلب لمدة سبعة أيام.", 7, "يوم", "duration", False, None),
    ("تضمنت هدنة لخمسة أيام لإخراج المدنيين.", 5, "يوم", "duration", False, None),
    ("بعد أربع سنوات من فقدان السيطرة عليها.", 4, "سنه", "duration", False, None),
    ("وقتل 25 مدنياً بينهم نساء وأطفال جراء غارات.", 25, "مدني", "killed", False, None),
    ("وقتل ٢٥ مدنياً جراء غارات.", 25, "مدني", "killed", False, None),
    ("قتل 27 عنصراً من قوات النظام على الأقل وأصيب آخرون.", 27, "عنصر", "killed", True, None),
    ("أصيب 12 شخصا بجروح في القصف.", 12, "شخص", "wounded", False, None),
    ("ونزوح عشرات الألوف من السكان.", 10000, "سكان", "displaced", True, None),
    ("أودى بحياة المئات وجرح آلاف آخرين.", 100, "", "killed", True, None),
    ("تسببت بسقوط مئات القتلى.", 100, "قتيل", "killed", True, None),
    ("تم أسر 3 جنود خلال الهجوم.", 3, "جندي", "captured", False, None),
    ("وصل خمسة وعشرين صحفيا إلى المدينة.", 25, "صحفي", "count", False, None),
    ("تدخل سلاحها الجوي في الحرب قبل 15 شهرا.", 15, "شهر", "date", False, None),
]


@pytest.mark.parametrize(
    ("text", "value", "unit", "category", "approximate", "when"),
    CASES,
    ids=[f"n{i}" for i in range(len(CASES))],
)
def test_figure(  # noqa: PLR0917
    text: str, value: float, unit: str, category: str, approximate: bool, when: str | None
) -> None:
    figures = [f for f in sentence_figures(make_sentences(text)[0]) if f.category != "date" or f.unit]
    assert figures, text
    f = figures[0]
    assert (f.value, f.unit, f.category, f.approximate, f.when) == (value, unit, category, approximate, when)
    assert text[f.start : f.end] == f.text


def test_numeric_date_is_a_date_not_a_count() -> None:
    (f,) = sentence_figures(make_sentences("الأحد 2016/12/04")[0])
    assert f.category == "date" and f.value == 20161204
    assert extract_figures(make_sentences("الأحد 2016/12/04")) == []


def test_page_number_is_not_a_figure() -> None:
    assert sentence_figures(make_sentences("1")[0]) == []


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("سبعة", 7),
        ("لخمسة", 5),
        ("المئات", 100),
        ("آلاف", 1000),
        ("الألوف", 1000),
        ("ثلاثين", 30),
        ("مائة", 100),
    ],
)
def test_number_words(word: str, value: float) -> None:
    found = number_word(normalize(word))
    assert found is not None and found.value == value


@pytest.mark.parametrize(("token", "value"), [("53", 53), ("30,000", 30000), ("3.5", 3.5), ("abc", None)])
def test_parse_number_token(token: str, value: float | None) -> None:
    assert parse_number_token(token) == value


@settings(deadline=None)
@given(st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهويىةءأإآ0123456789٠١٢٣٤٥¹²³ ,./،%٪", max_size=60))
def test_number_parsing_never_crashes(text: str) -> None:
    sentence = Sentence("x", 0, 0, len(text), text)
    for f in sentence_figures(sentence):
        assert f.value >= 0
        assert text[f.start : f.end] == f.text


@settings(deadline=None)
@given(
    st.integers(0, 10**12).map(str),
    st.sampled_from(["", "²", "¹²³", "%", " في المئة", " بالمائة"]),
    st.sampled_from(["قتل", "جريح", "قبل", "منذ", "في"]),
    st.sampled_from(["", " شخصا", " عام", " سنة", " كانون الأول"]),
)
def test_large_and_superscript_numbers_never_crash(number: str, suffix: str, before: str, after: str) -> None:
    text = f"{before} {number}{suffix}{after}"
    for f in sentence_figures(Sentence("x", 0, 0, len(text), text)):
        assert f.value >= 0
        assert text[f.start : f.end] == f.text


@settings(deadline=None)
@given(
    st.sampled_from(["سبعة", "خمسة", "أربع", "عشرات", "مئات", "آلاف", "ثلاثة", "عشرين"]),
    st.sampled_from(["", "و", "ب", "ل", "وب"]),
)
def test_number_words_with_clitics(word: str, prefix: str) -> None:
    assert number_word(normalize(word)) is not None
    assert number_word(normalize(prefix + word)) == number_word(normalize(word))


# golden ---------------------------------------------------------------------------------------


def test_seed_figures(seeds: tuple[list[Article], list[Sentence]]) -> None:
    _, sentences = seeds
    figures = extract_figures(sentences)
    by = {(f.sources[0], f.value, f.category, f.unit): f for f in figures}
    killed53 = by[("002", 53, "killed", "شخص")]
    assert killed53.when == "أمس الثلاثاء" and not killed53.approximate
    displaced = by[("000", 30000, "displaced", "شخص")]
    assert displaced.qualifier == "more_than"
    truces = sorted((f.sources[0], f.value) for f in figures if f.category == "duration" and f.unit == "يوم")
    assert ("000", 7) in truces and ("001", 7) in truces and ("004", 7) in truces and ("002", 5) in truces
    assert by[("004", 25, "killed", "مدني")]
    assert by[("003", 27, "killed", "عنصر")].qualifier == "at_least"
    assert by[("004", 10000, "displaced", "")].approximate
    assert by[("004", 1000, "wounded", "")].approximate
    assert not any(f.category == "count" and f.value == 1 for f in figures)


def test_seed_figures_merge_across_outlets(seeds: tuple[list[Article], list[Sentence]]) -> None:
    _, sentences = seeds
    merged = merge_figures(extract_figures(sentences))
    truces = {(f.value, f.sources, len(f.cited)) for f in merged if f.category == "duration" and f.unit == "يوم"}
    assert truces == {(7, ("000", "001", "004"), 3), (5, ("002",), 2)}
    assert [f.sources for f in merged if f.value == 53] == [("002",)]


# percentages and non-decimal digits -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "span"),
    [
        ("قتل 20 في المئة من السكان.", 20, "20 في المئة"),
        ("تراجع بنسبة 20 في المائة.", 20, "20 في المائة"),
        ("ارتفع 15 بالمئة خلال العام.", 15, "15 بالمئة"),
        ("ارتفع عشرين بالمائة.", 20, "عشرين بالمائة"),
        ("صوت 45% من الناخبين.", 45, "45%"),
        ("صوت ٣٠٪ من الناخبين.", 30, "٣٠٪"),
        ("بلغت نحو 12.5 % فقط.", 12.5, "نحو 12.5 %"),
    ],
)
def test_percentages(text: str, value: float, span: str) -> None:
    (f,) = sentence_figures(make_sentences(text)[0])
    assert (f.value, f.unit, f.category, f.text) == (value, "percent", "percent", span)
    assert text[f.start : f.end] == f.text


def test_definite_hundred_is_never_a_count_of_its_own() -> None:
    assert sentence_figures(make_sentences("في الذكرى المئة لتأسيسها.")[0]) == []
    figures = sentence_figures(make_sentences("قتل 20 المئة من السكان.")[0])
    assert [f.value for f in figures] == [20]


@pytest.mark.parametrize(
    ("text", "values"), [("10² جريح", [10]), ("²²²² جريح", []), ("قتل ¹²³ شخصا", []), ("قتل 12³ شخصا عام ²⁰¹⁶", [12])]
)
def test_superscript_digits_are_not_numbers(text: str, values: list[int]) -> None:
    figures = sentence_figures(make_sentences(text)[0])
    assert [f.value for f in figures] == values
    assert all(text[f.start : f.end] == f.text for f in figures)
