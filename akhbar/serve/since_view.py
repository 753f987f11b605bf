"""The story page's «ما الجديد منذ» toggle: what a story's articles dated DATE or later add, on demand.

The store caches a story's whole report, never a "what's new" one (`akhbar stories --since` with
`--db` is refused for that reason), so the page computes it for the one story it shows: the
story's articles, no more, through the same pipeline as `akhbar summarize --since`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from akhbar.articles import Article
from akhbar.config import Config
from akhbar.serve.messages import ServeError
from akhbar.summarize.since import is_new


@dataclass(frozen=True, slots=True)
class SinceLine:
    text: str
    cites: tuple[str, ...]  # the outlets' labels, as the story's report names them


@dataclass(frozen=True, slots=True)
class SinceView:
    since: str  # ISO date
    new_articles: int  # the story's articles dated ``since`` or later
    lines: tuple[SinceLine, ...]


def day_before(day: str | None) -> str | None:
    """The day before ``day`` (an ISO date or datetime): the toggle's default, the day before the
    story's latest article, so that the latest day's articles are what is new."""
    if not day:
        return None
    try:
        return (date.fromisoformat(day[:10]) - timedelta(days=1)).isoformat()
    except ValueError:
        return None


def parse_since(value: str | None) -> str | None:
    """``since=`` of the page's address as an ISO date, None when empty; a 422 (Arabic) otherwise."""
    if value is None or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise ServeError(422, "bad_since", "التاريخ غير صالح: اكتبه بالصيغة YYYY-MM-DD (مثل 2018-05-07)") from None


def since_view(articles: Sequence[Article], *, config: Config, since: str) -> SinceView:
    """The summary of what ``articles`` dated ``since`` or later add to the earlier ones, cited."""
    from akhbar.pipeline import run, with_since
    from akhbar.serve.views import report_view

    new_articles = sum(is_new(a.date, since) for a in articles)
    if not new_articles:
        return SinceView(since, 0, ())
    report = run(articles, config=with_since(config, since), with_facts=False)
    view = report_view(report, prefix="since-")
    lines = tuple(SinceLine(line.text, tuple(c.label for c in line.sources)) for line in view.summary)
    return SinceView(since, new_articles, lines)
