"""Bytes to text, and the text repairs made at the door.

Everything later (the stages, every output writer) may then assume well-formed text: no lone
surrogates (a JSON ``"\\ud800"`` escape yields one, and UTF-8 writers cannot encode it) and no C0/C1
control characters other than tab and line breaks (NUL, ESC, ...: never part of news copy, and the
start of terminal escape sequences).
"""

from __future__ import annotations

import re

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Windows-1256 Arabic read as UTF-8 turns most letters into U+FFFD; a few of them in a UTF-8 file
# are damage, and the rest of the file should keep its text.
_STRAY_SHARE = 0.05
_CONTROL = 0.01
# UTF-16 without a byte order mark: in a sample of the head, some NUL bytes (spaces, in Arabic text), and
# nearly every high byte 0x00 (ASCII) or 0x06 (the Arabic block).
_UTF16_SAMPLE = 64 * 1024
_UTF16_NULS = 0.01
_UTF16_HIGH = 0.9
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")
_ID_BREAKS = re.compile(r"[\t\r\n\u2028\u2029\x85\x0b\x0c]+")
_WHITE = re.compile(r"\s+")


class NotTextError(ValueError):
    """Bytes that are not text in any encoding akhbar reads."""


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1256 (see :func:`decode_noting`)."""
    return decode_noting(data)[0]


def decode_noting(data: bytes) -> tuple[str, str]:
    """The text of ``data`` and a note of what was replaced ("" when nothing was).

    UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1256, the legacy Arabic code page.
    A UTF-8 file with a few damaged bytes (a truncated last character, a stray byte) keeps its text,
    the bytes becoming U+FFFD, instead of being read whole as Windows-1256, which would garble every
    line; bytes that decode to many control characters are not text at all (:class:`NotTextError`).
    """
    note = ""
    unmarked = None if data.startswith(_UTF16_BOMS) else utf16_unmarked(data)
    if data.startswith(_UTF16_BOMS) or unmarked:
        text = data.decode(unmarked or "utf-16", errors="replace")  # a lone surrogate becomes U+FFFD
        if "\ufffd" in text:
            note = f"{text.count(chr(0xFFFD))} broken UTF-16 unit(s) replaced by U+FFFD"
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            lenient = data.decode("utf-8", errors="replace")
            letters = len(lenient) - sum(len(run) for run in _WHITE.findall(lenient))
            damaged = lenient.count("\ufffd") - data.count("\ufffd".encode())
            if damaged <= _STRAY_SHARE * letters:
                text, note = lenient, f"{damaged} byte sequence(s) not valid UTF-8 replaced by U+FFFD"
            else:
                text, note = _by_line(data)
    controls = sum(1 for _ in _CONTROLS.finditer(text, 0, len(text)))
    if controls > _CONTROL * max(len(text), 1):
        raise NotTextError("not text: binary data, or an encoding other than UTF-8, UTF-16 or Windows-1256")
    return text, note


def utf16_unmarked(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" for UTF-16 text saved without a byte order mark (Windows tools do
    it), else None. Such text has a NUL byte in every other place for ASCII, and 0x06 there for
    Arabic letters; UTF-8 text has no NUL byte at all."""
    sample = data[:_UTF16_SAMPLE]
    if len(sample) < 2 or sample.count(0) < _UTF16_NULS * len(sample):
        return None
    for codec, high, low in (("utf-16-le", sample[1::2], sample[0::2]), ("utf-16-be", sample[0::2], sample[1::2])):
        # ... and the low bytes are letters: a run of NUL bytes (padding, a sparse file) is no UTF-16.
        if sum(byte in (0x00, 0x06) for byte in high) >= _UTF16_HIGH * len(high) and \
                low.count(0) <= (1 - _UTF16_HIGH) * len(low):
            return codec
    return None


def _by_line(data: bytes) -> tuple[str, str]:
    """Bytes that are not UTF-8 as a whole, decoded line by line: a file pasted together from a UTF-8
    part and a Windows-1256 part keeps both readable. Each line that is valid UTF-8 stays UTF-8, the
    others are read as Windows-1256; a note says so when both kinds held Arabic (or other non-ASCII)
    text. A file with no such UTF-8 line is plain Windows-1256, which needs no note."""
    lines = data.split(b"\n")
    out, utf8, legacy = [], 0, 0
    for line in lines:
        try:
            out.append(line.decode("utf-8"))
            utf8 += not line.isascii()
        except UnicodeDecodeError:
            out.append(line.decode("cp1256", errors="replace"))
            legacy += 1
    text = "\n".join(out)
    if not utf8:
        return text, ""
    return text, (f"mixed encodings: {legacy} line(s) read as Windows-1256, {utf8} as UTF-8")


def repair_text(text: str) -> tuple[str, str]:
    """``text`` with lone surrogates replaced by U+FFFD and control characters removed, and a note
    saying what was repaired ("" when nothing was)."""
    notes = []
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text, count = _SURROGATES.subn("\ufffd", text)
        notes.append(f"{count} lone surrogate(s) replaced by U+FFFD")
    text, count = _CONTROLS.subn("", text)
    if count:
        notes.append(f"{count} control character(s) removed")
    return text, "; ".join(notes)


def repair_field(value: str) -> str:
    """A metadata field (id, title, ...) made safe the same way, without a note."""
    return repair_text(value)[0]


def repair_id(value: str) -> tuple[str, bool]:
    """An article id made safe as :func:`repair_field` does, with its line breaks and tabs turned into
    spaces (an id is printed on one line beside every citation), and whether line breaks were found."""
    value = repair_field(value)
    flat = _ID_BREAKS.sub(" ", value)
    return flat, flat != value
