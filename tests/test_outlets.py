"""Outlet names: the given source, else the url's domain, else the id (a file's name); shown in every report."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from akhbar.outlets import outlet_labels, outlet_name, parse_outlet_names, url_domain
from akhbar.pipeline import run
from akhbar.records import Article
from akhbar.report import render_html, render_json, render_markdown, render_terminal


@pytest.mark.parametrize(
    ("article", "name"),
    [
        (Article("000_d06447", "نص", source="الجزيرة", url="https://www.aljazeera.net/x"), "الجزيرة"),
        (Article("000_d06447", "نص", source="  سكاي   نيوز "), "سكاي نيوز"),
        (Article("000_d06447", "نص", source="", url="https://www.bbc.com/arabic/1"), "bbc.com"),
        (Article("000_d06447", "نص", url="arabic.cnn.com/middle-east/a"), "arabic.cnn.com"),
        (Article("000_d06447", "نص", url="not a url"), "000_d06447"),
        (Article("000_d06447", "نص", url="http://[::1"), "000_d06447"),
        (Article("000_d06447", "نص"), "000_d06447"),
    ],
)
def test_outlet_name_prefers_the_given_name_then_the_domain(article: Article, name: str) -> None:
    assert outlet_name(article) == name


def test_labels_number_several_articles_of_one_outlet() -> None:
    articles = [Article("a", "x", source="BBC"), Article("b", "x", source="CNN"), Article("c", "x", source="BBC")]
    assert outlet_labels(articles) == {"a": "BBC (1)", "b": "CNN", "c": "BBC (2)"}


@given(st.text(max_size=40))
def test_url_domain_never_raises(url: str) -> None:
    domain = url_domain(url)
    assert domain is None or ("." in domain and not domain.startswith("www."))


@given(st.lists(st.sampled_from(["BBC", "CNN", "", None]), min_size=1, max_size=8))
def test_labels_are_unique_per_article(sources: list[str | None]) -> None:
    articles = [Article(f"id{n}", "x", source=s) for n, s in enumerate(sources)]
    labels = outlet_labels(articles)
    assert len(set(labels.values())) == len(articles)


def _two_outlets() -> list[Article]:
    text = "قال المسؤول إن القوات تقدمت في المدينة الليلة الماضية بشكل كبير. وأضاف أن الهجوم مستمر على الأحياء."
    return [Article("000_d06447b2", text, source="الجزيرة"), Article("001_120c354", text, url="https://www.bbc.com/a")]


def test_every_report_cites_outlets_by_name() -> None:
    report = run(_two_outlets(), with_facts=True)
    assert report.summary
    html = render_html(report)
    markdown = render_markdown(report)
    console = Console(record=True, width=200, file=io.StringIO())
    render_terminal(report, console)
    terminal = console.export_text()
    for text in (html, markdown, terminal):
        assert "الجزيرة" in text and "bbc.com" in text
    summary = html[html.index('<section class="summary">'): html.index("</section>")]
    assert "000_d06447b2" not in summary.replace('href="#s-000_d06447b2', "")
    data = json.loads(render_json(report))
    assert [a["outlet"] for a in data["articles"]] == ["الجزيرة", "bbc.com"]
    assert set(data["summary"][0]["sources"]) <= {"000_d06447b2", "001_120c354"}  # citations keep the ids


def test_story_reports_cite_outlets_by_name() -> None:
    from akhbar.stories.records import Story
    from akhbar.stories.render import stories_markdown, stories_text

    report = run(_two_outlets(), with_facts=False)
    story = Story("s1", ("000_d06447b2", "001_120c354"), ("الجزيرة",), "2018-01-01", "2018-01-01", "عنوان")
    for render in (stories_text, stories_markdown):
        text = "".join(render([(story, report)], ()))
        assert "الجزيرة" in text and "bbc.com" in text


def test_parse_outlet_names() -> None:
    assert parse_outlet_names(["a=الجزيرة", " b = سكاي  نيوز "]) == {"a": "الجزيرة", "b": "سكاي نيوز"}
    for bad in ("a", "=x", "a="):
        with pytest.raises(ValueError, match="ID=NAME"):
            parse_outlet_names([bad])


def test_summarize_takes_outlet_names_from_the_user(seed_dir) -> None:
    first, second = sorted(p.stem for p in seed_dir.glob("*.txt"))[:2]
    result = subprocess.run(
        [sys.executable, "-m", "akhbar", "summarize", "--no-facts", "--format", "json",
         "--outlet", f"{first}=الجزيرة", "--outlet", f"{second}=فرانس 24", "--outlet", "nope=x"],
        capture_output=True, text=True, check=True,
    )
    outlets = {a["id"]: a["outlet"] for a in json.loads(result.stdout)["articles"]}
    assert outlets[first] == "الجزيرة" and outlets[second] == "فرانس 24"
    assert "--outlet nope: no article has this id" in result.stderr
    bad = subprocess.run([sys.executable, "-m", "akhbar", "summarize", "--outlet", "x"], capture_output=True,
                         text=True, check=False)
    assert bad.returncode == 2 and "ID=NAME" in bad.stderr
