"""OpenAPI docs at /docs with Swagger UI served by the app itself (no CDN: the server runs offline)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

router = APIRouter(include_in_schema=False)


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    templates = request.app.state.templates
    return templates.TemplateResponse(request, "docs.html", {"openapi_url": request.app.openapi_url})
