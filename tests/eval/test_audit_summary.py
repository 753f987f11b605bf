"""The judged audit files (data/audit) and the evaluations that read them (issue 20, issue 22 part 3)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from akhbar.eval.audit_data import AUDIT_DIR, KEY_WORDS, read_jsonl, read_stories, sentence_key
from akhbar.eval.since_eval import split_date

STORIES = {s.story: s for s in read_stories()}


def _ant() -> Path | None:
    root = Path(os.environ.get("AKHBAR_DATA", Path(__file__).resolve().parents[2].parent / "shared" / "data"))
    path = root / "ant_v21" / "articles.jsonl.gz"
    return path if path.exists() else None


def _key_ok(story: str, key: str) -> bool:
    article, _, words = key.partition("|")
    return article in STORIES[story].articles and 0 < len(words.split()) <= KEY_WORDS


@pytest.mark.parametrize("name", ["summary.jsonl", "paraphrase.jsonl", "since.jsonl"])
def test_judged_files_hold_keys_not_texts(name: str) -> None:
    rows = list(read_jsonl(AUDIT_DIR / name))
    assert rows
    for row in rows:
        assert row["story"] in STORIES
        keys = [row["a"], row["b"]] if name == "paraphrase.jsonl" else [row["key"]]
        assert all(_key_ok(row["story"], k) for k in keys), row
        assert isinstance(row.get("reason", ""), str) and len(row.get("reason", "")) < 200


def test_judgements_cover_both_splits() -> None:
    splits = {STORIES[r["story"]].split for r in read_jsonl(AUDIT_DIR / "summary.jsonl")}
    assert splits == {"dev", "test"}


def test_sentence_key_is_the_article_and_its_first_words() -> None:
    assert sentence_key("X-1", "وقال الرئيس إن الحكومة ستبدأ غدا") == "X-1|وقال الرئيس إن الحكومة ستبدأ"


def test_split_date_leaves_a_third_before() -> None:
    dates = ["2018-05-06"] * 17 + ["2018-05-07"] * 10
    assert split_date(dates) == "2018-05-07"
    assert split_date(["2018-05-08"] * 5) is None
    assert split_date([None, None]) is None


@pytest.fixture(scope="module")
def dev_stories():
    ant = _ant()
    if ant is None:
        pytest.skip("ANT archive not found (../shared/data or AKHBAR_DATA)")
    from akhbar.config import load_config
    from akhbar.eval.audit_data import load_articles

    return load_articles(ant, read_stories(split="dev"), config=load_config())


def test_paraphrase_links_on_dev_keep_their_precision(dev_stories) -> None:
    from akhbar.eval.audit_summary import audit_links, read_pairs

    result = audit_links(dev_stories, read_pairs())
    assert not result.missing
    assert result.precision >= 0.9 and result.recall >= 0.45


def test_dev_summaries_are_judged_and_cite_enough_outlets(dev_stories) -> None:
    from akhbar.eval.audit_summary import audit_summaries, read_judgements

    audit = audit_summaries(dev_stories, read_judgements())
    assert not audit.unjudged()
    assert audit.alone_share >= 0.9 and audit.furniture == 0
    assert all(s.spread_met for s in audit.stories)


def test_whats_new_on_dev_is_new(dev_stories) -> None:
    from akhbar.config import load_config
    from akhbar.eval.since_eval import evaluate_story, read_since_judgements, summarize_results

    judged = read_since_judgements()
    results = [r for s, a in dev_stories.items()
               if (r := evaluate_story(s, a, config=load_config(), judgements=judged)) is not None]
    totals = summarize_results(results)
    assert totals["judged"] == totals["sentences"] and totals["novelty"] >= 0.9
