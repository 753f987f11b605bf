"""Fetching under limits and politeness, against the loopback feed server and its faults."""

from __future__ import annotations

import itertools
import threading
import time
from dataclasses import replace

import pytest

from akhbar import __version__ as akhbar_version
from akhbar.feeds.config import FetchSettings
from akhbar.feeds.fetch import FetchError, retry_after_seconds, user_agent
from akhbar.feeds.politeness import HostBusyError, Politeness, StoppedError
from akhbar.feeds.session import Fetcher
from tests.feeds.content import Item, page, rss
from tests.feeds.server import FeedServer

NO_STOP = threading.Event()


@pytest.fixture
def fetcher(quick: FetchSettings) -> Fetcher:
    made = Fetcher(quick)
    yield made
    made.close()


def test_feed_is_fetched_with_an_honest_user_agent(server: FeedServer, fetcher: Fetcher, items: list[Item]) -> None:
    server.set("/rss", body=rss(items, base=server.base))
    answer = fetcher.feed(server.url("/rss"), NO_STOP)
    assert answer.status == 200 and answer.body.startswith(b"<?xml")
    agent = server.hits("/rss")[0].headers["user-agent"]
    assert agent == user_agent(fetcher.settings)
    assert agent.startswith("akhbar/")


def test_contact_goes_into_the_user_agent() -> None:
    assert "mailto:desk@example.org" in user_agent(FetchSettings(contact="mailto:desk@example.org"))


def test_user_agent_names_only_what_was_given(monkeypatch: pytest.MonkeyPatch) -> None:
    import akhbar.feeds.fetch as fetch_module

    monkeypatch.setattr(fetch_module, "package_url", lambda: None)
    assert user_agent(FetchSettings()) == f"akhbar/{akhbar_version}"  # no made-up project page
    given = FetchSettings(project_url="https://news.example.org/crawler", contact="mailto:desk@example.org")
    assert user_agent(given) == f"akhbar/{akhbar_version} (+https://news.example.org/crawler; mailto:desk@example.org)"
    monkeypatch.setattr(fetch_module, "package_url", lambda: "https://akhbar.example/")
    assert user_agent(FetchSettings()) == f"akhbar/{akhbar_version} (+https://akhbar.example/)"


def test_slow_answer_times_out(server: FeedServer, fetcher: Fetcher) -> None:
    server.set("/slow", body=b"<rss/>", delay=3.0)
    started = time.monotonic()
    with pytest.raises(FetchError, match="no answer within") as caught:
        fetcher.feed(server.url("/slow"), NO_STOP)
    assert caught.value.url == server.url("/slow")
    assert time.monotonic() - started < 2.5


def test_dripping_body_is_cut_at_the_deadline(server: FeedServer, fetcher: Fetcher) -> None:
    # Each byte comes within the read timeout; the whole body never would.
    server.set("/drip", body=b"x" * 1000, drip=0.1)
    started = time.monotonic()
    with pytest.raises(FetchError, match="took over"):
        fetcher.feed(server.url("/drip"), NO_STOP)
    assert time.monotonic() - started < 3.5


def test_server_error_is_reported_with_its_status(server: FeedServer, fetcher: Fetcher) -> None:
    server.set("/down", body=b"oops", status=500)
    with pytest.raises(FetchError, match="HTTP 500") as caught:
        fetcher.feed(server.url("/down"), NO_STOP)
    assert caught.value.status == 500


def test_429_with_a_short_retry_after_is_waited_out_then_read(server: FeedServer, fetcher: Fetcher,
                                                              items: list[Item]) -> None:
    server.set("/busy", body=rss(items, base=server.base), fail_first=1, fail_status=429,
               fail_headers={"Retry-After": "1"})
    answer = fetcher.feed(server.url("/busy"), NO_STOP)
    assert answer.status == 200
    first, second = server.hits("/busy")
    assert second.at - first.at >= 0.95


def test_503_with_a_long_retry_after_skips_and_keeps_the_host_waiting(server: FeedServer, fetcher: Fetcher) -> None:
    server.set("/later", body=b"<rss/>", fail_first=5, fail_status=503, fail_headers={"Retry-After": "120"})
    with pytest.raises(FetchError, match="HTTP 503") as caught:
        fetcher.feed(server.url("/later"), NO_STOP)
    assert caught.value.retry_after == 120
    server.set("/other", body=b"<rss/>")
    with pytest.raises(HostBusyError):  # the same host: nothing asked of it before the two minutes are over
        fetcher.feed(server.url("/other"), NO_STOP)
    assert len(server.hits("/later")) == 1 and not server.hits("/other")


def test_retry_after_as_an_http_date() -> None:
    from datetime import UTC, datetime

    now = datetime(2024, 1, 1, 12, 0, 0, tzinfo=UTC)
    assert retry_after_seconds("Mon, 01 Jan 2024 12:00:30 GMT", now=now) == 30
    assert retry_after_seconds("7") == 7
    assert retry_after_seconds("soon") is None


def test_redirect_loop_stops(server: FeedServer, fetcher: Fetcher) -> None:
    server.set("/a", location="/b")
    server.set("/b", location="/a")
    with pytest.raises(FetchError, match="redirects"):
        fetcher.feed(server.url("/a"), NO_STOP)
    assert len(server.requests) <= fetcher.settings.max_redirects + 1


def test_a_redirect_is_followed(server: FeedServer, fetcher: Fetcher, items: list[Item]) -> None:
    server.set("/old", location="/new", status=301)
    server.set("/new", body=rss(items, base=server.base))
    assert fetcher.feed(server.url("/old"), NO_STOP).url == server.url("/new")


@pytest.mark.parametrize("chunked", [False, True], ids=["declared", "streamed"])
def test_page_over_the_size_limit_is_refused(server: FeedServer, fetcher: Fetcher, items: list[Item],
                                             chunked: bool) -> None:
    big = replace(items[0], text="\n".join([items[0].text] * 100))
    body = page(big)
    assert len(body) > fetcher.settings.max_bytes
    server.set("/robots.txt", body=b"User-agent: *\nAllow: /\n", content_type="text/plain")
    server.set("/big.html", body=body, content_type="text/html; charset=utf-8", chunked=chunked)
    with pytest.raises(FetchError, match="over the 200000-byte limit"):
        fetcher.page(server.url("/big.html"), NO_STOP)


def test_robots_txt_disallowing_a_path_keeps_pages_unfetched(server: FeedServer, fetcher: Fetcher,
                                                             items: list[Item]) -> None:
    server.set("/robots.txt", body=b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    server.set("/private/a.html", body=page(items[0]), content_type="text/html")
    server.set("/news/a.html", body=page(items[0]), content_type="text/html")
    with pytest.raises(FetchError, match=r"robots\.txt"):
        fetcher.page(server.url("/private/a.html"), NO_STOP)
    assert fetcher.page(server.url("/news/a.html"), NO_STOP).status == 200
    assert not server.hits("/private/a.html")
    assert len(server.hits("/robots.txt")) == 1  # read once per host


def test_robots_txt_missing_means_no_rules(server: FeedServer, fetcher: Fetcher, items: list[Item]) -> None:
    server.set("/news/a.html", body=page(items[0]), content_type="text/html")
    assert fetcher.page(server.url("/news/a.html"), NO_STOP).status == 200


def test_robots_txt_failing_leaves_the_site_alone(server: FeedServer, fetcher: Fetcher, items: list[Item]) -> None:
    server.set("/robots.txt", body=b"", status=500)
    server.set("/news/a.html", body=page(items[0]), content_type="text/html")
    with pytest.raises(FetchError, match="left alone"):
        fetcher.page(server.url("/news/a.html"), NO_STOP)
    assert not server.hits("/news/a.html")


def test_crawl_delay_wins_when_longer(server: FeedServer, quick: FetchSettings, items: list[Item]) -> None:
    fetcher = Fetcher(replace(quick, delay=0.05))
    server.set("/robots.txt", body=b"User-agent: *\nCrawl-delay: 1\n", content_type="text/plain")
    for name in ("a", "b"):
        server.set(f"/news/{name}.html", body=page(items[0]), content_type="text/html")
        fetcher.page(server.url(f"/news/{name}.html"), NO_STOP)
    times = [r.at for r in server.requests]
    assert all(later - earlier >= 0.95 for earlier, later in itertools.pairwise(times))
    fetcher.close()


def test_conditional_get_gives_304(server: FeedServer, fetcher: Fetcher, items: list[Item]) -> None:
    server.set("/rss", body=rss(items, base=server.base), etag='"v1"', last_modified="Sun, 04 Dec 2016 10:00:00 GMT")
    first = fetcher.feed(server.url("/rss"), NO_STOP)
    assert first.etag == '"v1"' and not first.not_modified
    again = fetcher.feed(server.url("/rss"), NO_STOP, etag=first.etag, last_modified=first.last_modified)
    assert again.not_modified and again.body == b""
    assert server.hits("/rss")[1].headers["if-none-match"] == '"v1"'


def test_one_host_is_asked_one_request_at_a_time_and_spaced(server: FeedServer, quick: FetchSettings,
                                                           items: list[Item]) -> None:
    fetcher = Fetcher(replace(quick, delay=0.3))
    for number in range(4):
        server.set(f"/f{number}", body=rss(items[:1], base=server.base))
    threads = [threading.Thread(target=fetcher.feed, args=(server.url(f"/f{n}"), NO_STOP)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    times = sorted(r.at for r in server.requests)
    assert len(times) == 4
    assert all(later - earlier >= 0.29 for earlier, later in itertools.pairwise(times))
    fetcher.close()


def test_a_stop_ends_the_wait_for_a_turn() -> None:
    politeness = Politeness(delay=30.0, max_wait=60.0)
    stop = threading.Event()
    with politeness.turn("http://127.0.0.1:1/a", stop):
        pass
    stop.set()
    started = time.monotonic()
    with pytest.raises(StoppedError), politeness.turn("http://127.0.0.1:1/b", stop):
        pass
    assert time.monotonic() - started < 1


def test_a_compressed_body_is_limited_by_its_inflated_size(server: FeedServer, fetcher: Fetcher) -> None:
    import gzip

    bomb = gzip.compress(b"<rss>" + b" " * 5_000_000)
    assert len(bomb) < fetcher.settings.max_bytes
    server.set("/bomb", body=bomb, headers={"Content-Encoding": "gzip"})
    with pytest.raises(FetchError, match="over the 200000-byte limit"):
        fetcher.feed(server.url("/bomb"), NO_STOP)


def test_back_off_without_retry_after_doubles_per_refusal_and_resets() -> None:
    now = [100.0]
    politeness = Politeness(delay=1.0, clock=lambda: now[0])
    url = "http://127.0.0.1:1/feed"
    assert [politeness.back_off(url, None) for _ in range(3)] == [60.0, 120.0, 240.0]
    assert politeness.back_off(url, 5.0) == 5.0  # a Retry-After is taken as given
    politeness.answered(url)
    assert politeness.back_off(url, None) == 60.0
