"""The facts as JSON: every record with its sources and the sentences it cites."""

from __future__ import annotations

from typing import Any

from akhbar.facts.records import Claim, Facts, Figure
from akhbar.records import Sentence


def _ref(s: Sentence) -> dict[str, Any]:
    return {"article": s.article, "index": s.index, "start": s.start, "end": s.end}


def _conflict_item(item: Figure | Claim) -> dict[str, Any]:
    if isinstance(item, Figure):
        return {"type": "figure", **_figure_json(item)}
    return {
        "type": "claim",
        "text": item.text,
        "negated": item.negated,
        "cue": item.cue,
        "sources": list(item.sources),
        "sentence": _ref(item.sentence),
    }


def _figure_json(f: Figure) -> dict[str, Any]:
    return {
        "value": f.value,
        "unit": f.unit,
        "category": f.category,
        "approximate": f.approximate,
        "qualifier": f.qualifier,
        "text": f.text,
        "when": f.when,
        "sources": list(f.sources),
        "sentence": _ref(f.sentence),
        "sentences": [_ref(s) for s in f.cited],
    }


def facts_to_json(facts: Facts) -> dict[str, Any]:
    return {
        "quotes": [
            {
                "speaker": q.speaker,
                "role": q.role,
                "verb": q.verb,
                "text": q.text,
                "direct": q.direct,
                "carried": q.carried,
                "sources": list(q.sources),
                "sentences": [_ref(s) for s in q.sentences],
            }
            for q in facts.quotes
        ],
        "numbers": [_figure_json(f) for f in facts.figures],
        "entities": {
            "available": facts.ner_available,
            "items": [
                {
                    "name": e.name,
                    "label": e.label,
                    "aliases": list(e.aliases),
                    "mentions": e.mentions,
                    "sources": list(e.sources),
                    "sentences": [_ref(s) for s in e.sentences],
                }
                for e in facts.entities
            ],
        },
        "timeline": {
            "articles": [
                {"article": d.article, "date": d.date, "resolved": d.resolved, "basis": d.basis}
                for d in facts.timeline.articles
            ],
            "events": [
                {
                    "date": e.date,
                    "until": e.until,
                    "date_text": e.date_text,
                    "resolved": e.resolved,
                    "text": e.text,
                    "sources": list(e.sources),
                    "sentences": [_ref(s) for s in e.sentences],
                }
                for e in facts.timeline.events
            ],
        },
        "contradictions": [
            {
                "kind": c.kind,
                "status": c.status,
                "a": _conflict_item(c.a),
                "b": _conflict_item(c.b),
                "note": c.note,
            }
            for c in facts.conflicts
        ],
        "framing": {
            "terms": [
                {
                    "referent": u.referent,
                    "term": u.term,
                    "outlet": u.outlet,
                    "count": u.count,
                    "sources": list(u.sources),
                    "sentences": [_ref(s) for s in u.sentences],
                }
                for u in facts.framing.terms
            ],
            "distinctive": [
                {
                    "outlet": d.outlet,
                    "term": d.term,
                    "z": d.z,
                    "count": d.count,
                    "other_count": d.other_count,
                    "sources": list(d.sources),
                }
                for d in facts.framing.distinctive
            ],
        },
    }
