from __future__ import annotations

from akhbar.align import align, vectorize
from akhbar.config import AlignConfig
from akhbar.pipeline import split_articles
from akhbar.records import Article


def _ids(group) -> set[tuple[str, int]]:
    return {(s.article[:3], s.index) for s in group.sentences}


def test_wire_copy_paragraphs_of_002_and_004_are_grouped(seed_report) -> None:
    verbatim = [g for g in seed_report.groups if g.kind == "verbatim"]
    assert any({a[:3] for a in g.sources} == {"002", "004"} for g in verbatim)
    shared = [g for g in seed_report.groups if {a[:3] for a in g.sources} == {"002", "004"}]
    assert len(shared) >= 2  # the refusal paragraph and the "Russia closed every door" paragraph
    texts = " ".join(s.text for g in shared for s in g.sentences)
    assert "أغلقت كل أبواب التفاوض" in texts
    assert "مهما كان الثمن" in texts


def test_reuters_quote_shared_by_000_and_003(seed_report) -> None:
    quote = "نترك مدينتنا وبيوتنا للمليشيات المرتزقة"
    groups = [g for g in seed_report.groups if all(quote in s.text for s in g.sentences)]
    assert groups and {a[:3] for a in groups[0].sources} == {"000", "003"}
    assert groups[0].kind in {"near", "verbatim"}


def test_every_group_spans_two_articles(seed_report) -> None:
    assert seed_report.groups
    assert all(len(g.sources) >= 2 for g in seed_report.groups)


def test_unrelated_sentences_are_not_grouped(seed_report) -> None:
    for group in seed_report.groups:
        assert not any("ادلب" in s.text for s in group.sentences)  # 004's Idlib strikes are 004's alone


def test_spelling_variants_align_as_verbatim() -> None:
    a = Article("a", "وأكد المسؤول أن المقاتلين لن يخرجوا من الأحياء الشرقية حتى آخر نقطة دم.")
    b = Article("b", "واكد المسؤول ان المقاتلين لن يخرجوا من الاحياء الشرقية حتى اخر نقطة دم.")
    c = Article("c", "أعلنت وزارة الصحة افتتاح مستشفى جديد في العاصمة اليوم بحضور الوزير.")
    sentences = split_articles([a, b, c])
    groups = align(sentences, vectorize(sentences), config=AlignConfig())
    assert len(groups) == 1
    assert groups[0].kind == "verbatim" and groups[0].sources == ("a", "b")


def test_sentences_of_one_article_never_form_a_group_alone() -> None:
    text = "قتل عشرة أشخاص في قصف على المدينة. قتل عشرة أشخاص في قصف على المدينة."
    sentences = split_articles([Article("a", text)])
    assert align(sentences, vectorize(sentences), config=AlignConfig()) == []


def test_empty_and_single_input() -> None:
    assert align([], vectorize([]), config=AlignConfig()) == []
    one = split_articles([Article("a", "قتل عشرة أشخاص في قصف على المدينة.")])
    assert align(one, vectorize(one), config=AlignConfig()) == []


def _grouped(first: str, second: str) -> list[set[str]]:
    """The groups ``first`` (article a) and ``second`` (article b) form, each beside an unrelated sentence."""
    a = Article("a", first + " " + "وشهدت المدينة أمطارا غزيرة طوال اليوم أغرقت الشوارع.")
    b = Article("b", second + " " + "وافتتح الوزير معرضا للكتاب في العاصمة بحضور عدد من الكتاب.")
    sentences = split_articles([a, b])
    return [{s.text for s in g.sentences} for g in align(sentences, vectorize(sentences), config=AlignConfig())]


def test_a_question_is_not_a_paraphrase_of_the_statement_it_asks_about() -> None:
    statement = "قال الرئيس الأمريكي دونالد ترامب إنه سيعلن في وقت لاحق الثلاثاء قراره بشأن الاتفاق النووي الإيراني."
    question = "ما الذي سيعلنه الرئيس الأمريكي دونالد ترامب بشأن الاتفاق النووي مع إيران؟"
    told = "أعلن الرئيس الأمريكي دونالد ترامب أنه سيكشف قراره بشأن الاتفاق النووي مع إيران في وقت لاحق الثلاثاء."
    assert _grouped(statement, told) == [{statement, told}]  # the same statement in other words is one group
    assert _grouped(statement, question) == []
    asked_alike = question.replace("ما الذي", "ماذا")
    assert _grouped(question, asked_alike) == [{question, asked_alike}]  # two outlets asking alike


def test_is_question() -> None:
    from akhbar.text.segment import is_question

    assert is_question("ما الذي سيعلنه ترامب؟") and is_question("«هل ينسحب ترامب؟»")
    assert not is_question("قال ترامب إنه سيعلن قراره.")
