"""The facts faults found on the audit's dev stories (issue 20, second round), each on a small phrase:
aliases of one entity, cut names, ranks, and numbers that are compound, a hundred of a scale, "one of",
part of a name or of a title, an ordinal, or an amount described by a participle."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from akhbar.facts.entities import _join_split_names, _Raw, extract_entities, name_key
from akhbar.facts.entity_aliases import lone_particle_name, merge_first_names, merge_place_aliases
from akhbar.facts.numbers import sentence_figures
from akhbar.ner.gazetteer import make_gazetteer
from akhbar.ner.names import NameEvidence, trim_person
from akhbar.records import Sentence
from tests.facts.conftest import make_sentences
from tests.facts.test_audit_fixes import _tagger
from tests.facts.test_entities import FakeMention

# Entities ---------------------------------------------------------------------------------------

# What the shipped gazetteer knows of these names (the long forms are WikiFANE entries, so the
# adjectives stay on them).
GAZETTEER = make_gazetteer({
    ("المملكه", "العربيه", "السعوديه"): "LOC", ("السعوديه",): "LOC", ("الولايات", "المتحده", "الامريكيه"): "LOC",
    ("الولايات", "المتحده"): "LOC", ("امريكا",): "LOC", ("الجولان",): "LOC", ("هضبه", "الجولان"): "LOC",
    ("لبنان",): "LOC", ("جبل", "لبنان"): "LOC",
})


def _entity_names(texts: Sequence[str], names: Sequence[tuple[str, str]]) -> list[str]:
    sentences = [s for k, t in enumerate(texts) for s in make_sentences(t, article=f"a{k}")]
    entities, _ = extract_entities(sentences, _tagger(names), NameEvidence(gazetteer=GAZETTEER))
    return [e.name for e in entities]



def test_a_country_s_long_form_is_its_short_form() -> None:
    names = _entity_names(
        ["وأيدت المملكة العربية السعودية القرار.", "وقالت السعودية إنها ترحب.", "ورحبت السعودية بالقرار."],
        [("المملكة العربية السعودية", "LOC"), ("السعودية", "LOC")])
    assert names == ["السعودية"]


def test_the_united_states_long_short_and_america_are_one_row() -> None:
    names = _entity_names(
        ["وقالت الولايات المتحدة الأمريكية إنها انسحبت.", "وانسحبت الولايات المتحدة من الاتفاق.",
         "وقال إن أمريكا لن تبقى.", "ودعت الولايات المتحدة إلى مفاوضات."],
        [("الولايات المتحدة الأمريكية", "LOC"), ("الولايات المتحدة", "LOC"), ("أمريكا", "LOC")])
    assert names == ["الولايات المتحدة"]


def test_a_plateau_is_its_place_but_a_mountain_is_not_its_country() -> None:
    names = _entity_names(
        ["وسقطت الصواريخ على هضبة الجولان.", "وقصفت إسرائيل الجولان.", "وزار جبل لبنان.", "وقال لبنان إنه يراقب."],
        [("هضبة الجولان", "LOC"), ("الجولان", "LOC"), ("جبل لبنان", "LOC"), ("لبنان", "LOC")])
    assert len([n for n in names if "الجولان" in n]) == 1
    assert "جبل لبنان" in names and "لبنان" in names


def test_a_head_with_two_places_or_a_noun_joins_nothing() -> None:
    singles = {("سوريا",): ["سوريا"], ("لبنان",): ["لبنان"], ("جمهوريا", "سوريا", "لبنان"): ["x"],
               ("مدينا", "حديثا"): ["y"]}
    groups = {k: list(v) for k, v in singles.items()}
    merge_place_aliases(groups, lambda items: "LOC", lambda items: [])
    assert set(groups) == set(singles)


def test_a_lone_first_name_joins_the_one_person_of_the_story() -> None:
    names = _entity_names(
        ["وقال الرئيس الفرنسي إيمانويل ماكرون إن الاتفاق قائم.", "ودعا إيمانويل ماكرون إلى الحوار.",
         "وكتب إيمانويل على تويتر."],
        [("إيمانويل ماكرون", "PER"), ("إيمانويل", "PER")])
    assert names == ["إيمانويل ماكرون"]


def test_a_first_name_two_people_share_or_a_rare_fuller_name_stays_apart() -> None:
    groups: dict[tuple[str, ...], list[str]] = {
        ("حسن",): ["a"], ("حسن", "روحاني"): ["b", "b"], ("حسن", "نصراللا"): ["c", "c"],
        ("ماريا",): ["d", "d", "d"], ("ماريا", "دوما"): ["e"],
    }
    unresolved = merge_first_names(groups, lambda items: "PER")
    assert ("حسن",) in groups and ("ماريا",) in groups
    assert unresolved == {("حسن",), ("ماريا",)}  # ranked low: whose name it is, the row cannot say


def test_two_people_who_share_a_family_name_are_never_joined_by_the_first_name_pass() -> None:
    groups: dict[tuple[str, ...], list[str]] = {
        ("ستريدا", "جعجع"): ["a", "a"], ("سمير", "جعجع"): ["b", "b"], ("جعجع",): ["c"],
    }
    merge_first_names(groups, lambda items: "PER")
    assert len(groups) == 3


@pytest.mark.parametrize(("a", "b"), [
    ("حسن نصرالله", "حسن نصر الله"), ("الإمارات", "الامارات"), ("سورية", "سوريا"), ("جنوى", "جنوة"),
    ("عبدالله", "عبد الله"),
])
def test_spellings_share_a_key(a: str, b: str) -> None:
    assert name_key(a.split()) == name_key(b.split())


def test_god_alone_is_no_entity() -> None:
    assert _entity_names(["وقال حسن نصر الله إن الله معنا."], [("الله", "PER")]) == []


@pytest.mark.parametrize(("words", "cut"), [
    ("لويجي دي", True), ("سكاي تي جي", True), ("بي سي", True), ("خالد بن", True),
    ("لويجي دي مايو", False), ("وانغ يي", False), ("سعد الحريري", False), ("ريو دي جانيرو", False),
])
def test_a_name_cut_before_its_end_or_letters_only(words: str, cut: bool) -> None:
    assert lone_particle_name(words.split()) is cut


def test_a_rank_is_not_part_of_a_name() -> None:
    assert trim_person(("كولونيل", "جوناثان", "كونريكوس"), NameEvidence()) == ("جوناثان", "كونريكوس")
    assert trim_person(("العقيد", "تركي", "المالكي"), NameEvidence()) == ("تركي", "المالكي")
    assert trim_person(("الشيخ",), NameEvidence()) == ("الشيخ",)  # a rank alone is left to the other filters


def _raw(sentence: Sentence, text: str, label: str) -> tuple[Sentence, FakeMention, int]:
    start = sentence.text.index(text)
    return sentence, FakeMention(text, label, start, start + len(text)), start


def test_a_two_word_city_the_tagger_split_is_joined_but_a_list_is_not() -> None:
    evidence = NameEvidence(gazetteer=make_gazetteer({("روسيا",): "LOC", ("الصين",): "LOC", ("باريس",): "LOC"}))
    city = make_sentences("ستجرى العملية في مدينة بيلو هوريزونتي غدا.")[0]
    joined = _join_split_names([_raw(city, "بيلو", "LOC"), _raw(city, "هوريزونتي", "LOC")], evidence)
    assert [r.text for r in joined] == ["بيلو هوريزونتي"]
    listed = make_sentences("شكر روسيا والصين على موقفهما.")[0]
    apart = _join_split_names([_raw(listed, "روسيا", "LOC"), _raw(listed, "والصين", "LOC")], evidence)
    assert [r.text for r in apart] == ["روسيا", "والصين"]
    known = make_sentences("من باريس روسيا.")[0]
    assert len(_join_split_names([_raw(known, "باريس", "LOC"), _raw(known, "روسيا", "LOC")], evidence)) == 2
    assert isinstance(joined[0], _Raw)


# Figures ----------------------------------------------------------------------------------------


def _figures(text: str) -> list[tuple[float, str]]:
    return [(f.value, f.unit) for f in sentence_figures(make_sentences(text)[0])]


@pytest.mark.parametrize(("text", "expected"), [
    ("بلغ عدد الضحايا 7 آلاف و367 شخصا.", [(7367.0, "شخص")]),
    ("يبلغ عدد السكان مليون و200 ألف نسمة.", [(1200000.0, "نسمه")]),
    ("وخسر 200 ألف و50 جنيها.", [(200050.0, "جنيه")]),
    ("قدر عددهم بين 3 آلاف و5 آلاف شخص.", [(3000.0, ""), (5000.0, "شخص")]),
])
def test_a_number_joined_by_wa_below_its_scale_is_one_number(text: str, expected: list[tuple[float, str]]) -> None:
    assert _figures(text) == expected


def test_a_definite_hundred_before_a_scale_is_a_hundred_of_it() -> None:
    assert _figures("وفر الاتفاق أموالا فاقت المئة مليار دولار.") == [(1e11, "دولار")]
    assert _figures("ارتفعت الأسعار 20 في المئة.") == [(20.0, "percent")]


@pytest.mark.parametrize("text", [
    "وأحد أبرز الأفلام المرشحة هو شكل الماء.",
    "وقالت إحدى الناخبات إن الطوابير طويلة.",
    "وفازت حركة 5 نجوم بالانتخابات.",
    "وقال زعيم حركة خمس نجوم إن الحكومة مسؤولة.",
    "ترجح التوقعات فوز فيلم \"ثلاث لافتات إعلانية خارج إيبينغ\" بالجائزة.",
    "وسجل الهدف في الدقيقة 90 من المباراة.",
    "وتقدم الفريق إلى المركز 3 في الترتيب.",
])
def test_one_of_a_name_a_title_or_an_ordinal_is_no_figure(text: str) -> None:
    assert _figures(text) == []


def test_a_film_shown_three_times_is_still_counted() -> None:
    assert _figures("وعرض الفيلم 3 مرات في المهرجان.") == [(3.0, "مرات")]


def test_a_participle_after_millions_describes_the_amount() -> None:
    assert _figures("إلى 125 مليار جنيه من 110.148 مليار مستهدفة.") == [(125e9, "جنيه"), (110.148e9, "")]
    assert _figures("يسكنها مليون مستوطن.") == [(1e6, "مستوطن")]


@pytest.mark.parametrize("text", [
    "افتتاح مهرجان كان الـ71 للسينما.",
    "في الدورة الـ 71 لمهرجان كان.",
    "في الذكرى 70 للنكبة.",
])
def test_a_number_with_the_article_or_after_an_anniversary_is_an_ordinal(text: str) -> None:
    assert _figures(text) == []


def test_a_definite_count_keeps_its_noun() -> None:
    assert _figures("والزيادة لن تتعدى الـ 12 جنيها.") == [(12.0, "جنيه")]


@pytest.mark.parametrize("text", ["وبلغ عددهم 30 تقريبا.", "قتل 5 عندما انفجرت القنبلة.", "فاز 3 للمرة الثانية."])
def test_an_adverb_a_conjunction_or_a_li_phrase_is_not_what_a_number_counts(text: str) -> None:
    assert all(unit == "" for _, unit in _figures(text))


def test_a_definite_percentage_is_still_a_percentage() -> None:
    assert _figures("وانخفض المؤشر بنسبة تجاوزت الـ3 في المائة.") == [(3.0, "percent")]
