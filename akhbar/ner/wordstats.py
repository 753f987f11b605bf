"""How unlabelled news uses each word: the evidence that decides whether a candidate looks like a name.

The tagger reads a sample of ANT articles; per word (match-normalized, clitics kept) we keep how often
it occurs, how often the tagger put it inside an entity of each type, and how often it follows the
word وكالة (agency) - wire agencies are credited in almost every article and are the press, not the
story. A word that occurs often and is almost never tagged (المدينة, مسؤولان, امتنان) is a common
word, not a name, wherever one story's tagger calls it one. Only counts are kept; no article text.
"""

from __future__ import annotations

import gzip
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from akhbar.ner.data import LABELS
from akhbar.text.normalize import normalize

WORDSTATS_FILE = "wordstats.tsv.gz"
_AGENCY_WORDS = frozenset(normalize(w) for w in ("وكالة", "لوكالة", "ووكالة", "بوكالة", "وكالات"))
# A word seen fewer times says little either way; it is not stored.
MIN_STORED = 3


@dataclass(frozen=True, slots=True)
class WordStat:
    total: int
    tagged: Mapping[str, int]  # label -> occurrences inside an entity of that type
    after_agency: int = 0
    spelling: str = ""  # the most frequent way news writes the word (الأمم for الامم), if known

    @property
    def tagged_share(self) -> float:
        return sum(self.tagged.values()) / self.total if self.total else 0.0

    def share(self, label: str) -> float:
        return self.tagged.get(label, 0) / self.total if self.total else 0.0


@dataclass(slots=True)
class WordCounts:
    """Running counts while the articles are read (``count_words``)."""

    total: Counter[str] = field(default_factory=Counter)
    tagged: dict[str, Counter[str]] = field(default_factory=dict)
    after_agency: Counter[str] = field(default_factory=Counter)
    spellings: dict[str, Counter[str]] = field(default_factory=dict)

    def add_sentence(self, cores: list[str], tags: list[str], surfaces: list[str] | None = None) -> None:
        for j, (core, tag) in enumerate(zip(cores, tags, strict=True)):
            self.total[core] += 1
            if surfaces is not None:
                self.spellings.setdefault(core, Counter())[surfaces[j]] += 1
            if tag != "O":
                self.tagged.setdefault(core, Counter())[tag[2:]] += 1
            if j and cores[j - 1] in _AGENCY_WORDS:
                self.after_agency[core] += 1

    def stats(self, min_total: int = MIN_STORED) -> dict[str, WordStat]:
        return {
            word: WordStat(total, dict(self.tagged.get(word, {})), self.after_agency[word], self._spelling(word))
            for word, total in self.total.items()
            if total >= min_total
        }

    def _spelling(self, word: str) -> str:
        spellings = self.spellings.get(word)
        return spellings.most_common(1)[0][0] if spellings else ""


def format_wordstats(stats: Mapping[str, WordStat]) -> Iterable[str]:
    yield "word\ttotal\t" + "\t".join(LABELS) + "\tafter_agency\tspelling\n"
    for word in sorted(stats):
        s = stats[word]
        tagged = "\t".join(str(s.tagged.get(lab, 0)) for lab in LABELS)
        yield f"{word}\t{s.total}\t{tagged}\t{s.after_agency}\t{s.spelling}\n"


def parse_wordstats(lines: Iterable[str]) -> dict[str, WordStat]:
    stats: dict[str, WordStat] = {}
    for line in lines:
        fields = line.rstrip("\n").split("\t")
        width = len(LABELS) + 3
        if len(fields) not in (width, width + 1) or not fields[1].isdigit():
            continue
        counts = [int(x) for x in fields[2:width]]
        tagged = {lab: n for lab, n in zip(LABELS, counts[:-1], strict=True) if n}
        spelling = fields[width] if len(fields) > width else ""
        stats[fields[0]] = WordStat(int(fields[1]), tagged, counts[-1], spelling)
    return stats


def load_wordstats(path: Path) -> dict[str, WordStat]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return parse_wordstats(handle)


def save_wordstats(stats: Mapping[str, WordStat], path: Path) -> None:
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as handle:
        handle.writelines(format_wordstats(stats))
