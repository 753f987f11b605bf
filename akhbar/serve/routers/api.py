"""The HTTP API: summarize at once, or as a background job whose progress is polled."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request, Response, status
from fastapi.responses import JSONResponse
from fastapi.templating import Jinja2Templates

from akhbar import __version__
from akhbar.config import Config
from akhbar.report import render_json
from akhbar.serve.batch import Batch
from akhbar.serve.jobs import JobStatus, JobStore
from akhbar.serve.requests import (
    JSON_OR_FORM,
    any_batch,
    form_batch,
    job_work,
    require_input,
    run_batch,
    settings,
    templates_of,
)
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
    JSON (`{"articles": [...], "words"?, "facts"?}`) or a multipart form with files (as `/api/summarize/upload`)."""
    return _json(render_json(run_batch(batch, config)))


@router.post("/api/summarize/upload", tags=["summarize"], response_description=SUMMARY_DOC)
def summarize_upload(batch: FormBatch, config: Settings) -> Response:
    """The same from uploaded files (.txt .html .htm .jsonl, or a .zip of them) and pasted texts."""
    return _json(render_json(run_batch(batch, config)))


def _status_body(job: JobStatus) -> dict[str, Any]:
    return {"id": job.id, "state": job.state, "stage": job.stage, "stage_ar": STAGES_AR.get(job.stage, job.stage),
            "done": job.done, "total": job.total, "error": job.error,
            "status_url": f"/api/jobs/{job.id}", "result_url": f"/api/jobs/{job.id}/result",
            "page_url": f"/jobs/{job.id}"}


def _submit(batch: Batch, config: Config, jobs: JobStore, templates: Jinja2Templates) -> JSONResponse:
    job = jobs.submit(job_work(require_input(batch), config, templates))
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
        raise HTTPException(404, f"no job {job_id!r}: it never existed or its result has expired")
    return job


@router.get("/api/jobs/{job_id}", tags=["jobs"])
def job_status(job_id: str, jobs: Jobs) -> dict[str, Any]:
    """State (queued, running, done, failed), stage and progress of a job."""
    return _status_body(_job(jobs, job_id))


@router.get("/api/jobs/{job_id}/result", tags=["jobs"], response_description=SUMMARY_DOC)
def job_result(job_id: str, jobs: Jobs) -> Response:
    """The JSON document of a finished job; 409 while it runs, its error once it has failed."""
    job = _job(jobs, job_id)
    if job.state == "failed":
        raise HTTPException(job.http_status or 422, job.error or "the job failed")
    text = jobs.output(job_id, "json") if job.state == "done" else None
    if text is None:
        raise HTTPException(409, f"job {job_id} is {job.state} ({job.stage}): poll /api/jobs/{job_id}")
    return Response(text, media_type="application/json")
