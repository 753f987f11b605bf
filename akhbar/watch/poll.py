"""One poll of one feed, run in its host's worker thread: the feed fetched (conditionally), parsed,
and each new or changed entry turned into a document (its own full text, else its linked page).

No writing here: what the store knows comes in (the validators, and a lookup of the fingerprints of the
entries the fetched feed lists, asked once the feed is parsed, so that a poll reads only what its feed
lists and never the store's whole history) and what was read goes out as a :class:`PollResult`, which the
one writer delivers.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from akhbar.feeds.config import Feed
from akhbar.feeds.fetch import FetchError, Response
from akhbar.feeds.parse import Entry, FeedError, entry_document, page_document, parse_feed
from akhbar.feeds.politeness import HostBusyError, StoppedError
from akhbar.feeds.session import Fetcher
from akhbar.ingest.readers import RawDocument
from akhbar.records import BadInput

Status = Literal["read", "not-modified", "skipped", "stopped"]
# Entry keys -> the fingerprint of what was read of each before (keys never read are absent).
Lookup = Callable[[Sequence[str]], Mapping[str, str]]


@dataclass(frozen=True, slots=True)
class FeedJob:
    feed: Feed
    etag: str | None = None
    last_modified: str | None = None
    seen: Lookup | None = None  # asked for the keys the fetched feed lists; None: nothing read before


@dataclass(frozen=True, slots=True)
class PollResult:
    feed: Feed
    status: Status
    problem: str | None = None  # why the feed was skipped
    retry_after: float | None = None  # seconds the host asked us to wait (429/503)
    etag: str | None = None
    last_modified: str | None = None
    documents: tuple[tuple[Entry, RawDocument], ...] = ()  # new or changed entries, read
    unchanged: tuple[Entry, ...] = ()  # entries read before with the same fingerprint
    errors: tuple[BadInput, ...] = ()  # entries skipped (page refused, too big, no text), by URL

    @property
    def read(self) -> bool:
        return self.status in ("read", "not-modified")


def poll_feed(job: FeedJob, fetcher: Fetcher, stop: threading.Event) -> PollResult:
    """Poll one feed; never raises for a network or content problem (it is in the result)."""
    feed = job.feed
    answer = _fetch(job, fetcher, stop)
    if isinstance(answer, PollResult):
        return answer
    try:
        parsed = parse_feed(answer.body, url=answer.url, content_type=answer.content_type)
    except FeedError as error:
        return PollResult(feed, "skipped", str(error))
    seen = job.seen([entry.key for entry in parsed.entries]) if job.seen is not None else {}
    documents: list[tuple[Entry, RawDocument]] = []
    unchanged: list[Entry] = []
    errors = [BadInput(feed.url, problem) for problem in parsed.problems]
    for entry in parsed.entries:
        if seen.get(entry.key) == entry.fingerprint:
            unchanged.append(entry)
            continue
        if stop.is_set():
            return _partial(feed, documents, unchanged, errors)
        document = _document(entry, feed, fetcher, stop)
        if isinstance(document, BadInput):
            errors.append(document)
        elif document is None:
            return _partial(feed, documents, unchanged, errors)
        else:
            documents.append((entry, document))
    return PollResult(feed, "read", etag=answer.etag, last_modified=answer.last_modified,
                      documents=tuple(documents), unchanged=tuple(unchanged), errors=tuple(errors))


def _fetch(job: FeedJob, fetcher: Fetcher, stop: threading.Event) -> Response | PollResult:
    """The feed's new body, or the poll's outcome when there is none (not modified, refused, stopped)."""
    feed = job.feed
    try:
        answer = fetcher.feed(feed.url, stop, etag=job.etag, last_modified=job.last_modified)
    except StoppedError:
        return PollResult(feed, "stopped", "stopped before the feed was read")
    except HostBusyError as busy:
        return PollResult(feed, "skipped", str(busy).removeprefix(f"{feed.url}: "), retry_after=busy.seconds)
    except FetchError as error:
        return PollResult(feed, "skipped", error.problem, retry_after=error.retry_after)
    if answer.not_modified:
        return PollResult(feed, "not-modified", etag=job.etag, last_modified=job.last_modified)
    return answer


def _partial(feed: Feed, documents: list[tuple[Entry, RawDocument]], unchanged: list[Entry],
             errors: list[BadInput]) -> PollResult:
    """StoppedError in the middle: what was read is kept, the validators are not (the next run reads it all)."""
    return PollResult(feed, "stopped", "stopped before every entry was read", documents=tuple(documents),
                      unchanged=tuple(unchanged), errors=tuple(errors))


def _document(entry: Entry, feed: Feed, fetcher: Fetcher, stop: threading.Event) -> RawDocument | BadInput | None:
    """The entry's document: its own full text, else its page; None when stopped while waiting."""
    if entry.text:
        return entry_document(entry, outlet=feed.outlet, feed_url=feed.url)
    if not entry.link:
        return BadInput(f"{feed.url} [{entry.key}]", "the entry has no full text and no link to its page")
    try:
        answer = fetcher.page(entry.link, stop)
    except StoppedError:
        return None
    except HostBusyError as busy:
        return BadInput(entry.link, str(busy).removeprefix(f"{entry.link}: "))
    except FetchError as error:
        return BadInput(entry.link, error.problem)
    return page_document(answer.body, answer.content_type, entry=entry, outlet=feed.outlet)
