"""Rendering of facts: JSON keys, Markdown, escaped right-to-left HTML with sentence links, rich."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest
from rich.console import Console
from rich.table import Table

from akhbar.facts import Facts, extract_facts
from akhbar.facts.records import Figure, Quote
from akhbar.records import Article, Sentence
from akhbar.report.facts_json import facts_to_json
from akhbar.report.facts_view import CATEGORY_AR, facts_to_html, facts_to_markdown, facts_to_rich
from akhbar.resources import resource_table


@pytest.fixture(scope="module")
def seed_facts(seeds: tuple[list[Article], list[Sentence]]) -> Facts:
    articles, sentences = seeds
    return extract_facts(articles, sentences)


def _hostile() -> Facts:
    s = Sentence("a<b>", 3, 0, 40, 'قال "x" <script>alert(1)</script> & 5 قتلى')
    quote = Quote("<b>متحدث</b>", "دور & صفة", "قال", "<script>alert(1)</script>", True, ("a<b>",), (s,))
    figure = Figure(5, False, "قتيل", "killed", "5 <i>قتلى</i>", None, ("a<b>",), s)
    return Facts(quotes=(quote,), figures=(figure,))


def test_html_escapes_every_text_and_links_sentences() -> None:
    html = facts_to_html(_hostile())
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    assert "&lt;script&gt;" in html and "دور &amp; صفة" in html
    assert 'href="#s-a&lt;b&gt;-3"' in html
    assert 'dir="rtl"' in html


def test_json_shapes(seed_facts: Facts) -> None:
    data = facts_to_json(seed_facts)
    json.dumps(data, ensure_ascii=False)
    assert set(data) == {"quotes", "numbers", "entities", "timeline", "contradictions", "framing"}
    quote = data["quotes"][0]
    assert {"speaker", "role", "verb", "text", "direct", "sources", "sentences"} <= set(quote)
    number = data["numbers"][0]
    assert {"value", "unit", "category", "approximate", "text", "when", "sources"} <= set(number)
    assert data["entities"]["available"] is True  # the NER model ships in the package
    assert {"articles", "events"} == set(data["timeline"])
    assert {"terms", "distinctive"} == set(data["framing"])


def test_seed_html_rows_link_to_existing_sentences(
    seeds: tuple[list[Article], list[Sentence]], seed_facts: Facts
) -> None:
    _, sentences = seeds
    ids = {f"s-{s.article}-{s.index}" for s in sentences}
    html = facts_to_html(seed_facts)
    links = re.findall(r'href="#([^"]+)"', html)
    assert links and set(links) <= ids
    assert html.count("<table") >= 6


def test_markdown_and_rich(seed_facts: Facts) -> None:
    md = facts_to_markdown(seed_facts)
    assert "### الاقتباسات" in md and "زكريا ملاحفجي" in md and "000#2, 003#" in md
    tables = facts_to_rich(seed_facts)
    assert tables and all(isinstance(t, Table) for t in tables)
    console = Console(width=200, record=True)
    for t in tables:
        console.print(t)
    assert "سيرغي لافروف" in console.export_text()


def test_markdown_escapes_pipes() -> None:
    facts = Facts(quotes=(Quote("a|b", None, "قال", "x | y", False, ("a",), ()),))
    row = next(line for line in facts_to_markdown(facts).splitlines() if line.startswith("| a"))
    assert "a\\|b" in row and "x \\| y" in row


def test_empty_facts_render() -> None:
    facts = extract_facts([], [])
    assert "نموذج التعرف على الكيانات غير متاح" in facts_to_html(replace(facts, ner_available=False))
    assert facts_to_json(facts)["quotes"] == []
    assert "لم يُعثر على تناقضات" in facts_to_markdown(facts)
    assert len(facts_to_rich(facts)) == 8


def test_every_figure_category_has_an_arabic_label() -> None:
    cue_categories = {row[0] for row in resource_table("figure_cues.tsv") if row[0] != "lemma"}
    assert cue_categories | {"duration", "date", "count", "percent"} == set(CATEGORY_AR)


def test_every_entity_row_shows_its_type_beside_the_name(seed_facts: Facts) -> None:
    from akhbar.report.facts_view import LABEL_AR

    assert seed_facts.entities
    md = facts_to_markdown(seed_facts)
    html = facts_to_html(seed_facts)
    console = Console(width=200, record=True)
    for t in facts_to_rich(seed_facts):
        console.print(t)
    text = console.export_text()
    for entity in seed_facts.entities[:10]:
        kind = LABEL_AR[entity.label]
        assert f"| {entity.name} | {kind} |" in md
        assert re.search(f"{re.escape(entity.name)}</td>\\s*<td[^>]*>{kind}</td>", html), entity.name
        assert kind in text
    items = facts_to_json(seed_facts)["entities"]["items"]
    assert {item["label"] for item in items} <= set(LABEL_AR)
