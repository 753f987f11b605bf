import pytest

from akhbar.ner.evaluate import evaluate


def test_hand_computed_scores():
    gold = [["B-PER", "I-PER", "O", "B-LOC"], ["B-ORG", "I-ORG", "O"]]
    pred = [["B-PER", "O", "O", "B-LOC"], ["B-ORG", "I-ORG", "B-LOC"]]
    result = evaluate(gold, pred)
    by_label = {s.label: s for s in result.per_type}
    # PER: the span is cut short, so it is wrong (exact span required).
    assert (by_label["PER"].gold, by_label["PER"].predicted, by_label["PER"].correct) == (1, 1, 0)
    assert (by_label["LOC"].gold, by_label["LOC"].predicted, by_label["LOC"].correct) == (1, 2, 1)
    assert by_label["LOC"].precision == pytest.approx(0.5)
    assert by_label["LOC"].recall == pytest.approx(1.0)
    assert by_label["LOC"].f1 == pytest.approx(2 / 3)
    assert by_label["ORG"].f1 == pytest.approx(1.0)
    micro = result.micro
    assert (micro.gold, micro.predicted, micro.correct) == (3, 4, 2)
    assert micro.precision == pytest.approx(0.5)
    assert micro.recall == pytest.approx(2 / 3)
    assert micro.f1 == pytest.approx(4 / 7)
    assert result.token_accuracy == pytest.approx(5 / 7)


def test_wrong_type_same_span_counts_for_neither():
    result = evaluate([["B-PER"]], [["B-LOC"]])
    assert result.micro.correct == 0
    assert {s.label: (s.gold, s.predicted) for s in result.per_type} == {"PER": (1, 0), "LOC": (0, 1)}


def test_empty_prediction_has_zero_scores_not_errors():
    result = evaluate([["B-PER", "O"]], [["O", "O"]])
    assert result.micro.precision == 0.0
    assert result.micro.f1 == 0.0


def test_length_mismatch_is_an_error():
    with pytest.raises(ValueError, match="length"):
        evaluate([["O", "O"]], [["O"]])
