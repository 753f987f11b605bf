"""Ingest: read inputs, remove and report noise, return clean :class:`~akhbar.records.Article` records."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from akhbar.ingest.dates import parse_date
from akhbar.ingest.ids import unique_ids
from akhbar.ingest.noise import TERMINAL, CleanText, clean_article_text
from akhbar.ingest.readers import DEFAULT_MAX_ARTICLE_BYTES, Progress, RawDocument, read_documents
from akhbar.records import Article, BadInput, Corpus

__all__ = ["DEFAULT_MAX_ARTICLE_BYTES", "CleanText", "RawDocument", "clean_article_text", "ingest",
           "iter_articles", "to_article"]


def to_article(doc: RawDocument) -> Article | BadInput:
    """Clean one raw document; a document with no text left is a :class:`BadInput`."""
    cleaned = clean_article_text(doc.text)
    if not cleaned.body.strip():
        return BadInput(doc.path, "no article text (empty, or only noise lines)")
    if _menu_only(doc.text):
        return BadInput(doc.path, "no article text: only short lines with no sentence (a site's menu or links)")
    meta_date = parse_date(doc.date) if doc.date else None
    found = meta_date or cleaned.date
    return Article(
        id=doc.id,
        body=cleaned.body,
        title=doc.title or cleaned.title,
        date=found.isoformat() if found else None,
        source=doc.source,
        url=doc.url,
        path=doc.path,
        removed=cleaned.removed,
    )


_MENU_WORDS = 3  # a menu entry: «الرئيسية», «اتصل بنا», «سياسة الخصوصية»
_MENU_LINES = 3


def _menu_only(text: str) -> bool:
    """Every line a few words with no sentence mark: a copied menu, which the hard-wrap repair of
    :mod:`~akhbar.ingest.noise` would otherwise join into one sentence. No news article is made so."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return len(lines) >= _MENU_LINES and all(
        len(line.split()) <= _MENU_WORDS and not line.endswith(TERMINAL) for line in lines)


def iter_articles(
    paths: Iterable[str], *, progress: Progress | None = None, max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES,
) -> Iterator[Article | BadInput]:
    """Stream cleaned articles (with unique ids) and the skipped or repaired inputs, in reading order:
    memory holds one article at a time, whatever the size of a .jsonl. Ids are made unique after
    cleaning, so a document dropped as empty claims none (its namesake keeps the plain id)."""
    documents = read_documents(paths, progress=progress, max_article_bytes=max_article_bytes, unique=False)
    yield from unique_ids(item if isinstance(item, BadInput) else to_article(item) for item in documents)


def ingest(
    paths: Iterable[str], *, progress: Progress | None = None, max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES,
) -> Corpus:
    """Read every input; bad ones are reported in ``Corpus.errors`` and the rest are processed."""
    articles: list[Article] = []
    errors: list[BadInput] = []
    for item in iter_articles(paths, progress=progress, max_article_bytes=max_article_bytes):
        if isinstance(item, BadInput):
            errors.append(item)
        else:
            articles.append(item)
    return Corpus(tuple(articles), tuple(errors))
