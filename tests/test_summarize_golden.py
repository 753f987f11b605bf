"""Golden test on the five seed articles (Aleppo, 4-7 December 2016) at 120 words.

What a reader must learn from them, each once, and why (every development is told by at least two
of the five outlets, so a multi-outlet summary that misses it has missed the story):

- on the ground: the army took districts of east Aleppo (الشعار، كرم الجبل، الميسر، القاطرجي:
  000, 002, 004);
- diplomacy: Russia and the US to talk in Geneva on the fighters' withdrawal (000, 001, 003), and the
  Security Council draft for a seven-day truce, vetoed by Russia and China (000, 001, 004);
- the toll: dead and displaced (53 killed on Tuesday: 002; 30,000 displaced and hundreds dead: 000;
  hundreds dead, thousands wounded: 004);
- the opposition refuses to leave east Aleppo (the leads of 000, 001 and 003, Malahifji's quote in
  000 and 003, 002 and 004): the main fact, which must be told once, not three times.

KNOWN GAP (issue 13): the lead-first selection chosen by measurement on the multi-document dev set
(README) takes the outlets' leads, and three of the five leads tell the refusal in different words
that no lexical measure links (رفض فصيلان ... اي اقتراح لاخراج مقاتليهما / لن تترك حلب). At 120 words
the summary tells the refusal twice and misses the ground and the toll. These tests are strict
expected failures: they fail the suite the day they start to pass, so the marks must then go.
"""

from __future__ import annotations

import pytest

from akhbar.eval.multidoc import meaning_overlap
from akhbar.text.normalize import normalize

DEVELOPMENTS: dict[str, tuple[str, ...]] = {
    "ground": ("الشعار", "كرم الجبل", "الميسر", "القاطرجي"),
    "diplomacy": ("جنيف", "مجلس الامن", "فيتو", "النقض"),
    "toll": ("قتلوا", "قتل ", "مقتل", "تهجير", "القتلى"),
    "refusal": ("لن تترك", "لن يخرجوا", "لن تنسحب", "رفض فصيلان", "رفضت المعارضة", "لن يسلموا"),
}
GAP = "issue 13: lead-first tells the refusal twice at 120 words and misses the ground and the toll"


def told(summary_texts: list[str], development: str) -> int:
    """How many summary sentences tell ``development`` (by its cue phrases, match-normalized)."""
    cues = [normalize(c) for c in DEVELOPMENTS[development]]
    return sum(any(cue in f" {normalize(t)} " for cue in cues) for t in summary_texts)


def test_cues_find_each_development_in_the_seeds(seed_report) -> None:
    # The cues are not vacuous: each development is told by several sentences of the articles.
    texts = [s.text for s in seed_report.sentences]
    for development in DEVELOPMENTS:
        assert told(texts, development) >= 2, development


@pytest.mark.xfail(strict=True, reason=GAP)
def test_seed_summary_tells_each_development_once(seed_report) -> None:
    texts = [item.text for item in seed_report.summary]
    assert {d: told(texts, d) for d in DEVELOPMENTS} == dict.fromkeys(DEVELOPMENTS, 1)


def test_seed_summary_tells_the_main_fact(seed_report) -> None:
    texts = [item.text for item in seed_report.summary]
    assert told(texts, "refusal") >= 1 and told(texts, "diplomacy") + told(texts, "refusal") >= 2


@pytest.mark.xfail(strict=True, reason=GAP)
def test_seed_summary_meaning_overlap_is_below_the_surface_threshold(seed_report) -> None:
    texts = [item.text for item in seed_report.summary]
    assert meaning_overlap(texts, seed_report.articles) < seed_report.config.summary.redundancy_threshold
