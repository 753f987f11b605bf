"""The story page's «ما الجديد منذ» toggle (issue 22): `?since=YYYY-MM-DD` gives, server-rendered, what the
story's articles of that day or later add, on the seeds stored with dates that split them."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from akhbar.config import load_config
from akhbar.pipeline import run, with_since
from akhbar.records import Article
from akhbar.serve.app import create_app
from akhbar.serve.since_view import SinceLine, SinceView, day_before, parse_since
from akhbar.serve.templating import make_templates
from akhbar.store import Store
from akhbar.store.loader import ingest_into
from akhbar.store.update import ReportSettings, refresh_reports, update_stories
from tests.serve.conftest import OUTLETS

CONFIG = load_config()
# The seeds' days, read from their own text: 003 is dated «الأحد 2016/12/04»; 001 tells Monday's refusal
# (7 December), 004 the same day's closed doors; 000 and 002 tell Tuesday's and Wednesday's news.
DAYS = {"000": "2016-12-06", "001": "2016-12-05", "002": "2016-12-07", "003": "2016-12-04", "004": "2016-12-05"}
SINCE = "2016-12-06"


def _dated(seeds: tuple[Article, ...]) -> list[Article]:
    return [replace(a, source=outlet, date=DAYS[a.id[:3]]) for a, outlet in zip(seeds, OUTLETS, strict=True)]


@pytest.fixture
def served(tmp_path: Path, seed_articles: tuple[Article, ...]) -> TestClient:
    db = tmp_path / "stories.db"
    with Store(db) as store:
        ingest_into(store, _dated(seed_articles), config=CONFIG)
        update_stories(store, config=CONFIG)
        refresh_reports(store, config=CONFIG, settings=ReportSettings(with_facts=False))
    with TestClient(create_app(jobs_dir=tmp_path / "jobs", db=db)) as client:
        yield client


def _seed_story(client: TestClient) -> dict:
    # Dated, the seeds are one story (issue 22), which spans the days around SINCE.
    stories = client.get("/api/stories").json()["stories"]
    story = next(s for s in stories if any(a.startswith("003") for a in s["articles"]))
    days = {DAYS[a[:3]] for a in story["articles"]}
    assert sorted(a[:3] for a in story["articles"]) == sorted(DAYS) and min(days) < SINCE <= max(days)
    return story


def _lines(page: str) -> list[str]:
    section = page.split('id="since-summary"', 1)[1].split("</section>", 1)[0]
    return [html.unescape(t) for t in re.findall(r'<span class="sentence">(.*?)</span>', section, re.S)]


def test_the_story_page_offers_the_toggle_with_the_day_before_the_latest(served: TestClient) -> None:
    story = _seed_story(served)
    page = served.get(story["url"]).text
    assert "ما الجديد منذ" in page and 'type="date"' in page and 'name="since"' in page
    latest = max(date.fromisoformat(DAYS[a[:3]]) for a in story["articles"])
    assert f'value="{latest - timedelta(days=1)}"' in page  # the day before the latest article
    assert 'id="since-summary"' not in page


def test_since_gives_only_what_the_later_articles_add(served: TestClient, seed_articles: tuple[Article, ...]) -> None:
    story = _seed_story(served)
    response = served.get(story["url"], params={"since": SINCE})
    assert response.status_code == 200
    page = response.text
    assert 'id="since-summary"' in page and "الجديد منذ" in page and 'dir="rtl"' in page and 'lang="ar"' in page
    lines = _lines(page)
    assert lines
    dated = _dated(seed_articles)
    story_articles = [a for a in dated if a.id in story["articles"]]
    later = [a for a in story_articles if a.date >= SINCE]
    assert all(any(line in a.body for a in later) for line in lines)  # each sentence is a later article's
    expected = [i.text for i in run(story_articles, config=with_since(CONFIG, SINCE), with_facts=False).summary]
    assert lines == expected  # the page says what `akhbar summarize --since` says
    section = page.split('id="since-summary"', 1)[1].split("</section>", 1)[0]
    cited = set(re.findall(r'<span class="src"><bdi>(.*?)</bdi>', section))
    assert cited and cited <= {OUTLETS[0], OUTLETS[2]}  # only the later articles' outlets (000, 002)
    assert 'class="summary"' in page  # the cached whole report is still there, below


def test_a_day_after_the_story_or_a_bad_date(served: TestClient) -> None:
    story = _seed_story(served)
    after = served.get(story["url"], params={"since": "2017-01-01"})
    assert after.status_code == 200 and "لا مقالات في القصة من هذا اليوم أو بعده" in after.text
    bad = served.get(story["url"], params={"since": "07/12/2016"})
    assert bad.status_code == 422 and "YYYY-MM-DD" in bad.text and "التاريخ غير صالح" in bad.text
    assert served.get(story["url"], params={"since": ""}).status_code == 200  # empty: the whole story


def test_without_a_store_there_is_no_story_page(client: TestClient) -> None:
    assert client.get("/stories/any", params={"since": SINCE}).status_code == 404


def test_the_since_section_escapes_article_text() -> None:
    view = SinceView(SINCE, 1, (SinceLine('<script>alert("x")</script> قال', ("<b>منفذ</b>",)),))
    out = make_templates().env.get_template("_since.html").render(since_view=view)
    assert "<script>" not in out and "&lt;script&gt;" in out and "<b>" not in out


def test_day_before_and_parse_since() -> None:
    assert day_before("2016-12-07") == "2016-12-06" and day_before("2016-03-01T10:00:00") == "2016-02-29"
    assert day_before(None) is None and day_before("nope") is None
    assert parse_since(" 2016-12-06 ") == "2016-12-06" and parse_since("") is None and parse_since(None) is None


# Without --db: the page's form (and the API) take `since` for the articles given.


def _records(seed_articles: tuple[Article, ...]) -> str:
    import json

    return json.dumps([{"id": a.id, "text": a.body, "title": a.title, "date": a.date, "source": a.source}
                       for a in _dated(seed_articles)], ensure_ascii=False)


def test_the_form_takes_since_for_pasted_articles(client: TestClient, seed_articles: tuple[Article, ...]) -> None:
    assert 'name="since" type="date"' in client.get("/").text and "ما الجديد منذ" in client.get("/").text
    response = client.post("/summarize", data={"articles": _records(seed_articles), "since": SINCE, "no_facts": "true"})
    assert response.status_code == 200
    page = response.text
    assert 'id="since-note"' in page and SINCE in page
    summary = page.split('class="summary"', 1)[1].split("</section>", 1)[0]
    shown = [html.unescape(t) for t in re.findall(r'<span class="sentence">(.*?)</span>', summary, re.S)]
    dated = _dated(seed_articles)
    expected = [i.text for i in run(dated, config=with_since(CONFIG, SINCE), with_facts=False).summary]
    assert shown and shown == expected
    later = [a.body for a in dated if a.date >= SINCE]
    assert all(any(line in body for body in later) for line in shown)
    whole = client.post("/summarize", data={"articles": _records(seed_articles), "since": "", "no_facts": "true"})
    assert whole.status_code == 200 and 'id="since-note"' not in whole.text  # empty: the whole batch
    bad = client.post("/summarize", data={"articles": _records(seed_articles), "since": "2016-13-45"})
    assert bad.status_code == 422


def test_the_api_takes_since(client: TestClient, seed_articles: tuple[Article, ...]) -> None:
    import json

    body = {"articles": json.loads(_records(seed_articles)), "since": SINCE, "facts": False}
    result = client.post("/api/summarize", json=body)
    assert result.status_code == 200
    dated = _dated(seed_articles)
    later = {a.id for a in dated if a.date >= SINCE}
    summary = result.json()["summary"]
    assert summary and all(set(item["sources"]) <= later for item in summary)
    assert client.post("/api/summarize", json={**body, "since": "07/12/2016"}).status_code == 422


def test_the_page_script_upload_sends_an_empty_since(client: TestClient, seed_articles: tuple[Article, ...]) -> None:
    # The page's script posts the whole form: an empty date field is no date, a date is the job's.
    for since in ("", SINCE):
        job = client.post("/api/jobs/upload", data={"articles": _records(seed_articles), "since": since,
                                                     "no_facts": "true"})
        assert job.status_code == 202, job.text
