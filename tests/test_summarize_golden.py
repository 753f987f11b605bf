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

How the lead-first selection gets there (issue 13): three of the five leads tell the refusal in
different words that no lexical measure links (رفض فصيلان ... اي اقتراح لاخراج مقاتليهما / لن تترك
حلب), and the five leads together (207 words) overflow the 120-word budget. So past the first lead
the others may not eat into the ``lead_reserve`` words kept for what else happened; the next rounds
put the outlets not heard yet first, then the sentences adding the most, weighed with the archive's
stem frequencies (background_df.tsv) rather than the five articles' alone.
"""

from __future__ import annotations

import pytest

from akhbar.eval.multidoc import meaning_overlap
from akhbar.text.normalize import normalize

DEVELOPMENTS: dict[str, tuple[str, ...]] = {
    "ground": ("الشعار", "كرم الجبل", "الميسر", "القاطرجي"),
    "diplomacy": ("جنيف", "مجلس الامن", "فيتو", "النقض"),
    "toll": ("قتلوا", "قتل ", "مقتل", "تهجير", "القتلى"),
    "refusal": ("لن تترك", "لن يخرجوا", "لن تنسحب", "رفض فصيلان", "رفضت المعارضة", "لن يسلموا", "مرفوض"),
}


def told(summary_texts: list[str], development: str) -> int:
    """How many summary sentences tell ``development`` (by its cue phrases, match-normalized)."""
    cues = [normalize(c) for c in DEVELOPMENTS[development]]
    return sum(any(cue in f" {normalize(t)} " for cue in cues) for t in summary_texts)


def test_cues_find_each_development_in_the_seeds(seed_report) -> None:
    # The cues are not vacuous: each development is told by several sentences of the articles.
    texts = [s.text for s in seed_report.sentences]
    for development in DEVELOPMENTS:
        assert told(texts, development) >= 2, development


@pytest.mark.xfail(strict=True, reason=(
    "issue 20: the diplomacy was told by «وياتي هذا الرفض بعد اعلان ... لافروف ...» (001, sentence 1), which "
    "leans on 001's lead (the two factions' refusal, not the veto): with its antecedent the pair tells the "
    "refusal a second time beside Malahfaji's (no lexical or word-vector measure links the two refusals: stem "
    "overlap 0.07, soft share 0.17, two speakers). The 120 words hold Malahfaji, the follower that names where "
    "he spoke from, al-Qatirji, the toll and Russia's contacts; a diplomacy sentence (19-24 words) fits only "
    "if the follower goes, and the next sentence the walk takes is then al-Yousef's, a second refusal"))
def test_seed_summary_tells_each_development_once(seed_report) -> None:
    texts = [item.text for item in seed_report.summary]
    assert {d: told(texts, d) for d in DEVELOPMENTS} == dict.fromkeys(DEVELOPMENTS, 1)


def test_seed_summary_tells_the_ground_the_toll_and_the_refusal(seed_report) -> None:
    texts = [item.text for item in seed_report.summary]
    assert told(texts, "ground") == 1 and told(texts, "toll") == 1 and told(texts, "refusal") >= 1


@pytest.mark.xfail(strict=True, reason=(
    "issue 20: the refusal is told once (Malahfaji) and the diplomacy is not: see "
    "test_seed_summary_tells_each_development_once; this test's second half asks for one of the two more"))
def test_seed_summary_tells_the_main_fact(seed_report) -> None:
    texts = [item.text for item in seed_report.summary]
    assert told(texts, "refusal") >= 1 and told(texts, "diplomacy") + told(texts, "refusal") >= 2


def test_seed_summary_meaning_overlap_is_below_the_surface_threshold(seed_report) -> None:
    texts = [item.text for item in seed_report.summary]
    assert meaning_overlap(texts, seed_report.articles) < seed_report.config.summary.redundancy_threshold


# Which outlets tell the fact of each sentence the seed summary may hold, read by hand (the seeds'
# file prefixes). A sentence must name (cite or relate) every outlet of ``told``; it may also name
# those of ``also``, whose sentences tell the same stance in a wider or narrower statement.
SEED_FACTS: dict[str, dict[str, set[str]]] = {
    # Malahfaji: the opposition told the US it will not leave Aleppo (003 lead; 000 in its own words).
    "زكريا ملاحفجي المسؤول الكبير": {"told": {"000", "003"}, "also": {"004", "002", "001"}},
    # The army took al-Qatirji (004 only).
    "حي القاطرجي": {"told": {"004"}, "also": set()},
    # 53 dead on Tuesday, by the civil defence (002 only).
    "53 شخصا قتلوا": {"told": {"002"}, "also": set()},
    # Malahfaji spoke from Turkey; the message went to US officials contacted on Saturday (003 only).
    "متحدثا من تركيا إن الرسالة": {"told": {"003"}, "also": set()},
    # Russia acknowledged its contacts with the opposition, without details of the talks Turkey hosted
    # (004 only; 002 tells of Russia's closed doors, another fact).
    "وأقرت روسيا باتصالها": {"told": {"004"}, "also": set()},
    # Al-Yousef (al-Zenki) to AFP: any proposal for the fighters to leave is rejected (001 only). 004 relays
    # AFP on both factions' refusal («نقلت وكالة الصحافة الفرنسية عن فصيلين مقاتلين»): the wider statement.
    "ياسر اليوسف عضو المكتب": {"told": {"001"}, "also": {"004", "000", "002", "003"}},
}


def _prefix(article_id: str) -> str:
    return article_id[:3]


@pytest.mark.parametrize("cue", sorted(SEED_FACTS))
def test_seed_summary_names_every_outlet_telling_its_fact(seed_report, cue: str) -> None:
    item = next((i for i in seed_report.summary if cue in i.text), None)
    if item is None:
        pytest.skip(f"the summary does not hold the sentence of {cue!r}")
    named = {_prefix(a) for a in (*item.sources, *item.related)}
    facts = SEED_FACTS[cue]
    assert facts["told"] <= named <= facts["told"] | facts["also"]


def test_seed_summary_holds_the_facts_the_golden_names() -> None:
    # The parametrized test above must not skip its way to green: the three facts are in the summary.
    from akhbar.ingest import ingest
    from akhbar.pipeline import run
    from tests.conftest import SEEDS

    texts = " ".join(i.text for i in run(ingest([str(SEEDS)]).articles, with_facts=False).summary)
    assert all(cue in texts for cue in ("زكريا ملاحفجي المسؤول الكبير", "حي القاطرجي", "53 شخصا قتلوا"))


def test_every_seed_summary_sentence_is_read_for_its_outlets(seed_report) -> None:
    # "The five seeds' summary names every outlet that tells each of its facts" (issue 20) is checked
    # sentence by sentence above: no summary sentence may escape that table.
    missing = [item.text for item in seed_report.summary if not any(cue in item.text for cue in SEED_FACTS)]
    assert not missing
