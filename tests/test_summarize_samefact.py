"""Same fact in other words across outlets (paraphrase links, issue 20)."""

from __future__ import annotations

import numpy as np
import pytest

from akhbar.align import vectorize
from akhbar.pipeline import run, split_articles
from akhbar.records import Article
from akhbar.summarize.anchors import actor_skeletons, figures_agree, pair_flags, speaker_stems
from akhbar.summarize.samefact import candidate_links, key_overlap, read_all, same_fact_links

MALAHFAJI_003 = ("قال زكريا ملاحفجي المسؤول الكبير بالمعارضة السورية إن جماعات المعارضة أبلغت الولايات المتحدة "
                 "أنها لن تترك حلب ردا على دعوة موسكو لإجراء محادثات مع واشنطن بشأن انسحاب كامل لمقاتلي المعارضة.")
MALAHFAJI_000 = ("وقال مسؤول كبير في المعارضة السورية المسلحة يدعى زكريا ملاحفجي، إن الفصائل المقاتلة بحلب أبلغت "
                 "مسؤولين أمريكيين بأنها لن تترك المدينة.")
LAVROV = ("بدوره، قال وزير الخارجية الروسي سيرغي لافروف، اليوم الاثنين، إنه على ثقة من أن روسيا والولايات المتحدة "
          "بوسعهما التوصل إلى اتفاق بشأن انسحاب كل مقاتلي المعارضة من شرق حلب.")


def test_the_speaker_is_the_words_after_the_reporting_verb() -> None:
    assert {"زكريا", "ملاحفج"} <= speaker_stems(MALAHFAJI_003)
    assert not speaker_stems("وأضاف: سمعوا الجواب")


def test_two_speakers_make_two_facts() -> None:
    a, b, c = read_all([MALAHFAJI_003, MALAHFAJI_000, LAVROV])
    assert not pair_flags(a, b).two_facts
    assert pair_flags(a, c).two_facts


def test_actors_agree_across_spellings() -> None:
    assert actor_skeletons("أعلن الرئيس الأمريكي انسحاب بلاده") & actor_skeletons("أعلن الرئيس الأميركي، دونالد ترامب")
    assert not actor_skeletons("أعلن الرئيس الأمريكي انسحاب بلاده") & actor_skeletons(
        "وحثت بريطانيا وألمانيا وفرنسا الولايات المتحدة على عدم اتخاذ خطوات")
    assert actor_skeletons("في تصعيد غير مسبوق أعلن الجيش") == frozenset()


def test_a_preposition_before_any_subject_word_leaves_the_subject_unstated() -> None:
    # «خلال أمطار غزيرة» is a complement, not who acts: the bridge collapsed, told with its own subject
    # by another outlet («وانهار قطاع طوله 200 متر من الجسر»), is not vetoed as another actor's deed.
    assert actor_skeletons("وانهار أمس الثلاثاء خلال أمطار غزيرة مما أدى لسقوط عشرات السيارات") == frozenset()
    assert "قطع" in actor_skeletons("وانهار قطاع طوله 200 متر من الجسر الثلاثاء الماضي")  # قطاع, its subject
    # time words before the subject are still passed over
    assert actor_skeletons("أعلن اليوم الرئيس الأمريكي قراره") & actor_skeletons("أعلن الرئيس الأميركي قراره")


def test_a_name_set_off_after_a_title_is_the_speaker() -> None:
    title_then_name = "أعلن وزير البترول المصري، طارق الملا، تحريك أسعار الوقود اعتبارا من السبت."
    assert "ملا" in speaker_stems(title_then_name, apposition=True)
    assert "ملا" not in speaker_stems(title_then_name)  # the reading «ما الجديد» keeps (since_signals)
    assert speaker_stems("وأضاف الملا أن مبلغ الدعم سينخفض", apposition=True) & speaker_stems(
        title_then_name, apposition=True)
    # a long phrase before the comma is not a title: the speaker ends there
    long_phrase = "وقال مسؤول كبير في المعارضة السورية المسلحة يدعى زكريا ملاحفجي، إن الفصائل أبلغت"
    assert speaker_stems(long_phrase, apposition=True) == speaker_stems(long_phrase)


@pytest.mark.parametrize(("a", "b", "agree"), [
    ({"49"}, {"49.2"}, True), ({"53"}, {"25"}, False), ({"27", "6"}, {"27"}, True), ({"66"}, {"50"}, False),
])
def test_figures_agree_when_shared_or_rounded(a: set[str], b: set[str], agree: bool) -> None:
    assert figures_agree(frozenset(a), frozenset(b)) is agree


def test_the_seeds_link_malahfaji_across_outlets(seed_articles) -> None:
    sentences = split_articles(seed_articles)
    links = same_fact_links(sentences, vectorize(sentences), {a.id: a.id for a in seed_articles})
    lead_003 = next(i for i, s in enumerate(sentences) if s.article.startswith("003") and s.index == 0)
    linked = {(sentences[j].article[:3], sentences[j].index) for j in links.get(lead_003, ())}
    assert ("000", 1) in linked


def test_links_never_join_two_articles_of_one_outlet() -> None:
    text = "أعلنت الحكومة المصرية رفع أسعار الوقود بنسبة تصل إلى 50 في المئة صباح السبت."
    articles = [Article("a", text, source="X"), Article("b", text, source="X"), Article("c", text, source="Y")]
    sentences = split_articles(articles)
    rows, cols = candidate_links(sentences, {"a": "X", "b": "X", "c": "Y"})
    pairs = {tuple(sorted((sentences[r].article, sentences[c].article))) for r, c in zip(rows, cols, strict=True)}
    assert pairs == {("a", "c"), ("b", "c")}


def test_one_outlets_copies_have_no_links_and_a_second_outlet_brings_them() -> None:
    text = "أعلنت الحكومة المصرية رفع أسعار الوقود بنسبة تصل إلى 50 في المئة صباح السبت."
    one = [Article("a", text, source="X"), Article("b", text, source="X")]
    sentences = split_articles(one)
    assert same_fact_links(sentences, vectorize(sentences), {"a": "X", "b": "X"}) == {}
    two = [*one, Article("c", text, source="Y")]
    sentences = split_articles(two)
    links = same_fact_links(sentences, vectorize(sentences), {"a": "X", "b": "X", "c": "Y"})
    assert links and all(sentences[j].article == "c" for j in links[0])


def test_candidates_come_from_the_capped_index_not_all_pairs() -> None:
    # Sentences sharing nothing rare are never candidates: the pairs grow with what is shared.
    texts = [f"قال المسؤول رقم {k} إن المدينة {k} شهدت حادثا منفصلا عن غيره." for k in range(40)]
    articles = [Article(str(k), t, source=str(k)) for k, t in enumerate(texts)]
    rows, _ = candidate_links(split_articles(articles), {str(k): str(k) for k in range(40)}, max_df=5)
    assert len(rows) < 40 * 39 / 2


def test_the_seed_summary_names_000_for_malahfaji(seed_report) -> None:
    item = next(i for i in seed_report.summary if "زكريا ملاحفجي المسؤول الكبير" in i.text)
    assert any(a.startswith("000") for a in item.related)


def test_related_are_never_sources(seed_report) -> None:
    for item in seed_report.summary:
        assert not set(item.related) & set(item.sources)


def test_one_outlets_two_articles_are_one_voice_in_the_first_round() -> None:
    # X posts its story twice; Y and Z once. Each outlet's lead comes before X's second one.
    x1 = Article("x1", "أعلنت الحكومة خطة جديدة لدعم المزارعين في الصعيد هذا العام.", date="2018-03-01", source="X")
    x2 = Article("x2", "أعلنت الحكومة رسميا خطة موسعة لدعم المزارعين في الصعيد هذا العام.", date="2018-03-01",
                 source="X")
    y = Article("y", "ارتفعت البورصة المصرية بعد إعلان خطة لدعم الصادرات الزراعية.", date="2018-03-02", source="Y")
    z = Article("z", "وقتل ثلاثة عمال في حادث بموقع المحطة الشمسية الأسبوع الماضي.", date="2018-03-03", source="Z")
    items = run([x1, x2, y, z], with_facts=False).summary
    cited = {a for i in items for a in i.sources}
    assert {"y", "z"} <= cited and len({a[0] for a in cited}) == 3
    assert np.isfinite([i.score for i in items]).all()


def test_soft_share_reads_other_words_for_the_same_things() -> None:
    from akhbar.stories.wordvectors import word_vectors
    from akhbar.summarize.softshare import soft_share

    vectors = word_vectors()
    if vectors is None:
        pytest.skip("no word vectors shipped")
    a, b, c = read_all(["رفعت الحكومة المصرية أسعار المحروقات بنسبة كبيرة صباح السبت.",
                        "قررت الحكومة المصرية رفع أسعار الوقود بنسب متفاوتة.",
                        "فاز الممثل الإنجليزي بجائزة أفضل ممثل في الحفل السنوي."])
    same = soft_share(a.weights, b.weights, vectors)
    assert same > soft_share(a.weights, c.weights, vectors)
    assert same > key_overlap(a, b)  # الوقود / المحروقات: neighbours, not one stem
    assert soft_share(a.weights, a.weights, vectors) == pytest.approx(1.0)
    assert soft_share(a.weights, b.weights, None) <= same


def test_the_production_links_and_the_audited_rule_agree(seed_articles) -> None:
    # same_fact_links (sparse products over the index's candidates) and same_fact (what eval-paraphrase
    # scores) decide alike on every candidate pair of the seeds.
    from akhbar.blocking import row_dots
    from akhbar.stories.wordvectors import word_vectors
    from akhbar.summarize.samefact import SHIPPED, SOFT_MIN_SENTENCES, same_fact
    from akhbar.summarize.softshare import soft_share

    sentences = split_articles(seed_articles)
    outlets = {a.id: a.id for a in seed_articles}
    vectors = vectorize(sentences)
    links = same_fact_links(sentences, vectors, outlets)
    readings = read_all([s.text for s in sentences])
    rows, cols = candidate_links(sentences, outlets)
    assert len(sentences) >= SOFT_MIN_SENTENCES
    for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
        chars = float(row_dots(vectors.chars, np.array([i]), np.array([j]))[0])
        soft = soft_share(readings[i].weights, readings[j].weights, word_vectors())
        assert same_fact(readings[i], readings[j], chars=chars, soft=soft, rule=SHIPPED) == (j in links.get(i, ()))


def test_a_question_tells_no_fact() -> None:
    from akhbar.summarize.samefact import SHIPPED, same_fact

    said, asked = read_all(["قال الرئيس الأمريكي دونالد ترامب إنه سيعلن الثلاثاء قراره بشأن الاتفاق النووي.",
                            "ما الذي سيعلنه الرئيس الأمريكي دونالد ترامب بشأن الاتفاق النووي؟"])
    assert asked.question and not said.question
    assert key_overlap(said, asked) >= SHIPPED.unanchored_threshold
    assert not same_fact(said, asked, rule=SHIPPED)


def test_a_pair_with_no_anchor_needs_more_shared_weight() -> None:
    from akhbar.summarize.samefact import SHIPPED, Told, same_fact

    def reading(own: str, **parts: frozenset[str]) -> Told:
        """A sentence sharing 0.35 of its weight (the stem "x") with any other made here."""
        return Told({"x": 0.35, own: 0.65}, parts.get("speaker", frozenset()), parts.get("figures", frozenset()),
                    parts.get("actor", frozenset()))

    bare_a, bare_b = reading("a"), reading("b")
    assert key_overlap(bare_a, bare_b) == pytest.approx(0.35)
    assert not pair_flags(bare_a, bare_b).anchored
    assert not same_fact(bare_a, bare_b, rule=SHIPPED)  # under the unanchored 0.4
    # the same overlap with one speaker (or one figure that agrees) is enough
    assert same_fact(reading("a", speaker=frozenset({"ملا"})), reading("b", speaker=frozenset({"ملا", "وزير"})),
                     rule=SHIPPED)
    assert same_fact(reading("a", figures=frozenset({"49"})), reading("b", figures=frozenset({"49.2"})), rule=SHIPPED)
    # the speaker of one is the actor of the other
    assert pair_flags(reading("a", speaker=frozenset({"ترامب"})), reading("b", actor=frozenset({"ترمب"}))).anchored


def test_a_pair_is_read_once_into_its_flags() -> None:
    from dataclasses import replace

    from akhbar.summarize.samefact import Told

    said = Told({"x": 1.0}, frozenset({"ترامب", "الاميركي"}), frozenset({"53"}))
    assert said.speaker_skeletons == frozenset({"ترمب", "مرك"})  # read with the sentence, not per pair
    assert replace(said, speaker=frozenset({"الملا"})).speaker_skeletons == frozenset({"مل"})
    did = Told({"x": 1.0}, frozenset(), frozenset({"25"}), frozenset({"ترمب"}))
    flags = pair_flags(said, did)
    # the speaker of one is the actor of the other (an anchor), but 53 and 25 are two tolls
    assert flags.speaker_actor and flags.anchored
    assert flags.figures_conflict and flags.two_facts and not flags.readable
    asked = Told({"x": 1.0}, frozenset(), frozenset(), question=True)
    assert pair_flags(said, asked).question and not pair_flags(said, asked).readable
