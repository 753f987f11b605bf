"""Speakers of reported speech: cue words, reporting verbs, and name/role splitting.

``وزير الخارجية الروسي سيرغي لافروف`` -> role ``وزير الخارجية الروسي``, name ``سيرغي لافروف``;
``زكريا ملاحفجي المسؤول الكبير ...`` -> name first; ``... يدعى زكريا ملاحفجي`` -> after يدعى;
organisations (``المرصد السوري لحقوق الإنسان``) and descriptions (``مصادر في المعارضة``) are
speakers as a whole. A plural verb with no subject of its own (``وقالوا``) takes the plural noun
phrase of the clause before it. Cue words live in ``quote_cues.tsv`` and ``reporting_verbs.txt``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Protocol

from akhbar.facts._common import Tok, gap
from akhbar.resources import resource_set, resource_table
from akhbar.text import normalize
from akhbar.text.calendar import WEEKDAYS


class Said(Protocol):
    """What naming the speakers reads of a quote (``quotes.RawQuote``), so this module needs not import it."""

    @property
    def speaker(self) -> str | None: ...
    @property
    def role(self) -> str | None: ...
    @property
    def named(self) -> bool: ...
    @property
    def carried(self) -> bool: ...


def cues(kind: str) -> frozenset[str]:
    """One kind of cue word from ``quote_cues.tsv`` (already match-normalized)."""
    return frozenset(row[1] for row in resource_table("quote_cues.tsv") if row[0] == kind)


COMPLEMENTIZERS = cues("complementizer")
PRONOUN_COMPLEMENTIZERS = frozenset(w for w in COMPLEMENTIZERS if len(w) > 3 and not w.startswith(("ب", "و")))
SUBJECT_STOPS = cues("subject_stop") | frozenset(WEEKDAYS)
CONTEXT_PREPOSITIONS = cues("context_preposition")
CONTEXT_NOUNS = cues("context_noun")
ROLE_WORDS = cues("role")
ORG_HEADS = cues("org_head")
NAMED = cues("named")
BACK_BOUNDARY = cues("back_boundary")
AUX = cues("aux")
AUX_BOUNDARY = cues("aux_boundary")
QUOTE_CHARS = "«»“”\"'"
PUNCT = "،,.:;؛!?؟"
MAX_SUBJECT = 14
LONG_QUOTE = 4  # tokens; shorter quotations are names or scare quotes
CARRY_WINDOW = 2  # sentences
ATTRIBUTION_MARKERS = cues("attribution")  # وفق, بحسب, حسب ...
REPORT_NOUNS = cues("report_noun")  # بيان أصدرته ...
ATTRIBUTION_MAX = 8  # tokens of a source after وفق
ATTRIBUTED_MIN_WORDS = 4
PLURAL_SUBJECTS = cues("plural_subject")  # قادة, مسؤولون, مصادر ...
PLURAL_PREPOSITIONS = frozenset(("في", "من"))
# Days and times that follow a noun without belonging to it (تظاهر سكان الجمعة).
TIME_WORDS = frozenset(WEEKDAYS) | frozenset(
    normalize(w) for w in ("اليوم", "أمس", "الأمس", "غدا", "الليلة", "صباح", "مساء")
)
MAX_PLURAL_MODIFIERS = 3
_NAME_LINKS = frozenset(normalize(w) for w in ("أبو", "ابو", "أبي", "عبد", "بن", "ابن", "بنت", "أم"))


def _verbs() -> frozenset[str]:
    return resource_set("reporting_verbs.txt")


def verb_base(norm: str) -> str | None:
    """The reporting verb in a token (with its و/ف prefix removed), or None."""
    verbs = _verbs()
    if norm in verbs:
        return norm
    if len(norm) > 3 and norm[0] in "وف" and norm[1:] in verbs:
        return norm[1:]
    return None


def display(text: str, toks: list[Tok], a: int, b: int) -> str:
    return text[toks[a].start : toks[b - 1].end].strip(QUOTE_CHARS + " ")


def _is_name_token(tok: Tok) -> bool:
    n = tok.norm
    return (
        n not in ROLE_WORDS
        and n not in resource_set("function_words.txt")
        and not n[0].isdigit()
        and not n.startswith(("بال", "لل", "وال"))
        and n != "باسم"
    )


def _is_description(toks: list[Tok], a: int, b: int) -> bool:
    """فصيلين مقاتلين, مسؤولان في ...: a dual or plural noun phrase, not a person's name."""
    if b - a < 2 or not toks[a].norm.endswith(("ين", "ان", "ون")):
        return False
    second = toks[a + 1].norm
    return second.endswith(("ين", "ان", "ون")) or second in CONTEXT_PREPOSITIONS


def parse_subject(text: str, toks: list[Tok], a: int, b: int) -> tuple[str | None, str | None, bool]:  # noqa: PLR0911
    """Split subject tokens ``[a, b)`` into ``(speaker, role, is_name)``."""
    if a >= b:
        return None, None, False
    norms = [t.norm for t in toks[a:b]]
    for k, n in enumerate(norms):
        if n in NAMED and a + k + 1 < b:
            role = display(text, toks, a, a + k) if k else None
            return display(text, toks, a + k + 1, b), role, True
    whole = display(text, toks, a, b)
    first = norms[0]
    if first in ORG_HEADS:
        return whole, None, False
    if first in ROLE_WORDS or first.startswith(("ال", "لل")):
        # role first: the name is the tail run of name-like tokens without ال (سيرغي لافروف),
        # allowing one final ال token after a name (بشار الأسد)
        k = b
        if (
            k - a >= 2
            and toks[k - 1].norm.startswith("ال")
            and _is_name_token(toks[k - 2])
            and not toks[k - 2].norm.startswith("ال")
        ):
            k -= 1
        while k > a and _is_name_token(toks[k - 1]) and not toks[k - 1].norm.startswith("ال"):
            if k < b - 1 and toks[k - 1].norm[0] in "لب" and len(toks[k - 1].norm) > 3:
                # a preposition opens a phrase (لتجمع فاستقم): its noun is not part of the name
                k += 1 if b - k > 2 else 0
                break
            k -= 1
        has_name = a < k < b and not toks[k].norm.startswith("ال")
        if has_name and toks[k - 1].norm not in CONTEXT_PREPOSITIONS:
            return display(text, toks, k, b), display(text, toks, a, k), True
        return whole, None, False
    if not _is_name_token(toks[a]):
        return whole, None, False
    if _is_description(toks, a, b):
        end = next((k for k in range(a + 1, b) if toks[k].norm.endswith(("هما", "هم"))), b)
        return display(text, toks, a, end), None, False
    k = a + 1
    while (
        k < b
        and (_is_name_token(toks[k]) or (toks[k].norm.startswith("ال") and k == a + 1)
             or toks[k - 1].norm in _NAME_LINKS)  # أبو علي, عبد الله, بن سلمان: the next word is the name's
        and toks[k].norm not in ROLE_WORDS
    ):
        k += 1
    role = display(text, toks, k, b) if k < b else None
    return display(text, toks, a, k), role, True


def inside(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(s <= pos < e for s, e in spans)


def quote_tokens(toks: list[Tok], span: tuple[int, int]) -> int:
    return sum(1 for t in toks if span[0] <= t.start < span[1])


def _stops_subject(text: str, toks: list[Tok], j: int, qspans: list[tuple[int, int]]) -> bool:
    n = toks[j].norm
    if n in COMPLEMENTIZERS or n in SUBJECT_STOPS or verb_base(n):
        return True
    nxt = toks[j + 1].norm if j + 1 < len(toks) else ""
    if n in CONTEXT_PREPOSITIONS and (nxt in COMPLEMENTIZERS or nxt.startswith(tuple(CONTEXT_NOUNS))):
        return True
    if n == "عن" and nxt in COMPLEMENTIZERS:
        return True
    g = gap(text, toks, j)
    if any(c in g for c in PUNCT):
        return True
    return any(s <= toks[j].start < e and quote_tokens(toks, (s, e)) >= LONG_QUOTE for s, e in qspans)


def subject_after(
    text: str, toks: list[Tok], i: int, base: str, *, plural: bool, qspans: list[tuple[int, int]]
) -> tuple[int, int]:
    """Token span ``[a, j)`` of the subject after the verb at ``i`` (empty for a plural verb)."""
    j = i + 1
    if base in ("نقل", "نقلت"):
        j = next((k + 1 for k in range(i + 1, min(i + 10, len(toks))) if toks[k].norm == "عن"), j)
    a = j
    while (
        not plural
        and j < len(toks)
        and j - a < MAX_SUBJECT
        and not (j == a and ":" in gap(text, toks, j))
        and ((j > a and toks[j - 1].norm in _NAME_LINKS) or not _stops_subject(text, toks, j, qspans))
    ):
        j += 1
    if (
        j > a
        and j - a <= 3
        and all(inside(qspans, t.start) for t in toks[a:j])
        and j < len(toks)
        and toks[j].norm not in COMPLEMENTIZERS
    ):
        j = a  # a short quotation right after the verb is content, not a name
    return a, j


def back_subject(text: str, toks: list[Tok], i: int) -> tuple[int, int]:
    k = i
    while k > 0 and toks[k - 1].norm in AUX and toks[k - 1].norm not in AUX_BOUNDARY:
        k -= 1
    if k > 0 and toks[k - 1].norm in AUX_BOUNDARY:
        k -= 1
    end = k
    start = end
    while start > 0 and end - start < 6:
        prev = toks[start - 1]
        if (
            prev.norm in BACK_BOUNDARY
            or prev.norm in AUX_BOUNDARY
            or verb_base(prev.norm)
            or prev.norm in COMPLEMENTIZERS
        ):
            break
        between = text[prev.end : toks[start].start]
        if start == end and between.strip() in ("،", ","):
            pass  # a fronted subject: لكن مسؤولا آخر بالمعارضة، قال إن ...
        elif any(c in between for c in PUNCT + QUOTE_CHARS):
            break
        start -= 1
    boundary = (
        start == 0
        or toks[start - 1].norm in BACK_BOUNDARY | AUX_BOUNDARY
        or any(c in text[toks[start - 1].end : toks[start].start] for c in PUNCT)
    )
    return (start, end) if boundary and start < end else (end, end)


def _plural_head(norm: str) -> bool:
    """قادة, وقادة, المسلحون: a plural noun of people, bare, after و, or definite."""
    for form in (norm, norm[1:] if norm[:1] == "و" else "", norm[2:] if norm.startswith("ال") else ""):
        if form in PLURAL_SUBJECTS:
            return True
    return False


def _phrase_word(text: str, toks: list[Tok], j: int, i: int) -> bool:
    """Token ``j`` may extend the phrase: before the verb at ``i``, no punctuation before it, no time word."""
    return j < i and not any(c in gap(text, toks, j) for c in PUNCT) and toks[j].norm not in TIME_WORDS


def _prepositional_object(text: str, toks: list[Tok], p: int, i: int) -> int:
    """Words after the preposition at ``p`` that name a group: المعارضة, or after في a construct
    (في فصائل المعارضة, في حركة حماس); 0 when they do not (من انقطاع المياه)."""
    if _phrase_word(text, toks, p + 1, i) and toks[p + 1].norm.startswith("ال"):
        return 1
    construct = toks[p].norm == "في" and _phrase_word(text, toks, p + 2, i)
    return 2 if construct and _phrase_word(text, toks, p + 1, i) and toks[p + 2].norm.startswith("ال") else 0


def plural_subject(text: str, toks: list[Tok], i: int) -> tuple[int, int] | None:
    """The plural subject of an earlier clause for a plural verb at ``i`` (وقالوا).

    ``وقبل يومين رفض قادة في المعارضة السورية المسلحة العرض الروسي ...، وقالوا إنهم ...``: the
    speakers are ``قادة في المعارضة السورية المسلحة``. The nearest plural noun of people before
    the verb heads the phrase. It keeps a construct (سكان الحي) or a في/من phrase whose adjectives
    open with a nisba (السورية, then المسلحة), which stops before the verb's object (المبادرة).
    A noun inside earlier reported speech (قال المرصد إن مسلحين ...) is not a subject.
    """
    for k in range(i - 1, -1, -1):
        norm = toks[k].norm
        if verb_base(norm) is not None or norm in COMPLEMENTIZERS:
            return None  # past another verb's subject, or inside its reported content
        if not _plural_head(norm):
            continue
        if any(t.norm in COMPLEMENTIZERS for t in toks[:k]):
            return None
        end = k + 1
        # A construct (سكان الحي, قادة الفصائل); sound plurals in ـون/ـين drop their ن there.
        if _phrase_word(text, toks, end, i) and toks[end].norm.startswith("ال") and not norm.endswith(("ون", "ين")):
            end += 1
        if _phrase_word(text, toks, end, i) and toks[end].norm in PLURAL_PREPOSITIONS:
            width = _prepositional_object(text, toks, end, i)
            end += 1 + width if width else 0
            start = end
            while (
                _phrase_word(text, toks, end, i)
                and end - start < MAX_PLURAL_MODIFIERS
                and toks[end].norm.startswith("ال")
                and toks[end].norm.endswith(("ي", "يه") if end == start else ("ي", "يه", "ه"))
            ):
                end += 1
        return k, end
    return None


def name_key(name: str) -> tuple[str, ...]:
    return tuple(normalize(name).replace('"', "").split())


def same_person(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if not a or not b:
        return False
    short, long = sorted((a, b), key=len)
    return set(short) <= set(long) and short[-1] == long[-1]


def canonical_speakers(raws: Sequence[Said]) -> dict[str, tuple[str, str | None]]:
    """Map each person's name to its longest form and a known role (لافروف -> سيرغي لافروف)."""
    # a person's name, or a one-word designation that is a known surname (اليوسف after ياسر اليوسف)
    surnames = {name_key(q.speaker)[-1] for q in raws if q.named and q.speaker}
    first_seen: dict[str, int] = {}
    for q in raws:
        if q.speaker:
            first_seen.setdefault(q.speaker, len(first_seen))
    # Ties (two spellings of one length: ساره / سارة ساندرز) go to the one met first, not to the order
    # a set happens to hold them in, which changes from run to run with Python's string hashing.
    names = sorted(
        {
            q.speaker
            for q in raws
            if q.speaker and (q.named or (len(name_key(q.speaker)) == 1 and name_key(q.speaker)[0] in surnames))
        },
        key=lambda s: (-len(name_key(s)), first_seen[s]),
    )
    roles: dict[str, str | None] = {}
    for q in raws:
        if q.named and q.speaker and q.role and not q.carried:
            roles.setdefault(q.speaker, q.role)
    out: dict[str, tuple[str, str | None]] = {}
    keys = {n: name_key(n) for n in {*names, *roles}}
    # Two names are one person only if they end with the same word: each name is compared with
    # the names of its surname's block, never with every other name.
    by_surname: dict[str, list[str]] = defaultdict(list)
    for name in names:
        if keys[name]:
            by_surname[keys[name][-1]].append(name)
    roles_by_surname: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for n, r in roles.items():
        if r and keys[n]:
            roles_by_surname[keys[n][-1]].append((n, r))
    for name in names:
        block = by_surname.get(keys[name][-1], []) if keys[name] else []
        canon = max((c for c in block if same_person(keys[name], keys[c])), key=len, default=name)
        role = (
            roles.get(name)
            or roles.get(canon)
            or next((r for n, r in roles_by_surname.get(keys[canon][-1] if keys[canon] else "", [])
                     if same_person(keys[n], keys[canon])), None)
        )
        out[name] = (canon, role)
    return out
