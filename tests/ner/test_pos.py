"""The POS tagger read as NER features: surface words rebuilt from CoNLL-U, training, tagging."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from akhbar.ner.features import Resources, sentence_features
from akhbar.ner.pos import (
    PUD_FILE,
    TAGS,
    PosResources,
    PosTagger,
    main_tag,
    parse_conllu,
    read_conllu,
    train_pos,
)

FIXTURE = Path(__file__).parent / "data" / "pud" / "tiny.conllu"


def _pud() -> Path | None:
    root = Path(os.environ.get("AKHBAR_DATA", Path(__file__).resolve().parents[2].parent / "shared" / "data"))
    path = root / "ud_arabic_pud" / PUD_FILE
    return path if path.is_file() else None


def test_surface_words_glue_clitics_and_take_the_main_words_tag():
    first, second = read_conllu(FIXTURE)
    assert first.tokens == ("وبموسكو", "قال", "لافروف", ",", "نشرتها", "له", ".")
    assert first.tags == ("PROPN", "VERB", "PROPN", "PUNCT", "VERB", "FUNC", "PUNCT")
    # a multiword-token row gives the surface form (ل + لسلطة -> للسلطة)
    assert second.tokens == ("للسلطة", "الجديدة", ".")
    assert second.tags == ("NOUN", "ADJ", "PUNCT")


def test_main_tag_skips_clitics_then_conjunctions():
    assert main_tag(["CCONJ", "ADP", "PROPN"]) == "PROPN"
    assert main_tag(["VERB", "PRON"]) == "VERB"
    assert main_tag(["ADP", "PRON"]) == "FUNC"
    assert main_tag(["AUX"]) == "VERB"
    assert main_tag(["CCONJ"]) == "FUNC"
    assert set(TAGS) >= {"PROPN", "NOUN", "ADJ", "VERB", "FUNC", "PUNCT"}


def test_a_row_without_ten_columns_names_the_source_and_line():
    with pytest.raises(ValueError, match=r"pud\.conllu, line 2"):
        parse_conllu(["# sent_id = 1\n", "1\tقال\tVERB\n"], "pud.conllu")


def _trained(tmp_path: Path, form: str = "context") -> PosTagger:
    model = tmp_path / "pos.crfsuite"
    train_pos(read_conllu(FIXTURE) * 5, PosResources(), model, iterations=60)
    return PosTagger(model, PosResources(), form=form)


def test_a_trained_model_tags_a_sentence(tmp_path):
    tagger = _trained(tmp_path)
    assert tagger.tag(["وبموسكو", "قال", "لافروف", "."]) == ["PROPN", "VERB", "PROPN", "PUNCT"]
    assert tagger.tag([]) == []


def test_ner_features_of_each_form(tmp_path):
    tokens = ["قال", "لافروف", "."]
    assert _trained(tmp_path, "tag").ner_features(tokens)[1] == ["pos=PROPN"]
    context = _trained(tmp_path, "context").ner_features(tokens)
    assert context[1] == ["pos=PROPN", "-1:pos=VERB", "+1:pos=PUNCT", "pos-1=VERB|PROPN", "pos+1=PROPN|PUNCT"]
    assert "-1:pos=pad" in context[0]
    propn = _trained(tmp_path, "propn").ner_features(tokens)
    assert propn[1][:2] == ["pos=PROPN", "propn=3"]
    assert "propn=0" in propn[0]
    with pytest.raises(ValueError, match="unknown POS feature form"):
        PosTagger(tmp_path / "pos.crfsuite", PosResources(), form="tags")


def test_the_ner_features_carry_the_pos_tags_only_with_a_pos_model(tmp_path):
    tokens = ["قال", "لافروف"]
    without = sentence_features(tokens, Resources())
    with_pos = sentence_features(tokens, replace(Resources(), pos=_trained(tmp_path, "tag")))
    assert not any(f.startswith("pos=") for f in without[1])
    assert "pos=PROPN" in with_pos[1]
    assert set(without[1]) < set(with_pos[1])


@pytest.mark.skipif(_pud() is None, reason="UD Arabic-PUD not found (../shared/data or AKHBAR_DATA)")
def test_on_pud_a_model_trained_on_four_fifths_tags_the_rest(tmp_path):
    path = _pud()
    assert path is not None
    sentences = read_conllu(path)
    assert len(sentences) == 1000
    cut = 800
    train_pos(sentences[:cut], PosResources(), tmp_path / "pos.crfsuite", iterations=80)
    tagger = PosTagger(tmp_path / "pos.crfsuite", PosResources())
    pairs = [(gold, guess) for s in sentences[cut:] for gold, guess in zip(s.tags, tagger.tag(s.tokens), strict=True)]
    accuracy = sum(gold == guess for gold, guess in pairs) / len(pairs)
    assert accuracy > 0.85
