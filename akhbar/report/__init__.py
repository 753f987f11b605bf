"""Renderers: terminal (rich), Markdown, HTML and JSON views of a :class:`~akhbar.records.Report`."""

from akhbar.report.html import render_html
from akhbar.report.json_out import render_json, report_to_dict
from akhbar.report.markdown import render_markdown
from akhbar.report.terminal import render_terminal

__all__ = ["render_html", "render_json", "render_markdown", "render_terminal", "report_to_dict"]
