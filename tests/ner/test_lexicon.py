from akhbar.ner.lexicon import build_lexicon, format_lexicon, parse_lexicon, slot_words
from akhbar.text.tokens import match_tokens


def test_person_slot_skips_ministry_and_nisba_and_takes_two_names():
    tokens = match_tokens("قال وزير الخارجية الروسي سيرغي لافروف في موسكو")
    assert list(slot_words(tokens)) == [("PER", "سيرغي"), ("PER", "لافروف")]


def test_place_and_organization_slots():
    assert list(slot_words(match_tokens("في مدينة حلب"))) == [("LOC", "حلب")]
    assert list(slot_words(match_tokens("أعلنت حركة حماس"))) == [("ORG", "حماس")]


def test_grades_follow_share_of_occurrences_in_slot():
    lines = [match_tokens("قال الرئيس ماكرون")] * 3 + [match_tokens("ماكرون يزور")]
    # حلب fills a slot 3 times out of 100 occurrences: too rare a share for any grade.
    lines += [match_tokens("مدينة حلب")] * 3 + [match_tokens("حلب")] * 97
    lexicon = build_lexicon(lines)
    assert lexicon["ماكرون"] == ("PER2",)
    assert "حلب" not in lexicon
    assert "يزور" not in lexicon


def test_format_parse_round_trip():
    lexicon = {"ماكرون": ("PER2",), "حلب": ("LOC1", "ORG1")}
    assert parse_lexicon(format_lexicon(lexicon)) == lexicon
