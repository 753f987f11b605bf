"""Arabic calendar words shared by every stage that reads dates: weekdays and month names of
the Gregorian (يناير), Levantine (كانون الثاني) and Maghrebi (جانفي) series, match-normalized."""

from __future__ import annotations

from akhbar.text.normalize import normalize

WEEKDAYS = {
    normalize(w): i for i, w in enumerate(("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"))
}
WEEKDAYS.update({normalize("الإثنين"): 0, normalize("الاحد"): 6})
MONTHS_ONE = {
    normalize(w): i + 1
    for i, w in enumerate(
        (
            "يناير",
            "فبراير",
            "مارس",
            "أبريل",
            "مايو",
            "يونيو",
            "يوليو",
            "أغسطس",
            "سبتمبر",
            "أكتوبر",
            "نوفمبر",
            "ديسمبر",
        )
    )
}
MONTHS_ONE.update(
    {
        normalize(w): m
        for w, m in (
            ("شباط", 2),
            ("آذار", 3),
            ("نيسان", 4),
            ("أيار", 5),
            ("حزيران", 6),
            ("تموز", 7),
            ("آب", 8),
            ("أيلول", 9),
            ("يونيه", 6),
            ("يوليه", 7),
            ("إبريل", 4),
            ("جانفي", 1),
            ("فيفري", 2),
            ("أفريل", 4),
            ("ماي", 5),
            ("جوان", 6),
            ("جويلية", 7),
            ("أوت", 8),
        )
    }
)
MONTHS_TWO = {
    ("تشرين", normalize("الأول")): 10,
    ("تشرين", "الثاني"): 11,
    ("كانون", normalize("الأول")): 12,
    ("كانون", "الثاني"): 1,
}
AMBIGUOUS_MONTHS = frozenset((normalize("آب"), "ماي", "مارس"))
