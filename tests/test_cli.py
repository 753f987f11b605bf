from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from akhbar.cli import app

runner = CliRunner()


def test_summarize_bundled_example_as_json() -> None:
    result = runner.invoke(app, ["summarize", "--format", "json", "--no-facts"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["articles"]) == 5
    assert sum(len(i["text"].split()) for i in data["summary"]) <= 120


def test_summarize_writes_html(tmp_path: Path, seed_dir: Path) -> None:
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["summarize", str(seed_dir), "-f", "html", "-o", str(out), "--words", "80", "--no-facts"])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith('<!DOCTYPE html>\n<html dir="rtl" lang="ar">')


def test_bad_inputs_are_reported_and_skipped(tmp_path: Path, seed_dir: Path) -> None:
    (tmp_path / "broken.jsonl").write_text("{oops\n", encoding="utf-8")
    result = runner.invoke(app, ["summarize", str(seed_dir), str(tmp_path / "broken.jsonl"), "-f", "md", "--no-facts"])
    assert result.exit_code == 4  # done, but an input was skipped
    assert "broken.jsonl:1" in result.stderr and "invalid JSON" in result.stderr
    assert "# الملخص" in result.stdout


def test_no_readable_article_exits_1(tmp_path: Path) -> None:
    result = runner.invoke(app, ["summarize", str(tmp_path / "nothing.txt")])
    assert result.exit_code == 1
    assert "nothing.txt: no such file or folder" in result.stderr


def test_bad_config_exits_2(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text("[summary]\nwordz = 3\n", encoding="utf-8")
    result = runner.invoke(app, ["summarize", "--config", str(config)])
    assert result.exit_code == 2
    assert "unknown key(s) wordz" in result.stderr


def test_console_script_reads_stdin(seed_dir: Path) -> None:
    text = next(seed_dir.glob("002_*.txt")).read_bytes()
    done = subprocess.run(
        [sys.executable, "-c", "from akhbar.cli import main; main()", "summarize", "-", "-f", "json", "--no-facts"],
        input=text, capture_output=True, check=False, timeout=120,
    )
    assert done.returncode == 0, done.stderr.decode()
    data = json.loads(done.stdout)
    assert data["articles"][0]["id"] == "stdin"
    assert data["summary"]


def test_user_config_overrides_multi_summary(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text("[multi_summary]\nmax_words = 25\n", encoding="utf-8")
    result = runner.invoke(app, ["summarize", "--config", str(config), "-f", "json", "--no-facts"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["summary"] and all(len(i["text"].split()) <= 25 for i in data["summary"])
