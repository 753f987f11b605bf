"""The facts audit: every row of the facts tables of real ANT stories, judged right or wrong by hand.

``data/audit/stories.jsonl`` lists the stories (ANT ids, a dev or test split; read by
:mod:`akhbar.eval.audit_data`, re-exported here); ``data/audit/facts.jsonl``
holds one judgement per row: ``{"story", "table", "key", "verdict": "right"|"wrong", "reason"}``. A
row's key is short and stable (the speaker and the first words of a quote; a figure's value, counted
noun and span; an entity's name; a passage's first words), so a later change that shows the same row
is scored by the same judgement and only new rows need judging (:func:`unjudged_rows` exports them
with their sentence as context, to a file kept out of the project: ANT text is never shipped).

The pipeline runs on each story as ``akhbar summarize`` would; every row is scored, and the rows a
reader sees (ranked by confidence, those under the threshold hidden, :mod:`akhbar.facts.confidence`)
give the precision of each table.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from akhbar.config import Config
from akhbar.eval.audit_data import AuditStory, read_stories, story_articles
from akhbar.facts.confidence import (
    Thresholds,
    entity_confidence,
    figure_confidence,
    name_variant_key,
    quote_confidence,
)
from akhbar.records import Article, BadInput, Report

__all__ = ["TABLES", "AuditRow", "AuditStory", "Judgement", "TableScore", "add_judgements", "audit_rows",
           "export_unjudged", "judged_split_variants", "quote_key", "read_judgements", "read_stories", "rows_of",
           "score", "split_variants", "story_articles", "story_report"]

TABLES = ("quotes", "figures", "entities", "passages")
Table = Literal["quotes", "figures", "entities", "passages"]
UNATTRIBUTED = "غير منسوب"
QUOTE_KEY_WORDS = 5
PASSAGE_KEY_WORDS = 7
TOP_ENTITIES = 30


@dataclass(frozen=True, slots=True)
class Judgement:
    story: str
    table: str
    key: str
    verdict: Literal["right", "wrong"]
    reason: str = ""


@dataclass(frozen=True, slots=True)
class AuditRow:
    """One row of one table of one story, as the page would show it (or hide it)."""

    story: str
    table: Table
    key: str
    confidence: float
    shown: bool
    context: str = ""  # the row's cells and first sentence, for the one who judges; never saved


@dataclass(slots=True)
class TableScore:
    shown: int = 0
    right: int = 0
    wrong: list[tuple[AuditRow, Judgement]] = field(default_factory=list)
    unjudged: list[AuditRow] = field(default_factory=list)
    hidden_right: int = 0
    hidden_wrong: int = 0

    @property
    def judged(self) -> int:
        return self.right + len(self.wrong)

    @property
    def precision(self) -> float | None:
        return self.right / self.judged if self.judged else None


def _words(text: str, n: int) -> str:
    return " ".join(text.replace("\n", " ").split()[:n])


def _value(v: float) -> str:
    return f"{v:g}" if v < 1e7 else f"{v:,.0f}"


def read_judgements(path: Path, errors: list[BadInput] | None = None) -> dict[tuple[str, str, str], Judgement]:
    """Judgements by (story, table, key); a later line for the same row replaces an earlier one."""
    errors = [] if errors is None else errors
    out: dict[tuple[str, str, str], Judgement] = {}
    if not path.exists():
        return out
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            verdict = obj["verdict"]
            if verdict not in ("right", "wrong") or obj["table"] not in TABLES:
                raise ValueError(f"verdict must be right or wrong and table one of {TABLES}")
            item = Judgement(str(obj["story"]), obj["table"], str(obj["key"]), verdict, str(obj.get("reason", "")))
        except (ValueError, KeyError, TypeError) as error:
            errors.append(BadInput(f"{path}:{number}", f"not a judgement: {error}"))
            continue
        out[(item.story, item.table, item.key)] = item
    return out


def story_report(articles: Sequence[Article], config: Config) -> Report:
    """The report of one story with every facts row (no threshold): the audit decides what is shown."""
    from dataclasses import replace

    from akhbar.facts import extract_facts
    from akhbar.pipeline import run

    report = run(articles, config=config, with_facts=False)
    facts = extract_facts(articles, report.sentences, thresholds=Thresholds(0.0, 0.0, 0.0))
    return replace(report, facts=facts)


def quote_key(speaker: str | None, text: str) -> str:
    return f"{speaker or UNATTRIBUTED}: {_words(text, QUOTE_KEY_WORDS)}"


def rows_of(story: str, report: Report, thresholds: Thresholds) -> list[AuditRow]:
    """Every row of the four audited tables of one story's report, in the order a reader sees them."""
    from akhbar.report.passages import outlets_of, split_passages

    facts = report.facts
    rows: list[AuditRow] = []
    if facts is not None:
        scored_quotes = sorted(((quote_confidence(q), k, q) for k, q in enumerate(facts.quotes)),
                               key=lambda x: (-x[0], x[1]))
        for c, _, q in scored_quotes:
            rows.append(AuditRow(story, "quotes", quote_key(q.speaker, q.text), c, c >= thresholds.quotes,
                                 f"[{q.role or ''}] {q.verb} | {q.sentences[0].text}"))
        scored_figures = sorted(((figure_confidence(f), k, f) for k, f in enumerate(facts.figures)),
                                key=lambda x: (-x[0], x[1]))
        for c, _, f in scored_figures:
            s = f.sentence.text
            rows.append(AuditRow(story, "figures", f"{_value(f.value)} {f.unit}: {f.text}", c,
                                 c >= thresholds.figures, f"{f.category} | {s[max(0, f.start - 60):f.end + 60]}"))
        scored_entities = sorted(((entity_confidence(e), k, e) for k, e in enumerate(facts.entities)),
                                 key=lambda x: (-x[0], x[1]))
        for c, _, e in scored_entities:
            first = e.sentences[0].text if e.sentences else ""
            rows.append(AuditRow(story, "entities", e.name, c, c >= thresholds.entities,
                                 f"{e.label} | {'، '.join(e.aliases)} | x{e.mentions} | {first}"))
    outlets = {a.id: (a.source or a.id) for a in report.articles}
    for group in split_passages(report.groups, report.articles).between:
        names = outlets_of(group, outlets)
        others = " || ".join(s.text for s in group.sentences[1:3])
        rows.append(AuditRow(story, "passages", _words(group.representative.text, PASSAGE_KEY_WORDS), 1.0, True,
                             f"{group.kind} {','.join(names)} | {group.representative.text} || {others}"))
    return _dedupe(rows)


def _dedupe(rows: Iterable[AuditRow]) -> list[AuditRow]:
    """Two rows of a table with one key (a figure reported twice apart) keep one key each: #2, #3."""
    seen: dict[tuple[str, str], int] = defaultdict(int)
    out = []
    for row in rows:
        seen[(row.table, row.key)] += 1
        n = seen[(row.table, row.key)]
        out.append(row if n == 1 else AuditRow(row.story, row.table, f"{row.key} #{n}", row.confidence,
                                               row.shown, row.context))
    return out


def score(rows: Iterable[AuditRow], judgements: dict[tuple[str, str, str], Judgement]) -> dict[str, TableScore]:
    """Per table: shown rows, right and wrong among the judged shown rows, the unjudged shown rows,
    and how many hidden rows were right or wrong (what the threshold cost and saved)."""
    out = {t: TableScore() for t in TABLES}
    for row in rows:
        table = out[row.table]
        found = judgements.get((row.story, row.table, row.key))
        if not row.shown:
            if found is not None:
                if found.verdict == "right":
                    table.hidden_right += 1
                else:
                    table.hidden_wrong += 1
            continue
        table.shown += 1
        if found is None:
            table.unjudged.append(row)
        elif found.verdict == "right":
            table.right += 1
        else:
            table.wrong.append((row, found))
    return out


def split_variants(rows: Sequence[AuditRow], top: int = TOP_ENTITIES) -> list[tuple[str, str]]:
    """Pairs of shown entity rows among the first ``top`` of a story that are spellings of one name."""
    seen: dict[str, str] = {}
    pairs = []
    for row in [r for r in rows if r.table == "entities" and r.shown][:top]:
        key = name_variant_key(row.key)
        if key in seen:
            pairs.append((seen[key], row.key))
        else:
            seen[key] = row.key
    return pairs


def judged_split_variants(
    rows: Sequence[AuditRow], judgements: dict[tuple[str, str, str], Judgement], top: int = TOP_ENTITIES,
) -> list[AuditRow]:
    """Shown entity rows among the first ``top`` of their story that were judged a split variant of
    another row's name (a judgement whose reason opens with «split variant»)."""
    out = []
    seen: dict[str, int] = defaultdict(int)
    for row in rows:
        if row.table != "entities" or not row.shown:
            continue
        seen[row.story] += 1
        found = judgements.get((row.story, row.table, row.key))
        if seen[row.story] <= top and found is not None and found.reason.startswith("split variant"):
            out.append(row)
    return out


def export_unjudged(rows: Iterable[AuditRow], path: Path, *, shown_only: bool = False) -> int:
    """Write the rows to judge, one JSON line each with ``verdict`` empty and the row's context;
    fill ``verdict`` (right/wrong) and ``reason``, then ``--add`` the file. Returns the count."""
    n = 0
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            if shown_only and not row.shown:
                continue
            out.write(json.dumps({"story": row.story, "table": row.table, "key": row.key, "verdict": "",
                                  "reason": "", "context": row.context}, ensure_ascii=False) + "\n")
            n += 1
    return n


def add_judgements(filled: Path, judgements: Path, errors: list[BadInput]) -> int:
    """Append the judged lines of ``filled`` to ``judgements`` without their context (no ANT text is
    kept); lines still without a verdict are skipped. Returns how many were added."""
    lines = []
    for number, line in enumerate(filled.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as error:
            errors.append(BadInput(f"{filled}:{number}", f"not JSON: {error}"))
            continue
        if obj.get("verdict") not in ("right", "wrong") or obj.get("table") not in TABLES:
            continue
        lines.append(json.dumps({k: obj.get(k, "") for k in ("story", "table", "key", "verdict", "reason")},
                                ensure_ascii=False))
    if lines:
        judgements.parent.mkdir(parents=True, exist_ok=True)
        with judgements.open("a", encoding="utf-8") as out:
            out.write("\n".join(lines) + "\n")
    return len(lines)


def audit_rows(
    stories: Sequence[AuditStory], articles: dict[str, Article], config: Config, thresholds: Thresholds
) -> Iterator[tuple[AuditStory, list[AuditRow]]]:
    """Each story with its rows (stories whose articles are all missing are left out)."""
    for story in stories:
        found = [articles[i] for i in story.articles if i in articles]
        if found:
            yield story, rows_of(story.story, story_report(found, config), thresholds)
