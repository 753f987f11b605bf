"""The storylines of a store (`akhbar serve --db FILE`): a storyline's page, its events as a dated timeline
(each with the first sentences of its summary, the outlets that tell them, and a link to the event's page),
and the same as JSON. A merged storyline's id redirects (308) to the storyline it joined, as stories do.

Reads open the store read-only, like the stories' pages; the summaries are those the store caches for each
story (an event whose report is not built yet shows its title and outlets).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from akhbar.outlets import outlet_name
from akhbar.report.arabic import EVENT, count, date_span, show_date
from akhbar.serve.links import story_path, storyline_path
from akhbar.serve.messages import ServeError, articles_ar
from akhbar.serve.routers.pages import page
from akhbar.serve.routers.stories import Db
from akhbar.serve.stories import open_store
from akhbar.store.stories import StoredStory
from akhbar.store.storylines import StoredStoryline, stored_storyline

router = APIRouter()
SENTENCES = 2  # summary sentences shown for each event
Sentences = Annotated[int, Query(ge=1, le=10, description="Summary sentences given for each event.")]


@dataclass(frozen=True, slots=True)
class Said:
    text: str
    outlets: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Event:
    """One event of a storyline as its page shows it."""

    story: StoredStory
    summary: tuple[Said, ...]
    url: str


def _events(db: Path, line_id: str, sentences: int) -> tuple[StoredStoryline, list[Event]] | None:
    with open_store(db) as store:
        line = stored_storyline(store, line_id)
        if line is None or line.redirected_from is not None:
            return (line, []) if line is not None else None
        events = []
        for story_id in line.stories:
            story = store.story(story_id)
            if story is None or story.redirected_from is not None:
                continue
            cached = store.story_report(story.id)
            events.append(Event(story, _summary(story, cached.report if cached is not None else None, sentences),
                                story_path(story.id)))
    return line, events


def _summary(story: StoredStory, cached: dict[str, Any] | None, sentences: int) -> tuple[Said, ...]:
    """The first sentences of the story's cached summary, each with the outlets citing it; else its title."""
    report = (cached or {}).get("report") or {}
    names = {a["id"]: outlet_name_of(a) for a in report.get("articles", [])}
    said = tuple(Said(str(item["text"]), tuple(dict.fromkeys(names.get(s) or s for s in item.get("sources", []))))
                 for item in report.get("summary", [])[:sentences])
    return said or (Said(story.title, tuple(story.outlets)),)


def outlet_name_of(article: dict[str, Any]) -> str:
    from akhbar.records import Article

    return outlet_name(Article(str(article["id"]), "", None, None, article.get("source"), article.get("url")))


def _found(db: Path, line_id: str, sentences: int) -> tuple[StoredStoryline, list[Event]]:
    found = _events(db, line_id, sentences)
    if found is None:
        raise ServeError(404, "no_storyline", f"لا قصة متواصلة بالمعرّف {line_id!r} في المخزن")
    return found


@router.get("/storylines/{line_id:path}", include_in_schema=False, name="storyline_page", response_model=None)
def storyline_page(request: Request, line_id: str, db: Db,
                   sentences: Sentences = SENTENCES) -> HTMLResponse | RedirectResponse:
    """A storyline: its events oldest first, each dated, summarized, cited and linked to its page."""
    line, events = _found(db, line_id, sentences)
    if line.redirected_from is not None:
        return RedirectResponse(storyline_path(line.id), status_code=308)
    return page(request, "storyline.html", line=line, events=events, span=date_span(line.start, line.end),
                size_ar=count(line.size, EVENT), show_date=show_date,
                articles=articles_ar(sum(len(e.story.articles) for e in events)))


@router.get("/api/storylines/{line_id:path}", tags=["stories"], response_model=None)
def storyline(line_id: str, db: Db, sentences: Sentences = SENTENCES) -> dict[str, Any] | RedirectResponse:
    """One storyline: its events oldest first (the story so far), each with its date, first summary
    sentences and the outlets citing them. A merged storyline's id redirects (308) to the one it joined."""
    line, events = _found(db, line_id, sentences)
    if line.redirected_from is not None:
        return RedirectResponse(storyline_path(line.id, api=True), status_code=308)
    return {"id": line.id, "title": line.title, "start": line.start, "end": line.end, "outlets": list(line.outlets),
            "size": line.size, "revision": line.revision, "updated_at": line.updated_at,
            "stories": list(line.stories),
            "timeline": [{"story": e.story.id, "title": e.story.title, "date": e.story.start, "end": e.story.end,
                          "url": e.url, "outlets": list(e.story.outlets),
                          "summary": [{"text": s.text, "outlets": list(s.outlets)} for s in e.summary]}
                         for e in events]}
