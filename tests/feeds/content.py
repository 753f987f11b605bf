"""Feeds and article pages made from real articles: the bundled seeds (five outlets, Aleppo, December
2016), and ANT v2.1 when ../shared/data is there."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape as _escape

from akhbar.cli import example_dir
from akhbar.ingest import ingest
from tests.data_paths import ANT


@dataclass(frozen=True)
class Item:
    guid: str
    title: str
    text: str  # paragraphs separated by "\n"
    date: datetime
    path: str  # the article page's path on the server


def seed_items() -> list[Item]:
    corpus = ingest([str(example_dir())])
    items = []
    for number, article in enumerate(corpus.articles):
        day = datetime(2016, 12, 4, 8 + number, 0, tzinfo=UTC)
        title = (article.title or article.body.split("\n")[0][:80]).strip()
        items.append(Item(f"seed-{article.id}", title, article.body, day, f"/news/{article.id}.html"))
    return items


def ant_items(limit: int) -> Iterator[Item]:
    """The first ``limit`` ANT articles (skipped cleanly by the caller when the file is missing)."""
    from email.utils import parsedate_to_datetime

    with gzip.open(ANT, "rt", encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if number >= limit:
                return
            row = json.loads(line)
            yield Item(f"ant-{row['id']}", row["title"], row["text"], parsedate_to_datetime(row["time"]),
                       f"/ant/{row['id']}.html")


def rss(items: Sequence[Item], *, base: str, full_text: bool = True, encoding: str = "utf-8",
        declare: bool = True, title: str = "أخبار") -> bytes:
    """An RSS 2.0 feed; ``full_text`` puts each article in content:encoded, else only a link."""
    prolog = f'<?xml version="1.0" encoding="{encoding}"?>\n' if declare else '<?xml version="1.0"?>\n'
    parts = [prolog, '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
             f"<channel><title>{escape(title)}</title><link>{base}/</link><description>test</description>"]
    for item in items:
        parts.append(f"<item><title>{escape(item.title)}</title><link>{base}{item.path}</link>"
                     f'<guid isPermaLink="false">{escape(item.guid)}</guid>'
                     f"<pubDate>{format_datetime(item.date)}</pubDate>"
                     f"<description>{escape(item.text[:120])}</description>")
        if full_text:
            parts.append(f"<content:encoded><![CDATA[{_paragraphs(item.text)}]]></content:encoded>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "".join(parts).encode(encoding)


def atom(items: Sequence[Item], *, base: str, full_text: bool = True) -> bytes:
    parts = ['<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ar">',
             f"<title>أخبار</title><id>{base}/atom</id><updated>2016-12-05T00:00:00Z</updated>"]
    for item in items:
        stamp = item.date.isoformat()
        parts.append(f"<entry><id>{escape(item.guid)}</id><title>{escape(item.title)}</title>"
                     f'<link rel="alternate" href="{base}{item.path}"/><published>{stamp}</published>'
                     f"<updated>{stamp}</updated><summary>{escape(item.text[:120])}</summary>")
        if full_text:
            parts.append(f'<content type="html">{escape(_paragraphs(item.text))}</content>')
        parts.append("</entry>")
    parts.append("</feed>")
    return "".join(parts).encode("utf-8")


def page(item: Item, *, encoding: str = "utf-8", meta: bool = True) -> bytes:
    """The article's page: site furniture around an <article> holding its title and paragraphs."""
    head = f'<meta charset="{encoding}">' if meta else ""
    html = (f'<!DOCTYPE html><html lang="ar" dir="rtl"><head>{head}<title>{escape(item.title)}</title></head><body>'
            '<header><nav><a href="/">الرئيسية</a> <a href="/politics">سياسة</a></nav></header>'
            f"<main><article><h1>{escape(item.title)}</h1>{_paragraphs(item.text)}</article></main>"
            '<footer><p>جميع الحقوق محفوظة</p></footer></body></html>')
    return html.encode(encoding)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # never allowed in XML 1.0 (ANT has a few)


def escape(text: str) -> str:
    return _escape(_NOT_XML.sub("", text))


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{escape(line)}</p>" for line in text.split("\n") if line.strip())
