"""Time of the summary's stages on big multi-outlet stories of ANT, in one process.

The largest stories of the archive (the Iran deal week: 150-200 articles from five outlets) are where
the summary's per-pair work grows. This script takes the ANT articles of one category and one week
(every outlet of it, oldest first: a proxy for one big story) at several sizes, splits, vectorizes
and aligns them as the pipeline does, then times `akhbar.summarize.summarize` and its costly parts:
the units (LexRank), the same-fact links (`samefact.same_fact_links`) with and without the word
vectors (their soft share), and the lead-first walk. Each figure is the median of --repeat runs.

Usage: python benchmarks/bench_summary_stages.py ../shared/data/ant_v21/articles.jsonl.gz
       [--category middleEast] [--start 2018-05-08] [--end 2018-05-14] [--sizes 150,400,1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import time
from collections.abc import Callable
from email.utils import parsedate_to_datetime
from pathlib import Path
from unittest import mock

from akhbar.align import align, vectorize
from akhbar.config import Config, load_config
from akhbar.ingest import RawDocument, to_article
from akhbar.outlets import outlet_name
from akhbar.pipeline import split_articles
from akhbar.records import Article
from akhbar.summarize import build_units, samefact, summarize
from akhbar.summarize.eligible import alone_and_short, with_antecedent
from akhbar.summarize.leads import select_leads


def read_week(path: Path, category: str, start: str, end: str, limit: int) -> list[Article]:
    """The ANT articles of ``category`` dated ``start``..``end`` (every outlet), oldest first."""
    found: list[tuple[str, Article]] = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            record = json.loads(line)
            if record.get("category") != category or not record.get("time"):
                continue
            try:
                day = parsedate_to_datetime(record["time"]).date().isoformat()
            except (TypeError, ValueError):
                continue
            if not start <= day <= end:
                continue
            article = to_article(RawDocument(str(record["id"]), record["text"], f"{path}:{number}",
                                             record.get("title"), day, record.get("source"), record.get("url")))
            if isinstance(article, Article):
                found.append((record["time"], article))
    found.sort(key=lambda pair: (pair[1].date or "", pair[1].id))
    return [article for _, article in found[:limit]]


def median_seconds(step: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(articles: list[Article], config: Config, repeat: int) -> str:
    """One line of figures for one story."""
    outlets = {a.id: outlet_name(a) for a in articles}
    sentences = split_articles(articles)
    vectors = vectorize(sentences)
    groups = align(sentences, vectors, config=config.align)
    summary = config.summary_for(len(articles))
    dates = {a.id: a.date for a in articles}
    titles = {a.id: a.title for a in articles}
    whole = median_seconds(lambda: summarize(sentences, groups, vectors, config=summary, titles=titles,
                                             align=config.align, dates=dates, outlets=outlets), repeat)
    units = build_units(sentences, groups, vectors, config=summary, titles=titles)
    unit_time = median_seconds(lambda: build_units(sentences, groups, vectors, config=summary, titles=titles), repeat)
    links = samefact.same_fact_links(sentences, vectors, outlets)
    link_time = median_seconds(lambda: samefact.same_fact_links(sentences, vectors, outlets), repeat)
    with mock.patch.object(samefact, "word_vectors", lambda: None):
        plain_time = median_seconds(lambda: samefact.same_fact_links(sentences, vectors, outlets), repeat)
    eligible = alone_and_short(sentences, summary)
    attachable = with_antecedent(sentences, summary, eligible)
    walk_time = median_seconds(lambda: select_leads(units, sentences, config=summary, dates=dates, eligible=eligible,
                                                    outlets=outlets, links=links, attachable=attachable), repeat)
    return (f"{len(articles):8d} {len(set(outlets.values())):7d} {len(sentences):9d} | {whole:11.2f} | "
            f"{unit_time:7.2f} | {link_time:7.2f} | {plain_time:23.2f} | {walk_time:6.2f} | "
            f"{sum(map(len, links.values())) // 2}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", type=Path)
    parser.add_argument("--category", default="middleEast")
    parser.add_argument("--start", default="2018-05-08")
    parser.add_argument("--end", default="2018-05-14")
    parser.add_argument("--sizes", default="150,400,1000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    week = read_week(args.data, args.category, args.start, args.end, max(sizes))
    config = load_config()
    print(f"{args.category} {args.start}..{args.end}: {len(week)} articles read")
    print("articles outlets sentences | summarize s | units s | links s | links without vectors s | walk s | links")
    for size in sizes:
        print(measure(week[:size], config, args.repeat))


if __name__ == "__main__":
    main()
