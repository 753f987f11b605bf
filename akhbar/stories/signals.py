"""Signals the story fold reads besides its TF-IDF terms (kept apart from the fold itself).

``text_day``: an undated article's own word for its date. A feed item or a file with no date in its
metadata or its header often writes the day in its lead (``أعلنت الوزارة يوم 12 يوليو 2005 ...``).
Taking that day puts the article in its own time, so it can no longer join a story of any date
(a July article joined a September story before).
"""

from __future__ import annotations

from akhbar.ingest.dates import parse_date
from akhbar.records import Article

_LEAD_CHARACTERS = 400  # the first sentences: a date written further down is background


def text_day(article: Article) -> int | None:
    """The day (proleptic ordinal) the lead of ``article`` writes, if it writes a full date (day,
    month, year), else None."""
    found = parse_date(article.body[:_LEAD_CHARACTERS])
    return found.toordinal() if found is not None else None
