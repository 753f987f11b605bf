"""Article ids that are unique within a batch, by a rule that cannot collide.

- A file's id is its stem (``002_fb75.txt`` -> ``002_fb75``). When two files of one batch share a
  stem (``a/story.txt``, ``b/story.txt``, or ``story.txt`` beside ``story.html``), each of them gets
  its path instead: relative to the folder given on the command line (or as given, for a file
  argument), with ``/`` separators and its suffix kept only if the stem alone is still shared
  (``a/story``, ``b/story``; ``story.txt``, ``story.html``).
- Then, in reading order, the first article to claim an id keeps it; a later article whose id is
  already taken becomes ``id#2``, or ``id#3``, ... : the first of these not taken yet. The renaming
  is reported (the input was ambiguous). ``dup, dup, dup#2`` gives ``dup, dup#2, dup#2#2``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from akhbar.ingest.decoding import repair_id
from akhbar.ingest.documents import RawDocument
from akhbar.records import Article, BadInput

# What gets a unique id: a document as read, or (so that one dropped as empty claims no id) an article.
Doc = TypeVar("Doc", RawDocument, Article)


def file_ids(files: list[tuple[Path, Path | None]]) -> dict[Path, str]:
    """The id of each ``(file, folder it was found in, or None)``: its stem, or its path when the
    stem is shared by another file of the batch."""
    stems = Counter(path.stem for path, _ in files)
    relative = {path: _relative(path, root) for path, root in files}
    bare = Counter(rel.with_suffix("").as_posix() for rel in relative.values())
    ids = {}
    for path, _ in files:
        if stems[path.stem] == 1:
            ids[path] = path.stem
            continue
        without_suffix = relative[path].with_suffix("").as_posix()
        ids[path] = without_suffix if bare[without_suffix] == 1 else relative[path].as_posix()
    # A file name may hold anything but "/" and NUL: bytes that are not UTF-8 (lone surrogates here),
    # line breaks, escape sequences. The id is printed everywhere; the path, shown in reports, stays.
    return {path: repair_id(identifier)[0] for path, identifier in ids.items()}


def _relative(path: Path, root: Path | None) -> Path:
    if root is None:
        return path
    try:
        return path.relative_to(root)
    except ValueError:
        return path


def unique_ids(items: Iterable[Doc | BadInput]) -> Iterator[Doc | BadInput]:
    """The same stream with every document id unique (module docstring); it streams, holding only
    the set of ids seen."""
    taken: set[str] = set()
    tried: dict[str, int] = {}  # the last number tried per id: a thousand copies cost linear time
    for item in items:
        if isinstance(item, BadInput):
            yield item
            continue
        if item.id not in taken:
            taken.add(item.id)
            yield item
            continue
        new_id = _free_id(item.id, taken, tried)
        yield BadInput(item.path or item.id,
                       f"id {item.id!r} is already used by an earlier article: renamed {new_id!r}", action="repaired")
        taken.add(new_id)
        yield replace(item, id=new_id)


def _free_id(identifier: str, taken: set[str], tried: dict[str, int]) -> str:
    number = tried.get(identifier, 1) + 1
    while f"{identifier}#{number}" in taken:
        number += 1
    tried[identifier] = number
    return f"{identifier}#{number}"
