"""A hostile corpus, written by the tests themselves: one input of each kind, with the report each
must get (``expected``: the action and a phrase of the problem; None when it is read as it is)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

# What the repaired inputs carry: a few words shorter than any summary sentence, sharing no word with
# the seeds, so that a batch of seeds and hostile inputs must give the seeds' own summary.
ARTICLE = "lorem ipsum dolor sit amet"


@dataclass(frozen=True, slots=True)
class Kind:
    name: str  # the file name (and, for .jsonl lines, ``name:line``)
    expected: tuple[str, str] | None  # (action, a phrase of the problem), or None: read as is


def _jsonl(*records: object) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records) + "\n"


def write_corpus(folder: Path) -> list[Kind]:
    """Write one file of each hostile kind into ``folder``; return what each must be reported as."""
    folder.mkdir(parents=True, exist_ok=True)
    kinds: list[Kind] = []

    def put(name: str, data: bytes | str, expected: tuple[str, str] | None) -> None:
        path = folder / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        kinds.append(Kind(name, expected))

    put("binary.txt", bytes(range(256)) * 64, ("skipped", "not text"))
    put("empty.txt", "  \n\n ", ("skipped", "no article text"))
    put("truncated_utf8.txt", (ARTICLE + " ة").encode("utf-8")[:-1], ("repaired", "not valid UTF-8"))
    # A few control characters in real text are repaired; many make the file "not text" (binary.txt).
    lines = f"{ARTICLE}. " * 20
    put("ansi_escapes.txt", f"\x1b[31m{lines}\x1b]0;owned\x07 \x1b[2J", ("repaired", "control character"))
    put("nul_bytes.txt", lines.replace(" ", "\x00 ", 2), ("repaired", "control character"))
    put("utf16_lone_surrogate.txt", b"\xff\xfe" + ARTICLE.encode("utf-16-le") + b"\x00\xd8",
        ("repaired", "UTF-16"))
    put("deep_nesting.html", "<html><body>" + "<div>" * 50_000 + "نص" + "</div>" * 50_000 + "</body></html>",
        ("skipped", "HTML page"))
    put("log_dump.txt", "2016-12-05 12:00:00 INFO request served\n" * 30_000, ("skipped", "over the 1048576-byte limit"))
    nav = "".join(f'<li><a href="/s{i}">قسم الأخبار رقم {i}</a></li>' for i in range(12))
    put("navigation_only.html", f"<html><body><nav><ul>{nav}</ul></nav><footer><p><a href='/a'>من نحن</a></p>"
        "</footer></body></html>", ("skipped", "HTML page"))
    put("hostile.jsonl", _jsonl(
        {"id": "no-text", "title": "بلا نص"},
        '{"id": "deep", "text": ' + "[" * 100_000 + "]" * 100_000 + "}",
        '{"id": ' + "9" * 5000 + ', "text": "x"}',
        '{"id": "surrogate", "text": "' + ARTICLE + ' \\ud800"}',
        "{broken",
        [1, 2, 3],
    ), None)
    kinds += [Kind("hostile.jsonl:1", ("skipped", "'text' must be a string")),
              Kind("hostile.jsonl:2", ("skipped", "nested too deeply")),
              Kind("hostile.jsonl:3", ("skipped", "digits")),
              Kind("hostile.jsonl:4", ("repaired", "surrogate")),
              Kind("hostile.jsonl:5", ("skipped", "invalid JSON")),
              Kind("hostile.jsonl:6", ("skipped", "JSON object"))]
    kinds.remove(Kind("hostile.jsonl", None))
    put("duplicate_ids.jsonl", _jsonl({"id": "dup", "text": ARTICLE}, {"id": "dup", "text": ARTICLE},
                                      {"id": "dup#1", "text": ARTICLE}), None)
    kinds.remove(Kind("duplicate_ids.jsonl", None))
    kinds += [Kind("duplicate_ids.jsonl:2", ("repaired", "renamed 'dup#2'"))]
    fifo = folder / "pipe.txt"
    if hasattr(os, "mkfifo"):
        os.mkfifo(fifo)
        kinds.append(Kind("pipe.txt", ("skipped", "a FIFO (named pipe)")))
    kinds.append(Kind(_long_path(folder), ("skipped", "too long")))
    return kinds


def _long_path(folder: Path) -> str:
    """A file whose path is over the system's limit, inside ``folder``; returns the name of the
    first folder that cannot be read (the report names it)."""
    fd = os.open(folder, os.O_RDONLY)
    name = "d" * 200
    parts = []
    try:
        for _ in range(25):
            os.mkdir(name, dir_fd=fd)
            inner = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
            parts.append(name)
        with os.fdopen(os.open("deep.txt", os.O_WRONLY | os.O_CREAT, dir_fd=fd), "w") as deep:
            deep.write(ARTICLE)
    finally:
        os.close(fd)
    return "/".join(parts[:1])  # reported paths start with this folder
