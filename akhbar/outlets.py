"""Outlet names: what a reader calls the source of an article, for every place a source is shown.

An article's outlet is, in order: the name it came with (the JSONL ``source``, an HTML page's site
name, a name the user typed), else the domain of its url, else its id, which for a file is the file
name. Two articles of one outlet get numbered labels, so a citation still says which one it is.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import replace
from urllib.parse import urlsplit

from akhbar.records import Article


def url_domain(url: str | None) -> str | None:
    """The host of ``url`` without ``www.``; None for a url with no host (or no url)."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname
    except ValueError:  # a malformed url (bad port, bad brackets) names no outlet
        return None
    if not host or "." not in host:
        return None
    return host.removeprefix("www.")


# The ids the web page and the API give to pasted articles that came without one (article-1, ...).
_GENERATED_ID = re.compile(r"article-(\d+)")


def id_name(article_id: str) -> str:
    """How a reader sees an article known only by its id: a generated id in Arabic (مقال 1), else the id."""
    found = _GENERATED_ID.fullmatch(article_id)
    return f"مقال {found.group(1)}" if found else article_id


def outlet_name(article: Article) -> str:
    """The outlet an article comes from, by the best name known for it."""
    given = " ".join((article.source or "").split())
    return given or url_domain(article.url) or id_name(article.id)


def outlet_labels(articles: Iterable[Article]) -> dict[str, str]:
    """Article id -> the label citations show: the outlet name, numbered when one outlet has several articles."""
    ordered = list(articles)
    names = {a.id: outlet_name(a) for a in ordered}
    counts = Counter(names.values())
    seen: Counter[str] = Counter()
    labels = {}
    for article in ordered:
        name = names[article.id]
        if counts[name] > 1:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        labels[article.id] = name
    return labels


def label(labels: Mapping[str, str], article_id: str) -> str:
    """The label of ``article_id``, or the id itself (:func:`id_name`) for an article the mapping does not know."""
    return labels.get(article_id) or id_name(article_id)


def parse_outlet_names(pairs: Iterable[str]) -> dict[str, str]:
    """``ID=NAME`` pairs (the ``--outlet`` option) as a mapping; a pair without ``=`` or a name is a ValueError."""
    names = {}
    for pair in pairs:
        identifier, sep, name = pair.partition("=")
        if not sep or not identifier.strip() or not name.strip():
            raise ValueError(f"--outlet {pair!r}: write ID=NAME, e.g. --outlet aleppo-report=الجزيرة")
        names[identifier.strip()] = " ".join(name.split())
    return names


def name_outlets(articles: Iterable[Article], names: Mapping[str, str]) -> tuple[Article, ...]:
    """The articles with the outlet names a user gave (by article id) as their source."""
    return tuple(replace(a, source=names[a.id]) if a.id in names else a for a in articles)
