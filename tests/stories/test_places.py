"""The place-conflict veto and the heaviest-term rule: a carried story takes another day's article only
when their main places agree and the shared specific term is one the article weighs."""

from __future__ import annotations

import dataclasses

from akhbar.align import content_stems
from akhbar.config import load_config
from akhbar.stories.cluster import cluster_stories
from akhbar.stories.places import (
    cue_stems,
    cued_stems,
    main_place,
    named_after_cue,
    place_stems,
    places_conflict,
    theme_places,
)
from akhbar.stories.rules import make_row
from akhbar.stories.signals import specific_terms
from tests.stories.test_cluster import article

CONFIG = load_config().stories

# Two fronts of one war on two days, in the same words and under one commander's name: two events.
TAIZ = ("قوات الجيش تتقدم في تعز. أعلنت قوات الجيش الوطني بقيادة العميد الصبيحي تقدمها في جبهة تعز "
        "ومقتل عناصر من الحوثيين.")
SANAA = ("قوات الجيش تتقدم في صنعاء. أعلنت قوات الجيش الوطني بقيادة العميد الصبيحي تقدمها في جبهة صنعاء "
         "ومقتل عناصر من الحوثيين.")
TAIZ_2 = ("قوات الجيش تواصل التقدم في تعز. قالت قوات الجيش الوطني بقيادة العميد الصبيحي إنها تواصل التقدم "
          "في جبهة تعز.")


def test_places_are_located_names_kept_whole_and_not_the_themes_countries():
    places = place_stems()
    assert {"تعز", "صنعاء", "روما"} <= places
    assert "يمن" not in places  # held by over THEME_DF archive articles: every front shares it
    assert {"بشار", "زمالك", "حريق"} & places == set()  # gazetteer places the tagger mostly read as a name or a word


def test_the_main_place_is_the_heaviest_and_a_conflict_needs_both_sides():
    assert main_place(["تعز", "صنعاء", "جيش"], [1.0, 3.0, 5.0]) == "صنعاء"
    assert main_place(["جيش"], [1.0]) is None
    story = {"تعز": 3.0, "جيش": 2.0}
    assert places_conflict("صنعاء", ["صنعاء", "جيش"], story, top=12)
    assert not places_conflict("تعز", ["تعز", "جيش"], story, top=12)  # the same place
    assert not places_conflict("صنعاء", ["صنعاء", "تعز"], story, top=12)  # the article names the story's place
    assert not places_conflict(None, ["جيش"], story, top=12)
    assert not places_conflict("صنعاء", ["صنعاء"], {"جيش": 5.0, "قوات": 4.0, "تعز": 0.1}, top=1)  # a minor place
    # The story names the article's place only in passing (deep in one lead): not what the story is about.
    passing = {"تعز": 3.0, "جيش": 2.0, "صنعاء": 0.1}
    assert places_conflict("صنعاء", ["صنعاء", "جيش"], passing, top=2)
    assert not places_conflict("صنعاء", ["صنعاء", "جيش"], passing, top=0)  # top 0: the whole story counts


def test_the_gazetteer_knows_rare_fronts_and_keeps_ambiguous_words_for_their_cues():
    places = place_stems()
    # Governorates, districts and a mountain range no NER resource held, named after cues over the archive.
    assert {"صرواح", "صعد", "تحيتا", "دريهم"} <= places
    assert "مسعود" not in places  # مسعودة (a mountain) is cut to مسعود, a man's name: never a place
    assert "بيضاء" not in places and "بيضاء" in cued_stems()  # "white" as often as the governorate
    assert {"محافظ", "مدير", "جبل", "جبه"} <= cue_stems()


def test_a_front_named_week_after_week_is_no_event_evidence_and_an_event_place_is():
    fronts = theme_places()
    assert {"تحيتا", "دريهم", "صعد"} <= fronts  # named in the leads of 17-34 of the archive's weeks
    assert "لومبوك" not in fronts and "لومبوك" in place_stems()  # the quake's island: four weeks
    terms, weights = ["تحيتا", "لومبوك", "قوات"], [5.0, 4.0, 1.0]
    assert make_row("a", 1, terms, weights, df={}, config=CONFIG).specific == ["لومبوك"]
    off = dataclasses.replace(CONFIG, place_veto=0)
    assert make_row("a", 1, terms, weights, df={}, config=off).specific == ["تحيتا", "لومبوك"]


def test_an_ambiguous_place_counts_after_a_cue_in_the_article_itself():
    assert named_after_cue(content_stems("تقدم الجيش في محافظة البيضاء")) == {"بيضاء"}
    assert named_after_cue(content_stems("فرق الخوذ البيضاء في الغوطة")) == frozenset()
    assert named_after_cue(()) == frozenset()


def test_two_fronts_on_two_days_are_two_events_and_one_front_stays_one():
    fronts = [article("t1", TAIZ, date="2018-05-06"), article("s1", SANAA, date="2018-05-07")]
    assert len(cluster_stories(fronts, config=CONFIG)) == 2
    off = dataclasses.replace(CONFIG, place_veto=0)
    assert len(cluster_stories(fronts, config=off)) == 1  # without the veto the shared name joins them
    same = [article("t1", TAIZ, date="2018-05-06"), article("t2", TAIZ_2, date="2018-05-07")]
    assert len(cluster_stories(same, config=CONFIG)) == 1


# Two fronts again, one of them named by a word that is also "white": only its cue makes it a place.
BAYDA = ("قوات الجيش تتقدم في البيضاء. أعلنت قوات الجيش الوطني بقيادة العميد الصبيحي تقدمها في محافظة البيضاء "
         "ومقتل عناصر من الحوثيين.")
WHITE = ("قوات الجيش تتقدم في البيضاء. أعلنت قوات الجيش الوطني بقيادة العميد الصبيحي تقدمها في الأراضي البيضاء "
         "ومقتل عناصر من الحوثيين.")


def test_a_front_named_after_its_cue_is_another_event_and_the_word_alone_is_not_a_place():
    taiz = article("t1", TAIZ, date="2018-05-06")
    assert len(cluster_stories([taiz, article("b1", BAYDA, date="2018-05-07")], config=CONFIG)) == 2
    assert len(cluster_stories([taiz, article("w1", WHITE, date="2018-05-07")], config=CONFIG)) == 1


def test_only_the_heaviest_terms_and_no_figures_are_specific_evidence():
    rule = {"rare_df": CONFIG.specific_df, "burst": CONFIG.specific_burst}
    assert specific_terms(["1236.58", "صبيحي"], {}, 0, **rule) == ["صبيحي"]  # a price comes back another day
    terms, weights = ["صبيحي", "نيوزيلاندي"], [5.0, 1.0]
    top = dataclasses.replace(CONFIG, specific_top=1)
    assert make_row("a", 1, terms, weights, df={}, config=top).specific == ["صبيحي"]
    every = dataclasses.replace(CONFIG, specific_top=0)
    assert make_row("a", 1, terms, weights, df={}, config=every).specific == ["صبيحي", "نيوزيلاندي"]
