"""Attacks on the watcher's feed parsing: entity bombs (billion laughs), external entities, markup in
entries, broken and empty feeds. Each is a FeedError with a reason or entries with plain text."""

from __future__ import annotations

import resource
import time

import pytest

from akhbar.feeds.parse import FeedError, parse_feed

pytest.importorskip("feedparser")

AR = "قال وزير الخارجية إن المفاوضات ستستأنف في جنيف الأسبوع المقبل."


def _laughs(levels: int = 9) -> bytes:
    entities = '<!ENTITY a "هههههههههه">\n' + "".join(
        f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">\n' for i in range(levels))
    last = chr(97 + levels)
    return (f'<?xml version="1.0"?>\n<!DOCTYPE rss [\n{entities}]>\n<rss version="2.0"><channel><title>&{last};'
            f"</title><item><guid>1</guid><title>&{last};</title><description>&{last};</description></item>"
            "</channel></rss>").encode()


@pytest.mark.parametrize("body", [_laughs(), _laughs().replace(b"<rss", b"<!-- x --><rss")], ids=["rss", "comment"])
def test_billion_laughs_is_refused_quickly_in_bounded_memory(body: bytes) -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    try:
        parsed = parse_feed(body, url="https://example.org/feed")
    except FeedError as error:
        assert "XML" in str(error) or "feed" in str(error)
    else:  # read without expanding: no entry holds a billion laughs
        assert all(len(entry.title or "") < 10_000 for entry in parsed.entries)
    assert time.perf_counter() - started < 10
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200 * 1024  # KiB on Linux


def test_an_external_entity_is_not_read() -> None:
    body = (b'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
            b'<rss version="2.0"><channel><title>t</title><item><guid>1</guid><title>&x;</title></item></channel></rss>')
    try:
        parsed = parse_feed(body, url="https://example.org/feed")
    except FeedError:
        return
    assert all("root:" not in (entry.title or "") for entry in parsed.entries)


def test_markup_in_entries_becomes_plain_text() -> None:
    body = (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            f'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>منفذ</title>'
            f"<item><guid>g1</guid><link>https://example.org/a?utm_source=x</link>"
            f"<title>&lt;script&gt;alert(1)&lt;/script&gt; [bold]عنوان[/bold]</title>"
            f"<content:encoded><![CDATA[<p>{AR}</p><script>alert(2)</script><style>p{{}}</style>"
            f"<p>\x1b]0;x\x07 {AR}</p>]]></content:encoded></item></channel></rss>").encode()
    try:
        parsed = parse_feed(body, url="https://example.org/feed")
    except FeedError as error:  # a raw control character is not well-formed XML: refused, with the reason
        assert "XML" in str(error)
        body = body.replace(b"\x1b]0;x\x07", b"")
        parsed = parse_feed(body, url="https://example.org/feed")
    entry = parsed.entries[0]
    assert entry.link == "https://example.org/a"
    assert entry.text is not None and "alert(2)" not in entry.text and "p{}" not in entry.text
    assert "\x1b" not in entry.text and entry.text.count("المفاوضات") == 2


@pytest.mark.parametrize("body", [b"", b"\x00\x01\x02" * 100, b"<html><body>not a feed</body></html>",
                                  b"<rss><channel><item>", "<rss>".encode("utf-16")],
                         ids=["empty", "binary", "html", "truncated", "utf16"])
def test_a_broken_or_foreign_body_is_a_feed_error_or_empty(body: bytes) -> None:
    try:
        parsed = parse_feed(body, url="https://example.org/feed")
    except FeedError as error:
        assert str(error)
    else:
        assert parsed.entries == ()


def test_a_guid_with_line_breaks_becomes_a_one_line_key() -> None:
    body = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>منفذ</title>'
            "<item><guid>abc\n[bold]x\t1</guid><title>عنوان</title><description>نص</description></item>"
            "</channel></rss>").encode()
    entry = parse_feed(body, url="https://example.org/feed").entries[0]
    assert entry.key == entry.guid == "abc [bold]x 1"
