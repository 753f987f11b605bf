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


def test_a_dangling_sentence_enters_only_right_after_its_antecedent() -> None:
    # «وأضاف: سنراجع الأسعار» leans on the minister's sentence: it is taken only with it, just after it.
    items = summarize_articles([A, B, C], words=200)
    for k, item in enumerate(items):
        if item.text.startswith("وأضاف"):
            before = items[k - 1].sentence
            assert k > 0 and before.article == item.sentence.article and before.index == item.sentence.index - 1
    alone = summarize_articles([Article("a", A.body.split(". ")[2], source="A"), B], words=200)
    assert not any(i.text.startswith("وأضاف") for i in alone)


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


# Four outlets whose leads restate one fact (a ceasefire in the south) and overflow a 45-word budget;
# their second sentences tell what else happened.
_LEADS = ("أعلنت الحكومة والفصائل وقف إطلاق النار في الجنوب اعتبارا من منتصف الليل بعد أسابيع من المعارك.",
          "توصل الطرفان المتحاربان إلى هدنة شاملة تسري في المحافظات الجنوبية مع حلول الليلة القادمة.",
          "بدأ سريان اتفاق التهدئة بين القوات النظامية والمسلحين جنوبي البلاد برعاية إقليمية ودولية.",
          "اتفقت الأطراف على إنهاء القتال في مناطق الجنوب وفتح الطرق أمام المدنيين ابتداء من الغد.")
_NEXT = ("وقتل عشرون مدنيا في قصف على قرية قرب الحدود قبل ساعات من بدء الهدنة.",
         "وسيطر الجيش على تلة استراتيجية تشرف على الطريق الرئيسي بين المدينتين.",
         "وقالت الأمم المتحدة إن قوافل المساعدات ستدخل المنطقة خلال أيام.",
         "وارتفعت أسعار الخبز والوقود في أسواق المدينة بسبب الحصار الطويل.")
RESTATING = [Article(f"r{k}", f"{lead} {nxt}", date=f"2018-03-0{k + 1}", source=f"S{k}")
             for k, (lead, nxt) in enumerate(zip(_LEADS, _NEXT, strict=True))]


def test_leads_that_overflow_a_short_budget_leave_room_for_what_else_happened() -> None:
    config = load_config().summary_for(len(RESTATING))
    reserve = replace(config, lead_reserve=40, lead_overflow=1.0)
    texts = [i.text for i in summarize_articles(RESTATING, words=45, config=reserve)]
    assert sum(t in _LEADS for t in texts) == 1 and any(t in _NEXT for t in texts)
    # Without the reserve the first round takes three leads: one fact, told three times.
    plain = [i.text for i in summarize_articles(RESTATING, words=45, config=replace(config, lead_reserve=0))]
    assert sum(t in _LEADS for t in plain) == 3


def test_the_reserve_binds_only_when_the_leads_overflow_by_the_factor() -> None:
    # The four leads hold 58 words: 1.2 budgets of 48 words, 1.45 of 40.
    config = replace(load_config().summary_for(len(RESTATING)), lead_reserve=30, lead_overflow=1.3)
    leads_told = {words: sum(i.text in _LEADS for i in summarize_articles(RESTATING, words=words, config=config))
                  for words in (40, 48)}
    assert sum(len(t.split()) for t in _LEADS) == 58
    assert leads_told[40] == 1 and leads_told[48] >= 2


def test_leads_that_fit_are_all_heard_whatever_the_reserve() -> None:
    base = replace(load_config().summary_for(2), lead_overflow=1.0)
    without, reserved = (summarize_articles([A, B], words=30, config=replace(base, lead_reserve=reserve))
                         for reserve in (0, 100))
    assert [i.text for i in without] == [i.text for i in reserved]
    assert len(reserved) == 2


def test_a_round_hears_an_outlet_not_heard_yet_before_more_of_one_heard() -> None:
    # G's lead is too long for the budget, so after the first round E and F are heard and G is not.
    # Room is left for one second sentence: by date E's would come first; by novelty G's does.
    e = Article("e", "أعلنت الحكومة خطة جديدة لدعم المزارعين في الصعيد هذا العام. "
                     "وأكد الوزير أن الخطة تشمل قروضا ميسرة للمزارعين في الصعيد.", date="2018-03-01", source="E")
    f = Article("f", "ارتفعت البورصة المصرية بعد إعلان خطة لدعم الصادرات الزراعية. "
                     "وتراجع سعر صرف الجنيه قليلا أمام الدولار في تعاملات الصباح.", date="2018-03-02", source="F")
    g = Article("g", " ".join(["وقعت الوزارة عقدا لبناء محطة كهرباء شمسية في أسوان"] * 3) + ". "
                     "وقتل ثلاثة عمال في حادث بموقع المحطة الشمسية الأسبوع الماضي.", date="2018-03-03", source="G")
    config = replace(load_config().summary_for(3), lead_reserve=0, sentence_share=0.5, min_outlets=0)
    by_date = summarize_articles([e, f, g], words=32, config=replace(config, round_by_novelty=0))
    by_novelty = summarize_articles([e, f, g], words=32, config=replace(config, round_by_novelty=1))
    assert "g" not in {i.sentence.article for i in by_date}
    assert {i.sentence.article for i in by_novelty} == {"e", "f", "g"}


def test_after_the_first_report_the_leads_most_outlets_tell_come_first() -> None:
    # Four leads overflow the budget: after the first report's lead (h) there is room for one more.
    # By date it would be i's (bread prices, told by i alone); by score it is the hill's, told by j and k.
    hill = "وسيطر الجيش على تلة استراتيجية تشرف على الطريق الرئيسي بين المدينتين بعد معارك عنيفة."
    h = Article("h", _LEADS[0] + " " + _NEXT[2], date="2018-03-01", source="H")
    i = Article("i", _NEXT[3] + " " + _NEXT[2], date="2018-03-02", source="I")
    j = Article("j", hill + " وقتل جنديان في المعارك.", date="2018-03-03", source="J")
    k = Article("k", hill + " ونزح مئات السكان من القرى المجاورة.", date="2018-03-04", source="K")
    config = replace(load_config().summary_for(4), lead_reserve=0)
    by_score = [x.text for x in summarize_articles([h, i, j, k], words=32, config=config)]
    by_date = [x.text for x in summarize_articles([h, i, j, k], words=32, config=replace(config, leads_by_score=0))]
    assert by_score == [_LEADS[0], hill]
    assert by_date[0] == _LEADS[0] and hill not in by_date


def test_past_the_first_rounds_the_sentences_most_outlets_tell_come_first() -> None:
    # After the three leads there is room for one more sentence. Round by round it would be a
    # second sentence (each told by one outlet); with rounds_by_position=1 the deeper sentences go
    # by unit score, and the third sentence that two outlets tell word for word comes first.
    shared = "وأعلنت وزارة الصحة أن حصيلة ضحايا الفيضانات ارتفعت إلى اثني عشر قتيلا."
    p = Article("p", "ضربت عاصفة قوية مدينة الإسكندرية وأغرقت شوارعها بالمياه. "
                     "وأغلقت المدارس أبوابها في الأحياء الساحلية حتى نهاية الأسبوع الجاري.",
                date="2018-03-01", source="P")
    q = Article("q", "غمرت مياه الأمطار أحياء واسعة من الإسكندرية بعد العاصفة. "
                     "وتعطلت حركة القطارات بين القاهرة والإسكندرية لساعات طويلة صباح اليوم. " + shared,
                date="2018-03-02", source="Q")
    r = Article("r", "تسببت العاصفة في انقطاع الكهرباء عن آلاف المنازل بالإسكندرية. "
                     "وطالب نواب البرلمان الحكومة بتعويض أصحاب المحلات التجارية المتضررة سريعا. " + shared,
                date="2018-03-03", source="R")
    leads = sum(len(a.body.split(". ")[0].split()) for a in (p, q, r))
    config = replace(load_config().summary_for(3), lead_reserve=0)
    words = leads + len(shared.split())
    by_score = [x.text for x in summarize_articles([p, q, r], words=words,
                                                    config=replace(config, rounds_by_position=1))]
    by_round = [x.text for x in summarize_articles([p, q, r], words=words,
                                                    config=replace(config, rounds_by_position=0))]
    assert shared in by_score and len(by_score) == 4
    assert shared not in by_round and len(by_round) == 4


def test_the_reserve_binds_only_in_a_short_summary() -> None:
    # The four leads hold 58 words, 1.45 budgets of 40: the reserve binds at 40 words unless the
    # summary counts as long (lead_reserve_until under 40).
    config = replace(load_config().summary_for(len(RESTATING)), lead_reserve=30, lead_overflow=1.3)
    leads_told = {until: sum(i.text in _LEADS for i in summarize_articles(
        RESTATING, words=40, config=replace(config, lead_reserve_until=until))) for until in (39, 40)}
    assert leads_told[40] == 1 and leads_told[39] >= 2


def test_told_groups_off_lets_a_paraphrase_of_a_taken_fact_in() -> None:
    # One fact in other words (an alignment paraphrase group): told once by default; with
    # told_groups = 0 only the meaning overlap judges the second telling, and it adds «وأنها ستقاتل».
    a = Article("a", "وقال مسؤول في المعارضة إن الفصائل لن تغادر الأحياء الشرقية من مدينة حلب مهما كان الثمن.",
                source="A")
    b = Article("b", "أكد قيادي معارض أن الفصائل لن تغادر أحياء حلب الشرقية مهما كان الثمن وأنها ستقاتل.",
                source="B")
    config = replace(load_config().summary_for(2), same_fact=0)
    told = {flag: len(summarize_articles([a, b], words=120, config=replace(config, told_groups=flag)))
            for flag in (0, 1)}
    assert told == {1: 1, 0: 2}
