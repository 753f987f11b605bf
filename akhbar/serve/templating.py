"""The page templates (Jinja, autoescaped) and the one fragment every result page shows."""

from __future__ import annotations

from importlib import resources

from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from akhbar.records import Report
from akhbar.report.arabic import reason_ar
from akhbar.serve.links import story_path, storyline_path
from akhbar.serve.messages import articles_ar, problem_ar, stories_ar
from akhbar.serve.views import report_view

STAGES_AR = {
    "queued": "في الانتظار",
    "starting": "يبدأ العمل",
    "reading": "قراءة الملفات",
    "grouping": "فحص القصص في المقالات",
    "duplicates": "البحث عن النسخ المكررة",
    "boilerplate": "حذف العبارات المتكررة",
    "clustering": "تجميع المقالات في قصص",
    "reports": "تلخيص القصص",
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
    templates.env.globals.update(articles_ar=articles_ar, stories_ar=stories_ar, story_path=story_path,
                                 storyline_path=storyline_path)
    templates.env.filters["problem_ar"] = problem_ar
    templates.env.filters["reason_ar"] = reason_ar
    return templates


def report_fragment(templates: Jinja2Templates, report: Report, prefix: str = "") -> str:
    """The report's HTML fragment (skipped inputs, summary, outlets side by side, shared passages, facts);
    ``prefix`` keeps its anchors apart from another report's on the same page."""
    return templates.env.get_template("_report.html").render(view=report_view(report, prefix))


def since_note(templates: Jinja2Templates, since: str | None) -> str:
    """The line above a "what's new" summary of pasted articles (empty without ``since``)."""
    return templates.env.get_template("_since_note.html").render(since=since) if since else ""


def trusted(fragment: str) -> Markup:
    """A fragment this app rendered itself (every text in it already escaped)."""
    return Markup(fragment)
