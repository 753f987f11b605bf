"""One HTTP GET under limits: connect and read timeouts, a deadline for the whole body, a body size
limit enforced while streaming, a few redirects at most, an honest User-Agent, conditional headers.

Every failure is a :class:`FetchError` naming the URL and the problem, with the ``Retry-After`` of a
429 or 503 when the server gave one: the caller reports it and goes on with the other feeds.
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING

from akhbar import __version__
from akhbar.feeds.config import FetchSettings

if TYPE_CHECKING:
    import httpx

_BACK_OFF_STATUSES = (429, 503)


@dataclass(frozen=True, slots=True)
class Response:
    """A body read whole (under the limit), or a 304: ``not_modified`` and no body."""

    url: str  # after redirects
    status: int
    body: bytes
    content_type: str | None
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class FetchError(Exception):
    """A request that gave nothing usable: ``problem`` says why; ``retry_after`` is in seconds."""

    def __init__(self, url: str, problem: str, *, status: int | None = None,
                 retry_after: float | None = None) -> None:
        super().__init__(f"{url}: {problem}")
        self.url, self.problem, self.status, self.retry_after = url, problem, status, retry_after


def user_agent(settings: FetchSettings) -> str:
    """``akhbar/<version> (+<project url>; <contact>)``: who asks, and where to read about it and whom to
    write to. The URL is ``[watch] project_url``, else the one the installed package's metadata declares;
    a part nobody gave is left out rather than made up."""
    url = settings.project_url or package_url()
    parts = [f"+{url}"] if url else []
    if settings.contact:
        parts.append(settings.contact)
    return f"akhbar/{__version__}" + (f" ({'; '.join(parts)})" if parts else "")


@functools.cache
def package_url() -> str | None:
    """The project URL the installed package declares (pyproject ``[project.urls]``: Homepage, else the
    first), or None."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        meta = metadata("akhbar")
    except PackageNotFoundError:
        return None
    urls = [entry.split(",", 1) for entry in meta.get_all("Project-URL") or [] if "," in entry]
    named = {label.strip().lower(): url.strip() for label, url in urls}
    found = named.get("homepage") or next(iter(named.values()), None) or (meta.get_all("Home-page") or [None])[0]
    return found if found and found.startswith(("http://", "https://")) else None


def make_client(settings: FetchSettings) -> httpx.Client:
    """The one client of a watcher (connection pooling, thread-safe). httpx is imported here only."""
    import httpx

    timeout = httpx.Timeout(settings.read_timeout, connect=settings.connect_timeout)
    return httpx.Client(timeout=timeout, follow_redirects=True, max_redirects=settings.max_redirects,
                        headers={"User-Agent": user_agent(settings), "Accept-Encoding": "gzip, deflate"},
                        trust_env=False)


def fetch(client: httpx.Client, url: str, settings: FetchSettings, *, accept: str = "*/*",
          etag: str | None = None, last_modified: str | None = None) -> Response:
    """GET ``url``; a 304 is returned (``not_modified``), any other status but 2xx raises."""
    import httpx

    headers = {"Accept": accept}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    started = time.monotonic()
    try:
        with client.stream("GET", url, headers=headers) as answer:
            status = answer.status_code
            if status == 304:
                return Response(str(answer.url), status, b"", None, etag, last_modified)
            if status in _BACK_OFF_STATUSES:
                raise FetchError(url, f"HTTP {status} (the server asks to slow down)", status=status,
                                 retry_after=retry_after_seconds(answer.headers.get("Retry-After")))
            if not 200 <= status < 300:
                raise FetchError(url, f"HTTP {status} {answer.reason_phrase}".rstrip(), status=status)
            body = _read_limited(answer, url, settings, started)
            return Response(str(answer.url), status, body, answer.headers.get("Content-Type"),
                            answer.headers.get("ETag"), answer.headers.get("Last-Modified"))
    except httpx.TooManyRedirects:
        raise FetchError(url, f"more than {settings.max_redirects} redirects (a redirect loop?)") from None
    except httpx.ConnectTimeout:
        raise FetchError(url, f"no connection within {settings.connect_timeout:g} s") from None
    except httpx.TimeoutException:
        raise FetchError(url, f"no answer within {settings.read_timeout:g} s") from None
    except httpx.DecodingError as error:
        raise FetchError(url, f"the compressed body cannot be read ({error})") from None
    except httpx.HTTPError as error:
        raise FetchError(url, f"{type(error).__name__}: {error}") from None


def _read_limited(answer: httpx.Response, url: str, settings: FetchSettings, started: float) -> bytes:
    """The body, stopped at the size limit or the deadline: a server that sends forever, or a byte a
    second (each read within the read timeout), is cut off either way."""
    limit = settings.max_bytes
    declared = answer.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FetchError(url, f"the body is over the {limit}-byte limit ({int(declared)} bytes declared)")
    pieces: list[bytes] = []
    total = 0
    for piece in answer.iter_bytes():  # as they arrive, decompressed: the limit bounds what we hold, not what was sent
        total += len(piece)
        if total > limit:
            raise FetchError(url, f"the body is over the {limit}-byte limit")
        if time.monotonic() - started > settings.total_timeout:
            raise FetchError(url, f"the body took over {settings.total_timeout:g} s")
        pieces.append(piece)
    return b"".join(pieces)


def retry_after_seconds(value: str | None, *, now: datetime | None = None) -> float | None:
    """``Retry-After`` as seconds from now: a number of seconds or an HTTP date; None if absent or bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
