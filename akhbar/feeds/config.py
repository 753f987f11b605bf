"""FEEDS.toml: the feeds to watch, one ``[[feed]]`` table each, and optional ``[watch]`` settings.

```toml
[watch]                      # optional; every key optional
interval = 600               # seconds between polls of a feed (a feed's own `interval` wins)
delay = 1.0                  # seconds between two requests to one host (robots.txt Crawl-delay wins if longer)
connect_timeout = 5.0
read_timeout = 20.0
total_timeout = 60.0         # one response, headers to last byte (a server dripping bytes is cut here)
max_bytes = 5242880          # body size limit of a feed or a page
max_redirects = 5
contact = "mailto:newsroom@example.org"   # added to the User-Agent, so a site can reach you
project_url = "https://news.example.org/about-our-crawler"   # a page about this watcher (default: the
                                          # package's own project URL when its metadata has one)

[[feed]]
url = "https://www.example.com/rss.xml"   # RSS 2.0 or Atom 1.0, http or https
outlet = "المثال"                          # the outlet name every report shows
interval = 900                            # optional
```

Unknown keys, missing keys and bad values raise :class:`FeedsConfigError` naming the file and the key.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

DEFAULT_INTERVAL = 600.0
MIN_INTERVAL = 60.0  # a feed polled more often than once a minute is not polite


class FeedsConfigError(ValueError):
    """A FEEDS.toml that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True, slots=True)
class FetchSettings:
    connect_timeout: float = 5.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    delay: float = 1.0
    contact: str | None = None
    project_url: str | None = None  # a page about this watcher, in the User-Agent (default: the package's)
    # Retry-After up to this long is waited for within a poll; a longer one skips the feed until then.
    max_retry_wait: float = 30.0


@dataclass(frozen=True, slots=True)
class Feed:
    url: str
    outlet: str
    interval: float | None = None


@dataclass(frozen=True, slots=True)
class WatchConfig:
    feeds: tuple[Feed, ...]
    interval: float = DEFAULT_INTERVAL
    fetch: FetchSettings = field(default_factory=FetchSettings)
    path: str = "-"

    def interval_of(self, feed: Feed) -> float:
        return feed.interval if feed.interval is not None else self.interval


_WATCH_FLOATS = {"connect_timeout", "read_timeout", "total_timeout", "delay", "max_retry_wait"}
_WATCH_INTS = {"max_bytes", "max_redirects"}
_WATCH_KEYS = _WATCH_FLOATS | _WATCH_INTS | {"interval", "contact", "project_url"}
_FEED_KEYS = {"url", "outlet", "interval"}


def load_feeds(path: str | Path) -> WatchConfig:
    """Read and check a FEEDS.toml."""
    name = str(path)
    try:
        with Path(path).open("rb") as file:
            data = tomllib.load(file)
    except OSError as error:
        raise FeedsConfigError(f"{name}: cannot read: {error.strerror or error}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise FeedsConfigError(f"{name}: not valid TOML: {error}") from None
    return parse_feeds(data, name)


def parse_feeds(data: dict[str, object], name: str = "FEEDS.toml") -> WatchConfig:
    unknown = set(data) - {"feed", "watch"}
    if unknown:
        raise FeedsConfigError(f"{name}: unknown table or key {sorted(unknown)[0]!r} (use [[feed]] and [watch])")
    watch = data.get("watch", {})
    if not isinstance(watch, dict):
        raise FeedsConfigError(f"{name}: [watch] must be a table")
    settings, interval = _watch_settings(watch, name)
    feeds_raw = data.get("feed")
    if not isinstance(feeds_raw, list) or not feeds_raw:
        raise FeedsConfigError(f"{name}: no feed: add at least one [[feed]] table with url and outlet")
    feeds = tuple(_feed(item, f"{name}: feed {number}") for number, item in enumerate(feeds_raw, 1))
    seen: set[str] = set()
    for feed in feeds:
        if feed.url in seen:
            raise FeedsConfigError(f"{name}: the feed {feed.url} is listed twice")
        seen.add(feed.url)
    return WatchConfig(feeds, interval, settings, name)


def _watch_settings(watch: dict[str, object], name: str) -> tuple[FetchSettings, float]:
    unknown = set(watch) - _WATCH_KEYS
    if unknown:
        raise FeedsConfigError(f"{name}: [watch]: unknown key {sorted(unknown)[0]!r} "
                               f"(known: {', '.join(sorted(_WATCH_KEYS))})")
    values: dict[str, object] = {}
    for key, value in watch.items():
        where = f"{name}: [watch] {key}"
        if key in _WATCH_FLOATS:
            values[key] = _positive(value, where)
        elif key in _WATCH_INTS:
            number = _positive(value, where)
            if number != int(number):
                raise FeedsConfigError(f"{where}: must be a whole number, not {value!r}")
            values[key] = int(number)
        elif key == "contact":
            if not isinstance(value, str) or not value.strip() or any(c in value for c in "\r\n()"):
                raise FeedsConfigError(f"{where}: must be a URL or mailto: address on one line, without brackets")
            values[key] = value.strip()
        elif key == "project_url":
            if not isinstance(value, str) or not _is_http_url(value) or any(c in value for c in " \r\n()"):
                raise FeedsConfigError(f"{where}: must be an http:// or https:// address, not {value!r}")
            values[key] = value.strip()
    interval = _interval(watch["interval"], f"{name}: [watch] interval") if "interval" in watch else DEFAULT_INTERVAL
    return FetchSettings(**values), interval  # type: ignore[arg-type]


def _feed(item: object, where: str) -> Feed:
    if not isinstance(item, dict):
        raise FeedsConfigError(f"{where}: must be a table ([[feed]])")
    unknown = set(item) - _FEED_KEYS
    if unknown:
        raise FeedsConfigError(f"{where}: unknown key {sorted(unknown)[0]!r} (known: interval, outlet, url)")
    for key in ("url", "outlet"):
        if key not in item:
            raise FeedsConfigError(f"{where}: missing {key!r}")
    url, outlet = item["url"], item["outlet"]
    if not isinstance(url, str) or not _is_http_url(url):
        raise FeedsConfigError(f"{where}: url must be an http:// or https:// address, not {url!r}")
    if not isinstance(outlet, str) or not outlet.strip() or "\n" in outlet:
        raise FeedsConfigError(f"{where} ({url}): outlet must be a non-empty name on one line")
    interval = _interval(item["interval"], f"{where} ({url}): interval") if "interval" in item else None
    return Feed(url.strip(), outlet.strip(), interval)


def _is_http_url(url: str) -> bool:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _positive(value: object, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise FeedsConfigError(f"{where}: must be a positive number, not {value!r}")
    return float(value)


def _interval(value: object, where: str) -> float:
    seconds = _positive(value, where)
    if seconds < MIN_INTERVAL:
        raise FeedsConfigError(f"{where}: {seconds:g} s is too often; poll a feed at most once a minute")
    return seconds
