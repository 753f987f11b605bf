"""The stories of a store (`akhbar serve --db FILE`): the list (what changed since the last visit marked, kept
current without a reload), search by relevance, each story's page, and the Atom feed.

A story's page shows the report the store caches for the story's current revision. When the cache is stale
or missing (no watcher or `akhbar stories --db` has rebuilt it yet), a background job builds it from the
story's articles as they are now, keyed by the story's revision. Meanwhile a stale report is shown marked as
being updated, with a link to that job (the watcher defers the reports of large stories past its poll); a
missing one sends the reader to the job. A merged story's id redirects (308) to the story it joined.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from akhbar.config import Config
from akhbar.report.escaping import json_safe
from akhbar.serve.atom import atom_feed
from akhbar.serve.jobs import JobFailedError, JobOutput, JobStatus, JobStore, Work
from akhbar.serve.links import story_path, storyline_path
from akhbar.serve.messages import ServeError, articles_ar
from akhbar.serve.requests import settings, templates_of
from akhbar.serve.routers.api import jobs_of
from akhbar.serve.routers.pages import page
from akhbar.serve.since_view import day_before, parse_since, since_view
from akhbar.serve.stories import changed_since, find_story, latest_stories, list_stories, story_articles, story_report
from akhbar.serve.templating import report_fragment
from akhbar.serve.uploads import Progress
from akhbar.store import StoredStory
from akhbar.stories.render import story_header, story_to_dict

router = APIRouter()
PAGE_SIZE = 50
FEED_SIZE = 50
SEEN_COOKIE = "akhbar_seen"  # the change seq the reader had seen when last here
VISIT_COOKIE = "akhbar_visit"  # the baseline of this visit: pages read within half an hour share it
VISIT_SECONDS = 30 * 60
SEEN_SECONDS = 400 * 24 * 3600
Order = Literal["newest", "updated", "largest"]
OrderParam = Annotated[Order, Query(description="updated (latest change first), newest (latest article) or largest")]
SearchParam = Annotated[str, Query(max_length=200, description="Stories holding an article with every word of it, "
                                                                "most relevant first (BM25, titles weighted).")]


def db_of(request: Request) -> Path:
    db: Path | None = request.app.state.db
    if db is None:
        raise ServeError(404, "no_store", "لا مخزن قصص مفتوحا: شغّل الخادم بـ ‎akhbar serve --db FILE")
    return db


Db = Annotated[Path, Depends(db_of)]


def _header(story: StoredStory) -> dict[str, Any]:
    return {**story_header(story), "size": len(story.articles), "size_ar": articles_ar(len(story.articles)),
            "revision": story.revision,
            "created_at": story.created_at, "updated_at": story.updated_at,
            "url": story_path(story.id), "storyline": story.storyline,
            "storyline_url": storyline_path(story.storyline) if story.storyline else None}


@router.get("/api/stories", tags=["stories"])
def stories(  # noqa: PLR0917 - FastAPI maps each parameter to a query field
            db: Db, q: SearchParam = "", order: OrderParam = "updated",
            limit: Annotated[int, Query(ge=1, le=500)] = PAGE_SIZE,
            offset: Annotated[int, Query(ge=0)] = 0,
            since: Annotated[int | None, Query(ge=0, description="Only the stories changed after this change "
                                                                 "sequence number (`last_change` of an earlier "
                                                                 "answer), latest change first.")] = None,
            ) -> dict[str, Any]:
    """The store's live stories, latest-updated (or newest, or largest) first; `q` searches by word or name,
    most relevant first. With `since`, what changed after that point of the change log instead: the stories
    changed, the merged ids and the story each joined (`merged`), and `more` when there were too many."""
    if since is not None:
        found = changed_since(db, since)
        return {"last_change": found.last_change, "more": found.more, "merged": found.merged,
                "changed": [{**_header(s), "action": found.actions.get(s.id)} for s in found.stories]}
    listed = list_stories(db, query=q, order=order, limit=limit, offset=offset)
    return {"total": listed.total, "offset": offset, "last_change": listed.last_change,
            "stories": [_header(s) for s in listed.stories]}


@router.get("/api/stories/{story_id:path}", tags=["stories"], response_model=None)
def story(  # noqa: PLR0917 - FastAPI maps each parameter
          request: Request, story_id: str, db: Db, config: Annotated[Config, Depends(settings)],
          jobs: Annotated[JobStore, Depends(jobs_of)], templates: Annotated[Jinja2Templates, Depends(templates_of)],
          facts: bool = True) -> dict[str, Any] | RedirectResponse:
    """One story: its articles, outlets, duplicates, cited summary and (unless `facts=false`) facts. A merged
    story's id redirects (308) to the story it joined. When the cached report is older than the story, it is
    given at once with `report_stale: true` and `report_revision` (the revision it was built from), and a job
    rebuilding it is started (`rebuilding`: its URL); once that job is done, its report is given."""
    found = find_story(db, story_id)
    if found is None:
        raise ServeError(404, "no_story", f"لا قصة بالمعرّف {story_id!r} في المخزن")
    stored, cached = found
    if stored.redirected_from is not None:
        return RedirectResponse(story_path(stored.id, api=True) + ("" if facts else "?facts=false"),
                                status_code=308)
    data = _header(stored)
    if cached is not None:
        if cached.stale:
            job = _story_job(request, db, stored, config=config, jobs=jobs, templates=templates)
            made = jobs.output(job.id, "json") if job.state == "done" else None
            if made is not None:
                fresh: dict[str, Any] = json.loads(made)
                if not facts:
                    fresh.pop("facts", None)
                return fresh
            data.update(report_stale=True, report_revision=cached.revision, rebuilding=f"/jobs/{job.id}")
        report = cached.report.get("report", {})
        data["summary"] = report.get("summary", [])
        if facts and "facts" in report:
            data["facts"] = report["facts"]
        return data
    with_articles = story_articles(db, stored.id, config=config)
    if with_articles is None:
        raise ServeError(404, "no_story", f"لا قصة بالمعرّف {story_id!r} في المخزن")
    current, articles = with_articles
    built = story_report(articles, config=config, with_facts=facts) if articles else None
    result: dict[str, Any] = json_safe({**story_to_dict(current, built), **_header(current)})
    return result


def _marks(request: Request, last: int) -> tuple[int | None, int]:
    """(the baseline of this visit, the seq to remember): nothing is marked on a first visit."""
    def number(name: str) -> int | None:
        value = request.cookies.get(name, "")
        return int(value) if value.isdigit() else None

    visit = number(VISIT_COOKIE)
    baseline = visit if visit is not None else number(SEEN_COOKIE)
    return baseline, last


@router.get("/stories", response_class=HTMLResponse, include_in_schema=False, name="stories_page")
def stories_page(request: Request, db: Db, q: SearchParam = "", order: OrderParam = "updated",
                 offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
    listed = list_stories(db, query=q, order=order, limit=PAGE_SIZE, offset=offset)
    baseline, last = _marks(request, listed.last_change)
    actions: dict[str, str] = {}
    if baseline is not None and baseline < last:
        actions = changed_since(db, baseline).actions
    response = page(request, "stories.html", stories=listed.stories, total=listed.total, q=q, order=order,
                    offset=offset, page_size=PAGE_SIZE, actions=actions, last_change=last,
                    live=not q and offset == 0 and order == "updated", poll_ms=request.app.state.stories_poll_ms)
    response.set_cookie(SEEN_COOKIE, str(last), max_age=SEEN_SECONDS, httponly=True, samesite="lax")
    response.set_cookie(VISIT_COOKIE, str(baseline if baseline is not None else last), max_age=VISIT_SECONDS,
                        httponly=True, samesite="lax")
    return response


@router.get("/stories.atom", include_in_schema=True, tags=["stories"], response_class=Response)
def stories_atom(request: Request, db: Db) -> Response:
    """The latest-updated stories as an Atom feed (RFC 4287): a stable `id` per story, `updated` moving when
    the story changes, a link to its page."""
    base = str(request.base_url)
    body = atom_feed(latest_stories(db, FEED_SIZE), base_url=base, self_url=f"{base}stories.atom")
    return Response(body, media_type="application/atom+xml; charset=utf-8")


def _story_work(db: Path, story_id: str, config: Config, templates: Jinja2Templates) -> Work:
    def work(progress: Progress) -> JobOutput:
        progress("reading", 0, 1)
        found = story_articles(db, story_id, config=config)
        if found is None:
            raise JobFailedError(f"لا قصة بالمعرّف {story_id!r} في المخزن", 404, "no_story")
        stored, articles = found
        progress("summarizing", 0, 1)
        report = story_report(articles, config=config) if articles else None
        progress("writing", 0, 1)
        header = templates.env.get_template("_story.html").render(story=stored, since_default=day_before(stored.end))
        fragment = header + (report_fragment(templates, report) if report is not None else "")
        data = json_safe({**story_to_dict(stored, report), **_header(stored)})
        return JobOutput(json.dumps(data, ensure_ascii=False, allow_nan=False), fragment)

    return work


@router.get("/stories/{story_id:path}", include_in_schema=False, name="story_page", response_model=None)
def story_page(request: Request, story_id: str, *, db: Db, config: Annotated[Config, Depends(settings)],
               jobs: Annotated[JobStore, Depends(jobs_of)],
               templates: Annotated[Jinja2Templates, Depends(templates_of)],
               since: Annotated[str | None, Query(max_length=32)] = None) -> HTMLResponse | RedirectResponse:
    """The story's cached report when it is current; else the job that reports this revision of it. With
    `since=YYYY-MM-DD`, what the story's articles of that day or later add, computed for this story."""
    day = parse_since(since)
    found = find_story(db, story_id)
    if found is None:
        raise ServeError(404, "no_story", f"لا قصة بالمعرّف {story_id!r} في المخزن")
    stored, cached = found
    if stored.redirected_from is not None:
        target = story_path(stored.id) + (f"?since={day}" if day else "")
        return RedirectResponse(target, status_code=308)
    current = cached is not None and not cached.stale
    if day is not None:
        with_articles = story_articles(db, stored.id, config=config)
        articles = with_articles[1] if with_articles is not None else ()
        report_html = Markup(str(cached.report.get("html", ""))) if cached is not None and current else None
        return page(request, "story.html", story=stored, report_html=report_html,
                    since_view=since_view(articles, config=config, since=day), since_default=day)
    if cached is not None and current:
        return page(request, "story.html", story=stored, report_html=Markup(str(cached.report.get("html", ""))),
                    since_default=day_before(stored.end))
    status = _story_job(request, db, stored, config=config, jobs=jobs, templates=templates)
    if cached is not None and status.state != "done":  # the older report at once, marked, while this one is made
        return page(request, "story.html", story=stored, report_html=Markup(str(cached.report.get("html", ""))),
                    stale_of=cached.revision, job_url=f"/jobs/{status.id}", since_default=day_before(stored.end))
    return RedirectResponse(f"/jobs/{status.id}", status_code=303)


def _story_job(request: Request, db: Path, stored: StoredStory, *, config: Config, jobs: JobStore,
               templates: Jinja2Templates) -> JobStatus:
    """The job reporting this revision of the story, started once per revision in this process."""
    known: dict[tuple[str, int], str] = request.app.state.story_jobs
    key = (stored.id, stored.revision)
    job_id = known.get(key)
    status = jobs.status(job_id) if job_id else None
    if status is None or status.state == "failed":
        status = jobs.submit(_story_work(db, stored.id, config, templates))
        known[key] = status.id
    return status
