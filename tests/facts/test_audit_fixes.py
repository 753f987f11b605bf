"""The facts-table faults the audit found on real stories (issue 20), each on the phrase that showed it."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest

from akhbar.facts import Facts, Figure, Quote
from akhbar.facts.confidence import SHOW_ALL, Thresholds, name_variant_key, ranked
from akhbar.facts.entities import extract_entities
from akhbar.facts.numbers import sentence_figures
from akhbar.facts.quotes import extract_quotes, sentence_quotes
from akhbar.facts.speaker_check import KnownNames, checked_speaker, source_of_attribution, trim_speaker
from akhbar.ner.names import NameEvidence
from akhbar.records import Article, Group, Sentence
from akhbar.report.facts_view import parts
from akhbar.report.passages import split_passages
from tests.facts.conftest import make_sentences
from tests.facts.test_entities import FakeMention

NOBODY = KnownNames.of([])  # the tagger ran and found no name in these sentences


def _speakers(text: str, known: KnownNames | None = NOBODY) -> list[str | None]:
    return [q.speaker for q in extract_quotes(make_sentences(text), known=known)]


# Quote speakers -------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "وفتحت مراكز الاقتراع أبوابها أمام الناخبين البالغ عددهم وفق لوائح الشطب 3,7 ملايين شخص.",
    "وتم تغيير القانون إلى نظام معقد يستند إلى التمثيل حسب المحاصصة الطائفية في البرلمان.",
    "وتنافس 597 مرشحاً، بينهم 86 امرأة، و77 لائحة في 15 دائرة للفوز بـ128 مقعداً وفق قانون النظام النسبي.",
])
def test_a_rule_after_wafq_or_bihasab_is_no_speaker(text: str) -> None:
    assert _speakers(text) == []  # nobody's words: no quote at all


@pytest.mark.parametrize("phrase", ["لوائح الشطب", "المحاصصة الطائفية", "قانون النظام النسبي", "لتغريدتين نشرهما"])
def test_attribution_phrases_that_name_no_one(phrase: str) -> None:
    assert checked_speaker(phrase, NOBODY, attributed=True) is None
    assert checked_speaker(phrase, None, attributed=True) is None


def test_the_source_of_an_attribution() -> None:
    assert source_of_attribution("لما نقلته وكالة فرانس برس") == "وكالة فرانس برس"
    assert source_of_attribution("بيان صادر عن وزارة الداخلية") == "وزارة الداخلية"
    assert source_of_attribution("أرقام وزارة الداخلية") == "وزارة الداخلية"
    assert checked_speaker("لوكالة رويترز", NOBODY, attributed=True) == "وكالة رويترز"
    assert _speakers("وبلغت نسبة الاقتراع نحو 25 في المائة حتى الظهر، بحسب أرقام وزارة الداخلية.") == ["وزارة الداخلية"]


@pytest.mark.parametrize("word", ["فيها", "لكنه", "بالقول", "انسحاب بلاده", "طلب عدم نشر اسمه"])
def test_words_near_a_quote_are_not_speakers(word: str) -> None:
    assert checked_speaker(word, None) is None
    assert checked_speaker(word, NOBODY) is None


def test_fiha_and_bilqawl_in_their_sentences() -> None:
    text = ("رد الأمين العام على تصريحات رئيس الوزراء سعد الحريري، والتي قال فيها إن تيار المستقبل تعرض لمحاولة "
            "إقصاء من الحياة السياسية.")
    assert "فيها" not in _speakers(text, None)
    assert "بالقول" not in _speakers("وتابعت بالقول إن وصول الصواريخ تسبب بأضرار مادية في المواقع.", None)


def test_lakinnahu_carries_the_speaker_already_talking() -> None:
    sentences = make_sentences(
        "وقال الحريري خلال مؤتمر صحافي إن النتيجة كانت أقل مما توقعه التيار في بيروت.",
        "لكنه قال إنه سعيد بالنتيجة رغم خسارة ثلث المقاعد.",
    )
    speakers = [q.speaker for q in extract_quotes(sentences)]
    assert "لكنه" not in speakers and speakers[-1] == "الحريري"


def test_a_subject_that_names_no_one_is_not_replaced_by_the_last_speaker() -> None:
    sentences = make_sentences(
        "وقال الرئيس الإيطالي سيرجيو ماتاريلا إن كارثة أصابت المدينة وإيطاليا بأسرها.",
        "وقال عناصر من فرق الإنقاذ يبحثون بين الأنقاض إن هناك عشرات الضحايا تحت الركام.",
    )
    assert [q.speaker for q in extract_quotes(sentences)][-1] != "سيرجيو ماتاريلا"


def test_what_follows_a_name_is_trimmed() -> None:
    assert trim_speaker("نتانياهو قوله") == "نتانياهو"
    assert trim_speaker("مكدورماند لدى تسلمها الجائزة") == "مكدورماند"
    assert trim_speaker("جوناثان كونريكوس لصحافيين قائلا") == "جوناثان كونريكوس"
    assert trim_speaker('الحريري " كنا نراهن على نتيجة أفضل') == "الحريري"
    assert trim_speaker("المرصد السوري لحقوق الإنسان") == "المرصد السوري لحقوق الإنسان"
    assert trim_speaker("الدفاع المدني في حلب") == "الدفاع المدني في حلب"


def test_the_speaker_after_ala_lisan() -> None:
    (quote,) = sentence_quotes(make_sentences(
        'ونقلت هيئة الإذاعة على لسان ليبرمان قوله: "جيش الدفاع أصاب البنى التحتية الإيرانية في سوريا".')[0])
    assert quote.speaker == "ليبرمان"


def test_an_unattributed_quote_is_labelled_so_in_arabic() -> None:
    quote = Quote(None, None, "وقال", "نص منقول", False, ("a",), ())
    (table,) = [p for p in parts(Facts(quotes=(quote,))) if p.key == "quotes"]
    assert table.rows[0].cells[0] == "غير منسوب"


# Figures --------------------------------------------------------------------------------------


def _figures(text: str) -> list[tuple[float, str]]:
    return [(f.value, f.unit) for f in sentence_figures(Sentence("a", 0, 0, len(text), text))]


def test_wahida_innama_is_not_one_of_anything() -> None:
    text = "ولا تجمع بين أعضاء اللائحة الواحدة برامج مشتركة أو رؤية سياسية واحدة، إنما مصالح آنية انتخابية."
    assert all(unit != "انم" for _, unit in _figures(text)) and (1.0, "انم") not in _figures(text)


def test_ashara_hunak_counts_nothing() -> None:
    assert all(unit != "هناك" for _, unit in _figures("وقال إن عشرة هناك قتلوا في الهجوم على السوق."))


def test_a_number_in_a_name_is_no_figure() -> None:
    assert _figures("الانقسام بين فريقي 8 آذار و14 آذار بقيادة الحريري.") == []
    assert _figures("تغطية خاصة على فرانس 24 حول إعلان ترامب.") == []
    assert _figures("سقوط إحدى مقاتلاتها من طراز إف-16 في أراضيه.") == []


def test_dates_and_clock_times_belong_to_the_time_line() -> None:
    assert _figures("أمهل حلفاءه الأوروبيين حتى 12 مايو لتشديد بعض النقاط.") == []
    assert _figures("يعلن ترامب في حدود الساعة 18,00 (14,00 ت غ) قراره النهائي.") == []
    assert _figures("وسيعلن ترامب قراره في الساعة 6 مساء من البيت الأبيض.") == []


def test_a_noun_after_the_number_is_what_it_counts() -> None:
    assert _figures("أسفر الهجوم عن مقتل 53 شخصا أمس.") == [(53.0, "شخص")]
    assert _figures("ويتنافس أكثر من 500 مرشح و77 لائحة على المقاعد.") == [(500.0, "مرشح"), (77.0, "لايحه")]
    assert _figures("تصدير 300 ألف برميل يوميا.") == [(300000.0, "برميل")]
    assert _figures("والتي تستمر لمدة اثنتي عشرة ساعة.") == [(12.0, "ساعه")]
    assert _figures("أدت إلى مقتل أكثر من نصف مليون من المدنيين.") == [(500000.0, "مدني")]


def test_words_after_a_number_that_count_nothing() -> None:
    assert _figures("وارتفع سعر بنزين 95 الأقل استخداما.") == [(95.0, "")]
    assert _figures("سينخفض الدعم إلى 89 مليارا هذا العام.") == [(89.0, "")]
    assert _figures("وارتفع سعر بنزين 80 أوكتين.") == [(80.0, "")]


def test_a_bare_number_is_not_shown() -> None:
    bare = Figure(33.0, False, "", "count", "33", None, ("a",), make_sentences("المقاعد الـ 33")[0])
    counted = Figure(21.0, False, "مقعد", "count", "21 مقعدا", None, ("a",), make_sentences("21 مقعدا")[0])
    assert ranked(Facts(figures=(bare, counted))).figures == (counted,)
    assert len(ranked(Facts(figures=(bare, counted)), SHOW_ALL).figures) == 2


# Entities ---------------------------------------------------------------------------------------


def _tagger(names: Sequence[tuple[str, str]]):  # type: ignore[no-untyped-def]
    def story(texts: Sequence[str]) -> list[list[FakeMention]]:
        out = []
        for text in texts:
            found: list[FakeMention] = []
            for name, label in sorted(names, key=lambda n: -len(n[0])):
                for m in re.finditer(rf"(?<!\w){name}(?!\w)", text):
                    if not any(o.start <= m.start() < o.end for o in found):
                        found.append(FakeMention(m.group(), label, m.start(), m.end()))
            out.append(found)
        return out
    return story


def _entity_names(texts: Sequence[str], names: Sequence[tuple[str, str]]) -> list[str]:
    sentences = [s for k, t in enumerate(texts) for s in make_sentences(t, article=f"a{k}")]
    entities, _ = extract_entities(sentences, _tagger(names), NameEvidence())
    return [e.name for e in entities]


def test_nasrallah_spelt_with_or_without_a_space_is_one_person() -> None:
    names = _entity_names(
        ["وقال حسن نصرالله إن النتائج انتصار كبير.", "واعتبر حسن نصر الله أن الانتخابات إنجاز.",
         "وأضاف نصرالله أن الهدف تحقق."],
        [("حسن نصرالله", "PER"), ("حسن نصر الله", "PER"), ("نصرالله", "PER")])
    assert len(names) == 1 and names[0] in ("حسن نصرالله", "حسن نصر الله")


def test_first_names_spelt_with_other_long_vowels_are_one_person() -> None:
    names = _entity_names(["قال ميشال عون إن الانتخابات ناجحة.", "وصوت مشيل عون صباحا.", "ودعا ميشيل عون إلى الهدوء."],
                          [("ميشال عون", "PER"), ("مشيل عون", "PER"), ("ميشيل عون", "PER")])
    assert len(names) == 1


def test_two_people_who_share_a_family_name_stay_apart() -> None:
    names = _entity_names(
        ["وفازت ستريدا جعجع بمقعد بشري.", "وقال سمير جعجع إن القوات ضاعفت كتلتها.", "وهنأ سمير جعجع الفائزين.",
         "وشكر جعجع الناخبين."],
        [("ستريدا جعجع", "PER"), ("سمير جعجع", "PER"), ("جعجع", "PER")])
    assert "ستريدا جعجع" in names and "سمير جعجع" in names


def test_hamza_and_article_forms_share_a_key() -> None:
    assert name_variant_key("نصرالله") == name_variant_key("نصر الله")
    assert name_variant_key("إيران") == name_variant_key("ايران")
    assert name_variant_key("ستريدا جعجع") != name_variant_key("سمير جعجع")


def test_place_spellings_and_long_forms_fold() -> None:
    names = _entity_names(["ضربت إسرائيل مواقع في سوريا.", "وقالت سورية إنها تصدت للصواريخ.",
                           "ودعت الولايات المتحدة إلى الهدوء.", "وقالت الولايات المتحدة الأمريكية إنها تراقب."],
                          [("سوريا", "LOC"), ("سورية", "LOC"), ("الولايات المتحدة الأمريكية", "LOC"),
                           ("الولايات المتحدة", "LOC"), ("إسرائيل", "LOC")])
    assert sorted(names) == sorted(["سوريا", "الولايات المتحدة", "إسرائيل"])


def test_currencies_are_not_entities() -> None:
    assert _entity_names(["وارتفع الدولار أمام الليرة.", "وبلغ سعر الدولار ستة ليرات."], [("الدولار", "MISC")]) == []


# Shared passages ---------------------------------------------------------------------------------


def test_one_outlets_own_copies_are_republications() -> None:
    articles = [Article("f1", "x", source="France24"), Article("f2", "x", source="France24"),
                Article("b1", "x", source="BBC")]
    own = Group((Sentence("f1", 0, 0, 1, "x"), Sentence("f2", 0, 0, 1, "x")), "verbatim", 1.0)
    shared = Group((Sentence("f1", 1, 0, 1, "y"), Sentence("b1", 0, 0, 1, "y")), "near", 0.9)
    passages = split_passages([own, shared], articles)
    assert passages.between == (shared,) and passages.republished == (own,)


def test_thresholds_hide_carried_speakers() -> None:
    carried = Quote("أ", None, "وأضاف", "نص", False, ("a",), (), carried=True)
    said = Quote("ب", "وزير", "وقال", "نص آخر", False, ("a",), ())
    assert ranked(Facts(quotes=(carried, said)), Thresholds()).quotes == (said,)
