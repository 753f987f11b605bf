"""Real articles from ANT (when ../shared/data is there) served as the outlets' feeds: RSS with full
text for some outlets, Atom with links to article pages for the others."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from akhbar.store import Store
from tests.data_paths import needs_ant
from tests.feeds.content import Item, ant_items, atom, page, rss
from tests.feeds.server import FeedServer
from tests.watch.conftest import feeds_toml
from tests.watch.test_watch_cli import watch

pytestmark = needs_ant


def test_ant_articles_come_in_whole_through_rss_and_atom_feeds(tmp_path: Path, server: FeedServer) -> None:
    by_outlet: dict[str, list[Item]] = defaultdict(list)
    for item in ant_items(400):
        if len(by_outlet[item.guid.split("-")[1]]) < 12:
            by_outlet[item.guid.split("-")[1]].append(item)
    feeds = []
    for number, (outlet, items) in enumerate(sorted(by_outlet.items())):
        if number % 2:
            server.set(f"/{outlet}.atom", body=atom(items, base=server.base, full_text=False),
                       content_type="application/atom+xml")
            for item in items:
                server.set(item.path, body=page(item), content_type="text/html; charset=utf-8")
            feeds.append((server.url(f"/{outlet}.atom"), outlet))
        else:
            server.set(f"/{outlet}.rss", body=rss(items, base=server.base))
            feeds.append((server.url(f"/{outlet}.rss"), outlet))
    db = tmp_path / "store.db"
    result = watch(feeds_toml(tmp_path, feeds), db)
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        for outlet, items in by_outlet.items():
            for item in items:
                article = store.article(item.guid)
                assert article is not None and article.source == outlet
                # The text as the outlet wrote it: its longest paragraph is in the stored body.
                longest = max(item.text.split("\n"), key=len).strip()
                assert " ".join(longest.split()[:12]) in " ".join(article.body.split()), item.guid
