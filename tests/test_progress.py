"""Progress in a log: one line per stage with its count and seconds when stderr is no terminal, and
nothing with --quiet (errors still show)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from akhbar.cli import example_dir
from akhbar.progress import StageLines, articles_or_stories


def test_one_line_per_stage_when_it_ends() -> None:
    lines: list[str] = []
    ticks = iter([0.0, 3.0, 3.2, 3.4])
    progress = StageLines(lines.append, unit=articles_or_stories, clock=lambda: next(ticks))
    progress("clustering", 0, 2000)
    progress("clustering", 1000, 2000)
    progress("clustering", 2000, 2000)
    progress("clustering", 2000, 2000)  # said once
    progress("reports", 0, 1)
    progress("reports", 1, 1)
    assert lines == ["clustering: 2000 articles, 3.0 s", "reports: 1 story, 0.2 s"]


def _akhbar(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "akhbar", *args], capture_output=True, text=True, check=False,
                          timeout=600)


def test_summarize_in_a_log_prints_its_stages_and_quiet_silences_them(tmp_path: Path) -> None:
    out = str(tmp_path / "r.json")
    done = _akhbar("summarize", "--no-facts", "-f", "json", "-o", out)
    assert done.returncode == 0, done.stderr
    stages = [line.split(":")[0] for line in done.stderr.splitlines() if line.endswith(" s")]
    assert stages == ["reading", "summary"]
    assert "reading: 5 articles, " in done.stderr
    quiet = _akhbar("summarize", "--no-facts", "-f", "json", "-o", out, "--quiet", str(tmp_path / "missing.txt"),
                    str(example_dir()))
    assert not [line for line in quiet.stderr.splitlines() if line.endswith(" s")]
    assert "missing.txt: no such file or folder" in quiet.stderr  # errors are no progress


def test_stories_in_a_log_prints_each_stage(tmp_path: Path) -> None:
    done = _akhbar("stories", str(example_dir()), "--no-facts", "-f", "json", "-o", str(tmp_path / "s.json"))
    assert done.returncode == 0, done.stderr
    stages = [line.split(":")[0] for line in done.stderr.splitlines() if line.endswith(" s")]
    assert stages == ["reading", "duplicates", "boilerplate", "clustering", "reports"]
    assert "reports: 1 story, " in done.stderr
    quiet = _akhbar("stories", str(example_dir()), "--no-facts", "-q", "-f", "json", "-o", str(tmp_path / "s.json"))
    assert not [line for line in quiet.stderr.splitlines() if line.endswith(" s")]
