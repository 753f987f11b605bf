"""Story ids across a rebuild: each new story takes the old id that shares most of its articles (and
each new storyline the old storyline id that shares most of its stories).

Ids are promises (ARCHITECTURE.md, "Ids are promises"): after everything is clustered again, the pairs
(new story, old id) are taken largest overlap first, each old id and each new story used once. A new
story left without an old id gets a fresh one (``story-<its first article>``, suffixed if that id was
ever used). An old id left over is merged into the new story that holds most of its former articles,
so no link answers 404 after a rebuild. Cost: one pass over the articles and a sort of the overlaps.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass

from akhbar.stories.records import Story


@dataclass(frozen=True, slots=True)
class KeptIds:
    names: dict[str, str]  # the rebuild's story (or storyline) id -> the id it is written under
    leftovers: dict[str, str]  # an old live id that no new story took -> the (final) id it is merged into


def fresh_id(first_article: str, used: Collection[str]) -> str:
    """``story-<article>``, or with ``-2``, ``-3``... when that id was ever used."""
    base = f"story-{first_article}"
    story, suffix = base, 1
    while story in used:
        suffix += 1
        story = f"{base}-{suffix}"
    return story


def keep_ids(old: Mapping[str, Sequence[str]], new: Sequence[Story], taken: Collection[str]) -> KeptIds:
    """Map ``new`` stories onto the ``old`` live stories' ids (old id -> its articles); ``taken``: every id
    ever minted (merged ones too), none of which is minted again."""
    return keep_names(old, [(story.id, story.articles) for story in new], taken,
                      lambda new_id, members, used: fresh_id(members[0], used))


def keep_names(old: Mapping[str, Sequence[str]], new: Sequence[tuple[str, Sequence[str]]], taken: Collection[str],
               fresh: Callable[[str, Sequence[str], Collection[str]], str]) -> KeptIds:
    """:func:`keep_ids` for any groups (stories of articles, storylines of stories): ``new`` is (id,
    members); ``fresh(id, members, used)`` names a new group that takes no old id."""
    owner = {member: group for group, members in old.items() for member in members}
    pairs: list[tuple[int, str, int]] = []
    for position, (_, members) in enumerate(new):
        shared = Counter(owner[m] for m in members if m in owner)
        pairs.extend((-count, old_id, position) for old_id, count in shared.items())
    pairs.sort()  # largest overlap first; ties by old id, then the new group's position: deterministic
    given: dict[int, str] = {}
    used_old: set[str] = set()
    for _, old_id, position in pairs:
        if position in given or old_id in used_old:
            continue
        given[position] = old_id
        used_old.add(old_id)
    used = set(taken) | set(old)
    names: dict[str, str] = {}
    for position, (group, _) in enumerate(new):
        if position in given:
            names[group] = given[position]
    for position, (group, members) in enumerate(new):
        if position not in given:
            names[group] = fresh(group, members, used)
            used.add(names[group])
    home = {member: names[group] for group, members in new for member in members}
    leftovers = {}
    for old_id in sorted(set(old) - used_old):
        held = Counter(home[m] for m in old[old_id] if m in home)
        if held:
            leftovers[old_id] = min(held.items(), key=lambda item: (-item[1], item[0]))[0]
    return KeptIds(names, leftovers)


def unused_id(base: str, used: Callable[[str], bool]) -> str:
    """``base``, else ``base-2``, ``base-3``...: the first name ``used`` does not claim. An id once shown
    (a live, merged or stored story or storyline) is never given again."""
    name, suffix = base, 1
    while used(name):
        suffix += 1
        name = f"{base}-{suffix}"
    return name
