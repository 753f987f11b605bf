"""Stories of a store (`akhbar serve --db`): the list (newest or largest first, search), each story's report."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from akhbar.config import load_config
from akhbar.records import Article
from akhbar.serve.app import create_app
from akhbar.serve.stories import ordered
from akhbar.store import Store
from akhbar.stories.build import group_stories
from akhbar.stories.records import Story
from tests.serve.conftest import OUTLETS


@pytest.fixture(scope="module")
def store_file(tmp_path_factory: pytest.TempPathFactory, seed_articles: tuple[Article, ...]) -> Path:
    db = tmp_path_factory.mktemp("store") / "stories.db"
    named = [replace(a, source=outlet) for a, outlet in zip(seed_articles, OUTLETS, strict=True)]
    with Store(db) as store:
        store.add_articles(named)
        store.replace_stories(group_stories(tuple(store.articles()), config=load_config()).stories)
    return db


@pytest.fixture
def served(store_file: Path, tmp_path: Path) -> TestClient:
    with TestClient(create_app(jobs_dir=tmp_path / "jobs", db=store_file)) as client:
        yield client


def test_the_list_holds_every_story_with_its_outlets(served: TestClient, store_file: Path) -> None:
    with Store(store_file) as store:
        stored = {s.id: s for s in store.stories()}
    body = served.get("/api/stories").json()
    assert body["total"] == len(stored) and {s["id"] for s in body["stories"]} == set(stored)
    listed = [s for s in body["stories"] if len(s["articles"]) > 1]
    assert listed and all(set(s["outlets"]) <= set(OUTLETS) for s in listed)
    largest = served.get("/api/stories", params={"order": "largest"}).json()["stories"]
    assert [len(s["articles"]) for s in largest] == sorted((len(s["articles"]) for s in largest), reverse=True)


def test_search_finds_the_story_of_a_word(served: TestClient, seed_articles: tuple[Article, ...]) -> None:
    merkel = [a.id for a in seed_articles if "ميركل" in a.body]
    assert merkel
    found = served.get("/api/stories", params={"q": "ميركل"}).json()["stories"]
    assert found and all(set(s["articles"]) & set(merkel) for s in found)
    assert served.get("/api/stories", params={"q": "كلمةلاتوجد"}).json() == {"total": 0, "offset": 0, "stories": []}


def test_one_story_has_a_cited_summary(served: TestClient) -> None:
    first = served.get("/api/stories", params={"order": "largest"}).json()["stories"][0]
    story = served.get(f"/api/stories/{first['id']}").json()
    assert story["summary"] and all(set(i["sources"]) <= set(first["articles"]) for i in story["summary"])
    assert "facts" in story
    assert served.get("/api/stories/nope").status_code == 404


def test_the_story_pages(served: TestClient) -> None:
    first = served.get("/api/stories", params={"order": "largest"}).json()["stories"][0]
    listing = served.get("/stories", params={"order": "largest"})
    assert listing.status_code == 200 and first["title"].split()[0] in listing.text
    searched = served.get("/stories", params={"q": "<script>"})
    assert searched.status_code == 200 and "&lt;script&gt;" in searched.text
    opened = served.get(f"/stories/{first['id']}", follow_redirects=False)
    assert opened.status_code == 303 and opened.headers["location"].startswith("/jobs/")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        page = served.get(opened.headers["location"])
        if 'class="summary"' in page.text:
            break
        time.sleep(0.1)
    assert 'class="summary"' in page.text and "story-head" in page.text
    assert any(outlet in page.text for outlet in OUTLETS)
    again = served.get(f"/stories/{first['id']}", follow_redirects=False)
    assert again.headers["location"] == opened.headers["location"]  # the finished job is reused


def test_without_a_store_the_stories_are_404(client: TestClient) -> None:
    response = client.get("/api/stories")
    assert response.status_code == 404 and "--db" in response.json()["detail"]
    assert "/stories" not in client.get("/").text


def test_order_is_newest_or_largest_first() -> None:
    stories = [Story("a", ("1",), (), "2018-01-01", "2018-01-02", "a"),
               Story("b", ("2", "3", "4"), (), "2017-01-01", "2017-01-01", "b"),
               Story("c", ("5", "6"), (), None, None, "c")]
    assert [s.id for s in ordered(stories, "newest")] == ["a", "b", "c"]
    assert [s.id for s in ordered(stories, "largest")] == ["b", "c", "a"]
