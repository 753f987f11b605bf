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
from akhbar.serve.messages import MAX_ARTICLE_BYTES, article_limit_ar, articles_ar
from akhbar.serve.uploads import Progress, RequestRejectedError, Upload, UploadLimits, read_uploads
from akhbar.stories.records import Story


@dataclass(frozen=True, slots=True)
class Batch:
    """What one request asks for: articles given as JSON objects, uploaded files, and the options."""

    records: tuple[Mapping[str, Any], ...] = ()
    uploads: tuple[Upload, ...] = ()
    words: int | None = None
    facts: bool = True
    pasted: tuple[Mapping[str, Any], ...] = ()  # typed into the page's slots, each with its slot number
    since: str | None = None  # ISO date: summarize only what the articles of that day or later add


@dataclass(frozen=True, slots=True)
class Blend:
    """The stories a batch holds when it holds several (as the CLI notes): their count and the largest."""

    count: int
    largest: tuple[Story, ...]


@dataclass(frozen=True, slots=True)
class Summary:
    """A request's report, with the stories it blends when it blends several."""

    report: Report
    blend: Blend | None = None


class NoArticlesError(ValueError):
    """Nothing in the request could be read as an article: the server answers 422 with the reasons."""

    def __init__(self, errors: Sequence[BadInput]) -> None:
        super().__init__("no article could be read from the request")
        self.errors = tuple(errors)


def pasted_records(texts: Sequence[str], titles: Sequence[str], sources: Sequence[str]) -> list[dict[str, str]]:
    """The articles typed into the page's form: blank slots are left out, the others numbered from 1 (the
    ``slot`` key, which :func:`read_batch` takes out, names the slot in a message)."""
    records = []
    for number, text in enumerate(texts, start=1):
        if not text.strip():
            continue
        record = {"id": f"article-{number}", "text": text, "slot": str(number)}
        title = titles[number - 1].strip() if number <= len(titles) else ""
        source = sources[number - 1].strip() if number <= len(sources) else ""
        record |= {key: value for key, value in (("title", title), ("source", source)) if value}
        records.append(record)
    return records


def read_record(record: object, where: str) -> RawDocument | BadInput | None:
    """One article given as a JSON value, checked and repaired as a line of a .jsonl is (None: blank), under
    the one size limit of an article however it is given."""
    if not isinstance(record, dict):
        return BadInput(where, "an article must be a JSON object with 'id' and 'text'")
    text = record.get("text")
    if isinstance(text, str) and len(text) > MAX_ARTICLE_BYTES // 4 and len(text.encode("utf-8", "surrogatepass")) \
            > MAX_ARTICLE_BYTES:
        return BadInput(where, article_limit_ar())
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
    if len(batch.records) + len(batch.pasted) > limit:
        raise _too_many(len(batch.records) + len(batch.pasted), limit)
    documents: list[RawDocument | BadInput] = []
    for number, record in enumerate(batch.records):
        document = read_record(record, f"articles[{number}]")
        documents.append(document or BadInput(f"articles[{number}]", "an empty article"))
    for record in batch.pasted:
        fields = {k: v for k, v in record.items() if k != "slot"}
        where = f"مقال {record.get('slot', '')}".strip()
        document = read_record(fields, where)
        documents.append(document or BadInput(where, "an empty article"))
    documents += read_uploads(batch.uploads, limits=UploadLimits.of(config.serve), progress=progress)
    corpus = clean_documents(documents)
    if len(corpus.articles) > limit:
        raise _too_many(len(corpus.articles), limit)
    return corpus


def _too_many(count: int, limit: int) -> RequestRejectedError:
    return RequestRejectedError(f"{articles_ar(count)} في طلب واحد، فوق الحد ({limit})", "too_many_articles")


BLEND_MIN_ARTICLES = 3  # two articles are one story or two lone ones: the summary says enough


def blend_of(articles: Sequence[Article], *, config: Config) -> Blend | None:
    """The stories ``articles`` hold when they hold several (the CLI's rule, `blended_stories`), else None."""
    if len(articles) < BLEND_MIN_ARTICLES:
        return None
    from akhbar.stories.build import blended_stories

    count, largest = blended_stories(articles, config=config)
    return Blend(count, largest) if largest else None


def summarize_batch(batch: Batch, *, config: Config, progress: Progress | None = None) -> Summary:
    """The report of a request, as `akhbar summarize` makes it, with the stories it blends when it blends
    several. Raises :class:`NoArticlesError` when nothing could be read, and :class:`RequestRejectedError`
    past the limits."""
    from akhbar.pipeline import run, with_since, with_words

    corpus = read_batch(batch, config=config, progress=progress)
    if not corpus.articles:
        raise NoArticlesError(corpus.errors)
    if progress:
        progress("grouping", 0, len(corpus.articles))
    blend = blend_of(corpus.articles, config=config)
    if progress:
        progress("summarizing", 0, 1)
    settings = with_since(with_words(config, batch.words) if batch.words is not None else config, batch.since)
    report = run(corpus.articles, config=settings, errors=corpus.errors, with_facts=batch.facts)
    if progress:
        progress("summarizing", 1, 1)
    return Summary(report, blend)


def articles_jsonl(articles: Sequence[Article]) -> str:
    """Articles as JSONL lines (what a job keeps to group them into stories later)."""
    fields = ("id", "title", "date", "source", "url")
    return "".join(json.dumps({"text": a.body, **{k: getattr(a, k) for k in fields if getattr(a, k) is not None}},
                              ensure_ascii=False) + "\n" for a in articles)


def jsonl_articles(text: str, *, name: str = "articles.jsonl") -> Corpus:
    """The articles :func:`articles_jsonl` wrote, read back."""
    import io

    from akhbar.ingest.readers import read_jsonl

    return clean_documents(read_jsonl(io.BytesIO(text.encode("utf-8")), name))
