"""Attacks by size and by kind of path: empty and 0-byte files, truncated and bomb .gz files, a folder
of 10,000 tiny files, one article of one repeated word, symbolic link loops, unreadable files, a FIFO,
a folder named like a file."""

from __future__ import annotations

import gzip
import json
import os
import time
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from akhbar.cli import app
from akhbar.ingest import gz, ingest

AR = "قال وزير الخارجية إن المفاوضات بين الطرفين ستستأنف في جنيف الأسبوع المقبل بمشاركة الأمم المتحدة. "
runner = CliRunner()


def _errors(path: Path) -> list[tuple[str, str, str]]:
    return [(Path(e.path).name, e.action, e.problem) for e in ingest([str(path)]).errors]


def _bomb(path: Path, piece: bytes, pieces: int) -> None:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    with path.open("wb") as out:
        for _ in range(pieces):
            out.write(packer.compress(piece))
        out.write(packer.flush())


@pytest.mark.parametrize("name", ["empty.jsonl", "empty.jsonl.gz", "blank.jsonl"])
def test_an_empty_jsonl_is_reported(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"\n \n\n" if name == "blank.jsonl" else b"")
    assert _errors(path) == [(name, "skipped", "no article: the file is empty (or holds only blank lines)")]


def test_a_gzip_of_an_empty_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "nothing.jsonl.gz"
    path.write_bytes(gzip.compress(b""))
    assert [p for _, _, p in _errors(path)] == ["no article: the file is empty (or holds only blank lines)"]


def test_a_truncated_gz_keeps_the_lines_before_the_damage(tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl.gz"
    lines = "".join(json.dumps({"id": f"a{i}", "text": AR + str(i)}, ensure_ascii=False) + "\n" for i in range(200))
    data = gzip.compress(lines.encode())
    path.write_bytes(data[: len(data) // 2])
    corpus = ingest([str(path)])
    assert 10 < len(corpus.articles) < 200
    assert [e.action for e in corpus.errors] == ["skipped"] and "cannot read further" in corpus.errors[0].problem


@pytest.mark.parametrize("piece", [b"\n" * (1 << 20), b"0" * (1 << 20), b'{"id": "x", "text": "a"}\n' * 40_000],
                         ids=["blank-lines", "one-byte", "tiny-articles"])
def test_a_gzip_bomb_stops_at_the_ratio_limit(tmp_path: Path, piece: bytes) -> None:
    """About 100 MB of blank lines, of one byte, or of one tiny article repeated: stopped after a few MB."""
    path = tmp_path / "bomb.jsonl.gz"
    _bomb(path, piece, 100)
    started = time.perf_counter()
    corpus = ingest([str(path)])
    assert time.perf_counter() - started < 30  # the whole bomb would take minutes
    assert len(corpus.articles) < 1_000_000
    problems = [e.problem for e in corpus.errors]
    assert any(f"over {gz.MAX_RATIO} times its compressed size" in p for p in problems), problems[-3:]


def test_a_real_gzip_is_read_to_the_end(tmp_path: Path) -> None:
    """Arabic news compresses some 5 times: far from the bomb ratio, however long the file."""
    path = tmp_path / "news.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for number in range(3_000):
            out.write(json.dumps({"id": f"a{number}", "text": f"{AR} {number} {number * 7919 % 1000}"},
                                 ensure_ascii=False) + "\n")
    corpus = ingest([str(path)])
    assert len(corpus.articles) == 3_000 and corpus.errors == ()


def test_a_folder_of_ten_thousand_tiny_files(tmp_path: Path) -> None:
    folder = tmp_path / "tiny"
    folder.mkdir()
    for number in range(10_000):
        (folder / f"{number:05d}.txt").write_text(f"خبر رقم {number} عن الطقس في المدينة اليوم.", encoding="utf-8")
    (folder / "00042.txt").write_bytes(b"\x00\x01\x02" * 100)
    started = time.perf_counter()
    corpus = ingest([str(folder)])
    assert time.perf_counter() - started < 60
    assert len(corpus.articles) == 9_999
    assert [(Path(e.path).name, e.action) for e in corpus.errors] == [("00042.txt", "skipped")]


def test_one_article_of_one_repeated_word_is_summarized(tmp_path: Path) -> None:
    path = tmp_path / "word.txt"
    path.write_text("الحرب " * 90_000, encoding="utf-8")  # just under 1 MiB
    result = runner.invoke(app, ["summarize", str(path), "-f", "json", "-q", "--no-facts"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["articles"][0]["id"] == "word"


def test_a_long_line_over_the_limit_is_skipped_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    with path.open("w", encoding="utf-8") as out:
        out.write(json.dumps({"id": "before", "text": AR}, ensure_ascii=False) + "\n")
        out.write('{"id": "huge", "text": "' + "ب" * 3_000_000 + '"}\n')
        out.write(json.dumps({"id": "after", "text": AR}, ensure_ascii=False) + "\n")
    corpus = ingest([str(path)])
    assert [a.id for a in corpus.articles] == ["before", "after"]
    assert [e.path.rsplit(":", 1)[-1] for e in corpus.errors] == ["2"]


def test_a_folder_named_like_a_file_inside_a_folder_is_no_problem(tmp_path: Path) -> None:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "odd.txt").mkdir()
    (tmp_path / "news" / "odd.txt" / "inner.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "news" / "plain.txt").write_text(AR, encoding="utf-8")
    corpus = ingest([str(tmp_path / "news")])
    assert sorted(a.id for a in corpus.articles) == ["inner", "plain"]


def test_a_folder_named_like_a_file_given_alone(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").mkdir()
    result = runner.invoke(app, ["summarize", str(tmp_path / "empty.txt"), "-q", "--no-facts"])
    assert result.exit_code == 1
    assert "empty.txt: folder holds no .txt" in " ".join(result.stderr.split())


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its mode")
def test_an_unreadable_file_is_skipped_and_named(tmp_path: Path) -> None:
    (tmp_path / "locked.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "open.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "locked.txt").chmod(0)
    try:
        corpus = ingest([str(tmp_path)])
    finally:
        (tmp_path / "locked.txt").chmod(0o644)
    assert [a.id for a in corpus.articles] == ["open"]
    assert [(Path(e.path).name, e.problem) for e in corpus.errors] == [("locked.txt", "cannot read: Permission denied")]


def test_an_unreadable_file_is_skipped_even_as_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same path as above, forced: opening fails with EACCES."""
    (tmp_path / "locked.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "open.txt").write_text(AR, encoding="utf-8")
    real_open = Path.open

    def deny(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", deny)
    result = runner.invoke(app, ["summarize", str(tmp_path), "-q", "--no-facts", "-f", "json"])
    assert result.exit_code == 4, result.output
    assert [a["id"] for a in json.loads(result.stdout)["articles"]] == ["open"]
    assert "locked.txt: cannot read: Permission denied" in " ".join(result.stderr.split())


def test_symlink_loops_and_a_fifo_in_a_folder_leave_the_rest(tmp_path: Path) -> None:
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "loop").symlink_to(tmp_path)  # a folder that holds itself
    os.mkfifo(tmp_path / "pipe.jsonl")
    (tmp_path / "good.txt").write_text(AR, encoding="utf-8")
    corpus = ingest([str(tmp_path)])
    assert [a.id for a in corpus.articles] == ["good"]
    problems = {Path(e.path).name: e.problem for e in corpus.errors}
    assert set(problems) == {"a.txt", "b.txt", "pipe.jsonl"}
    assert "FIFO" in problems["pipe.jsonl"] and "loop of symbolic links" in problems["a.txt"]


def test_a_200_mb_line_between_two_articles(tmp_path: Path) -> None:
    """A sparse file: 200 MB of NUL bytes on one line, read in bounded pieces and dropped."""
    path = tmp_path / "huge-line.jsonl"
    with path.open("wb") as out:
        out.write(json.dumps({"id": "before", "text": AR}, ensure_ascii=False).encode() + b"\n")
        out.seek(200 * 1024 * 1024)
        out.write(b"\n" + json.dumps({"id": "after", "text": AR}, ensure_ascii=False).encode() + b"\n")
    corpus = ingest([str(path)])
    assert [a.id for a in corpus.articles] == ["before", "after"]
    assert [(e.path.rsplit(":", 1)[-1], e.action) for e in corpus.errors] == [("2", "skipped")]
    assert "over the 1048576-byte limit" in corpus.errors[0].problem
    big = tmp_path / "huge.txt"  # the same as one .txt: refused without reading it all
    with big.open("wb") as out:
        out.write(AR.encode())
        out.truncate(200 * 1024 * 1024)
    assert [e.problem.split(" (")[0] for e in ingest([str(big)]).errors] == [
        "file is over the 1048576-byte limit for one article"]
