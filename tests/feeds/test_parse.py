"""Feeds and pages to entries and documents: RSS and Atom from real articles, encodings, broken XML."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from akhbar.feeds.parse import (
    FeedError,
    canonical_url,
    entry_document,
    feed_charset,
    html_text,
    page_document,
    page_text,
    parse_feed,
)
from akhbar.ingest import to_article
from akhbar.records import Article
from tests.feeds.content import Item, atom, page, rss

BASE = "http://127.0.0.1:8000"


@pytest.mark.parametrize("make", [rss, atom], ids=["rss", "atom"])
def test_full_text_feed_gives_each_article_whole(items: list[Item], make) -> None:
    parsed = parse_feed(make(items, base=BASE), url=BASE + "/feed")
    assert [e.key for e in parsed.entries] == [i.guid for i in items]
    for entry, item in zip(parsed.entries, items, strict=True):
        assert entry.text == item.text  # paragraphs kept, one per line
        assert entry.link == BASE + item.path
        article = to_article(entry_document(entry, outlet="منفذ", feed_url=BASE + "/feed"))
        assert isinstance(article, Article)
        assert article.source == "منفذ" and article.date == "2016-12-04"


def test_entry_without_full_text_has_none(items: list[Item]) -> None:
    parsed = parse_feed(rss(items, base=BASE, full_text=False), url=BASE + "/feed")
    assert all(entry.text is None for entry in parsed.entries)


def test_entry_key_is_the_guid_else_the_canonical_link(items: list[Item]) -> None:
    body = rss(items[:1], base=BASE).replace(f'<guid isPermaLink="false">{items[0].guid}</guid>'.encode(), b"")
    body = body.replace(items[0].path.encode(), items[0].path.encode() + b"?utm_source=rss#top")
    (entry,) = parse_feed(body, url=BASE + "/feed").entries
    assert entry.guid is None and entry.key == BASE + items[0].path


@pytest.mark.parametrize("declare", [True, False], ids=["declared", "detected"])
def test_windows_1256_feed_comes_through_readable(items: list[Item], declare: bool) -> None:
    body = rss(items[:2], base=BASE, encoding="windows-1256", declare=declare)
    assert feed_charset(body, "application/rss+xml") == "cp1256"
    parsed = parse_feed(body, url=BASE + "/feed", content_type="application/rss+xml")
    assert [e.title for e in parsed.entries] == [i.title for i in items[:2]]
    assert parsed.entries[0].text == items[0].text


def test_header_charset_wins_only_when_the_bytes_decode_with_it(items: list[Item]) -> None:
    body = rss(items[:1], base=BASE, encoding="windows-1256")
    assert feed_charset(body, "text/xml; charset=utf-8") == "cp1256"  # declared wrong: the prolog is right
    assert feed_charset(rss(items[:1], base=BASE), "text/xml; charset=utf-8") == "utf-8"


@pytest.mark.parametrize("meta", [True, False], ids=["meta-charset", "detected"])
def test_windows_1256_page_comes_through_readable(items: list[Item], meta: bool) -> None:
    body = page(items[1], encoding="windows-1256", meta=meta)
    assert items[1].title in page_text(body, "text/html")
    (entry,) = parse_feed(rss(items[1:2], base=BASE, full_text=False), url=BASE + "/feed").entries
    document = page_document(body, "text/html", entry=entry, outlet="منفذ")
    article = to_article(document)
    assert isinstance(article, Article)
    assert items[1].text.split("\n")[1][:40] in article.body
    assert "الحقوق محفوظة" not in article.body  # the page's furniture is not the article


@pytest.mark.parametrize("body", [
    b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>x</ti></item></channel></rss>',
    b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>\xd8\xae',
], ids=["mismatched-tag", "truncated"])
def test_broken_xml_is_an_error(body: bytes) -> None:
    with pytest.raises(FeedError, match="broken XML"):
        parse_feed(body, url=BASE + "/feed")


def test_a_web_page_is_not_a_feed(items: list[Item]) -> None:
    with pytest.raises(FeedError):
        parse_feed(page(items[0]), url=BASE + "/feed")


def test_html_text_keeps_paragraphs_and_drops_scripts() -> None:
    html = "<div><p>قال الوزير إن <b>الاتفاق</b> قريب.</p><script>alert(1)</script><p>وأضاف:<br>لا تعليق.</p></div>"
    assert html_text(html) == "قال الوزير إن الاتفاق قريب.\nوأضاف:\nلا تعليق."


@pytest.mark.parametrize(("raw", "canonical"), [
    ("HTTPS://Example.COM:443/a/b?x=1&utm_source=rss#top", "https://example.com/a/b?x=1"),
    ("http://example.com:8080", "http://example.com:8080/"),
    ("/news/1.html?fbclid=abc", "http://127.0.0.1:8000/news/1.html"),
])
def test_canonical_url(raw: str, canonical: str) -> None:
    assert canonical_url(raw, base=BASE) == canonical


@given(st.sampled_from(["http", "https", "HTTP"]), st.text("abcxyzعرب-_/", max_size=12),
       st.lists(st.tuples(st.sampled_from(["id", "utm_medium", "p", "fbclid"]), st.text("abc123", max_size=3)),
                max_size=3))
def test_canonical_url_is_idempotent(scheme: str, path: str, query: list[tuple[str, str]]) -> None:
    url = f"{scheme}://Host.example/{path}?" + "&".join(f"{k}={v}" for k, v in query)
    once = canonical_url(url)
    assert canonical_url(once) == once
    assert "utm_" not in once and "fbclid" not in once
