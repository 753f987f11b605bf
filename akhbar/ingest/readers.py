"""Read article inputs: .txt, .html/.htm, .jsonl files, folders (recursive) and standard input.

A reader never raises for one bad input: it yields :class:`BadInput` with the file (and line)
and the problem, and goes on with the rest of the batch.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePath

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


class NotTextError(ValueError):
    """Bytes that are not text in any encoding akhbar reads."""


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Windows-1256 Arabic read as UTF-8 turns most letters into U+FFFD; a few of them in a UTF-8 file
# are damage, and the rest of the file should keep its text.
_STRAY_SHARE = 0.05
_CONTROL = 0.01


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1256, the legacy Arabic code page.

    A UTF-8 file with a few damaged bytes keeps its text (the bytes become U+FFFD) instead of being
    read whole as Windows-1256, which would garble every line; bytes that decode to many control
    characters are not text at all.
    """
    if data.startswith(_UTF16_BOMS):
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            lenient = data.decode("utf-8", errors="replace")
            letters = sum(1 for ch in lenient if not ch.isspace())
            damaged = lenient.count("\ufffd")
            text = lenient if damaged <= _STRAY_SHARE * letters else data.decode("cp1256", errors="replace")
    controls = sum(1 for ch in text if ch < " " and ch not in "\n\r\t\f")
    if controls > _CONTROL * max(len(text), 1):
        raise NotTextError("not text: binary data, or an encoding other than UTF-8, UTF-16 or Windows-1256")
    return text


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


def read_bytes(data: bytes, name: str) -> Iterator[RawDocument | BadInput]:
    """The documents of one file given as bytes (an upload, a zip entry); its name's suffix picks the reader."""
    suffix = PurePath(name).suffix.lower()
    if suffix not in SUFFIXES:
        yield BadInput(name, f"unsupported file type {suffix or '(none)'}: use .txt, .html, .htm or .jsonl")
    elif len(data) > MAX_BYTES:
        yield BadInput(name, f"file is {len(data)} bytes, over the {MAX_BYTES} byte limit for one input")
    else:
        yield from _read_stream(data, name, PurePath(name).stem, suffix)


def _read_stream(data: bytes, name: str, stem: str, suffix: str = ".txt") -> Iterator[RawDocument | BadInput]:
    try:
        text = decode(data)
    except NotTextError as error:
        yield BadInput(name, str(error))
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
    # Only \n ends a line: JSON strings may hold U+2028, U+2029 or U+0085 unescaped.
    for number, raw_line in enumerate(text.split("\n"), start=1):
        line = raw_line.rstrip("\r")
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield BadInput(where, f"invalid JSON: {error.msg} at column {error.colno}")
            continue
        yield read_record(record, where)


def read_record(record: object, where: str) -> RawDocument | BadInput:
    """One article given as a JSON object (a JSONL line, an item of a web request) named ``where``."""
    if not isinstance(record, dict):
        return BadInput(where, "an article must be a JSON object with 'id' and 'text'")
    problems = _field_problems(record)
    if problems:
        return BadInput(where, problems)
    return RawDocument(
        str(record["id"]), str(record["text"]), where,
        title=_opt(record, "title"), date=_opt(record, "date"),
        source=_opt(record, "source"), url=_opt(record, "url"),
    )


def _field_problems(record: dict[str, object]) -> str:
    """What is wrong with a JSONL record's fields, or "" when nothing is."""
    identifier, text = record.get("id"), record.get("text")
    problems = []
    if isinstance(identifier, bool) or not isinstance(identifier, str | int) or identifier == "":
        problems.append("'id' must be a string or an integer")
    if not isinstance(text, str):
        problems.append("'text' must be a string")
    problems += [f"'{key}' must be a string or null" for key in ("title", "source", "date", "url")
                 if record.get(key) is not None and not isinstance(record.get(key), str)]
    return "; ".join(problems)


def _opt(record: dict[str, object], key: str) -> str | None:
    value = record.get(key)
    return str(value) if value not in (None, "") else None
