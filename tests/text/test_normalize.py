from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from akhbar.resources import resource_lines
from akhbar.text.normalize import (
    LIGHT,
    MATCH,
    dediacritize,
    latin_digits,
    normalize,
    remove_tatweel,
    unfold_presentation_forms,
    unify_alef,
    unify_alef_maksura,
    unify_quotes,
    unify_teh_marbuta,
)


@pytest.mark.parametrize(
    ("step", "raw", "expected"),
    [
        (dediacritize, "وُجهت", "وجهت"),
        (dediacritize, "هجوماً", "هجوما"),
        (dediacritize, "مُحَمَّدٌ", "محمد"),
        (remove_tatweel, "بـ»الإرهابيين»", "ب»الإرهابيين»"),
        (remove_tatweel, "حلــــب", "حلب"),
        (unify_alef, "أكد إن آخر", "اكد ان اخر"),
        (unify_alef_maksura, "على إلى", "علي إلي"),
        (unify_teh_marbuta, "المدينة", "المدينه"),
        (latin_digits, "٢٠١٦/١٢/٠٤", "2016/12/04"),
        (latin_digits, "۳۰ ألف", "30 ألف"),
        (unify_quotes, "«عار» “قليل” „x‟", '"عار" "قليل" "x"'),
        (unfold_presentation_forms, "\ufefb", "لا"),
    ],
)
def test_each_step(step, raw: str, expected: str) -> None:
    assert step(raw) == expected


def test_match_folds_the_spellings_outlets_use() -> None:
    # 001 writes no hamza (اخر, اي); others write آخر, أي.
    assert normalize("حتى آخر نقطة دم") == normalize("حتى اخر نقطة دم")
    assert normalize("الأمريكيين") == normalize("الامريكيين")
    assert normalize("المسؤولين") == normalize("المسوولين")


def test_light_profile_keeps_letters_distinct() -> None:
    assert LIGHT("أكَّد المدينة") == "أكد المدينة"


def test_unknown_profile_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown normalization profile"):
        normalize("x", "nope")


def test_profile_records_its_steps() -> None:
    assert MATCH.step_names[:2] == ["unfold_presentation_forms", "dediacritize"]


arabic_text = st.text(
    alphabet=st.sampled_from([*list('ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئىةـ ًٌٍَُِّْٰ٠١٢٣٤٥٦٧٨٩0123456789«»“”",.،؟!\n\t'), "ﻻ", "ﺍ"]),
    max_size=80,
)


@given(arabic_text)
def test_normalization_is_idempotent(text: str) -> None:
    for profile in (MATCH, LIGHT):
        once = profile(text)
        assert profile(once) == once


@given(arabic_text)
def test_match_output_has_no_variant_forms(text: str) -> None:
    assert not set(normalize(text)) & set("أإآىةـًٌٍَُِّْ٠١٢٣٤٥٦٧٨٩«»“”")


@pytest.mark.parametrize("name", ["stopwords.txt", "dangling_openers.txt", "boilerplate.txt"])
def test_resource_entries_are_already_normalized(name: str) -> None:
    entries = resource_lines(name)
    assert entries
    assert [e for e in entries if normalize(e) != e] == []


def test_calendar_words_are_normalized() -> None:
    from akhbar.text.calendar import MONTHS_ONE, MONTHS_TWO, WEEKDAYS

    words = [*WEEKDAYS, *MONTHS_ONE, *(w for pair in MONTHS_TWO for w in pair)]
    assert [w for w in words if normalize(w) != w] == []
