"""``akhbar eval-since`` on the dev stories split at every later day (needs ../shared/data)."""

from __future__ import annotations

from akhbar.eval.audit_data import read_stories
from tests.data_paths import require_ant


def test_whats_new_on_every_dev_split_date_is_judged_and_new() -> None:
    ant = require_ant()
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
