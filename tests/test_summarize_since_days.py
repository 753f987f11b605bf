"""What's new (issue 22, since3 round): the story so far told as "recently", "for decades", "days ago"."""

from __future__ import annotations

from akhbar.records import Article
from akhbar.summarize.since_signals import far_past, looks_back, past_day
from tests.test_summarize_since import told_by_signals


def test_recently_and_for_decades_are_the_story_so_far() -> None:
    assert far_past("وقد هزت البلاد في الفترة الأخيرة احتجاجات واسعة على إجراءات التقشف")
    assert far_past("وشهدت المدينة في الآونة الأخيرة هجمات") and far_past("وأعلنت الحكومة مؤخراً خطة")
    assert far_past("وقد تميزت العلاقات بين البلدين بالخصومة على مر عقود")
    assert far_past("خصومة دامت لعقود") and far_past("ومنذ عقود يعيش السكان في المخيمات")
    assert not far_past("وأعلنت الحكومة الأخيرة استقالتها")  # «الأخيرة» alone places nothing
    assert not far_past("قتل عشرة في الفترة بين الصباح والظهر")


def test_days_back_name_a_day_before_the_article() -> None:
    assert looks_back("والتقى بوتن وترامب قبل أيام في هلسنكي")
    assert looks_back("بعد أيام على زلزال لومبوك لا يزال الناجون بلا مأوى")
    assert looks_back("ويأتي زلزال الأحد بعد أسبوع من زلزال آخر")
    assert past_day("والتقى بوتن وترامب قبل أيام في هلسنكي", "2018-07-25") == "2018-07-23"
    assert past_day("ويأتي زلزال الأحد بعد أسبوع من زلزال آخر", "2018-08-06") == "2018-07-30"
    assert past_day("قبل أيام", None) is None
    assert not looks_back("وقالت الشرطة إنها ستعلن النتائج بعد أيام")  # a span ahead, not back
    assert not looks_back("وصل الوفد قبل أيام من الانتخابات")  # days before another event
    assert past_day("وقالت الشرطة إنها ستعلن النتائج بعد أيام", "2018-07-25") is None


def test_a_meeting_of_days_ago_is_told_when_its_words_were() -> None:
    early = [Article("e1", "التقى الرئيس الأمريكي ترامب نظيره الروسي بوتن في هلسنكي. "
                           "وانتقد سياسيون أمريكيون تصريحات ترامب عن التدخل الروسي في الانتخابات ووصفوه بالضعف.",
                     date="2018-07-17", source="A")]
    late = [Article("l1", "أعلن البيت الأبيض أن القمة المقبلة لن تعقد قبل العام المقبل. "
                          "والتقى بوتن وترامب قبل أيام في هلسنكي مما أثار انتقادات سياسيين أمريكيين لتصريحات ترامب "
                          "عن التدخل الروسي في الانتخابات.", date="2018-07-25", source="B")]
    told = told_by_signals([*early, *late], "2018-07-25", dated=True)
    assert any("قبل أيام" in t for t in told)
    assert not any("القمة المقبلة" in t for t in told)
