"""The labelled check of story clustering: hand-labelled ANT stories and the seeds, mixed into the archive.

ANT has no event labels, so ``akhbar/resources/eval/ant_story_labels.tsv`` lists groups of ANT
article ids that tell one story, each with the reason it was labelled so and a split (``dev`` for
tuning, ``test`` for reporting). The check mixes the labelled articles, the five bundled seed
articles (one more story, Aleppo, December 2016) and ``distractors`` other ANT articles (chosen by a
hash of their id, so the same for every run), clusters them all with the library path of
``akhbar stories``, and scores B-cubed over the labelled articles of the chosen split.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from importlib import resources
from pathlib import Path
from typing import Literal

from akhbar.config import Config
from akhbar.eval.bcubed import BCubed, bcubed, foreign_share
from akhbar.ingest import RawDocument, ingest, to_article
from akhbar.records import Article, BadInput

LABELS = "ant_story_labels.tsv"
SEED_STORY = "aleppo-seeds"
Split = Literal["dev", "test", "all"]
Half = Literal["dev", "test"]


@dataclass(frozen=True, slots=True)
class LabelledStory:
    name: str
    split: Half
    reason: str
    articles: tuple[str, ...]


def read_labels(text: str | None = None) -> list[LabelledStory]:
    """The labelled stories of the packaged TSV (or of ``text`` in the same format)."""
    if text is None:
        text = resources.files("akhbar.resources").joinpath("eval", LABELS).read_text(encoding="utf-8")
    heads: dict[str, tuple[Half, str]] = {}
    members: dict[str, list[str]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if fields[0] == "story" and len(fields) == 4 and fields[2] in ("dev", "test"):
            heads[fields[1]] = ("dev" if fields[2] == "dev" else "test", fields[3])
            members.setdefault(fields[1], [])
        elif fields[0] == "article" and len(fields) == 3 and fields[1] in heads:
            members[fields[1]].append(fields[2])
        else:
            raise ValueError(f"{LABELS}:{number}: expected 'story<TAB>name<TAB>dev|test<TAB>reason' "
                             "or 'article<TAB>name<TAB>id' after its story line")
    return [LabelledStory(name, heads[name][0], heads[name][1], tuple(ids))
            for name, ids in members.items()]


def _hash_rank(article_id: str) -> bytes:
    return hashlib.sha256(("akhbar-story-distractor:" + article_id).encode("utf-8")).digest()


def _iso(rfc2822: object) -> str | None:
    try:
        return parsedate_to_datetime(str(rfc2822)).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def ant_documents(path: Path, errors: list[BadInput]) -> Iterator[RawDocument]:
    """ANT records as the ingest readers would see them (``time`` given as ``date``)."""
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                try:
                    record = json.loads(line)
                    yield RawDocument(str(record["id"]), str(record["text"]), f"{path}:{number}",
                                      title=record.get("title") or None, date=_iso(record.get("time")),
                                      source=record.get("source") or None, url=record.get("url") or None)
                except (json.JSONDecodeError, KeyError, TypeError) as error:
                    errors.append(BadInput(f"{path}:{number}", f"unreadable ANT record: {error}"))
    except (OSError, EOFError) as error:
        errors.append(BadInput(str(path), f"cannot read: {error}"))


def mixed_articles(path: Path, labels: Sequence[LabelledStory], *, distractors: int,
                   seeds: Sequence[Article], errors: list[BadInput]) -> list[Article]:
    """Labelled ANT articles + ``distractors`` hash-chosen other ANT articles + the seeds, in ANT's order."""
    labelled = {i for story in labels for i in story.articles}
    documents = list(ant_documents(path, errors))
    others = sorted((d for d in documents if d.id not in labelled), key=lambda d: _hash_rank(d.id))
    chosen = labelled | {d.id for d in others[:distractors]}
    articles: list[Article] = []
    for doc in documents:
        if doc.id in chosen:
            result = to_article(doc)
            if isinstance(result, BadInput):
                errors.append(result)
            else:
                articles.append(result)
    return articles + list(seeds)


def seed_articles() -> tuple[Article, ...]:
    from akhbar.cli import example_dir

    return ingest([str(example_dir())]).articles


@dataclass(frozen=True, slots=True)
class StoryScores:
    split: str
    scores: BCubed
    strict: BCubed  # unlabelled articles in a labelled story count as errors: a lower bound of precision
    foreign: float  # mean share of a labelled article's story that holds unlabelled articles
    per_story: tuple[tuple[str, BCubed], ...]
    articles: int
    stories: int


def score_split(stories_of: dict[str, str], labels: Sequence[LabelledStory], split: Split,
                seed_ids: Sequence[str], *, articles: int, stories: int) -> StoryScores:
    """B-cubed of the predicted story of each article against the labels of ``split``."""
    chosen = [s for s in labels if split in ("all", s.split)]
    gold = {i: s.name for s in chosen for i in s.articles if i in stories_of}
    if split in ("test", "all"):  # the seeds were never used for tuning
        gold.update(dict.fromkeys(seed_ids, SEED_STORY))
    per_story = tuple(
        (name, bcubed(stories_of, {i: g for i, g in gold.items() if g == name}))
        for name in sorted(set(gold.values()))
    )
    return StoryScores(split, bcubed(stories_of, gold), bcubed(stories_of, gold, strict=True),
                       foreign_share(stories_of, gold), per_story, articles, stories)


def evaluate(path: Path, *, config: Config, split: Split = "test", distractors: int = 5000,
             errors: list[BadInput] | None = None) -> StoryScores:
    """Cluster the mixed articles with :func:`akhbar.stories.build.group_stories` and score ``split``."""
    from akhbar.stories.build import group_stories

    errors = [] if errors is None else errors
    labels = read_labels()
    seeds = seed_articles()
    articles = mixed_articles(path, labels, distractors=distractors, seeds=seeds, errors=errors)
    batch = group_stories(articles, config=config)
    stories_of = {i: story.id for story in batch.stories for i in story.articles}
    return score_split(stories_of, labels, split, [a.id for a in seeds], articles=len(articles),
                       stories=len(batch.stories))
