from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from akhbar.ner.cli import register
from akhbar.ner.data import read_conll
from akhbar.ner.model import load_resources

DATA = Path(__file__).parent / "data" / "anercorp"
runner = CliRunner()


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    app = typer.Typer()
    register(app)
    return app


@pytest.fixture(scope="module")
def trained(app: typer.Typer, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("model")
    result = runner.invoke(app, ["train-ner", str(DATA), "--out", str(out), "--iterations", "60"])
    assert result.exit_code == 0, result.output
    assert "micro" in result.output
    return out / "model.crfsuite"


def test_train_ner_reports_missing_data_without_traceback(app, tmp_path):
    result = runner.invoke(app, ["train-ner", str(tmp_path / "nowhere"), "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "ANERCorp_CamelLab_train.txt" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "model.crfsuite").exists()


def test_conll_round_trip_and_scoring(app, trained, tmp_path):
    gold_file = DATA / "ANERCorp_CamelLab_test.txt"
    result = runner.invoke(app, ["ner", str(gold_file), "--conll", "--model", str(trained)])
    assert result.exit_code == 0, result.output
    predicted = tmp_path / "predicted.txt"
    predicted.write_text(result.output, encoding="utf-8")
    gold = read_conll(gold_file)
    tagged = read_conll(predicted)
    assert [s.tokens for s in tagged] == [s.tokens for s in gold]
    assert all("\t" in line for line in result.output.splitlines() if line)
    # The training fixture repeats the test frames, so a working pipeline finds the entities.
    assert sum(tag != "O" for s in tagged for tag in s.tags) >= 8

    scored_file = runner.invoke(app, ["eval-ner", str(gold_file), "--predicted", str(predicted)])
    scored_model = runner.invoke(app, ["eval-ner", str(gold_file), "--model", str(trained)])
    assert scored_file.exit_code == 0, scored_file.output
    micro_file = [line for line in scored_file.output.splitlines() if "micro" in line]
    micro_model = [line for line in scored_model.output.splitlines() if "micro" in line]
    assert micro_file == micro_model
    assert len(micro_file) == 1


def test_eval_ner_rejects_misaligned_prediction(app, tmp_path):
    predicted = tmp_path / "short.txt"
    predicted.write_text("قال\tO\n", encoding="utf-8")
    gold_file = DATA / "ANERCorp_CamelLab_test.txt"
    result = runner.invoke(app, ["eval-ner", str(gold_file), "--predicted", str(predicted)])
    assert result.exit_code == 1
    assert "short.txt" in result.output


def test_ner_plain_text_offsets_slice_the_input(app):
    text = "قال وزير الخارجية الروسي سيرغي لافروف في موسكو إن المحادثات مستمرة."
    result = runner.invoke(app, ["ner", "-"], input=text)
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.output.splitlines()]
    assert rows
    for mention, label, start, end in rows:
        assert text[int(start):int(end)] == mention
        assert label in {"PER", "LOC", "ORG", "MISC"}
    assert ["موسكو", "LOC"] in [row[:2] for row in rows]


def test_train_ner_with_articles_builds_every_resource(app, tmp_path):
    ant = Path(__file__).parent / "data" / "ant_tiny.jsonl.gz"
    args = ["train-ner", str(DATA), "--out", str(tmp_path), "--ant", str(ant), "--iterations", "40", "--self-train"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    for name in ("model.crfsuite", "clusters.tsv.gz", "lexicon.tsv.gz", "autolex.tsv.gz"):
        assert (tmp_path / name).is_file(), name
    assert not list(tmp_path.glob("*.partial"))
    resources = load_resources(tmp_path)
    assert "حلب" in resources.clusters
    assert "LOC2" in resources.lexicon["حلب"]  # after مدينة in every fixture article
    # Retraining without the articles cannot rebuild the self-trained lexicon, so it goes.
    result = runner.invoke(app, ["train-ner", str(DATA), "--out", str(tmp_path), "--iterations", "40"])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "autolex.tsv.gz").exists()
    assert (tmp_path / "clusters.tsv.gz").is_file()


def test_train_ner_with_the_gazetteer_and_articles_writes_the_evidence(app, tmp_path):
    ant = Path(__file__).parent / "data" / "ant_tiny.jsonl.gz"
    wikifane = Path(__file__).parent / "data" / "wikifane"
    args = ["train-ner", str(DATA), "--out", str(tmp_path), "--ant", str(ant), "--wikifane", str(wikifane),
            "--iterations", "40"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    resources = load_resources(tmp_path)
    assert resources.gazetteer.entries[("حلب",)] == "LOC"
    assert resources.gazetteer.first["رامي"] == {"PER"}
    # the name shapes are learned from the gazetteer's words against the cluster vocabulary
    assert resources.shape.weights
    assert set(resources.shape.known) >= {"رامي"}
    from akhbar.ner.model import load_name_evidence

    evidence = load_name_evidence(tmp_path, resources.gazetteer)
    assert evidence.words and evidence.count("حلب") >= 3
    result = runner.invoke(app, ["eval-ner", str(DATA / "ANERCorp_CamelLab_test.txt"),
                                 "--model", str(tmp_path / "model.crfsuite"), "--table"])
    assert result.exit_code == 0, result.output
    assert "entity table" in result.output and "precision" in result.output


def test_train_ner_names_a_missing_gazetteer(app, tmp_path):
    result = runner.invoke(app, ["train-ner", str(DATA), "--out", str(tmp_path), "--wikifane", str(tmp_path)])
    assert result.exit_code == 1
    assert "wikifane_gold_entities.tsv" in result.output
