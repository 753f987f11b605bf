"""The name-shape classifier: character n-grams, training lists, out-of-fold values, the file, the feature."""

from __future__ import annotations

import gzip
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from akhbar.ner.features import Resources, sentence_features
from akhbar.ner.namelike import (
    CLASSES,
    NameShape,
    char_ngrams,
    format_shape,
    parse_shape,
    shape_value,
    train_shape,
    training_words,
)

# Made-up lists in the shapes of the real ones: foreign surnames end in -سون/-فيتش/-برج, places in
# -ستان/-يا, common words are Arabic patterns.
PERSONS = [f"{stem}{end}" for stem in ("جون", "كار", "هار", "نيل", "بيتر", "روب", "ماد", "ستيف", "جيل", "وول")
           for end in ("سون", "فيتش", "برج")]
PLACES = [f"{stem}{end}" for stem in ("كاز", "أوز", "طاج", "باك", "تركمن", "قرغ", "داغ", "أفغان", "بلوش", "هند")
          for end in ("ستان", "يا")]
COMMON = [f"{pre}{root}{suf}" for pre in ("ال", "م", "ي", "ت") for root in ("كتب", "درس", "عمل", "قتل", "حكم")
          for suf in ("ون", "ات", "ة", "")]


def labelled() -> dict[str, str]:
    gazetteer = {(w,): "PER" for w in PERSONS} | {(w,): "LOC" for w in PLACES}
    return training_words(gazetteer, COMMON)


_SHAPE = train_shape(labelled())


def test_char_ngrams_mark_the_word_edges():
    assert char_ngrams("حلب") == ["<ح", "حل", "لب", "ب>", "<حل", "حلب", "لب>", "<حلب", "حلب>"]


def test_training_words_keep_names_and_leave_common_words_as_o():
    gazetteer = {("سيرغي", "لافروف"): "PER", ("حزب", "الله"): "ORG", ("ناسا",): "ORG"}
    words = training_words(gazetteer, ["حزب", "قال", "بموسكو", "12"], {"بموسكو": "موسكو"})
    # the words of a longer organisation's name are mostly common nouns: neither ORG nor O
    assert words == {"سيرغي": "PER", "لافروف": "PER", "ناسا": "ORG", "قال": "O", "موسكو": "O"}


def test_unseen_words_take_the_class_their_letters_suggest():
    assert shape_value("دافيدسون", _SHAPE).startswith("PER")
    assert shape_value("قيرغيزستان", _SHAPE).startswith("LOC")
    assert shape_value("المكتبات", _SHAPE).startswith("O")


def test_training_words_get_their_out_of_fold_value():
    words = labelled()
    shape = train_shape(words)
    assert set(shape.known) == set(words)
    # stored, not recomputed with a model that saw the word
    marked = replace(shape, known={**shape.known, PERSONS[0]: "MISC0"})
    assert shape_value(PERSONS[0], marked) == "MISC0"


def test_no_value_without_a_model_or_for_non_words():
    assert shape_value("جونسون", NameShape()) == ""
    assert shape_value("2016", _SHAPE) == ""
    assert shape_value("ب", _SHAPE) == ""


def test_the_file_round_trips(tmp_path):
    shape = train_shape(labelled())
    path = tmp_path / "namelike.tsv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.writelines(format_shape(shape))
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        loaded = parse_shape(handle)
    assert loaded == shape
    assert len(loaded.bias) == len(CLASSES)


@given(st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهويءةى", min_size=2, max_size=12))
def test_every_arabic_word_gets_one_class_and_quarter(word):
    value = shape_value(word, _SHAPE)
    assert value[:-1] in CLASSES
    assert value[-1] in "0123"


def test_the_tagger_sees_the_feature_on_the_stripped_word():
    feats = sentence_features(["وجونسون", "قال"], Resources(shape=_SHAPE))
    assert any(f.startswith("nl=PER") for f in feats[0])
    assert not any(f.startswith("nl=") for f in sentence_features(["جونسون"], Resources())[0])
