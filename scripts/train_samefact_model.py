"""Rebuild akhbar/resources/samefact_model.json: the same-fact pair model, trained on the judged DEV
pairs of data/audit/paraphrase.jsonl only (never the test split).

    python scripts/train_samefact_model.py ../shared/data/ant_v21/articles.jsonl.gz [--out FILE]

The ANT file supplies the texts of the audit stories (the judged file holds ids and short keys).
Deterministic: the same data gives the same file (tests/eval/test_pairmodel.py checks it).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from akhbar.eval.pairmodel import dev_scored, dev_stories, train, write_model
from akhbar.summarize.pairmodel import MODEL_FILE

OUT = Path(__file__).resolve().parents[1] / "akhbar" / "resources" / MODEL_FILE


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ant", type=Path, help="ANT v2.1 articles.jsonl.gz")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    scored = dev_scored(dev_stories(args.ant))
    model = train(scored)
    write_model(model, args.out)
    print(f"{args.out}: {len(scored)} dev pairs, threshold {model.threshold}")
    for name, weight in zip(model.features, model.weights, strict=True):
        print(f"  {name}: {weight:+.3f}")


if __name__ == "__main__":
    main()
