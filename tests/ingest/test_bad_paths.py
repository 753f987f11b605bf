"""Inputs that are no article files, each reported as what it is: a device, a FIFO, a link loop or a
broken link (never «no such file or folder»), standard input given twice, a folder's files of other
types; ids that an empty article does not claim; a file half UTF-8, half Windows-1256."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest

from akhbar.ingest import ingest
from akhbar.ingest.decoding import decode_noting
from akhbar.ingest.readers import read_text
from akhbar.records import BadInput, any_skipped

ARTICLE = "قال المسؤول إن القوات تقدمت في المدينة الشرقية صباح اليوم. وأضاف أن الهجوم مستمر منذ يومين."
OTHER = "أعلنت الحكومة عن خطة جديدة للنقل العام في العاصمة. وقال الوزير إن التنفيذ يبدأ الشهر المقبل."


def _lines(*records: dict[str, str]) -> str:
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)


def _problems(paths: list[str]) -> dict[str, str]:
    return {bad.path: bad.problem for bad in ingest(paths).errors}


def test_a_device_is_named_a_device() -> None:
    assert _problems(["/dev/zero"])["/dev/zero"].startswith("a device")
    bad = read_text("/dev/zero")
    assert isinstance(bad, BadInput) and bad.problem.startswith("a device")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs os.mkfifo (a POSIX system)")
def test_a_fifo_is_named_a_fifo_alone_or_in_a_folder(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert _problems([str(tmp_path / "pipe.txt")])[str(tmp_path / "pipe.txt")].startswith("a FIFO")
    corpus = ingest([str(tmp_path)])
    assert [a.id for a in corpus.articles] == ["a"]
    assert [bad.problem[:6] for bad in corpus.errors] == ["a FIFO"]


def test_a_symlink_loop_and_a_broken_link_are_named_so(tmp_path: Path) -> None:
    (tmp_path / "loop1.txt").symlink_to(tmp_path / "loop2.txt")
    (tmp_path / "loop2.txt").symlink_to(tmp_path / "loop1.txt")
    (tmp_path / "broken.txt").symlink_to(tmp_path / "gone.txt")
    problems = _problems([str(tmp_path / "loop1.txt"), str(tmp_path / "broken.txt"), str(tmp_path / "missing.txt")])
    assert problems[str(tmp_path / "loop1.txt")].startswith("a loop of symbolic links")
    assert problems[str(tmp_path / "broken.txt")].startswith("a broken symbolic link")
    assert problems[str(tmp_path / "missing.txt")] == "no such file or folder"


def test_standard_input_given_twice_is_read_once_and_reported_once(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(ARTICLE.encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    corpus = ingest(["-", "-"])
    assert [a.id for a in corpus.articles] == ["stdin"]
    assert [(bad.path, bad.problem) for bad in corpus.errors] == [("-", "standard input given 2 times: read once")]


def test_an_empty_first_article_claims_no_id(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(_lines({"id": "a", "text": ""}, {"id": "a", "text": ARTICLE}), encoding="utf-8")
    corpus = ingest([str(path)])
    assert [a.id for a in corpus.articles] == ["a"]  # not a#2: the empty one was never an article
    assert [bad.problem for bad in corpus.errors] == ["no article text (empty, or only noise lines)"]


def test_a_real_duplicate_id_is_still_renamed(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(_lines({"id": "a", "text": ARTICLE}, {"id": "a", "text": OTHER}), encoding="utf-8")
    corpus = ingest([str(path)])
    assert [a.id for a in corpus.articles] == ["a", "a#2"]
    assert [bad.action for bad in corpus.errors] == ["repaired"]


def test_files_of_other_types_in_a_folder_are_counted_not_failed(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "notes.md").write_text("# notes", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "photo.jpg").write_bytes(b"\xff\xd8")
    corpus = ingest([str(tmp_path)])
    assert [a.id for a in corpus.articles] == ["a"]
    assert [(bad.path, bad.action) for bad in corpus.errors] == [(str(tmp_path), "ignored")]
    assert corpus.errors[0].problem.startswith("2 files of other types in the folder ignored")
    assert not any_skipped(corpus.errors)


def test_a_file_half_utf8_half_windows_1256_keeps_both_halves(tmp_path: Path) -> None:
    data = ARTICLE.encode("utf-8") + b"\n" + OTHER.encode("cp1256") + b"\n"
    text, note = decode_noting(data)
    assert text == f"{ARTICLE}\n{OTHER}\n"
    assert note == "mixed encodings: 1 line(s) read as Windows-1256, 1 as UTF-8"
    (tmp_path / "mixed.txt").write_bytes(data)
    corpus = ingest([str(tmp_path / "mixed.txt")])
    assert [(bad.action, bad.problem[:15]) for bad in corpus.errors] == [("repaired", "mixed encodings")]
    assert OTHER[:30] in corpus.articles[0].body and ARTICLE[:30] in corpus.articles[0].body


def test_a_windows_1256_file_alone_needs_no_note() -> None:
    assert decode_noting(f"{OTHER}\n{ARTICLE}".encode("cp1256")) == (f"{OTHER}\n{ARTICLE}", "")
