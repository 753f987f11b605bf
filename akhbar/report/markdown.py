"""Markdown output: the summary with citations, shared passages, facts and removed noise."""

from __future__ import annotations

from akhbar.records import Report


def _md(text: str) -> str:
    """Escape the characters that would turn article text into Markdown markup."""
    for char in "\\`*_[]<>|#":
        text = text.replace(char, "\\" + char)
    return text


def render_markdown(report: Report) -> str:
    lines = ["# الملخص", ""]
    for item in report.summary:
        related = f" — وبصياغة أخرى: {', '.join(f'`{s}`' for s in item.related)}" if item.related else ""
        lines.append(f"- {_md(item.text)} — المصادر: {', '.join(f'`{s}`' for s in item.sources)}{related}")
    lines += ["", "## مقاطع مشتركة بين المصادر", ""]
    for group in report.groups:
        lines.append(f"- **{group.kind}** ({', '.join(f'`{s}`' for s in group.sources)}): "
                     f"{_md(group.representative.text)}")
    if report.facts is not None:
        from akhbar.report.facts_view import facts_to_markdown

        lines += ["", facts_to_markdown(report.facts)]
    lines += ["", "## المقالات", ""]
    for article in report.articles:
        title = f" — {_md(article.title)}" if article.title else ""
        lines.append(f"- `{article.id}`{title} ({article.date or 'بلا تاريخ'})")
        for removed in article.removed:
            lines.append(f"  - حُذف ({removed.reason}): {_md(removed.text)}")
    if report.errors:
        lines += ["", "## مدخلات لم تُقرأ", ""]
        lines += [f"- `{e.path}`: {_md(e.problem)}" for e in report.errors]
    return "\n".join(lines) + "\n"
