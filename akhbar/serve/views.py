"""A report laid out for the page's templates: plain records of text and links, no markup.

The templates escape every string (Jinja autoescape), so nothing here builds HTML. Sentences get anchors
from their article's position, not its id, since an id may hold any character.
"""

from __future__ import annotations

from dataclasses import dataclass

from akhbar.outlets import label, outlet_labels
from akhbar.records import Article, BadInput, Group, RemovedLine, Report, Sentence

PALETTE = 8  # shared passages cycle through this many highlight colours (app.css .g0 ... .g7)


@dataclass(frozen=True, slots=True)
class Cite:
    """An outlet label, linked to the sentence that carries the cited text (``href`` may be empty)."""

    label: str
    href: str


@dataclass(frozen=True, slots=True)
class SummaryLine:
    text: str
    sources: tuple[Cite, ...]
    related: tuple[Cite, ...]


@dataclass(frozen=True, slots=True)
class Span:
    """A sentence of an outlet's article; ``colour`` is set when other outlets share it."""

    text: str
    anchor: str
    colour: int | None
    kind: str | None


@dataclass(frozen=True, slots=True)
class OutletCard:
    label: str
    article: Article
    spans: tuple[Span, ...]
    removed: tuple[RemovedLine, ...]


@dataclass(frozen=True, slots=True)
class SharedRow:
    kind: str
    text: str
    colour: int
    sources: tuple[Cite, ...]


@dataclass(frozen=True, slots=True)
class FactRow:
    cells: tuple[str, ...]
    refs: tuple[Cite, ...]


@dataclass(frozen=True, slots=True)
class FactTable:
    key: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[FactRow, ...]
    empty: str


@dataclass(frozen=True, slots=True)
class ReportView:
    summary: tuple[SummaryLine, ...]
    outlets: tuple[OutletCard, ...]
    shared: tuple[SharedRow, ...]  # passages two or more outlets share
    facts: tuple[FactTable, ...] | None
    errors: tuple[BadInput, ...]
    republished: tuple[SharedRow, ...] = ()  # one outlet's own copies (akhbar.report.passages)


class _Anchors:
    """Sentence anchors and citations of one report."""

    def __init__(self, report: Report) -> None:
        self.position = {article.id: number for number, article in enumerate(report.articles)}
        self.labels = outlet_labels(report.articles)

    def of(self, sentence: Sentence) -> str:
        return f"s{self.position.get(sentence.article, 0)}-{sentence.index}"

    def cite(self, article: str, sentences: tuple[Sentence, ...]) -> Cite:
        target = next((s for s in sentences if s.article == article), None)
        return Cite(label(self.labels, article), f"#{self.of(target)}" if target else "")

    def cites(self, articles: tuple[str, ...], sentences: tuple[Sentence, ...]) -> tuple[Cite, ...]:
        return tuple(self.cite(article, sentences) for article in articles)


def report_view(report: Report) -> ReportView:
    anchors = _Anchors(report)
    group_of = {(s.article, s.index): number for number, g in enumerate(report.groups) for s in g.sentences}
    summary = []
    for item in report.summary:
        number = group_of.get((item.sentence.article, item.sentence.index))
        members = report.groups[number].sentences if number is not None else (item.sentence,)
        summary.append(SummaryLine(item.text, anchors.cites(item.sources, members),
                                   anchors.cites(item.related, members)))
    by_article: dict[str, list[Span]] = {a.id: [] for a in report.articles}
    for s in report.sentences:
        number = group_of.get((s.article, s.index))
        kind = report.groups[number].kind if number is not None else None
        colour = number % PALETTE if number is not None else None
        by_article.setdefault(s.article, []).append(Span(s.text, anchors.of(s), colour, kind))
    outlets = tuple(OutletCard(label(anchors.labels, a.id), a, tuple(by_article[a.id]), a.removed)
                    for a in report.articles)
    from akhbar.report.passages import split_passages

    passages = split_passages(report.groups, report.articles)
    number_of = {id(g): number for number, g in enumerate(report.groups)}

    def rows(groups: tuple[Group, ...]) -> tuple[SharedRow, ...]:
        return tuple(SharedRow(g.kind, g.representative.text, number_of[id(g)] % PALETTE,
                               anchors.cites(g.sources, g.sentences)) for g in groups)

    return ReportView(tuple(summary), outlets, rows(passages.between), _facts(report, anchors), report.errors,
                      rows(passages.republished))


def _facts(report: Report, anchors: _Anchors) -> tuple[FactTable, ...] | None:
    if report.facts is None:
        return None
    from akhbar.report.facts_view import parts

    tables = []
    for part in parts(report.facts):
        rows = []
        for row in part.rows:
            if row.sentences:
                refs = tuple(Cite(f"{label(anchors.labels, s.article)} #{s.index}", f"#{anchors.of(s)}")
                             for s in dict.fromkeys(row.sentences))
            else:
                refs = tuple(Cite(label(anchors.labels, source), "") for source in row.sources)
            rows.append(FactRow(row.cells, refs))
        tables.append(FactTable(part.key, part.title, part.columns, tuple(rows), part.empty))
    return tuple(tables)
