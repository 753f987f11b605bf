"""The JSON document: the stable contract of `akhbar summarize --format json`."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict
from typing import Any

from akhbar import __version__
from akhbar.outlets import outlet_labels
from akhbar.records import Report, Sentence
from akhbar.report.escaping import json_safe
from akhbar.text.normalize import MATCH


def sentence_ref(sentence: Sentence) -> dict[str, Any]:
    return {"article": sentence.article, "index": sentence.index, "start": sentence.start,
            "end": sentence.end, "text": sentence.text}


def summary_items(report: Report) -> list[dict[str, Any]]:
    """The summary as the JSON output lists it."""
    return [
        {"text": item.text, "sources": list(item.sources), "related": list(item.related),
         "article": item.sentence.article, "index": item.sentence.index, "score": round(item.score, 4)}
        for item in report.summary
    ]


def report_to_dict(report: Report) -> dict[str, Any]:
    labels = outlet_labels(report.articles)  # citations keep article ids; each article names its outlet
    counts = Counter(s.article for s in report.sentences)
    from akhbar.report.passages import split_passages

    republished = split_passages(report.groups, report.articles).republished
    data: dict[str, Any] = {
        "akhbar": __version__,
        "normalization": {"profile": MATCH.name, "steps": MATCH.step_names},
        "config": asdict(report.config),
        "articles": [
            {"id": a.id, "outlet": labels[a.id], "title": a.title, "date": a.date, "source": a.source, "url": a.url,
             "path": a.path,
             "body": a.body,
             "removed": [r.text for r in a.removed],
             "noise": [{"text": r.text, "reason": r.reason} for r in a.removed],
             "sentences": counts[a.id]}
            for a in report.articles
        ],
        "summary": summary_items(report),
        "groups": [
            {"text": g.representative.text, "sources": list(g.sources), "kind": g.kind,
             "similarity": round(g.similarity, 4), "sentences": [sentence_ref(s) for s in g.sentences],
             "between_outlets": not any(g is r for r in republished)}
            for g in report.groups
        ],
        "errors": [{"path": e.path, "problem": e.problem, "action": e.action} for e in report.errors],
    }
    if report.facts is not None:
        from akhbar.report.facts_json import facts_to_json

        data["facts"] = facts_to_json(report.facts)
    return data


def render_json(report: Report) -> str:
    """Valid JSON always: no NaN or Infinity (they become null)."""
    return json.dumps(json_safe(report_to_dict(report)), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
