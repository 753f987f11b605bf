"""The eval readers on hostile lines, as `akhbar summarize` meets them: a JSON line nested too deeply
or holding a 5,000-digit integer is skipped and reported (exit 4, never 3); every bad line is listed,
once, on one unbroken line; a full standard output is exit 2; a device is named a device."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from akhbar.cli import example_dir

DEEP = "[" * 100_000 + "]" * 100_000
HUGE = '{"id": ' + "9" * 5000 + ', "documents": []}'


def _cluster_line(number: int) -> str:
    seeds = sorted(example_dir().iterdir())
    documents = [{"id": f"d{k}", "text": path.read_text(encoding="utf-8")} for k, path in enumerate(seeds[:2])]
    return json.dumps({"id": f"c{number}", "documents": documents, "references": ["رفضت المعارضة مغادرة حلب"]},
                      ensure_ascii=False)


@pytest.fixture(scope="module")
def hostile_clusters(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two good clusters, the two hostile lines and 13 broken ones: more than the 10 once listed."""
    path = tmp_path_factory.mktemp("eval") / "clusters.jsonl"
    lines = [_cluster_line(1), DEEP, HUGE, *(f"broken {k}" for k in range(13)), _cluster_line(2)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _akhbar(*args: str, stdout: int | None = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "40"}  # a narrow console must not break a message in two
    return subprocess.run([sys.executable, "-m", "akhbar", *args], stdout=stdout, stderr=subprocess.PIPE,
                          text=True, check=False, env=env, timeout=600)


@pytest.mark.parametrize("command", [["eval", "--words", "40", "--split", "all"], ["eval-multidoc"]])
def test_hostile_json_lines_are_skipped_and_each_listed_once(hostile_clusters: Path, command: list[str]) -> None:
    done = _akhbar(*command, str(hostile_clusters), "--peers", "")
    assert done.returncode == 4, done.stderr
    reports = [line for line in done.stderr.splitlines() if line.startswith("skipped ")]
    assert len(reports) == 15 == len(set(reports))  # all of them, each once
    assert f"skipped {hostile_clusters}:2: invalid JSON for akhbar: values nested too deeply" in reports
    assert any(line.startswith(f"skipped {hostile_clusters}:3: invalid JSON for akhbar: Exceeds") for line in reports)
    assert all(line.startswith(("skipped ", "wrote ")) or not line.strip() for line in done.stderr.splitlines()), \
        done.stderr  # no message wrapped onto a second line


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("command", [["eval", "--words", "40", "--split", "all"], ["eval-multidoc"]])
def test_a_full_standard_output_is_exit_2(hostile_clusters: Path, command: list[str]) -> None:
    with Path("/dev/full").open("w") as full:
        done = _akhbar(*command, str(hostile_clusters), "--peers", "", stdout=full.fileno())
    assert done.returncode == 2, done.stderr
    assert "cannot write standard output" in done.stderr


def test_eval_names_a_device_and_does_not_read_it() -> None:
    done = _akhbar("eval", "/dev/zero", "--words", "40")
    assert done.returncode == 2
    assert "a device" in done.stderr and "no such" not in done.stderr
