"""Rebuild akhbar/resources/background_df.tsv: in how many ANT articles each content stem occurs.

Only derived counts are written (stem, document frequency), never text; stems held by fewer than
``--min-df`` articles are left out (a stem missing from the table counts as rare). See
background_df.NOTICE.md for the source and its licence.

Usage: python scripts/build_background_df.py ../shared/data/ant_v21/articles.jsonl.gz [--min-df 5]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from akhbar.align import content_stems

OUT = Path(__file__).resolve().parent.parent / "akhbar" / "resources" / "background_df.tsv"


def ant_texts(path: Path) -> Iterator[str]:
    """Each ANT article's title and text; a line that is no article is reported and skipped."""
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            try:
                article = json.loads(line)
                text = f"{article.get('title') or ''}\n{article['text']}"
            except (json.JSONDecodeError, KeyError, TypeError) as error:
                print(f"{path}:{number}: skipped, not an article ({error})", file=sys.stderr)
                continue
            yield text


def count(path: Path) -> tuple[Counter[str], int]:
    df: Counter[str] = Counter()
    n = 0
    for text in ant_texts(path):
        df.update(set(content_stems(text)))
        n += 1
    return df, n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=Path, help="ANT articles.jsonl.gz")
    parser.add_argument("--min-df", type=int, default=5)
    args = parser.parse_args()
    df, n = count(args.articles)
    kept = sorted((stem, k) for stem, k in df.items() if k >= args.min_df and "\t" not in stem)
    header = (f"# Document frequencies of content stems (akhbar.align.content_stems) over {args.articles.name}"
              " (ANT v2.1).\n# Built by scripts/build_background_df.py; see background_df.NOTICE.md\n"
              f"documents\t{n}\n")
    OUT.write_text(header + "".join(f"{stem}\t{k}\n" for stem, k in kept), encoding="utf-8")
    print(f"{n} articles, {len(kept)} stems with df >= {args.min_df} -> {OUT}")


if __name__ == "__main__":
    main()
