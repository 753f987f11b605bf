"""The labelled check at two levels: events (stories) and storylines, on ANT.

Three label files (ids only), under ``akhbar/resources/eval``:

- ``ant_story_labels.tsv``: stories as labelled before storylines existed (some are events, some run
  for weeks); scored at the event level as before.
- ``ant_event_labels.tsv``: theme buckets that must split into their events (every article of a
  bucket is given its event); scored at the event level, and on their own (``buckets``).
- ``ant_storyline_labels.tsv``: storylines; each labelled story is a storyline of its own unless a
  storyline names it.

All labelled articles, the seeds and ``distractors`` hash-chosen other ANT articles are clustered
once, with the library path of ``akhbar stories``; each level is scored with B-cubed over the
labelled articles of the chosen split (the seeds count on test: one event, one storyline).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from akhbar.config import Config
from akhbar.eval.stories import (
    LabelledStory,
    Split,
    StoryScores,
    mixed_articles,
    read_labels,
    score_split,
    seed_articles,
)
from akhbar.records import BadInput

STORYLINES = "ant_storyline_labels.tsv"
EVENTS = "ant_event_labels.tsv"


def _resource(name: str) -> str:
    return resources.files("akhbar.resources").joinpath("eval", name).read_text(encoding="utf-8")


def _rows(text: str, name: str) -> list[tuple[int, list[str]]]:
    return [(number, line.split("\t")) for number, line in enumerate(text.splitlines(), start=1)
            if line.strip() and not line.startswith("#")]


def read_storyline_labels(stories: list[LabelledStory], text: str | None = None) -> list[LabelledStory]:
    """Storylines: those of the TSV (with the labelled stories they name), then every labelled story
    no storyline names, as a storyline of its own."""
    text = _resource(STORYLINES) if text is None else text
    by_name = {s.name: s for s in stories}
    heads: dict[str, tuple[str, str]] = {}
    members: dict[str, list[str]] = {}
    named: set[str] = set()
    for number, fields in _rows(text, STORYLINES):
        if fields[0] == "storyline" and len(fields) == 4 and fields[2] in ("dev", "test"):
            heads[fields[1]] = (fields[2], fields[3])
            members.setdefault(fields[1], [])
        elif fields[0] == "story" and len(fields) == 3 and fields[1] in heads and fields[2] in by_name:
            story = by_name[fields[2]]
            if story.split != heads[fields[1]][0]:
                raise ValueError(f"{STORYLINES}:{number}: story {story.name} is {story.split}, its storyline is not")
            members[fields[1]].extend(story.articles)
            named.add(story.name)
        elif fields[0] == "article" and len(fields) == 3 and fields[1] in heads:
            members[fields[1]].append(fields[2])
        else:
            raise ValueError(f"{STORYLINES}:{number}: expected 'storyline<TAB>name<TAB>dev|test<TAB>reason', "
                             "'story<TAB>storyline<TAB>labelled story' or 'article<TAB>storyline<TAB>id'")
    lines = [LabelledStory(name, "dev" if heads[name][0] == "dev" else "test", heads[name][1], tuple(ids))
             for name, ids in members.items()]
    return lines + [s for s in stories if s.name not in named]


def read_bucket_labels(text: str | None = None) -> list[LabelledStory]:
    """The events of the theme buckets, each named ``bucket/event``."""
    text = _resource(EVENTS) if text is None else text
    heads: dict[str, tuple[str, str]] = {}
    events: dict[str, list[str]] = {}
    bucket_of: dict[str, str] = {}
    for number, fields in _rows(text, EVENTS):
        if fields[0] == "bucket" and len(fields) == 4 and fields[2] in ("dev", "test"):
            heads[fields[1]] = (fields[2], fields[3])
        elif fields[0] == "event" and len(fields) == 4 and fields[1] in heads:
            key = f"{fields[1]}/{fields[2]}"
            events.setdefault(key, []).append(fields[3])
            bucket_of[key] = fields[1]
        else:
            raise ValueError(f"{EVENTS}:{number}: expected 'bucket<TAB>name<TAB>dev|test<TAB>reason' "
                             "or 'event<TAB>bucket<TAB>event<TAB>id' after its bucket line")
    return [LabelledStory(key, "dev" if heads[bucket_of[key]][0] == "dev" else "test", heads[bucket_of[key]][1],
                          tuple(ids)) for key, ids in events.items()]


@dataclass(frozen=True, slots=True)
class LevelScores:
    events: StoryScores  # labelled stories and bucket events
    buckets: StoryScores  # bucket events alone: do theme buckets split?
    storylines: StoryScores
    storyline_count: int


def evaluate_levels(path: Path, *, config: Config, split: Split = "test", distractors: int = 5000,
                    errors: list[BadInput] | None = None) -> LevelScores:
    """Cluster the mix once; score events, buckets and storylines on ``split``."""
    from akhbar.stories.build import group_stories

    errors = [] if errors is None else errors
    stories = read_labels()
    buckets = read_bucket_labels()
    lines = read_storyline_labels(stories)
    seeds = seed_articles()
    everything = [*stories, *buckets, *lines]
    articles = mixed_articles(path, everything, distractors=distractors, seeds=seeds, errors=errors)
    batch = group_stories(articles, config=config)
    story_of = {i: story.id for story in batch.stories for i in story.articles}
    line_of = {i: batch.storyline_of.get(s, s) for i, s in story_of.items()}
    seed_ids = [a.id for a in seeds]
    sizes = {"articles": len(articles), "stories": len(batch.stories)}
    return LevelScores(
        events=score_split(story_of, [*stories, *buckets], split, seed_ids, **sizes),
        buckets=score_split(story_of, buckets, split, [], **sizes),
        storylines=score_split(line_of, lines, split, seed_ids, **sizes),
        storyline_count=len(batch.storylines),
    )
