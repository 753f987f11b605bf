"""The command line on hostile settings and outputs: refused settings, a full disk, escapes in the
terminal and Markdown reports, --strict."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from akhbar.cli import app
from akhbar.config import ConfigError, load_config
from akhbar.report.escaping import markdown_code as render_ids

runner = CliRunner()
PAYLOAD = ('قال المسؤول إن القوات تقدمت في المدينة <script>alert(1)</script> و</style> و[رابط](javascript:alert(1)) '
           "\x1b[31mأحمر\x1b]8;;http://x\x07 \u202eمقلوب\u202c. وأضاف أن الهجوم مستمر منذ يومين في الأحياء الشرقية.")


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "1e400", "-1", "1e7"])
def test_non_finite_or_out_of_range_settings_are_refused(tmp_path: Path, value: str) -> None:
    config = tmp_path / "c.toml"
    config.write_text(f"[summary]\ncentrality_weight = {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_config(config)
    result = runner.invoke(app, ["summarize", "--config", str(config), "--no-facts"])
    assert result.exit_code == 2


def test_config_from_an_endless_device_stops() -> None:
    with pytest.raises(ConfigError, match="over 1048576 bytes"):
        load_config(Path("/dev/zero"))


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("fmt", ["json", "text"])
def test_a_full_disk_on_stdout_is_exit_2(seed_dir: Path, fmt: str) -> None:
    with Path("/dev/full").open("wb") as full:
        done = subprocess.run([sys.executable, "-m", "akhbar", "summarize", str(seed_dir), "--no-facts", "-f", fmt],
                              stdout=full, stderr=subprocess.PIPE, check=False, timeout=120)
    assert done.returncode == 2, done.stderr.decode()
    assert b"No space left on device" in done.stderr and b"Traceback" not in done.stderr


def _hostile_batch(tmp_path: Path, seed_dir: Path) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    for path in sorted(seed_dir.glob("*.txt"))[:2]:
        (folder / path.name).write_bytes(path.read_bytes())
    name = "evil`id` <b>x<b>"
    (folder / f"{name}.txt").write_text(PAYLOAD * 3, encoding="utf-8")
    return folder


def test_terminal_report_carries_no_escape_sequences(tmp_path: Path, seed_dir: Path) -> None:
    folder = _hostile_batch(tmp_path, seed_dir)
    done = subprocess.run([sys.executable, "-m", "akhbar", "summarize", str(folder)],
                          capture_output=True, check=False, timeout=300)
    assert done.returncode == 4, done.stderr.decode()  # the control characters were repaired
    for stream in (done.stdout, done.stderr):
        assert b"\x1b]" not in stream and b"\x07" not in stream and "\u202e".encode() not in stream


def test_markdown_escapes_markup_and_code_span_breakouts(tmp_path: Path, seed_dir: Path) -> None:
    folder = _hostile_batch(tmp_path, seed_dir)
    result = runner.invoke(app, ["summarize", str(folder), "-f", "md"])
    assert result.exit_code == 4, result.output
    md = result.stdout
    assert "<script>" not in md and "</style>" not in md and "<b>" not in md
    assert "](javascript:" not in md
    assert "evil\\`id\\` &lt;b&gt;x&lt;b&gt;" in md  # no code span to break out of
    assert "`` ok`id ``" in render_ids("ok`id")


def test_strict_turns_a_repair_into_a_failure(tmp_path: Path, seed_dir: Path) -> None:
    folder = _hostile_batch(tmp_path, seed_dir)
    result = runner.invoke(app, ["summarize", str(folder), "-f", "json", "--strict", "--no-facts"])
    assert result.exit_code == 4
    assert result.stdout == ""  # nothing written
    clean = runner.invoke(app, ["summarize", str(seed_dir), "-f", "json", "--strict", "--no-facts"])
    assert clean.exit_code == 0
    assert json.loads(clean.stdout)["errors"] == []
