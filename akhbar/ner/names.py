"""What a reader sees of a tagged name: the name itself, and whether it looks like a name at all.

The tagger decides word by word, so a mention may carry a proclitic (بألمانيا, للامم المتحدة), run on
into the next phrase (كرم الجبل وحي, عزيزة جنوب شرق حلب) or be no name at all: a conjugated verb
(سيعاملون), an inflected common word (مسؤولان), a common noun (المدينة), a wire agency's credit
(لفرانس برس). Each decision here rests on measured evidence, not on word lists:

- ``words``: how often the tagger, reading 3,000 ANT articles, puts each word inside an entity
  (``akhbar.ner.wordstats``); a frequent word it almost never tags is a common word;
- ``gazetteer``: WikiFANE's hand-annotated names (``akhbar.ner.gazetteer``);
- the story itself: a bare form that is a mention elsewhere in the batch is a name.

The only closed classes used are grammar: the proclitics و ف ب ل ك, the article ال, the future
prefix س, the sound plural and dual suffixes, and the four directions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, field

from akhbar.ner.gazetteer import Gazetteer
from akhbar.ner.wordstats import WordStat
from akhbar.text.normalize import normalize

_PROCLITICS = "وفبلك"
_EDGE = " \"'«»“”()[]{}،,.:;!?؟-–—"
# Directions start a description of where a place lies (عزيزة جنوب شرق حلب), not a part of its name.
_DIRECTIONS = frozenset(normalize(w) for w in ("شمال", "جنوب", "شرق", "غرب", "وسط", "شمالي", "جنوبي", "شرقي", "غربي"))
# Sound plurals and duals, and the pronoun suffixes a name never carries (ريفها, her countryside).
_INFLECTIONS = ("ون", "ين", "ان", "وا", "ات", "ها", "هم", "هما")
_FUTURE = ("سي", "ست", "سن", "سا")
_MIN_BARE = 3
# Ranks and honorifics before a person's name are a title, not a part of the name (كولونيل جوناثان
# كونريكوس, العقيد تركي المالكي). Closed class, as written in news.
_RANKS = frozenset(normalize(w, "match") for w in (
    "كولونيل", "الكولونيل", "ليفتنانت", "اللفتنانت", "جنرال", "الجنرال", "الميجور", "ميجور", "العقيد", "عقيد",
    "العميد", "عميد", "اللواء", "المقدم", "الرائد", "النقيب", "الملازم", "المشير", "الفريق", "الأدميرال",
    "أدميرال", "الكابتن", "كابتن", "السيد", "السيدة", "الدكتور", "الدكتورة", "الشيخ", "المستشار", "سيناتور",
    "السيناتور", "النائب", "القاضي", "الحاخام", "البروفيسور", "بروفيسور",
))
_MIN_STEM = 3


@dataclass(frozen=True, slots=True)
class EvidenceConfig:
    """Thresholds of the evidence, set by reasoning; ``common_share`` and ``single_needs_evidence``
    were then checked with ``benchmarks/ner_table_tune.py`` on AQMAR dev, which the model never saw
    (precision 0.545 -> 0.582 for 0.296 -> 0.281 recall), never on the ANERcorp test split."""

    # A word seen this often in the ANT sample and tagged in less than ``common_share`` of its
    # occurrences is a common word.
    common_min: int = 10
    common_share: float = 0.2
    # A word tagged in at least this share of its occurrences is a name.
    name_share: float = 0.5
    name_min: int = 3
    # A trailing ال...ي adjective stays on a place name only when it is tagged this often.
    adjective_share: float = 0.2
    # A word that follows وكالة in this share of its occurrences is a wire agency.
    agency_share: float = 0.25
    agency_min: int = 5
    # A single word mentioned once is shown only with evidence that it is a name.
    single_needs_evidence: bool = True
    # A name is shown only if the chance that one of its mentions is right (noisy-or of the mentions'
    # confidence, ``akhbar.ner.Mention.confidence``) reaches this: the lowest threshold with 0.90
    # precision on the held-out tenth of ANERcorp train for the shipped model
    # (benchmarks/ner_table_confidence.py: 0.905, recall 0.468; 0.9: 0.883; 0.98: 0.919).
    min_confidence: float = 0.95
    # The type of a name is the vote of its mentions, each weighted by that confidence (held-out: no
    # change at the threshold, one more right row without it).
    confidence_type_vote: bool = True


@dataclass(frozen=True, slots=True)
class NameEvidence:
    words: Mapping[str, WordStat] = field(default_factory=dict)
    gazetteer: Gazetteer = field(default_factory=Gazetteer)
    config: EvidenceConfig = field(default_factory=EvidenceConfig)

    def count(self, word: str) -> int:
        stat = self.words.get(word)
        return stat.total if stat else 0

    def in_gazetteer(self, words: tuple[str, ...]) -> bool:
        label = self.gazetteer.entries.get(words)
        return label is not None and label != "GRP"

    def name_part(self, word: str) -> bool:
        """The word is, or opens or closes, a known name (WikiFANE)."""
        return self.in_gazetteer((word,)) or word in self.gazetteer.first or word in self.gazetteer.last

    def heads_organisation(self, word: str) -> bool:
        """Known names this word opens are organisations only (جيش, not مدينة)."""
        return self.gazetteer.first.get(word, frozenset()) - {"GRP"} == {"ORG"}

    def organisation_head(self, token: str) -> str | None:
        """The token, without a conjunction (وجيش -> جيش), if it opens organisations' names.

        Only an indefinite noun can head a name in construct state (جيش الإسلام, حركة نور الدين):
        a definite word before a name (المصري أحمد أبو الغيط) is an adjective or the end of a title.
        """
        form = match_form(token)
        if form.startswith("ال"):
            return None
        if self.heads_organisation(form):
            return token
        bare = without_conjunction(form)
        if bare is not None and self.heads_organisation(bare):
            return token[1:]
        return None

    def name_like(self, word: str) -> bool:
        stat = self.words.get(word)
        tagged = stat is not None and stat.total >= self.config.name_min and stat.tagged_share >= self.config.name_share
        return tagged or self.in_gazetteer((word,))

    def common(self, word: str) -> bool:
        """Frequent in news and rarely tagged there: news evidence beats an encyclopaedia's
        (WikiFANE lists المدينة, Medina, but in news it is "the city")."""
        stat = self.words.get(word)
        if stat is None or stat.total < self.config.common_min:
            return False
        return stat.tagged_share < self.config.common_share

    def agency(self, word: str) -> bool:
        stat = self.words.get(word)
        cfg = self.config
        if stat is None or stat.after_agency < cfg.agency_min:
            return False
        return stat.after_agency / stat.total >= cfg.agency_share


def match_form(token: str) -> str:
    return normalize(token, "match")


def display_tokens(text: str, label: str, evidence: NameEvidence, story: Set[str] = frozenset()) -> tuple[str, ...]:
    """The name a reader should see, as tokens in the article's spelling.

    ``story``: match forms of words that begin a mention somewhere in the batch.
    """
    tokens = [t.strip(_EDGE) for t in text.split()]
    tokens = [t for t in tokens if t]
    if not tokens:
        return ()
    tokens[0] = strip_proclitics(tokens[0], evidence, story)
    cut = cut_tail(tuple(tokens), label, evidence)
    if label == "PER":
        cut = trim_person(cut, evidence)
    return tuple(respell(t, evidence) for t in cut)


def trim_person(tokens: tuple[str, ...], evidence: NameEvidence) -> tuple[str, ...]:
    """A person's name has no common word or verb at its edges (كيني ميلر هدف, قليلا سنتذكر)."""
    forms = [match_form(t) for t in tokens]
    if evidence.in_gazetteer(tuple(forms)):
        return tokens
    start, end = 0, len(tokens)
    while end > start and _not_name_word(forms[end - 1], evidence):
        end -= 1
    while start < end and (_not_name_word(forms[start], evidence) or (forms[start] in _RANKS and end - start > 1)):
        start += 1
    return tokens[start:end]


def without_conjunction(form: str) -> str | None:
    """``form`` without its leading و/ف (وجيش -> جيش, فانفرد -> انفرد), when a word is left."""
    return form[1:] if form[:1] in "وف" and len(form) > _MIN_BARE else None


def _not_name_word(form: str, evidence: NameEvidence) -> bool:
    """A common word, with or without a conjunction (فانفرد), or a future verb (سنتذكر)."""
    if evidence.name_part(form) or evidence.name_like(form):
        return False
    bare = without_conjunction(form) or form
    return evidence.common(form) or evidence.common(bare) or _future_verb(form, evidence)


def _future_verb(form: str, evidence: NameEvidence) -> bool:
    """س + an imperfect verb (سيعاملون, ستبدآن). Names begin so too (سيرغي): only with word statistics,
    which the name_like test before this call has consulted, is the form judged."""
    return bool(evidence.words) and form.startswith(_FUTURE) and len(form) >= 5


def respell(token: str, evidence: NameEvidence) -> str:
    """The spelling news uses most for this word when it is the more careful one (الامم -> الأمم)."""
    stat = evidence.words.get(match_form(token))
    if stat is None or not stat.spelling or match_form(stat.spelling) != match_form(token):
        return token
    return stat.spelling if orthography(stat.spelling) > orthography(token) else token


def strip_proclitics(token: str, evidence: NameEvidence, story: Set[str] = frozenset()) -> str:
    """بألمانيا -> ألمانيا, للأمم -> الأمم, والصين -> الصين; بيسكوف, كيري, واشنطن stay whole."""
    word = token
    for _ in range(2):
        form = match_form(word)
        if len(form) < 2 or form[0] not in _PROCLITICS:
            break
        if form.startswith("لل") and len(form) >= 5:
            return "ال" + word[2:]  # ل + ال: the article's alef is written again
        bare = form[1:]
        if not _bare_is_better(form, bare, evidence, story):
            break
        word = word[1:]
    return word


def _bare_is_better(form: str, bare: str, evidence: NameEvidence, story: Set[str]) -> bool:
    if len(bare) < _MIN_BARE:
        return False
    if bare in story or evidence.in_gazetteer((bare,)):
        # WikiFANE keeps clitics on some names (بالمانيا): the more frequent form in news wins.
        return not evidence.in_gazetteer((form,)) or evidence.count(bare) > evidence.count(form)
    if evidence.name_like(form) and not evidence.name_like(bare):
        return False
    if bare.startswith("ال") and len(bare) >= 5:
        return True
    return evidence.count(bare) > max(evidence.count(form), evidence.config.name_min)


def cut_tail(tokens: tuple[str, ...], label: str, evidence: NameEvidence) -> tuple[str, ...]:
    """Drop what follows the name: a conjoined phrase (وحي ...), a direction and what it locates,
    a trailing adjective on a place (القاطرجي الإستراتيجي)."""
    forms = tuple(match_form(t) for t in tokens)
    if evidence.in_gazetteer(forms):
        return tokens
    for k in range(1, len(tokens)):
        form = forms[k]
        conjoined = (
            label != "ORG" and form.startswith("و") and len(form) >= _MIN_BARE
            and not evidence.name_part(form) and evidence.count(form[1:]) > evidence.count(form)
        )
        if conjoined or (label == "LOC" and form in _DIRECTIONS):
            tokens, forms = tokens[:k], forms[:k]
            break
    while label == "LOC" and len(tokens) > 1 and _is_adjective(forms[-1], evidence):
        tokens, forms = tokens[:-1], forms[:-1]
    return tokens


def _is_adjective(form: str, evidence: NameEvidence) -> bool:
    if not (form.startswith("ال") and form.endswith(("ي", "يه"))) or evidence.name_part(form):
        return False
    stat = evidence.words.get(form)
    return stat is None or stat.tagged_share < evidence.config.adjective_share


def looks_like_name(tokens: Sequence[str], evidence: NameEvidence, mentions: int = 2) -> bool:
    """False for common words, conjugated verbs, inflected common words and wire agencies; with
    ``single_needs_evidence``, also for a lone word mentioned once that no evidence calls a name."""
    forms = tuple(match_form(t) for t in tokens)
    if not forms:
        return False
    if len(forms) > 1 and evidence.in_gazetteer(forms):
        return True
    if any(evidence.agency(f) for f in forms):
        return False
    # Every word common (فيتو روسي) is no name, unless it opens with an organisation's head (جيش الفتح).
    if all(evidence.common(f) for f in forms) and not evidence.heads_organisation(forms[0]):
        return False
    return len(forms) > 1 or _single_word_name(forms[0], evidence, mentions)


def _single_word_name(form: str, evidence: NameEvidence, mentions: int) -> bool:
    if _inflected(form, evidence):
        return False
    unsupported = not (evidence.name_like(form) or evidence.in_gazetteer((form,)))
    # Without word statistics there is no evidence either way, and every candidate is kept.
    return not (evidence.config.single_needs_evidence and evidence.words and mentions < 2 and unsupported)


def _inflected(form: str, evidence: NameEvidence) -> bool:
    """A future verb (سيعاملون: س + a known verb), a plural/dual of a known word (مسؤولان, مصرون) or
    a known word with a pronoun suffix (وريفها)."""
    stat = evidence.words.get(form)
    # The tagger's own votes on a rare word (مسؤولان tagged PER 3 times in 5) do not outweigh morphology.
    often_tagged = stat is not None and stat.total >= evidence.config.common_min and evidence.name_like(form)
    if often_tagged or evidence.name_part(form):
        return False
    if _future_verb(form, evidence):
        return True
    forms = (form, form[1:]) if form[:1] in "وف" else (form,)
    return any(
        word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM
        and evidence.count(word[: -len(suffix)]) >= evidence.config.common_min
        for word in forms
        for suffix in _INFLECTIONS
    )


def orthography(text: str) -> int:
    """How carefully a form is spelt: hamza seats, ة and ى written out (الأمم over الامم)."""
    return sum(text.count(ch) for ch in "أإآؤئءةى")


def best_form(forms: Mapping[str, int], label: str) -> str:
    """The name to show among display forms with their counts: the most frequent spelling family
    (by match form), the best-spelt form in it; a person's fullest name first."""
    families: dict[str, int] = {}
    for form, n in forms.items():
        key = match_form(form)
        families[key] = families.get(key, 0) + n

    def family_rank(key: str) -> tuple[int, int, int]:
        fullness = len(key.split()) if label == "PER" else 0
        return fullness, families[key], -len(key)

    family = max(families, key=family_rank)
    members = [f for f in forms if match_form(f) == family]
    return max(members, key=lambda f: (orthography(f), forms[f], f))

