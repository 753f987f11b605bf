"""A watcher's requests: one HTTP client, the per-host politeness, robots.txt for article pages, and
one retry after a short ``Retry-After``.

robots.txt follows RFC 9309: it is read once per host (through the same politeness) and kept for a
day; a 4xx means no rules (everything allowed), a 5xx or no answer means the whole host is off-limits
for now (asked again after ``_ROBOTS_RETRY`` seconds). Feeds themselves are what the user subscribed
to and are not checked against robots.txt; article pages are.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from akhbar.feeds.config import FetchSettings
from akhbar.feeds.fetch import FetchError, Response, fetch, make_client, user_agent
from akhbar.feeds.politeness import Politeness, host_of

if TYPE_CHECKING:
    import httpx
    from protego import Protego

FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
_ROBOTS_TTL = 24 * 3600.0
_ROBOTS_RETRY = 600.0
_ROBOTS_MAX_BYTES = 500 * 1024  # RFC 9309: at least 500 KiB must be read


@dataclass(frozen=True, slots=True)
class _Rules:
    parser: Protego | None  # None: everything allowed
    blocked: str | None  # set: the whole host is off-limits (why)
    expires: float


class Fetcher:
    """Polite GETs for one watcher; thread-safe (one client, per-host locks)."""

    def __init__(self, settings: FetchSettings, *, client: httpx.Client | None = None,
                 politeness: Politeness | None = None) -> None:
        self.settings = settings
        self.client = client or make_client(settings)
        self.politeness = politeness or Politeness(settings.delay, max_wait=settings.max_retry_wait)
        self._agent = user_agent(settings)
        self._robots: dict[str, _Rules] = {}
        self._robots_lock = threading.Lock()

    def close(self) -> None:
        self.client.close()

    def feed(self, url: str, stop: threading.Event, *, etag: str | None = None,
             last_modified: str | None = None) -> Response:
        return self._get(url, stop, accept=FEED_ACCEPT, etag=etag, last_modified=last_modified)

    def page(self, url: str, stop: threading.Event) -> Response:
        """An article page, if robots.txt allows it (else :class:`FetchError`)."""
        why = self.disallowed(url, stop)
        if why:
            raise FetchError(url, why)
        return self._get(url, stop, accept=PAGE_ACCEPT)

    def disallowed(self, url: str, stop: threading.Event) -> str | None:
        """Why robots.txt forbids ``url`` to us, or None."""
        rules = self._rules(url, stop)
        if rules.blocked:
            return rules.blocked
        if rules.parser is not None and not rules.parser.can_fetch(url, self._agent):
            return "disallowed by the site's robots.txt"
        return None

    def _get(self, url: str, stop: threading.Event, *, accept: str, etag: str | None = None,
             last_modified: str | None = None, limit: int | None = None) -> Response:
        settings = self.settings if limit is None else _with_limit(self.settings, limit)
        for attempt in (1, 2):
            with self.politeness.turn(url, stop):
                try:
                    answer = fetch(self.client, url, settings, accept=accept, etag=etag, last_modified=last_modified)
                except FetchError as error:
                    if error.status not in (429, 503):
                        raise
                    waited = self.politeness.back_off(url, error.retry_after)
                    if attempt == 2 or waited > self.settings.max_retry_wait:
                        raise
                    continue  # the next turn waits out the Retry-After
            self.politeness.answered(url)
            return answer
        raise AssertionError("unreachable")  # pragma: no cover

    def _rules(self, url: str, stop: threading.Event) -> _Rules:
        host = host_of(url)
        with self._robots_lock:
            known = self._robots.get(host)
        if known is not None and known.expires > time.monotonic():
            return known
        rules = self._read_robots(url, stop)
        with self._robots_lock:
            self._robots[host] = rules
        return rules

    def _read_robots(self, url: str, stop: threading.Event) -> _Rules:
        from urllib.parse import urlsplit, urlunsplit

        from protego import Protego

        parts = urlsplit(url)
        robots_url = urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))
        now = time.monotonic()
        try:
            answer = self._get(robots_url, stop, accept="text/plain", limit=_ROBOTS_MAX_BYTES)
        except FetchError as error:
            if error.status is not None and 400 <= error.status < 500 and error.status != 429:
                return _Rules(None, None, now + _ROBOTS_TTL)
            return _Rules(None, f"robots.txt could not be read ({error.problem}): the site is left alone for now",
                          now + _ROBOTS_RETRY)
        text = answer.body.decode("utf-8", errors="replace")
        parser = Protego.parse(text)
        self.politeness.set_crawl_delay(url, parser.crawl_delay(self._agent))
        return _Rules(parser, None, now + _ROBOTS_TTL)


def _with_limit(settings: FetchSettings, limit: int) -> FetchSettings:
    from dataclasses import replace

    return replace(settings, max_bytes=limit)
