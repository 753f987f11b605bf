"""Lead-first selection for several outlets (akhbar.summarize.leads) on small Arabic articles."""

from __future__ import annotations

from dataclasses import replace

from akhbar.config import load_config
from akhbar.pipeline import run, summarize_articles
from akhbar.records import Article
from akhbar.summarize import is_furniture, stands_alone

A = Article("a", "أعلنت الحكومة المصرية خفض أسعار الوقود بنسبة عشرة في المئة اعتبارا من الشهر المقبل. "
                 "وقال وزير المالية إن القرار يخفف العبء عن الأسر الفقيرة في المدن والأرياف. "
                 "وأضاف: سنراجع الأسعار كل ثلاثة أشهر.", date="2018-03-02", source="A")
B = Article("b", "ارتفعت البورصة المصرية بعد إعلان خطة جديدة لدعم الصادرات الزراعية إلى أوروبا. "
                 "وتراجع سعر صرف الجنيه قليلا أمام الدولار في تعاملات الصباح بالقاهرة.", date="2018-03-01", source="B")
C = Article("c", "أعلنت الحكومة المصرية خفض أسعار الوقود بنسبة عشرة في المئة اعتبارا من الشهر المقبل. "
                 "ويتوقع خبراء أن يتراجع التضخم في الربع الثاني من العام الجاري.", date="2018-03-03", source="C")


def _texts(articles, words=120):
    return [i.text for i in summarize_articles(articles, words=words)]


def test_leads_come_before_second_sentences() -> None:
    texts = _texts([A, B], words=30)
    # Two leads fit (14 + 12 words); no second sentence is taken before both leads.
    assert texts == [B.body.split(". ")[0] + ".", A.body.split(". ")[0] + "."]


def test_summary_is_ordered_by_the_date_of_the_first_report() -> None:
    items = summarize_articles([A, B, C], words=120)
    date_of = {a.id: a.date for a in (A, B, C)}
    firsts = [min(date_of[x] for x in (*i.sources, *i.related)) for i in items]
    assert firsts == sorted(firsts) and len(set(firsts)) > 1
    assert items[0].sentence.article == "b"  # B reported first (1 March)


def test_a_fact_told_twice_is_taken_once_and_cites_both_outlets() -> None:
    items = summarize_articles([A, B, C], words=120)
    fuel = [i for i in items if "خفض أسعار الوقود" in i.text]
    assert len(fuel) == 1
    assert set(fuel[0].sources) == {"a", "c"}
    assert {"a", "b", "c"} <= {s for i in items for s in i.sources}


def test_a_dangling_sentence_never_enters() -> None:
    texts = _texts([A, B, C], words=200)
    assert not any(t.startswith("وأضاف") for t in texts)


def test_page_furniture_never_enters() -> None:
    dated = Article("d", "الأحد 4 ديسمبر 2016\nتقدم الجيش في الأحياء الشرقية من المدينة بعد معارك عنيفة مع الفصائل.",
                    source="D")
    texts = _texts([dated, B], words=60)
    assert texts and not any(t.strip()[-11:] == "ديسمبر 2016" for t in texts)
    assert is_furniture("الأحد 4 ديسمبر 2016") and is_furniture("تعليقات الفيسبوك")
    assert not is_furniture("تقدم الجيش في الأحياء الشرقية")


def test_one_sentence_takes_at_most_its_share_of_the_budget() -> None:
    config = load_config().summary_for(2)
    long_lead = " ".join(["كلمة"] * 30) + "."
    assert not stands_alone(long_lead, replace(config, max_words=20))
    items = summarize_articles([Article("x", long_lead + " قال الوزير إن الخطة تبدأ غدا في كل المحافظات."), B],
                               words=40, config=replace(config, sentence_share=0.5))
    assert all(len(i.text.split()) <= 20 for i in items)


def test_single_article_keeps_the_score_first_selection() -> None:
    report = run([A], with_facts=False)
    assert report.config.summary.lead_first == 0 and report.summary
