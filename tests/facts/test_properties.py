"""Property tests: the extractors never crash on word salad built from their own cue words."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from akhbar.facts import extract_facts
from akhbar.facts.numbers import sentence_figures
from akhbar.facts.quotes import sentence_quotes
from akhbar.facts.temporal import find_time_expressions, resolve
from akhbar.records import Article, Sentence

CUE_WORDS = st.sampled_from(
    [
        "قال",
        "وأضاف",
        "إن",
        "أن",
        "مضيفا",
        "«",
        "»",
        "”",
        '"',
        "وزير",
        "الخارجية",
        "سيرغي",
        "لافروف",
        "اليوم",
        "أمس",
        "الاثنين",
        "قبل",
        "يومين",
        "منذ",
        "أكثر",
        "من",
        "أسبوعين",
        "30",
        "ألف",
        "سبعة",
        "أيام",
        "2016/12/04",
        "كانون",
        "الأول",
        "وفق",
        "المرصد",
        "،",
        ":",
        ".",
        "نفى",
        "قوات",
        "النظام",
        "المسلحين",
        "عام",
        "سنة",
        "في",
        "المئة",
        "بالمائة",
        "%",
        "٪",
        "جريح",
        "¹",
        "²",
        "³",
        "10²",
        "٣٠٪",
    ]
)
NUMBERS = st.integers(0, 10**12).map(str)
SUPERSCRIPTS = st.text(alphabet="¹²³⁰⁴⁵0123456789", min_size=1, max_size=6)
WORDS = st.one_of(CUE_WORDS, CUE_WORDS, CUE_WORDS, NUMBERS, SUPERSCRIPTS)
SALAD = st.lists(WORDS, max_size=25).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(SALAD)
def test_sentence_extractors_never_crash(text: str) -> None:
    sentence = Sentence("x", 0, 0, len(text), text)
    for figure in sentence_figures(sentence):
        assert text[figure.start : figure.end] == figure.text
    for quote in sentence_quotes(sentence):
        assert 0 <= quote.span[0] <= quote.span[1] <= len(text)
    for expr in find_time_expressions(text):
        assert text[expr.start : expr.end] == expr.text
        resolve(expr, dt.date(2016, 12, 5))
        assert resolve(expr, None)[0] is None or not expr.relative


@settings(max_examples=30, deadline=None)
@given(st.lists(SALAD, min_size=1, max_size=6), st.lists(SALAD, min_size=1, max_size=6))
def test_extract_facts_never_crashes(a: list[str], b: list[str]) -> None:
    articles = [Article("a", "\n".join(a)), Article("b", "\n".join(b), date="2016-12-04")]
    sentences = [
        Sentence(art.id, i, 0, len(t), t)
        for art, texts in zip(articles, (a, b), strict=True)
        for i, t in enumerate(texts)
    ]
    facts = extract_facts(articles, sentences, mention_fn=lambda texts: [[] for _ in texts])
    for conflict in facts.conflicts:
        assert conflict.a.sources != conflict.b.sources


@settings(max_examples=100, deadline=None)
@given(
    st.one_of(NUMBERS, SUPERSCRIPTS),
    st.sampled_from(["عام", "عاما", "سنة", "سنوات", "أعوام", "يوما", "أسابيع", "شهرا"]),
    st.sampled_from(["قبل", "منذ", "وقبل", "منذ أكثر من"]),
)
def test_ago_on_a_dated_article_never_crashes(number: str, unit: str, word: str) -> None:
    text = f"بنيت القلعة {word} {number} {unit} وقتل {number} شخصا"
    article = Article("a", text, date="2016-12-04")
    sentences = [Sentence("a", 0, 0, len(text), text)]
    facts = extract_facts([article], sentences, mention_fn=lambda texts: [[] for _ in texts])
    for event in facts.timeline.events:
        assert event.date is None or event.date[:1].isdigit()
