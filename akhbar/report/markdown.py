"""Markdown output: the summary with citations, shared passages, facts and removed noise.

Every piece of input (article text, ids, titles, file names, problems) goes through the Markdown
helpers of :mod:`akhbar.report.escaping`.
"""

from __future__ import annotations

from akhbar.outlets import label, outlet_labels
from akhbar.records import Report
from akhbar.report.escaping import markdown_code, markdown_text
from akhbar.report.passages import BETWEEN_TITLE, REPUBLISHED_TITLE, split_passages


def render_markdown(report: Report) -> str:
    labels = outlet_labels(report.articles)

    def cite(ids: tuple[str, ...]) -> str:
        return "، ".join(markdown_text(label(labels, s)) for s in ids)

    lines = ["# الملخص", ""]
    for item in report.summary:
        related = f" — وبصياغة أخرى: {cite(item.related)}" if item.related else ""
        lines.append(f"- {markdown_text(item.text)} — المصادر: {cite(item.sources)}{related}")
    passages = split_passages(report.groups, report.articles)
    lines += ["", f"## {BETWEEN_TITLE}", ""]
    for group in passages.between:
        lines.append(f"- **{group.kind}** ({cite(group.sources)}): {markdown_text(group.representative.text)}")
    if passages.republished:
        lines += ["", f"## {REPUBLISHED_TITLE}", ""]
        for group in passages.republished:
            lines.append(f"- **{group.kind}** ({cite(group.sources)}): {markdown_text(group.representative.text)}")
    if report.facts is not None:
        from akhbar.report.facts_view import facts_to_markdown

        lines += ["", facts_to_markdown(report.facts, labels=labels)]
    lines += ["", "## المقالات", ""]
    for article in report.articles:
        title = f" — {markdown_text(article.title)}" if article.title else ""
        date = markdown_text(article.date) if article.date else "بلا تاريخ"
        lines.append(f"- **{markdown_text(label(labels, article.id))}** {markdown_code(article.id)}{title} ({date})")
        for removed in article.removed:
            lines.append(f"  - حُذف ({removed.reason}): {markdown_text(removed.text)}")
    if report.errors:
        lines += ["", "## مدخلات لم تُقرأ", ""]
        lines += [f"- {markdown_code(e.path)} ({e.action}): {markdown_text(e.problem)}" for e in report.errors]
    return "\n".join(lines) + "\n"
