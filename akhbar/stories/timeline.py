"""The story so far: a storyline told as one dated line per event, oldest first, each line cited.

An event's line is the first sentence of its summary (the summary is ordered by first report, so
this is what the event's first reports said happened), cited by the outlets of the articles that
say it; an event without a report gives its title and its outlets. The views of many stories
(:mod:`akhbar.stories.render`) stream their stories grouped by storyline; :class:`Timelines`
collects each event's line as it passes and gives a storyline's timeline once its last event
has been shown.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from akhbar.outlets import outlet_name
from akhbar.records import Report
from akhbar.report.arabic import show_date
from akhbar.report.escaping import html_text, markdown_text, terminal_text
from akhbar.stories.records import Story
from akhbar.stories.storylines import Storyline

SO_FAR_AR = "القصة حتى الآن"
SOURCES_AR = "المصادر"


@dataclass(frozen=True, slots=True)
class Step:
    """One event of a storyline: its day, what happened, and who says it."""

    story: str
    date: str | None
    text: str
    outlets: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"story": self.story, "date": self.date, "text": self.text, "outlets": list(self.outlets)}


def story_step(story: Story, report: Report | None) -> Step:
    """The line of ``story``: its summary's first sentence with the outlets citing it, else its title."""
    if report is not None and report.summary:
        item = report.summary[0]
        names = {a.id: outlet_name(a) for a in report.articles}
        outlets = tuple(dict.fromkeys(names.get(source) or source for source in item.sources))
        return Step(story.id, story.start, item.text, outlets)
    return Step(story.id, story.start, story.title, tuple(story.outlets))


def timeline(line: Storyline, steps: Mapping[str, Step]) -> list[Step]:
    """The steps of ``line``'s stories that ``steps`` holds, oldest first (the storyline's order)."""
    return [steps[story] for story in line.stories if story in steps]


def timeline_text(steps: Sequence[Step]) -> str:
    lines = [f"   {SO_FAR_AR}:"]
    for step in steps:
        lines.append(f"   - {show_date(step.date)}: {step.text}")
        lines.append(f"     ← {'، '.join(step.outlets) or '-'}")
    return terminal_text("\n".join(lines) + "\n\n")


def timeline_markdown(steps: Sequence[Step]) -> str:
    lines = [f"### {SO_FAR_AR}", ""]
    lines += [f"- **{show_date(step.date)}**: {markdown_text(step.text)} — {SOURCES_AR}: "
              f"{'، '.join(markdown_text(o) for o in step.outlets)}" for step in steps]
    return "\n".join(lines) + "\n\n"


def timeline_html(steps: Sequence[Step], *, link: Callable[[str], str] | None = None) -> str:
    """An ordered list, each event dated (``<time>``) and cited; ``link`` gives an event's address."""
    items = []
    for step in steps:
        text = html_text(step.text)
        if link is not None:
            text = f'<a href="{html_text(link(step.story), quote=True)}">{text}</a>'
        items.append(f'<li><time datetime="{html_text(step.date or "", quote=True)}">{html_text(show_date(step.date))}'
                     f"</time>: {text} <span class=\"meta\">— {SOURCES_AR}: "
                     f"{html_text('، '.join(step.outlets))}</span></li>")
    return (f'<section class="timeline" dir="rtl" lang="ar"><h3>{SO_FAR_AR}</h3><ol>'
            + "".join(items) + "</ol></section>")


@dataclass(slots=True)
class Timelines:
    """Follows a stream of stories grouped by storyline: :meth:`add` each story as it is shown; it gives
    the timeline of the storyline just left (of several events), and :meth:`finish` the last one's."""

    lines: Mapping[str, Storyline]  # story id -> its storyline
    step: Callable[[Story, Any], Step] = story_step  # a story's line from what the view holds of its report
    steps: dict[str, Step] = field(default_factory=dict)
    current: Storyline | None = None

    def add(self, story: Story, report: Any) -> list[list[Step]]:
        line = self.lines.get(story.id)
        done = []
        if self.current is not None and (line is None or line.id != self.current.id):
            done = self.finish()
        self.current = line
        self.steps[story.id] = self.step(story, report)
        return done

    def finish(self) -> list[list[Step]]:
        found = timeline(self.current, self.steps) if self.current is not None and self.current.size > 1 else []
        self.current = None
        return [found] if len(found) > 1 else []
