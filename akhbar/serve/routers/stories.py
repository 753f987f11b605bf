"""The stories of a store (`akhbar serve --db FILE`): the list with search, and each story's report.

A story's report is made by a background job (summary and facts of all its articles can take a while); the
page of the story redirects to that job's page, which shows progress and then the report.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from akhbar.config import Config
from akhbar.report.escaping import json_safe
from akhbar.serve.jobs import JobFailedError, JobOutput, JobStore, Work
from akhbar.serve.messages import ServeError
from akhbar.serve.requests import settings, templates_of
from akhbar.serve.routers.api import jobs_of
from akhbar.serve.routers.pages import page
from akhbar.serve.stories import list_stories, story_articles, story_report
from akhbar.serve.templating import report_fragment
from akhbar.serve.uploads import Progress
from akhbar.stories.render import story_header, story_to_dict

router = APIRouter()
PAGE_SIZE = 50
OrderParam = Annotated[Literal["newest", "largest"], Query(description="newest (latest article) or largest first")]
SearchParam = Annotated[str, Query(max_length=200, description="Stories holding an article with every word of it.")]


def db_of(request: Request) -> Path:
    db: Path | None = request.app.state.db
    if db is None:
        raise ServeError(404, "no_store", "لا مخزن قصص مفتوحا: شغّل الخادم بـ ‎akhbar serve --db FILE")
    return db


Db = Annotated[Path, Depends(db_of)]


@router.get("/api/stories", tags=["stories"])
def stories(db: Db, q: SearchParam = "", order: OrderParam = "newest",
            limit: Annotated[int, Query(ge=1, le=500)] = PAGE_SIZE,
            offset: Annotated[int, Query(ge=0)] = 0) -> dict[str, Any]:
    """The store's stories, newest (or largest) first; `q` searches by word or entity name."""
    found = list_stories(db, query=q, order=order, limit=limit, offset=offset)
    return {"total": found.total, "offset": offset, "stories": [story_header(s) for s in found.stories]}


@router.get("/api/stories/{story_id}", tags=["stories"])
def story(story_id: str, db: Db, config: Annotated[Config, Depends(settings)], facts: bool = True) -> dict[str, Any]:
    """One story: its articles, outlets, duplicates, cited summary and (unless `facts=false`) facts."""
    found = story_articles(db, story_id, config=config)
    if found is None:
        raise ServeError(404, "no_story", f"لا قصة بالمعرّف {story_id!r} في المخزن")
    story, articles = found
    report = story_report(articles, config=config, with_facts=facts) if articles else None
    data: dict[str, Any] = json_safe(story_to_dict(story, report))
    return data


@router.get("/stories", response_class=HTMLResponse, include_in_schema=False, name="stories_page")
def stories_page(request: Request, db: Db, q: SearchParam = "", order: OrderParam = "newest",
                 offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
    found = list_stories(db, query=q, order=order, limit=PAGE_SIZE, offset=offset)
    return page(request, "stories.html", stories=found.stories, total=found.total, q=q, order=order,
                offset=offset, page_size=PAGE_SIZE)


def _story_work(db: Path, story_id: str, config: Config, templates: Jinja2Templates) -> Work:
    def work(progress: Progress) -> JobOutput:
        progress("reading", 0, 1)
        found = story_articles(db, story_id, config=config)
        if found is None:
            raise JobFailedError(f"لا قصة بالمعرّف {story_id!r} في المخزن", 404, "no_story")
        story, articles = found
        progress("summarizing", 0, 1)
        report = story_report(articles, config=config) if articles else None
        progress("writing", 0, 1)
        header = templates.env.get_template("_story.html").render(story=story)
        fragment = header + (report_fragment(templates, report) if report is not None else "")
        data = json_safe(story_to_dict(story, report))
        return JobOutput(json.dumps(data, ensure_ascii=False, allow_nan=False), fragment)

    return work


@router.get("/stories/{story_id}", include_in_schema=False, name="story_page")
def story_page(request: Request, story_id: str, *, db: Db, config: Annotated[Config, Depends(settings)],
               jobs: Annotated[JobStore, Depends(jobs_of)],
               templates: Annotated[Jinja2Templates, Depends(templates_of)]) -> RedirectResponse:
    """Start (or reuse) the job that reports this story, and show its page."""
    known: dict[str, str] = request.app.state.story_jobs
    job_id = known.get(story_id)
    status = jobs.status(job_id) if job_id else None
    if status is None or status.state == "failed":
        status = jobs.submit(_story_work(db, story_id, config, templates))
        known[story_id] = status.id
    return RedirectResponse(f"/jobs/{status.id}", status_code=303)
