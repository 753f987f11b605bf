"""Read article inputs: .txt, .html/.htm, .jsonl files, folders (recursive) and standard input.

A reader never raises for one bad input: it yields :class:`BadInput` with the file (and line)
and the problem, and goes on with the rest of the batch.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from akhbar.records import BadInput

TEXT_SUFFIXES = frozenset({".txt"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl"})
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
MAX_BYTES = 20 * 1024 * 1024  # a single article above this is not an article
Input = Path | BadInput | str
Progress = Callable[[list[Input]], Iterable[Input]]


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One article as read, before noise removal."""

    id: str
    text: str
    path: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1256, the usual legacy Arabic code page."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1256", errors="strict")


def discover(paths: Iterable[str]) -> Iterator[Input]:
    """Expand folders recursively to supported files, in a stable order; ``-`` is kept as is."""
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not files:
                yield BadInput(raw, "folder holds no .txt, .html, .htm or .jsonl file")
            yield from files
        elif path.is_file():
            yield path
        else:
            yield BadInput(raw, "no such file or folder")


def read_documents(
    paths: Iterable[str], *, progress: Progress | None = None
) -> Iterator[RawDocument | BadInput]:
    """Every document of every input; ``progress`` may wrap the list of inputs (a progress bar)."""
    items = list(discover(paths))
    for item in progress(items) if progress else items:
        if isinstance(item, BadInput):
            yield item
        elif item == "-":
            yield from _read_stream(sys.stdin.buffer.read(), "-", "stdin")
        else:
            assert isinstance(item, Path)
            yield from read_file(item)


def read_file(path: Path) -> Iterator[RawDocument | BadInput]:
    name = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        yield BadInput(name, f"unsupported file type {suffix or '(none)'}: use .txt, .html, .htm or .jsonl")
        return
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            yield BadInput(name, f"file is {size} bytes, over the {MAX_BYTES} byte limit for one input")
            return
        data = path.read_bytes()
    except OSError as error:
        yield BadInput(name, f"cannot read: {error.strerror or error}")
        return
    yield from _read_stream(data, name, path.stem, suffix)


def _read_stream(data: bytes, name: str, stem: str, suffix: str = ".txt") -> Iterator[RawDocument | BadInput]:
    try:
        text = decode(data)
    except UnicodeDecodeError:
        yield BadInput(name, "not text: neither UTF-8 nor Windows-1256")
        return
    if suffix in JSONL_SUFFIXES or (name == "-" and text.lstrip().startswith("{")):
        yield from _read_jsonl(text, name)
    elif suffix in HTML_SUFFIXES:
        yield _read_html(text, name, stem)
    else:
        yield RawDocument(stem, text, name)


def _read_html(html: str, name: str, stem: str) -> RawDocument | BadInput:
    import trafilatura  # heavy import, only when HTML is given

    document = trafilatura.bare_extraction(html, include_comments=False, with_metadata=True)
    extracted = document.as_dict() if document is not None and not isinstance(document, dict) else document
    if not isinstance(extracted, dict) or not extracted.get("text"):
        return BadInput(name, "no main text found in the HTML page")
    return RawDocument(
        stem, str(extracted["text"]), name, title=_opt(extracted, "title"), date=_opt(extracted, "date"),
        source=_opt(extracted, "sitename"), url=_opt(extracted, "url"),
    )


def _read_jsonl(text: str, name: str) -> Iterator[RawDocument | BadInput]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield BadInput(where, f"invalid JSON: {error.msg} at column {error.colno}")
            continue
        if not isinstance(record, dict):
            yield BadInput(where, "a line must be a JSON object with 'id' and 'text'")
            continue
        missing = [key for key in ("id", "text") if not isinstance(record.get(key), str | int)]
        if missing:
            yield BadInput(where, f"missing or non-text field(s): {', '.join(missing)}")
            continue
        yield RawDocument(
            str(record["id"]), str(record["text"]), where,
            title=_opt(record, "title"), date=_opt(record, "date"),
            source=_opt(record, "source"), url=_opt(record, "url"),
        )


def _opt(record: dict[str, object], key: str) -> str | None:
    value = record.get(key)
    return str(value) if value not in (None, "") else None
