from akhbar.ner.data import Chunk, chunks, map_tag, parse_conll


def test_map_tag_speaks_package_labels():
    assert map_tag("B-PERS") == "B-PER"
    assert map_tag("I-MIS") == "I-MISC"
    assert map_tag("B-LOC") == "B-LOC"
    assert map_tag("O") == "O"
    # Mistyped tags of the original ANERcorp stream must not become entities.
    assert map_tag("B-PRG") == "O"
    assert map_tag("X-LOC") == "O"


def test_parse_conll_sentences_and_extra_columns():
    lines = ["قال O", "لافروف NNP B-PERS", "", "", "في O", "موسكو B-LOC", ""]
    sentences = list(parse_conll(lines))
    assert [s.tokens for s in sentences] == [("قال", "لافروف"), ("في", "موسكو")]
    assert [s.tags for s in sentences] == [("O", "B-PER"), ("O", "B-LOC")]


def test_parse_conll_untagged_reads_first_column_only():
    sentences = list(parse_conll(["موسكو B-LOC", "مدينة"], tagged=False))
    assert sentences[0].tokens == ("موسكو", "مدينة")
    assert sentences[0].tags == ("O", "O")


def test_chunks_conlleval_semantics():
    tags = ["B-PER", "I-PER", "O", "I-LOC", "I-LOC", "B-ORG", "I-PER", "B-MISC"]
    assert chunks(tags) == [
        Chunk("PER", 0, 2),
        Chunk("LOC", 3, 5),  # an I- without a B- opens a chunk, as in conlleval
        Chunk("ORG", 5, 6),
        Chunk("PER", 6, 7),  # I- of another type ends the ORG and opens a PER
        Chunk("MISC", 7, 8),
    ]
    assert chunks([]) == []
    assert chunks(["O", "O"]) == []
