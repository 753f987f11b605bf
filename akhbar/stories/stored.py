"""Stories rendered from a store's cached reports (``akhbar stories --db FILE``): no report is rebuilt to be shown.

A cached report (:func:`akhbar.store.update.cached_report`) holds the report's JSON and its HTML sections.
Text and Markdown read the summary from the JSON (through a light :class:`~akhbar.records.Report` that
the one-story renderers accept); JSON and HTML take the cached parts as they are. Article text is
escaped by the same helpers as everywhere else.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from akhbar.config import Config
from akhbar.records import Article, BadInput, Report, Sentence, SummaryItem
from akhbar.report.escaping import json_safe
from akhbar.stories import render
from akhbar.stories.records import Story
from akhbar.stories.storylines import Storyline
from akhbar.stories.timeline import Step, story_step, timeline

Cached = dict[str, Any] | None  # {"report": ..., "html": ...}, or None: no report (a story too small)


def light_report(cached: dict[str, Any]) -> Report:
    """The parts of a report the text and Markdown views read: its articles (for outlet names) and summary."""
    data = cached["report"]
    articles = tuple(Article(a["id"], a.get("body") or "", a.get("title"), a.get("date"), a.get("source"),
                             a.get("url")) for a in data.get("articles", []))
    summary = tuple(SummaryItem(item["text"], tuple(item["sources"]),
                                Sentence(item["article"], item["index"], 0, 0, item["text"]), float(item["score"]),
                                tuple(item.get("related", ()))) for item in data.get("summary", []))
    return Report(articles, (), (), summary, None, Config())


def _light(entries: Iterable[tuple[Story, Cached]]) -> Iterator[tuple[Story, Report | None]]:
    return ((s, light_report(c) if c else None) for s, c in entries)


def cached_step(story: Story, cached: Cached) -> Step:
    """A story's line of the story so far, from its cached report."""
    return story_step(story, light_report(cached) if cached else None)


def stories_text(entries: Iterable[tuple[Story, Cached]], errors: Sequence[BadInput],
                 storylines: Sequence[Storyline] = ()) -> Iterator[str]:
    return render.stories_text(_light(entries), errors, storylines)


def stories_markdown(entries: Iterable[tuple[Story, Cached]], errors: Sequence[BadInput],
                     storylines: Sequence[Storyline] = ()) -> Iterator[str]:
    return render.stories_markdown(_light(entries), errors, storylines)


def stories_json(entries: Iterable[tuple[Story, Cached]], errors: Sequence[BadInput],
                 storylines: Sequence[Storyline] = ()) -> Iterator[str]:
    """As :func:`akhbar.stories.render.stories_json`: each story's header (with its storyline), summary
    and facts, then the storylines with their timelines."""
    lines = render.lines_of(storylines)
    steps: dict[str, Step] = {}
    yield '{"stories": ['
    for number, (story, cached) in enumerate(entries):
        data = render.story_header(story)
        line = lines.get(story.id)
        data["storyline"] = line.id if line is not None else None
        report = cached["report"] if cached else {}
        data["summary"] = report.get("summary", [])
        if "facts" in report:
            data["facts"] = report["facts"]
        steps[story.id] = cached_step(story, cached)
        yield ("," if number else "") + "\n  " + json.dumps(json_safe(data), ensure_ascii=False, allow_nan=False)
    yield '\n], "storylines": ['
    listed = [line for line in storylines if any(sid in steps for sid in line.stories)]
    for number, line in enumerate(listed):
        data = {**render.storyline_header(line), "timeline": [step.to_dict() for step in timeline(line, steps)]}
        yield ("," if number else "") + "\n  " + json.dumps(json_safe(data), ensure_ascii=False, allow_nan=False)
    problems = [{"path": e.path, "problem": e.problem, "action": e.action} for e in errors]
    yield f'\n], "errors": {json.dumps(problems, ensure_ascii=False)}}}\n'


def stories_html(stories: Sequence[Story], entries: Iterable[tuple[Story, Cached]],
                 errors: Sequence[BadInput], storylines: Sequence[Storyline] = ()) -> Iterator[str]:
    """As :func:`akhbar.stories.render.stories_html`, each story's sections taken from the cache."""
    return render.stories_html(stories, entries, errors, sections=lambda cached: str(cached["html"]),
                               storylines=storylines, step=cached_step)
