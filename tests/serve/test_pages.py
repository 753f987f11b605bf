"""The page: Arabic, right to left, for phones; the form works without script; article text stays text."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from fastapi.testclient import TestClient

from tests.serve.conftest import HOSTILE, OUTLETS


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags_of(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def test_the_form_page_is_arabic_rtl_and_self_contained(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    tags = tags_of(page.text)
    assert tags[0] == ("html", {"dir": "rtl", "lang": "ar"})
    assert ("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}) in tags
    scripts = [attrs for tag, attrs in tags if tag == "script"]
    assert scripts == [{"src": "/static/app.js", "defer": None}]  # no inline script
    links = [attrs.get("href") or attrs.get("src") or "" for _, attrs in tags]
    assert not [link for link in links if link.startswith(("http:", "https:", "//"))]
    assert sum(1 for tag, attrs in tags if tag == "textarea" and attrs.get("name") == "text") == 5
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/static/app.css").status_code == 200


def test_the_form_without_script_shows_the_cited_summary_with_outlet_names(
    client: TestClient, seed_records: list[dict]
) -> None:
    data = {"text": [r["text"] for r in seed_records], "source": list(OUTLETS), "title": [""] * 5}
    page = client.post("/summarize", data=data)
    assert page.status_code == 200
    html = page.text
    summary = html[html.index('<section class="summary">'): html.index("</section>")]
    cited = set(re.findall(r'class="src" href="#s\d+-\d+"><bdi>([^<]+)</bdi>', summary))
    assert len(cited) >= 3 and cited <= set(OUTLETS)
    assert html.count('class="outlet"') == 5
    assert 'class="s shared g0"' in html  # shared passages highlighted
    for key in ("quotes", "figures", "entities", "timeline", "conflicts", "framing"):
        assert f'class="facts-{key}"' in html


def test_article_text_and_outlet_names_are_escaped(client: TestClient, seed_records: list[dict]) -> None:
    data = {"text": [HOSTILE, seed_records[0]["text"]], "source": ['<img src=x onerror="alert(2)">', "منفذ"]}
    page = client.post("/summarize", data=data)
    assert page.status_code == 200
    tags = tags_of(page.text)
    assert [attrs for tag, attrs in tags if tag == "script"] == [{"src": "/static/app.js", "defer": None}]
    assert not [attrs for tag, attrs in tags if tag == "img"]
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page.text
    assert "&lt;img src=x onerror=&#34;alert(2)&#34;&gt;" in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]


def test_form_errors_are_pages_with_a_4xx(client: TestClient, make_client) -> None:
    empty = client.post("/summarize", data={"text": [""]})
    assert empty.status_code == 422 and 'dir="rtl"' in empty.text and "لم يُعطَ أي مقال" in empty.text
    bad_words = client.post("/summarize", data={"text": ["نص"], "words": "2"})
    assert bad_words.status_code == 422 and "words" in bad_words.text
    small = make_client(max_request_mb=1)
    big = small.post("/summarize", data={"text": ["ا" * (1024 * 1024 + 10)]})
    assert big.status_code == 413


def test_uploaded_html_names_its_outlet_by_site_or_domain(client: TestClient) -> None:
    body = "<p>قال المسؤول إن القوات تقدمت في المدينة اليوم بشكل كبير وإن الهجوم مستمر منذ الصباح الباكر.</p>" * 3
    page = ('<html><head><meta property="og:url" content="https://www.example-news.com/a/1">'
            f"<title>عنوان</title></head><body><article>{body}</article></body></html>")
    data = client.post("/api/summarize/upload", files=[("files", ("p1.html", page.encode(), "text/html"))],
                       data={"no_facts": "true"}).json()
    assert data["articles"][0]["outlet"] == "example-news.com"

