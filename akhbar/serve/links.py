"""The one way the web app writes a link to a story or a storyline (pages, the API, the Atom feed, templates).

An id goes into a URL path quoted whole, "/" too: an id made from a file's path holds one, and a "../" left
raw would be resolved by the browser. The routes take ``{id:path}``, so the quoted id comes back as it was.
"""

from __future__ import annotations

from urllib.parse import quote


def path_part(value: object) -> str:
    """``value`` as one URL path segment: every character but letters, digits and ``_.-~`` quoted."""
    return quote(str(value), safe="")


def story_path(story_id: str, *, api: bool = False) -> str:
    return f"{'/api' if api else ''}/stories/{path_part(story_id)}"


def storyline_path(line_id: str, *, api: bool = False) -> str:
    return f"{'/api' if api else ''}/storylines/{path_part(line_id)}"
