from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from akhbar.eval import tune
from akhbar.eval.datasets import split_of

DATA = Path(__file__).parent / "data"


def test_parse_grid_and_settings() -> None:
    grid = tune.parse_grid(["position_weight=0,0.6", "centrality_weight=1,2"])
    assert grid == {"position_weight": [0.0, 0.6], "centrality_weight": [1.0, 2.0]}
    assert len(tune.settings(grid)) == 4
    with pytest.raises(ValueError, match="bad grid"):
        tune.parse_grid(["nonsense=1"])
    with pytest.raises(ValueError, match="bad grid"):
        tune.parse_grid(["words=1,2"])  # the budget is not a tuning knob


def _dev_file(tmp_path: Path) -> Path:
    """The fixture clusters renamed to ids that fall in the dev split."""
    lines = (DATA / "clusters.jsonl").read_text(encoding="utf-8").splitlines()
    dev_ids = [f"toy-{i}" for i in range(100) if split_of(f"toy-{i}") == "dev"]
    out = tmp_path / "dev.jsonl"
    rows = []
    for line, new_id in zip(lines, dev_ids, strict=False):
        record = json.loads(line)
        record["id"] = new_id
        rows.append(json.dumps(record, ensure_ascii=False))
    out.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return out


def test_tune_reads_only_the_dev_split(tmp_path: Path) -> None:
    # toy-1..3 all hash to the test split, so none of them may be read for tuning
    assert {split_of(f"toy-{i}") for i in (1, 2, 3)} == {"test"}
    assert [clusters for _, _, clusters in tune.load_dev([f"{DATA / 'clusters.jsonl'}:30"], None, [])] == [[]]
    data = tune.load_dev([f"{_dev_file(tmp_path)}:30"], None, [])
    assert len(data[0][2]) == 3


def test_tune_command_prints_best_settings(tmp_path: Path) -> None:

    out = tmp_path / "grid.json"
    runner = CliRunner()
    app = tune.typer.Typer()
    app.command()(tune.main)
    result = runner.invoke(app, [f"{_dev_file(tmp_path)}:30", "--grid", "position_weight=0,0.6",
                                 "--jobs", "1", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "best settings" in result.output and "position_weight =" in result.output
    payload = json.loads(out.read_text(encoding="utf-8"))
    assert len(payload["results"]) == 2
    assert all(0.0 <= r["objective"] <= 1.0 for r in payload["results"])
