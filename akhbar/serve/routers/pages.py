"""The pages: the form to paste or drop articles, its result, and a job's progress."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from akhbar.config import Config
from akhbar.serve.batch import Batch
from akhbar.serve.jobs import JobStore
from akhbar.serve.messages import MAX_ARTICLE_BYTES, request_limit_ar, size_ar
from akhbar.serve.requests import blend_note, form_batch, run_batch, settings, templates_of
from akhbar.serve.routers.api import jobs_of, submit_stories
from akhbar.serve.templating import STAGES_AR, report_fragment, since_note, trusted

router = APIRouter(include_in_schema=False)
SLOTS = 5  # empty article slots on the page; the page's script adds more


def page(request: Request, name: str, status_code: int = 200, **context: object) -> HTMLResponse:
    templates: Jinja2Templates = request.app.state.templates
    context.setdefault("has_store", request.app.state.db is not None)
    context.setdefault("code", status_code)
    return templates.TemplateResponse(request, name, context, status_code=status_code)


@router.get("/", response_class=HTMLResponse, name="index")
def index(request: Request, config: Annotated[Config, Depends(settings)]) -> HTMLResponse:
    request_bytes = config.serve.max_request_mb * 1024 * 1024
    return page(request, "index.html", slots=SLOTS, limits=config.serve, article_limit=size_ar(MAX_ARTICLE_BYTES),
                request_size=size_ar(request_bytes), request_limit=request_limit_ar(request_bytes))


@router.post("/summarize", response_class=HTMLResponse, name="summarize_form")
def summarize_form(
    request: Request, batch: Annotated[Batch, Depends(form_batch)], config: Annotated[Config, Depends(settings)],
    templates: Annotated[Jinja2Templates, Depends(templates_of)],
) -> HTMLResponse:
    """The form sent without the page's script: the result comes back in the response."""
    summary = run_batch(batch, config)
    notes = [blend_note(summary.blend, len(summary.report.articles))] if summary.blend else []
    fragment = since_note(templates, batch.since) + report_fragment(templates, summary.report)
    return page(request, "result.html", report_html=trusted(fragment),
                json_url=None, notes=notes, job_id=None)


@router.get("/jobs/{job_id}", response_class=HTMLResponse, name="job_page")
def job_page(request: Request, job_id: str, jobs: Annotated[JobStore, Depends(jobs_of)]) -> HTMLResponse:
    job = jobs.status(job_id)
    if job is None:
        return page(request, "error.html", 404,
                    message="لا توجد هذه المهمة، أو انتهت مدة حفظ نتيجتها", errors=())
    if job.state == "failed":
        return page(request, "error.html", job.http_status or 422, message=job.error or "", errors=())
    fragment = jobs.output(job_id, "html") if job.state == "done" else None
    if fragment is None:
        return page(request, "job.html", job=job, stage=STAGES_AR.get(job.stage, job.stage), refresh=2,
                    status_url=f"/api/jobs/{job.id}")
    notes = json.loads(jobs.output(job_id, "notes.json") or "[]")
    return page(request, "result.html", report_html=trusted(fragment), json_url=f"/api/jobs/{job.id}/result",
                notes=notes, job_id=job.id)


@router.post("/jobs/{job_id}/stories", name="upload_stories_page")
def upload_stories_page(job_id: str, config: Annotated[Config, Depends(settings)],
                        jobs: Annotated[JobStore, Depends(jobs_of)],
                        templates: Annotated[Jinja2Templates, Depends(templates_of)]) -> RedirectResponse:
    """The page's button under the note of several stories: their stories, each with its summary."""
    status = submit_stories(jobs, job_id, config, templates)
    return RedirectResponse(f"/jobs/{status.id}", status_code=303)


@router.get("/summarize", include_in_schema=False)
def summarize_get() -> RedirectResponse:
    return RedirectResponse("/", status_code=303)
