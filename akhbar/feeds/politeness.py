"""Per-host politeness: one request at a time to a host, at least ``delay`` seconds between two of
them (a robots.txt ``Crawl-delay`` wins when it is longer), and a back-off when the host answers
429/503 (until its ``Retry-After``, else an interval that doubles with each refusal).

Shared by every worker thread of a watcher: each host has its own lock, so a slow host makes only its
own requests wait, never another host's.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

DEFAULT_BACK_OFF = 60.0
MAX_BACK_OFF = 6 * 3600.0


class StoppedError(Exception):
    """The watcher was asked to stop while a request waited for its turn."""


class HostBusyError(Exception):
    """The host asked us to wait longer than a poll may: the request is skipped until then."""

    def __init__(self, url: str, seconds: float) -> None:
        super().__init__(f"{url}: the host asked to wait {seconds:.0f} s more (Retry-After); skipped until then")
        self.url, self.seconds = url, seconds


@dataclass(slots=True)
class _Host:
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_at: float = 0.0
    crawl_delay: float = 0.0
    refusals: int = 0


def host_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{(parts.hostname or '').lower()}:{parts.port or ''}"


class Politeness:
    """The turn-taking of all requests of one watcher, host by host."""

    def __init__(self, delay: float = 1.0, *, max_wait: float = 30.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.delay, self.max_wait, self._clock = delay, max_wait, clock
        self._hosts: dict[str, _Host] = {}
        self._guard = threading.Lock()

    def _host(self, url: str) -> _Host:
        key = host_of(url)
        with self._guard:
            return self._hosts.setdefault(key, _Host())

    @contextmanager
    def turn(self, url: str, stop: threading.Event) -> Iterator[None]:
        """Wait for this host's turn (raising :class:`StoppedError` or :class:`HostBusyError` instead of waiting
        past a stop or ``max_wait``), make the request inside the block, then start the host's delay."""
        host = self._host(url)
        with host.lock:
            wait = host.next_at - self._clock()
            if wait > self.max_wait:
                raise HostBusyError(url, wait)
            if wait > 0 and stop.wait(wait):
                raise StoppedError
            if stop.is_set():
                raise StoppedError
            try:
                yield
            finally:
                host.next_at = max(host.next_at, self._clock() + max(self.delay, host.crawl_delay))

    def back_off(self, url: str, retry_after: float | None) -> float:
        """The host refused (429/503): no request to it before ``retry_after`` seconds, or, when it did
        not say, a back-off that doubles with each refusal in a row. Returns the seconds chosen."""
        host = self._host(url)
        host.refusals += 1
        seconds = retry_after if retry_after is not None else DEFAULT_BACK_OFF * 2 ** (host.refusals - 1)
        seconds = min(seconds, MAX_BACK_OFF)
        host.next_at = max(host.next_at, self._clock() + seconds)
        return seconds

    def answered(self, url: str) -> None:
        """A normal answer: the refusals in a row start again from zero."""
        self._host(url).refusals = 0

    def set_crawl_delay(self, url: str, seconds: float | None) -> None:
        """The host's robots.txt, just read, asks for this delay: it holds from that request on."""
        if seconds:
            host = self._host(url)
            host.crawl_delay = float(seconds)
            host.next_at = max(host.next_at, self._clock() + host.crawl_delay)

    def delay_of(self, url: str) -> float:
        return max(self.delay, self._host(url).crawl_delay)
