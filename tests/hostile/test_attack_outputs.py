"""Article text that looks like markup, in every output: the terminal (rich markup, escape sequences,
bidi overrides), Markdown, HTML, JSON, and the web app's pages, API and Atom feed."""

from __future__ import annotations

import importlib.util
import io
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from akhbar.cli import app, register_optional_commands

register_optional_commands(["akhbar", "stories"])
runner = CliRunner()
AR = "قال وزير الخارجية إن المفاوضات بين الطرفين ستستأنف في جنيف الأسبوع المقبل بمشاركة الأمم المتحدة."
HOSTILE = (f"<script>alert(1)</script> [bold red]أحمر[/] [link=file:///etc/passwd]رابط[/link] {{{{ 7*7 }}}} "
           f"{{% for x in y %}} \u202eمقلوب\u202c \u200bصفر\u200d \x1b[31mلون\x1b[0m {AR}")
TITLE = "<img src=x onerror=alert(1)> [blink]عنوان[/blink] {{ config }}"


def _batch(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    records = [{"id": "plain", "text": f"{AR} وأضاف أن الجولة المقبلة ستبحث وقف إطلاق النار.", "source": "منفذ أ"},
               {"id": "[bold]x[/bold]<b>", "text": HOSTILE, "title": TITLE, "source": "[red]منفذ[/red] <i>ب</i>",
                "url": "javascript:alert(1)"}]
    (folder / "batch.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                                        encoding="utf-8")
    return folder / "batch.jsonl"


def _summarize(path: Path, fmt: str, command: str = "summarize") -> str:
    result = runner.invoke(app, [command, str(path), "-f", fmt, "-q", "--no-facts"])
    assert result.exit_code in (0, 4), result.output
    assert "Traceback" not in result.output
    return result.stdout


def test_the_terminal_shows_rich_markup_as_text(tmp_path: Path) -> None:
    from rich.console import Console

    from akhbar.ingest import ingest
    from akhbar.pipeline import run
    from akhbar.report import render_terminal

    report = run(ingest([str(_batch(tmp_path))]).articles, with_facts=False)
    console = Console(record=True, width=200, force_terminal=True, color_system="truecolor", file=io.StringIO())
    render_terminal(report, console)
    shown = console.export_text()
    assert "[bold red]أحمر[/]" in shown and "[link=file:///etc/passwd]" in shown and "[red]منفذ[/red]" in shown
    styled = console.export_html(inline_styles=True)
    assert "file:///etc/passwd" not in re.findall(r'href="([^"]*)"', styled)
    assert "\x1b[31m" not in shown and "\u202e" not in shown and "<U+202E>" in shown


def test_text_format_output_has_no_escape_sequences(tmp_path: Path) -> None:
    out = _summarize(_batch(tmp_path), "text")
    assert "\x1b" not in out and "\u202e" not in out and "[bold red]أحمر[/]" in out


def test_markdown_and_html_escape_article_text(tmp_path: Path) -> None:
    path = _batch(tmp_path)
    markdown = _summarize(path, "md")
    assert "<script>" not in markdown and "<img" not in markdown and "](javascript:" not in markdown
    html = _summarize(path, "html")
    assert "<script>alert" not in html and "<img src=x" not in html and 'href="javascript:' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "{{ 7*7 }}" in html  # shown, not evaluated


def test_json_keeps_the_text_as_data(tmp_path: Path) -> None:
    data = json.loads(_summarize(_batch(tmp_path), "json"))
    hostile = next(a for a in data["articles"] if a["id"] == "[bold]x[/bold]<b>")
    assert hostile["title"] == TITLE
    assert "\x1b" not in json.dumps(data)  # the escape sequence was removed at the door


def test_stories_outputs_escape_article_text(tmp_path: Path) -> None:
    path = _batch(tmp_path)
    assert "<script>alert" not in _summarize(path, "html", "stories")
    assert "<img" not in _summarize(path, "md", "stories")
    text = _summarize(path, "text", "stories")
    assert "\x1b" not in text and "\u202e" not in text


@pytest.mark.skipif(importlib.util.find_spec("fastapi") is None, reason="the serve extra is not installed")
def test_the_web_pages_api_and_atom_escape_a_hostile_store(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from akhbar.serve.app import create_app

    batch = _batch(tmp_path / "in")
    nested = tmp_path / "in" / "a"
    nested.mkdir()
    (nested / "same.txt").write_text(AR + " وقال مسؤول إن الاجتماع تأجل.", encoding="utf-8")
    (tmp_path / "in" / "same.txt").write_text("تظاهر آلاف في العاصمة ضد غلاء الأسعار. وقالت الشرطة إنها تراقب.",
                                              encoding="utf-8")  # a shared stem: ids "a/same" and "same"
    db = tmp_path / "news.db"
    result = runner.invoke(app, ["stories", str(batch.parent), "--db", str(db), "-q", "--no-facts", "-f", "json"])
    assert result.exit_code in (0, 4), result.output
    with TestClient(create_app(jobs_dir=tmp_path / "jobs", db=db)) as client:
        listing = client.get("/stories")
        assert listing.status_code == 200
        links = re.findall(r'href="(/stories/[^"]+)"', listing.text)
        assert links and all(".." not in link and "/" not in link[len("/stories/"):] for link in links)
        for link in links:
            page = client.get(link, follow_redirects=True)
            assert page.status_code == 200, link
            assert "<script>alert" not in page.text and "<img src=x" not in page.text
        stories = client.get("/api/stories").json()["stories"]
        assert any("/" in story["id"] for story in stories)  # an id made from a path still opens
        for story in stories:
            assert client.get(story["url"]).status_code in (200, 303)
        atom = client.get("/stories.atom")
        assert atom.status_code == 200 and "<script>" not in atom.text and "<img" not in atom.text
        deep = client.post("/api/summarize", content=b'{"articles": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
                           headers={"content-type": "application/json"})
        assert deep.status_code == 422 and deep.json()["code"] == "invalid_json"
        form = client.post("/summarize", data={"text": HOSTILE})
        assert form.status_code == 200 and "<script>alert" not in form.text
