"""Fixtures of the watcher's tests: the feed servers of tests/feeds, FEEDS.toml files, store reads."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

import pytest

pytest.importorskip("httpx", reason="the [live] extra is not installed")
pytest.importorskip("feedparser", reason="the [live] extra is not installed")

from tests.feeds.conftest import items, other_server, quick, server

__all__ = ["items", "other_server", "quick", "server"]

QUICK_WATCH = """[watch]
delay = 0.1
connect_timeout = 1
read_timeout = 0.5
total_timeout = 1.5
max_bytes = 200000
max_redirects = 3
max_retry_wait = 2
"""


def feeds_toml(tmp_path: Path, feeds: Sequence[tuple[str, str]], *, name: str = "FEEDS.toml",
               limits: str = QUICK_WATCH) -> Path:
    """A FEEDS.toml with quick limits (or ``limits``, a ``[watch]`` table) and ``(url, outlet)`` feeds."""
    text = limits + "".join(f'\n[[feed]]\nurl = "{url}"\noutlet = "{outlet}"\n' for url, outlet in feeds)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def rows(db: Path, query: str, *args: object) -> list[tuple]:
    connection = sqlite3.connect(db)
    try:
        return connection.execute(query, args).fetchall()
    finally:
        connection.close()
