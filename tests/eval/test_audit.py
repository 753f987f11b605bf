"""``akhbar eval-facts`` on a tiny made-up fixture (no ../shared): scores, wrong rows, the judging loop."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import typer
from typer.testing import CliRunner

from akhbar.eval import audit_cli as eval_cli
from akhbar.eval.audit import AuditRow, Judgement, judged_split_variants, quote_key, read_stories, score

DATA = Path(__file__).parent / "data" / "audit"


def _app() -> typer.Typer:
    app = typer.Typer()

    @app.command()
    def version() -> None:  # a second command so that sub-command names are used
        typer.echo("0")

    eval_cli.register(app)
    return app


def _run(*args: str) -> object:
    return CliRunner().invoke(_app(), ["eval-facts", str(DATA / "ant_audit.jsonl.gz"),
                                       "--stories", str(DATA / "stories.jsonl"), *args])


def test_judge_missing_then_add_then_score(tmp_path: Path) -> None:
    judged = tmp_path / "facts.jsonl"
    missing = tmp_path / "missing.jsonl"
    first = _run("--judgements", str(judged), "--all-rows", "--judge-missing", str(missing))
    assert first.exit_code == 0, first.output
    rows = [json.loads(line) for line in missing.read_text(encoding="utf-8").splitlines()]
    tables = {r["table"] for r in rows}
    assert {"quotes", "figures", "passages"} <= tables
    # Only the BBC/CNN passage is "between outlets": CNN's two copies share a sentence that is not listed.
    passages = [r for r in rows if r["table"] == "passages"]
    assert len(passages) == 1 and "BBC" in passages[0]["context"] and "CNN" in passages[0]["context"]
    # A بحسب/وفق phrase naming a rule (وفق لوائح الطوارئ) is no quote.
    assert not any("لوائح" in r["key"] for r in rows if r["table"] == "quotes")
    # Fill: every row right but the first figure.
    for k, r in enumerate(rows):
        r["verdict"] = "wrong" if r["table"] == "figures" and k == next(
            i for i, x in enumerate(rows) if x["table"] == "figures") else "right"
        r["reason"] = "by hand"
    missing.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    second = _run("--judgements", str(judged), "--all-rows", "--add", str(missing), "--out", str(tmp_path / "o.json"))
    assert second.exit_code == 0, second.output
    kept = [json.loads(line) for line in judged.read_text(encoding="utf-8").splitlines()]
    assert kept and all("context" not in k for k in kept)  # no article text is kept
    out = json.loads((tmp_path / "o.json").read_text(encoding="utf-8"))
    assert out["tables"]["quotes"]["precision"] == 1.0
    assert out["tables"]["figures"]["wrong"] == 1 and out["tables"]["figures"]["unjudged"] == 0
    assert "wrong figures rows" in second.output


def test_split_and_usage_errors(tmp_path: Path) -> None:
    assert _run("--split", "nope").exit_code == 2
    assert _run("--judgements", str(tmp_path / "none.jsonl"), "--add", str(tmp_path / "missing.jsonl")).exit_code == 2
    test_only = _run("--judgements", str(tmp_path / "j.jsonl"), "--split", "test")
    assert test_only.exit_code == 0 and "1 stories" in test_only.output


def test_a_bad_story_line_is_reported_and_skipped(tmp_path: Path) -> None:
    stories = tmp_path / "stories.jsonl"
    shutil.copy(DATA / "stories.jsonl", stories)
    with stories.open("a", encoding="utf-8") as out:
        out.write('{"story": "x", "split": "train", "articles": []}\n')
    errors: list = []
    assert [s.story for s in read_stories(stories, errors=errors)] == ["storm", "storm-test"]
    assert errors and "split" in errors[0].problem
    result = CliRunner().invoke(_app(), ["eval-facts", str(DATA / "ant_audit.jsonl.gz"), "--stories", str(stories),
                                         "--judgements", str(tmp_path / "j.jsonl")])
    assert result.exit_code == 4  # done, but an input was skipped


def test_score_counts_shown_rows_and_hidden_ones() -> None:
    rows = [AuditRow("s", "quotes", quote_key("أ", "نص"), 0.9, True), AuditRow("s", "quotes", "ب: نص", 0.5, False),
            AuditRow("s", "entities", "حسن نصر الله", 0.95, True), AuditRow("s", "entities", "نصرالله", 0.95, True)]
    judged = {("s", "quotes", "أ: نص"): Judgement("s", "quotes", "أ: نص", "right"),
              ("s", "quotes", "ب: نص"): Judgement("s", "quotes", "ب: نص", "wrong"),
              ("s", "entities", "نصرالله"): Judgement("s", "entities", "نصرالله", "wrong", "split variant: of نصر الله")}
    scores = score(rows, judged)
    assert scores["quotes"].precision == 1.0 and scores["quotes"].hidden_wrong == 1
    assert [r.key for r in scores["entities"].unjudged] == ["حسن نصر الله"]
    assert [r.key for r in judged_split_variants(rows, judged)] == ["نصرالله"]
