from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from akhbar.ingest.dates import date_opening, is_date_line, parse_date
from akhbar.ingest.noise import clean_article_text
from tests.conftest import seed_article


def reasons(cleaned) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for removed in cleaned.removed:
        out.setdefault(removed.reason, []).append(removed.text)
    return out


def test_title_date_related_dateline_and_page_number_of_003(seed_dir) -> None:
    text = next(seed_dir.glob("003_*.txt")).read_text(encoding="utf-8")
    cleaned = clean_article_text(text)
    found = reasons(cleaned)
    assert cleaned.title == "في ردها على روسيا: المعارضة السورية تؤكد أنها لن تنسحب من حلب"
    assert cleaned.date is not None and cleaned.date.isoformat() == "2016-12-04"
    assert found["date"] == ["الأحد 2016/12/04"]
    assert found["related"] == ["مقتل 27 من قوات الأسد في ريف حلب الشرقي"]
    assert found["dateline"] == ["بيروت -"]
    assert found["page-number"] == ["1"]
    assert cleaned.body.startswith("قال زكريا ملاحفجي")
    assert not cleaned.body.rstrip().endswith("1")


def test_footer_and_title_of_002(seed_dir) -> None:
    cleaned = clean_article_text(next(seed_dir.glob("002_*.txt")).read_text(encoding="utf-8"))
    assert reasons(cleaned)["footer"] == ["تعليقات الفيسبوك"]
    assert cleaned.title == "موسكو تتجاهل مبادرة هدنة في حلب قدمتها المعارضة"
    assert "تعليقات الفيسبوك" not in cleaned.body


@pytest.mark.parametrize(("prefix", "dateline"), [("001", "بيروت:"), ("004", "عواصم - (وكالات):")])
def test_datelines(seed_dir, prefix: str, dateline: str) -> None:
    cleaned = clean_article_text(next(seed_dir.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8"))
    assert reasons(cleaned)["dateline"] == [dateline]
    assert not cleaned.body.startswith(dateline.split(maxsplit=1)[0])


def test_wrapped_lines_of_000_are_joined_and_reported(seed_articles) -> None:
    article = seed_article(seed_articles, "000")
    assert "فيها بمدينة حلب، بعد دعوات موسكو" in article.body
    assert sum(r.reason == "line-break" for r in article.removed) == 3
    assert article.title is None  # its first line is a wrapped sentence, not a title


def test_a_speech_colon_is_not_a_dateline() -> None:
    cleaned = clean_article_text("وقال المتحدث: إن القوات تقدمت في المدينة خلال الليل.")
    assert cleaned.body.startswith("وقال المتحدث:")
    assert cleaned.removed == ()


def test_paragraphs_that_end_properly_are_not_joined() -> None:
    cleaned = clean_article_text("الجملة الأولى انتهت هنا.\nالجملة الثانية تبدأ هنا.")
    assert cleaned.body == "الجملة الأولى انتهت هنا.\nالجملة الثانية تبدأ هنا."


@pytest.mark.parametrize(
    ("line", "iso"),
    [("الأحد 2016/12/04", "2016-12-04"), ("04/12/2016", "2016-12-04"), ("4 ديسمبر 2016", "2016-12-04"),
     ("٤ كانون الأول ٢٠١٦", "2016-12-04"), ("الاثنين 5 كانون الاول/ديسمبر 2016", "2016-12-05")],
)
def test_date_lines(line: str, iso: str) -> None:
    assert is_date_line(line)
    parsed = parse_date(line)
    assert parsed is not None and parsed.isoformat() == iso


@pytest.mark.parametrize("line", ["قتل 27 شخصا في 2016", "2016/13/45", "الأحد"])
def test_not_date_lines(line: str) -> None:
    assert not is_date_line(line)


@pytest.mark.parametrize(
    "text",
    ["قالت الشرطة السويدية إن نحو 80 سيارة أُحرقت، في عدة مناطق في مدينة غوتنبيرغ",
     "خبر عاجل\n\nقالت الشرطة إن نحو 80 سيارة أحرقت"],
)
def test_a_short_article_is_never_emptied(text: str) -> None:
    cleaned = clean_article_text(text)
    assert "80 سيارة" in cleaned.body


@pytest.mark.parametrize(
    ("line", "furniture"),
    [("تعليقات الفيسبوك", True), ("شارك", True), ("اقرأ أيضا: مقتل 5 في قصف على إدلب", True),
     ("شارك أكثر من مئة مهاجر في رحلة ترفيهية نظمها مركز إيواء المهاجرين.", False),
     ("التعليقات التي نشرها الوزير أثارت جدلا واسعا في البرلمان أمس.", False)],
)
def test_boilerplate_lines(line: str, furniture: bool) -> None:
    from akhbar.ingest.noise import is_boilerplate

    assert is_boilerplate(line) is furniture


@pytest.mark.parametrize(
    "text",
    ["أكدت الخارجية الروسية: إن المحادثات مع واشنطن ستبدأ غدا في جنيف.",
     "شدد الوزير: لن نسمح بسقوط المدينة مهما كان الثمن في الأيام المقبلة.",
     "وأضاف المتحدث - في بيان - أن القوات تقدمت في الأحياء الشرقية."],
)
def test_speech_is_not_a_dateline(text: str) -> None:
    cleaned = clean_article_text(text)
    assert cleaned.body == text
    assert not [r for r in cleaned.removed if r.reason == "dateline"]


@pytest.mark.parametrize(
    ("text", "taken"),
    [
        ("الأحد، 4 سبتمبر 2005\n\nقال المتحدث إن الطريق آمن لخروج المدنيين من المدينة.", "الأحد، 4 سبتمبر 2005"),
        ("الأحد 4 سبتمبر 2005.\n\nقال المتحدث إن الطريق آمن لخروج المدنيين من المدينة.", "الأحد 4 سبتمبر 2005."),
        ("الأحد 4 سبتمبر 2005 - قال المتحدث إن الطريق آمن لخروج المدنيين من المدينة.", "الأحد 4 سبتمبر 2005 -"),
        ("الأحـد، 4 سبتمبر 2005: قال المتحدث إن الطريق آمن لخروج المدنيين من المدينة.", "الأحـد، 4 سبتمبر 2005:"),
        ("04/09/2005 (رويترز) - قال المتحدث إن الطريق آمن لخروج المدنيين من المدينة.", "04/09/2005"),
    ],
)
def test_a_first_line_dated_with_a_comma_a_stop_or_the_text_gives_the_date(text: str, taken: str) -> None:
    cleaned = clean_article_text(text)
    assert cleaned.date is not None and cleaned.date.isoformat() == "2005-09-04"
    assert reasons(cleaned)["date"] == [taken]
    assert cleaned.body.startswith("قال المتحدث")


def test_a_date_inside_the_text_is_not_the_articles_date() -> None:
    cleaned = clean_article_text("قال المتحدث في 4 سبتمبر 2005 إن الطريق آمن.\nوأضاف أن القافلة وصلت.")
    assert cleaned.date is None and cleaned.body.startswith("قال المتحدث في 4 سبتمبر 2005")


def test_a_later_line_opening_with_a_date_keeps_its_text() -> None:
    cleaned = clean_article_text("قال المتحدث إن الطريق آمن.\n\n4 سبتمبر 2005 - وصلت القافلة الأولى إلى المدينة.")
    assert cleaned.date is None and "4 سبتمبر 2005 - وصلت" in cleaned.body


@given(st.text(alphabet=st.sampled_from(list("ابتث جح،.-:0123456789/")), max_size=50))
def test_date_opening_never_takes_more_than_the_line(line: str) -> None:
    found = date_opening(line)
    if found is not None:
        assert 0 < found[1] <= len(line)
