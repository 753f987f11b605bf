"""Quotes: speakers, roles, verbs, direct and indirect speech, carried speakers, merging."""

from __future__ import annotations

import pytest

from akhbar.facts.quotes import extract_quotes, sentence_quotes, verb_base
from akhbar.records import Article, Sentence
from akhbar.text import normalize
from tests.facts.conftest import make_sentences

ONE = [
    (
        "قال وزير الخارجية الروسي سيرغي لافروف إن روسيا مستعدة للمحادثات.",
        "سيرغي لافروف",
        "وزير الخارجية الروسي",
        "قال",
        "روسيا مستعدة للمحادثات",
        False,
    ),
    (
        "وأضاف المتحدث باسم الكرملين “ديمتري بيسكوف” للصحفيين أن روسيا تعتبرهم إرهابيين.",
        "ديمتري بيسكوف",
        "المتحدث باسم الكرملين",
        "وأضاف",
        "روسيا تعتبرهم إرهابيين",
        False,
    ),
    (
        "وقال مسؤول كبير في المعارضة السورية المسلحة يدعى زكريا ملاحفجي، إن الفصائل لن تترك المدينة.",
        "زكريا ملاحفجي",
        "مسؤول كبير في المعارضة السورية المسلحة",
        "وقال",
        "الفصائل لن تترك المدينة",
        False,
    ),
    (
        "قال زكريا ملاحفجي المسؤول الكبير بالمعارضة السورية إن جماعات المعارضة لن تترك حلب.",
        "زكريا ملاحفجي",
        "المسؤول الكبير بالمعارضة السورية",
        "قال",
        "جماعات المعارضة لن تترك حلب",
        False,
    ),
    (
        "وقال المرصد السوري لحقوق الإنسان، إن اشتباكات عنيفة وقعت في الشعار.",
        "المرصد السوري لحقوق الإنسان",
        None,
        "وقال",
        "اشتباكات عنيفة وقعت في الشعار",
        False,
    ),
    (
        "من جهته، قال الدفاع المدني في حلب إن 53 شخصا قتلوا أمس.",
        "الدفاع المدني في حلب",
        None,
        "قال",
        "53 شخصا قتلوا أمس",
        False,
    ),
    (
        'وقال ملاحفجي "نحن لا يمكن أن نترك مدينتنا وبيوتنا للمليشيات."',
        "ملاحفجي",
        None,
        "وقال",
        "نحن لا يمكن أن نترك مدينتنا وبيوتنا للمليشيات",
        True,
    ),
    (
        "اعتبرت المستشارة الالمانية انغيلا ميركل ان عجز المجتمع الدولي «عار».",
        "انغيلا ميركل",
        "المستشارة الالمانية",
        "اعتبرت",
        "عجز المجتمع الدولي «عار»",
        False,
    ),
    (
        'لكن لافروف اعتبر ان مشروع القرار "في جزء كبير منه استفزاز ينسف الجهود".',
        "لافروف",
        None,
        "اعتبر",
        "في جزء كبير منه استفزاز ينسف الجهود",
        True,
    ),
    (
        "وكان كيري قد نفى في وقت سابق رفض بلاده عقد لقاء مع الجانب الروسي.",
        "كيري",
        None,
        "نفى",
        "رفض بلاده عقد لقاء مع الجانب الروسي",
        False,
    ),
    (
        "ونقلت وكالة رويترز عن رئيس المكتب السياسي لتجمع فاستقم زكريا ملاحفجي أن الاجتماعات وصلت إلى طريق مسدود.",
        "زكريا ملاحفجي",
        "رئيس المكتب السياسي لتجمع فاستقم",
        "ونقلت",
        "الاجتماعات وصلت إلى طريق مسدود",
        False,
    ),
]


@pytest.mark.parametrize(
    ("text", "speaker", "role", "verb", "quoted", "direct"), ONE, ids=[f"q{i}" for i in range(len(ONE))]
)
def test_speaker_role_verb_text(  # noqa: PLR0917
    text: str, speaker: str, role: str | None, verb: str, quoted: str, direct: bool
) -> None:
    (quote,) = sentence_quotes(make_sentences(text)[0])
    assert (quote.speaker, quote.role, quote.verb, quote.direct) == (speaker, role, verb, direct)
    assert quote.text == quoted


@pytest.mark.parametrize(
    ("token", "base"),
    [
        ("وقال", "قال"),
        ("فقالت", "قالت"),
        ("وأضاف", "اضاف"),
        ("مضيفا", "مضيفا"),
        ("قالوا", "قالوا"),
        ("الهجوم", None),
        ("وزير", None),
    ],
)
def test_verb_base(token: str, base: str | None) -> None:
    assert verb_base(normalize(token)) == base


def test_carried_speaker_and_participle() -> None:
    sentences = make_sentences(
        "وقال وزير الخارجية الروسي سيرغي لافروف إن المحادثات ستبدأ الثلاثاء.",
        'وأضاف: "سمعوا الجواب وما علقوا بأي شيء".',
        'وأوضح أن الهدنة ممكنة، مضيفا "فور الاتفاق يمكن ان تدخل الهدنة موضع التنفيذ".',
    )
    quotes = extract_quotes(sentences)
    assert [q.speaker for q in quotes] == ["سيرغي لافروف"] * 4
    assert [q.carried for q in quotes] == [False, True, True, True]
    assert quotes[1].direct and quotes[1].text == "سمعوا الجواب وما علقوا بأي شيء"
    assert quotes[3].verb == "مضيفا" and quotes[3].direct


def test_plural_verb_never_takes_the_next_words_as_speaker() -> None:
    (quote,) = sentence_quotes(make_sentences("وقالوا إنهم لن يسلموا المدينة مهما كان الثمن.")[0])
    assert quote.speaker is None
    assert quote.text == "إنهم لن يسلموا المدينة مهما كان الثمن"


def test_plural_verb_takes_the_plural_subject_of_the_earlier_clause() -> None:
    text = (
        "وقبل يومين رفض قادة في المعارضة السورية المسلحة العرض الروسي بمغادرة شرقي حلب، وقالوا إنهم "
        "لن يسلموا المدينة مهما كان الثمن، مضيفين أنهم يؤيدون فتح ممرات للمدنيين."
    )
    said, added = sentence_quotes(make_sentences(text)[0])
    # the object (العرض الروسي) is not part of the speaker; the participle carries it over
    assert said.speaker == added.speaker == "قادة في المعارضة السورية المسلحة"
    assert not said.carried and added.carried


def test_plural_subject_in_a_construct() -> None:
    (quote,) = sentence_quotes(make_sentences("وتظاهر سكان الحي أمس وقالوا إن المياه مقطوعة منذ أسبوع.")[0])
    assert quote.speaker == "سكان الحي"


def test_plural_subject_never_reaches_past_another_reporting_verb() -> None:
    quotes = sentence_quotes(make_sentences("قال مقاتلون إن الهدنة انهارت، وأكد المرصد أن القصف توقف، وقالوا إنهم انسحبوا.")[0])
    assert [q.speaker for q in quotes] == ["مقاتلون", "المرصد", None]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # the verb's object (المبادرة الروسية) is not part of the speakers
        ("ورفض مسؤولون في المعارضة المبادرة الروسية وقالوا إنها مرفوضة.", "مسؤولون في المعارضة"),
        # a day after the noun, or a comma, ends the phrase
        ("وتظاهر سكان الجمعة في حي الوعر وقالوا إن المياه مقطوعة.", "سكان"),
        ("وتظاهر سكان، الجمعة، في حي الوعر وقالوا إن المياه مقطوعة.", "سكان"),
        # a definite plural; an indefinite noun after من is not a modifier
        ("ويعاني الأهالي من انقطاع المياه، وقالوا إنهم بلا ماء منذ أيام.", "الأهالي"),
        # after في, a construct names the group; after من, an indefinite noun does not
        ("وكان قادة في فصائل المعارضة رفضوا العرض وقالوا إنهم لن يسلموا المدينة.", "قادة في فصائل المعارضة"),
        # a noun inside earlier reported speech is not a subject
        ("وقال المرصد إن مسلحين قصفوا الحي وقالوا إنهم سيواصلون.", None),
    ],
)
def test_plural_subject_edges(text: str, speaker: str | None) -> None:
    plural = [q for q in sentence_quotes(make_sentences(text)[0]) if q.verb == "وقالوا"]
    assert [q.speaker for q in plural] == [speaker]


def test_a_plural_speaker_is_never_carried_to_the_next_sentence() -> None:
    sentences = make_sentences(
        "وقال لافروف إن موسكو مستعدة للحوار.",
        "ورفض مسلحون في المعارضة العرض وقالوا إنهم لن يغادروا، مضيفين أنهم باقون.",
        "وأضاف أن روسيا ستواصل دعم الجيش السوري.",
    )
    quotes = extract_quotes(sentences)
    assert [(q.speaker, q.verb) for q in quotes] == [
        ("لافروف", "وقال"),
        ("مسلحون في المعارضة", "وقالوا"),
        ("مسلحون في المعارضة", "مضيفين"),
        ("لافروف", "وأضاف"),
    ]


def test_a_plural_participle_alone_finds_the_plural_subject() -> None:
    text = "ورفض قادة في المعارضة السورية المسلحة العرض الروسي، مضيفين أنهم لن يغادروا."
    (quote,) = sentence_quotes(make_sentences(text)[0])
    assert quote.speaker == "قادة في المعارضة السورية المسلحة"


def test_no_quote_without_content() -> None:
    assert sentence_quotes(make_sentences("وفق ما اكد مسؤولان في فصيلي الزنكي لفرانس برس.")[0]) == []
    assert sentence_quotes(make_sentences("بعد اعلان وزير الخارجية عن الاتفاق.")[0]) == []


def test_same_quote_from_two_outlets_is_one_entry_and_names_merge() -> None:
    a = make_sentences("وقال لافروف إن روسيا ستدعم عملية الجيش السوري ضد المقاتلين في شرق حلب.", article="x")
    b = make_sentences(
        "قال وزير الخارجية الروسي سيرغي لافروف إن روسيا ستدعم عملية الجيش السوري ضد أي مقاتلين يبقون في شرق حلب.",
        article="y",
    )
    quotes = extract_quotes([*a, *b])
    assert len(quotes) == 1
    assert quotes[0].speaker == "سيرغي لافروف" and quotes[0].role == "وزير الخارجية الروسي"
    assert quotes[0].sources == ("x", "y")


def test_different_speakers_do_not_merge() -> None:
    a = make_sentences("قال لافروف إن روسيا مستعدة لإجراء محادثات مع الولايات المتحدة بشأن حلب.", article="x")
    b = make_sentences("قال كيري إن روسيا مستعدة لإجراء محادثات مع الولايات المتحدة بشأن حلب.", article="y")
    assert len(extract_quotes([*a, *b])) == 2


def test_merging_compares_only_candidates(monkeypatch: pytest.MonkeyPatch) -> None:
    """Quotes of one article never merge, and quotes with no stem in common are never compared.

    Comparing every quote with every group made the facts stage quadratic on long inputs.
    """
    from akhbar.facts import quotes as quotes_module

    calls = 0
    real = quotes_module.jaccard

    def counting(a: set[str], b: set[str]) -> float:
        nonlocal calls
        calls += 1
        return real(a, b)

    monkeypatch.setattr(quotes_module, "jaccard", counting)
    text = "قال لافروف إن روسيا ستدعم عملية الجيش السوري ضد المقاتلين في شرق حلب."
    same_article = make_sentences(*[text] * 200, article="x")
    assert len(extract_quotes(same_article)) == 200
    assert calls == 0
    letters = "بتثجحخدذرزسشصضطظعغفقكمن"

    def word(i: int, k: int) -> str:  # a made-up word no other quote uses
        return "ق" + letters[i % 23] + "ر" + letters[i // 23] + letters[k] + "ج"

    distinct = [
        Sentence(f"a{i}", 0, 0, 0, f"قال المتحدث إن {' '.join(word(i, k) for k in range(4))}.") for i in range(200)
    ]
    calls = 0
    assert len(extract_quotes(distinct)) == 200
    assert calls < 200
    merged = extract_quotes([*make_sentences(text, article="x"), *make_sentences(text, article="y")])
    assert len(merged) == 1 and calls > 0


# golden: the seed articles ------------------------------------------------------------------


def _find(quotes, needle):  # type: ignore[no-untyped-def]
    return [q for q in quotes if needle in q.text]


def test_seed_quotes(seeds: tuple[list[Article], list[Sentence]]) -> None:
    _, sentences = seeds
    quotes = extract_quotes(sentences)
    (malahifji,) = _find(quotes, "نحن لا يمكن أن نترك مدينتنا وبيوتنا للمليشيات المرتزقة")
    assert malahifji.speaker == "زكريا ملاحفجي" and malahifji.direct
    assert malahifji.sources == ("000", "003")
    lavrov = [q for q in quotes if q.speaker == "سيرغي لافروف"]
    assert len(lavrov) >= 8 and {s for q in lavrov for s in q.sources} == {"000", "001", "003", "004"}
    assert all(q.role == "وزير الخارجية الروسي" for q in lavrov)
    peskov = [q for q in quotes if q.speaker == "ديمتري بيسكوف"]
    assert len(peskov) >= 3 and peskov[0].role == "المتحدث باسم الكرملين"
    (kerry_denial,) = [q for q in quotes if q.verb == "نفى"]
    assert kerry_denial.speaker == "جون كيري"
    (civil_defence,) = _find(quotes, "53 شخصا قتلوا")
    assert civil_defence.speaker == "الدفاع المدني في حلب"
    observatory = [q for q in quotes if q.speaker == "المرصد السوري لحقوق الإنسان"]
    assert len(observatory) == 3
    assert observatory[-1].verb == "وفق" and "25 مدنياً" in observatory[-1].text
    (ministry,) = [q for q in quotes if q.speaker == "وزارة الخارجية السورية" and len(q.sources) == 2]
    assert ministry.sources == ("002", "004") and ministry.verb == "بحسب"
    yousef = [q for q in quotes if q.speaker == "ياسر اليوسف"]
    assert len(yousef) == 4  # واكد, موضحا, ودعا اليوسف (surname), مضيفا
    assert {q.role for q in yousef} == {"عضو المكتب السياسي في حركة نور الدين الزنكي"}
    (merkel,) = [q for q in quotes if q.speaker == "انغيلا ميركل"]
    assert merkel.role == "المستشارة الالمانية"
    # 002/004's wire paragraph: وقالوا and مضيفين take the plural subject of رفض قادة ...
    leaders = [q for q in quotes if q.speaker == "قادة في المعارضة السورية المسلحة"]
    assert [q.verb for q in leaders] == ["وقالوا", "مضيفين"]
    assert all(q.sources == ("002", "004") for q in leaders)
    assert all(q.speaker is not None for q in quotes)


@pytest.mark.parametrize(
    ("text", "speaker", "quoted"),
    [
        (
            "وقتل 25 مدنياً جراء غارات على ادلب، وفق المرصد السوري لحقوق الإنسان.",
            "المرصد السوري لحقوق الإنسان",
            "وقتل 25 مدنياً جراء غارات على ادلب",
        ),
        (
            "وحسب المصادر، قتل 27 عنصراً من قوات النظام على الأقل.",
            "المصادر",
            "قتل 27 عنصراً من قوات النظام على الأقل",
        ),
        (
            "ترفض الحكومة أي محاولة لوقف إطلاق النار، بحسب بيان أصدرته وزارة الخارجية السورية.",
            "وزارة الخارجية السورية",
            "ترفض الحكومة أي محاولة لوقف إطلاق النار",
        ),
    ],
    ids=["wafq", "hasab-first", "bayan"],
)
def test_attributions(text: str, speaker: str, quoted: str) -> None:
    (quote,) = sentence_quotes(make_sentences(text)[0])
    assert (quote.speaker, quote.text, quote.direct) == (speaker, quoted, False)


def test_attribution_to_a_pronoun_is_not_a_new_speaker() -> None:
    assert sentence_quotes(make_sentences("وهم يلتفون حول مقاتلي جبهة النصرة السابقة، بحسب وصفه.")[0]) == []


def test_plural_description_is_not_a_name() -> None:
    text = "ونقلت الوكالة عن فصيلين مقاتلين في شرق حلب عزمهما قتال «الاحتلالين الروسي والإيراني حتى آخر نقطة دم»."
    (quote,) = sentence_quotes(make_sentences(text)[0])
    assert (quote.speaker, quote.role) == ("فصيلين مقاتلين في شرق حلب", None)
    assert quote.direct and quote.text.startswith("الاحتلالين")


def test_fronted_subject_before_a_comma() -> None:
    sentences = make_sentences(
        "وقال زكريا ملاحفجي إن الفصائل لن تترك المدينة.",
        "لكن مسؤولا آخر بالمعارضة المسلحة، قال إن حيا رئيسيا جديدا سقط.",
        "بدوره، قال إن الاتفاق ممكن.",
    )
    quotes = extract_quotes(sentences)
    assert [q.speaker for q in quotes] == [
        "زكريا ملاحفجي",
        "مسؤولا آخر بالمعارضة المسلحة",
        "مسؤولا آخر بالمعارضة المسلحة",
    ]
    assert [q.carried for q in quotes] == [False, False, True]
