"""What's new (issue 22): background placed months or years back, and a claim retold without quotes."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from akhbar.eval.since_eval import read_since_judgements, split_date, split_dates
from akhbar.records import Article
from akhbar.summarize.since_signals import claim, far_past, looks_back, marker_stems, same_claim
from tests.test_summarize_since import told_by_signals


def test_spans_reaching_months_or_years_back() -> None:
    assert far_past("وشنت إسرائيل خلال الأشهر الماضية غارات عدة على قواعد سورية")
    assert far_past("ومنذ بدء النزاع في سوريا في 2011، قصفت إسرائيل مرارا أهدافا عسكرية")
    assert far_past("ورفعت الحكومة الأسعار العام الماضي")
    assert far_past("أول انتخابات برلمانية منذ 9 سنوات") and far_past("والجسر المشيد منذ 50 عاما")
    assert not far_past("وقتل 9 أشخاص منذ الصباح")
    assert not far_past("أعلنت الحكومة الإيطالية الأربعاء حالة الطوارئ")
    assert not far_past("وكانت الشاحنة الخضراء لا تزال متوقفة")
    assert not far_past("أعلنت وزارة الصحة حصيلة الأسبوع الماضي")  # a week is the «الماضي» weekday rule's


def test_background_cues_look_back() -> None:
    assert looks_back("يذكر أن براينت اعتزل كرة السلة عام 2016")
    assert looks_back("وتجدر الإشارة إلى أن الجسر بني في الستينات")
    assert not looks_back("وذكر أن السائق كان عائدا من مهمة")  # «ذكر» reports, «يذكر أن» recalls


def test_the_markers_words_say_when_not_what() -> None:
    assert marker_stems("وشنت إسرائيل خلال الأشهر الماضية غارات") == {"اشهر", "ماض"}
    assert marker_stems("ومنذ بدء النزاع في سوريا قصفت إسرائيل") == {"منذ", "بدء"}


def test_background_months_back_is_told_when_its_words_were() -> None:
    early = [Article("e1", "قصفت إسرائيل مرارا قواعد سورية وفصائل حزب الله ومواقع إيرانية في سوريا منذ 2011. "
                           "وقتل 23 شخصا في الغارات الإسرائيلية على سوريا.", date="2018-05-10", source="A")]
    late = [Article("l1", "وشنت إسرائيل خلال الأشهر الماضية غارات على قواعد سورية وحزب الله ومواقع إيرانية. "
                          "ودعا الاتحاد الأوروبي خلال الأشهر الماضية إلى وقف تصدير السلاح إلى المنطقة.",
                    date="2018-05-12", source="B")]
    told = told_by_signals([*early, *late], "2018-05-12", dated=True)
    assert any(t.startswith("وشنت") for t in told)
    assert not any(t.startswith("ودعا") for t in told)  # months back too, but its words were never told


def test_a_claim_retold_in_other_forms_of_its_words() -> None:
    earlier = claim("وقالت إسرائيل إن إيران أطلقت 20 صاروخا من طراز غراد على الجولان")
    later = claim("وقالت إسرائيل إن مقاتلين إيرانيين هم الذين أطلقوا الصواريخ")
    assert earlier is not None and later is not None
    assert same_claim(later, earlier)  # إيرانيين ~ إيران, أطلقوا ~ أطلقت, الصواريخ ~ صاروخا
    other = claim("وقالت روسيا إن مقاتلين إيرانيين هم الذين أطلقوا الصواريخ")
    assert not same_claim(other, earlier)  # another speaker
    figure = claim("وقالت إسرائيل إن إيران أطلقت 32 صاروخا من طراز غراد على الجولان")
    assert not same_claim(figure, earlier)  # a new figure: a new claim
    assert claim('وقال المشنوق "النسبة 49 بالمئة"') is None  # quoted: the quote rule's
    assert claim("وقال مصدر أمني إن التحقيق مستمر في الحادث") is None  # names no one


def test_a_retold_claim_is_told_before() -> None:
    early = [Article("e1", "وقالت إسرائيل إن إيران أطلقت 20 صاروخا من طراز غراد على مواقع في الجولان.",
                     date="2018-05-10", source="A")]
    late = [Article("l1", "وقالت إسرائيل إن مقاتلين إيرانيين هم الذين أطلقوا الصواريخ على مواقع الجولان. "
                          "وقالت إسرائيل إن طائراتها أصابت 70 موقعا إيرانيا في سوريا.", date="2018-05-11", source="B")]
    told = told_by_signals([*early, *late], "2018-05-11", chars=True)
    assert any("مقاتلين" in t for t in told)
    assert not any("70 موقعا" in t for t in told)


@given(st.text(max_size=200))
def test_the_new_signals_never_fail_on_any_text(text: str) -> None:
    far_past(text)
    said = claim(text)
    assert said is None or same_claim(said, said)  # a claim is the same claim as itself


def test_every_later_day_is_a_split_date() -> None:
    dates = ["2018-08-14", "2018-08-14T10:00", None, "2018-08-16", "2018-08-15", "2018-08-16"]
    assert split_dates(dates) == ["2018-08-15", "2018-08-16"]
    assert split_date(dates) in split_dates(dates)
    assert split_dates(["2018-08-14", None]) == []


def test_a_judgement_holds_for_its_date_and_without_one_for_the_story_split(tmp_path: Path) -> None:
    path = tmp_path / "since.jsonl"
    rows = [{"story": "s", "key": "A-1|x", "new": True, "reason": ""},
            {"story": "s", "since": "2018-08-16", "key": "A-1|x", "new": False, "reason": ""}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    judged = read_since_judgements(path)
    assert judged[("s", None, "A-1|x")] is True and judged[("s", "2018-08-16", "A-1|x")] is False
