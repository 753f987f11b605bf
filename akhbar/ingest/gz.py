"""A .jsonl.gz read with a guard against compression bombs.

A few megabytes of gzip can inflate to gigabytes (of one repeated byte, or of blank lines that each
cost a loop turn): the reader would run for minutes, though never out of memory. News text inflates
3 to 10 times; past ``MIN_INFLATED`` bytes, a file inflating more than ``MAX_RATIO`` times its
compressed bytes read so far is stopped, and reported with the lines read before it kept.
"""

from __future__ import annotations

import gzip
import io
from pathlib import Path
from typing import IO

from akhbar.config import ServeConfig

MAX_RATIO = ServeConfig().max_zip_ratio  # one bound for a bomb, here and in the web app's uploads
MIN_INFLATED = 4 * 1024 * 1024
_FEED = 16 * 1024  # compressed bytes handed to zlib at a time: the ratio is measured to this grain


class CompressionBombError(OSError):
    """A .gz that inflates far beyond what text does."""


class _Counted(io.RawIOBase):
    """A file read in small pieces, counting the bytes handed out."""

    def __init__(self, file: IO[bytes]) -> None:
        self._file, self.count = file, 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self._file.read(_FEED if size < 0 else min(size, _FEED))
        self.count += len(data)
        return data

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._file.close()
        super().close()


class GuardedGzip(gzip.GzipFile):
    """``gzip.open(path, "rb")`` that raises :class:`CompressionBombError` when the file inflates
    more than ``max_ratio`` times (after ``min_inflated`` bytes). The web app's uploads pass their own
    bounds (the server's ``max_zip_ratio``)."""

    def __init__(self, path: str | Path | IO[bytes], mode: str = "rb", *, max_ratio: float = MAX_RATIO,
                 min_inflated: int = MIN_INFLATED) -> None:
        self._max_ratio, self._min_inflated = max_ratio, min_inflated
        file = path if not isinstance(path, str | Path) else Path(path).open("rb")  # noqa: SIM115 - closed in close()
        self._compressed = _Counted(file)
        self._inflated = 0
        try:
            super().__init__(fileobj=self._compressed, mode=mode)  # type: ignore[arg-type]
        except BaseException:
            self._compressed.close()
            raise

    def _check(self, data: bytes) -> bytes:
        self._inflated += len(data)
        if self._inflated > self._min_inflated and self._inflated > self._max_ratio * max(self._compressed.count, 1):
            raise CompressionBombError(f"the file inflates to over {self._max_ratio:g} times its compressed size "
                                       "(a compression bomb?)")
        return data

    def readline(self, size: int | None = -1) -> bytes:
        return self._check(super().readline(size))

    def read(self, size: int | None = -1) -> bytes:
        return self._check(super().read(size))

    def read1(self, size: int = -1) -> bytes:
        return self._check(super().read1(size))

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._compressed.close()
