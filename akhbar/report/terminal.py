"""Terminal output with rich. Article text always goes in as `Text`, never as markup: a
sentence holding `[/b]` must print as it is written. Each Arabic sentence is printed whole on its own line, with its
sources after it, so a terminal's bidi display never interleaves Arabic and the citation marks.
Every piece of input also goes through :func:`~akhbar.report.escaping.terminal_text`: rich passes
escape sequences (colours, OSC titles and links) through to the terminal."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from akhbar.outlets import label, outlet_labels
from akhbar.records import Report
from akhbar.report.escaping import terminal_text as safe
from akhbar.report.passages import BETWEEN_TITLE, REPUBLISHED_TITLE, split_passages


def render_terminal(report: Report, console: Console) -> None:
    labels = outlet_labels(report.articles)
    summary = Text()
    for number, item in enumerate(report.summary, start=1):
        summary.append(f"{number}. ", style="bold")
        summary.append(safe(item.text))
        summary.append(f"\n   ← {safe(', '.join(label(labels, s) for s in item.sources))}", style="green")
        if item.related:
            summary.append(f"   ≈ {safe(', '.join(label(labels, s) for s in item.related))}", style="dim green")
        summary.append("\n")
    console.print(Panel(summary, title=f"الملخص · {len(report.articles)} مقالات", expand=True))
    passages = split_passages(report.groups, report.articles)
    for title, groups in ((BETWEEN_TITLE, passages.between), (REPUBLISHED_TITLE, passages.republished)):
        if not groups and title == REPUBLISHED_TITLE:
            continue
        table = Table(title=title, show_lines=True, expand=True)
        table.add_column("kind", no_wrap=True)
        table.add_column("sources", no_wrap=True)
        table.add_column("النص")
        for group in groups:
            outlets = Text(safe("\n".join(label(labels, s) for s in group.sources)))
            table.add_row(group.kind, outlets, Text(safe(group.representative.text)))
        console.print(table)
    if report.facts is not None:
        from akhbar.report.facts_view import facts_to_rich

        console.print(Group(*facts_to_rich(report.facts, labels=labels)))
    removed = Table(title="ما حُذف من المقالات", expand=True)
    removed.add_column("article", no_wrap=True)
    removed.add_column("reason", no_wrap=True)
    removed.add_column("النص")
    for article in report.articles:
        for line in article.removed:
            removed.add_row(Text(safe(label(labels, article.id))), line.reason, Text(safe(line.text)))
    console.print(removed)
    if report.errors:
        problems = Table(title="مدخلات لم تُقرأ أو أُصلحت", expand=True)
        problems.add_column("input", no_wrap=True)
        problems.add_column("action", no_wrap=True)
        problems.add_column("problem")
        for bad in report.errors:
            problems.add_row(Text(safe(bad.path)), bad.action, Text(safe(bad.problem)))
        console.print(problems)
