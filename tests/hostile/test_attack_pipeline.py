"""A batch of good articles with hostile inputs mixed in gives the good articles' own summary and
stories, reports each hostile input once (exit 4), and loses nothing else."""

from __future__ import annotations

import gzip
import json
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from akhbar.cli import app, register_optional_commands
from akhbar.ingest import gz

register_optional_commands(["akhbar", "stories"])
register_optional_commands(["akhbar", "ingest"])
runner = CliRunner()


def _hostile(folder: Path) -> list[str]:
    """Hostile inputs that must all be skipped; returns their names (a .jsonl's by line)."""
    folder.mkdir()
    (folder / "empty.jsonl.gz").write_bytes(b"")
    (folder / "gzip-of-nothing.jsonl.gz").write_bytes(gzip.compress(b"\n\n"))
    (folder / "not-gzip.jsonl.gz").write_bytes(b"plain text, not gzip")
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    (folder / "bomb.jsonl.gz").write_bytes(b"".join([packer.compress(b"\n" * (1 << 20)) for _ in range(40)])
                                           + packer.flush())
    (folder / "menu.txt").write_text("الرئيسية\nأخبار\nرياضة\nاتصل بنا\n", encoding="utf-8")
    (folder / "scripts.html").write_text("<html><script>alert(1)</script><style>p{}</style></html>", encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 16)
    (folder / "zero.txt").write_bytes(b"")
    (folder / "shapes.jsonl").write_text("\n".join([
        "[1, 2]", '{"id": "n", "text": 5}', '{"text": "بلا معرف"}', "{broken", '{"id": "deep", "text": '
        + "[" * 50_000 + "]" * 50_000 + "}"]) + "\n", encoding="utf-8")
    (folder / "dir.txt").mkdir()
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    return ["empty.jsonl.gz", "gzip-of-nothing.jsonl.gz", "not-gzip.jsonl.gz", f"bomb.jsonl.gz:{gz.MIN_INFLATED + 1}", "menu.txt",
            "scripts.html", "binary.txt", "zero.txt", "shapes.jsonl:1", "shapes.jsonl:2", "shapes.jsonl:3",
            "shapes.jsonl:4", "shapes.jsonl:5", "loop.txt"]


def _run(command: str, *paths: Path) -> tuple[int, dict, str]:
    result = runner.invoke(app, [command, *map(str, paths), "-f", "json", "-q", "--no-facts"])
    assert "Traceback" not in result.output
    return result.exit_code, json.loads(result.stdout) if result.stdout.strip() else {}, result.stderr


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    folder = tmp_path_factory.mktemp("attack") / "hostile"
    return folder, _hostile(folder)


def test_summary_of_the_seeds_is_unchanged_by_hostile_inputs(seed_dir: Path, hostile: tuple[Path, list[str]]) -> None:
    folder, names = hostile
    code_alone, alone, _ = _run("summarize", seed_dir)
    code, mixed, stderr = _run("summarize", seed_dir, folder)
    assert (code_alone, code) == (0, 4)
    assert mixed["summary"] == alone["summary"] and mixed["groups"] == alone["groups"]
    assert [a["id"] for a in mixed["articles"]] == [a["id"] for a in alone["articles"]]
    reported = sorted(e["path"][len(str(folder)) + 1:] for e in mixed["errors"])
    assert reported == sorted(names)
    assert len([line for line in stderr.splitlines() if line.startswith("skipped ")]) == len(names)


def test_stories_of_the_seeds_are_unchanged_by_hostile_inputs(seed_dir: Path, hostile: tuple[Path, list[str]]) -> None:
    folder, names = hostile
    _, alone, _ = _run("stories", seed_dir)
    code, mixed, _ = _run("stories", seed_dir, folder)
    assert code == 4

    def shape(data: dict) -> list[tuple[tuple[str, ...], list]]:
        return sorted((tuple(s["articles"]), s["summary"]) for s in data["stories"])

    assert shape(mixed) == shape(alone)
    assert len(mixed["errors"]) == len(names)


def test_ingest_into_a_store_skips_only_the_hostile(seed_dir: Path, hostile: tuple[Path, list[str]],
                                                      tmp_path: Path) -> None:
    folder, names = hostile
    db = tmp_path / "news.db"
    result = runner.invoke(app, ["ingest", str(seed_dir), str(folder), "--db", str(db), "-q"])
    assert result.exit_code == 4, result.output
    assert "read 5, new 5" in " ".join(result.stderr.split())
    assert len([line for line in result.stderr.splitlines() if line.startswith("skipped ")]) == len(names)
