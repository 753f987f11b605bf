"""One self-contained, right-to-left HTML page. Every piece of article text is escaped."""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from importlib import resources

from akhbar.outlets import label, outlet_labels
from akhbar.records import Group, Report, Sentence
from akhbar.report.escaping import html_text as escape
from akhbar.report.passages import BETWEEN_EMPTY, BETWEEN_TITLE, REPUBLISHED_TITLE, split_passages

_PALETTE = 8


@cache
def _css() -> str:
    return resources.files("akhbar.resources").joinpath("report.css").read_text(encoding="utf-8")


def anchor(article: str, index: int) -> str:
    """The element id of a sentence; facts and groups link to it."""
    return escape(f"s-{article}-{index}", quote=True)


def _source_links(
    sentences: list[Sentence] | tuple[Sentence, ...], sources: tuple[str, ...], labels: dict[str, str]
) -> str:
    first: dict[str, Sentence] = {}
    for s in sentences:
        first.setdefault(s.article, s)
    links = []
    for source in sources:
        target = first.get(source)
        href = f' href="#{anchor(target.article, target.index)}"' if target else ""
        links.append(f'<a class="src"{href}>{escape(label(labels, source))}</a>')
    return "".join(links)


def _summary(report: Report, labels: dict[str, str]) -> str:
    group_of = {s: g for g in report.groups for s in g.sentences}
    items = []
    for item in report.summary:
        group = group_of.get(item.sentence)
        members = group.sentences if group else (item.sentence,)
        related = (f' <span class="related">وبصياغة أخرى: {_source_links(members, item.related, labels)}</span>'
                   if item.related else "")
        items.append(f"<li>{escape(item.text)} {_source_links(members, item.sources, labels)}{related}</li>")
    return f'<section class="summary"><h2>الملخص</h2><ol>{"".join(items)}</ol></section>'


def _passage_rows(groups: tuple[Group, ...], number_of: dict[int, int], labels: dict[str, str]) -> str:
    return "".join(
        f'<tr class="shared g{number_of[id(group)] % _PALETTE}"><td class="kind">{escape(group.kind)}</td>'
        f"<td>{escape(group.representative.text)}</td>"
        f"<td>{_source_links(group.sentences, group.sources, labels)}</td></tr>"
        for group in groups
    )


def _groups(report: Report, labels: dict[str, str]) -> str:
    """Passages shared between outlets, then (apart) one outlet's own republished copies."""
    passages = split_passages(report.groups, report.articles)
    number_of = {id(g): number for number, g in enumerate(report.groups)}
    head = "<thead><tr><th>النوع</th><th>النص</th><th>المصادر</th></tr></thead>"
    body = _passage_rows(passages.between, number_of, labels) or f'<tr><td colspan="3">{BETWEEN_EMPTY}</td></tr>'
    out = f"<section><h2>{BETWEEN_TITLE}</h2><table>{head}<tbody>{body}</tbody></table></section>"
    if passages.republished:
        copies = _passage_rows(passages.republished, number_of, labels)
        out += (f'<section class="republished"><h2>{REPUBLISHED_TITLE}</h2><table>{head}<tbody>{copies}'
                "</tbody></table></section>")
    return out


def _articles(report: Report, labels: dict[str, str]) -> str:
    group_of: dict[tuple[str, int], int] = {}
    for number, group in enumerate(report.groups):
        for s in group.sentences:
            group_of[(s.article, s.index)] = number
    by_article: dict[str, list[Sentence]] = defaultdict(list)
    for s in report.sentences:
        by_article[s.article].append(s)
    cards = []
    for article in report.articles:
        spans = []
        for s in by_article[article.id]:
            found = group_of.get((s.article, s.index))
            css = f" shared g{found % _PALETTE}" if found is not None else ""
            title = f' title="{escape(report.groups[found].kind)}"' if found is not None else ""
            spans.append(f'<span class="s{css}" id="{anchor(s.article, s.index)}"{title}>{escape(s.text)}</span>')
        removed = "".join(f"<li>{escape(r.reason)}: {escape(r.text)}</li>" for r in article.removed)
        meta = " · ".join(escape(x) for x in (article.date or "بلا تاريخ", article.source or "") if x)
        cards.append(
            f'<article class="article"><h3><span class="src" title="{escape(article.id)}">'
            f'{escape(label(labels, article.id))}</span> '
            f'{escape(article.title or "")}</h3><div class="meta">{meta}</div><p>{" ".join(spans)}</p>'
            + (f'<details class="removed"><summary>ما حُذف ({len(article.removed)})</summary><ul>{removed}</ul>'
               "</details>" if removed else "")
            + "</article>"
        )
    return f'<section><h2>المقالات</h2><div class="articles">{"".join(cards)}</div></section>'


def _errors(report: Report) -> str:
    if not report.errors:
        return ""
    items = "".join(f"<li><code>{escape(e.path)}</code> ({escape(e.action)}): {escape(e.problem)}</li>"
                    for e in report.errors)
    return f'<section class="errors"><h2>مدخلات لم تُقرأ</h2><ul>{items}</ul></section>'


def report_sections(report: Report) -> str:
    """The report's sections (summary, facts, shared passages, articles), without the page around them."""
    labels = outlet_labels(report.articles)
    facts = ""
    if report.facts is not None:
        from akhbar.report.facts_view import facts_to_html

        facts = f"<section><h2>الوقائع جنبا إلى جنب</h2>{facts_to_html(report.facts, labels=labels)}</section>"
    return f"{_summary(report, labels)}{facts}{_groups(report, labels)}{_articles(report, labels)}"


def page_head(title: str) -> str:
    """The opening of a right-to-left page with the report's style sheet; ``title`` is escaped here."""
    return ('<!DOCTYPE html>\n<html dir="rtl" lang="ar"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{_css()}</style></head><body>")


def render_html(report: Report) -> str:
    return (
        f"{page_head(f'akhbar — {len(report.articles)} مقالات')}"
        f"<h1>أخبار: {len(report.articles)} مقالات</h1>"
        f"{report_sections(report)}{_errors(report)}"
        "</body></html>\n"
    )
