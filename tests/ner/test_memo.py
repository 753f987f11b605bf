"""The tagger's memo (akhbar.ner.memo): an entry is reused only where tagging again gives the same tags."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from akhbar.ner.features import document_cues
from akhbar.ner.memo import TagMemo, memo_key, remembering
from akhbar.ner.model import story_mentions

SENTENCE = ["وصل", "الوفد", "إلى", "حلب", "أمس"]


def test_the_key_follows_the_cues_of_the_sentences_words_only() -> None:
    plain = memo_key(SENTENCE, {})
    assert memo_key(SENTENCE, {"لندن": frozenset({"LOC"})}) == plain  # another word's cue: same tags
    assert memo_key(SENTENCE, {"حلب": frozenset({"LOC"})}) != plain  # its own word's cue: tagged again
    assert memo_key(SENTENCE, {"حلب": frozenset({"LOC"})}) != memo_key(SENTENCE, {"حلب": frozenset({"PER"})})
    assert memo_key(SENTENCE[:-1], {}) != plain


def test_cues_found_elsewhere_in_the_story_reach_the_key() -> None:
    cues = document_cues([["في", "مدينة", "حلب"], SENTENCE])
    assert memo_key(SENTENCE, cues) != memo_key(SENTENCE, {})


def test_mentions_with_the_memo_are_those_without() -> None:
    texts = ["قال الرئيس بشار الأسد في دمشق إن الجيش دخل حلب.\nوصل الوفد إلى حلب أمس.",
             "وصل الوفد إلى حلب أمس.\nوأعلنت وزارة الخارجية الروسية أن سيرغي لافروف سيزور أنقرة."]
    plain = story_mentions(texts)
    memo = TagMemo()
    with remembering(memo):
        first = story_mentions(texts)
        tagged = memo.tagged
        again = story_mentions(texts)
    assert first == plain == again
    assert [[m.confidence for m in ms] for ms in again] == [[m.confidence for m in ms] for ms in plain]
    assert tagged == 3  # the repeated sentence once
    assert memo.tagged == tagged  # nothing tagged the second time
    assert set(memo.keys_of) == set(texts) and len(memo.entries(texts[0])) == 2


@given(st.lists(st.sampled_from(["حلب", "الوفد", "مدينة", "الرئيس", "قال", "،", "لافروف"]), min_size=1, max_size=8),
       st.dictionaries(st.sampled_from(["حلب", "لافروف", "دمشق"]),
                       st.frozensets(st.sampled_from(["PER", "LOC", "ORG"]), min_size=1), max_size=3))
def test_the_key_is_a_function_of_the_words_and_their_cues(words: list[str], cues: dict[str, frozenset[str]]) -> None:
    relevant = {w: c for w, c in cues.items() if w in words}
    assert memo_key(words, cues) == memo_key(words, relevant)
