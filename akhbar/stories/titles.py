"""A story's record as shown: its members oldest first, its outlets and days, and its central title."""

from __future__ import annotations

import heapq
from collections.abc import Sequence

from akhbar.records import Article
from akhbar.stories.records import DuplicateLink, Story
from akhbar.stories.state import StoryState


def stored_story(story_id: str, members: Sequence[Article], links_of: dict[str, list[DuplicateLink]],
                 title: str) -> Story:
    """A story record of ``members`` (oldest first)."""
    dated = sorted(a.date[:10] for a in members if a.date)
    return Story(
        id=story_id,
        articles=tuple(a.id for a in members),
        outlets=tuple(sorted({a.source for a in members if a.source})),
        start=dated[0] if dated else None,
        end=dated[-1] if dated else None,
        title=title,
        duplicates=tuple(link for a in members for link in links_of.get(a.id, ())),
    )


def central_title(story: StoryState, members: Sequence[Article],
                  vectors: dict[str, tuple[list[str], list[float]]]) -> str:
    """The title (else the lead) of the member closest to the story's centroid."""
    scored: list[tuple[float, int, int]] = []
    for i, member in enumerate(members):
        terms, weights = vectors[member.id]
        scored.append((-story.cosine(terms, weights), i, i))
    titled = [item for item in scored if members[item[2]].title]
    best = members[heapq.nsmallest(1, titled or scored)[0][2]]
    return best.title or _lead(best.body)


def _lead(body: str, words: int = 14) -> str:
    first_line = next((line for line in body.splitlines() if line.strip()), body)
    tokens = first_line.split()
    return " ".join(tokens[:words]) + (" …" if len(tokens) > words else "")
