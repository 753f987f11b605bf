"""The meaning-level overlap column of `akhbar eval-multidoc`."""

from __future__ import annotations

from akhbar.eval.multidoc import check, cluster_groups, meaning_overlap
from akhbar.records import Article

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


def test_the_cluster_aligned_once_gives_the_same_overlap() -> None:
    groups = cluster_groups(ARTICLES)
    for summary in ([SAME_A, SAME_B], [SAME_A, OTHER], [OTHER]):
        assert meaning_overlap(summary, ARTICLES, groups) == meaning_overlap(summary, ARTICLES)
    assert check([SAME_A, SAME_B], ARTICLES, groups=groups).overlap == 1.0
