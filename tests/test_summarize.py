from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from akhbar.align import vectorize
from akhbar.config import load_config
from akhbar.eval.multidoc import ArticleIndex
from akhbar.pipeline import run, split_articles, summarize_articles
from akhbar.records import Article
from akhbar.summarize import is_dangling, word_count
from akhbar.summarize.units import leans_on_previous, names_its_speaker
from akhbar.text.normalize import normalize

NOISE = ["تعليقات الفيسبوك", "الأحد 2016/12/04", "مقتل 27 من قوات الأسد في ريف حلب الشرقي",
         "موسكو تتجاهل مبادرة هدنة", "في ردها على روسيا", "بيروت -", "عواصم -"]


def _cosine(a: str, b: str) -> float:
    vectors = vectorize(split_articles([Article("a", a), Article("b", b)]))
    return float((vectors.stems[0] @ vectors.stems[1].T).toarray()[0, 0])


def test_summary_fits_the_budget(seed_report) -> None:
    assert seed_report.summary
    assert sum(word_count(i.text) for i in seed_report.summary) <= 120


@pytest.mark.parametrize("words", [40, 80, 200])
def test_budget_flag(seed_articles, words: int) -> None:
    items = summarize_articles(seed_articles, words=words)
    assert items and sum(word_count(i.text) for i in items) <= words


def test_no_two_summary_sentences_repeat_a_fact(seed_report) -> None:
    texts = [i.text for i in seed_report.summary]
    vectors = vectorize(split_articles([Article(str(k), t) for k, t in enumerate(texts)]))
    sims = (vectors.stems @ vectors.stems.T).toarray()
    np.fill_diagonal(sims, 0)
    assert sims.max() <= seed_report.config.summary.redundancy_threshold


def test_every_citation_is_true(seed_report) -> None:
    # The cited article holds the sentence or a near copy (the rule of `akhbar eval-multidoc`).
    index = ArticleIndex(seed_report.articles)
    for item in seed_report.summary:
        assert item.sentence.article in item.sources
        for source in item.sources:
            assert index.holds(source, item.text), (item.text, source)
        assert not set(item.related) & set(item.sources)


def test_paraphrases_are_related_not_cited() -> None:
    a = Article("a", "وقال مسؤول في المعارضة إن الفصائل لن تغادر الأحياء الشرقية من مدينة حلب مهما كان الثمن.")
    b = Article("b", "أكد قيادي معارض أن الفصائل لن تغادر أحياء حلب الشرقية مهما كان الثمن وأنها ستقاتل.")
    report = run([a, b], with_facts=False)
    assert [g.kind for g in report.groups] == ["paraphrase"]
    (item,) = report.summary
    assert len(item.sources) == 1 and len(item.related) == 1
    assert set(item.sources + item.related) == {"a", "b"}


def test_summary_draws_on_as_many_outlets_as_the_leads(seed_report) -> None:
    # Lead-first: the outlets' leads are long (29 to 54 words), so 120 words hear three of the five,
    # as the clean lead round-robin does; each cited outlet is a distinct sentence's.
    from akhbar.eval.peers import lead

    cited = {s for item in seed_report.summary for s in item.sources}
    index = ArticleIndex(seed_report.articles)
    lead_outlets = {a for text in lead(seed_report.articles, 120) for a in index.holders(text)}
    assert len(cited) >= len(lead_outlets) >= 3


def test_no_noise_line_reaches_the_summary(seed_report) -> None:
    text = normalize(" ".join(i.text for i in seed_report.summary))
    for noise in NOISE:
        assert normalize(noise) not in text


def test_wrapped_sentence_of_000_is_one_sentence(seed_report) -> None:
    sentences = [s.text for s in seed_report.sentences if s.article.startswith("000")]
    assert any("بمدينة حلب، بعد دعوات موسكو" in s and s.startswith("رفضت المعارضة") for s in sentences)


def test_summary_is_deterministic_and_order_independent(seed_articles) -> None:
    forward = [i.text for i in summarize_articles(seed_articles)]
    backward = [i.text for i in summarize_articles(tuple(reversed(seed_articles)))]
    assert forward == [i.text for i in summarize_articles(seed_articles)]
    assert set(forward) == set(backward)


def test_dangling_openers() -> None:
    assert is_dangling("وأضاف: سمعوا الجواب")
    assert is_dangling("من جهته، قال الدفاع المدني")
    assert not is_dangling("وأضافت الوزارة في بيانها")


@pytest.mark.parametrize(("text", "named"), [
    ("وأضاف الرئيس التركي قائلا: هناك أشخاص قدموا من السعودية", True),
    ("وأشار ترامب إلى أن الأمريكيين الثلاثة في طريقهم إلى بلادهم", True),
    ("من جهته، قال الدفاع المدني في حلب إن 53 شخصا قتلوا", True),
    ("وأوضح المالكي، أن اعتراض الصواريخ أدى لتناثر الشظايا", True),
    ("وأضاف أن ثلاثة منها كانت باتجاه مدينة الرياض", False),
    ("وأضاف: سمعوا الجواب", False),
    ('وأضاف "ستظل الإدارة حازمة للغاية في هذا الشأن"', False),
    ("وتابع قائلا: عاش حياته رائدا من رواد الدبلوماسية", False),
    ("وأضاف متحدثا من تركيا إن الرسالة وجهت إلى المسؤولين", False),
    ("وقال في بيان إن الوزارة تتابع القضية", False),
    ("وهو ما يعتبر تنفيذا لتهديدات ترامب", False),
])
def test_a_dangling_opener_that_names_its_speaker_stands_alone(text: str, named: bool) -> None:
    assert is_dangling(text)
    assert names_its_speaker(text) is named
    assert leans_on_previous(text) is not named


_OPENERS = st.sampled_from(["وأضاف", "وأكد", "وأشار", "وتابع", "وأوضح"])
_CARRIED = st.sampled_from(["أن", "إن", "أنه", "قائلا:", "متحدثا", "مشيرا", '"نحن', "في"])
# A name, or a role placed by the word after it (الرئيس التركي); a bare role (وأضاف الوزير أن ...)
# stands for someone named before it: tests/test_summarize_speech.py.
_NAMES = st.sampled_from(["الرئيس التركي", "ترامب", "المرصد", "الوزير المصري", "بوتين", "المتحدث باسم الجيش",
                          "المسؤول الأمريكي"])
_REST = st.lists(st.sampled_from(["الحكومة", "أن", "قتلى", "7", "،", "في", "حلب", '"']), max_size=10).map(" ".join)


@given(_OPENERS, _CARRIED, _REST)
def test_an_opener_whose_speaker_is_carried_over_leans_on_the_previous_sentence(
        opener: str, carried: str, rest: str) -> None:
    assert leans_on_previous(f"{opener} {carried} {rest}")
    assert leans_on_previous(f"{opener}: {rest}")


@given(_OPENERS, _NAMES, _REST)
def test_an_opener_followed_by_its_speaker_stands_alone(opener: str, name: str, rest: str) -> None:
    text = f"{opener} {name} {rest}"
    assert is_dangling(text) and not leans_on_previous(text)


def test_single_article_and_empty_input() -> None:
    article = Article("one", "قال الرئيس إن الاقتصاد ينمو بسرعة هذا العام. وأضاف أن البطالة تراجعت كثيرا في المدن.")
    items = summarize_articles([article], words=30)
    assert [i.sources for i in items] == [("one",)] * len(items) and items
    assert summarize_articles([], words=30) == []


def test_config_words_override(seed_articles) -> None:
    config = load_config()
    report = run(seed_articles, config=replace(config, summary=replace(config.summary, words=50)), with_facts=False)
    assert sum(word_count(i.text) for i in report.summary) <= 50


def test_multi_summary_settings_apply_only_to_several_articles() -> None:
    config = load_config()
    assert config.summary_for(1) == config.summary
    multi = config.summary_for(5)
    assert multi != config.summary
    assert dict(config.multi_summary)["lead_first"] == multi.lead_first == 1
    assert config.summary.lead_first == 0


def test_title_overlap_rewards_sentences_that_restate_the_headline() -> None:
    from akhbar.summarize import title_overlap

    sentences = split_articles([Article("a", "رفضت المعارضة الانسحاب من حلب أمس. وارتفعت أسعار الخبز في المدينة.")])
    overlap = title_overlap(sentences, {"a": "المعارضة ترفض الانسحاب من حلب"})
    assert overlap[0] > overlap[1] == 0
