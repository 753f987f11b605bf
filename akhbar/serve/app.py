"""The FastAPI app: routers, static files, limits, security headers and the errors users see.

Bad input is always a 4xx with a message: JSON for the API, a page for the pages. ``create_app`` builds it
from explicit settings (tests); ``app_from_env`` is the factory `akhbar serve` hands to uvicorn, so every
worker process builds the same app from the same settings.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from akhbar import __version__
from akhbar.config import Config, load_config
from akhbar.records import BadInput
from akhbar.serve.batch import NoArticlesError
from akhbar.serve.jobs import BusyError, JobStore
from akhbar.serve.messages import HTTP_AR, ServeError, error_json, no_articles_ar
from akhbar.serve.routers import api, docs, pages, stories, storylines
from akhbar.serve.security import BodyLimit, RequestTooLarge, SecurityHeaders
from akhbar.serve.templating import make_templates, package_dir
from akhbar.serve.uploads import RequestRejectedError
from akhbar.store import StoreError

ENV_CONFIG = "AKHBAR_SERVE_CONFIG"
ENV_JOBS = "AKHBAR_SERVE_JOBS"
ENV_DB = "AKHBAR_SERVE_DB"
_JSON_PREFIXES = ("/api/", "/healthz", "/openapi.json")


def create_app(*, config: Config | None = None, jobs_dir: Path | None = None, db: Path | None = None,
               stories_poll_ms: int = 15_000) -> FastAPI:
    config = config or load_config()
    # A text field may be as large as the request: the one limit of an article is checked when it is read,
    # with its Arabic message, not by the form parser's own 1 MB part limit and its English one.
    app = FastAPI(title="akhbar", version=__version__, docs_url=None, redoc_url=None,
                  description="Arabic news from many outlets: one cited summary, shared passages and the facts.",
                  form_limits={"max_part_size": config.serve.max_request_mb * 1024 * 1024,
                               "max_files": config.serve.max_files, "max_fields": 4 * config.serve.max_articles})
    app.state.config = config
    app.state.templates = make_templates()
    app.state.jobs = JobStore(jobs_dir or Path(tempfile.mkdtemp(prefix="akhbar-jobs-")),
                              max_pending=config.serve.max_pending_jobs,
                              ttl_seconds=config.serve.job_ttl_minutes * 60)
    app.state.db = db
    app.state.stories_poll_ms = stories_poll_ms  # how often the stories page asks what changed
    app.state.story_jobs = {}  # (story id, revision) -> the job reporting that revision, in this process
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(docs.router)
    app.include_router(stories.router)
    app.include_router(storylines.router)
    app.mount("/static", StaticFiles(directory=package_dir("static")), name="static")
    app.mount("/docs-assets", StaticFiles(directory=_swagger_dir()), name="swagger")
    _add_error_handlers(app)
    app.add_middleware(BodyLimit, max_bytes=config.serve.max_request_mb * 1024 * 1024)
    app.add_middleware(SecurityHeaders)  # added last: outermost, so the 413 above carries the headers too
    app.router.on_shutdown.append(app.state.jobs.shutdown)
    return app


def app_from_env() -> FastAPI:
    """The app of `akhbar serve` (a uvicorn factory): its settings come in environment variables."""
    config_file = os.environ.get(ENV_CONFIG)
    jobs_dir = os.environ.get(ENV_JOBS)
    db = os.environ.get(ENV_DB)
    return create_app(config=load_config(Path(config_file) if config_file else None),
                      jobs_dir=Path(jobs_dir) if jobs_dir else None, db=Path(db) if db else None)


def _swagger_dir() -> str:
    import swagger_ui_bundle

    return str(swagger_ui_bundle.swagger_ui_path)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith(_JSON_PREFIXES)


def _error(
    request: Request, status: int, code: str, message: str, *, errors: Sequence[BadInput] = (),
    problems: Sequence[str] = (),
) -> Response:
    """The Arabic message of a refused request: JSON with its code for the API, a page for the pages."""
    if _wants_json(request):
        body: dict[str, Any] = {"code": code, "detail": message}
        if errors:
            body["errors"] = [error_json(e) for e in errors]
        if problems:
            body["problems"] = list(problems)
        return JSONResponse(body, status_code=status)
    return pages.page(request, "error.html", status, message=message, errors=errors)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        if isinstance(error, RequestTooLarge):
            return _error(request, 413, "too_large", str(error.detail))
        code, message = HTTP_AR.get(error.status_code, ("http_error", f"تعذّر الطلب ({error.status_code})"))
        return _error(request, error.status_code, code, message)

    @app.exception_handler(ServeError)
    async def refused(request: Request, error: ServeError) -> Response:
        return _error(request, error.status, error.code, error.message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        problems = [f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', 'invalid')}" for e in error.errors()]
        if any(e.get("type") == "json_invalid" for e in error.errors()):
            return _error(request, 422, "invalid_json", "جسم الطلب ليس JSON صالحا", problems=problems)
        fields = sorted({str(e.get("loc", ("",))[-1]) for e in error.errors() if e.get("loc")})
        message = "طلب غير صالح" + (f"، في الحقول: {'، '.join(fields)}" if fields else "")
        return _error(request, 422, "invalid_request", message, problems=problems)

    @app.exception_handler(RequestRejectedError)
    async def rejected(request: Request, error: RequestRejectedError) -> Response:
        return _error(request, 413, error.code, str(error))

    @app.exception_handler(NoArticlesError)
    async def no_articles(request: Request, error: NoArticlesError) -> Response:
        return _error(request, 422, "no_articles", no_articles_ar(error.errors), errors=error.errors)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, error: StoreError) -> Response:
        return _error(request, 503, "store_unavailable", f"تعذّرت قراءة مخزن القصص: {error}")

    @app.exception_handler(BusyError)
    async def busy(request: Request, error: BusyError) -> Response:
        return _error(request, 503, "busy", str(error))
