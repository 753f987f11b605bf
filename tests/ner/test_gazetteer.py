"""The WikiFANE gazetteer: reading the entity list, longest-match B/I tags, first/last word classes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from akhbar.ner.features import Resources, sentence_features, view
from akhbar.ner.gazetteer import (
    first_word_forms,
    format_gazetteer,
    make_gazetteer,
    match_tags,
    parse_gazetteer,
    wikifane_rows,
    wikifane_tag,
    word_classes,
)

ROWS = [
    "entity\tcoarse\tfine\tcount\n",
    "\u200eالامم المتحدة\tORG\tNon-Governmental\t5\n",
    "موسكو\tGPE\tPopulation-Center\t3\n",
    "موسكو\tPER\tOther_PER\t1\n",  # fewer mentions: the place wins
    "سيرغي لافروف\tPER\tPolitician\t2\n",
    "العرب\tPER\tGroup\t9\n",
    "بان كي مون\tPER\tPolitician\t2\n",
    "الولايات المتحدة\tGPE\tNation\t7\n",
    "broken line\n",
]


def gazetteer():
    return make_gazetteer(wikifane_rows(ROWS))


def cores(text: str) -> list[str]:
    return [view(t).core for t in text.split()]


def test_rows_are_mapped_normalized_and_voted() -> None:
    entries = wikifane_rows(ROWS)
    assert entries[("الامم", "المتحده")] == "ORG"  # LRM stripped, ة -> ه
    assert entries[("موسكو",)] == "LOC"
    assert entries[("العرب",)] == "GRP"
    assert len(entries) == 6


def test_longest_match_with_clitic_stripped_first_word() -> None:
    tags = match_tags(cores("قال الأمين العام للأمم المتحدة بان كي مون في بموسكو إن الولايات المتحدة"), gazetteer())
    assert tags == ["", "", "", "B-ORG", "I-ORG", "B-PER", "I-PER", "I-PER", "", "B-LOC", "", "B-LOC", "I-LOC"]


def test_first_word_forms_restore_the_article() -> None:
    assert first_word_forms("للامم")[:2] == ["للامم", "الامم"]
    assert "موسكو" in first_word_forms("وبموسكو") or "موسكو" in first_word_forms("بموسكو")
    assert first_word_forms("ب") == ["ب"]


def test_word_classes_name_parts() -> None:
    g = gazetteer()
    assert word_classes("سيرغي", g) == ["gf=PER"]
    assert word_classes("لافروف", g) == ["gl=PER"]
    assert word_classes("ولافروف", g) == ["gl=PER"]
    assert word_classes("قال", g) == []


def test_round_trip_through_the_file_format() -> None:
    g = gazetteer()
    assert parse_gazetteer(format_gazetteer(g.entries)).entries == g.entries


def test_features_only_with_a_gazetteer() -> None:
    tokens = ["وصل", "سيرغي", "لافروف"]
    without = sentence_features(tokens, Resources())
    with_it = sentence_features(tokens, Resources(gazetteer=gazetteer()))
    assert not any(f.startswith("gz=") for f in without[1])
    assert "gz=B-PER" in with_it[1] and "gz=I-PER" in with_it[2] and "gz=O" in with_it[0]
    assert "+1:gz=I-PER" in with_it[1]


def test_wikifane_tags_map_to_four_classes() -> None:
    assert wikifane_tag("B-Politician") == "B-PER"
    assert wikifane_tag("I-Population-Center") == "I-LOC"
    assert wikifane_tag("B-Group") == "O"
    assert wikifane_tag("B-Software") == "B-MISC"
    assert wikifane_tag("O") == "O"


@given(st.lists(st.sampled_from(["موسكو", "الامم", "المتحده", "قال", "بان", "كي", "مون", "و"]), max_size=30))
def test_match_tags_are_well_formed_bio(words: list[str]) -> None:
    tags = match_tags(words, gazetteer())
    assert len(tags) == len(words)
    for i, tag in enumerate(tags):
        if tag.startswith("I-"):
            assert i > 0 and tags[i - 1][2:] == tag[2:]
