"""Every crash the fuzzer (``python -m akhbar.fuzz``) found, replayed through the same harness without
atheris: each file in ``fuzz_crashes/`` is one input that once raised, and must not any more."""

from __future__ import annotations

from pathlib import Path

import pytest

from akhbar.fuzz import check_one_input

CRASHES = sorted((Path(__file__).parent / "fuzz_crashes").glob("*"))


@pytest.mark.parametrize("path", CRASHES or [
    pytest.param(None, marks=pytest.mark.skip(reason="no fuzz crash saved in tests/hostile/fuzz_crashes/ (none found yet)")),
], ids=[p.name for p in CRASHES] or ["none"])
def test_fuzz_crash_is_fixed(path: Path) -> None:
    check_one_input(path.read_bytes())


@pytest.mark.parametrize("data", [
    b"",
    b"\x00\xff\xfe\x00\xd8",  # .txt: UTF-16 with a lone surrogate
    b"\x02" + b'{"id": "a", "text": "\\ud800 x"}\n{"id": "a", "text": "y"}',  # .jsonl: surrogate, duplicate id
    b"\x01" + b"<div>" * 5000,  # .html: deep nesting
    b"\x04" + "قال. ".encode() * 50 + b"\xff" + "\u202e\x1b[31m".encode() * 10,  # pipeline: bidi and escapes
    b"\x05" + b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><rss><channel>'
            b"<item><guid>1</guid><title>&b;</title></item></channel></rss>",  # feed: entities
    b"\x06" + __import__("gzip").compress(b"\n" * 10 + b'{"id": "a", "text": "x"}\n'),  # .jsonl.gz
    b"\x06" + b"\x1f\x8b\x08\x00garbage",  # a broken gzip header
], ids=["empty", "utf16-surrogate", "jsonl-surrogate-dup", "html-nesting", "pipeline-controls", "feed-entities",
        "jsonl-gz", "gz-garbage"])
def test_harness_on_hostile_inputs(data: bytes) -> None:
    check_one_input(data)
