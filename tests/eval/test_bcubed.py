from akhbar.eval.bcubed import bcubed, foreign_share


def test_perfect_clustering():
    gold = {"a": "x", "b": "x", "c": "y"}
    score = bcubed({"a": "1", "b": "1", "c": "2"}, gold)
    assert (score.precision, score.recall, score.f1, score.items) == (1.0, 1.0, 1.0, 3)


def test_one_cluster_for_everything_and_all_singletons():
    gold = {"a": "x", "b": "x", "c": "y", "d": "y"}
    merged = bcubed(dict.fromkeys(gold, "1"), gold)
    assert (merged.precision, merged.recall) == (0.5, 1.0)
    alone = bcubed({k: k for k in gold}, gold)
    assert (alone.precision, alone.recall) == (1.0, 0.5)
    assert abs(alone.f1 - 2 / 3) < 1e-9


def test_textbook_example():
    # Cluster 1 = {a, b, c} with gold x, x, y; cluster 2 = {d} with gold y.
    score = bcubed({"a": "1", "b": "1", "c": "1", "d": "2"}, {"a": "x", "b": "x", "c": "y", "d": "y"})
    assert abs(score.precision - (2 / 3 + 2 / 3 + 1 / 3 + 1) / 4) < 1e-9
    assert abs(score.recall - (1 + 1 + 1 / 2 + 1 / 2) / 4) < 1e-9


def test_unlabelled_items_count_only_when_strict():
    predicted = {"a": "1", "b": "1", "u": "1", "v": "1"}
    gold = {"a": "x", "b": "x"}
    assert bcubed(predicted, gold).precision == 1.0
    assert bcubed(predicted, gold, strict=True).precision == 0.5
    assert foreign_share(predicted, gold) == 0.5


def test_missing_prediction_is_a_cluster_of_its_own_and_empty_gold():
    score = bcubed({"a": "1"}, {"a": "x", "b": "x"})
    assert (score.precision, score.recall) == (1.0, 0.5)
    assert bcubed({}, {}).items == 0
