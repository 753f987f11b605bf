"""Stream a .jsonl (or .jsonl.gz) of any size, one article per line, each line under a size limit.

A line is read in bounded pieces: a line over the limit is reported and skipped (its bytes are read
and dropped, never held), and the lines after it are read as usual. Only ``\\n`` ends a line: JSON
strings may hold U+2028, U+2029 or U+0085 unescaped.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator
from typing import IO

from akhbar.ingest.decoding import NotTextError, decode_noting, repair_field, repair_id, repair_text
from akhbar.records import BadInput

_FIELDS = ("title", "source", "date", "url")
# Feeds and archives name the publication time in their own way (ANT: ``time``; RSS: ``pubDate``);
# a record without ``date`` takes the first of these it has.
DATE_ALIASES = ("time", "published", "published_at", "pubDate", "datetime")
_DRAIN = 1 << 20
MAX_ID_CHARS = 1_000  # an id is printed beside every citation


def read_lines(stream: IO[bytes], name: str, *, limit: int) -> Iterator[tuple[int, bytes | BadInput]]:
    """``(line number, bytes)`` for every line, or a :class:`BadInput` for a line over ``limit`` bytes
    or a stream that breaks off (a truncated or corrupt .gz keeps the lines read before the damage)."""
    number = 0
    while True:
        number += 1
        try:
            line = stream.readline(limit + 1)
            if not line:
                return
            if len(line) > limit and not line.endswith(b"\n"):
                _drain_line(stream)
                yield number, BadInput(f"{name}:{number}", f"line is over the {limit}-byte limit for one article "
                                                           "(raise it with --max-article-bytes)")
                continue
        except (OSError, EOFError, zlib.error) as error:
            yield number, BadInput(f"{name}:{number}", f"cannot read further: {error}; lines after this skipped")
            return
        yield number, line


def _drain_line(stream: IO[bytes]) -> None:
    while True:
        piece = stream.readline(_DRAIN)
        if not piece or piece.endswith(b"\n"):
            return


def parse_line(line: bytes, where: str) -> tuple[dict[str, str | None], str] | BadInput | None:
    """The fields of one JSONL line and a repair note ("" when none), a :class:`BadInput`, or None
    for a blank line."""
    try:
        text, decode_note = decode_noting(line)
        text = text.rstrip("\r\n")
    except NotTextError as error:
        return BadInput(where, str(error))
    if not text.strip():
        return None
    record = _loads(text, where)
    if isinstance(record, BadInput):
        return record
    if not isinstance(record, dict):
        return BadInput(where, "a line must be a JSON object with 'id' and 'text'")
    problems = _field_problems(record)
    if problems:
        return BadInput(where, problems)
    body, note = repair_text(str(record["text"]))
    # A title, date, source or url that is no string is dropped: the article itself is still good.
    dropped = [key for key in _FIELDS if record.get(key) is not None and not isinstance(record.get(key), str)]
    drop_note = f"{_listed(dropped)} not a string: dropped" if dropped else ""
    note = "; ".join(n for n in (decode_note, note, drop_note) if n)
    identifier, broken = repair_id(str(record["id"]))
    if broken:
        note = "; ".join(n for n in (note, "'id' held line breaks: replaced by spaces") if n)
    fields: dict[str, str | None] = {"id": identifier, "text": body}
    for key in _FIELDS:
        value = None if key in dropped else record.get(key)
        if key == "date" and value in (None, ""):
            value = next((record[alias] for alias in DATE_ALIASES if record.get(alias) not in (None, "")), None)
        fields[key] = repair_field(str(value)) if value not in (None, "") else None
    return fields, note


def _loads(text: str, where: str) -> object:
    try:
        # strict=False: a raw tab or NUL inside a string is damage to repair (repair_text), not a lost article
        return json.loads(text, strict=False)
    except json.JSONDecodeError as error:
        return BadInput(where, f"invalid JSON: {error.msg} at column {error.colno}")
    except RecursionError:
        return BadInput(where, "invalid JSON for akhbar: values nested too deeply")
    except ValueError as error:  # an integer of thousands of digits
        return BadInput(where, f"invalid JSON for akhbar: {str(error).split(';')[0]}")


def _field_problems(record: dict[str, object]) -> str:
    """What is wrong with a JSONL record's fields, or "" when nothing is."""
    identifier, text = record.get("id"), record.get("text")
    problems = []
    if isinstance(identifier, bool) or not isinstance(identifier, str | int) or str(identifier).strip() == "":
        problems.append("'id' must be a string or an integer")
    elif len(str(identifier)) > MAX_ID_CHARS:
        problems.append(f"'id' is over {MAX_ID_CHARS} characters")
    if not isinstance(text, str):
        problems.append("'text' must be a string")
    return "; ".join(problems)


def _listed(keys: list[str]) -> str:
    return ", ".join(f"'{key}'" for key in keys)
