"""Display names and name evidence, on small hand-made word statistics (no model, no data)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from akhbar.ner.gazetteer import make_gazetteer
from akhbar.ner.names import (
    NameEvidence,
    best_form,
    cut_tail,
    display_tokens,
    looks_like_name,
    strip_proclitics,
    without_conjunction,
)
from akhbar.ner.wordstats import WordCounts, WordStat, format_wordstats, parse_wordstats
from akhbar.text.normalize import normalize


def stat(total: int, tagged: int = 0, label: str = "LOC", after_agency: int = 0) -> WordStat:
    return WordStat(total, {label: tagged} if tagged else {}, after_agency)


WORDS = {
    normalize(w): s
    for w, s in {
        "ألمانيا": stat(400, 380),
        "نيوزيلندا": stat(40, 35),
        "حي": stat(300, 20),
        "ريف": stat(300, 30),
        "المدينة": stat(900, 60),
        "مسؤول": stat(500, 5, "PER"),
        "مصر": stat(800, 700),
        "يعاملون": stat(12),
        "فرانس": stat(600, 590, "ORG", after_agency=400),
        "برس": stat(650, 640, "ORG"),
        "الإستراتيجي": stat(200, 4),
        "الغربية": stat(300, 150),
        "فيتو": stat(60, 3, "MISC"),
        "روسي": stat(200, 10, "MISC"),
        "كيري": stat(150, 140, "PER"),
        "يري": stat(20),
    }.items()
}
EVIDENCE = NameEvidence(
    WORDS,
    make_gazetteer({("كوريا", "الشماليه"): "LOC", ("بيسكوف",): "PER", ("وادي", "عربه"): "LOC"}),
)


def test_proclitics_come_off_when_the_evidence_says_so() -> None:
    assert strip_proclitics("بألمانيا", EVIDENCE) == "ألمانيا"
    assert strip_proclitics("ونيوزيلندا", EVIDENCE) == "نيوزيلندا"
    assert strip_proclitics("للأمم", EVIDENCE) == "الأمم"  # ل + ال
    assert strip_proclitics("والصين", EVIDENCE) == "الصين"
    assert strip_proclitics("بحلب", EVIDENCE, {"حلب"}) == "حلب"  # a mention elsewhere in the story


def test_names_that_begin_with_a_clitic_letter_stay_whole() -> None:
    assert strip_proclitics("بيسكوف", EVIDENCE) == "بيسكوف"  # a known name
    assert strip_proclitics("كيري", EVIDENCE) == "كيري"  # tagged as a name far more than يري is seen
    assert strip_proclitics("واشنطن", EVIDENCE) == "واشنطن"  # اشنطن is no word
    assert strip_proclitics("لافروف", EVIDENCE) == "لافروف"


def test_no_phrase_runs_on_after_a_name() -> None:
    assert cut_tail(("كرم", "الجبل", "وحي"), "LOC", EVIDENCE) == ("كرم", "الجبل")
    assert cut_tail(("عزيزة", "جنوب", "شرق", "حلب"), "LOC", EVIDENCE) == ("عزيزة",)
    assert cut_tail(("القاطرجي", "الإستراتيجي"), "LOC", EVIDENCE) == ("القاطرجي",)
    assert cut_tail(("الضفة", "الغربية"), "LOC", EVIDENCE) == ("الضفة", "الغربية")  # tagged half the time
    assert cut_tail(("كوريا", "الشمالية"), "LOC", EVIDENCE) == ("كوريا", "الشمالية")  # a known name
    assert cut_tail(("وادي", "عربة"), "LOC", EVIDENCE) == ("وادي", "عربة")
    assert cut_tail(("جامعة", "الدول", "العربية"), "ORG", EVIDENCE) == ("جامعة", "الدول", "العربية")


def test_display_tokens_trim_quotes_and_clitics() -> None:
    assert display_tokens("«للأمم المتحدة»", "ORG", EVIDENCE) == ("الأمم", "المتحدة")
    assert display_tokens(" « ", "ORG", EVIDENCE) == ()


def test_what_is_not_a_name() -> None:
    assert not looks_like_name(["المدينة"], EVIDENCE)  # common, rarely tagged
    assert not looks_like_name(["سيعاملون"], EVIDENCE)  # future verb
    assert not looks_like_name(["ستبدآن"], EVIDENCE)
    assert not looks_like_name(["مسؤولان"], EVIDENCE)  # dual of a common word
    assert not looks_like_name(["مصرون"], EVIDENCE)  # plural
    assert not looks_like_name(["فرانس", "برس"], EVIDENCE)  # a wire agency
    assert not looks_like_name(["فيتو", "روسي"], EVIDENCE)  # every word common


def test_what_is_a_name() -> None:
    assert looks_like_name(["ألمانيا"], EVIDENCE)
    assert looks_like_name(["كيري"], EVIDENCE)
    assert looks_like_name(["زكريا", "ملاحفجي"], EVIDENCE)  # unseen words are no evidence against
    assert looks_like_name(["بيسكوف"], EVIDENCE)
    assert not looks_like_name([], EVIDENCE)


def test_best_form_prefers_the_frequent_family_then_careful_spelling() -> None:
    forms = {"الامم المتحدة": 3, "الأمم المتحدة": 1, "الامم": 1}
    assert best_form(forms, "ORG") == "الأمم المتحدة"
    assert best_form({"لافروف": 5, "سيرغي لافروف": 1}, "PER") == "سيرغي لافروف"
    assert best_form({"الأميركيين": 1, "الاميركيين": 1, "الأمريكيين": 1}, "MISC") == "الأميركيين"


def test_word_counts_round_trip() -> None:
    counts = WordCounts()
    for _ in range(3):
        counts.add_sentence(["وكاله", "رويترز", "في", "حلب"], ["O", "B-ORG", "O", "B-LOC"])
    stats = counts.stats()
    assert stats["رويترز"] == WordStat(3, {"ORG": 3}, 3)
    assert stats["في"].tagged_share == 0.0
    assert parse_wordstats(format_wordstats(stats)) == stats


@given(st.text(alphabet="وفبلكالحسنميرت «»", max_size=20), st.sampled_from(["PER", "LOC", "ORG", "MISC"]))
def test_display_tokens_never_grow_the_name(text: str, label: str) -> None:
    tokens = display_tokens(text, label, EVIDENCE)
    assert len(tokens) <= len(text.split())
    assert all(t for t in tokens)


def test_organisation_heads_come_from_the_gazetteer() -> None:
    evidence = NameEvidence(gazetteer=make_gazetteer({
        ("جيش", "التحرير"): "ORG", ("جيش", "الرب"): "GRP", ("مدينه", "نصر"): "LOC", ("مدينه", "العلوم"): "ORG",
    }))
    assert evidence.heads_organisation("جيش")
    assert not evidence.heads_organisation("مدينه")  # opens places too
    assert not evidence.heads_organisation("قال")


def test_names_are_respelt_the_way_news_writes_them() -> None:
    counts = WordCounts()
    for surfaces in (["الأمم", "المتحدة"], ["الأمم", "المتحدة"], ["الامم", "المتحده"]):
        counts.add_sentence([normalize(s) for s in surfaces], ["B-ORG", "I-ORG"], surfaces)
    stats = counts.stats()
    assert stats["الامم"].spelling == "الأمم"
    assert parse_wordstats(format_wordstats(stats)) == stats
    evidence = NameEvidence(stats)
    assert display_tokens("للامم المتحده", "ORG", evidence) == ("الأمم", "المتحدة")
    assert display_tokens("بيسكوف", "PER", evidence) == ("بيسكوف",)


def test_a_lone_word_mentioned_once_needs_evidence() -> None:
    assert not looks_like_name(["وريفها"], EVIDENCE)  # ريف + a pronoun: no name carries one
    assert not looks_like_name(["عزيزة"], EVIDENCE, mentions=1)  # no evidence either way
    assert looks_like_name(["عزيزة"], EVIDENCE, mentions=3)
    assert looks_like_name(["ألمانيا"], EVIDENCE, mentions=1)  # tagged in news
    assert looks_like_name(["بيسكوف"], EVIDENCE, mentions=1)  # a known name


def test_only_an_indefinite_noun_heads_an_organisation() -> None:
    evidence = NameEvidence(gazetteer=make_gazetteer({
        ("جيش", "التحرير"): "ORG", ("المصري", "اليوم"): "ORG",
    }))
    assert evidence.organisation_head("جيش") == "جيش"
    assert evidence.organisation_head("وجيش") == "جيش"
    assert evidence.organisation_head("المصري") is None  # المصري أحمد أبو الغيط: an adjective


def test_a_persons_name_loses_common_words_at_its_edges() -> None:
    words = {**WORDS, normalize("هدف"): stat(400, 2), normalize("قليلا"): stat(300)}
    evidence = NameEvidence(words)
    assert display_tokens("كيني ميلر هدف", "PER", evidence) == ("كيني", "ميلر")
    assert display_tokens("قليلا سنتذكر", "PER", evidence) == ()
    assert display_tokens("مجلس الأمن", "ORG", evidence) == ("مجلس", "الأمن")  # organisations keep theirs


def test_without_conjunction_strips_wa_and_fa_only_when_a_word_is_left() -> None:
    assert without_conjunction("وجيش") == "جيش"
    assert without_conjunction("فانفرد") == "انفرد"
    assert without_conjunction("وفد") is None  # و + two letters: not a conjunction on a word
    assert without_conjunction("بموسكو") is None  # ب is not a conjunction
