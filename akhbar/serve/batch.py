"""One request's articles, from pasted records and uploaded files to a report.

The same path serves the JSON API, the upload API, the page's form and the background jobs, so a bad item
is reported (and skipped) the same way everywhere, with the name it had in the request.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from akhbar.config import Config
from akhbar.ingest import to_article
from akhbar.ingest.ids import unique_ids
from akhbar.ingest.jsonl import parse_line
from akhbar.ingest.readers import RawDocument
from akhbar.records import Article, BadInput, Corpus, Report
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


def read_record(record: object, where: str) -> RawDocument | BadInput | None:
    """One article given as a JSON value, checked and repaired as a line of a .jsonl is (None: blank)."""
    if not isinstance(record, dict):
        return BadInput(where, "an article must be a JSON object with 'id' and 'text'")
    try:
        line = json.dumps(record, ensure_ascii=False).encode("utf-8", "surrogatepass")
    except (TypeError, ValueError) as error:
        return BadInput(where, f"not an article: {error}")
    parsed = parse_line(line, where)
    if parsed is None or isinstance(parsed, BadInput):
        return parsed
    fields, _note = parsed
    return RawDocument(str(fields["id"]), str(fields["text"]), where, title=fields["title"], date=fields["date"],
                       source=fields["source"], url=fields["url"])


def clean_documents(documents: Iterable[RawDocument | BadInput]) -> Corpus:
    """Clean documents into articles with unique ids (as `akhbar summarize` does); the rest are errors."""
    articles: list[Article] = []
    errors: list[BadInput] = []
    for item in unique_ids(documents):
        result = item if isinstance(item, BadInput) else to_article(item)
        if isinstance(result, BadInput):
            errors.append(result)
        else:
            articles.append(result)
    return Corpus(tuple(articles), tuple(errors))


def read_batch(batch: Batch, *, config: Config, progress: Progress | None = None) -> Corpus:
    """The articles of a request and the items it skipped. Raises :class:`RequestRejectedError` (413) when
    the request holds more articles or files than the limits allow."""
    limit = config.serve.max_articles
    if len(batch.records) > limit:
        raise RequestRejectedError(f"{len(batch.records)} articles in one request, over the limit of {limit}")
    documents: list[RawDocument | BadInput] = []
    for number, record in enumerate(batch.records):
        document = read_record(record, f"articles[{number}]")
        documents.append(document or BadInput(f"articles[{number}]", "an empty article"))
    documents += read_uploads(batch.uploads, limits=UploadLimits.of(config.serve), progress=progress)
    corpus = clean_documents(documents)
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
