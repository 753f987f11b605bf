"""Read article inputs: .txt, .html/.htm, .jsonl/.jsonl.gz files, folders (recursive) and standard input.

A reader never raises for one bad input: it yields :class:`BadInput` with the file (and line)
and the problem, and goes on with the rest of the batch. Memory is bounded by one article:

- every article has a size limit, ``max_article_bytes`` (default 1 MiB, 27 times the largest of
  ANT's 31,523 articles, 38 KB as a JSON line; ``--max-article-bytes`` raises it):
  a .txt or .html file, standard input, or one line of a .jsonl. A .jsonl of any size streams line
  by line, a line over the limit is skipped and reported, the lines around it are read;
- input is read in bounded pieces, so ``akhbar summarize - < /dev/zero`` stops at the limit;
- ids are unique within a batch (the rule is in :mod:`akhbar.ingest.ids`);
- text is repaired at the door (lone surrogates, control characters: :mod:`akhbar.ingest.decoding`)
  and each repair is reported, so no output writer meets text it cannot write.
"""

from __future__ import annotations

import gzip
import io
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import IO

from akhbar.ingest.decoding import NotTextError, decode, decode_noting, repair_text, utf16_unmarked
from akhbar.ingest.documents import RawDocument
from akhbar.ingest.gz import GuardedGzip
from akhbar.ingest.ids import file_ids, unique_ids
from akhbar.ingest.jsonl import parse_line, read_lines
from akhbar.ingest.paths import not_readable
from akhbar.records import BadInput

__all__ = ["DEFAULT_MAX_ARTICLE_BYTES", "FileInput", "NotTextError", "RawDocument", "decode", "discover",
           "not_readable", "read_bytes", "read_documents", "read_file", "read_stdin", "read_text"]

TEXT_SUFFIXES = frozenset({".txt"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl", ".jsonl.gz"})
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
DEFAULT_MAX_ARTICLE_BYTES = 1024 * 1024
_HEAD = 64 * 1024
_PIECE = 1024 * 1024


@dataclass(frozen=True, slots=True)
class FileInput:
    """A file to read, with the id its article gets (unused for .jsonl, whose lines carry ids)."""

    path: Path
    id: str


Input = FileInput | BadInput | str
Progress = Callable[[list[Input]], Iterable[Input]]


def suffix_of(path: Path) -> str:
    name = path.name.lower()
    return ".jsonl.gz" if name.endswith(".jsonl.gz") else path.suffix.lower()


def discover(paths: Iterable[str]) -> list[Input]:
    """Expand folders recursively to supported files, in a stable order; ``-`` is kept as is, once.

    An unreadable folder or name (over the system's length limit, no permission) is reported and
    the walk goes on with the rest.
    """
    items: list[Input | tuple[Path, Path | None]] = []
    paths = list(paths)
    for raw in paths:
        if raw == "-":
            if "-" not in items:
                items.append(raw)
                if paths.count("-") > 1:  # standard input can be read only once
                    items.append(BadInput("-", f"standard input given {paths.count('-')} times: read once"))
            continue
        try:
            items.extend(_expand(raw))
        except OSError as error:
            items.append(BadInput(raw, f"cannot read: {error.strerror or error}"))
        except ValueError as error:  # a name holding a NUL byte
            items.append(BadInput(repr(raw), f"not a usable file name: {error}"))
    files = [item for item in items if isinstance(item, tuple)]
    ids = file_ids(files)
    return [FileInput(item[0], ids[item[0]]) if isinstance(item, tuple) else item for item in items]


def _expand(raw: str) -> list[Input | tuple[Path, Path | None]]:
    path = Path(raw)
    problem = not_readable(path)
    if problem is not None:
        return [BadInput(raw, problem)]
    if path.is_dir():
        found, problems, ignored = _walk(path)
        if not found and not problems:
            return [BadInput(raw, "folder holds no .txt, .html, .htm, .jsonl or .jsonl.gz file"
                                  + (f" ({_files(ignored)} of other types)" if ignored else ""))]
        if ignored:
            problems.append(BadInput(raw, f"{_files(ignored)} of other types in the folder ignored "
                                          "(read: .txt, .html, .htm, .jsonl, .jsonl.gz)", action="ignored"))
        return [*problems, *((p, path) for p in found)]
    return [(path, None)]


def _files(n: int) -> str:
    return "1 file" if n == 1 else f"{n} files"


def _walk(root: Path) -> tuple[list[Path], list[BadInput], int]:
    """The readable files under ``root``, the problems met, and how many files of other types were ignored."""
    problems: list[BadInput] = []

    def report(error: OSError) -> None:
        problems.append(BadInput(str(error.filename or root), f"cannot read folder: {error.strerror or error}"))

    found = []
    ignored = 0
    for folder, dirs, names in os.walk(root, onerror=report):
        dirs.sort()
        for name in names:
            path = Path(folder, name)
            if suffix_of(path) not in SUFFIXES:
                ignored += 1
                continue
            problem = not_readable(path)
            if problem is None and path.is_dir():
                problem = "a folder named like a file: not read"
            if problem is None:
                found.append(path)
            else:  # reading a FIFO would block
                problems.append(BadInput(str(path), problem))
    return sorted(found), problems, ignored


def read_documents(
    paths: Iterable[str], *, progress: Progress | None = None, max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES,
    unique: bool = True,
) -> Iterator[RawDocument | BadInput]:
    """Every document of every input, streamed, with unique ids (unless ``unique`` is False: then the
    caller makes them unique, e.g. after dropping empty documents); ``progress`` may wrap the list of
    inputs (a progress bar)."""
    items = discover(paths)
    documents = _read_items(progress(items) if progress else items, max_article_bytes)
    return unique_ids(documents) if unique else documents


def _read_items(items: Iterable[Input], limit: int) -> Iterator[RawDocument | BadInput]:
    for item in items:
        if isinstance(item, BadInput):
            yield item
        elif isinstance(item, FileInput):
            yield from read_file(item, max_article_bytes=limit)
        else:
            yield from read_stdin(max_article_bytes=limit)


def read_file(
    item: FileInput, *, max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES,
) -> Iterator[RawDocument | BadInput]:
    name, suffix = str(item.path), suffix_of(item.path)
    if suffix not in SUFFIXES:
        yield BadInput(name, f"unsupported file type {suffix or '(none)'}: use .txt, .html, .htm, .jsonl or .jsonl.gz")
        return
    try:
        if suffix in JSONL_SUFFIXES:
            opener = GuardedGzip if suffix == ".jsonl.gz" else open
            with opener(item.path, "rb") as stream:
                yield from read_jsonl(stream, name, max_article_bytes=max_article_bytes)  # type: ignore[arg-type]
            return
        with item.path.open("rb") as stream:
            data = read_bounded(stream, max_article_bytes)
    except OSError as error:
        yield BadInput(name, f"cannot read: {error.strerror or error}")
        return
    if len(data) > max_article_bytes:
        yield BadInput(name, _over_limit("file", max_article_bytes))
        return
    yield from _read_one(data, name, item.id, suffix)


def read_bounded(stream: IO[bytes] | IO[str], limit: int) -> bytes:
    """At most ``limit + 1`` bytes of ``stream`` (one more than allowed says "over the limit"), read
    in pieces: ``read(n)`` would allocate ``n`` bytes up front, whatever the limit asked for."""
    pieces, total = [], 0
    while total <= limit:
        piece = stream.read(min(_PIECE, limit + 1 - total))
        if not piece:
            break
        data = piece.encode("utf-8", "replace") if isinstance(piece, str) else piece
        pieces.append(data)
        total += len(data)
    return b"".join(pieces)


def read_bytes(
    data: bytes, name: str, *, max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES,
) -> Iterator[RawDocument | BadInput]:
    """The documents of one file given as bytes (an upload, a zip entry); its name's suffix picks the reader.
    A compressed .jsonl.gz is not read here: its size is not known before it is inflated."""
    path = PurePath(name)
    suffix = ".jsonl.gz" if path.name.lower().endswith(".jsonl.gz") else path.suffix.lower()
    if suffix not in SUFFIXES or suffix == ".jsonl.gz":
        yield BadInput(name, f"unsupported file type {suffix or '(none)'}: use .txt, .html, .htm or .jsonl")
    elif suffix in JSONL_SUFFIXES:
        yield from read_jsonl(io.BytesIO(data), name, max_article_bytes=max_article_bytes)
    elif len(data) > max_article_bytes:
        yield BadInput(name, _over_limit("file", max_article_bytes))
    else:
        yield from _read_one(data, name, path.stem, suffix)


def _over_limit(what: str, limit: int) -> str:
    return f"{what} is over the {limit}-byte limit for one article (raise it with --max-article-bytes)"


def read_text(name: str, *, max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES) -> str | BadInput:
    """The text of one file or of standard input (``-``), read under the same rules as an article:
    regular files only (a FIFO would block), at most ``max_article_bytes``, decoded and repaired
    (for commands such as ``akhbar ner`` that take one text)."""
    try:
        if name == "-":
            if sys.stdin is None:
                return BadInput(name, "standard input is closed")
            data = read_bounded(getattr(sys.stdin, "buffer", sys.stdin), max_article_bytes)
        else:
            path = Path(name)
            problem = not_readable(path, folder="a folder: give one file, or - for standard input")
            if problem is not None:
                return BadInput(name, problem)
            with path.open("rb") as file:
                data = read_bounded(file, max_article_bytes)
    except OSError as error:
        return BadInput(name, f"cannot read: {error.strerror or error}")
    if len(data) > max_article_bytes:
        return BadInput(name, _over_limit("standard input" if name == "-" else "file", max_article_bytes))
    try:
        return repair_text(decode(data))[0]
    except NotTextError as error:
        return BadInput(name, str(error))


def read_stdin(*, max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES) -> Iterator[RawDocument | BadInput]:
    """Standard input: JSONL (it starts with ``{``), streamed line by line, or one article."""
    stdin = sys.stdin
    if stdin is None:
        yield BadInput("-", "standard input is closed")
        return
    raw = getattr(stdin, "buffer", None) or io.BytesIO(read_bounded(stdin, max_article_bytes))
    head = raw.read(_HEAD)
    stream = io.BufferedReader(_Prefixed(head, raw))
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        yield from read_jsonl(stream, "-", max_article_bytes=max_article_bytes)
        return
    data = read_bounded(stream, max_article_bytes)
    if len(data) > max_article_bytes:
        yield BadInput("-", _over_limit("standard input", max_article_bytes))
        return
    yield from _read_one(data, "-", "stdin", ".txt")


class _Prefixed(io.RawIOBase):
    """The bytes already read from a stream, then the rest of it."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head, self._rest = head, rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self._head[: len(buffer)] if self._head else self._rest.read(len(buffer))
        self._head = self._head[len(data):] if self._head else b""
        buffer[: len(data)] = data
        return len(data)


def read_jsonl(stream: IO[bytes], name: str, *, max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES,
               ) -> Iterator[RawDocument | BadInput]:
    """One document per line of a JSONL byte stream (UTF-8, or UTF-16 with a BOM)."""
    buffered = (stream if isinstance(stream, io.BufferedReader | gzip.GzipFile)
                else io.BufferedReader(stream))  # type: ignore[arg-type,type-var]
    head = buffered.peek(2)
    codec = "utf-16" if head[:2] in (b"\xff\xfe", b"\xfe\xff") else utf16_unmarked(head)
    if codec:
        buffered = _Utf16Lines(io.TextIOWrapper(buffered, encoding=codec, errors="replace", newline="\n"))  # type: ignore[assignment]
    anything = False
    for number, line in read_lines(buffered, name, limit=max_article_bytes):
        if isinstance(line, BadInput):
            anything = True
            yield line
            continue
        if line.isspace():  # cheap: a file of millions of blank lines must not cost a parse each
            continue
        anything = True
        where = f"{name}:{number}"
        parsed = parse_line(line, where)
        if parsed is None or isinstance(parsed, BadInput):
            if parsed is not None:
                yield parsed
            continue
        fields, note = parsed
        if note:
            yield BadInput(where, note, action="repaired")
        yield RawDocument(str(fields["id"]), str(fields["text"]), where, title=fields["title"], date=fields["date"],
                          source=fields["source"], url=fields["url"])
    if not anything:  # an empty file (a 0-byte .jsonl.gz too) is no batch of articles: say so
        yield BadInput(name, "no article: the file is empty (or holds only blank lines)")


class _Utf16Lines:
    """A UTF-16 text stream read line by line as UTF-8 bytes (the limit counts characters here)."""

    def __init__(self, text: io.TextIOWrapper) -> None:
        self._text = text

    def readline(self, size: int = -1) -> bytes:
        return self._text.readline(size).encode("utf-8")


def _read_one(data: bytes, name: str, stem: str, suffix: str) -> Iterator[RawDocument | BadInput]:
    try:
        text, decode_note = decode_noting(data)
    except NotTextError as error:
        yield BadInput(name, str(error))
        return
    if suffix in HTML_SUFFIXES:
        from akhbar.ingest.html import read_html  # trafilatura is a heavy import: only when HTML is given

        document = read_html(text, name, stem)
        if isinstance(document, BadInput):
            yield document
            return
        text, doc = document.text, document
    elif name == "-" and text.lstrip().startswith("{"):  # JSONL in UTF-16 on standard input
        yield from read_jsonl(io.BytesIO(text.encode("utf-8")), name)
        return
    else:
        doc = RawDocument(stem, text, name)
    repaired, note = repair_text(text)
    note = "; ".join(n for n in (decode_note, note) if n)
    if note:
        yield BadInput(name, note, action="repaired")
    yield RawDocument(doc.id, repaired, name, title=doc.title, date=doc.date, source=doc.source, url=doc.url)
