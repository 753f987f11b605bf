from __future__ import annotations

import io
import json
from html.parser import HTMLParser

from rich.console import Console

from akhbar.pipeline import run
from akhbar.records import Article
from akhbar.report import render_html, render_json, render_markdown, render_terminal

HOSTILE = '<script>alert("x")</script> قال المسؤول إن القوات تقدمت في المدينة <img src=x onerror=y>. وأضاف أن الهجوم مستمر.'


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.root: dict[str, str | None] = {}

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append(tag)
        if tag == "html":
            self.root = dict(attrs)


def test_json_contract(seed_report) -> None:
    data = json.loads(render_json(seed_report))
    assert {"articles", "summary", "groups"} <= set(data)
    for article in data["articles"]:
        assert {"id", "title", "date", "source", "removed"} <= set(article)
        assert all(isinstance(line, str) for line in article["removed"])
    dated = {a["id"][:3]: a["date"] for a in data["articles"]}
    assert dated["003"] == "2016-12-04"
    for item in data["summary"]:
        assert item["text"] and item["sources"]
    for group in data["groups"]:
        assert len(group["sources"]) >= 2
        assert group["kind"] in {"verbatim", "near", "paraphrase"}
        assert all({"article", "index", "text"} <= set(s) for s in group["sentences"])
    assert data["normalization"]["profile"] == "match"


def test_html_is_rtl_self_contained_and_escaped() -> None:
    articles = [Article("evil<1>", HOSTILE, title="<b>عنوان</b>"), Article("b", HOSTILE.replace("script", "style"))]
    html = render_html(run(articles, with_facts=False))
    parser = _Collector()
    parser.feed(html)
    assert parser.root == {"dir": "rtl", "lang": "ar"}
    assert "script" not in parser.tags and "img" not in parser.tags
    assert "&lt;script&gt;" in html
    assert "<link" not in html and "src=\"http" not in html  # self-contained


def test_html_links_summary_to_sentences(seed_report) -> None:
    html = render_html(seed_report)
    first = seed_report.summary[0]
    assert f'id="s-{first.sentence.article}-{first.sentence.index}"' in html
    # the summary itself links each citation to a sentence of the cited article
    summary = html[html.index('<section class="summary">') : html.index("</section>")]
    assert f'href="#s-{first.sources[0]}-' in summary
    assert 'class="s shared g0"' in html  # shared passages are highlighted


def test_markdown_escapes_markup() -> None:
    text = render_markdown(run([Article("a", "قال *المسؤول* إن [الرابط](http://x) لا يعمل في المدينة اليوم.")],
                               with_facts=False))
    assert "\\*المسؤول\\*" in text and "\\[الرابط\\]" in text


def test_terminal_output_prints_summary_and_sources(seed_report) -> None:
    console = Console(record=True, width=100, file=open("/dev/null", "w"))  # noqa: SIM115, PTH123
    render_terminal(seed_report, console)
    text = console.export_text()
    assert "الملخص" in text
    assert f"← {seed_report.summary[0].sources[0]}" in text


def test_terminal_prints_article_text_that_looks_like_markup() -> None:
    text = "قال المسؤول [/b] إن القوات [bold red]تقدمت[/bold red] في المدينة الليلة الماضية بشكل كبير."
    report = run([Article("a", text), Article("b", text)])
    console = Console(record=True, width=200, file=io.StringIO())
    render_terminal(report, console)
    out = console.export_text()
    assert "[/b]" in out and "[bold red]" in out
