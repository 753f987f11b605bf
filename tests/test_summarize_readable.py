"""Sentences that cannot be read out of their article, and site furniture (issue 20), on the exact
Arabic phrases found in the audit stories."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from akhbar.config import load_config
from akhbar.resources import resource_lines
from akhbar.summarize import is_furniture, stands_alone
from akhbar.summarize.readable import is_cut, is_fragment, is_site_furniture, refers_back
from akhbar.text.normalize import normalize

CONFIG = load_config().summary_for(3)


@pytest.mark.parametrize("text", [
    "واستطاع البعض منهم الوصول إلى البرلمان للمرة الأولى.",
    "عبر عن هذا الموقف رئيس الحكومة في مؤتمر صحفي.",
    "وياتي هذا الرفض بعد اعلان وزير الخارجية الروسي سيرغي لافروف في موسكو الاثنين ان محادثات ستجري.",
    "جاء هذا بعد يوم من شن إسرائيل سلسلة من الهجمات على ما قالت إنه مواقع إيرانية في سوريا.",
    "وكانت مصر قد حصلت بموجب هذا البرنامج على قرض بقيمة 12 مليون دولار من صندوق النقد الدولي.",
    "وقالت هذه الفصائل إن الهدف من هذه المبادرة وقف ما سمته نزيف الدماء.",
    "وأكدت المصادر ذاتها أن القصف استمر حتى الصباح.",
    "فما هي أبرز هذه العقوبات؟",
    "وماذا سيفعل بشأن العقوبات التي يفرضها الكونغرس منذ ثلاث سنوات على طهران.؟",
    "إنه أكثر الأفلام المرشحة جودة وتأثيرا.",
    "لكن المنظمين لم يدلوا بأي تفاصيل.",
    "ويظهر الفيديو رجل إطفاء مربوطا بحبل وينقذ رجلا نجا بأعجوبة من حطام الجسر.",
    "وتحدث عبر الهاتف أيضا مع الرئيس الروسي فلاديمير بوتن.",
    'وقال: "رأيت الجسر ينهار أمامي. بكل السيارات التي كانت عليه في تلك اللحظة."',
    'ونسب التلفزيون للمتحدث باسم وزارة الخارجية بهرام قاسمي القول"تدين إيران بشدة..',
])
def test_a_sentence_that_needs_the_one_before_does_not_stand_alone(text: str) -> None:
    assert refers_back(text)
    assert not stands_alone(text, CONFIG)


@pytest.mark.parametrize("text", [
    "قال لافروف إن المحادثات ستجري في جنيف هذا الأسبوع بشأن انسحاب المقاتلين.",
    "وأعلنت الوزارة هذا الصباح أن الأسعار سترتفع بنسبة 50 في المئة.",
    "وفي الوقت نفسه أعلنت الحكومة حالة الطوارئ لمدة عام.",
    "ومع ذلك، أعلن الجيش أن العمليات ستتواصل في الأحياء الشرقية.",
    "وكذلك أعلنت الحكومة المصرية رفع أسعار الوقود صباح السبت.",
    "شاهد عيان قال إن الجسر انهار بينما كانت السيارات تعبره.",
    "وقال الرئيس التركي إن بلاده لن تتراجع عن موقفها.",
    'أفاد مصدر في المعارضة بأن الحكومة رفضت خروج جميع من وصفتهم بـ»الإرهابيين» منها.',
])
def test_a_sentence_that_names_what_it_tells_stands_alone(text: str) -> None:
    assert not refers_back(text)
    assert stands_alone(text, CONFIG)


@pytest.mark.parametrize("text", [
    "تابعوا تغطية خاصة حول ردود الفعل الدولية.",
    "للمزيد: عودة على إعلان ترامب الانسحاب من الاتفاق النووي الإيراني",
    "اقرأ أيضا: ترامب يصف تفتيش مكتب محاميه بأنه اعتداء على الوطن",
    "لمتابعة المباراة على الحواسيب اللوحية، اضغط هنا...",
    "يمكنكم استلام إشعارات بأهم الموضوعات بعد تحميل أحدث نسخة من تطبيق بي بي سي عربي على هاتفكم المحمول.",
])
def test_site_furniture_is_never_a_summary_sentence(text: str) -> None:
    assert is_site_furniture(text) and is_furniture(text)
    assert not stands_alone(text, CONFIG)


@pytest.mark.parametrize("text", ["جوائز الأوسكار الثمانون (2008)", 'أفضل فيلم: "ذي شايب اوف ووتر"',
                                  "هجمات (إسرائيل) على سوريا."])
def test_headings_captions_and_list_items_are_furniture(text: str) -> None:
    assert is_fragment(text) and is_furniture(text)


def test_a_sentence_without_an_end_mark_is_not_a_fragment_for_that_alone() -> None:
    assert not is_fragment("تقدم الجيش في الأحياء الشرقية")


def test_a_closed_quote_is_not_cut() -> None:
    assert not is_cut('وقال ملاحفجي "نحن لا يمكن أن نترك مدينتنا".')
    assert is_cut('القول"تدين إيران بشدة..')


def test_furniture_cues_are_normalized() -> None:
    entries = [e.lstrip("*").strip() for e in resource_lines("furniture_cues.txt")]
    assert entries and [e for e in entries if normalize(e) != e] == []


@given(st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهوي ،.؟\"«»:()0123456789", max_size=80))
def test_readability_checks_never_fail_on_any_text(text: str) -> None:
    assert isinstance(refers_back(text), bool) and isinstance(is_site_furniture(text), bool)
    assert isinstance(is_fragment(text), bool) and isinstance(is_cut(text), bool)


@pytest.mark.parametrize("text", [
    "وهذا يعني أن الحكومة ستؤجل الانتخابات حتى العام المقبل.",
    "ذلك أن الاتفاق لم يمنع إيران من تطوير صواريخها.",
    "تفقد القصة بعض زخمها في النصف الثاني.",
    "وأضافت أن الحكومة ستعمل على خفض الأسعار في الأشهر المقبلة.",
    "وقال إن الشرطة تحقق في الحادث منذ صباح الأحد.",
    "وأعرب عن أمله في أن تتراجع الحكومة عن القرار قريبا.",
    'وذكرت مجلتا "فارايتي" و"ذا هوليوود ريبورتر" أن منظمي حملة الحركة قالوا إنهم عملوا مع المنتجين.',
])
def test_a_conjunction_with_a_demonstrative_or_a_bare_kind_noun_leans_on_the_sentence_before(text: str) -> None:
    assert not stands_alone(text, CONFIG)


@pytest.mark.parametrize("text", [
    'خصصت الأكاديمية وقتا لحركة "تايمز أب" المناهضة للتحرش خلال الحفل.',
    "وعرض الفيلم الفائز بجائزة أفضل فيلم أجنبي في دور السينما الأسبوع الماضي.",
    "هذا وقد أعلنت الحكومة حالة الطوارئ في المدينة لمدة عام.",
    "وأقرت روسيا باتصالها بالمعارضة، لكنها لم تقدم تفاصيل بشأن المحادثات.",
    "وقالت وزارة الخارجية إن الاتفاق لا يزال قائما رغم الانسحاب الأمريكي.",
])
def test_a_named_or_described_kind_noun_stands_alone(text: str) -> None:
    assert stands_alone(text, CONFIG)
