"""What the routers share: the request models, the upload form, and a job's work.

The JSON body and the multipart form both become a :class:`~akhbar.serve.batch.Batch`; from there the
synchronous endpoints, the page's form and the background jobs all take the same path.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from pathlib import PurePosixPath
from typing import Annotated, Any

from fastapi import File, Form, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.datastructures import UploadFile as StarletteUpload

from akhbar.config import Config
from akhbar.records import BadInput
from akhbar.report import render_json
from akhbar.serve.batch import Batch, Blend, NoArticlesError, Summary, articles_jsonl, pasted_records, summarize_batch
from akhbar.serve.jobs import JobFailedError, JobOutput, Work
from akhbar.serve.messages import ServeError, no_articles_ar, several_stories_ar
from akhbar.serve.templating import report_fragment, since_note
from akhbar.serve.uploads import Progress, RequestRejectedError, Upload

ARTICLE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["id", "text"],
    "properties": {
        "id": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
        "text": {"type": "string", "description": "The article's text."},
        "title": {"type": ["string", "null"]},
        "source": {"type": ["string", "null"], "description": "The outlet's name, shown in every citation."},
        "date": {"type": ["string", "null"], "description": "A date (ISO, RFC 2822 ...) of publication."},
        "url": {"type": ["string", "null"], "description": "Its domain names the outlet when no source is given."},
    },
}
MAX_WORDS = 100_000
SINCE_DOC = "YYYY-MM-DD: summarize only what the articles of that day or later add (what's new)."


class SummarizeRequest(BaseModel):
    """Articles about one story. A bad article is reported in ``errors`` and skipped; the rest are read."""

    model_config = ConfigDict(extra="forbid")
    articles: list[Any] = Field(min_length=1, json_schema_extra={"items": ARTICLE_SCHEMA},
                                description="Each {id, text, title?, source?, date?, url?}.")
    words: int | None = Field(default=None, ge=10, le=MAX_WORDS, description="Word budget of the summary.")
    facts: bool = Field(default=True, description="Extract quotes, figures, entities, timeline, ...")
    since: date | None = Field(default=None, description=SINCE_DOC)

    def batch(self) -> Batch:
        return Batch(records=tuple(self.articles), words=self.words, facts=self.facts,
                     since=self.since.isoformat() if self.since else None)


def _upload_name(name: str | None) -> str:
    """The file name alone: a client may send a path, and the name is only ever shown, never opened."""
    return PurePosixPath((name or "").replace("\\", "/")).name or "upload.txt"


def _articles_field(articles: str | None) -> list[Any]:
    if not articles or not articles.strip():
        return []
    try:
        records = json.loads(articles)
    except json.JSONDecodeError as error:
        raise NoArticlesError([BadInput("articles", f"invalid JSON: {error.msg} at column {error.colno}")]) from None
    except RecursionError:
        raise NoArticlesError([BadInput("articles", "invalid JSON for akhbar: values nested too deeply")]) from None
    except ValueError as error:  # an integer of thousands of digits
        raise NoArticlesError([BadInput("articles", f"invalid JSON for akhbar: {str(error).split(';')[0]}")]) from None
    if not isinstance(records, list):
        raise NoArticlesError([BadInput("articles", "must be a JSON array of {id, text, ...} objects")])
    return records


def form_batch(  # noqa: PLR0917 - FastAPI maps each parameter to a form field
    files: Annotated[list[UploadFile] | None, File(description=".txt .html .htm .jsonl files, or .zip of them")] = None,
    text: Annotated[list[str] | None, Form(description="Pasted article texts (one field each).")] = None,
    title: Annotated[list[str] | None, Form(description="Their titles, in the same order.")] = None,
    source: Annotated[list[str] | None, Form(description="Their outlets' names, in the same order.")] = None,
    file_source: Annotated[list[str] | None, Form(description="The outlet of each uploaded file, in the order of "
                                                               "`files` (empty: as the file says).")] = None,
    articles: Annotated[str | None, Form(description="A JSON array of {id, text, ...} objects.")] = None,
    words: Annotated[int | None, Form(ge=10, le=MAX_WORDS, description="Word budget of the summary.")] = None,
    no_facts: Annotated[bool, Form(description="Skip the facts (faster).")] = False,
    since: Annotated[date | None, Form(description=SINCE_DOC)] = None,
) -> Batch:
    """The multipart form of the page and of the upload endpoints, as a batch (a FastAPI dependency)."""
    return fields_batch(files or [], text or [], title or [], source or [], file_source or [], articles=articles,
                        words=words, no_facts=no_facts, since=since)


def fields_batch(
    files: Sequence[StarletteUpload], text: Sequence[str], title: Sequence[str], source: Sequence[str],
    file_source: Sequence[str], *, articles: str | None, words: int | None, no_facts: bool,
    since: date | None = None,
) -> Batch:
    named = [f for f in files if f.filename]
    outlets = [name.strip() or None for name in file_source][: len(named)]
    outlets += [None] * (len(named) - len(outlets))
    uploads = tuple(Upload(_upload_name(f.filename), f.file.read(), outlet)
                    for f, outlet in zip(named, outlets, strict=True))
    return Batch(records=tuple(_articles_field(articles)), uploads=uploads, words=words, facts=not no_facts,
                 pasted=tuple(pasted_records(text, title, source)), since=since.isoformat() if since else None)


class _FormOptions(BaseModel):
    words: int | None = Field(default=None, ge=10, le=MAX_WORDS)
    no_facts: bool = False
    articles: str | None = None
    since: date | None = None


FORM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "files": {"type": "array", "items": {"type": "string", "format": "binary"},
                  "description": ".txt .html .htm .jsonl files, or .zip of them"},
        "text": {"type": "array", "items": {"type": "string"}, "description": "Pasted article texts."},
        "title": {"type": "array", "items": {"type": "string"}},
        "source": {"type": "array", "items": {"type": "string"}, "description": "Their outlets' names."},
        "file_source": {"type": "array", "items": {"type": "string"},
                        "description": "The outlet of each uploaded file, in the order of `files`."},
        "articles": {"type": "string", "description": "A JSON array of {id, text, ...} objects."},
        "words": {"type": "integer", "minimum": 10, "maximum": MAX_WORDS},
        "no_facts": {"type": "boolean"},
        "since": {"type": "string", "format": "date", "description": SINCE_DOC},
    },
}
JSON_OR_FORM: dict[str, Any] = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": SummarizeRequest.model_json_schema()},
    "multipart/form-data": {"schema": FORM_SCHEMA},
}}}


async def any_batch(request: Request) -> Batch:
    """The batch of a JSON body or of a multipart form, by the request's content type (a FastAPI dependency)."""
    kind = request.headers.get("content-type", "").lower()
    if kind.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        form = await request.form(max_part_size=request.app.state.config.serve.max_request_mb * 1024 * 1024)
        try:
            options = _FormOptions.model_validate({k: form.get(k) for k in ("words", "no_facts", "articles", "since")
                                                   if form.get(k) not in (None, "")})
        except ValidationError as error:
            raise RequestValidationError([{**e, "loc": ("body", *e["loc"])} for e in error.errors()]) from None
        files = [f for f in (*form.getlist("files"), *form.getlist("file")) if isinstance(f, StarletteUpload)]
        return fields_batch(files, _strings(form.getlist("text")), _strings(form.getlist("title")),
                            _strings(form.getlist("source")), _strings(form.getlist("file_source")),
                            articles=options.articles, words=options.words, no_facts=options.no_facts,
                            since=options.since)
    try:
        body = await request.json()
    except RecursionError:  # ``[[[[...`` a hundred thousand deep
        raise RequestValidationError([{"loc": ("body",), "msg": "not valid JSON (values nested too deeply)",
                                       "type": "json_invalid"}]) from None
    except ValueError as error:  # broken JSON, bytes that are not UTF-8, an integer of thousands of digits
        raise RequestValidationError([{"loc": ("body",), "msg": f"not valid JSON ({error})",
                                       "type": "json_invalid"}]) from None
    try:
        return SummarizeRequest.model_validate(body).batch()
    except ValidationError as error:
        raise RequestValidationError([{**e, "loc": ("body", *e["loc"])} for e in error.errors()]) from None


def _strings(values: Sequence[object]) -> list[str]:
    return [v for v in values if isinstance(v, str)]


def settings(request: Request) -> Config:
    config: Config = request.app.state.config
    return config


def templates_of(request: Request) -> Jinja2Templates:
    templates: Jinja2Templates = request.app.state.templates
    return templates


def require_input(batch: Batch) -> Batch:
    if not batch.records and not batch.uploads and not batch.pasted:
        raise ServeError(422, "no_input", "لم يُعطَ أي مقال: الصق نصا أو أضف ملفا")
    return batch


def run_batch(batch: Batch, config: Config) -> Summary:
    """A request's report, at once. Raises NoArticlesError (422) or RequestRejectedError (413)."""
    return summarize_batch(require_input(batch), config=config)


def blend_note(blend: Blend, n_articles: int) -> dict[str, Any]:
    """The note of a batch that tells several stories, as the API gives it (and the page reads it)."""
    return {"code": "several_stories", "message": several_stories_ar(n_articles, blend.count),
            "stories": blend.count,
            "largest": [{"title": s.title, "articles": len(s.articles)} for s in blend.largest]}


def summary_json(summary: Summary) -> str:
    """The JSON document of `akhbar summarize --format json`, with ``notes`` when the batch blends stories."""
    text = render_json(summary.report)
    if summary.blend is None:
        return text
    document = json.loads(text)
    document["notes"] = [blend_note(summary.blend, len(summary.report.articles))]
    return json.dumps(document, ensure_ascii=False, indent=2)


def job_work(batch: Batch, config: Config, templates: Jinja2Templates) -> Work:
    """What a background job does for ``batch``: the report, as JSON and as the page's fragment; when the
    batch blends several stories, the note and the articles too (the page offers their stories)."""

    def work(progress: Progress) -> JobOutput:
        try:
            summary = summarize_batch(batch, config=config, progress=progress)
        except RequestRejectedError as error:
            raise JobFailedError(str(error), 413, error.code) from None
        except NoArticlesError as error:
            raise JobFailedError(no_articles_ar(error.errors), 422, "no_articles") from None
        progress("writing", 0, 1)
        extra: tuple[tuple[str, str], ...] = ()
        if summary.blend is not None:
            note = blend_note(summary.blend, len(summary.report.articles))
            extra = (("notes.json", json.dumps([note], ensure_ascii=False)),
                     ("articles.jsonl", articles_jsonl(summary.report.articles)))
        fragment = since_note(templates, batch.since) + report_fragment(templates, summary.report)
        return JobOutput(summary_json(summary), fragment, extra)

    return work
