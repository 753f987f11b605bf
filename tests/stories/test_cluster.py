"""Story clustering on small Arabic articles, the seeds, and the seeds mixed into ANT (skips without it)."""

from __future__ import annotations

import dataclasses

from akhbar.config import StoryConfig, load_config
from akhbar.records import Article
from akhbar.stories.cluster import cluster_stories, time_order
from akhbar.stories.records import DuplicateLink

CONFIG = load_config().stories

# Made-up reports in the way outlets write one event: the same names, places and figures, other words.
QUAKE = ("زلزال بقوة 6.4 درجة يضرب جزيرة لومبوك الإندونيسية ويقتل 14 شخصا. ضرب الزلزال جزيرة لومبوك "
         "صباح الأحد ودمر آلاف المنازل في القرى الجبلية، وفق وكالة إدارة الكوارث في إندونيسيا.")
QUAKE_2 = ("مقتل 14 شخصا في زلزال لومبوك بإندونيسيا. قالت وكالة إدارة الكوارث إن زلزالا بقوة 6.4 درجة "
           "ضرب جزيرة لومبوك ودمر آلاف المنازل، وإن فرق الإنقاذ تبحث عن ناجين.")
SUMMIT = ("ترامب وكيم يلتقيان في قمة سنغافورة التاريخية. التقى الرئيس الأمريكي دونالد ترامب زعيم كوريا "
          "الشمالية كيم جونغ أون في سنغافورة لبحث نزع السلاح النووي.")
SUMMIT_2 = ("قمة سنغافورة: ترامب وكيم يوقعان وثيقة حول نزع السلاح النووي. وقع دونالد ترامب وكيم جونغ أون "
            "في سنغافورة وثيقة تتعهد فيها كوريا الشمالية بنزع السلاح النووي.")
FOOTBALL = ("ليفربول يهزم روما في نصف نهائي دوري أبطال أوروبا. فاز نادي ليفربول على روما بخمسة أهداف "
            "مقابل هدفين سجل منها محمد صلاح هدفين.")


def article(i: str, body: str, date: str | None = "2018-08-06", title: str | None = None,
            source: str = "A") -> Article:
    return Article(id=i, body=body, title=title, date=date, source=source)


def story_sets(articles: list[Article], **kwargs: object) -> set[frozenset[str]]:
    return {frozenset(s.articles) for s in cluster_stories(articles, config=CONFIG, **kwargs)}  # type: ignore[arg-type]


def test_same_event_joins_and_other_events_stay_apart():
    articles = [article("q1", QUAKE), article("s1", SUMMIT, source="B"), article("q2", QUAKE_2, source="B"),
                article("s2", SUMMIT_2), article("f1", FOOTBALL)]
    assert story_sets(articles) == {frozenset({"q1", "q2"}), frozenset({"s1", "s2"}), frozenset({"f1"})}


def test_a_story_quiet_for_longer_than_its_thread_takes_nothing():
    articles = [article("q1", QUAKE, date="2018-01-01"), article("q2", QUAKE_2, date="2018-12-01")]
    assert story_sets(articles) == {frozenset({"q1"}), frozenset({"q2"})}


def test_daily_articles_keep_a_long_story_open():
    days = [f"2018-03-{d:02d}" for d in range(1, 29, 2)]
    articles = [article(f"q{n}", QUAKE if n % 2 else QUAKE_2, date=day) for n, day in enumerate(days)]
    assert len(story_sets(articles)) == 1


def test_a_duplicate_joins_its_originals_story_whatever_its_text():
    articles = [article("q1", QUAKE), article("q2", QUAKE_2), article("copy", FOOTBALL)]
    links = [DuplicateLink("copy", "q1", "near", 0.8)]
    stories = cluster_stories(articles, duplicates=links, config=CONFIG)
    (story,) = [s for s in stories if "copy" in s.articles]
    assert set(story.articles) == {"q1", "q2", "copy"}
    assert story.duplicates == (links[0],)


def test_story_record_fields():
    articles = [article("q2", QUAKE_2, date="2018-08-07", title="حصيلة زلزال لومبوك ترتفع", source="B"),
                article("q1", QUAKE, date="2018-08-05", source="A")]
    (story,) = cluster_stories(articles, config=CONFIG)
    assert story.id == "story-q1"  # the first article in time names the story
    assert story.articles == ("q1", "q2")
    assert (story.start, story.end, story.outlets) == ("2018-08-05", "2018-08-07", ("A", "B"))
    assert story.title == "حصيلة زلزال لومبوك ترتفع"


def test_untitled_story_takes_its_lead_as_title():
    (story,) = cluster_stories([article("q1", QUAKE)], config=CONFIG)
    assert story.title.startswith("زلزال بقوة 6.4 درجة")


def test_deterministic_and_independent_of_input_order_for_dated_articles():
    articles = [article("q1", QUAKE, date="2018-08-05"), article("s1", SUMMIT, date="2018-06-12"),
                article("q2", QUAKE_2, date="2018-08-06"), article("s2", SUMMIT_2, date="2018-06-13")]
    first = cluster_stories(articles, config=CONFIG)
    assert first == cluster_stories(articles, config=CONFIG)
    assert {frozenset(s.articles) for s in first} == story_sets(articles[::-1])


def test_undated_articles_come_last_in_input_order():
    assert time_order([None, 737000, None, 736000]) == [3, 1, 0, 2]


def test_empty_input_and_a_strict_threshold():
    assert cluster_stories([], config=CONFIG) == []
    strict = StoryConfig(join_threshold=1.0, thread_threshold=1.0)
    assert len(cluster_stories([article("q1", QUAKE), article("q2", QUAKE_2)], config=strict)) == 2


def test_an_untitled_article_has_its_lede_stand_in_for_a_title():
    from akhbar.stories.rules import headline, story_terms

    untitled = article("u", "رفض فصيلان معارضان اقتراحا لإخراج مقاتليهما من شرق حلب. وقال مسؤول إن القتال مستمر.")
    assert headline(untitled) == "رفض فصيلان معارضان اقتراحا لإخراج مقاتليهما من شرق حلب."
    terms = story_terms(untitled, title_weight=3, lead_words=60)
    assert terms.count("حلب") == 4  # three times as the headline, once in the lead
    assert headline(article("t", "نص.", title="عنوان")) == "عنوان"


def test_seeds_are_one_story(seed_articles):
    assert len(cluster_stories(seed_articles, config=CONFIG)) == 1


def test_seeds_alone_split_without_the_archive_frequencies(seed_articles):
    # Why background_df exists: IDF fitted on five texts that all share حلب، المعارضة، روسيا splits them.
    alone = dataclasses.replace(CONFIG, background_df=0)
    assert len(cluster_stories(seed_articles, config=alone)) > 1


def test_seeds_mixed_into_2000_ant_articles_form_a_story_of_their_own(seed_articles, ant_2000):
    ant = ant_2000
    stories = cluster_stories([*ant[:1000], *seed_articles, *ant[1000:]], config=CONFIG)
    seed_ids = {a.id for a in seed_articles}
    holding = [s for s in stories if seed_ids & set(s.articles)]
    # One story, and nothing else in it: the ANT articles are from 2018, the seeds from Aleppo, 2016.
    assert [set(s.articles) for s in holding] == [seed_ids]


def test_stories_list_their_articles_oldest_first_and_come_in_the_order_they_started():
    first = article("early", QUAKE_2, date="2018-08-04")
    later = [article(f"q{n}", QUAKE, date="2018-08-05", source=f"S{n}") for n in range(3)]
    stories = cluster_stories([*later, first], config=CONFIG)
    assert [s.articles for s in stories] == [("early", "q0", "q1", "q2")]
    assert stories[0].id == "story-early"


def test_an_undated_article_takes_the_date_its_lead_writes():
    from akhbar.stories.cluster import day_of

    written = article("w", "أعلنت الوزارة يوم 12 يوليو 2005 أن الطريق مفتوح.", date=None)
    assert day_of(written) == day_of(dataclasses.replace(written, date="2005-07-12")) is not None
    assert day_of(article("n", "قال المتحدث الاثنين إن الطريق مفتوح.", date=None)) is None


def test_an_undated_article_whose_lead_writes_another_month_stays_out_of_a_later_story():
    july = QUAKE_2.replace("مقتل 14 شخصا", "في 12 يوليو 2005 مقتل 14 شخصا")
    articles = [article("q1", QUAKE, date="2005-09-20"), article("old", july, date=None)]
    assert story_sets(articles) == {frozenset({"q1"}), frozenset({"old"})}
    articles = [article("q1", QUAKE, date="2005-07-13"), article("old", july, date=None)]
    assert story_sets(articles) == {frozenset({"q1", "old"})}
