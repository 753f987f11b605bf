"""Views of :class:`~akhbar.facts.Facts` for the report: Markdown, HTML tables and rich tables.

Every part is first laid out as a :class:`Part` (a title, column names and rows that carry the
sentences they cite), then drawn by each renderer. In HTML every piece of article text is escaped
and every row links to its sentences (``#s-{article}-{index}``, the ids the report gives them).
The JSON form is in ``facts_json.py``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rich.table import Table
from rich.text import Text

from akhbar.facts.records import Claim, Facts, Figure
from akhbar.outlets import label
from akhbar.records import Sentence
from akhbar.report.escaping import html_text as escape
from akhbar.report.escaping import markdown_cell, terminal_text
from akhbar.report.html import anchor

CATEGORY_AR = {
    "killed": "قتلى",
    "wounded": "جرحى",
    "displaced": "نزوح/تهجير",
    "captured": "أسرى",
    "duration": "مدة",
    "count": "عدد",
    "date": "تاريخ",
    "percent": "نسبة مئوية",
}
REFERENT_AR = {
    "regime_forces": "قوات النظام",
    "regime": "النظام",
    "opposition_fighters": "مقاتلو المعارضة",
    "opposition": "المعارضة",
    "russia": "روسيا",
    "pro_regime_militias": "المليشيات الموالية للنظام",
    "usa": "الولايات المتحدة",
}
# Entity types as a reader names them; the JSON keeps the tagger's labels (PER, LOC, ORG, MISC).
LABEL_AR = {"PER": "شخص", "LOC": "مكان", "ORG": "منظمة", "MISC": "أخرى"}
RESOLVED_AR = {"explicit": "صريح", "relative": "نسبي", "inferred": "مستنتج", "unresolved": "غير محدد"}
STATUS_AR = {"contradiction": "تناقض", "updated": "تحديث"}


@dataclass(frozen=True, slots=True)
class Row:
    cells: tuple[str, ...]
    sentences: tuple[Sentence, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Part:
    key: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    empty: str = "لا شيء"


def _value(v: float) -> str:
    return f"{v:g}" if v < 1e7 else f"{v:,.0f}"


def _figure_text(f: Figure) -> str:
    return f"{_value(f.value)} {f.unit} «{f.text}»"


def _item_text(item: Figure | Claim) -> str:
    return _figure_text(item) if isinstance(item, Figure) else item.text


def parts(facts: Facts) -> list[Part]:
    """The six parts of the facts as rows of text with their sentences."""
    quotes = Part(
        "quotes",
        "الاقتباسات",
        ("المتحدث", "الصفة", "الفعل", "النص", "مباشر"),
        tuple(
            Row(
                (q.speaker or "غير منسوب", q.role or "", q.verb, q.text, "نعم" if q.direct else "لا"),
                q.sentences,
                q.sources,
            )
            for q in facts.quotes
        ),
    )
    figures = Part(
        "figures",
        "الأرقام",
        ("العدد", "الوحدة", "الفئة", "تقريبي", "النص", "متى"),
        tuple(
            Row(
                (
                    _value(f.value),
                    f.unit,
                    CATEGORY_AR.get(f.category, f.category),
                    "نعم" if f.approximate else "",
                    f.text,
                    f.when or "",
                ),
                f.cited,
                f.sources,
            )
            for f in facts.figures
        ),
    )
    entities = Part(
        "entities",
        "الكيانات",
        ("الاسم", "النوع", "صيغ أخرى", "مرات الذكر"),
        tuple(
            Row((e.name, LABEL_AR.get(e.label, e.label), "، ".join(e.aliases), str(e.mentions)), e.sentences, e.sources)
            for e in facts.entities
        ),
        empty="لا كيانات" if facts.ner_available else "نموذج التعرف على الكيانات غير متاح",
    )
    dates = Part(
        "article_dates",
        "تواريخ المقالات",
        ("المقال", "التاريخ", "الحالة", "الأساس"),
        tuple(
            Row((d.article, d.date or "", RESOLVED_AR[d.resolved], d.basis), (), (d.article,))
            for d in facts.timeline.articles
        ),
    )
    events = Part(
        "timeline",
        "الخط الزمني",
        ("التاريخ", "التعبير", "الحالة", "الجملة"),
        tuple(
            Row(
                (
                    (e.date or "؟") + (f" ← {e.until}" if e.until else ""),
                    e.date_text,
                    RESOLVED_AR[e.resolved],
                    e.text,
                ),
                e.sentences,
                e.sources,
            )
            for e in facts.timeline.events
        ),
    )
    conflicts = Part(
        "conflicts",
        "التناقضات",
        ("النوع", "الحالة", "أ", "ب", "ملاحظة"),
        tuple(
            Row(
                (
                    "رقم" if c.kind == "figure" else "ادعاء",
                    STATUS_AR[c.status],
                    _item_text(c.a),
                    _item_text(c.b),
                    c.note,
                ),
                (c.a.sentence, c.b.sentence),
                tuple(sorted({*c.a.sources, *c.b.sources})),
            )
            for c in facts.conflicts
        ),
        empty="لم يُعثر على تناقضات",
    )
    return [quotes, figures, entities, dates, events, conflicts, *_framing_parts(facts)]


def _framing_parts(facts: Facts) -> list[Part]:
    outlets = sorted({u.outlet for u in facts.framing.terms} | {d.outlet for d in facts.framing.distinctive})
    by_ref: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    sents: dict[str, list[Sentence]] = defaultdict(list)
    srcs: dict[str, set[str]] = defaultdict(set)
    for u in facts.framing.terms:
        by_ref[u.referent][u.outlet].append(f"{u.term} ×{u.count}")
        sents[u.referent].extend(u.sentences)
        srcs[u.referent].update(u.sources)
    terms = Part(
        "framing",
        "التسميات (بصوت المنفذ)",
        ("الطرف", *outlets),
        tuple(
            Row(
                (REFERENT_AR.get(ref, ref), *("، ".join(by_ref[ref][o]) for o in outlets)),
                tuple(dict.fromkeys(sents[ref])),
                tuple(sorted(srcs[ref])),
            )
            for ref in sorted(by_ref)
        ),
    )
    distinct = Part(
        "distinctive",
        "كلمات مميزة لكل منفذ (log-odds, z)",
        ("المنفذ", "الكلمة", "z", "عنده", "عند غيره"),
        tuple(
            Row((d.outlet, d.term, f"{d.z:.2f}", str(d.count), str(d.other_count)), (), d.sources)
            for d in facts.framing.distinctive
        ),
    )
    return [terms, distinct]


# Markdown -------------------------------------------------------------------------------------


def _md_cell(text: str) -> str:
    return markdown_cell(text)


def _md_refs(row: Row, labels: Mapping[str, str]) -> str:
    if row.sentences:
        return ", ".join(f"{label(labels, s.article)}#{s.index}" for s in row.sentences)
    return ", ".join(label(labels, s) for s in row.sources)


def facts_to_markdown(facts: Facts, *, labels: Mapping[str, str] | None = None) -> str:
    """The facts as Markdown tables; ``labels`` maps article ids to the outlet labels shown."""
    out = ["## الوقائع"]
    for part in parts(facts):
        out += ["", f"### {part.title}", ""]
        if not part.rows:
            out.append(f"_{part.empty}_")
            continue
        out.append("| " + " | ".join((*part.columns, "المصادر")) + " |")
        out.append("|" + "---|" * (len(part.columns) + 1))
        for row in part.rows:
            out.append("| " + " | ".join(_md_cell(c) for c in (*row.cells, _md_refs(row, labels or {}))) + " |")
    return "\n".join(out) + "\n"


# HTML -----------------------------------------------------------------------------------------


def _html_refs(row: Row, labels: Mapping[str, str]) -> str:
    if row.sentences:
        links = [
            f'<a class="src" href="#{anchor(s.article, s.index)}">'
            f"<bdi>{escape(label(labels, s.article))}#{s.index}</bdi></a>"
            for s in dict.fromkeys(row.sentences)
        ]
    else:
        links = [f'<span class="src"><bdi>{escape(label(labels, src))}</bdi></span>' for src in row.sources]
    return " ".join(links)


def facts_to_html(facts: Facts, *, labels: Mapping[str, str] | None = None) -> str:
    """An HTML fragment: one right-to-left table per part, every text escaped, rows linked; ``labels`` maps
    article ids to the outlet labels shown."""
    out = ['<div class="facts" dir="rtl" lang="ar">']
    for part in parts(facts):
        out.append(f'<section class="facts-{escape(part.key, quote=True)}"><h3>{escape(part.title)}</h3>')
        if not part.rows:
            out.append(f'<p class="empty">{escape(part.empty)}</p></section>')
            continue
        head = "".join(f"<th>{escape(c)}</th>" for c in (*part.columns, "المصادر"))
        out.append(f'<table dir="rtl"><thead><tr>{head}</tr></thead><tbody>')
        for row in part.rows:
            cells = "".join(f"<td>{escape(c)}</td>" for c in row.cells)
            out.append(f"<tr>{cells}<td>{_html_refs(row, labels or {})}</td></tr>")
        out.append("</tbody></table></section>")
    out.append("</div>")
    return "\n".join(out)


# rich -----------------------------------------------------------------------------------------


def facts_to_rich(facts: Facts, *, max_rows: int = 40, labels: Mapping[str, str] | None = None) -> list[Any]:
    """One rich Table per part, for the terminal. Cells go in as `Text`, so rich never reads
    article text as markup."""
    tables: list[Any] = []
    for part in parts(facts):
        table = Table(title=part.title, show_lines=False, expand=False)
        for column in (*part.columns, "المصادر"):
            table.add_column(column, overflow="fold")
        if not part.rows:
            table.add_row(part.empty, *[""] * len(part.columns))
        for row in part.rows[:max_rows]:
            outlets = ", ".join(label(labels or {}, s) for s in row.sources)
            table.add_row(*(Text(terminal_text(str(cell))) for cell in row.cells), Text(terminal_text(outlets)))
        if len(part.rows) > max_rows:
            table.caption = f"… {len(part.rows) - max_rows} more"
        tables.append(table)
    return tables


__all__: Sequence[str] = ["facts_to_html", "facts_to_markdown", "facts_to_rich", "parts"]
