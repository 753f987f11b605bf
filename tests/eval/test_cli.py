from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from akhbar.eval import cli as eval_cli
from akhbar.eval import run as eval_run
from akhbar.eval.datasets import read_clusters
from akhbar.eval.multidoc import check
from akhbar.eval.peers import lead
from akhbar.records import Article, Sentence, SummaryItem

DATA = Path(__file__).parent / "data"


def _app() -> typer.Typer:
    app = typer.Typer()

    @app.command()
    def version() -> None:  # a second command so that sub-command names are used
        typer.echo("0")

    eval_cli.register(app)
    return app


def _fake_akhbar(articles: Sequence[Article], words: int, config: object = None) -> list[SummaryItem]:
    """A stand-in for akhbar's pipeline: the lead sentences, citing their own article."""
    del config
    items = []
    for text in lead(articles, words):
        article = next(a for a in articles if text in a.body)
        start = article.body.index(text)
        sentence = Sentence(article.id, 0, start, start + len(text), text)
        items.append(SummaryItem(text, (article.id,), sentence, 1.0))
    return items


@pytest.fixture(autouse=True)
def fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(eval_run, "akhbar_items", _fake_akhbar)


def test_eval_command_prints_a_table_and_writes_json(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    result = CliRunner().invoke(_app(), ["eval", str(DATA / "clusters.jsonl"), "--words", "30",
                                         "--split", "all", "--peers", "lead", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "akhbar" in result.output and "lead" in result.output
    assert "max over references" in " ".join(result.output.split())
    payload = json.loads(out.read_text(encoding="utf-8"))
    assert payload["clusters"] == 3
    r2 = payload["systems"]["akhbar"]["rouge"]["max"]["rouge2"]["recall"]
    assert r2 == payload["systems"]["lead"]["rouge"]["max"]["rouge2"]["recall"]  # the fake is the lead
    assert set(payload["systems"]["lead"]["rouge2_recall_ci95"]) == {"max", "avg"}


def test_eval_ratio_and_ant_detection(tmp_path: Path) -> None:
    result = CliRunner().invoke(_app(), ["eval", str(DATA / "ant_tiny.jsonl.gz"), "--ratio", "0.5",
                                         "--split", "all", "--peers", "lead"])
    assert result.exit_code == 4, result.output  # done, with skipped inputs
    assert "(ant)" in result.output
    assert "skipped" in result.output  # the broken lines are reported


def test_eval_usage_errors() -> None:
    runner = CliRunner()
    both = runner.invoke(_app(), ["eval", str(DATA / "clusters.jsonl"), "--words", "30", "--ratio", "0.2"])
    assert both.exit_code == 2
    unknown = runner.invoke(_app(), ["eval", str(DATA / "clusters.jsonl"), "--words", "30",
                                     "--peers", "nope"])
    assert unknown.exit_code == 2
    missing = runner.invoke(_app(), ["eval", str(DATA / "nope.jsonl"), "--words", "30"])
    assert missing.exit_code == 2


def test_eval_multidoc_on_a_folder(tmp_path: Path) -> None:
    out = tmp_path / "multi.json"
    result = CliRunner().invoke(_app(), ["eval-multidoc", str(DATA / "event"), "--words", "40",
                                         "--peers", "lead", "--out", str(out)])
    assert result.exit_code == 0, result.output
    payload = json.loads(out.read_text(encoding="utf-8"))
    akhbar = payload["systems"]["akhbar"]
    assert akhbar["citation_precision"] == 1.0
    assert akhbar["citation_precision_paraphrase"] == 1.0
    assert payload["systems"]["lead"]["outlets_drawn_mean"] == 2.0


def test_multidoc_checks_by_hand() -> None:
    cluster = next(c for c in read_clusters(DATA / "clusters.jsonl") if c.id == "toy-2")
    a, b = cluster.articles
    same = "وقال المنظمون إن عدد الزوار تجاوز 30 ألفا في اليوم الأول."
    scores = check([same, "ويضم المهرجان ندوات يومية عن الترجمة."], cluster.articles)
    assert scores.articles == 2  # the first sentence is in both (٣٠ and 30 unify)
    assert scores.unmatched == 0
    assert 0.0 <= scores.redundancy < 0.5
    dup = check([same, same.replace("وقال", "قال")], cluster.articles)
    assert dup.redundancy > 0.8
    wrong = SummaryItem("ويضم المهرجان ندوات يومية عن الترجمة.", (a.id, b.id),
                        Sentence(b.id, 2, 0, 1, "x"), 1.0)
    cited = check([wrong.text], cluster.articles, [wrong])
    assert cited.citations is not None
    assert (cited.citations.held, cited.citations.cited, cited.citations.paraphrased) == (1, 2, 1)


def test_eval_multidoc_on_cluster_files_keeps_multi_document_ones(tmp_path: Path) -> None:
    out = tmp_path / "multi.json"
    args = ["eval-multidoc", str(DATA / "clusters.jsonl"), str(tmp_path / "nope"),
            "--peers", "", "--out", str(out)]
    result = CliRunner().invoke(_app(), args)
    assert result.exit_code == 4, result.output  # done, with a skipped input
    assert "no such file or folder" in " ".join(result.output.split())
    assert json.loads(out.read_text(encoding="utf-8"))["clusters"] == ["toy-2"]


def test_summary_overrides() -> None:

    assert eval_cli.summary_overrides(None) is None
    config = eval_cli.summary_overrides(["position_weight=1.2", "min_words=5"])
    assert config.position_weight == 1.2
    assert config.min_words == 5 and isinstance(config.min_words, int)
    bad = CliRunner().invoke(_app(), ["eval", str(DATA / "clusters.jsonl"), "--words", "30", "--set", "nope=1"])
    assert bad.exit_code == 2
    for value in ("inf", "nan", "-1", "1e400", "abc"):  # refused as a configuration file refuses them
        refused = CliRunner().invoke(_app(), ["eval-multidoc", "--peers", "", "--set", f"centrality_weight={value}"])
        assert refused.exit_code == 2, (value, refused.output)
