"""Article dates and a time line of the story across outlets.

Article dates come from metadata (``Article.date``), a date line removed by ingest or left in the
body (``الأحد 2016/12/04``). An article without a date is dated from the story: the weekday it
calls اليوم (or the weekday of its lead, wire style: ``رفض فصيلان ... الاثنين``) is placed on the
nearest such day on or after the earliest known date; failing that, a sentence with a relative
expression (قبل يومين) that another, dated outlet carries word for word gives it that outlet's
date. Such dates are marked ``inferred``. Each sentence with a time expression becomes an event
resolved against its article's date; the same event sentence from several outlets on the same
date is one entry citing them all.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from akhbar.facts._common import content_stems, group_by_head, jaccard, tokens_of
from akhbar.facts.records import ArticleDate, Event, Resolution, Timeline
from akhbar.facts.temporal import TimeExpr, find_time_expressions, parse_iso, resolve
from akhbar.records import Article, Sentence

_DATE_LINE_TOKENS = 4
_LEAD_MIN_TOKENS = 5
_SAME_REPORT = 0.7
_SAME_EVENT = 0.5
_RELATIVE_KINDS = frozenset(("today", "yesterday", "tomorrow", "ago", "weekday", "since", "next_week", "last_week"))


def _full_date(expr: TimeExpr) -> str | None:
    if expr.kind == "date" and expr.year and expr.month and expr.day:
        return resolve(expr, None)[0]
    return None


def _explicit_date(article: Article, sentences: Sequence[Sentence]) -> tuple[str, str] | None:
    """``(iso, basis)`` from metadata, a removed date line or a short date line in the body."""
    if parse_iso(article.date):
        return str(article.date), "metadata"
    for line in article.removed:
        if line.reason == "date":
            for expr in find_time_expressions(line.text):
                if iso := _full_date(expr):
                    return iso, f"text: {line.text.strip()}"
    for sentence in sentences[:6]:
        if len(tokens_of(sentence.text)) <= _DATE_LINE_TOKENS:
            for expr in find_time_expressions(sentence.text):
                if iso := _full_date(expr):
                    return iso, f"text: {sentence.text.strip()}"
    return None


def _own_weekday(sentences: Sequence[Sentence]) -> tuple[int, str] | None:
    """The weekday an article calls اليوم, else the weekday in its lead sentence."""
    for sentence in sentences:
        for expr in find_time_expressions(sentence.text):
            if expr.kind == "today" and expr.weekday is not None:
                return expr.weekday, expr.text
    lead = next((s for s in sentences if len(tokens_of(s.text)) >= _LEAD_MIN_TOKENS), None)
    if lead is not None:
        for expr in find_time_expressions(lead.text):
            if expr.kind == "weekday" and expr.direction is None:
                return expr.weekday or 0, f"{expr.text} (lead)"
    return None


def on_or_after(anchor: dt.date, weekday: int) -> dt.date:
    return anchor + dt.timedelta(days=(weekday - anchor.weekday()) % 7)


def article_dates(articles: Sequence[Article], sentences: Sequence[Sentence]) -> list[ArticleDate]:
    """The date of every article, explicit, inferred or unresolved."""
    by_article: dict[str, list[Sentence]] = defaultdict(list)
    for s in sentences:
        by_article[s.article].append(s)
    found: dict[str, ArticleDate] = {}
    for article in articles:
        explicit = _explicit_date(article, by_article[article.id])
        if explicit:
            found[article.id] = ArticleDate(article.id, explicit[0], "explicit", explicit[1])
    known = sorted((d.date, d.article) for d in found.values() if d.date)
    anchor = parse_iso(known[0][0]) if known else None
    for article in articles:
        if article.id in found or anchor is None:
            continue
        weekday = _own_weekday(by_article[article.id])
        if weekday is not None:
            date = on_or_after(anchor, weekday[0])
            found[article.id] = ArticleDate(
                article.id,
                date.isoformat(),
                "inferred",
                f"{weekday[1]}, on or after {anchor.isoformat()} ({known[0][1]})",
            )
    for article in articles:
        if article.id not in found:
            found[article.id] = _from_shared_report(article.id, by_article, found)
    return [found[a.id] for a in articles]


def _from_shared_report(
    article: str, by_article: dict[str, list[Sentence]], found: dict[str, ArticleDate]
) -> ArticleDate:
    """Date an article by a relative sentence (قبل يومين ...) that a dated outlet carries too."""
    for sentence in by_article[article]:
        if not any(e.kind in _RELATIVE_KINDS for e in find_time_expressions(sentence.text)):
            continue
        stems = content_stems(sentence.text)
        for other, dated in found.items():
            if other == article or dated.date is None:
                continue
            for theirs in by_article[other]:
                if jaccard(stems, content_stems(theirs.text)) >= _SAME_REPORT:
                    return ArticleDate(
                        article,
                        dated.date,
                        "inferred",
                        f"same relative report as {other}: {theirs.text[:60]}",
                    )
    return ArticleDate(article, None, "unresolved", "no date in metadata or text")


def _is_date_line(sentence: Sentence, exprs: list[TimeExpr]) -> bool:
    return len(tokens_of(sentence.text)) <= _DATE_LINE_TOKENS and any(_full_date(e) for e in exprs)


def build_timeline(articles: Sequence[Article], sentences: Sequence[Sentence]) -> Timeline:
    dates = article_dates(articles, sentences)
    by_id = {d.article: d for d in dates}
    raw: list[Event] = []
    for sentence in sentences:
        exprs = find_time_expressions(sentence.text)
        if not exprs or _is_date_line(sentence, exprs):
            continue
        adate = by_id.get(sentence.article)
        ref = parse_iso(adate.date) if adate else None
        seen: set[str | None] = set()
        local = ref
        for expr in exprs:
            # "الجمعة الماضي ... مطلع الأسبوع المقبل": the week is counted from the day just named
            # "كان قال الجمعة ان لقاء سيجري مطلع الأسبوع المقبل": the next week of the Friday just
            # named, when that day is past; otherwise the article's own week.
            spoken = local if expr.kind == "next_week" and local and ref and local <= ref else ref
            date, until = resolve(expr, spoken)
            if expr.kind == "weekday" and date:
                local = parse_iso(date)
            status: Resolution
            if not expr.relative:
                status = "explicit"
            elif date is None:
                status = "unresolved"
            else:
                status = "relative" if adate and adate.resolved == "explicit" else "inferred"
            if date in seen and date is not None:
                continue
            seen.add(date)
            raw.append(Event(date, expr.text, status, sentence.text, (sentence.article,), (sentence,), until))
    return Timeline(tuple(dates), tuple(_merge_events(raw)))


def _merge_events(events: list[Event]) -> list[Event]:
    out = []
    for group in group_by_head(events, lambda e: e.date, lambda e: e.text, _SAME_EVENT):
        head = group[0]
        sources = tuple(sorted({s for e in group for s in e.sources}))
        out.append(replace(head, sources=sources, sentences=tuple(s for e in group for s in e.sentences)))
    order = {id(e): k for k, e in enumerate(out)}
    return sorted(out, key=lambda e: (e.date is None, e.date or "", order[id(e)]))
