from hypothesis import given
from hypothesis import strategies as st

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


@st.composite
def _chunked(draw: st.DrawFn) -> tuple[list[str], list[Chunk]]:
    """A BIO sequence built from known chunks separated by O runs (gaps may be zero)."""
    tags: list[str] = []
    expected: list[Chunk] = []
    for _ in range(draw(st.integers(0, 6))):
        tags.extend(["O"] * draw(st.integers(0, 2)))
        label = draw(st.sampled_from(["PER", "LOC", "ORG", "MISC"]))
        length = draw(st.integers(1, 3))
        expected.append(Chunk(label, len(tags), len(tags) + length))
        tags.extend([f"B-{label}"] + [f"I-{label}"] * (length - 1))
    return tags, expected


@given(_chunked())
def test_chunks_recover_the_chunks_a_sequence_was_built_from(case):
    tags, expected = case
    assert chunks(tags) == expected
