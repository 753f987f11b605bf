"""Speech whose speaker is named only in the sentence before (issue 20): a bare role noun as the
speaker, first-person words with no one attributed, a sentence that is one quote."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from akhbar.config import load_config
from akhbar.summarize import stands_alone
from akhbar.summarize.speech import bare_role_speaker, unattributed_speech

CONFIG = load_config().summary_for(3)


@pytest.mark.parametrize("text", [
    "وذكر المصدر أن عدسة الكاميرا رصدت السيارة قبل الانفجار بدقائق.",
    "وأكد المصدر أن الدفاعات الجوية أسقطت عشرات الصواريخ.",
    "وقال المصدر، وفق ما نقلت وكالة الأنباء الرسمية، إن بعض الصواريخ أصابت أهدافها.",
    "وأشار الوزير إلى أن إجمالي الدعم بلغ 517 مليار جنيه.",
    "وأكد الطبيب الخميس أن الإصابة كانت أسوأ مما كان معتقدا.",
    "كما أعلن المتحدث العثور تحت الأنقاض على جثة آخر شخص كان مفقودا.",
    "وبحسب المسؤول، فإن المفاوضات ستستأنف الأسبوع المقبل.",
    "وأضافت المصادر أن الحوثيين نصبوا كمينا للقوات.",
    'وقال المسؤول: "لن نتراجع عن القرار".',
])
def test_a_bare_role_noun_as_speaker_leans_on_the_sentence_before(text: str) -> None:
    assert bare_role_speaker(text)
    assert not stands_alone(text, CONFIG)


@pytest.mark.parametrize("text", [
    "وقال الوزير المصري إن دعم المواد البترولية سيتقلص.",
    "وقال المتحدث باسم الكرملين إن العواقب ستكون وخيمة.",
    "وقال المتحدث إبراهيم كالن على تويتر إن الاتفاق سيستمر.",
    "وتابع المتحدث الإيراني قائلا إن الاعتداءات المتكررة مرفوضة.",
    "وقال النائب المعارض نيكول باشينيان إن المحادثات ستجري صباح الأحد.",
    "وقال الرئيس التركي إن بلاده لن تتراجع عن موقفها.",
    "ويقول الخبراء إن عتبة الغالبية هي 40 في المئة.",
    "وقال مصدر أمني إن الهجوم وقع فجرا.",
])
def test_a_named_or_placed_speaker_stands_alone(text: str) -> None:
    assert not bare_role_speaker(text)
    assert stands_alone(text, CONFIG)


@pytest.mark.parametrize("text", [
    "لا أتذكر فرصة خطيرة واحدة لهم في الشوط الثاني، ولم أر فريقا يدافع بهذا الشكل.",
    "نحن لم نعد البلد الذي سيقف على تهديدك بكلمات العنف.",
    "لن نسمح بتكرار ما حدث في الموسم الماضي.",
    "أدرك أن لدينا مباراة نهائي كأس الرابطة ولكن علينا أن نلعب بنفس التشكيلة.",
    '"من غير المقبول الموت بهذه الطريقة".',
])
def test_speech_with_no_speaker_leans_on_the_sentence_before(text: str) -> None:
    assert unattributed_speech(text)
    assert not stands_alone(text, CONFIG)


@pytest.mark.parametrize("text", [
    'وقال ملاحفجي "نحن لا يمكن أن نترك مدينتنا".',
    'وأضاف الرئيس الأمريكي في كلمته: "من الواضح أننا لن نستطيع منع إيران".',
    'وقد رشحت بلانشيت لجائزة أفضل ممثلة عن فيلم "لست هناك".',
    '"قماشتي المفضلة" هو فيلمها الروائي الطويل الأول ويخوض مسابقة قسم "نظرة ما".',
    "ظريف: إيران لا تذهب إلى أي مكان ما لم توجه لها الدعوة، ونحن لا نتخذ القرار عن أحد.",
    "وذكر نتانياهو الثلاثاء أنا وشعب إسرائيل نثمن عاليا قرار ترامب.",
    "وبحسب الوزير فإننا لن نسمح بذلك.",
    "طبقا للوزير، فإننا لن نسمح بذلك.",
    "لم يتحدد بعد موعد عودة اللاعب إلى باريس.",
])
def test_speech_that_names_its_speaker_or_no_speech_is_not_unattributed(text: str) -> None:
    assert not unattributed_speech(text)


_VERBS = st.sampled_from(["وقال", "وأضاف", "وأكد", "وأشار", "وذكرت", "وأوضح"])
_ROLES = st.sampled_from(["المصدر", "الوزير", "المتحدث", "المسؤول", "المصادر", "الطبيب"])
_AFTER = st.sampled_from(["أن", "إن", "إلى أن", "،", "الخميس أن", "في بيان إن", ":"])
_NAMES = st.sampled_from(["المصري", "باسم الجيش", "الأمريكي", "زكريا ملاحفجي", "الإيراني"])
_REST = st.lists(st.sampled_from(["الحكومة", "قتلى", "7", "في", "حلب", "الجيش"]), min_size=1, max_size=8).map(" ".join)


@given(_VERBS, _ROLES, _AFTER, _REST)
def test_any_bare_role_after_a_reporting_verb_leans(verb: str, role: str, after: str, rest: str) -> None:
    assert bare_role_speaker(f"{verb} {role} {after} {rest}")


@given(_VERBS, _ROLES, _NAMES, _REST)
def test_any_placed_role_after_a_reporting_verb_is_named(verb: str, role: str, name: str, rest: str) -> None:
    assert not bare_role_speaker(f"{verb} {role} {name} إن {rest}")


@given(st.text(max_size=200))
def test_the_speech_rules_take_any_text(text: str) -> None:
    assert isinstance(bare_role_speaker(text), bool) and isinstance(unattributed_speech(text), bool)


def test_a_bare_role_in_an_articles_first_sentence_is_vague_not_a_pointer_back() -> None:
    # Nothing comes before an article's first sentence: «قال المسؤول» there points nowhere.
    text = "قال المسؤول إن القوات تقدمت في المدينة الليلة الماضية بشكل كبير."
    assert stands_alone(text, CONFIG, first=True)
    assert not stands_alone(text, CONFIG)
