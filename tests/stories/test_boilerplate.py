"""Learned boilerplate: per-outlet sentences repeated across many articles, counted and removed."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from akhbar.records import Article
from akhbar.stories.boilerplate import (
    Boilerplate,
    count_lines,
    learn_boilerplate,
    sentence_key,
    strip_boilerplate,
)

DISCLAIMER = "جميع المقالات المنشورة تمثل رأي كتابها فقط."
APP = "يمكنكم استلام إشعارات بأهم الموضوعات بعد تحميل أحدث نسخة من تطبيق بي بي سي عربي على هاتفكم المحمول."
PLACES = ["حلب", "الموصل", "صنعاء", "غزة", "طرابلس", "دمشق", "بيروت", "عدن", "إدلب", "درعا", "الرقة", "حمص"]


def news(i: int) -> str:
    place = PLACES[i % len(PLACES)]
    return f"قال مسؤول في {place} إن {i + 3} أشخاص قتلوا في قصف صباح اليوم رقم {i}. وأضاف أن فرق الإنقاذ تبحث عن {i} ناجين."


def outlet_feed(outlet: str, n: int, footer: str | None, *, start: int = 0) -> list[Article]:
    articles = []
    for i in range(start, start + n):
        body = news(i)
        if footer and i % 2:
            body += " " + footer  # a paragraph that ends with the boilerplate sentence
        elif footer:
            body += "\n" + footer  # or the boilerplate on its own line
        articles.append(Article(f"{outlet}-{i}", body, source=outlet))
    return articles


def test_an_outlet_disclaimer_is_learned_and_another_outlet_learns_nothing() -> None:
    articles = outlet_feed("alarabiya", 30, DISCLAIMER) + outlet_feed("bbc", 30, None, start=100)
    learned = learn_boilerplate(articles)
    assert learned.of("alarabiya") == {sentence_key(DISCLAIMER)}
    assert learned.of("bbc") == frozenset()


def test_strip_removes_the_sentence_at_a_paragraph_end_and_on_its_own_line() -> None:
    articles = outlet_feed("alarabiya", 30, DISCLAIMER)
    learned = learn_boilerplate(articles)
    for article in articles[:2]:
        stripped = strip_boilerplate(article, learned)
        assert "جميع المقالات" not in stripped.body
        assert stripped.body.startswith("قال مسؤول في") and stripped.body.endswith("ناجين.")
        assert [(r.text, r.reason) for r in stripped.removed] == [(DISCLAIMER, "boilerplate")]


def test_spelling_variants_of_a_line_count_together() -> None:
    variants = [APP, APP.replace("أ", "ا").replace("إ", "ا").replace("ى", "ي"), APP.replace(".", "")]
    articles = [Article(f"bbc-{i}", news(i) + "\n" + variants[i % 3], source="BBC") for i in range(30)]
    learned = learn_boilerplate(articles)
    assert learned.of("BBC") == {sentence_key(APP)}
    assert all("إشعارات" not in strip_boilerplate(a, learned).body for a in articles)


def test_a_small_feed_learns_nothing() -> None:
    assert len(learn_boilerplate(outlet_feed("x", 5, DISCLAIMER))) == 0


def test_the_threshold_grows_with_the_outlet() -> None:
    feed = outlet_feed("x", 400, None)
    with_footer = [Article(a.id, a.body + "\n" + DISCLAIMER, source="x") if i < 12 else a for i, a in enumerate(feed)]
    assert learn_boilerplate(with_footer, min_share=0.05).of("x") == frozenset()  # 12 < 5% of 400
    assert learn_boilerplate(with_footer, min_share=0.02, min_articles=13).of("x") == frozenset()  # the floor
    assert learn_boilerplate(with_footer, min_share=0.02).of("x") == {sentence_key(DISCLAIMER)}


def test_copies_are_not_counted() -> None:
    copies = [Article(f"wire-{i}", news(1) + "\n" + "وكانت الأمم المتحدة قد حذرت من كارثة إنسانية.", source="x")
              for i in range(15)]
    assert learn_boilerplate(copies).of("x")  # fifteen copies look like furniture ...
    assert not learn_boilerplate(copies, skip={c.id for c in copies[1:]}).of("x")  # ... unless they are copies


def test_footnote_stars_split_the_credit_from_the_disclaimer() -> None:
    articles = [Article(f"a{i}", f"{news(i)}\n* نقلا عن \"{PLACES[i % 12]}\" اليومية ** {DISCLAIMER}", source="x")
                for i in range(24)]
    learned = learn_boilerplate(articles)
    assert sentence_key(DISCLAIMER) in learned.of("x")
    stripped = strip_boilerplate(articles[0], learned)
    assert "جميع" not in stripped.body and "نقلا عن" in stripped.body


def test_an_article_of_another_outlet_is_returned_unchanged() -> None:
    learned = learn_boilerplate(outlet_feed("alarabiya", 30, DISCLAIMER))
    other = Article("cnn-1", news(1) + " " + DISCLAIMER, source="CNN")
    assert strip_boilerplate(other, learned) is other
    assert strip_boilerplate(other, Boilerplate()) is other


sentences = st.sampled_from([news(i) for i in range(4)] + [DISCLAIMER, APP, "شارك الخبر على فيسبوك."])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "b"]), st.lists(sentences, min_size=1, max_size=4)), max_size=20),
       st.integers(min_value=0, max_value=20))
def test_counts_of_two_parts_add_up_to_the_counts_of_the_whole(docs, cut) -> None:
    articles = [Article(f"id{i}", "\n".join(body), source=outlet) for i, (outlet, body) in enumerate(docs)]
    whole = count_lines(articles)
    parts = count_lines(articles[:cut]).merged(count_lines(articles[cut:]))
    assert dict(parts.lines) == dict(whole.lines) and dict(parts.articles) == dict(whole.articles)
