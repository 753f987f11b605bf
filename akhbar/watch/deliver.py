"""What one poll read, written to the store in one transaction: the articles (through ingest, the one
door: RawDocument -> Article), their sketches and duplicate links, the entries' fingerprints and the
feed's state. A kill -9 before the commit leaves the store as before the poll; after it, as after.
Rerunning the poll then finds every entry stored (same id, guid or canonical url) and doubles nothing.

Article ids: the entry's guid (Atom id), else its canonical link. When another outlet's article holds
that guid or link already (one item in two outlets' feeds, wire copy), this outlet's copy is its own
article, ``<key>#<outlet>``: two articles and a duplicate link between them, never one article with
two outlets.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from akhbar.config import Config
from akhbar.feeds.config import Feed
from akhbar.feeds.parse import Entry
from akhbar.ingest import to_article
from akhbar.records import Article, BadInput
from akhbar.store.feeds import FeedState, put_entries, put_feed_state, stored_article
from akhbar.store.loader import Deduplicator, ingest_into
from akhbar.store.store import Provenance, Store
from akhbar.watch.poll import PollResult


@dataclass(frozen=True, slots=True)
class Delivered:
    new: tuple[str, ...] = ()
    revised: tuple[str, ...] = ()
    unchanged: int = 0
    errors: tuple[BadInput, ...] = ()  # entries that gave no article (no text left after cleaning)
    duplicates: int = 0  # duplicate links made


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def deliver(store: Store, result: PollResult, *, previous: FeedState | None, config: Config, now: datetime,
            next_in: float, dedup: Deduplicator | None = None) -> Delivered:
    """Write ``result`` and the feed's new state; ``next_in`` is the seconds until the next poll.
    ``dedup``, kept by the caller from poll to poll, is a handle on the store's duplicate index (it holds
    nothing of the articles: the index is read from the store per new article); drop it if this raises."""
    feed = result.feed
    at = iso(now)
    articles: list[Article] = []
    provenance: dict[str, Provenance] = {}
    read: list[tuple[Entry, str]] = []  # (entry, article id)
    errors: list[BadInput] = []
    with store.transaction():
        for entry, document in result.documents:
            made = to_article(document)
            if isinstance(made, BadInput):
                errors.append(made)
                continue
            article_id, origin = _identity(store, entry, feed, at)
            if article_id in provenance:  # the same entry twice in one feed: the first is kept
                continue
            articles.append(replace(made, id=article_id))
            provenance[article_id] = origin
            read.append((entry, article_id))
        summary = ingest_into(store, articles, config=config, provenance=provenance, dedup=dedup)
        put_entries(store, feed.url, [(entry.key, _stored_id(store, article_id, provenance[article_id]),
                                       entry.fingerprint) for entry, article_id in read], at=at)
        put_feed_state(store, _next_state(result, previous, now, next_in))
    return Delivered(tuple(summary.new_ids), summary.revised, summary.unchanged, tuple(errors),
                     summary.exact + summary.near)


def record_failure(store: Store, result: PollResult, *, previous: FeedState | None, now: datetime,
                   next_in: float) -> None:
    """A feed skipped for this poll: its failure and when to try again (validators kept)."""
    put_feed_state(store, _next_state(result, previous, now, next_in))


def _identity(store: Store, entry: Entry, feed: Feed, at: str) -> tuple[str, Provenance]:
    stored = stored_article(store, article_id=entry.key, guid=entry.guid, canonical_url=entry.link)
    if stored is None or stored[1] == feed.outlet:
        return entry.key, Provenance(entry.guid, entry.link, feed.url, at)
    # Wire copy: another outlet holds this guid or link. Its own id, found again by that id alone
    # (the guid column is unique, and the link would find the other outlet's article).
    return f"{entry.key}#{feed.outlet}", Provenance(None, None, feed.url, at)


def _stored_id(store: Store, article_id: str, origin: Provenance) -> str:
    """The id the entry's article is stored under: its own, or that of the article it was found as."""
    found = stored_article(store, article_id=article_id, guid=origin.guid, canonical_url=origin.canonical_url)
    return found[0] if found else article_id


def _next_state(result: PollResult, previous: FeedState | None, now: datetime, next_in: float) -> FeedState:
    feed = result.feed
    failures = 0 if result.read else (previous.failures if previous else 0) + (result.status == "skipped")
    keep = previous if previous is not None else FeedState(feed.url, feed.outlet)
    etag, modified = ((result.etag, result.last_modified) if result.status == "read"
                      else (keep.etag, keep.last_modified))
    return FeedState(feed.url, feed.outlet, etag, modified, iso(now), iso(now + timedelta(seconds=next_in)),
                     failures, None if result.read else result.problem)
