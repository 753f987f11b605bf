"""Conflicts: only defensible flags; dates turn a larger later toll into an update."""

from __future__ import annotations

import pytest

from akhbar.facts.conflicts import claim_conflicts, figure_conflicts, find_conflicts
from akhbar.facts.numbers import extract_figures
from akhbar.facts.records import ArticleDate, Timeline
from akhbar.facts.timeline import build_timeline
from akhbar.records import Article, Sentence
from tests.facts.conftest import make_sentences


def _two(a: str, b: str) -> list[Sentence]:
    return [*make_sentences(a, article="x"), *make_sentences(b, article="y")]


def _dates(x: str | None, y: str | None) -> Timeline:
    return Timeline((ArticleDate("x", x, "explicit", "t"), ArticleDate("y", y, "explicit", "t")), ())


def test_same_toll_different_numbers_is_a_contradiction() -> None:
    sentences = _two("قتل 40 مدنيا في غارات روسية على مدينة ادلب.", "قتل 25 مدنيا في غارات روسية على مدينة ادلب.")
    (conflict,) = figure_conflicts(extract_figures(sentences), _dates("2016-12-05", "2016-12-05"))
    assert (conflict.kind, conflict.status) == ("figure", "contradiction")
    assert {conflict.a.value, conflict.b.value} == {40, 25}


def test_later_larger_cumulative_toll_is_an_update() -> None:
    sentences = _two("قتل 25 مدنيا في غارات روسية على مدينة ادلب.", "قتل 40 مدنيا في غارات روسية على مدينة ادلب.")
    (conflict,) = figure_conflicts(extract_figures(sentences), _dates("2016-12-05", "2016-12-06"))
    assert conflict.status == "updated"
    assert (conflict.a.value, conflict.b.value) == (25, 40)


def test_no_conflict_for_other_places_days_units_bounds_or_vague_numbers() -> None:
    pairs = [
        ("قتل 25 مدنيا في غارات روسية على مدينة ادلب.", "قتل 53 مدنيا في غارات روسية على مدينة حلب."),
        ("قتل 20 مدنيا أمس الثلاثاء في غارات على حلب.", "قتل 53 مدنيا اليوم الأربعاء في غارات على حلب."),
        ("قتل 25 مدنيا في غارات روسية على حلب.", "قتل 53 شخصا في غارات روسية على حلب."),
        ("قتل أكثر من 30 مدنيا في غارات روسية على حلب.", "قتل 45 مدنيا في غارات روسية على حلب."),
        ("أودى القصف بحياة المئات في حلب.", "أودى القصف بحياة 53 في حلب."),
        (
            "مشروع قرار يطالب بهدنة لمدة سبعة أيام في حلب.",
            "مبادرة المعارضة تتضمن هدنة لخمسة أيام لإخراج الجرحى.",
        ),
    ]
    for a, b in pairs:
        assert figure_conflicts(extract_figures(_two(a, b)), _dates("2016-12-07", "2016-12-07")) == [], (a, b)


def test_denied_claim_against_asserted_claim() -> None:
    sentences = _two(
        "ونفت وزارة الدفاع الروسية أن تكون طائراتها قصفت مستشفى القدس في حلب الشرقية.",
        "قصفت طائرات روسية مستشفى القدس في حلب الشرقية صباح اليوم.",
    )
    (conflict,) = claim_conflicts(sentences)
    assert conflict.kind == "claim" and conflict.a.negated and not conflict.b.negated
    assert conflict.a.sources == ("x",) and conflict.b.sources == ("y",)


def test_rejecting_a_proposal_is_not_denying_a_fact() -> None:
    sentences = _two(
        "رفضت المعارضة المسلحة مقترحا يقضي بانسحابها من الأحياء الشرقية لمدينة حلب.",
        "اقترحت روسيا انسحاب المعارضة المسلحة من الأحياء الشرقية لمدينة حلب.",
    )
    assert claim_conflicts(sentences) == []


def test_seeds_have_no_false_alarms(seeds: tuple[list[Article], list[Sentence]]) -> None:
    articles, sentences = seeds
    conflicts = find_conflicts(extract_figures(sentences), sentences, build_timeline(articles, sentences))
    # 27 regime troops (003), 25 civilians in Idlib (004) vs 53 in Aleppo (002), the UN draft's
    # seven-day truce vs the opposition's five-day initiative: none is a contradiction.
    assert conflicts == []


def test_each_sentence_is_checked_for_negation_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Many denials against many sentences: negation was recomputed for every pair (quadratic)."""
    from akhbar.facts import conflicts as conflicts_module

    calls = 0
    real = conflicts_module._negated

    def counting(sentence: Sentence) -> bool:
        nonlocal calls
        calls += 1
        return real(sentence)

    monkeypatch.setattr(conflicts_module, "_negated", counting)
    denial = "ونفت وزارة الدفاع الروسية أن تكون طائراتها قصفت مستشفى القدس في حلب الشرقية."
    denials = make_sentences(*[denial] * 50, article="x")
    others = make_sentences(*["قصفت طائرات روسية مستشفى القدس في حلب الشرقية صباح اليوم."] * 50, article="y")
    conflicts = claim_conflicts([*denials, *others])
    assert len(conflicts) == 50 * 50
    assert calls <= len(denials) + len(others)


def test_one_outlet_or_reports_days_apart_never_contradict() -> None:
    """A long story: the same toll wording months apart, or in two articles of one outlet, is not
    a disagreement between outlets."""
    sentences = _two("قتل 40 مدنيا في غارات روسية على مدينة ادلب.", "قتل 25 مدنيا في غارات روسية على مدينة ادلب.")
    figures = extract_figures(sentences)
    assert figure_conflicts(figures, _dates("2016-12-05", "2017-03-01")) == []
    assert len(figure_conflicts(figures, _dates("2016-12-05", "2016-12-07"))) == 1
    assert figure_conflicts(figures, _dates("2016-12-05", "2016-12-05"), {"x": "SkyNews", "y": "SkyNews"}) == []
    assert len(figure_conflicts(figures, _dates("2016-12-05", "2016-12-05"), {"x": "SkyNews", "y": "BBC"})) == 1


def test_a_sentence_carrying_both_figures_does_not_contradict_either() -> None:
    sentences = _two(
        "قتل 40 مدنيا في غارات على مدينة ادلب، بينهم 25 مدنيا في سوق المدينة.",
        "قتل 25 مدنيا في غارات على مدينة ادلب، وقتل 40 مدنيا في المدينة كلها.",
    )
    assert figure_conflicts(extract_figures(sentences), _dates("2016-12-05", "2016-12-05")) == []


def test_amounts_need_nearly_the_same_sentence() -> None:
    """Two sums of dollars in sentences about trade with China are two different amounts."""
    sentences = _two(
        "وبلغ حجم التجارة غير النفطية بين البلدين في 2017 نحو 53 مليار دولار.",
        "وبلغ العجز التجاري الأميركي في السلع مع الصين نحو 376 مليار دولار في 2017.",
    )
    assert figure_conflicts(extract_figures(sentences), _dates("2018-07-20", "2018-07-21")) == []


def test_numbers_that_label_a_law_are_not_figures() -> None:
    (sentence,) = make_sentences("بتعديل بعض أحكام القانون رقم 89 لسنة 1960 والمادة 20 مكرر منه.")
    assert [f for f in extract_figures([sentence]) if f.category != "date"] == []


def test_denials_weeks_apart_or_in_one_outlet_are_not_contradictions() -> None:
    sentences = _two(
        "ونفت وزارة الدفاع الروسية أن تكون طائراتها قصفت مستشفى القدس في حلب الشرقية.",
        "قصفت طائرات روسية مستشفى القدس في حلب الشرقية صباح اليوم.",
    )
    assert len(claim_conflicts(sentences, dates={"x": "2016-12-05", "y": "2016-12-06"})) == 1
    assert claim_conflicts(sentences, dates={"x": "2016-12-05", "y": "2017-01-20"}) == []
    assert claim_conflicts(sentences, outlets={"x": "BBC", "y": "BBC"}) == []
