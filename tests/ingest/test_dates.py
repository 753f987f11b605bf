"""Dates in feed metadata (RFC 2822, ISO 8601) as well as in header lines."""

from __future__ import annotations

import pytest

from akhbar.ingest import to_article
from akhbar.ingest.dates import parse_date
from akhbar.ingest.readers import RawDocument
from akhbar.records import Article


@pytest.mark.parametrize(("text", "expected"), [
    ("Sun, 18 Feb 2018 21:35:43 +0400", "2018-02-18"),  # ANT's `time`, RSS pubDate
    ("Tue, 27 Feb 2018 05:48:34 +0400", "2018-02-27"),
    ("18 Feb 2018 21:35:43 GMT", "2018-02-18"),
    ("2018-02-18T21:35:43+04:00", "2018-02-18"),
    ("2018-02-18T23:59:00Z", "2018-02-18"),  # the day as written, not moved to another zone
    ("2018-02-18 08:00", "2018-02-18"),
    ("2018-02-18", "2018-02-18"),
    ("الأحد 2016/12/04", "2016-12-04"),
    ("4 ديسمبر 2016", "2016-12-04"),
])
def test_timestamps_and_header_dates_parse(text: str, expected: str) -> None:
    found = parse_date(text)
    assert found is not None and found.isoformat() == expected


@pytest.mark.parametrize("text", ["Sun, 31 Feb 2018 21:35:43 +0400", "Mon, 18 Foo 2018 10:00:00 +0000",
                                  "12:30", "hello", "", "2018-13-01T00:00:00"])
def test_impossible_or_absent_dates_are_none(text: str) -> None:
    assert parse_date(text) is None


def test_an_ant_time_given_as_date_reaches_the_article() -> None:
    doc = RawDocument("AL-culture-1-20180218", "نص الخبر الأول.\nونص ثان.", "ant.jsonl:1",
                      date="Sun, 18 Feb 2018 21:35:43 +0400")
    article = to_article(doc)
    assert isinstance(article, Article)
    assert article.date == "2018-02-18"
