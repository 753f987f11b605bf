"""Candidate stories for the facts audit: ``akhbar stories``' grouping on ANT date windows.

Prints, for each window, the groups of 5+ articles from 3+ outlets with their ids, outlets and
titles, for a person to read and pick (docs/audit.md). Nothing is written: the chosen ids go to
``data/audit/stories.jsonl`` by hand, after reading.

    python scripts/audit_candidates.py ../shared/data/ant_v21/articles.jsonl.gz 2018-05-05:2018-05-14 ...
"""

from __future__ import annotations

import sys
from collections import Counter

from akhbar.config import load_config
from akhbar.eval.datasets import read_ant_articles
from akhbar.stories.build import group_stories


def main(path: str, windows: list[str], min_articles: int = 5, min_outlets: int = 3) -> None:
    spans = [tuple(w.split(":")) for w in windows]
    chosen: dict[tuple[str, ...], list] = {span: [] for span in spans}
    for article, _raw in read_ant_articles(path):
        for span in spans:
            if article.date and span[0] <= article.date <= span[1]:
                chosen[span].append(article)
    config = load_config(None)
    for span, articles in chosen.items():
        batch = group_stories(articles, config=config)
        by_id = {a.id: a for a in batch.articles}
        print(f"## window {span[0]}..{span[1]}: {len(articles)} articles, {len(batch.stories)} stories")
        for story in batch.stories:
            outlets = Counter(by_id[i].source for i in story.articles)
            if len(story.articles) < min_articles or len(outlets) < min_outlets:
                continue
            print(f"### {len(story.articles)} articles, {len(outlets)} outlets {dict(outlets)} "
                  f"{story.start}..{story.end}")
            for i in sorted(story.articles, key=lambda i: (by_id[i].date or "", i)):
                print(f"  {i}\t{by_id[i].title}")
        sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
