import pytest

from akhbar.ner import Mention, entity_mentions, tag_tokens
from akhbar.ner.model import (
    MIN_WEIGHT,
    Tagger,
    _packaged_directory,
    context_spans,
    default_tagger,
    label_counts,
    relabel_consistently,
    story_mentions,
    story_mentions_with,
)
from akhbar.text.tokens import tokenize


def test_packaged_model_loads_once():
    # Load time is a benchmark figure (README), not a test: CI machines are noisy.
    default_tagger.cache_clear()
    tagger = default_tagger()
    assert default_tagger() is tagger
    assert tagger.resources.clusters, "the packaged clusters should load with the model"


def test_lavrov_in_moscow():
    tokens = tokenize("قال وزير الخارجية الروسي سيرغي لافروف في موسكو")
    tags = tag_tokens(tokens)
    assert len(tags) == len(tokens)
    assert tags[tokens.index("لافروف")].endswith("-PER")
    assert tags[tokens.index("سيرغي")] == "B-PER"
    assert tags[tokens.index("موسكو")] == "B-LOC"
    assert tags[tokens.index("قال")] == "O"


def test_entity_mentions_character_offsets():
    text = "وقال الرئيس الفرنسي إيمانويل ماكرون في باريس.\nوصل الوفد إلى دمشق."
    mentions = entity_mentions(text)
    assert Mention("إيمانويل ماكرون", "PER", 20, 35) in mentions
    for m in mentions:
        assert text[m.start:m.end] == m.text
    assert ("دمشق", "LOC") in [(m.text, m.label) for m in mentions]


def test_empty_inputs():
    assert tag_tokens([]) == []
    assert entity_mentions("") == []
    assert entity_mentions(" ... ") == []


def test_context_spans_keep_punctuation_but_flag_words():
    text = "قال «لافروف»، في موسكو."
    spans = context_spans(text, 0, len(text))
    assert [(text[a:b], w) for a, b, w in spans] == [
        ("قال", True), ("«", False), ("لافروف", True), ("»،", False),
        ("في", True), ("موسكو", True), (".", False),
    ]


def test_relabel_consistently_follows_the_document_majority():
    sentences = [["قال", "الرئيس", "ماكرون"], ["وأكد", "ماكرون"], ["ماكرون", "يزور", "الوطني"]]
    tags = [["O", "O", "B-PER"], ["O", "B-PER"], ["O", "O", "O"]]
    total, labelled = label_counts(sentences, tags)
    assert relabel_consistently(sentences[2], tags[2], total, labelled) == ["B-PER", "O", "O"]
    # One tagged occurrence out of eight is too little to overrule the tagger.
    many = [*sentences, *[["ماكرون"]] * 5]
    weak = [["O", "O", "B-PER"], ["O", "O"], ["O", "O", "O"], *[["O"]] * 5]
    assert relabel_consistently(many[2], weak[2], *label_counts(many, weak)) == ["O", "O", "O"]
    # One out of three is enough: news names a person with a title once, then by name alone.
    once = [["O", "O", "B-PER"], ["O", "O"], ["O", "O", "O"]]
    assert relabel_consistently(sentences[2], once[2], *label_counts(sentences, once)) == ["B-PER", "O", "O"]


def test_relabel_never_touches_definite_words_or_tagged_tokens():
    sentences = [["المجلس", "الوطني"], ["الوطني"], ["حلب"]]
    tags = [["B-ORG", "I-ORG"], ["O"], ["B-LOC"]]
    counts = label_counts(sentences, tags)
    assert relabel_consistently(["الوطني"], ["O"], *counts) == ["O"]
    assert relabel_consistently(["حلب"], ["B-ORG"], *counts) == ["B-ORG"]


def test_relabel_counts_the_last_word_of_an_entity_not_its_head():
    # جيش heads "جيش الفتح" (ORG) but is no name alone; the surname ends "سيرغي لافروف" and is one.
    sentences = [["جيش", "الفتح"], ["وصل", "جيش", "النظام"], ["سيرغي", "لافروف"], ["قال", "لافروف"]]
    tags = [["B-ORG", "I-ORG"], ["O", "O", "O"], ["B-PER", "I-PER"], ["O", "O"]]
    counts = label_counts(sentences, tags)
    assert relabel_consistently(sentences[1], tags[1], *counts) == ["O", "O", "O"]
    assert relabel_consistently(sentences[3], tags[3], *counts) == ["O", "B-PER"]


def test_relabel_needs_one_dominant_type():
    # حلب ends LOC entities nine times and an ORG name once: still a place
    sentences = [["حلب"]] * 10 + [["قصف", "حلب"]]
    tags = [["B-LOC"]] * 9 + [["B-ORG"], ["O", "O"]]
    assert relabel_consistently(sentences[-1], tags[-1], *label_counts(sentences, tags)) == ["O", "B-LOC"]
    split = [["B-LOC"]] * 5 + [["B-ORG"]] * 5 + [["O", "O"]]
    assert relabel_consistently(sentences[-1], split[-1], *label_counts(sentences, split)) == ["O", "O"]


class _CueTagger:
    """Tags a word LOC only right after مدينة: the rest must come from reading the story whole."""

    def tag(self, tokens, doc=None):
        return ["B-LOC" if j and tokens[j - 1] == "مدينة" else "O" for j in range(len(tokens))]

    def tag_scored(self, tokens, doc=None):
        tags = self.tag(tokens, doc)
        return tags, [0.9 if tag != "O" else 1.0 for tag in tags]


def test_story_mentions_share_evidence_across_texts_and_keep_offsets():
    texts = ["قصفت الطائرات مدينة حلب أمس.", "وقال مسؤول إن حلب تعاني.", "لا شيء هنا."]
    found = story_mentions_with(_CueTagger(), texts)
    assert [[(m.text, m.label) for m in ms] for ms in found] == [[("حلب", "LOC")], [("حلب", "LOC")], []]
    for text, mentions in zip(texts, found, strict=True):
        assert all(text[m.start:m.end] == m.text for m in mentions)
    # each text alone: the second has no cue, so no mention
    assert story_mentions_with(_CueTagger(), texts[1:2]) == [[]]


def test_story_mentions_with_the_packaged_model():
    texts = ["وصل وزير الخارجية الروسي سيرغي لافروف إلى جنيف.", "وقال لافروف إن المحادثات مستمرة."]
    found = story_mentions(texts)
    assert ("لافروف", "PER") in [(m.text, m.label) for m in found[1]]
    assert story_mentions([]) == []


def test_tag_scored_gives_the_tags_of_tag_and_marginals_inside_mentions():
    tagger = default_tagger()
    tokens = tokenize("قال وزير الخارجية الروسي سيرغي لافروف في موسكو")
    tags, scores = tagger.tag_scored(tokens)
    assert tags == tagger.tag(tokens)
    assert all(score == 1.0 for tag, score in zip(tags, scores, strict=True) if tag == "O")
    assert all(0.0 <= score <= 1.0 for score in scores)
    assert scores[tokens.index("لافروف")] > 0.9


class _FakeCrf:
    """A crfsuite tagger with fixed tags and marginals: (label, position) -> probability."""

    def __init__(self, tags, marginals):
        self.tags, self.marginals = tags, marginals

    def tag(self, features):
        return list(self.tags)

    def marginal(self, label, position):
        return self.marginals.get((label, position), 0.0)


def test_a_mention_is_only_as_sure_as_its_end():
    # مصطفى | ضيائي: sure of B-PER on the first word, but the CRF also thinks the name goes on.
    tagger = Tagger.__new__(Tagger)
    tagger.resources = default_tagger().resources
    tagger._tagger = _FakeCrf(["O", "B-PER", "O"], {("B-PER", 1): 0.99, ("I-PER", 2): 0.4})
    _, scores = tagger.tag_scored(["وانتقد", "مصطفى", "ضيائي"])
    assert scores == [1.0, pytest.approx(0.6), 1.0]
    tagger._tagger = _FakeCrf(["B-PER", "I-PER"], {("B-PER", 0): 0.97, ("I-PER", 1): 0.95})
    assert tagger.tag_scored(["مصطفى", "ضيائي"])[1] == [0.97, 0.95]


def test_story_mentions_carry_confidence_and_propagated_words_borrow_the_surest():
    texts = ["قصفت الطائرات مدينة حلب أمس.", "وقال مسؤول إن حلب تعاني."]
    found = story_mentions_with(_CueTagger(), texts)
    # the second حلب was tagged by the one-type-per-word rule: as sure as the tagged one (0.9)
    assert [m.confidence for ms in found for m in ms] == [0.9, 0.9]
    real = story_mentions(["وصل وزير الخارجية الروسي سيرغي لافروف إلى جنيف."])[0]
    assert all(0.0 < m.confidence <= 1.0 for m in real)
    assert max(m.confidence for m in real if m.label == "PER") > 0.9


def test_attributes_with_only_small_weights_are_left_out():
    tagger = default_tagger()
    model = _packaged_directory() / "model.crfsuite"
    every = Tagger(model, tagger.resources, min_weight=0.0)
    kept = tagger.resources.attributes
    assert kept is not None and every.resources.attributes is not None
    assert kept < every.resources.attributes
    weights = tagger._tagger.info().state_features
    strongest: dict[str, float] = {}
    for (attribute, _), weight in weights.items():
        strongest[attribute] = max(strongest.get(attribute, 0.0), abs(weight))
    assert all(strongest[a] >= MIN_WEIGHT for a in kept)
    assert {a for a, w in strongest.items() if w >= MIN_WEIGHT} == kept
    tokens = tokenize("قال وزير الخارجية الروسي سيرغي لافروف في موسكو")
    assert every.tag(tokens) == tagger.tag(tokens)
