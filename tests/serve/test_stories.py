"""Stories of a store (`akhbar serve --db`): the list (latest-updated first, marks since the last visit,
changes since a sequence number), the story page from the report cached for its revision, merged ids that
redirect, the Atom feed, and reads that never wait for a writer."""

from __future__ import annotations

import sqlite3
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from akhbar.config import load_config
from akhbar.records import Article
from akhbar.serve.jobs import JobOutput, Progress, Work
from akhbar.serve.routers import stories as stories_router
from akhbar.serve.stories import ordered
from akhbar.store import Store
from akhbar.store.loader import ingest_into
from akhbar.store.update import ReportSettings, refresh_reports, update_stories
from akhbar.stories.records import Story
from tests.serve.conftest import OUTLETS
from tests.stories.test_cluster import FOOTBALL, QUAKE, QUAKE_2, SUMMIT, SUMMIT_2

CONFIG = load_config()
HOSTILE_TITLE = 'زلزال <script>alert("x")</script> & «لومبوك»'


def _others() -> list[Article]:
    day = "2018-08-06"
    return [Article("q1", QUAKE, HOSTILE_TITLE, day, "منفذ س"), Article("q2", QUAKE_2, None, day, "منفذ ص"),
            Article("s1", SUMMIT, None, day, "منفذ س"), Article("s2", SUMMIT_2, None, day, "منفذ ص"),
            Article("f1", FOOTBALL, None, day, "منفذ س")]


@pytest.fixture
def store_file(tmp_path: Path, seed_articles: tuple[Article, ...]) -> Path:
    db = tmp_path / "stories.db"
    named = [replace(a, source=outlet) for a, outlet in zip(seed_articles, OUTLETS, strict=True)]
    with Store(db) as store:
        ingest_into(store, [*named, *_others()], config=CONFIG)
        update_stories(store, config=CONFIG)
        refresh_reports(store, config=CONFIG, settings=ReportSettings(with_facts=False))
    return db


def _story_of(db: Path, article: str) -> str:
    with Store.open_readonly(db) as store:
        found = store.story_of(article)
    assert found is not None
    return found


def _touch(db: Path, story_id: str) -> None:
    with Store(db) as store:
        store.touch_stories([story_id], "grown")


def test_the_list_is_latest_updated_first(served: TestClient, store_file: Path) -> None:
    body = served.get("/api/stories").json()
    with Store.open_readonly(store_file) as store:
        live = {s.id for s in store.stories()}
    assert body["total"] == len(live) and {s["id"] for s in body["stories"]} == live and body["last_change"] > 0
    updated = [s["updated_at"] for s in body["stories"]]
    assert updated == sorted(updated, reverse=True)
    quake = _story_of(store_file, "q1")
    _touch(store_file, quake)
    assert served.get("/api/stories").json()["stories"][0]["id"] == quake
    largest = served.get("/api/stories", params={"order": "largest"}).json()["stories"]
    assert [len(s["articles"]) for s in largest] == sorted((len(s["articles"]) for s in largest), reverse=True)


def test_search_finds_the_story_of_a_word(served: TestClient, seed_articles: tuple[Article, ...]) -> None:
    merkel = [a.id for a in seed_articles if "ميركل" in a.body]
    assert merkel
    found = served.get("/api/stories", params={"q": "ميركل"}).json()["stories"]
    assert found and all(set(s["articles"]) & set(merkel) for s in found)
    empty = served.get("/api/stories", params={"q": "كلمةلاتوجد"}).json()
    assert empty["total"] == 0 and empty["stories"] == []


def test_changes_since_a_sequence_number(served: TestClient, store_file: Path) -> None:
    before = served.get("/api/stories").json()["last_change"]
    assert served.get("/api/stories", params={"since": before}).json()["changed"] == []
    summit = _story_of(store_file, "s1")
    _touch(store_file, summit)
    after = served.get("/api/stories", params={"since": before}).json()
    assert [(s["id"], s["action"]) for s in after["changed"]] == [(summit, "grown")]
    assert after["last_change"] == before + 1 and after["more"] is False


def test_the_page_marks_what_changed_since_the_last_visit(served: TestClient, store_file: Path) -> None:
    first = served.get("/stories")
    assert first.status_code == 200 and 'class="changed"' not in first.text  # a first visit: nothing to mark
    football = _story_of(store_file, "f1")
    _touch(store_file, football)
    served.cookies.delete("akhbar_visit")  # half an hour later: a new visit
    again = served.get("/stories").text
    marked = again.split('class="changed"')
    assert len(marked) == 2 and f'data-story="{football}"' in marked[0].rsplit("<li", 1)[1]
    assert "تحدّثت" in again and 'data-live="yes"' in again


def test_a_story_page_shows_the_report_of_its_current_revision(served: TestClient, store_file: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()  # the rebuild waits until the stale answers were seen (a fast machine finished it)
    make_work = stories_router._story_work

    def held_work(*args: Any) -> Work:
        work = make_work(*args)

        def held(progress: Progress) -> JobOutput:
            release.wait(60)
            return work(progress)
        return held

    monkeypatch.setattr(stories_router, "_story_work", held_work)
    summit = _story_of(store_file, "s1")
    cached = served.get(f"/stories/{summit}", follow_redirects=False)
    assert cached.status_code == 200 and 'class="summary"' in cached.text and "story-head" in cached.text
    api = served.get(f"/api/stories/{summit}").json()
    assert api["summary"] and set(api["articles"]) == {"s1", "s2"}
    _touch(store_file, summit)  # the store moved on: the cached report is older than the story now
    stale = served.get(f"/stories/{summit}", follow_redirects=False)  # the older report at once, marked
    assert stale.status_code == 200 and 'class="stale"' in stale.text and 'class="summary"' in stale.text
    job = stale.text.split('class="stale"', 1)[1].split('href="', 1)[1].split('"', 1)[0]
    assert job.startswith("/jobs/")
    marked = served.get(f"/api/stories/{summit}").json()  # the API too: the cached report, marked stale
    assert marked["report_stale"] is True and marked["report_revision"] == api["revision"]
    assert marked["revision"] == api["revision"] + 1 and marked["summary"] and marked["rebuilding"] == job
    release.set()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        page = served.get(job)
        if 'class="summary"' in page.text:
            break
        time.sleep(0.1)
    assert 'class="summary"' in page.text and "منفذ س" in page.text
    again = served.get(f"/stories/{summit}", follow_redirects=False)
    assert again.status_code == 303 and again.headers["location"] == job  # the same revision's job, done
    current = served.get(f"/api/stories/{summit}").json()  # the rebuilt report, no longer marked
    assert current["revision"] == api["revision"] + 1 and "report_stale" not in current and current["summary"]
    assert served.get("/api/stories/nope").status_code == 404 and served.get("/stories/nope").status_code == 404


def test_a_merged_story_redirects_to_the_story_it_joined(served: TestClient, store_file: Path) -> None:
    quake = _story_of(store_file, "q1")
    with Store(store_file) as store:
        story = Story("story-old", (), ("منفذ س",), None, None, "قديمة")
        with store.transaction():
            store.put_story(story, created_at="2018-01-01T00:00:00+00:00", updated_at="2018-01-01T00:00:00+00:00",
                            revision=1)
    with sqlite3.connect(store_file) as db:  # as a merge leaves it: the row kept, pointing to the live story
        db.execute("UPDATE stories SET merged_into = ? WHERE id = 'story-old'", (quake,))
    page = served.get("/stories/story-old", follow_redirects=False)
    assert page.status_code == 308 and page.headers["location"] == f"/stories/{quake}"
    api = served.get("/api/stories/story-old", follow_redirects=False)
    assert api.status_code == 308 and api.headers["location"] == f"/api/stories/{quake}"
    assert "story-old" not in {s["id"] for s in served.get("/api/stories").json()["stories"]}


def test_the_atom_feed_is_valid_and_its_entries_stable(served: TestClient, store_file: Path) -> None:
    feedparser = pytest.importorskip("feedparser")
    response = served.get("/stories.atom")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10" and feed.feed.language == "ar"
    quake = _story_of(store_file, "q1")
    by_link = {e.link.rsplit("/", 1)[1]: e for e in feed.entries}
    entry = by_link[quake]
    assert entry.title == HOSTILE_TITLE and entry.link == f"http://testserver/stories/{quake}"
    assert "<script>" not in response.text and "&lt;script&gt;" in response.text
    time.sleep(0.01)
    _touch(store_file, quake)
    moved = {e.id: e for e in feedparser.parse(served.get("/stories.atom").content).entries}
    assert entry.id in moved and moved[entry.id].updated_parsed >= entry.updated_parsed
    assert moved[entry.id].updated != entry.updated
    assert feedparser.parse(served.get("/stories.atom").content).entries[0].id == entry.id


def test_reads_never_wait_for_a_writer(served: TestClient, store_file: Path) -> None:
    held = threading.Event()
    release = threading.Event()

    def writer() -> None:
        with Store(store_file) as store, store.transaction():
            store.touch_stories([_story_of(store_file, "q1")], "grown")
            held.set()
            release.wait(30)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert held.wait(30)
        started = time.monotonic()
        for path in ("/api/stories", "/stories", "/stories.atom", f"/api/stories/{_story_of(store_file, 's1')}"):
            assert served.get(path).status_code == 200, path
        assert time.monotonic() - started < 5
    finally:
        release.set()
        thread.join()


def test_without_a_store_the_stories_are_404(client: TestClient) -> None:
    response = client.get("/api/stories")
    assert response.status_code == 404 and response.json()["code"] == "no_store" and "--db" in response.json()["detail"]
    assert "/stories" not in client.get("/").text


def test_order_is_newest_or_largest_first() -> None:
    stories = [Story("a", ("1",), (), "2018-01-01", "2018-01-02", "a"),
               Story("b", ("2", "3", "4"), (), "2017-01-01", "2017-01-01", "b"),
               Story("c", ("5", "6"), (), None, None, "c")]
    assert [s.id for s in ordered(stories, "newest")] == ["a", "b", "c"]
    assert [s.id for s in ordered(stories, "largest")] == ["b", "c", "a"]


def test_a_story_opened_since_is_new_even_when_it_grew_after(served: TestClient, store_file: Path) -> None:
    before = served.get("/api/stories").json()["last_change"]
    with Store(store_file) as store, store.transaction():
        store.put_story(Story("story-fresh", (), ("منفذ س",), None, None, "جديدة"),
                        created_at="2018-01-01T00:00:00+00:00", updated_at="2018-01-01T00:00:00+00:00", revision=1)
        store._db.execute("INSERT INTO changes (at, kind, id, action) VALUES ('2018-01-01', 'story', 'story-fresh', "
                          "'created')")
    _touch(store_file, "story-fresh")
    changed = served.get("/api/stories", params={"since": before}).json()["changed"]
    assert [(s["id"], s["action"]) for s in changed] == [("story-fresh", "created")]


def test_a_position_the_store_never_had_asks_for_a_reload(served: TestClient) -> None:
    last = served.get("/api/stories").json()["last_change"]
    answer = served.get("/api/stories", params={"since": last + 1000}).json()
    assert answer["more"] is True and answer["last_change"] == last and answer["changed"] == []
