"""Rebuild akhbar/resources/term_burst.tsv: how bursty each story term is over the ANT archive.

A term's burst is the number of weeks it occurs in, divided by the number of weeks a term of the same
document frequency would occur in if its articles were spread at random over the archive's weeks
(each week weighed by its article count). An event's name comes in bursts (خاشقجي 0.22: reported in
few weeks, many times a week); a theme's words come every week (ذهب 1.02, حوثي 0.84). Weeks, not
days: a weekday's name comes every week but on one day in seven, and would look like a burst. Terms are the
story terms of :func:`akhbar.stories.cluster.story_terms` (title and lead stems); only derived figures
are written, never text; terms held by fewer than ``--min-df`` articles are left out (read as steady).
See background_df.NOTICE.md for the source and its licence.

Usage: python scripts/build_term_burst.py ../shared/data/ant_v21/articles.jsonl.gz [--min-df 5]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter, defaultdict
from email.utils import parsedate_to_datetime
from pathlib import Path

from akhbar.config import StoryConfig
from akhbar.records import Article
from akhbar.stories.cluster import story_terms

OUT = Path(__file__).resolve().parent.parent / "akhbar" / "resources" / "term_burst.tsv"


def dated_terms(path: Path, config: StoryConfig) -> list[tuple[str, set[str]]]:
    """(ISO year-week, story terms) of each dated ANT article; a line that is no article is reported and skipped."""
    found = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            try:
                record = json.loads(line)
                year, week, _ = parsedate_to_datetime(str(record["time"])).date().isocalendar()
                when = f"{year}-W{week:02d}"
                article = Article(str(record.get("id", number)), record["text"], title=record.get("title"))
            except (json.JSONDecodeError, KeyError, TypeError, ValueError, IndexError) as error:
                print(f"{path}:{number}: skipped, not a dated article ({error})", file=sys.stderr)
                continue
            found.append((when, set(story_terms(article, title_weight=1, lead_words=config.lead_words))))
    return found


def bursts(articles: list[tuple[str, set[str]]], min_df: int) -> dict[str, float]:
    per_week = Counter(week for week, _ in articles)
    total = sum(per_week.values())
    weeks: dict[str, set[str]] = defaultdict(set)
    for week, terms in articles:
        for term in terms:
            weeks[term].add(week)
    out = {}
    df_of = Counter(term for _, terms in articles for term in terms)
    for term, seen in weeks.items():
        df = df_of[term]
        if df < min_df or "\t" in term:
            continue
        share = df / total
        expected = sum(1 - (1 - share) ** n for n in per_week.values())
        out[term] = len(seen) / expected
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=Path, help="ANT articles.jsonl.gz")
    parser.add_argument("--min-df", type=int, default=5)
    args = parser.parse_args()
    found = bursts(dated_terms(args.articles, StoryConfig()), args.min_df)
    header = (f"# Burst of each story term over {args.articles.name} (ANT v2.1): weeks it occurs in / weeks expected"
              " at random.\n# Built by scripts/build_term_burst.py; see background_df.NOTICE.md\n")
    OUT.write_text(header + "".join(f"{term}\t{value:.2f}\n" for term, value in sorted(found.items())),
                   encoding="utf-8")
    print(f"{len(found)} terms with df >= {args.min_df} -> {OUT}")


if __name__ == "__main__":
    main()
