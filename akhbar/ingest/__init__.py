"""Ingest: read inputs, remove and report noise, return clean :class:`~akhbar.records.Article` records."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from akhbar.ingest.dates import parse_date
from akhbar.ingest.noise import CleanText, clean_article_text
from akhbar.ingest.readers import Progress, RawDocument, read_documents
from akhbar.records import Article, BadInput, Corpus

__all__ = ["CleanText", "RawDocument", "clean_article_text", "ingest", "ingest_documents", "to_article"]


def to_article(doc: RawDocument) -> Article | BadInput:
    """Clean one raw document; a document with no text left is a :class:`BadInput`."""
    cleaned = clean_article_text(doc.text)
    if not cleaned.body.strip():
        return BadInput(doc.path, "no article text (empty, or only noise lines)")
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


def ingest(paths: Iterable[str], *, progress: Progress | None = None) -> Corpus:
    """Read every input; bad ones are reported in ``Corpus.errors`` and the rest are processed."""
    return ingest_documents(read_documents(paths, progress=progress))


def ingest_documents(documents: Iterable[RawDocument | BadInput]) -> Corpus:
    """Clean documents read elsewhere (uploads, a web request); ids made unique as :func:`ingest` does."""
    articles: list[Article] = []
    errors: list[BadInput] = []
    for item in documents:
        result = item if isinstance(item, BadInput) else to_article(item)
        (errors if isinstance(result, BadInput) else articles).append(result)  # type: ignore[arg-type]
    return Corpus(tuple(_unique_ids(articles)), tuple(errors))


def _unique_ids(articles: list[Article]) -> list[Article]:
    """Two inputs with the same stem get their path-derived ids so citations stay unambiguous."""
    counts = Counter(a.id for a in articles)
    seen: Counter[str] = Counter()
    out = []
    for article in articles:
        if counts[article.id] > 1:
            seen[article.id] += 1
            out.append(replace(article, id=f"{article.id}#{seen[article.id]}"))
        else:
            out.append(article)
    return out

