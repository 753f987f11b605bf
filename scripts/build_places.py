"""Rebuild akhbar/resources/places.tsv: the place gazetteer of the story fold's place veto.

Three sources, all in ../shared/data (see each folder's SOURCE.md and akhbar/resources/places.NOTICE.md):

- WikiFANE Gold and NewsFANE Gold (CC BY-SA 3.0): every one-word entity annotated as a GPE (nation,
  city, province, district) or a natural location (mountain, river, sea), minus words annotated as a
  person, an organisation or anything else too. Their multi-word place names teach the cue words
  (``جبل طارق``: a name after جبل is a mountain's) and give their last word as a place after its cue.
- ANT v2.1: the words that follow a place cue («محافظة X», «مديرية X», «مدينة X», «بلدة X», «جبهة X»,
  «جبل X», ...) in at least ``--floor`` articles. A rare governorate, district or mountain that no
  gazetteer holds and the tagger never saw as a place (صرواح, صعدة, التحيتا) is named so over the archive.

Each word gets a kind:

- ``place``: a place wherever it stands: a gazetteer place no gazetteer also holds as something else,
  or a word the archive mostly names after a cue (at least ``--share`` of its articles).
- ``cued``: a place only after a cue in the article itself: a place that is also a common word or a
  first name (البيضاء "white", طارق), named after a cue in fewer of its articles.
- ``cue``: a cue word (its ``match`` spelling): a place name follows it.

Only words and counts are written, never text. ANERcorp is not read: its text is NewsFANE Gold's, whose
licence is known (ANERcorp's copy carries none).

Usage: python scripts/build_places.py ../shared/data [--floor 3] [--share 0.5]
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Mapping
from email.utils import parsedate_to_datetime
from pathlib import Path

from akhbar.align import content_stems
from akhbar.config import StoryConfig
from akhbar.resources import resource_set
from akhbar.text import match_tokens
from akhbar.text.names import ner_resource_rows
from akhbar.vectors import background_frequencies

OUT = Path(__file__).resolve().parent.parent / "akhbar" / "resources" / "places.tsv"

# WikiFANE's fine classes that name a place (SOURCE.md's mapping to ACE GPE and LOC).
PLACE_CLASSES = frozenset({"Nation", "Population-Center", "State-or-Province", "County-or-District",
                           "GPE-Cluster", "Continent", "Water-Body", "Land-Region-Natural"})
# The cues the archive is read with: a settlement, an administrative unit, a front, a natural feature.
# «منطقة» (منطقة الجزاء، منطقة اليورو), «ناحية» (side) and «مركز» (a centre of anything) are left out:
# what follows them is as often no place.
SEED_CUES = ("محافظه", "مديريه", "مدينه", "بلده", "قريه", "جبهه", "جبل", "ولايه", "اقليم", "جزيره",
             "مخيم", "وادي", "نهر", "بحيره", "قضاء")
_CLITICS = ("", "و", "ب", "ف", "ل", "وب", "فب", "ك")
NOT_CUES = frozenset({"منطقه", "المنطقه", "ناحيه", "مركز"})
_MIN_LETTERS = 3
_HEAD_SHARE = 0.8
_STEM_SHARE = 0.5


def gold_spans(path: Path) -> list[tuple[str, str]]:
    """(entity text in ``match`` spelling, fine class) of each annotated span of a FANE Gold file."""
    spans: list[tuple[str, str]] = []
    words: list[str] = []
    kind = ""
    text = path.read_text(encoding="utf-8-sig")
    for line in [*text.splitlines(), ""]:
        token, _, tag = line.replace("\u200e", "").replace("\u200f", "").strip().partition("\t")
        inside = tag.startswith("I-") and tag[2:] == kind and words
        if words and not inside:
            spans.append((" ".join(words), kind))
            words = []
        if tag.startswith(("B-", "I-")) and not inside:
            words, kind = [], tag[2:]
        if tag.startswith(("B-", "I-")):
            words.extend(match_tokens(token))
    return [(name, kind) for name, kind in spans if name]


def gazetteer(files: list[Path], floor: int) -> tuple[set[str], set[str], set[str], set[str]]:
    """One-word places, one-word other names, the cue words multi-word place names open with, and the
    last words of two-word place names."""
    places: set[str] = set()
    other: set[str] = set()
    tails: set[str] = set()
    heads: Counter[str] = Counter()
    opened: Counter[str] = Counter()  # names of any class each word opens
    for path in files:
        for name, kind in set(gold_spans(path)):
            words = name.split()
            if len(words) == 1:
                (places if kind in PLACE_CLASSES else other).add(words[0])
                continue
            opened[words[0]] += 1
            if kind in PLACE_CLASSES and len(words) == 2:
                heads[words[0]] += 1
                tails.add(words[1])
    # A word that opens several place names and little else is a cue (جبل، بحر، جزيرة); one that opens
    # persons' names too (ابو، بني) is part of a name, not a cue.
    cues = {h for h, n in heads.items() if n >= floor and n >= _HEAD_SHARE * opened[h]}
    return places, other - places, cues - places - NOT_CUES, tails


Archive = tuple[Counter[str], Counter[str], dict[str, set[str]], dict[str, set[str]]]


def read_archive(path: Path, cues: frozenset[str]) -> Archive:
    """Articles holding each word, articles where it follows a cue, which cues it followed, and the weeks
    whose articles hold each stem in their title or first ``lead_words`` words (the story terms' scope)."""
    held: Counter[str] = Counter()
    cued: Counter[str] = Counter()
    kinds: dict[str, set[str]] = defaultdict(set)
    weeks: dict[str, set[str]] = defaultdict(set)
    lead = StoryConfig().lead_words
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            try:
                record = json.loads(line)
                title, text = record.get("title") or "", record["text"]
                tokens = match_tokens(f"{title} . {text}")
                year, week, _ = parsedate_to_datetime(str(record["time"])).date().isocalendar()
            except (json.JSONDecodeError, KeyError, TypeError, ValueError, IndexError) as error:
                print(f"{path}:{number}: skipped, not a dated article ({error})", file=sys.stderr)
                continue
            for stem in set(content_stems(f"{title} {' '.join(text.split()[:lead])}")):
                weeks[stem].add(f"{year}-W{week:02d}")
            seen = set(tokens)
            held.update(seen)
            after = set()
            for before, word in itertools.pairwise(tokens):
                cue = _cue(before, cues)
                if cue:
                    after.add(word)
                    kinds[word].add(cue)
            cued.update(after)
    return held, cued, kinds, weeks


def _cue(word: str, cues: frozenset[str]) -> str | None:
    for clitic in _CLITICS:
        if word.startswith(clitic) and word[len(clitic):] in cues:
            return word[len(clitic):]
    return None


def _word(word: str, function_words: frozenset[str]) -> bool:
    return len(word) >= _MIN_LETTERS and word.isalpha() and not word.isascii() and word not in function_words


def _stem_is_mostly(word: str, held: Counter[str], df: Mapping[str, int]) -> bool:
    """Whether the stem the place veto reads for ``word`` stands for it: the stemmer keeps it whole
    (article aside), or the archive's articles holding the stem it cuts it to are mostly articles
    holding the place (صعدة -> صعد, باقم -> اقم are the places; مسعودة -> مسعود is mostly a man's name)."""
    bare = word.removeprefix("ال")
    stems = content_stems(word)
    if not stems or stems[0] in (word, bare):
        return bool(stems)
    spellings = held[word] + held[bare] + sum(held[c + word] + held[c + bare] for c in _CLITICS[1:])
    return spellings >= _STEM_SHARE * df.get(stems[0], 0)


def build(data: Path, *, floor: int, share: float) -> list[tuple[str, str, int, int, int]]:
    places, other, learned, tails = gazetteer([data / "wikifane_gold" / "WikiFANE_Gold_2014_500K.txt",
                                               data / "newsfane_gold" / "NewsFANE_Gold_2014_170K.txt"], floor)
    # A definite head (البحر الاحمر، الدولة العثمانية) is followed by an adjective, not by a name.
    cues = frozenset(SEED_CUES) | {h for h in learned if len(h) >= _MIN_LETTERS and not h.startswith(("ال", "لل"))}
    tagged = _tagged_share()
    held, cued, kinds, weeks = read_archive(data / "ant_v21" / "articles.jsonl.gz", cues)
    function_words = resource_set("stopwords.txt") | resource_set("function_words.txt")
    df, _ = background_frequencies()
    rows = []
    for word in sorted((places | set(cued) | tails) - cues):
        if not _word(word, function_words) or not _stem_is_mostly(word, held, df):
            continue
        after, seen = cued[word], held[word]
        if word in places and word not in other and tagged.get(word, 1.0) >= share:
            kind = "place"  # a gazetteer place the archive reads as one (the tagger's majority, if it saw it)
        elif after >= floor and seen and after >= share * seen:
            kind = "place"  # the archive mostly names it after a cue
        elif (after >= floor and len(kinds[word]) >= 2) or (after and (word in tails or word in places)):
            kind = "cued"  # a place after several kinds of cue; a common word or a name elsewhere
        else:
            continue
        stems = content_stems(word)
        rows.append((word, kind, after, seen, len(weeks[stems[0]]) if stems else 0))
    rows.extend((cue, "cue", 0, held[cue], 0) for cue in sorted(cues))
    return rows


def _tagged_share() -> dict[str, float]:
    """The share of each word's ANT occurrences the shipped NER model tagged LOC (words seen 5 times or more)."""
    rows = ner_resource_rows("wordstats.tsv.gz")[1:]
    return {r[0]: int(r[3]) / int(r[1]) for r in rows if len(r) >= 5 and r[1].isdigit() and int(r[1]) >= 5}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="../shared/data")
    parser.add_argument("--floor", type=int, default=3, help="articles naming a word after a cue")
    parser.add_argument("--share", type=float, default=0.5, help="share of its articles for a place anywhere")
    args = parser.parse_args()
    rows = build(args.data, floor=args.floor, share=args.share)
    with OUT.open("w", encoding="utf-8") as out:
        out.write("# Place gazetteer of the story fold's place veto, built by scripts/build_places.py "
                  "(see places.NOTICE.md).\n# word<TAB>kind (place | cued: a place only after a cue | cue)"
                  "<TAB>ANT articles naming it after a cue<TAB>ANT articles holding it<TAB>weeks whose articles "
                  "name its stem in their title or lead\n")
        for word, kind, after, seen, named in rows:
            out.write(f"{word}\t{kind}\t{after}\t{seen}\t{named}\n")
    print(f"{OUT}: {Counter(row[1] for row in rows)}")


if __name__ == "__main__":
    main()
