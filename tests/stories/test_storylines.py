"""Storylines: stories (events) of one continuing story joined, unrelated ones apart, ids, order, the JSON shape."""

from __future__ import annotations

import dataclasses

from akhbar.config import load_config
from akhbar.records import Article
from akhbar.stories.records import Story
from akhbar.stories.render import by_storyline
from akhbar.stories.storylines import build_storylines

CONFIG = load_config().stories

# Three developments of one made-up storyline (a journalist missing in a consulate), other verbs each time,
# the same names; and one unrelated event.
MISSING = ("اختفاء الصحفي جمال خاشقجي بعد دخوله القنصلية السعودية في إسطنبول",
           "قالت خطيبته إن جمال خاشقجي دخل القنصلية السعودية في إسطنبول ولم يخرج منها.")
INQUIRY = ("تركيا تفتح تحقيقا في اختفاء خاشقجي وتطلب تفتيش القنصلية",
           "أعلن الادعاء التركي في إسطنبول فتح تحقيق بشأن الصحفي جمال خاشقجي والقنصلية السعودية.")
ADMISSION = ("السعودية تعلن وفاة خاشقجي داخل القنصلية في إسطنبول",
             "أعلن النائب العام السعودي وفاة الصحفي جمال خاشقجي في القنصلية في إسطنبول وتوقيف 18 شخصا.")
FOOTBALL = ("ليفربول يهزم روما في نصف نهائي دوري أبطال أوروبا",
            "فاز نادي ليفربول على روما بخمسة أهداف مقابل هدفين سجل منها محمد صلاح هدفين.")


def _story(sid: str, day: str, text: tuple[str, str], source: str = "A") -> tuple[Story, Article]:
    article = Article(id=sid, body=text[1], title=text[0], date=day, source=source)
    return Story(id=f"story-{sid}", articles=(sid,), outlets=(source,), start=day, end=day, title=text[0]), article


def _made_up() -> tuple[list[Story], list[Article]]:
    pairs = [_story("m", "2018-10-03", MISSING), _story("f", "2018-10-04", FOOTBALL, "B"),
             _story("i", "2018-10-08", INQUIRY, "B"), _story("a", "2018-10-20", ADMISSION, "C")]
    return [s for s, _ in pairs], [a for _, a in pairs]


def test_developments_of_one_story_join_and_another_event_stays_apart():
    stories, articles = _made_up()
    lines, line_of = build_storylines(stories, articles, config=CONFIG)
    assert line_of["story-m"] == line_of["story-i"] == line_of["story-a"] == "line-story-m"
    assert line_of["story-f"] == "line-story-f"
    (khashoggi,) = [line for line in lines if line.id == "line-story-m"]
    assert khashoggi.stories == ("story-m", "story-i", "story-a")  # oldest first
    assert (khashoggi.start, khashoggi.end, khashoggi.outlets, khashoggi.size) == (
        "2018-10-03", "2018-10-20", ("A", "B", "C"), 3)
    assert lines[0] == khashoggi  # largest first


def test_a_storyline_quiet_for_longer_than_line_days_takes_nothing():
    stories, articles = _made_up()
    late = dataclasses.replace(stories[3], start="2019-03-01", end="2019-03-01")
    moved = dataclasses.replace(articles[3], date="2019-03-01")  # the fold goes by its members' days
    _, line_of = build_storylines([*stories[:3], late], [*articles[:3], moved], config=CONFIG)
    assert line_of["story-a"] != line_of["story-m"]


def test_the_fold_is_the_same_whatever_the_input_order():
    stories, articles = _made_up()
    forward = build_storylines(stories, articles, config=CONFIG)
    backward = build_storylines(stories[::-1], articles[::-1], config=CONFIG)
    assert forward == backward


def test_a_strict_threshold_leaves_every_story_alone():
    stories, articles = _made_up()
    lines, _ = build_storylines(stories, articles, config=dataclasses.replace(CONFIG, line_threshold=1.0))
    assert len(lines) == len(stories)


def test_by_storyline_keeps_largest_first_and_brings_a_storyline_together():
    stories, articles = _made_up()
    lines, _ = build_storylines(stories, articles, config=CONFIG)
    shown = [stories[1], stories[2], stories[0], stories[3]]  # as the index lists them
    assert [s.id for s in by_storyline(shown, lines)] == ["story-f", "story-m", "story-i", "story-a"]


def test_the_seeds_are_one_storyline(seed_articles):
    from akhbar.stories.build import group_stories

    batch = group_stories(seed_articles, config=load_config())
    assert len(batch.stories) == 1 and len(batch.storylines) == 1
    assert batch.storylines[0].id == f"line-{batch.stories[0].id}"


def test_the_seeds_mixed_into_2000_ant_articles_are_one_event_and_one_storyline_of_their_own(seed_articles,
                                                                                             ant_2000):
    from akhbar.stories.build import group_stories

    ant = ant_2000
    batch = group_stories([*ant[:1000], *seed_articles, *ant[1000:]], config=load_config())
    seed_ids = {a.id for a in seed_articles}
    (event,) = [s for s in batch.stories if seed_ids & set(s.articles)]
    assert set(event.articles) == seed_ids
    (line,) = [line for line in batch.storylines if event.id in line.stories]
    assert line.stories == (event.id,)  # nothing from 2018 joins Aleppo, December 2016


def test_a_story_close_to_two_storylines_joins_them_into_the_older_when_merging_is_on():
    # Two storylines that share nothing; a third story holds the words of both.
    a = ("فيضانات في مدينة الزرقاء وإجلاء عائلات", "غمرت مياه الأمطار أحياء مدينة الزرقاء وأجلى الدفاع المدني عائلات.")
    b = ("الحكومة تقر موازنة العام المقبل", "أقر مجلس الوزراء مشروع قانون الموازنة العامة بعجز متوقع.")
    both = ("الحكومة تقر موازنة لتعويض فيضانات الزرقاء",
            "أقر مجلس الوزراء موازنة لتعويض عائلات مدينة الزرقاء التي أجلاها الدفاع المدني بعد الفيضانات.")
    pairs = [_story("a", "2018-01-01", a), _story("b", "2018-01-02", b), _story("c", "2018-01-03", both)]
    stories, articles = [s for s, _ in pairs], [x for _, x in pairs]
    apart, _ = build_storylines(stories[:2], articles[:2], config=CONFIG)
    assert len(apart) == 2
    merging = dataclasses.replace(CONFIG, line_merge_threshold=0.2, line_threshold=0.2)
    lines, line_of = build_storylines(stories, articles, config=merging)
    assert len(lines) == 1 and set(line_of.values()) == {"line-story-a"}  # the older keeps its id
    assert lines[0].stories == ("story-a", "story-b", "story-c")


# The seeds' days, read from their own text (003 is dated «الأحد 2016/12/04»; 001 and 004 tell Monday's news,
# 000 Tuesday's, 002 Wednesday's), each from its own outlet: wire copy and rewrites of one event over four days.
SEED_DAYS = {"000": "2016-12-06", "001": "2016-12-05", "002": "2016-12-07", "003": "2016-12-04", "004": "2016-12-05"}


def _dated_seeds(seed_articles) -> list[Article]:
    return [dataclasses.replace(a, date=SEED_DAYS[a.id[:3]], source=f"outlet-{a.id[:3]}") for a in seed_articles]


def _one_event_one_storyline(batch, seeds: list[Article]) -> None:
    seed_ids = {a.id for a in seeds}
    (event,) = [s for s in batch.stories if seed_ids & set(s.articles)]
    assert set(event.articles) == seed_ids
    (line,) = [line for line in batch.storylines if event.id in line.stories]
    assert line.stories == (event.id,)


def test_the_dated_seeds_are_one_event_and_one_storyline(seed_articles):
    from akhbar.stories.build import group_stories

    seeds = _dated_seeds(seed_articles)
    _one_event_one_storyline(group_stories(seeds, config=load_config()), seeds)


def test_the_dated_seeds_among_other_news_are_one_event_and_one_storyline(seed_articles):
    # Without the archive: made-up news of the same days (another Syrian front, a football match, the
    # gold market) around the seeds.
    from akhbar.stories.build import group_stories

    others = [
        Article("o1", "قصفت طائرات حربية بلدات في ريف إدلب وقتل خمسة مدنيين بحسب المرصد السوري لحقوق الإنسان.",
                title="غارات على ريف إدلب", date="2016-12-05", source="X"),
        Article("o2", FOOTBALL[1], title=FOOTBALL[0], date="2016-12-06", source="Y"),
        Article("o3", "ارتفعت أسعار الذهب في التعاملات الصباحية مع تراجع الدولار.", title="الذهب يرتفع",
                date="2016-12-07", source="Z"),
    ]
    seeds = _dated_seeds(seed_articles)
    batch = group_stories([*others[:2], *seeds, *others[2:]], config=load_config())
    _one_event_one_storyline(batch, seeds)


def test_the_dated_seeds_mixed_into_2000_ant_articles_are_one_event_and_one_storyline(seed_articles, ant_2000):
    from akhbar.stories.build import group_stories

    ant = ant_2000
    seeds = _dated_seeds(seed_articles)
    _one_event_one_storyline(group_stories([*ant[:1000], *seeds, *ant[1000:]], config=load_config()), seeds)
