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

from akhbar.facts._common import FACTS_MAX_DF, content_stems, group_by_head, jaccard, tokens_of
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
    shared = _SharedReports(sentences)
    # Dated articles in the order they were found: an article takes the date of the first one
    # that carries its relative report (and, once dated, can date the articles after it).
    rank = {other: r for r, (other, dated) in enumerate(found.items()) if dated.date is not None}
    for article in articles:
        if article.id not in found:
            found[article.id] = shared.date(article.id, by_article, found, rank)
            if found[article.id].date is not None:
                rank[article.id] = len(rank)
    return [found[a.id] for a in articles]


class _SharedReports:
    """Which sentences may repeat a relative report (قبل يومين ...): those sharing one of its rare stems.

    Built on first use (only an article without any date needs it), so dating an article by a
    report another outlet carries word for word compares its relative sentences with their
    candidates from the index, not with every sentence of the batch.
    """

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        self.sentences = list(sentences)
        self._candidates: dict[tuple[str, int], list[int]] | None = None
        self.stems: list[set[str]] = []
        self.position = {(s.article, s.index): k for k, s in enumerate(self.sentences)}

    @property
    def candidates(self) -> dict[tuple[str, int], list[int]]:
        """Relative sentence (article, index) -> the sentences sharing a rare stem with it."""
        if self._candidates is None:
            from akhbar.blocking import cross_pairs
            from akhbar.vectors import binary

            self.stems = [content_stems(s.text) for s in self.sentences]
            relative = [k for k, s in enumerate(self.sentences)
                        if any(e.kind in _RELATIVE_KINDS for e in find_time_expressions(s.text))]
            self._candidates = {(self.sentences[k].article, self.sentences[k].index): [] for k in relative}
            if relative:
                matrix = binary([*(self.stems[k] for k in relative), *self.stems])
                rows, cols = cross_pairs(matrix[:len(relative)], matrix[len(relative):], max_df=FACTS_MAX_DF)
                for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
                    query = self.sentences[relative[r]]
                    self._candidates[(query.article, query.index)].append(c)
        return self._candidates

    def date(
        self, article: str, by_article: dict[str, list[Sentence]], found: dict[str, ArticleDate],
        rank: dict[str, int],
    ) -> ArticleDate:
        """Date ``article`` by its first relative sentence that a dated article (first in ``rank``) carries."""
        for sentence in by_article[article]:
            key = (sentence.article, sentence.index)
            if key not in self.candidates:
                continue
            stems = self.stems[self.position[key]]
            matches = [self.sentences[k] for k in self.candidates.get(key, ())
                       if self.sentences[k].article in rank and self.sentences[k].article != article
                       and jaccard(stems, self.stems[k]) >= _SAME_REPORT]
            if matches:
                theirs = min(matches, key=lambda s: (rank[s.article], s.index))
                return ArticleDate(article, found[theirs.article].date, "inferred",
                                   f"same relative report as {theirs.article}: {theirs.text[:60]}")
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
