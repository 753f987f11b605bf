"""Every label a reader sees in the reports is Arabic: the seeds' HTML and terminal reports (and the
stories views) hold Latin letters only inside article text, urls, ids and codes."""

from __future__ import annotations

import html
import io
import re
from dataclasses import replace
from html.parser import HTMLParser

import pytest
from rich.console import Console

from akhbar.config import load_config
from akhbar.pipeline import run
from akhbar.records import Article, BadInput, Report
from akhbar.report import render_html, render_markdown, render_terminal
from akhbar.report.arabic import ARTICLE, FILE, STORY, basis_ar, count, date_span, note_ar, show_date
from akhbar.stories.build import group_stories, story_reports
from akhbar.stories.render import stories_html, stories_text

LATIN = re.compile(r"[A-Za-z][A-Za-z0-9_.:/\-]*")


@pytest.mark.parametrize(
    ("n", "noun", "said"),
    [
        (0, ARTICLE, "0 مقالات"),
        (1, ARTICLE, "مقال واحد"),
        (2, ARTICLE, "مقالان"),
        (3, ARTICLE, "3 مقالات"),
        (10, ARTICLE, "10 مقالات"),
        (11, ARTICLE, "11 مقالًا"),
        (99, ARTICLE, "99 مقالًا"),
        (100, ARTICLE, "100 مقال"),
        (101, ARTICLE, "101 مقال"),
        (102, ARTICLE, "102 مقال"),
        (103, ARTICLE, "103 مقالات"),
        (111, ARTICLE, "111 مقالًا"),
        (200, ARTICLE, "200 مقال"),
        (1000, ARTICLE, "1000 مقال"),
        (1, STORY, "قصة واحدة"),
        (2, STORY, "قصتان"),
        (5, STORY, "5 قصص"),
        (12, FILE, "12 ملفًا"),
    ],
)
def test_count_follows_arabic_number_agreement(n: int, noun, said: str) -> None:
    assert count(n, noun) == said


def test_one_date_format_and_a_right_to_left_span() -> None:
    assert show_date("2016-12-04T10:00:00+02:00") == "2016-12-04"
    assert show_date(None) == "بلا تاريخ"
    assert date_span("2016-12-04", "2016-12-06") == "2016-12-04 ← 2016-12-06"
    assert date_span("2016-12-04", "2016-12-04") == "2016-12-04"


@pytest.mark.parametrize(
    ("basis", "said"),
    [
        ("metadata", "بيانات المقال"),
        ("text: الأحد 2016/12/04", "النص: الأحد 2016/12/04"),
        ("اليوم الاثنين, on or after 2016-12-04 (a1)", "اليوم الاثنين، في 2016-12-04 أو بعده (الجزيرة)"),
        ("الأحد (lead), on or after 2016-12-04 (a1)", "الأحد (في مقدمة المقال)، في 2016-12-04 أو بعده (الجزيرة)"),
        ("same relative report as a1: قبل يومين", "الخبر النسبي نفسه في الجزيرة: قبل يومين"),
        ("no date in metadata or text", "لا تاريخ في بيانات المقال ولا في نصه"),
    ],
)
def test_date_basis_in_arabic(basis: str, said: str) -> None:
    assert basis_ar(basis, {"a1": "الجزيرة"}.get) == said


@pytest.mark.parametrize(
    ("note", "said"),
    [
        ("killed (شخص): 53 on 2016-12-04 -> 60 on 2016-12-05", "قتلى (شخص): 53 في 2016-12-04 ← 60 في 2016-12-05"),
        ("killed (): 53 vs 50", "قتلى: 53 مقابل 50"),
        ("percent (percent): 20 vs 30 (same date 2016-12-04)", "نسبة (بالمئة): 20 مقابل 30 (في اليوم نفسه 2016-12-04)"),
        ("killed (شخص): a later report gives a smaller count (50 < 53)",
         "قتلى (شخص): تقرير لاحق يعطي عددًا أصغر (50 بدل 53)"),
        ("نفى: denied in a1, stated in a2", "نفى: نفاه الجزيرة، وأكده a2"),
    ],
)
def test_contradiction_notes_in_arabic(note: str, said: str) -> None:
    names = {"a1": "الجزيرة"}
    assert note_ar(note, lambda a: names.get(a, a), {"killed": "قتلى", "percent": "نسبة"}) == said


class _Text(HTMLParser):
    """The text a reader sees: text nodes outside <code>, <style> and <script>, and title attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"code", "style", "script"}:
            self.skip += 1
        self.parts += [value or "" for name, value in attrs if name == "title"]

    def handle_endtag(self, tag: str) -> None:
        if tag in {"code", "style", "script"}:
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def _allowed(report: Report, *extra: str) -> str:
    """Where Latin letters may come from: article text, ids, urls, paths and error codes."""
    texts = [*extra]
    for article in report.articles:
        texts += [article.id, article.body, article.title or "", article.url or "", article.path or "",
                  article.source or "", *(line.text for line in article.removed)]
    texts += [f"{e.path} {e.problem}" for e in report.errors]
    return "\n".join(texts)


def _latin_labels(text: str, allowed: str) -> set[str]:
    return {word for word in LATIN.findall(text) if word.strip(".:-/") not in allowed}


@pytest.fixture(scope="module")
def full_report(seed_articles: tuple[Article, ...]) -> Report:
    """The seeds with facts, one article known by its url only, and a repaired and a skipped input."""
    articles = (*seed_articles[:4], replace(seed_articles[4], url="https://www.bbc.com/arabic/x"))
    errors = (BadInput("broken.jsonl:3", "not JSON", "skipped"), BadInput("a.txt", "NUL removed", "repaired"))
    return replace(run(articles), errors=errors)


def test_html_report_labels_are_arabic(full_report: Report) -> None:
    page = _Text()
    page.feed(render_html(full_report))
    assert _latin_labels("\n".join(page.parts), _allowed(full_report)) == set()


def test_terminal_report_labels_are_arabic(full_report: Report) -> None:
    out = io.StringIO()
    render_terminal(full_report, Console(file=out, width=400, color_system=None))
    assert _latin_labels(out.getvalue(), _allowed(full_report)) == set()


def test_markdown_report_labels_are_arabic(full_report: Report) -> None:
    text = html.unescape(render_markdown(full_report).replace("\\", ""))  # entities and escapes of the text
    assert _latin_labels(text, _allowed(full_report)) == set()


def test_story_views_labels_are_arabic(seed_articles: tuple[Article, ...]) -> None:
    config = load_config()
    grouped = group_stories(seed_articles, config=config)
    entries = list(story_reports(grouped, config=config, with_facts=False))
    reports = [report for _, report in entries if report is not None]
    allowed = "\n".join([_allowed(r) for r in reports] + [s.id for s, _ in entries])
    page = _Text()
    page.feed("".join(stories_html([s for s, _ in entries], entries, ())))
    assert _latin_labels("\n".join(page.parts), allowed) == set()
    assert _latin_labels("".join(stories_text(entries, ())), allowed) == set()
