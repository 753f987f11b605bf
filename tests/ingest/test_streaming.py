"""Streaming .jsonl/.jsonl.gz and standard input with a per-article limit, and unique ids."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from akhbar.ingest import ingest, iter_articles
from akhbar.ingest.readers import read_documents
from akhbar.records import Article, BadInput

ARTICLE = "قال وزير الخارجية إن المحادثات ستبدأ غدا في جنيف. وأضاف أن الهدنة ممكنة."


def _line(identifier: object, text: str = ARTICLE) -> str:
    return json.dumps({"id": identifier, "text": text}, ensure_ascii=False)


def test_a_line_over_the_limit_is_skipped_and_its_neighbours_read(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join([_line("a"), _line("huge", ARTICLE * 500), _line("b")]) + "\n", encoding="utf-8")
    corpus = ingest([str(path)], max_article_bytes=10_000)
    assert [a.id for a in corpus.articles] == ["a", "b"]
    assert [(e.path, e.action) for e in corpus.errors] == [(f"{path}:2", "skipped")]
    assert "over the 10000-byte limit for one article" in corpus.errors[0].problem
    assert "--max-article-bytes" in corpus.errors[0].problem


def test_the_limit_is_per_article_not_per_file(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    path.write_text("\n".join(_line(i) for i in range(300)), encoding="utf-8")
    assert path.stat().st_size > 20_000
    corpus = ingest([str(path)], max_article_bytes=20_000)
    assert len(corpus.articles) == 300 and not corpus.errors


def test_jsonl_gz_streams_and_a_truncated_archive_keeps_the_lines_before_the_damage(tmp_path: Path) -> None:
    whole = gzip.compress(("\n".join(_line(i) for i in range(2000)) + "\n").encode())
    (tmp_path / "ok.jsonl.gz").write_bytes(whole)
    (tmp_path / "cut.jsonl.gz").write_bytes(whole[: len(whole) // 2])
    ok = list(read_documents([str(tmp_path / "ok.jsonl.gz")]))
    assert len(ok) == 2000 and not any(isinstance(x, BadInput) for x in ok)
    cut = list(read_documents([str(tmp_path / "cut.jsonl.gz")]))
    docs = [x for x in cut if not isinstance(x, BadInput)]
    bad = [x for x in cut if isinstance(x, BadInput)]
    assert 0 < len(docs) < 2000
    assert len(bad) == 1 and "cannot read further" in bad[0].problem


def test_streaming_is_lazy(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(_line(i) for i in range(10)), encoding="utf-8")
    stream = iter_articles([str(path)])
    first = next(stream)
    assert isinstance(first, Article) and first.id == "0"


@pytest.mark.parametrize(("ids", "expected"), [
    (["dup", "dup", "dup#1"], ["dup", "dup#2", "dup#1"]),
    (["dup", "dup", "dup#2"], ["dup", "dup#2", "dup#2#2"]),
    (["x", "x", "x", "x#3"], ["x", "x#2", "x#3", "x#3#2"]),
    ([1, "1"], ["1", "1#2"]),
])
def test_duplicate_ids_are_renamed_without_collisions(tmp_path: Path, ids: list[object], expected: list[str]) -> None:
    path = tmp_path / "dups.jsonl"
    path.write_text("\n".join(_line(i) for i in ids), encoding="utf-8")
    corpus = ingest([str(path)])
    assert [a.id for a in corpus.articles] == expected
    renamed = [e for e in corpus.errors if e.action == "repaired"]
    assert len(renamed) == sum(a != b for a, b in zip([str(i) for i in ids], expected, strict=True))
    assert all("already used" in e.problem for e in renamed)


def test_equal_stems_in_different_folders_get_path_ids(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a" / "other.txt").write_text(ARTICLE, encoding="utf-8")
    corpus = ingest([str(tmp_path)])
    assert [a.id for a in corpus.articles] == ["other", "a/story", "b/story"]
    assert not corpus.errors


def test_same_stem_different_suffix_keeps_suffix(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "story.jsonl").write_text(_line("story.txt"), encoding="utf-8")
    page = "".join(f"<p>{ARTICLE} فقرة {i} من نص المقال.</p>" for i in range(5))
    (tmp_path / "story.html").write_text(f"<html><body><article>{page}</article></body></html>", encoding="utf-8")
    ids = [a.id for a in ingest([str(tmp_path)]).articles]
    assert len(ids) == len(set(ids)) == 3
    assert {"story.html", "story.txt"} <= set(ids) | {i.split("#")[0] for i in ids}


def test_lone_surrogates_are_repaired_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    path.write_text('{"id": "s\\udc00", "text": "' + ARTICLE + ' \\ud800", "title": "\\udfff"}\n', encoding="utf-8")
    corpus = ingest([str(path)])
    article = corpus.articles[0]
    for value in (article.id, article.body, article.title or ""):
        value.encode("utf-8")  # a writer can write it
    assert article.body.endswith("\ufffd")
    assert [(e.path, e.action) for e in corpus.errors] == [(f"{path}:1", "repaired")]
    assert "surrogate" in corpus.errors[0].problem


@pytest.mark.parametrize(("line", "problem"), [
    ('{"id": "n", "text": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
    ('{"id": ' + "7" * 5000 + ', "text": "x"}', "digits"),
    ('{"id": "t"}', "'text' must be a string"),
    ('{"id": "' + "i" * 2000 + '", "text": "x"}', "'id' is over 1000 characters"),
    ("[1, 2]", "must be a JSON object"),
])
def test_hostile_json_lines_are_reported_and_skipped(tmp_path: Path, line: str, problem: str) -> None:
    path = tmp_path / "h.jsonl"
    path.write_text("\n".join([_line("before"), line, _line("after")]), encoding="utf-8")
    corpus = ingest([str(path)])
    assert [a.id for a in corpus.articles] == ["before", "after"]
    assert [e.path for e in corpus.errors] == [f"{path}:2"]
    assert problem in corpus.errors[0].problem


def test_a_name_over_the_system_limit_does_not_stop_the_folder(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    folder = os.open(tmp_path, os.O_RDONLY)
    try:
        for _ in range(40):  # a path of over 4096 bytes, built one folder at a time, relative to the last
            os.mkdir("d" * 120, dir_fd=folder)
            inner = os.open("d" * 120, os.O_RDONLY, dir_fd=folder)
            os.close(folder)
            folder = inner
        with os.fdopen(os.open("deep.txt", os.O_WRONLY | os.O_CREAT, dir_fd=folder), "w") as deep:
            deep.write(ARTICLE)
    finally:
        os.close(folder)
    corpus = ingest([str(tmp_path)])
    assert [a.id for a in corpus.articles] == ["good"]
    assert corpus.errors and all("File name too long" in e.problem for e in corpus.errors)


def _summarize_stdin(stdin: object, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "akhbar", "summarize", "-", "--no-facts", *args],
                          stdin=stdin, capture_output=True, check=False, timeout=60)


def test_stdin_of_endless_zeros_stops_at_the_limit() -> None:
    with Path("/dev/zero").open("rb") as zeros:
        done = _summarize_stdin(zeros, "--max-article-bytes", "1000000")
    assert done.returncode == 1
    assert b"standard input is over the 1000000-byte limit" in done.stderr


def test_stdin_jsonl_streams_per_line(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join([_line("a"), _line("big", ARTICLE * 100), _line("b")]), encoding="utf-8")
    with path.open("rb") as stdin:
        done = _summarize_stdin(stdin, "-f", "json", "--max-article-bytes", "2000")
    data = json.loads(done.stdout)
    assert [a["id"] for a in data["articles"]] == ["a", "b"]
    assert [e["path"] for e in data["errors"]] == ["-:2"]


def test_a_huge_limit_allocates_nothing_up_front(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    corpus = ingest([str(tmp_path / "a.txt")], max_article_bytes=10**15)  # read(n) would allocate n bytes
    assert [a.body for a in corpus.articles] == [ARTICLE]
