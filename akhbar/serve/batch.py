"""One request's articles, from pasted records and uploaded files to a report.

The same path serves the JSON API, the upload API, the page's form and the background jobs, so a bad item
is reported (and skipped) the same way everywhere, with the name it had in the request.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from akhbar.config import Config
from akhbar.ingest import ingest_documents
from akhbar.ingest.readers import RawDocument, read_record
from akhbar.records import BadInput, Corpus, Report
from akhbar.serve.uploads import Progress, RequestRejectedError, Upload, UploadLimits, read_uploads


@dataclass(frozen=True, slots=True)
class Batch:
    """What one request asks for: articles given as JSON objects, uploaded files, and the options."""

    records: tuple[Mapping[str, Any], ...] = ()
    uploads: tuple[Upload, ...] = ()
    words: int | None = None
    facts: bool = True


class NoArticlesError(ValueError):
    """Nothing in the request could be read as an article: the server answers 422 with the reasons."""

    def __init__(self, errors: Sequence[BadInput]) -> None:
        super().__init__("no article could be read from the request")
        self.errors = tuple(errors)


def pasted_records(texts: Sequence[str], titles: Sequence[str], sources: Sequence[str]) -> list[dict[str, str]]:
    """The articles typed into the page's form: blank slots are left out, the others numbered from 1."""
    records = []
    for number, text in enumerate(texts, start=1):
        if not text.strip():
            continue
        record = {"id": f"article-{number}", "text": text}
        title = titles[number - 1].strip() if number <= len(titles) else ""
        source = sources[number - 1].strip() if number <= len(sources) else ""
        record |= {key: value for key, value in (("title", title), ("source", source)) if value}
        records.append(record)
    return records


def read_batch(batch: Batch, *, config: Config, progress: Progress | None = None) -> Corpus:
    """The articles of a request and the items it skipped. Raises :class:`RequestRejectedError` (413) when
    the request holds more articles or files than the limits allow."""
    limit = config.serve.max_articles
    if len(batch.records) > limit:
        raise RequestRejectedError(f"{len(batch.records)} articles in one request, over the limit of {limit}")
    documents: list[RawDocument | BadInput] = [
        read_record(record, f"articles[{number}]") for number, record in enumerate(batch.records)
    ]
    documents += read_uploads(batch.uploads, limits=UploadLimits.of(config.serve), progress=progress)
    corpus = ingest_documents(documents)
    if len(corpus.articles) > limit:
        raise RequestRejectedError(f"{len(corpus.articles)} articles in one request, over the limit of {limit}")
    return corpus


def summarize_batch(batch: Batch, *, config: Config, progress: Progress | None = None) -> Report:
    """The report of a request, as `akhbar summarize` makes it. Raises :class:`NoArticlesError` when nothing
    could be read, and :class:`RequestRejectedError` past the limits."""
    from akhbar.pipeline import run, with_words

    corpus = read_batch(batch, config=config, progress=progress)
    if not corpus.articles:
        raise NoArticlesError(corpus.errors)
    if progress:
        progress("summarizing", 0, 1)
    settings = with_words(config, batch.words) if batch.words is not None else config
    report = run(corpus.articles, config=settings, errors=corpus.errors, with_facts=batch.facts)
    if progress:
        progress("summarizing", 1, 1)
    return report
