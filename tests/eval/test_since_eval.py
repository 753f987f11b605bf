"""``akhbar eval-since`` on the dev stories split at every later day (needs ../shared/data)."""

from __future__ import annotations

from akhbar.eval.audit_data import read_stories
from akhbar.records import Article
from tests.data_paths import require_ant


def test_whats_new_on_every_dev_split_date_is_judged_and_new() -> None:
    ant = require_ant()
    from akhbar.config import load_config
    from akhbar.eval.audit_data import load_articles
    from akhbar.eval.since_eval import evaluate_dates, read_since_judgements, read_since_stories, summarize_results

    config = load_config()
    judged = read_since_judgements()
    audit = {s.story for s in read_stories(split="dev")}
    stories = load_articles(ant, read_since_stories("dev"), config=config)
    older, since3 = [], []
    for story, articles in stories.items():
        results = evaluate_dates(story, articles, config=config, judgements=judged, all_dates=True)
        (older if story in audit else since3).extend(results)
    totals = summarize_results(older)
    assert totals["stories"] >= 15  # (story, date) cases, not stories
    assert totals["judged"] == totals["sentences"]
    assert totals["novelty"] >= 0.9
    # The since3 stories (0.835 on main): every sentence judged; a floor, not the bar.
    harder = summarize_results(since3)
    assert harder["stories"] >= 55
    assert harder["judged"] == harder["sentences"]
    assert harder["novelty"] >= 0.8


def test_every_date_at_once_gives_what_each_date_alone_gives() -> None:
    from akhbar.config import load_config
    from akhbar.eval.since_eval import evaluate_dates, evaluate_story, split_dates
    from tests.test_summarize_since import EARLY, LATE

    later = [Article("a3", "قال تجار في القاهرة الاثنين إن أسعار الحديد ارتفعت 10 في المئة بعد رفع أسعار الوقود. "
                           "وامتنع تجار مواد البناء عن البيع في انتظار الأسعار الجديدة.", date="2018-06-19", source="A")]
    articles = [*EARLY, *LATE, *later]
    config = load_config()
    days = split_dates([a.date for a in articles])
    assert days == ["2018-06-18", "2018-06-19"]
    alone = [evaluate_story("s", articles, config=config, since=d) for d in days]
    assert evaluate_dates("s", articles, config=config, all_dates=True) == alone
    assert evaluate_dates("s", articles, config=config) == [evaluate_story("s", articles, config=config)]
    assert all(r is not None and r.facts >= 1 for r in alone)


def test_the_judge_groups_facts_as_comparing_every_pair_would() -> None:
    from akhbar.align import vectorize
    from akhbar.eval.since_eval import _Judge
    from akhbar.pipeline import split_articles
    from tests.test_summarize_since import EARLY, LATE

    sentences = split_articles([*EARLY, *LATE])
    judge = _Judge([s.text for s in sentences], vectorize(sentences).chars)
    everyone = list(range(len(sentences)))
    for i in everyone:
        others = [j for j in everyone if j != i]
        assert judge.told_by(i, others) == any(judge.same(i, j) for j in others)
    # The facts are exactly the groups every pair's links make (connected components): none split, none merged.
    groups = {i: frozenset({i}) for i in everyone}
    for i in everyone:
        for j in everyone:
            if i < j and judge.same(i, j) and groups[i] is not groups[j]:
                joined = groups[i] | groups[j]
                groups.update((k, joined) for k in joined)
    assert len(set(groups.values())) < len(everyone)  # the story links some of its sentences
    assert sorted(judge.facts(everyone), key=sorted) == sorted(set(groups.values()), key=sorted)
