"""The HTTP API: summarize at once, or as a background job whose progress is polled."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response, status
from fastapi.responses import JSONResponse
from fastapi.templating import Jinja2Templates

from akhbar import __version__
from akhbar.config import Config
from akhbar.serve.batch import Batch
from akhbar.serve.jobs import JobStatus, JobStore
from akhbar.serve.messages import ServeError
from akhbar.serve.requests import (
    JSON_OR_FORM,
    any_batch,
    form_batch,
    job_work,
    require_input,
    run_batch,
    settings,
    summary_json,
    templates_of,
)
from akhbar.serve.storyview import stories_work
from akhbar.serve.templating import STAGES_AR

router = APIRouter()
Settings = Annotated[Config, Depends(settings)]
FormBatch = Annotated[Batch, Depends(form_batch)]
AnyBatch = Annotated[Batch, Depends(any_batch)]
Templates = Annotated[Jinja2Templates, Depends(templates_of)]
SUMMARY_DOC = "The same JSON document as `akhbar summarize --format json`."


def jobs_of(request: Request) -> JobStore:
    store: JobStore = request.app.state.jobs
    return store


Jobs = Annotated[JobStore, Depends(jobs_of)]


@router.get("/healthz", tags=["service"])
def healthz() -> dict[str, str]:
    return {"status": "ok", "akhbar": __version__}


def _json(text: str) -> Response:
    return Response(text, media_type="application/json")


@router.post("/api/summarize", tags=["summarize"], response_description=SUMMARY_DOC, openapi_extra=JSON_OR_FORM)
def summarize(batch: AnyBatch, config: Settings) -> Response:
    """Summarize articles about one story: every summary sentence cites the articles that carry it. The body is
    JSON (`{"articles": [...], "words"?, "facts"?}`) or a multipart form with files (as `/api/summarize/upload`).
    When the articles tell several stories, `notes` says so (code `several_stories`) and names the largest."""
    return _json(summary_json(run_batch(batch, config)))


@router.post("/api/summarize/upload", tags=["summarize"], response_description=SUMMARY_DOC)
def summarize_upload(batch: FormBatch, config: Settings) -> Response:
    """The same from uploaded files (.txt .html .htm .jsonl .jsonl.gz, or a .zip of them) and pasted texts."""
    return _json(summary_json(run_batch(batch, config)))


def _status_body(job: JobStatus) -> dict[str, Any]:
    return {"id": job.id, "state": job.state, "stage": job.stage, "stage_ar": STAGES_AR.get(job.stage, job.stage),
            "done": job.done, "total": job.total, "error": job.error, "code": job.code, "created": job.created,
            "status_url": f"/api/jobs/{job.id}", "result_url": f"/api/jobs/{job.id}/result",
            "page_url": f"/jobs/{job.id}"}


def _submit(batch: Batch, config: Config, jobs: JobStore, templates: Jinja2Templates) -> JSONResponse:
    return _accepted(jobs.submit(job_work(require_input(batch), config, templates)))


def _accepted(job: JobStatus) -> JSONResponse:
    return JSONResponse(_status_body(job), status_code=status.HTTP_202_ACCEPTED,
                        headers={"location": f"/api/jobs/{job.id}"})


@router.post("/api/jobs", tags=["jobs"], status_code=202, openapi_extra=JSON_OR_FORM)
def create_job(batch: AnyBatch, config: Settings, jobs: Jobs, templates: Templates) -> JSONResponse:
    """Start a summary in the background (a JSON body or a form, as `/api/summarize`); poll `status_url` for its
    progress, then read `result_url`."""
    return _submit(batch, config, jobs, templates)


@router.post("/api/jobs/upload", tags=["jobs"], status_code=202)
def create_upload_job(batch: FormBatch, config: Settings, jobs: Jobs, templates: Templates) -> JSONResponse:
    """The same from uploaded files and pasted texts (what the page sends)."""
    return _submit(batch, config, jobs, templates)


def _job(jobs: JobStore, job_id: str) -> JobStatus:
    job = jobs.status(job_id)
    if job is None:
        raise ServeError(404, "no_job", "لا توجد هذه المهمة، أو انتهت مدة حفظ نتيجتها")
    return job


def submit_stories(jobs: JobStore, job_id: str, config: Config, templates: Jinja2Templates) -> JobStatus:
    """Start the job grouping a finished summary's articles into stories (when they told several)."""
    _job(jobs, job_id)
    articles = jobs.output(job_id, "articles.jsonl")
    if articles is None:
        raise ServeError(409, "no_stories", "هذه المقالات تروي قصة واحدة، أو لم ينتهِ تلخيصها بعد")
    return jobs.submit(stories_work(articles, config, templates))


@router.get("/api/jobs/{job_id}", tags=["jobs"])
def job_status(job_id: str, jobs: Jobs) -> dict[str, Any]:
    """State (queued, running, done, failed), stage and progress of a job."""
    return _status_body(_job(jobs, job_id))


@router.get("/api/jobs/{job_id}/result", tags=["jobs"], response_description=SUMMARY_DOC)
def job_result(job_id: str, jobs: Jobs) -> Response:
    """The JSON document of a finished job; 409 while it runs, its error once it has failed."""
    job = _job(jobs, job_id)
    if job.state == "failed":
        raise ServeError(job.http_status or 422, job.code or "job_failed", job.error or "تعذّر العمل")
    text = jobs.output(job_id, "json") if job.state == "done" else None
    if text is None:
        raise ServeError(409, "not_ready", f"لم ينتهِ العمل بعد ({STAGES_AR.get(job.stage, job.stage)}): "
                                           f"تابع /api/jobs/{job_id}")
    return Response(text, media_type="application/json")


@router.post("/api/jobs/{job_id}/stories", tags=["jobs"], status_code=202)
def create_stories_job(job_id: str, config: Settings, jobs: Jobs, templates: Templates) -> JSONResponse:
    """Group the articles of a finished summary job that told several stories (its result's `notes` say so)
    into stories, each with its own summary: a new job, polled as any other. 409 when they told one."""
    return _accepted(submit_stories(jobs, job_id, config, templates))
