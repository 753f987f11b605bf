"""Reported speech: speakers with roles, reporting verbs, direct and indirect quotes.

Per sentence, every reporting verb (resource ``reporting_verbs.txt``, with و/ف prefixes) opens a
quote: the subject after the verb is split into a role and a name (``وزير الخارجية الروسي سيرغي
لافروف``, ``زكريا ملاحفجي المسؤول الكبير ...``, ``... يدعى زكريا ملاحفجي``; organisations such as
``المرصد السوري لحقوق الإنسان`` are speakers as a whole); the content is a quotation in « » “ ” ""
or the clause after إن/أن. A verb with no subject (وأضاف, وأشار إلى أن, مضيفا) carries the speaker
of the previous quote of the article. Quotes reported by several outlets are merged by token
overlap of their text, and speakers by name (لافروف = سيرغي لافروف).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache
from itertools import chain

from akhbar.facts._common import (
    FACTS_MAX_DF,
    Tok,
    content_stems,
    gap,
    jaccard,
    overlap,
    quote_spans,
    tokens_of,
)
from akhbar.facts.quote_merge import RawQuote, merge, verified
from akhbar.facts.records import Quote
from akhbar.facts.speaker_check import (
    KnownNames,
    after_tongue,
    checked_subject,
    pronoun_like,
    source_of_attribution,
)
from akhbar.facts.speakers import (  # canonical_speakers is re-exported for callers of this module
    ATTRIBUTED_MIN_WORDS,
    ATTRIBUTION_MARKERS,
    ATTRIBUTION_MAX,
    CARRY_WINDOW,
    COMPLEMENTIZERS,
    LONG_QUOTE,
    PRONOUN_COMPLEMENTIZERS,
    PUNCT,
    REPORT_NOUNS,
    SUBJECT_STOPS,
    back_subject,
    canonical_speakers,
    cues,
    display,
    inside,
    parse_subject,
    plural_subject,
    quote_tokens,
    subject_after,
    verb_base,
)
from akhbar.records import Sentence
from akhbar.text import normalize


def _content(
    text: str, toks: list[Tok], j: int, qspans: list[tuple[int, int]], verbs_at: list[int]
) -> tuple[tuple[int, int], bool] | None:
    """Find the reported content at or after token ``j``: ``((start, end), direct)``."""
    limit = min(len(toks), j + 25)
    nxt_verbs = [v for v in verbs_at if v >= j]
    end_tok = nxt_verbs[0] if nxt_verbs else len(toks)
    for k in range(j, min(limit, end_tok) + 1):
        g = gap(text, toks, k)
        long_quote = (
            None
            if k == len(toks)
            else next(
                (
                    (s, e)
                    for s, e in qspans
                    if s <= toks[k].start < e
                    and s >= (toks[k - 1].end if k else 0)
                    and quote_tokens(toks, (s, e)) >= LONG_QUOTE
                ),
                None,
            )
        )
        if long_quote is not None:
            return long_quote, True
        if ":" in g and k < len(toks):
            return (toks[k].start, _end_of(text, toks, end_tok)), False
        if k < len(toks) and k < end_tok and toks[k].norm in COMPLEMENTIZERS:
            start = (
                toks[k].start
                if toks[k].norm in PRONOUN_COMPLEMENTIZERS
                else (toks[k + 1].start if k + 1 < len(toks) else toks[k].end)
            )
            return (start, _end_of(text, toks, end_tok)), False
    return None


def _end_of(text: str, toks: list[Tok], end_tok: int) -> int:
    if end_tok >= len(toks):
        return len(text.rstrip(" .\n"))
    end = toks[end_tok - 1].end
    for k in range(end_tok, max(end_tok - 4, 0), -1):
        if "،" in gap(text, toks, k) or "," in gap(text, toks, k):
            end = toks[k - 1].end
            break
    while end < len(text) and text[end] in '»”"':  # keep the closing mark of a quotation
        end += 1
    return end


_DENIALS = frozenset(("نفي", "نفت", "ينفي", "تنفي"))
_SKIP_BEFORE_OBJECT = cues("skip_before_object")
_OWN_VOICE_RESUMES = cues("own_voice_resumes")


def is_participle(base: str) -> bool:
    """مضيفا, موضحة, مضيفين, واصفا: the speaker is the one already talking."""
    return len(base) >= 5 and ((base.endswith("ا") and not base.endswith("وا")) or base.endswith(("ه", "ين")))


def _is_plural(base: str, participle: bool) -> bool:
    return base.endswith("وا") or (not participle and len(base) >= 4 and base.endswith("ا"))


def _denied_object(text: str, toks: list[Tok], j: int, later: list[int]) -> tuple[tuple[int, int], bool] | None:
    """نفى with a noun object (نفى رفض بلاده عقد لقاء): the object is the denied content."""
    while j < len(toks) and toks[j].norm in _SKIP_BEFORE_OBJECT:
        j += 1
    end_tok = later[0] if later else len(toks)
    if j >= end_tok:
        return None
    return (toks[j].start, _end_of(text, toks, end_tok)), False


def _cut_own_voice(text: str, toks: list[Tok], cs: int, ce: int) -> int:
    """End reported content where the outlet's own voice resumes (، هذا فيما ...)."""
    k = bisect_right([t.start for t in toks], cs)  # the first token starting after cs
    while k < len(toks) and toks[k].start < ce:
        if toks[k].norm in _OWN_VOICE_RESUMES and any(c in gap(text, toks, k) for c in "،,"):
            return toks[k - 1].end
        k += 1
    return ce


Speaker = tuple[str | None, str | None, bool, bool, bool]  # speaker, role, named, carried, inferred plural


def _speaker(
    text: str, toks: list[Tok], at: tuple[int, int, int], *, base: str, participle: bool, plural: bool,
    in_sentence: RawQuote | None, last: RawQuote | None,
) -> Speaker:
    """Who speaks through the verb at ``i`` (``at`` = verb, subject span ``[a, j)`` after it): that
    subject, one before the verb, the plural subject of an earlier clause, or a carried speaker."""
    i, a, j = at
    a = after_tongue(toks, a, j)
    speaker, role, named = (
        (None, None, False) if participle or plural else checked_subject(parse_subject(text, toks, a, j)))
    if speaker is None and not participle and not plural and not toks[i].norm.startswith(("و", "ف")):
        speaker, role, named = checked_subject(parse_subject(text, toks, *back_subject(text, toks, i)))
    if speaker is not None:
        return speaker, role, named, False, False
    if not participle and not plural and a < j and not pronoun_like(toks[a].norm):
        # A subject is there but names no one we know (وقال عناصر من فرق الإنقاذ ...): the speaker
        # already talking is not the one talking now, so nothing is carried.
        return None, None, False, False, False
    # A plural speaker found in an earlier clause (وقالوا, or a first مضيفين) is carried to a
    # participle in this sentence, never to the next sentence's singular وأضاف.
    if plural or (participle and base.endswith("ين") and in_sentence is None):
        found = plural_subject(text, toks, i)
        if found is not None:
            return display(text, toks, *found), None, False, False, True
    source = in_sentence if participle and in_sentence is not None else last
    if plural or source is None or source.speaker is None:
        return None, None, False, False, False
    return source.speaker, source.role, source.named, True, source.inferred_plural


def sentence_quotes(sentence: Sentence, previous: RawQuote | None = None) -> list[RawQuote]:
    """Quotes of one sentence; ``previous`` is the last quote of the article, for carried speakers."""
    text = sentence.text
    toks = tokens_of(text)
    qspans = quote_spans(text)
    verbs_at = [i for i, t in enumerate(toks) if verb_base(t.norm) and not inside(qspans, t.start)]
    out: list[RawQuote] = []
    last = (
        previous
        if previous is not None
        and previous.sentence.article == sentence.article
        and (sentence.index - previous.sentence.index <= CARRY_WINDOW)
        else None
    )
    in_sentence: RawQuote | None = None
    for pos, i in enumerate(verbs_at):
        base = verb_base(toks[i].norm) or ""
        participle = is_participle(base)
        plural = _is_plural(base, participle)
        later = verbs_at[pos + 1 :]
        a, j = subject_after(text, toks, i, base, plural=plural, qspans=qspans)
        speaker, role, named, carried, inferred_plural = _speaker(
            text, toks, (i, a, j), base=base, participle=participle, plural=plural, in_sentence=in_sentence, last=last
        )
        content = _content(text, toks, j, qspans, later)
        if content is None and base in _DENIALS:
            content = _denied_object(text, toks, j, later)
        if content is None:
            if speaker is not None and not carried:  # a speaker without content still sets who talks
                in_sentence = RawQuote(
                    sentence, speaker, role, toks[i].text, "", False, False, (0, 0), named, inferred_plural
                )
                last = last if inferred_plural else in_sentence
            continue
        (cs, ce), direct = content
        if not direct:
            ce = _cut_own_voice(text, toks, cs, ce)
        body = text[cs:ce].strip(" ،,.")
        if not body:
            continue
        inner = [(s, e) for s, e in qspans if cs <= s and e <= ce]
        if not direct and len(inner) == 1 and inner[0][1] - inner[0][0] >= 0.6 * len(body):
            body, direct = text[inner[0][0] : inner[0][1]], True
        raw = RawQuote(
            sentence, speaker, role, toks[i].text, body.strip(), direct, carried, (cs, ce), named, inferred_plural
        )
        out.append(raw)
        in_sentence = raw
        if speaker is not None and not inferred_plural:
            last = raw
    return out + attributions(sentence, toks, qspans, out)


def _attribution_phrase(toks: list[Tok], text: str, m: int) -> tuple[int, int] | None:
    """Token range of the source after وفق/بحسب: ``بيان أصدرته X`` -> X; ``ما أكد X`` -> X."""
    a = m + 1
    if a < len(toks) and toks[a].norm == "ما":
        if a + 1 < len(toks) and verb_base(toks[a + 1].norm):
            a += 2
        else:
            return None
    if a + 1 < len(toks) and toks[a].norm in REPORT_NOUNS and toks[a + 1].norm.endswith("ته"):
        a += 2
    b = a
    while b < len(toks) and b - a < ATTRIBUTION_MAX and not any(c in gap(text, toks, b) for c in PUNCT):
        if b > a and (toks[b].norm in COMPLEMENTIZERS or toks[b].norm in SUBJECT_STOPS):
            break
        b += 1
    if b == a or (b - a == 1 and toks[a].norm.endswith(("ه", "ها", "هم"))):
        return None  # بحسب وصفه: the speaker is already talking
    return a, b


def attributions(
    sentence: Sentence, toks: list[Tok], qspans: list[tuple[int, int]], quotes: list[RawQuote]
) -> list[RawQuote]:
    """Content attributed with وفق/بحسب/حسب: ``قتل 25 مدنيا ...، وفق المرصد السوري``."""
    text = sentence.text
    out = []
    for m, tok in enumerate(toks):
        if tok.norm not in ATTRIBUTION_MARKERS or inside(qspans, tok.start):
            continue
        phrase = _attribution_phrase(toks, text, m)
        if phrase is None:
            continue
        a, b = phrase
        if m <= 1 and b < len(toks) and any(c in gap(text, toks, b) for c in "،,"):
            cs, ce = toks[b].start, len(text.rstrip(" ."))  # وحسب المصادر، قتل ...
        else:
            ce = toks[m - 1].end if m else tok.start
            before = [q.span[1] for q in quotes if q.span[1] <= tok.start]
            cs = max(before, default=0)
            if len(text[cs:ce].split()) < ATTRIBUTED_MIN_WORDS:
                cs = 0
        body = text[cs:ce].strip(" ،,.")
        if len(body.split()) < ATTRIBUTED_MIN_WORDS:
            continue
        # the whole phrase is the source (بيان صادر عن وزارة الداخلية -> وزارة الداخلية); a person's
        # name in it still counts as named for merging
        speaker, role, named = parse_subject(text, toks, a, b)
        source = source_of_attribution(display(text, toks, a, b))
        if named and role is None:
            source = speaker or source
        out.append(RawQuote(sentence, source, None if source != speaker else role, tok.text, body, False, False,
                            (cs, ce), named))
    return out


def reported_spans(sentence: Sentence) -> list[tuple[int, int]]:
    """Offsets in ``sentence.text`` of quotations and reported speech (not the outlet's own voice)."""
    return list(_reported_cached(sentence))


@lru_cache(maxsize=65_536)
def _reported_cached(sentence: Sentence) -> tuple[tuple[int, int], ...]:
    spans = list(quote_spans(sentence.text))
    spans.extend(q.span for q in sentence_quotes(sentence))
    return tuple(spans)


def extract_quotes(
    sentences: Sequence[Sentence], *, min_overlap: float = 0.6, min_jaccard: float = 0.3,
    known: KnownNames | None = None,
) -> list[Quote]:
    """All quotes of the batch, merged across outlets; in order of first appearance.

    ``known`` holds the names the story's tagger found: a speaker that is neither one of them nor
    headed by a word for people or an organisation is dropped (the quote is unattributed)."""
    raws: list[RawQuote] = []
    last: dict[str, RawQuote] = {}
    for sentence in sentences:
        found = sentence_quotes(sentence, last.get(sentence.article))
        raws.extend(found)
        for q in found:
            if q.speaker is not None and not q.inferred_plural:
                last[sentence.article] = q
    # وفق/بحسب with no one behind it (وفق قانون النظام النسبي, بحسب لوائح الشطب) reports nobody's words
    raws = [q for q in (verified(q, known) for q in raws)
            if q.speaker is not None or normalize(q.verb) not in ATTRIBUTION_MARKERS]
    canon = canonical_speakers(raws)
    fixed = [
        replace(q, speaker=canon[q.speaker][0], role=q.role or canon[q.speaker][1]) if q.speaker in canon else q
        for q in raws
    ]
    groups: list[list[RawQuote]] = []
    articles: list[set[str]] = []  # the articles of each group: one quote per article
    stems = {id(q): content_stems(q.text) for q in fixed}
    # Every test needs shared stems (thresholds > 0), so only the groups whose head shares a stem
    # with the quote are candidates, and only through stems that at most FACTS_MAX_DF quotes hold:
    # a stem every quote of a long story holds (the story's place, its main actor) would make the
    # candidates of each quote all the groups before it.
    frequency = Counter(stem for q in fixed for stem in stems[id(q)])
    by_stem: dict[str, list[int]] = defaultdict(list)
    every_group = min_overlap <= 0 and min_jaccard <= 0
    for q in fixed:
        a = stems[id(q)]
        rare = [stem for stem in a if frequency[stem] <= FACTS_MAX_DF]
        if len(a) < 3:
            candidates: Iterable[int] = ()
        elif every_group:
            candidates = range(len(groups))
        else:
            # Shared rare stems counted per group in one pass; a group that could not reach the
            # Jaccard threshold even if every common stem of the quote were shared is not tried.
            shared = Counter(chain.from_iterable(by_stem.get(stem, ()) for stem in rare))
            common = len(a) - len(rare)
            candidates = sorted(g for g, n in shared.items()
                                if _may_reach(n + common, len(a), len(stems[id(groups[g][0])]), min_jaccard))
        index = next(
            (
                g
                for g in candidates
                if q.sentence.article not in articles[g]
                and _same_quote(q, groups[g][0], a, stems[id(groups[g][0])], min_overlap, min_jaccard)
            ),
            None,
        )
        if index is None:
            for stem in rare:
                by_stem[stem].append(len(groups))
            groups.append([q])
            articles.append({q.sentence.article})
        else:
            groups[index].append(q)
            articles[index].add(q.sentence.article)
    return [merge(g) for g in groups]


def _may_reach(shared: int, size_a: int, size_b: int, threshold: float) -> bool:
    """Whether sets of these sizes sharing at most ``shared`` items can have a Jaccard of ``threshold``."""
    shared = min(shared, size_a, size_b)
    return shared >= threshold * (size_a + size_b - shared)


def _same_quote(  # noqa: PLR0917
    q: RawQuote, head: RawQuote, a: set[str], b: set[str], min_overlap: float, min_jaccard: float
) -> bool:
    """Whether ``q`` reports the same words as the head of a group (content stems ``a`` and ``b``)."""
    if min(len(a), len(b)) < 3:
        return False
    jac = jaccard(a, b)
    if q.speaker is not None and q.speaker == head.speaker:
        return overlap(a, b) >= min_overlap and jac >= min_jaccard
    # unknown or different designations: only near-verbatim reports of the same words
    unknown = q.speaker is None or head.speaker is None or not (q.named or head.named)
    return unknown and jac >= 0.5
