from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from akhbar.text.names import known_names
from akhbar.text.normalize import normalize
from akhbar.text.stem import light_stem
from akhbar.text.tokens import match_tokens, token_spans, tokenize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قتل 53 شخصا أمس", ["قتل", "53", "شخصا", "أمس"]),
        ("الأحد 2016/12/04", ["الأحد", "2016/12/04"]),
        ("أكثر من 30,000 شخص", ["أكثر", "من", "30,000", "شخص"]),
        ("حلب، بعد «عار»", ["حلب", "بعد", "عار"]),
        ("وُجهت هجوماً", ["وُجهت", "هجوماً"]),
        ("٣٠ ألف", ["٣٠", "ألف"]),
        ("بـ”الإرهابيين”", ["بـ", "الإرهابيين"]),
    ],
)
def test_tokenize_keeps_words_and_numbers(text: str, expected: list[str]) -> None:
    assert tokenize(text) == expected


def test_match_tokens_normalize_digits_and_letters() -> None:
    assert match_tokens("٣٠ ألف مدينة") == ["30", "الف", "مدينه"]


@given(st.text(alphabet=st.sampled_from(list("ابتثجح ًُ،.0123٤٥/,")), max_size=60))
def test_token_spans_point_at_their_tokens(text: str) -> None:
    assert [text[s:e] for s, e in token_spans(text)] == tokenize(text)


@pytest.mark.parametrize(
    ("variants", "stem"),
    [
        (["المدينة", "والمدينة", "بالمدينة", "للمدينة"], "مدين"),
        (["المعارضة", "والمعارضة", "بالمعارضة"], "معارض"),
        (["مقاتلين", "مقاتلون", "المقاتلين"], "مقاتل"),
        (["شكل", "بشكل", "وشكل", "بالشكل"], "شكل"),
        (["يعمل", "ويعمل", "يعملون"], "عمل"),
    ],
)
def test_light_stem_folds_clitics_and_plurals(variants: list[str], stem: str) -> None:
    assert {light_stem(normalize(v)) for v in variants} == {stem}


@pytest.mark.parametrize("word", ["حلب", "53", "2016/12/04", "UN"])
def test_light_stem_leaves_short_words_and_numbers(word: str) -> None:
    assert light_stem(word) == word


def test_light_stem_does_not_reduce_to_roots() -> None:
    # ISRI-style root extraction would conflate these three.
    stems = {light_stem(normalize(w)) for w in ["مكتب", "كاتب", "مكتوب"]}
    assert len(stems) == 3


@pytest.mark.parametrize("text", ["ــــــ", "ً ٌ", "ـً"])
def test_marks_and_tatweel_alone_are_not_words(text: str) -> None:
    assert tokenize(text) == []
    assert tokenize(text + " حلب") == ["حلب"]


@pytest.mark.parametrize(
    ("variants", "stem"),
    [
        (["لندن", "ولندن", "بلندن", "وبلندن"], "لندن"),
        (["إيران", "وإيران", "لإيران", "بإيران"], "ايران"),
        (["واشنطن", "وواشنطن", "لواشنطن"], "واشنطن"),
        (["فرنسا", "وفرنسا", "بفرنسا"], "فرنسا"),
    ],
)
def test_light_stem_keeps_names_whole(variants: list[str], stem: str) -> None:
    assert {light_stem(normalize(v)) for v in variants} == {stem}


def test_iran_and_air_stay_apart() -> None:
    assert light_stem(normalize("إيران")) != light_stem(normalize("اير"))


def test_plain_words_are_still_stemmed_next_to_names() -> None:
    # كبري (major) is not ك + بري (Berri); بيان (statement) is not a name.
    assert light_stem("كبري") != "بري"
    assert light_stem(normalize("والمدينة")) == "مدين"
    assert light_stem("ببيان") == "بيان"


_NAMES = sorted(known_names())


@given(st.sampled_from(_NAMES), st.sampled_from(["", "و", "ف", "ب", "ل", "وب", "فل", "ول"]))
def test_a_name_survives_its_clitics(name: str, clitics: str) -> None:
    if len(name) > 3:
        assert light_stem(name) == name
    if len(clitics + name) > 3 and (clitics + name) not in known_names():
        assert light_stem(clitics + name) == name


@given(st.sampled_from(_NAMES))
def test_known_names_are_normalized_single_words(name: str) -> None:
    assert normalize(name) == name and " " not in name and not name.startswith("ال")
