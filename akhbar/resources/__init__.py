"""Data files shipped with akhbar (loaded with importlib.resources), and one reader for them."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def resource_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a bundled resource file, stripped."""
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@cache
def resource_set(name: str) -> frozenset[str]:
    return frozenset(resource_lines(name))


@cache
def resource_table(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a tab-separated resource."""
    return tuple(tuple(cell.strip() for cell in line.split("\t")) for line in resource_lines(name))
