"""`akhbar serve --db FILE --watch FEEDS.toml`: one command serves the page and polls the feeds into the store;
the stories appear on the page and in the Atom feed without a restart, and the whole stops cleanly."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("feedparser", reason="the [live] extra is not installed")

import contextlib

from tests.feeds.content import Item, rss
from tests.feeds.server import FeedServer
from tests.watch.conftest import feeds_toml, items, server

__all__ = ["items", "server"]
AKHBAR = [sys.executable, "-m", "akhbar"]


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=5) as response:
        body: bytes = response.read()
        return body


def test_serve_watches_feeds_into_the_page(tmp_path: Path, server: FeedServer, items: list[Item]) -> None:
    import feedparser

    server.set("/rss", body=rss(items, base=server.base))
    feeds = feeds_toml(tmp_path, [(server.url("/rss"), "الأولى")])
    db = tmp_path / "live.db"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen([*AKHBAR, "serve", "--db", str(db), "--watch", str(feeds), "--port", str(port)],
                               stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        stories: list[dict] = []
        while time.monotonic() < deadline and not stories:
            assert process.poll() is None, process.stderr.read().decode()  # type: ignore[union-attr]
            with contextlib.suppress(OSError):
                stories = json.loads(_get(f"{base}/api/stories"))["stories"]
            time.sleep(0.5)
        assert stories, "no story appeared"
        assert {a for s in stories for a in s["articles"]} <= {i.guid for i in items}
        feed = feedparser.parse(_get(f"{base}/stories.atom"))
        assert not feed.bozo and feed.entries
        page = _get(f"{base}/stories").decode()
        assert stories[0]["title"].split()[0] in page
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=90)
        finally:
            if process.poll() is None:
                process.kill()
    stderr = process.stderr.read().decode()  # type: ignore[union-attr]
    assert "watching 1 feeds" in stderr and "stopping the watcher" in stderr
    assert "Traceback" not in stderr


def test_watch_without_db_is_a_usage_error(tmp_path: Path) -> None:
    feeds = feeds_toml(tmp_path, [("http://127.0.0.1:9/rss", "x")])
    result = subprocess.run([*AKHBAR, "serve", "--watch", str(feeds)], capture_output=True, text=True, check=False)
    assert result.returncode == 2 and "--watch needs --db" in result.stderr
    bad = tmp_path / "bad.toml"
    bad.write_text("[[feed]]\nurl = 3\n", encoding="utf-8")
    result = subprocess.run([*AKHBAR, "serve", "--db", str(tmp_path / "x.db"), "--watch", str(bad)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2 and "error" in result.stderr
