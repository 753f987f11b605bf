"""Golden test of the entity table on the five seed articles, with the shipped model and evidence.

The lists are hand labels of the seed texts: names a reader must see (with their types), words that
must never be shown as names (clitics glued on, a phrase run on, verbs, common nouns, an agency
credit), and every name the seeds do contain (``ACCEPTABLE``), against which the top 30 rows are
checked: at most one of them may be something else.
"""

from __future__ import annotations

import pytest

from akhbar.facts.entities import extract_entities, load_mention_fn
from akhbar.facts.records import Entity
from akhbar.ner.table_check import loose_key
from akhbar.records import Article, Sentence
from akhbar.text import normalize

MUST_SHOW = [
    ("حلب", "LOC"), ("روسيا", "LOC"), ("سيرغي لافروف", "PER"), ("سوريا", "LOC"), ("موسكو", "LOC"),
    ("الولايات المتحدة", "LOC"), ("زكريا ملاحفجي", "PER"), ("تركيا", "LOC"), ("جنيف", "LOC"),
    ("مجلس الأمن", "ORG"), ("جون كيري", "PER"), ("دمشق", "LOC"), ("واشنطن", "LOC"), ("ألمانيا", "LOC"),
    ("الأمم المتحدة", "ORG"), ("ديمتري بيسكوف", "PER"), ("نيوزيلندا", "LOC"), ("الصين", "LOC"),
    ("هامبورغ", "LOC"), ("أنغيلا ميركل", "PER"), ("جيش الإسلام", "ORG"),
]
# كرم الجبل (LOC) was listed here too: the table no longer shows it since it asks the tagger to be sure
# (EvidenceConfig.min_confidence, chosen on held-out ANERcorp train). It is mentioned once, and the CRF
# gives the name it joins (كرم | الجبل) 0.45. It stays ACCEPTABLE; the README reports this recall cost.
MUST_NOT_SHOW = [
    "بألمانيا", "ونيوزيلندا", "واسبانيا", "والصين", "وريفها", "ريفها", "للامم المتحدة", "كرم الجبل وحي",
    "القاطرجي الإستراتيجي", "الشعار الاستراتيجي شرق حلب", "عزيزة جنوب شرق حلب", "السورية", "سيعاملون",
    "ستبدآن", "مصرون", "المدينة", "مسؤولان", "امتنان", "الفيتو", "لفرانس برس", "فرانس برس", "فيتو روسي",
]
ACCEPTABLE = {
    "PER": ["سيرغي لافروف", "زكريا ملاحفجي", "جون كيري", "ديمتري بيسكوف", "بشار الأسد", "الأسد", "ياسر اليوسف",
            "ابو عبد الرحمن الحموي", "انغيلا ميركل", "جان مارك آيرولت"],
    "LOC": ["حلب", "روسيا", "سوريا", "موسكو", "الولايات المتحدة", "تركيا", "جنيف", "دمشق", "واشنطن", "بيروت",
            "هامبورغ", "ألمانيا", "مصر", "نيوزيلندا", "اسبانيا", "الصين", "ريف حلب", "ادلب", "عزيزة", "كرم الجبل",
            "الشعار", "الميسر", "القاطرجي", "شرق حلب", "داعشستان"],
    "ORG": ["مجلس الأمن", "الأمم المتحدة", "الكرملين", "جيش الفتح", "جيش الإسلام", "نور الدين الزنكي",
            "حركة نور الدين الزنكي", "المرصد السوري لحقوق الإنسان", "الجبهة الشامية", "جيش حلب", "جبهة النصرة",
            "الجيش السوري الحر", "الدفاع المدني", "وزارة الخارجية السورية", "الخارجية السورية",
            "الحرس الثوري الإيراني", "تنظيم الدولة", "داعش", "تجمع فاستقم", "الجيش السوري"],
    "MISC": ["داعشستان", "الفيسبوك"],
}
_ACCEPTABLE_KEYS = {(label, loose_key(name)) for label, names in ACCEPTABLE.items() for name in names}


@pytest.fixture(scope="module")
def table(seeds: tuple[list[Article], list[Sentence]]) -> list[Entity]:
    assert load_mention_fn() is not None, "the NER model ships in the package"
    entities, available = extract_entities(seeds[1])
    assert available
    return entities


def test_the_names_a_reader_expects_are_shown_with_their_types(table: list[Entity]) -> None:
    shown = {(e.name, e.label) for e in table}
    missing = [item for item in MUST_SHOW if item not in shown]
    assert not missing, missing


def test_non_names_and_badly_cut_names_are_never_shown(table: list[Entity]) -> None:
    shown = {normalize(e.name) for e in table}
    wrong = [name for name in MUST_NOT_SHOW if normalize(name) in shown]
    assert not wrong, wrong


def test_at_most_one_wrong_row_in_the_top_30(table: list[Entity]) -> None:
    wrong = [(e.name, e.label) for e in table[:30] if (e.label, loose_key(e.name)) not in _ACCEPTABLE_KEYS]
    assert len(wrong) <= 1, wrong


def test_variants_are_one_entity(table: list[Entity]) -> None:
    un = [e for e in table if loose_key(e.name) == loose_key("الأمم المتحدة")]
    assert len(un) == 1 and un[0].name == "الأمم المتحدة"
    assert "للامم المتحدة" in un[0].aliases
    lavrov = [e for e in table if "لافروف" in e.name]
    assert len(lavrov) == 1 and lavrov[0].mentions >= 8
