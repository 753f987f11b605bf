"""The specific-term rule: theme words alone do not carry a story to another day; an event's name does."""

from __future__ import annotations

import dataclasses

from akhbar.config import load_config
from akhbar.stories.cluster import cluster_stories
from akhbar.stories.signals import specific_terms, term_bursts, theme_terms
from tests.stories.test_cluster import article

CONFIG = load_config().stories

# Two days of the gold market, told in the same theme words: two events.
GOLD = ("الذهب يهبط مع ارتفاع الدولار. انخفضت أسعار الذهب اليوم بفعل ارتفاع الدولار في ظل احتمالات زيادة "
        "أسعار الفائدة الأميركية.")
GOLD_2 = ("الذهب يهبط مع صعود الدولار. تراجعت أسعار الذهب بفعل صعود الدولار وسط توقعات زيادة أسعار الفائدة "
          "الأميركية.")
# One event told on two days: its name (خاشقجي) comes in a burst over the archive.
KHASHOGGI = ("تركيا تبحث مصير الصحفي جمال خاشقجي بعد دخوله القنصلية السعودية في إسطنبول. قالت السلطات التركية "
             "إنها تحقق في اختفاء خاشقجي.")
KHASHOGGI_2 = ("اختفاء جمال خاشقجي: تركيا تحقق في مصير الصحفي بعد دخوله القنصلية في إسطنبول. قالت مصادر تركية "
               "إن التحقيق في اختفاء خاشقجي مستمر.")


def test_the_shipped_bursts_tell_an_event_name_from_a_theme_word():
    bursts = term_bursts()
    assert bursts["خاشقجي"] < CONFIG.specific_burst < bursts["ذهب"]
    themed = theme_terms(CONFIG.specific_df, CONFIG.specific_burst)
    assert "ذهب" in themed and "خاشقجي" not in themed
    assert specific_terms(["ذهب", "دولار"], {}, 0, rare_df=50, burst=0.85) == []
    assert specific_terms(["خاشقجي", "ذهب"], {}, 0, rare_df=50, burst=0.85) == ["خاشقجي"]
    assert specific_terms(["نيوزيلاندي"], {}, 0, rare_df=50, burst=0.85) == ["نيوزيلاندي"]  # unknown: specific
    assert specific_terms(["ذهب"], {}, 0, rare_df=0, burst=0.85) is None  # 0: the check is off


def test_theme_words_join_on_one_day_but_do_not_carry_a_story_to_the_next():
    same_day = [article("g1", GOLD, date="2018-06-25"), article("g2", GOLD_2, date="2018-06-25")]
    assert len(cluster_stories(same_day, config=CONFIG)) == 1
    next_day = [article("g1", GOLD, date="2018-06-25"), article("g2", GOLD_2, date="2018-06-26")]
    assert len(cluster_stories(next_day, config=CONFIG)) == 2
    off = dataclasses.replace(CONFIG, specific_df=0)
    assert len(cluster_stories(next_day, config=off)) == 1  # without the rule, the theme bucket grows


def test_an_event_name_carries_a_story_to_the_next_day():
    days = [article("k1", KHASHOGGI, date="2018-10-03"), article("k2", KHASHOGGI_2, date="2018-10-04")]
    assert len(cluster_stories(days, config=CONFIG)) == 1


def test_a_theme_word_of_the_archive_is_specific_where_what_was_read_bursts_with_it():
    # حلب comes every week of the archive (Syria's war): a theme there. Read five times in five articles,
    # it names their event; read at the archive's rate, it does not.
    rule = {"rare_df": CONFIG.specific_df, "burst": CONFIG.specific_burst}
    assert "حلب" in theme_terms(CONFIG.specific_df, CONFIG.specific_burst)
    assert specific_terms(["حلب", "ذهب"], {"حلب": 5, "ذهب": 1}, 5, **rule) == ["حلب"]
    assert specific_terms(["حلب"], {"حلب": 20}, 3000, **rule) == []
    assert specific_terms(["حلب"], {"حلب": 2}, 2, **rule) == []  # two articles are not a burst
    assert specific_terms(["خاشقجي"], {}, 0, **rule) == ["خاشقجي"]  # specific in the archive already
    assert specific_terms(["حلب"], {"حلب": 5}, 5, rare_df=0, burst=0.85) is None  # the rule is off
