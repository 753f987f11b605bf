"""Views of many stories: an index of the stories, each followed by (or linking to) its report.

They are generators of text chunks: the caller writes each chunk as it comes, so the reports
of an archive never have to be held at once. Each story's report reuses the one-story renderers
(:mod:`akhbar.report.html`, :mod:`akhbar.report.json_out`); there is no second report format.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from akhbar.outlets import label, outlet_labels
from akhbar.records import BadInput, Report
from akhbar.report.arabic import ARTICLE, COPY_AR, EVENT, STORY, action_ar, count, date_span
from akhbar.report.escaping import html_text as escape
from akhbar.report.escaping import json_safe, markdown_code, markdown_text, terminal_text
from akhbar.report.html import page_head, report_sections
from akhbar.report.json_out import summary_items
from akhbar.stories.records import Story
from akhbar.stories.storylines import Storyline
from akhbar.stories.timeline import (
    Step,
    Timelines,
    story_step,
    timeline,
    timeline_html,
    timeline_markdown,
    timeline_text,
)

Entry = tuple[Story, Report | None]  # a story and its report (None: not reported, e.g. too small)
Lines = Mapping[str, Storyline]  # story id -> its storyline


def by_storyline(stories: Sequence[Story], storylines: Sequence[Storyline]) -> list[Story]:
    """``stories`` grouped by storyline: a storyline comes where its first story in ``stories`` comes
    (largest first stays largest first), and brings its other stories along, oldest first."""
    lines = lines_of(storylines)
    shown = {story.id: story for story in stories}
    ordered: list[Story] = []
    done: set[str] = set()
    for story in stories:
        if story.id in done:
            continue
        line = lines.get(story.id)
        members = [shown[sid] for sid in line.stories if sid in shown] if line is not None else [story]
        ordered.extend(members)
        done.update(member.id for member in members)
    return ordered


def lines_of(storylines: Sequence[Storyline]) -> dict[str, Storyline]:
    return {sid: line for line in storylines for sid in line.stories}


def storyline_header(line: Storyline) -> dict[str, Any]:
    return {"id": line.id, "title": line.title, "stories": list(line.stories), "start": line.start,
            "end": line.end, "outlets": list(line.outlets), "size": line.size}


def _line_changes(story: Story, lines: Lines, last: list[str | None]) -> Storyline | None:
    """The storyline of ``story`` when it differs from the previous story's and holds several stories."""
    line = lines.get(story.id)
    current = line.id if line is not None else None
    if current == last[0]:
        return None
    last[0] = current
    return line if line is not None and line.size > 1 else None


def story_header(story: Story) -> dict[str, Any]:
    return {
        "id": story.id, "title": story.title, "articles": list(story.articles), "outlets": list(story.outlets),
        "start": story.start, "end": story.end,
        "duplicates": [{"article": d.article, "original": d.original, "kind": d.kind,
                        "similarity": round(d.similarity, 4)} for d in story.duplicates],
    }


def story_to_dict(story: Story, report: Report | None, storyline: str | None = None) -> dict[str, Any]:
    data = story_header(story)
    data["storyline"] = storyline
    data["summary"] = summary_items(report) if report is not None else []
    if report is not None and report.facts is not None:
        from akhbar.report.facts_json import facts_to_json

        data["facts"] = facts_to_json(report.facts)
    return data


def stories_json(entries: Iterable[Entry], errors: Sequence[BadInput],
                 storylines: Sequence[Storyline] = ()) -> Iterator[str]:
    """``{"stories": [...], "storylines": [...], "errors": [...]}``, one story per chunk; each story
    names its storyline (``"storyline": id``)."""
    lines = lines_of(storylines)
    steps = {}
    yield '{"stories": ['
    for number, (story, report) in enumerate(entries):
        line = lines.get(story.id)
        data = json_safe(story_to_dict(story, report, line.id if line is not None else None))
        steps[story.id] = story_step(story, report)
        yield ("," if number else "") + "\n  " + json.dumps(data, ensure_ascii=False, allow_nan=False)
    yield '\n], "storylines": ['
    listed = [line for line in storylines if any(sid in steps for sid in line.stories)]
    for number, line in enumerate(listed):
        # The story so far: one dated, cited line per event of the storyline shown above, oldest first.
        data = json_safe({**storyline_header(line), "timeline": [step.to_dict() for step in timeline(line, steps)]})
        yield ("," if number else "") + "\n  " + json.dumps(data, ensure_ascii=False, allow_nan=False)
    problems = [{"path": e.path, "problem": e.problem, "action": e.action} for e in errors]
    yield f'\n], "errors": {json.dumps(problems, ensure_ascii=False)}}}\n'


def _span(story: Story) -> str:
    return date_span(story.start, story.end)


def _anchor(story: Story) -> str:
    return escape(_anchor_of(story.id), quote=True)


def _anchor_of(story_id: str) -> str:
    return f"story-{story_id}"


def stories_html(stories: Sequence[Story], entries: Iterable[tuple[Story, Any]], errors: Sequence[BadInput], *,
                 sections: Callable[[Any], str] = report_sections,
                 storylines: Sequence[Storyline] = (),
                 step: Callable[[Story, Any], Step] = story_step) -> Iterator[str]:
    """One right-to-left page: the index of ``stories`` (under their storylines), then each story's
    report under its anchor (``sections`` turns an entry's report into HTML; a store gives its cached
    sections)."""
    lines = lines_of(storylines)
    yield page_head(f"أخبار — {count(len(stories), STORY)}")
    yield f"<h1>أخبار: {count(len(stories), STORY)}</h1><nav class=\"stories\"><ol>"
    last: list[str | None] = [None]
    for story in stories:
        if (line := _line_changes(story, lines, last)) is not None:
            yield (f'<li class="storyline"><strong>{escape(line.title)}</strong> '
                   f'<span class="meta">قصة متواصلة: {count(line.size, EVENT)} · '
                   f"{escape(date_span(line.start, line.end))}"
                   "</span></li>")
        yield (f'<li><a href="#{_anchor(story)}">{escape(story.title)}</a> '
               f'<span class="meta">{count(len(story.articles), ARTICLE)} · {escape(", ".join(story.outlets))} · '
               f"{escape(_span(story))}</span></li>")
    yield "</ol></nav>"
    so_far = Timelines(lines, step)
    for story, report in entries:
        for steps in so_far.add(story, report):
            yield timeline_html(steps, link=lambda sid: f"#{_anchor_of(sid)}")
        yield (f'<section class="story" id="{_anchor(story)}"><h2>{escape(story.title)}</h2>'
               f'<div class="meta">{count(len(story.articles), ARTICLE)} · {escape(", ".join(story.outlets))} · '
               f"{escape(_span(story))}</div>")
        if story.duplicates:
            copies = "".join(f"<li>{escape(d.article)} نسخة {COPY_AR.get(d.kind, escape(d.kind))} من "
                             f"{escape(d.original)}</li>" for d in story.duplicates)
            yield f"<details><summary>نسخ مكررة ({len(story.duplicates)})</summary><ul>{copies}</ul></details>"
        if report is not None:
            yield sections(report)
        yield '<p><a href="#">↑</a></p></section>'
    for steps in so_far.finish():
        yield timeline_html(steps, link=lambda sid: f"#{_anchor_of(sid)}")
    if errors:
        items = "".join(f"<li><code>{escape(e.path)}</code>: {escape(e.problem)}</li>" for e in errors)
        yield f'<section class="errors"><h2>مدخلات لم تُقرأ</h2><ul>{items}</ul></section>'
    yield "</body></html>\n"


def stories_markdown(entries: Iterable[Entry], errors: Sequence[BadInput],
                     storylines: Sequence[Storyline] = ()) -> Iterator[str]:
    by_story = lines_of(storylines)
    last: list[str | None] = [None]
    so_far = Timelines(by_story)
    for story, report in entries:
        for steps in so_far.add(story, report):
            yield timeline_markdown(steps)
        if (line := _line_changes(story, by_story, last)) is not None:
            yield (f"# {markdown_text(line.title)}\n\nقصة متواصلة: {count(line.size, EVENT)} · "
                   f"{date_span(line.start, line.end)} · {markdown_code(line.id)}\n\n")
        lines = [f"## {markdown_text(story.title)}", "",
                 f"{count(len(story.articles), ARTICLE)} · {markdown_text(', '.join(story.outlets))} · "
                 f"{_span(story)} · {markdown_code(story.id)}", ""]
        if report is not None:
            labels = outlet_labels(report.articles)
            lines += [f"- {markdown_text(item.text)} — المصادر: "
                      f"{'، '.join(markdown_text(label(labels, s)) for s in item.sources)}"
                      for item in report.summary]
        else:
            lines += [f"- {markdown_code(i)}" for i in story.articles]
        yield "\n".join(lines) + "\n\n"
    for steps in so_far.finish():
        yield timeline_markdown(steps)
    if errors:
        yield "## مدخلات لم تُقرأ أو أُصلحت\n\n" + "".join(
            f"- {markdown_code(e.path)} ({action_ar(e.action)}): {markdown_text(e.problem)}\n" for e in errors)


def stories_text(entries: Iterable[Entry], errors: Sequence[BadInput],
                 storylines: Sequence[Storyline] = ()) -> Iterator[str]:
    """Plain text for a terminal or a file; article text is never interpreted as markup, and escape
    sequences and controls never reach the terminal (:func:`~akhbar.report.escaping.terminal_text`)."""
    by_story = lines_of(storylines)
    last: list[str | None] = [None]
    so_far = Timelines(by_story)
    for number, (story, report) in enumerate(entries, start=1):
        for steps in so_far.add(story, report):
            yield timeline_text(steps)
        if (line := _line_changes(story, by_story, last)) is not None:
            yield terminal_text(f"== {line.title}\n   قصة متواصلة · {count(line.size, EVENT)} · "
                                f"{date_span(line.start, line.end)} · {line.id}\n\n")
        lines = [f"{number}. {terminal_text(story.title)}",
                 f"   {count(len(story.articles), ARTICLE)} · {terminal_text(', '.join(story.outlets)) or '-'} · "
                 f"{_span(story)} · {terminal_text(story.id)}"]
        if report is not None:
            labels = outlet_labels(report.articles)
            for item in report.summary:
                lines.append(f"   - {item.text}")
                lines.append(f"     ← {', '.join(label(labels, s) for s in item.sources)}")
        yield terminal_text("\n".join(lines) + "\n\n")
    for steps in so_far.finish():
        yield timeline_text(steps)
    for e in errors:
        yield terminal_text(f"{action_ar(e.action)} {e.path}: {e.problem}", keep_newlines=False) + "\n"
