"""Attacks on structure: JSONL lines of the wrong shape and fields of the wrong type, hostile ids,
HTML nested 100,000 deep or holding only scripts, a lying ``<meta charset>``, a text of only a menu."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from akhbar.cli import app
from akhbar.ingest import ingest

AR = "قال وزير الخارجية إن المفاوضات بين الطرفين ستستأنف في جنيف الأسبوع المقبل بمشاركة الأمم المتحدة. "
runner = CliRunner()


def _jsonl(path: Path, *records: object) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records),
                    encoding="utf-8")
    return path


def _by_line(errors: tuple) -> dict[str, tuple[str, str]]:
    return {e.path.rsplit(":", 1)[-1]: (e.action, e.problem) for e in errors}


def test_every_wrong_shape_of_line_is_named_and_the_good_lines_kept(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "shapes.jsonl",
                  {"id": "good1", "text": AR},
                  [AR], '"just a string"', "null", 42,
                  {"id": "list", "text": [AR]}, {"id": "number", "text": 7}, {"id": "object", "text": {"a": AR}},
                  {"text": AR}, {"id": None, "text": AR}, {"id": True, "text": AR}, {"id": "  ", "text": AR},
                  {"id": "x" * 1001, "text": AR},
                  {"id": "good2", "text": AR})
    corpus = ingest([str(path)])
    assert [a.id for a in corpus.articles] == ["good1", "good2"]
    problems = _by_line(corpus.errors)
    assert sorted(problems, key=int) == [str(n) for n in range(2, 14)]
    assert all(action == "skipped" for action, _ in problems.values())
    assert "JSON object" in problems["2"][1] and "'text' must be a string" in problems["6"][1]
    assert "'id' must be a string or an integer" in problems["12"][1]
    assert "over 1000 characters" in problems["13"][1]


def test_hostile_ids_are_kept_safe(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "ids.jsonl",
                  {"id": "../../etc/passwd", "text": AR}, {"id": "a/b\\c", "text": AR},
                  {"id": "line\nbreak\r\ttab", "text": AR}, {"id": 12345678901234567890, "text": AR},
                  {"id": "dup", "text": AR}, {"id": "dup", "text": AR})
    corpus = ingest([str(path)])
    ids = [a.id for a in corpus.articles]
    assert ids == ["../../etc/passwd", "a/b\\c", "line break tab", "12345678901234567890", "dup", "dup#2"]
    problems = _by_line(corpus.errors)
    assert problems["3"] == ("repaired", "'id' held line breaks: replaced by spaces")
    assert problems["6"][0] == "repaired" and "renamed 'dup#2'" in problems["6"][1]


def test_garbage_dates_and_fields_of_the_wrong_type_keep_the_article(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "dates.jsonl",
                  {"id": "garbage", "text": AR, "date": "not a date 99/99/9999"},
                  {"id": "digits", "text": AR, "date": "9" * 500},
                  {"id": "negative", "text": AR, "date": "-0001-01-01"},
                  {"id": "number", "text": AR, "date": 1e300, "title": ["x"], "source": {"a": 1}, "url": 5})
    corpus = ingest([str(path)])
    assert [(a.id, a.date, a.title, a.source, a.url) for a in corpus.articles] == [
        ("garbage", None, None, None, None), ("digits", None, None, None, None),
        ("negative", None, None, None, None), ("number", None, None, None, None)]
    assert _by_line(corpus.errors) == {"4": ("repaired", "'title', 'source', 'date', 'url' not a string: dropped")}


def test_html_nested_a_hundred_thousand_deep_is_named(tmp_path: Path) -> None:
    deep = tmp_path / "deep.html"
    deep.write_text("<html><body>" + "<div>" * 100_000 + AR + "</div>" * 100_000 + "</body></html>", encoding="utf-8")
    unclosed = tmp_path / "unclosed.html"
    unclosed.write_text(f"<html><body><p>{AR}</p>" + "<b>" * 100_000 + "نص</body></html>", encoding="utf-8")
    result = runner.invoke(app, ["summarize", str(deep), str(unclosed), "--max-article-bytes", "2000000", "-q",
                                 "--no-facts", "-f", "json"])
    assert result.exit_code == 4, result.output
    data = json.loads(result.stdout)
    assert [a["id"] for a in data["articles"]] == ["unclosed"]
    assert [(Path(e["path"]).name, e["action"]) for e in data["errors"]] == [("deep.html", "skipped")]
    assert "deep.html: no main text found in the HTML page" in " ".join(result.stderr.split())


def test_html_of_only_scripts_and_styles_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "scripts.html"
    path.write_text("<html><head><style>p{color:red}</style><script>var a = 'قال الوزير';</script></head>"
                    "<body><script>document.write('نص')</script><noscript></noscript></body></html>", encoding="utf-8")
    corpus = ingest([str(path)])
    assert corpus.articles == ()
    assert [e.problem for e in corpus.errors] == ["no main text found in the HTML page"]


def test_a_lying_meta_charset_does_not_garble_utf8(tmp_path: Path) -> None:
    path = tmp_path / "lying.html"
    path.write_bytes(f'<html><head><meta charset="iso-8859-1"><title>عنوان</title></head><body><article>'
                     f"<p>{AR * 3}</p></article></body></html>".encode())
    corpus = ingest([str(path)])
    assert corpus.errors == () and "المفاوضات" in corpus.articles[0].body


def test_a_text_of_only_menu_lines_is_skipped(tmp_path: Path) -> None:
    menu = tmp_path / "menu.txt"
    menu.write_text("الرئيسية\nأخبار\nرياضة\nاقتصاد\nاتصل بنا\nمن نحن\nسياسة الخصوصية\n", encoding="utf-8")
    headline = tmp_path / "short.txt"  # a short article with a sentence is no menu
    headline.write_text("عاجل\nانفجار في المرفأ\nقتل عشرة أشخاص في انفجار.\n", encoding="utf-8")
    corpus = ingest([str(menu), str(headline)])
    assert [a.id for a in corpus.articles] == ["short"]
    assert [(Path(e.path).name, e.problem) for e in corpus.errors] == [
        ("menu.txt", "no article text: only short lines with no sentence (a site's menu or links)")]


def test_the_new_problems_are_said_in_arabic_on_the_web_page() -> None:
    from akhbar.serve.messages import problem_ar, problem_code

    said = {
        "no article: the file is empty (or holds only blank lines)": "empty_file",
        "cannot read further: the file inflates to over 200 times its compressed size (a compression bomb?); "
        "lines after this skipped": "zip_bomb",
        "cannot read further: Compressed file ended before the end-of-stream marker was reached; "
        "lines after this skipped": "truncated",
        "'id' held line breaks: replaced by spaces": "repaired_id",
        "no article text: only short lines with no sentence (a site's menu or links)": "empty_article",
    }
    for problem, code in said.items():
        assert problem_code(problem) == code
        assert "تعذّرت القراءة" not in problem_ar(problem), problem  # the lead of an unknown problem


def test_hostile_file_names_give_safe_ids(tmp_path: Path) -> None:
    names = {"evil\n[bold]x\x1b[31m.txt": "evil [bold]x[31m", "\u202eevil.txt": "\u202eevil"}
    for name in names:
        (tmp_path / name).write_text(AR, encoding="utf-8")
    (tmp_path / "x.txt").write_text(AR, encoding="utf-8")
    raw = bytes(tmp_path) + b"/bad\xff\xfename.txt"
    with open(raw, "w", encoding="utf-8") as out:  # noqa: PTH123 - a name that is not UTF-8
        out.write(AR)
    corpus = ingest([str(tmp_path)])
    ids = sorted(a.id for a in corpus.articles)
    assert ids == sorted([*names.values(), "x", "bad\ufffd\ufffdname"])
    for identifier in ids:
        identifier.encode("utf-8")
    result = runner.invoke(app, ["summarize", str(tmp_path), "-q", "--no-facts"])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout


def test_long_runs_of_punctuation_are_split_in_linear_time() -> None:
    """50,000 dots ending in an Arabic comma once took a scan per dot (quadratic: 80 s for one article)."""
    import time

    from akhbar.text.segment import sentence_spans

    for text in ("." * 50_000 + "؟!،" * 10_000, "«" + "." * 50_000 + "،", 'قال: "' + "." * 50_000 + "x"):
        started = time.perf_counter()
        spans = sentence_spans(text)
        assert time.perf_counter() - started < 2
        assert all(end - start <= 1_000 for start, end in spans)


def test_an_entity_bomb_in_an_html_page_is_not_expanded(tmp_path: Path) -> None:
    entities = '<!ENTITY a "هههههههههه">' + "".join(
        f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(9))
    path = tmp_path / "laughs.html"
    path.write_text(f'<?xml version="1.0"?><!DOCTYPE html [{entities}]><html><body><article><p>&j; {AR}</p>'
                    "</article></body></html>", encoding="utf-8")
    corpus = ingest([str(path)])
    assert len(corpus.articles) == 1 and len(corpus.articles[0].body) < 10_000
