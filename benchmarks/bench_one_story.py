"""Time and peak memory of every stage when the first N ANT articles are given as ONE story.

A large story (thousands of articles over months) must cost near-linear time and memory: this
script shows where it does not. It builds the Article records directly from the archive (no
input-size limit, ANT's RFC 2822 ``time`` read as the date), runs the stages of
``akhbar.pipeline.run`` one by one, and prints per stage the wall time and the peak resident
memory reached inside it (Linux: the high-water mark is reset before each stage), then the peak
of the whole process. The facts stage is split into its sub-stages, with the NER tagger timed on
its own.

Usage: python benchmarks/bench_one_story.py ../shared/data/ant_v21/articles.jsonl.gz --articles 3000
       [--no-facts] [--conflicts-out FILE] [--json FILE]
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, TypeVar

from akhbar.align import align, vectorize
from akhbar.config import load_config
from akhbar.facts.conflicts import claim_conflicts, figure_conflicts
from akhbar.facts.entities import extract_entities, load_mention_fn
from akhbar.facts.framing import extract_framing
from akhbar.facts.numbers import extract_figures, merge_figures
from akhbar.facts.quotes import extract_quotes
from akhbar.facts.records import Conflict
from akhbar.facts.timeline import build_timeline
from akhbar.ingest import RawDocument, to_article
from akhbar.pipeline import split_articles
from akhbar.records import Article
from akhbar.summarize import summarize

T = TypeVar("T")
_STATUS = Path("/proc/self/status")
_CLEAR_REFS = Path("/proc/self/clear_refs")


def read_articles(path: Path, limit: int) -> list[Article]:
    """The first ``limit`` articles of an ANT-style gzip JSONL file, cleaned as ingest cleans them."""
    out: list[Article] = []
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if len(out) >= limit:
                break
            try:
                record = json.loads(line)
                doc = RawDocument(str(record["id"]), record["text"], f"{path}:{number}", record.get("title"),
                                  _iso_day(record.get("time")), record.get("source"), record.get("url"))
            except (ValueError, KeyError, TypeError) as error:
                print(f"{path}:{number}: skipped, {error}", file=sys.stderr)
                continue
            article = to_article(doc)
            if isinstance(article, Article):
                out.append(article)
    return out


def _iso_day(value: str | None) -> str | None:
    """``Sun, 18 Feb 2018 21:35:43 +0400`` -> ``2018-02-18`` (ingest reads ISO and Arabic dates)."""
    if not value:
        return None
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError):
        return None


def _high_water_mib() -> float | None:
    """Peak resident memory since the last reset (VmHWM), or None off Linux."""
    try:
        for line in _STATUS.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _reset_high_water() -> None:
    with suppress(OSError):
        _CLEAR_REFS.write_text("5")


class Stages:
    """Wall seconds and peak MiB of each named stage, in the order they ran."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, float, float, float | None]] = []

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        _reset_high_water()
        start, cpu = time.perf_counter(), time.process_time()
        yield
        self.rows.append((name, time.perf_counter() - start, time.process_time() - cpu, _high_water_mib()))

    def peak(self) -> float:
        """The process's peak: the largest stage peak (the reset also clears ``ru_maxrss``)."""
        peaks = [mib for *_, mib in self.rows if mib is not None]
        return max(peaks) if peaks else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    def run(self, name: str, fn: Callable[[], T]) -> T:
        with self.stage(name):
            return fn()


def timed_tagger(stages: Stages) -> Callable[[Sequence[str]], Any] | None:
    """The packaged NER with its own timing row (``facts.ner``), or None without a model."""
    tagger = load_mention_fn()
    if tagger is None:
        return None
    found: Callable[[Sequence[str]], Any] = tagger

    def tag(texts: Sequence[str]) -> Any:
        start, cpu = time.perf_counter(), time.process_time()
        try:
            return found(texts)
        finally:
            stages.rows.append(("facts.ner (inside entities)", time.perf_counter() - start,
                                time.process_time() - cpu, None))

    return tag


def run_stages(articles: list[Article], stages: Stages, *, with_facts: bool) -> dict[str, Any]:
    """The stages of ``pipeline.run`` (and of ``extract_facts``) one by one; counts of what they found."""
    config = load_config()
    sentences = stages.run("segment", lambda: split_articles(articles))
    vectors = stages.run("vectorize", lambda: vectorize(sentences))
    groups = stages.run("align", lambda: align(sentences, vectors, config=config.align))
    titles = {a.id: a.title for a in articles}
    summary_config = config.summary_for(len(articles))
    summary = stages.run("summarize", lambda: summarize(sentences, groups, vectors, config=summary_config,
                                                        titles=titles, align=config.align))
    counts: dict[str, Any] = {"articles": len(articles), "sentences": len(sentences), "groups": len(groups),
                              "summary": len(summary)}
    if not with_facts:
        return counts
    timeline = stages.run("facts.timeline", lambda: build_timeline(articles, sentences))
    figures = stages.run("facts.figures", lambda: extract_figures(sentences))
    tagger = timed_tagger(stages)
    entities, _ = stages.run("facts.entities (with NER)", lambda: extract_entities(sentences, tagger))
    quotes = stages.run("facts.quotes", lambda: extract_quotes(sentences))
    merged = stages.run("facts.merge_figures", lambda: merge_figures(figures))
    outlets = {a.id: a.source or a.id for a in articles}
    figure_found = stages.run("facts.conflicts.figures", lambda: figure_conflicts(figures, timeline, outlets))
    dates = {d.article: d.date for d in timeline.articles}
    claim_found = stages.run("facts.conflicts.claims",
                             lambda: claim_conflicts(sentences, dates=dates, outlets=outlets))
    stages.run("facts.framing", lambda: extract_framing(articles, sentences))
    conflicts = figure_found + claim_found
    counts.update({
        "events": len(timeline.events), "figures": len(figures), "figures_merged": len(merged),
        "entities": len(entities), "quotes": len(quotes),
        "conflicts": dict(Counter(f"{c.kind}/{c.status}" for c in conflicts)),
    })
    counts["_conflicts"] = conflicts
    return counts


def conflict_lines(conflicts: Sequence[Conflict]) -> Iterator[str]:
    """One JSON line per conflict with both sentences, for reading a sample by hand."""
    for c in conflicts:
        yield json.dumps({
            "kind": c.kind, "status": c.status, "note": c.note,
            "a": {"article": c.a.sentence.article, "text": c.a.sentence.text},
            "b": {"article": c.b.sentence.article, "text": c.b.sentence.text},
        }, ensure_ascii=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", type=Path, help="ANT articles.jsonl.gz (or any JSONL of id/text/title/source/time)")
    parser.add_argument("--articles", type=int, default=1000, help="how many articles, from the top of the file")
    parser.add_argument("--no-facts", action="store_true", help="stop after the summary")
    parser.add_argument("--conflicts-out", type=Path, help="write every conflict found as JSON lines here")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args()
    if not args.data.exists():
        raise SystemExit(f"{args.data}: no such file (give the ANT articles.jsonl.gz path)")
    stages = Stages()
    articles = stages.run("read + clean", lambda: read_articles(args.data, args.articles))
    counts = run_stages(articles, stages, with_facts=not args.no_facts)
    conflicts = counts.pop("_conflicts", [])
    if args.conflicts_out:
        args.conflicts_out.write_text("".join(line + "\n" for line in conflict_lines(conflicts)), encoding="utf-8")
    peak = stages.peak()
    counted = [row for row in stages.rows[1:] if "inside" not in row[0]]  # without reading the file
    print(f"{counts['articles']:,} articles, {counts['sentences']:,} sentences as one story")
    print(f"{'stage':32} {'wall s':>8} {'CPU s':>8} {'peak MiB':>9}")
    for name, seconds, cpu, mib in stages.rows:
        print(f"{name:32} {seconds:8.2f} {cpu:8.2f} {mib if mib is not None else float('nan'):9.0f}")
    print(f"{'total (without read)':32} {sum(r[1] for r in counted):8.2f} {sum(r[2] for r in counted):8.2f} "
          f"{peak:9.0f}  (process peak)")
    print("found:", json.dumps({k: v for k, v in counts.items() if k not in ("articles", "sentences")}))
    if args.json:
        args.json.write_text(json.dumps({
            **counts, "peak_mib": peak,
            "stages": [{"stage": n, "seconds": s, "cpu_seconds": c, "peak_mib": m} for n, s, c, m in stages.rows],
        }, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
