"""The meaning-level overlap column of `akhbar eval-multidoc`."""

from __future__ import annotations

from akhbar.eval.multidoc import ClusterGroups, check, cluster_groups, meaning_overlap
from akhbar.records import Article
from akhbar.text import match_tokens

SAME_A = "وقال مسؤول في المعارضة إن الفصائل لن تغادر الأحياء الشرقية من مدينة حلب مهما كان الثمن."
SAME_B = "أكد قيادي معارض أن الفصائل لن تغادر أحياء حلب الشرقية مهما كان الثمن وأنها ستقاتل."
OTHER = "وقتل 53 شخصا أمس الثلاثاء في قصف على الأحياء المحاصرة بحسب الدفاع المدني."
ARTICLES = [Article("a", f"{SAME_A} {OTHER}"), Article("b", SAME_B)]


def test_one_alignment_group_is_the_same_fact() -> None:
    assert meaning_overlap([SAME_A, SAME_B], ARTICLES) == 1.0


def test_different_facts_overlap_little() -> None:
    assert meaning_overlap([SAME_A, OTHER], ARTICLES) < 0.3
    assert meaning_overlap([SAME_A], ARTICLES) == 0.0


def test_check_reports_the_overlap() -> None:
    assert check([SAME_A, SAME_B], ARTICLES).overlap == 1.0


def test_the_groups_handed_in_are_the_ones_read() -> None:
    # Groups in which SAME_A and OTHER tell one fact: the measure must read them, not align again.
    real = cluster_groups(ARTICLES)
    same = real.group_of[" ".join(match_tokens(SAME_A))]
    groups = ClusterGroups(real.sentences, {**real.group_of, " ".join(match_tokens(OTHER)): same})
    assert meaning_overlap([SAME_A, OTHER], ARTICLES) < 0.3
    assert meaning_overlap([SAME_A, OTHER], ARTICLES, groups) == 1.0
    assert check([SAME_A, OTHER], ARTICLES, groups=groups).overlap == 1.0
