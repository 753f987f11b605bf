"""Attacks on decoding: UTF-16 without a byte order mark, Windows-1256 without a declaration, NUL
bytes and raw control characters inside JSON strings, lone surrogates, a BOM in the middle."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from akhbar.ingest import ingest
from akhbar.ingest.decoding import NotTextError, decode_noting

AR = "قال وزير الخارجية إن المفاوضات بين الطرفين ستستأنف في جنيف الأسبوع المقبل بمشاركة الأمم المتحدة. "


def _one(path: Path) -> tuple[list[str], list[tuple[str, str]]]:
    corpus = ingest([str(path)])
    return [a.body for a in corpus.articles], [(e.action, e.problem) for e in corpus.errors]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "windows.txt"
    path.write_bytes((AR * 3).encode(codec))
    bodies, errors = _one(path)
    assert errors == []
    assert len(bodies) == 1 and "المفاوضات" in bodies[0]


def test_utf8_with_nul_bytes_is_not_taken_for_utf16() -> None:
    text, _ = decode_noting((AR * 3).encode("utf-8") + b"\x00")
    assert "المفاوضات" in text
    with pytest.raises(NotTextError):
        decode_noting(bytes(range(256)) * 64)


def test_windows_1256_without_declaration_is_read(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes((AR * 3).encode("cp1256"))
    bodies, errors = _one(path)
    assert errors == [] and "جنيف" in bodies[0]


def test_raw_control_characters_inside_a_json_string_are_repaired_not_lost(tmp_path: Path) -> None:
    path = tmp_path / "raw.jsonl"
    line = b'{"id": "nul", "text": "' + (AR * 2).encode() + b'\x00\t\x1b"}\n'
    path.write_bytes(line + json.dumps({"id": "ok", "text": AR * 2}, ensure_ascii=False).encode() + b"\n")
    corpus = ingest([str(path)])
    assert [a.id for a in corpus.articles] == ["nul", "ok"]
    assert "\x00" not in corpus.articles[0].body and "\x1b" not in corpus.articles[0].body
    assert [(e.path.rsplit(":", 1)[-1], e.action) for e in corpus.errors] == [("1", "repaired")]
    assert "control character" in corpus.errors[0].problem


def test_a_bom_in_the_middle_keeps_the_text(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeff".encode() + (AR + "\ufeff" + AR).encode())
    bodies, errors = _one(path)
    assert errors == [] and bodies[0].count("المفاوضات") == 2


def test_utf16_jsonl_with_a_bom_streams(tmp_path: Path) -> None:
    path = tmp_path / "u16.jsonl"
    lines = "\n".join(json.dumps({"id": f"a{i}", "text": AR}, ensure_ascii=False) for i in range(3)) + "\n"
    path.write_bytes(b"\xff\xfe" + lines.encode("utf-16-le"))
    corpus = ingest([str(path)])
    assert [a.id for a in corpus.articles] == ["a0", "a1", "a2"] and corpus.errors == ()


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_jsonl_without_a_bom_streams(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "u16.jsonl"
    lines = "\n".join(json.dumps({"id": f"a{i}", "text": AR}, ensure_ascii=False) for i in range(3)) + "\n"
    path.write_bytes(lines.encode(codec))
    corpus = ingest([str(path)])
    assert [a.id for a in corpus.articles] == ["a0", "a1", "a2"] and corpus.errors == ()


def test_nul_padding_is_not_taken_for_utf16() -> None:
    from akhbar.ingest.decoding import utf16_unmarked

    assert utf16_unmarked((AR * 2).encode("utf-8") + b"\x00" * 8_000) is None
    assert utf16_unmarked(b"\x00" * 8_000) is None
    assert utf16_unmarked((AR * 2).encode("utf-16-le")) == "utf-16-le"
