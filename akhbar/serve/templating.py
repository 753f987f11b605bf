"""The page templates (Jinja, autoescaped) and the one fragment every result page shows."""

from __future__ import annotations

from importlib import resources

from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from akhbar.records import Report
from akhbar.serve.views import report_view

STAGES_AR = {
    "queued": "في الانتظار",
    "starting": "يبدأ العمل",
    "reading": "قراءة الملفات",
    "summarizing": "التلخيص واستخراج الوقائع",
    "writing": "إعداد الصفحة",
    "done": "انتهى",
    "failed": "تعذّر",
}


def package_dir(name: str) -> str:
    return str(resources.files("akhbar.serve") / name)


def make_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=package_dir("templates"))
    templates.env.autoescape = True  # every template, whatever its name ends with
    return templates


def report_fragment(templates: Jinja2Templates, report: Report) -> str:
    """The report's HTML fragment (summary, outlets side by side, shared passages, facts, skipped inputs)."""
    return templates.env.get_template("_report.html").render(view=report_view(report))


def trusted(fragment: str) -> Markup:
    """A fragment this app rendered itself (every text in it already escaped)."""
    return Markup(fragment)
