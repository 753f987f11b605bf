"""Fixtures of the feed tests: loopback feed servers, quick fetch settings, real articles."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

pytest.importorskip("httpx", reason="the [live] extra is not installed")
pytest.importorskip("feedparser", reason="the [live] extra is not installed")

from akhbar.feeds.config import FetchSettings
from tests.feeds.content import Item, seed_items
from tests.feeds.server import FeedServer


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as running:
        yield running


@pytest.fixture
def other_server() -> Iterator[FeedServer]:
    """A second host (another port): politeness is per host."""
    with FeedServer() as running:
        yield running


@pytest.fixture
def quick() -> FetchSettings:
    """Limits small enough for a test to meet them in well under a second."""
    return FetchSettings(connect_timeout=1.0, read_timeout=0.5, total_timeout=1.5, max_bytes=200_000,
                         max_redirects=3, delay=0.2, max_retry_wait=2.0)


@pytest.fixture(scope="session")
def items() -> list[Item]:
    return seed_items()
