"""``akhbar eval-since`` on the dev stories split at every later day (needs ../shared/data)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from akhbar.eval.audit_data import read_stories


def _ant() -> Path | None:
    root = Path(os.environ.get("AKHBAR_DATA", Path(__file__).resolve().parents[2].parent / "shared" / "data"))
    path = root / "ant_v21" / "articles.jsonl.gz"
    return path if path.exists() else None


def test_whats_new_on_every_dev_split_date_is_judged_and_new() -> None:
    ant = _ant()
    if ant is None:
        pytest.skip("ANT archive not found (../shared/data or AKHBAR_DATA)")
    from akhbar.config import load_config
    from akhbar.eval.audit_data import load_articles
    from akhbar.eval.since_eval import evaluate_story, read_since_judgements, split_dates, summarize_results

    config = load_config()
    judged = read_since_judgements()
    stories = load_articles(ant, read_stories(split="dev"), config=config)
    results = [r for story, articles in stories.items() for since in split_dates([a.date for a in articles])
               if (r := evaluate_story(story, articles, config=config, judgements=judged, since=since)) is not None]
    totals = summarize_results(results)
    assert totals["stories"] >= 15  # (story, date) cases, not stories
    assert totals["judged"] == totals["sentences"]
    assert totals["novelty"] >= 0.9
