from __future__ import annotations

import json
from pathlib import Path

from akhbar.ingest import ingest
from akhbar.ingest.readers import decode

ARTICLE = "قال وزير الخارجية إن المحادثات ستبدأ غدا في جنيف. وأضاف أن الهدنة ممكنة."


def test_utf8_with_bom_and_windows_1256(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("\ufeff".encode() + ARTICLE.encode("utf-8"))
    (tmp_path / "b.txt").write_bytes(ARTICLE.encode("cp1256"))
    corpus = ingest([str(tmp_path)])
    assert [a.id for a in corpus.articles] == ["a", "b"]
    assert {a.body for a in corpus.articles} == {ARTICLE}
    assert decode(ARTICLE.encode("cp1256")) == ARTICLE


def test_jsonl_with_metadata_and_a_bad_line(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "x1", "text": ARTICLE, "title": "عنوان", "source": "وكالة", "date": "2016-12-05"},
                   ensure_ascii=False),
        "{not json",
        json.dumps({"id": "x2"}),
        json.dumps({"id": 7, "text": ARTICLE}, ensure_ascii=False),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    corpus = ingest([str(path)])
    assert [a.id for a in corpus.articles] == ["x1", "7"]
    first = corpus.articles[0]
    assert (first.title, first.source, first.date) == ("عنوان", "وكالة", "2016-12-05")
    assert [(e.path, e.problem.split(":")[0]) for e in corpus.errors] == [
        (f"{path}:2", "invalid JSON"), (f"{path}:3", "'text' must be a string")]


def test_html_main_text(tmp_path: Path) -> None:
    paragraphs = "".join(f"<p>{ARTICLE} فقرة رقم {i} من نص المقال الطويل بما يكفي.</p>" for i in range(6))
    html = (f"<html><head><title>عنوان الصفحة</title></head><body><nav>الرئيسية | أخبار</nav>"
            f"<article><h1>عنوان المقال</h1>{paragraphs}</article><footer>حقوق النشر</footer></body></html>")
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    corpus = ingest([str(tmp_path / "page.html")])
    assert not corpus.errors
    body = corpus.articles[0].body
    assert "فقرة رقم 5" in body
    assert "الرئيسية" not in body


def test_one_bad_input_does_not_stop_the_batch(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    corpus = ingest([str(tmp_path), str(tmp_path / "missing.txt"), str(tmp_path / "notes.pdf")])
    assert [a.id for a in corpus.articles] == ["good"]
    problems = {Path(e.path).name: e.problem for e in corpus.errors}
    assert "no article text" in problems["empty.txt"]
    assert problems["binary.txt"].startswith("not text")
    assert problems["missing.txt"] == "no such file or folder"
    assert "unsupported file type .pdf" in problems["notes.pdf"]


def test_same_stem_in_two_folders_gets_distinct_ids(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(ARTICLE, encoding="utf-8")
    ids = [a.id for a in ingest([str(tmp_path)]).articles]
    assert len(set(ids)) == 2


def test_utf16_and_a_damaged_utf8_byte(tmp_path: Path) -> None:
    (tmp_path / "u16.txt").write_bytes(ARTICLE.encode("utf-16"))
    (tmp_path / "damaged.txt").write_bytes(ARTICLE.encode("utf-8") + b"\xff" + ARTICLE.encode("utf-8"))
    corpus = ingest([str(tmp_path)])
    bodies = {a.id: a.body for a in corpus.articles}
    assert bodies["u16"] == ARTICLE
    assert bodies["damaged"].startswith(ARTICLE)  # not garbled as Windows-1256


def test_jsonl_strings_may_hold_unicode_line_separators(tmp_path: Path) -> None:
    record = {"id": "x", "text": ARTICLE + "\u2028" + ARTICLE}
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    corpus = ingest([str(path)])
    assert not corpus.errors and [a.id for a in corpus.articles] == ["x"]


def test_jsonl_field_types_are_checked(tmp_path: Path) -> None:
    lines = [{"id": True, "text": ARTICLE}, {"id": "a", "text": ARTICLE, "title": ["t"]}, {"id": "", "text": "x"}]
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    corpus = ingest([str(path)])
    assert [(e.problem, e.action) for e in corpus.errors] == [
        ("'id' must be a string or an integer", "skipped"), ("'title' not a string: dropped", "repaired"),
        ("'id' must be a string or an integer", "skipped")]
    assert [(a.id, a.title) for a in corpus.articles] == [("a", None)]


def test_a_non_string_title_date_or_source_is_dropped_and_the_article_kept(tmp_path: Path) -> None:
    record = {"id": "a", "text": ARTICLE, "title": 7, "date": {"y": 2016}, "source": ["BBC"], "url": "https://x.org/a"}
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    corpus = ingest([str(path)])
    assert [(e.path, e.problem, e.action) for e in corpus.errors] == [
        (f"{path}:1", "'title', 'source', 'date' not a string: dropped", "repaired")]
    [article] = corpus.articles
    assert (article.title, article.source, article.url) == (None, None, "https://x.org/a")
    assert article.body.startswith(ARTICLE[:20])


def test_jsonl_date_is_read_from_a_feed_s_own_field_name(tmp_path: Path) -> None:
    records = [
        {"id": "ant", "text": ARTICLE, "time": "Sun, 18 Feb 2018 21:35:43 +0400"},  # ANT
        {"id": "rss", "text": ARTICLE, "pubDate": "Tue, 27 Feb 2018 05:48:34 +0400"},
        {"id": "both", "text": ARTICLE, "date": "2016-12-05", "time": "Sun, 18 Feb 2018 21:35:43 +0400"},
        {"id": "none", "text": ARTICLE, "time": ""},
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    dates = {a.id: a.date for a in ingest([str(path)]).articles}
    assert dates == {"ant": "2018-02-18", "rss": "2018-02-27", "both": "2016-12-05", "none": None}
