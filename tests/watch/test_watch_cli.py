"""`akhbar watch --once` end to end against loopback feed servers: real articles in, faults reported
with their URL and skipped (exit 4), the rest read, nothing read twice."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from akhbar.cli import app, register_optional_commands
from akhbar.store import Store
from tests.feeds.content import Item, atom, page, rss
from tests.feeds.server import FeedServer
from tests.watch.conftest import feeds_toml, rows

register_optional_commands(["akhbar", "watch"])
runner = CliRunner()


def watch(feeds: Path, db: Path, *more: str):
    """``akhbar watch --once``, articles only (the stories' own test asks for them)."""
    extra = more if "--stories" in more else ("--no-stories", *more)
    return runner.invoke(app, ["watch", str(feeds), "--db", str(db), "--once", *extra])


def serve_pages(server: FeedServer, items: list[Item], *, encoding: str = "utf-8") -> None:
    for item in items:
        server.set(item.path, body=page(item, encoding=encoding), content_type=f"text/html; charset={encoding}")


def test_once_reads_rss_and_atom_feeds_into_the_store(tmp_path: Path, server: FeedServer, items: list[Item]) -> None:
    server.set("/rss", body=rss(items[:3], base=server.base), etag='"r1"')
    server.set("/atom", body=atom(items[3:], base=server.base, full_text=False), etag='"a1"',
               content_type="application/atom+xml")
    serve_pages(server, items[3:])
    feeds = feeds_toml(tmp_path, [(server.url("/rss"), "الأولى"), (server.url("/atom"), "الثانية")])
    db = tmp_path / "store.db"
    result = watch(feeds, db)
    assert result.exit_code == 0, result.output
    stored = rows(db, "SELECT id, source, guid, canonical_url, feed, revision FROM articles ORDER BY id")
    assert [r[0] for r in stored] == sorted(i.guid for i in items)
    assert {r[1] for r in stored} == {"الأولى", "الثانية"}
    assert all(r[2] == r[0] and r[3].startswith(server.base + "/news/") and r[5] == 1 for r in stored)
    with Store(db) as store:  # the page-linked entries: the article text, not the site's furniture
        article = store.article(items[4].guid)
        assert article is not None and items[4].text.split("\n")[-1][:30] in article.body
        assert "الرئيسية" not in article.body
    assert rows(db, "SELECT COUNT(*) FROM feeds WHERE etag IS NOT NULL") == [(2,)]
    pages_before = len(server.requests)
    again = watch(feeds, db)
    assert again.exit_code == 0, again.output
    assert "not-modified" in again.output
    assert rows(db, "SELECT COUNT(*) FROM articles") == [(len(items),)]
    assert [r.headers.get("if-none-match") for r in server.requests[pages_before:]] == ['"r1"', '"a1"']


def test_faults_are_reported_with_their_url_and_the_other_feeds_are_read(
        tmp_path: Path, server: FeedServer, other_server: FeedServer, items: list[Item]) -> None:
    server.set("/good", body=rss(items[:2], base=server.base))
    server.set("/down", body=b"", status=500)
    server.set("/slow", body=rss(items[2:3], base=server.base), delay=3.0)
    server.set("/broken", body=rss(items[3:4], base=server.base)[:-40])
    server.set("/loop1", location="/loop2")
    server.set("/loop2", location="/loop1")
    server.set("/big", body=rss(items * 30, base=server.base))
    # Another host: a Retry-After holds every request to its host, and the other faults share one.
    other_server.set("/busy", body=rss(items[4:], base=other_server.base), fail_first=9, fail_status=429,
                     fail_headers={"Retry-After": "3600"})
    faults = ["/down", "/slow", "/broken", "/loop1", "/big"]
    urls = [server.url(p) for p in ["/good", *faults]] + [other_server.url("/busy")]
    feeds = feeds_toml(tmp_path, [(url, f"outlet{n}") for n, url in enumerate(urls)])
    db = tmp_path / "store.db"
    result = watch(feeds, db)
    assert result.exit_code == 4, result.output
    text = " ".join(result.output.split())
    for url, why in zip(urls[1:], ["HTTP 500", "no answer within", "broken XML", "redirects", "byte limit",
                                   "HTTP 429"], strict=True):
        assert f"skipped {url}: {why}" in text or (f"skipped {url}: " in text and why in text), (url, text)
    assert rows(db, "SELECT id FROM articles ORDER BY id") == sorted((i.guid,) for i in items[:2])
    busy = rows(db, "SELECT failures, next_at, last_error FROM feeds WHERE url = ?", other_server.url("/busy"))[0]
    assert busy[0] == 1 and "429" in busy[2]
    # Retry-After is honoured on the next run too: the host is not asked again before its time.
    asked = len(other_server.hits("/busy"))
    rerun = watch(feeds, db)
    assert rerun.exit_code == 4 and len(other_server.hits("/busy")) == asked
    assert "backing off until" in rerun.output


def test_a_short_retry_after_is_waited_out(tmp_path: Path, server: FeedServer, items: list[Item]) -> None:
    server.set("/busy", body=rss(items[:1], base=server.base), fail_first=1, fail_status=503,
               fail_headers={"Retry-After": "1"})
    db = tmp_path / "store.db"
    result = watch(feeds_toml(tmp_path, [(server.url("/busy"), "x")]), db)
    assert result.exit_code == 0, result.output
    first, second = server.hits("/busy")
    assert second.at - first.at >= 0.95
    assert rows(db, "SELECT COUNT(*) FROM articles") == [(1,)]


def test_windows_1256_feed_and_pages_come_through_readable(tmp_path: Path, server: FeedServer,
                                                          items: list[Item]) -> None:
    server.set("/rss", body=rss(items[:2], base=server.base, encoding="windows-1256", full_text=False),
               content_type="application/rss+xml")
    serve_pages(server, items[:2], encoding="windows-1256")
    db = tmp_path / "store.db"
    result = watch(feeds_toml(tmp_path, [(server.url("/rss"), "x")]), db)
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        for item in items[:2]:
            article = store.article(item.guid)
            assert article is not None and article.title == item.title
            assert item.text.split("\n")[1][:40] in article.body


def test_a_page_over_the_limit_and_a_page_robots_txt_forbids_are_skipped_alone(
        tmp_path: Path, server: FeedServer, items: list[Item]) -> None:
    big = replace(items[0], text="\n".join([items[0].text] * 60))
    private = replace(items[1], path="/private/secret.html")
    listed = [big, private, *items[2:]]
    server.set("/robots.txt", body=b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    server.set("/rss", body=rss(listed, base=server.base, full_text=False))
    serve_pages(server, listed)
    db = tmp_path / "store.db"
    feeds = feeds_toml(tmp_path, [(server.url("/rss"), "x")])
    result = watch(feeds, db)
    assert result.exit_code == 4, result.output
    text = " ".join(result.output.split())
    assert f"entry-skipped {server.url(big.path)}: the body is over the 200000-byte limit" in text
    assert f"entry-skipped {server.url(private.path)}: disallowed by the site's robots.txt" in text
    assert not server.hits(private.path)
    assert rows(db, "SELECT id FROM articles ORDER BY id") == sorted((i.guid,) for i in items[2:])
    # The skipped entries are tried again on the next poll; the read ones are not fetched again.
    server.set("/rss", body=rss(listed, base=server.base, full_text=False) + b" ")  # a new version, no ETag
    before = {item.path: len(server.hits(item.path)) for item in listed}
    assert watch(feeds, db).exit_code == 4
    assert len(server.hits(big.path)) == before[big.path] + 1
    assert all(len(server.hits(i.path)) == before[i.path] for i in items[2:])


def test_an_item_updated_in_place_is_one_article_with_two_revisions(tmp_path: Path, server: FeedServer,
                                                                   items: list[Item]) -> None:
    feeds = feeds_toml(tmp_path, [(server.url("/rss"), "x")])
    db = tmp_path / "store.db"
    server.set("/rss", body=rss(items[:2], base=server.base))
    assert watch(feeds, db).exit_code == 0
    updated = replace(items[0], text=items[0].text + "\nتحديث: ارتفع عدد القتلى إلى 30 بحسب مصادر طبية.")
    server.set("/rss", body=rss([updated, items[1]], base=server.base))
    result = watch(feeds, db)
    assert result.exit_code == 0, result.output
    assert "0 new, 1 revised" in " ".join(result.output.split())
    assert rows(db, "SELECT COUNT(*) FROM articles") == [(2,)]
    assert rows(db, "SELECT revision FROM articles WHERE id = ?", items[0].guid) == [(2,)]
    assert rows(db, "SELECT article, revision FROM article_revisions") == [(items[0].guid, 1)]
    with Store(db) as store:
        article = store.article(items[0].guid)
        assert article is not None and "ارتفع عدد القتلى إلى 30" in article.body


@pytest.mark.parametrize("same_guid", [False, True], ids=["own-links", "same-guid"])
def test_one_item_in_two_outlets_feeds_is_two_articles_and_a_duplicate_link(
        tmp_path: Path, server: FeedServer, other_server: FeedServer, items: list[Item], same_guid: bool) -> None:
    wire = items[0]
    copy = wire if same_guid else replace(wire, guid="other-" + wire.guid)
    server.set("/rss", body=rss([wire, items[1]], base=server.base))
    other_server.set("/rss", body=rss([copy, items[2]], base=other_server.base))
    db = tmp_path / "store.db"
    feeds = feeds_toml(tmp_path, [(server.url("/rss"), "الأولى"), (other_server.url("/rss"), "الثانية")])
    assert watch(feeds, db).exit_code == 0
    copies = rows(db, "SELECT id, source FROM articles WHERE body LIKE ? ORDER BY source",
                  f"%{wire.text.split(chr(10))[1][:30]}%")
    assert [source for _, source in copies] == ["الأولى", "الثانية"]
    links = rows(db, "SELECT article, original, kind FROM duplicates")
    assert len(links) == 1 and {links[0][0], links[0][1]} == {copies[0][0], copies[1][0]}
    assert watch(feeds, db).exit_code == 0  # and again: nothing doubled
    assert rows(db, "SELECT COUNT(*) FROM articles") == [(4,)]


def test_bad_feeds_file_is_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "FEEDS.toml"
    path.write_text('[[feed]]\nurl = "https://a.example/rss"\noutlet = "x"\nevery = 3\n', encoding="utf-8")
    result = watch(path, tmp_path / "store.db")
    assert result.exit_code == 2
    assert "unknown key 'every'" in result.output and "FEEDS.toml" in result.output


def test_stories_follow_the_articles_and_a_revision_moves_its_story(tmp_path: Path, server: FeedServer,
                                                                    items: list[Item]) -> None:
    feeds = feeds_toml(tmp_path, [(server.url("/rss"), "x")])
    db = tmp_path / "store.db"
    server.set("/rss", body=rss(items, base=server.base))
    first = watch(feeds, db, "--stories", "--no-facts", "--workers", "2")  # a forkserver pool beside threads
    assert first.exit_code == 0, first.output
    assert "articles placed" in " ".join(first.output.split())
    placed = rows(db, "SELECT COUNT(*) FROM story_articles")[0][0]
    assert placed == len(items)  # every article in a story, by the incremental fold
    story = rows(db, "SELECT story FROM story_articles WHERE article = ?", items[0].guid)[0][0]
    revision = rows(db, "SELECT revision FROM stories WHERE id = ?", story)[0][0]
    assert rows(db, "SELECT COUNT(*) FROM story_reports WHERE story = ?", story) == [(1,)]
    updated = replace(items[0], text=items[0].text + "\nوقال مصدر طبي إن عدد الجرحى بلغ 40.")
    server.set("/rss", body=rss([updated, *items[1:]], base=server.base))
    second = watch(feeds, db, "--stories", "--no-facts")
    assert second.exit_code == 0, second.output
    assert rows(db, "SELECT revision FROM stories WHERE id = ?", story)[0][0] > revision
    assert rows(db, "SELECT revision FROM story_reports WHERE story = ?", story) == \
        rows(db, "SELECT revision FROM stories WHERE id = ?", story)
    assert rows(db, "SELECT COUNT(*) FROM story_articles")[0][0] == len(items)
