from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from akhbar.text.segment import sentence_spans, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قال إن الوضع صعب. وأضاف أن الحل قريب.", ["قال إن الوضع صعب.", "وأضاف أن الحل قريب."]),
        ("هل انتهى؟ لا! بل بدأ…", ["هل انتهى؟", "لا!", "بل بدأ…"]),
        # never at commas (pyarabic's sentence_tokenize splits here)
        ("رفضت المعارضة، مقترحا يقضي بانسحابها، بعد دعوات موسكو.", ["رفضت المعارضة، مقترحا يقضي بانسحابها، بعد دعوات موسكو."]),
        # dates and figures stay whole
        ("الأحد 2016/12/04 قتل 30,000 شخص و3.5 بالمئة. انتهى.", ["الأحد 2016/12/04 قتل 30,000 شخص و3.5 بالمئة.", "انتهى."]),
        # a quotation with several sentences stays with its speaker
        ('وأشار إلى أن الرد كان: "نحن صامدون. هذه مدينتنا". وأضاف.', ['وأشار إلى أن الرد كان: "نحن صامدون. هذه مدينتنا".', "وأضاف."]),
        ("قال «لن نخرج. أبدا» ثم غادر.", ["قال «لن نخرج. أبدا» ثم غادر."]),
        # the terminator inside the closing quote ends the sentence
        ('وقال ملاحفجي "نترك حلب." وكانت روسيا قد أعربت.', ['وقال ملاحفجي "نترك حلب."', "وكانت روسيا قد أعربت."]),
        # ... and so does a run of them (an ellipsis, «!!») before the closing quote
        ('قال: "سنقاتل حتى النهاية..." ثم غادر. انتهى.', ['قال: "سنقاتل حتى النهاية..."', "ثم غادر.", "انتهى."]),
        ('قال: "لن نتراجع!!" ثم غادر.', ['قال: "لن نتراجع!!"', "ثم غادر."]),
        # outlets that use ” or » on both sides
        ("وصفتهم بـ”الإرهابيين” منها. ثم.", ["وصفتهم بـ”الإرهابيين” منها.", "ثم."]),
        ("الأولى\nالثانية", ["الأولى", "الثانية"]),
        ("تدمير دبابة . وتسعى قوات", ["تدمير دبابة .", "وتسعى قوات"]),
        ("قال د. محمد إن.", ["قال د. محمد إن."]),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_no_cap_on_the_number_of_sentences() -> None:
    # pyarabic's tokenizer stops after 32 splits
    text = " ".join(f"جملة رقم {i}." for i in range(100))
    assert len(split_sentences(text)) == 100


def test_an_unclosed_quote_ends_at_the_line_break() -> None:
    assert split_sentences('قال "لن نخرج. أبدا\nوفي سياق آخر. انتهى.') == ['قال "لن نخرج. أبدا', "وفي سياق آخر.", "انتهى."]


text_strategy = st.text(alphabet=st.sampled_from(list("ابت ثج حخ. ؟!،\"«»”\n 12/3,")), max_size=120)


@given(text_strategy)
def test_splitting_never_loses_characters(text: str) -> None:
    spans = sentence_spans(text)
    covered = "".join(text[s:e] for s, e in spans)
    assert "".join(covered.split()) == "".join(text.split())
    assert all(0 <= s < e <= len(text) for s, e in spans)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


@given(text_strategy)
def test_spans_are_stripped_and_cover_every_non_space_character(text: str) -> None:
    spans = sentence_spans(text)
    inside = set()
    for s, e in spans:
        assert not text[s].isspace() and not text[e - 1].isspace()
        inside.update(range(s, e))
    assert all(i in inside for i, ch in enumerate(text) if not ch.isspace())
