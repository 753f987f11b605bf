"""A storyline's page (`akhbar serve --db`): its events as a dated timeline, each summarized, cited and linked to
its page; the story page and the list link to the storyline; a merged storyline redirects (308); text escaped."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from akhbar.config import load_config
from akhbar.records import Article
from akhbar.store import Store
from akhbar.store.loader import ingest_into
from akhbar.store.storylines import stored_storylines, update_storylines
from akhbar.store.update import ReportSettings, refresh_reports, update_stories
from tests.serve.conftest import OUTLETS
from tests.stories.test_storylines import ADMISSION, INQUIRY, MISSING

CONFIG = load_config()
HOSTILE = 'خاشقجي <script>alert("x")</script> & «القنصلية»'


def _articles(seeds: tuple[Article, ...]) -> list[Article]:
    named = [replace(a, source=outlet) for a, outlet in zip(seeds, OUTLETS, strict=True)]
    later = [  # two later events of the seeds' storyline (Aleppo), told by the seeds' own words, days after
        replace(seeds[0], id="aleppo-later", date="2016-12-20", source="منفذ لاحق"),
        replace(seeds[1], id="aleppo-later-2", date="2016-12-21", source="منفذ لاحق"),
    ]
    khashoggi = [Article("k1", MISSING[1], HOSTILE, "2018-10-03", "منفذ س"),
                 Article("k2", INQUIRY[1], INQUIRY[0], "2018-10-08", "منفذ ص"),
                 Article("k3", ADMISSION[1], ADMISSION[0], "2018-10-20", "منفذ ع")]
    return [*named, *later, *khashoggi]


@pytest.fixture
def store_file(tmp_path: Path, seed_articles: tuple[Article, ...]) -> Path:
    db = tmp_path / "lines.db"
    with Store(db) as store:
        for day in (_articles(seed_articles)[:5], _articles(seed_articles)[5:]):
            ingest_into(store, day, config=CONFIG)
            update_stories(store, config=CONFIG)
            update_storylines(store, config=CONFIG)
        refresh_reports(store, config=CONFIG, settings=ReportSettings(with_facts=False))
    return db


def _line_of(db: Path, article: str) -> tuple[str, str]:
    with Store.open_readonly(db) as store:
        story = store.story(store.story_of(article) or "")
        assert story is not None and story.storyline is not None
        return story.id, story.storyline


def test_a_storyline_page_shows_its_events_dated_summarized_cited_and_linked(served: TestClient,
                                                                             store_file: Path) -> None:
    story, line = _line_of(store_file, "k2")
    page = served.get(f"/storylines/{line}")
    assert page.status_code == 200
    html = page.text
    assert '<html dir="rtl" lang="ar">' in html and "القصة حتى الآن" in html and "قصة متواصلة" in html
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html  # escaped
    days = re.findall(r'<time datetime="(\d{4}-\d{2}-\d{2})">', html)
    assert days == sorted(days) and {"2018-10-03", "2018-10-08", "2018-10-20"} <= set(days)  # oldest first
    assert f'href="/stories/{story}"' in html  # each event links to its page
    assert "الادعاء التركي" in html  # an event's summary, from its cached report
    assert "منفذ ص" in html and "منفذ ع" in html  # and the outlets that tell it
    data = served.get(f"/api/storylines/{line}").json()
    assert [e["date"] for e in data["timeline"]] == sorted(e["date"] for e in data["timeline"])
    assert data["stories"] == [e["story"] for e in data["timeline"]]
    assert all(e["summary"] and e["summary"][0]["outlets"] for e in data["timeline"])


def test_story_pages_and_the_list_link_to_their_storyline(served: TestClient, store_file: Path) -> None:
    story, line = _line_of(store_file, "k1")
    page = served.get(f"/stories/{story}")
    assert page.status_code == 200 and f'href="/storylines/{line}"' in page.text
    listed = served.get("/stories").text
    assert f'href="/storylines/{line}"' in listed and "القصة المتواصلة" in listed
    api = {s["id"]: s for s in served.get("/api/stories").json()["stories"]}
    assert api[story]["storyline"] == line and api[story]["storyline_url"] == f"/storylines/{line}"


def test_the_seeds_and_their_later_events_are_one_storyline(served: TestClient, store_file: Path) -> None:
    with Store.open_readonly(store_file) as store:
        lines = stored_storylines(store)
        seeds = {store.story(store.story_of(a) or "").storyline for a in ("aleppo-later", "aleppo-later-2")}
        seeds |= {s.storyline for s in store.stories() if any(a[:3].isdigit() for a in s.articles)}
    assert len(seeds) == 1 and len(lines) == 2


def test_a_merged_storyline_redirects_to_the_one_it_joined(served: TestClient, store_file: Path) -> None:
    _, line = _line_of(store_file, "k1")
    with sqlite3.connect(store_file) as db:  # as a merge leaves it: the row kept, pointing to the live one
        db.execute("INSERT INTO storylines (id, title, outlets, size, created_at, updated_at, revision, merged_into) "
                   "VALUES ('line-old', 'قديمة', '[]', 0, 'x', 'x', 2, ?)", (line,))
    page = served.get("/storylines/line-old", follow_redirects=False)
    assert page.status_code == 308 and page.headers["location"] == f"/storylines/{line}"
    api = served.get("/api/storylines/line-old", follow_redirects=False)
    assert api.status_code == 308 and api.headers["location"] == f"/api/storylines/{line}"
    assert served.get("/storylines/nope").status_code == 404
    assert served.get("/api/storylines/nope").json()["code"] == "no_storyline"
