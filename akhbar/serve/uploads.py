"""Uploaded files and zip archives, checked before anything is read from them.

A zip is read in memory, never extracted to disk, and still every entry is checked: a name that is absolute
or climbs out with ``..`` is refused, nested archives are not opened, and the archive as a whole may not
hold more files or more uncompressed bytes than the limits allow, nor inflate one entry like a zip bomb
(each entry is read with a cap, since the sizes in a zip header can lie).
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from io import BytesIO
from pathlib import PurePosixPath

from akhbar.config import ServeConfig
from akhbar.ingest.gz import CompressionBombError, GuardedGzip
from akhbar.ingest.readers import RawDocument, read_bytes, read_jsonl
from akhbar.records import BadInput
from akhbar.serve.messages import MAX_ARTICLE_BYTES, article_limit_ar, size_ar

ZIP_SUFFIX = ".zip"
GZ_SUFFIX = ".jsonl.gz"
_PIECE = 1024 * 1024
_SKIPPED_PARTS = frozenset({"__MACOSX", ".DS_Store"})
Progress = Callable[[str, int, int], None]  # stage, done, total


@dataclass(frozen=True, slots=True)
class Upload:
    """One uploaded file (or zip entry) as bytes with the name it came with."""

    name: str
    data: bytes
    source: str | None = None  # the outlet named for this file (and every entry of it) on the page


@dataclass(frozen=True, slots=True)
class UploadLimits:
    max_files: int
    max_unzipped_bytes: int
    max_ratio: int

    @classmethod
    def of(cls, config: ServeConfig) -> UploadLimits:
        return cls(config.max_files, config.max_unzipped_mb * 1024 * 1024, config.max_zip_ratio)


@dataclass(slots=True)
class _Budget:
    """What the rest of one request may still hold."""

    files: int
    bytes: int

    def take_file(self, limits: UploadLimits, where: str) -> None:
        self.files -= 1
        if self.files < 0:
            raise RequestRejectedError(f"{where}: أكثر من {limits.max_files} ملف في هذا الطلب", "too_many_files")


class RequestRejectedError(ValueError):
    """A request refused as a whole (too large, too many files, a zip bomb): the server answers 413 with the
    Arabic message and its ``code``."""

    def __init__(self, message: str, code: str = "too_large") -> None:
        super().__init__(message)
        self.code = code


def _unsafe_name(name: str) -> bool:
    path = PurePosixPath(name.replace("\\", "/"))
    return path.is_absolute() or ".." in path.parts or (len(name) > 1 and name[1] == ":")


def _skipped(info: zipfile.ZipInfo) -> bool:
    parts = PurePosixPath(info.filename).parts
    return info.is_dir() or any(p in _SKIPPED_PARTS or p.startswith("._") for p in parts)


def _zip_entries(upload: Upload, limits: UploadLimits, budget: _Budget) -> Iterator[Upload | BadInput]:
    """The entries of one archive, each taken from the request's ``budget``."""
    try:
        archive = zipfile.ZipFile(BytesIO(upload.data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError) as error:
        yield BadInput(upload.name, f"not a valid zip archive: {error}")
        return
    for info in infos:
        where = f"{upload.name}/{info.filename}"
        if _skipped(info):
            continue
        if _unsafe_name(info.filename):
            yield BadInput(where, "unsafe name in the archive (absolute, or climbing out with ..): not read")
            continue
        if info.filename.lower().endswith(ZIP_SUFFIX):
            yield BadInput(where, "a zip inside a zip is not opened: put its files in the outer archive")
            continue
        if info.flag_bits & 0x1:
            yield BadInput(where, "encrypted entry: not read")
            continue
        budget.take_file(limits, upload.name)
        if info.file_size > limits.max_ratio * max(info.compress_size, 1) and info.file_size > 1024 * 1024:
            raise RequestRejectedError(f"{where}: يتضخم {info.file_size // max(info.compress_size, 1)} مرة عند فكه، "
                                       f"فوق الحد ({limits.max_ratio}): رُفض كقنبلة zip", "zip_bomb")
        yield from _read_entry(archive, info, where, limits, budget, upload.source)


def _read_entry(  # noqa: PLR0917 - one entry of the archive and the request's budget
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, where: str, limits: UploadLimits, budget: _Budget,
    source: str | None,
) -> Iterator[Upload | BadInput]:
    allowed = max(budget.bytes, 0)
    try:
        with archive.open(info) as handle:
            data = handle.read(allowed + 1)  # never more than the budget, whatever the header says
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError) as error:
        yield BadInput(where, f"cannot read the entry: {error}")
        return
    budget.bytes -= len(data)
    if budget.bytes < 0:
        raise _too_much_unzipped(limits)
    yield Upload(where, data, source)


def _too_much_unzipped(limits: UploadLimits) -> RequestRejectedError:
    return RequestRejectedError(f"الملفات المضغوطة في هذا الطلب تحوي أكثر من {size_ar(limits.max_unzipped_bytes)} "
                                "بعد فكها: رُفض الطلب", "too_large_unzipped")


def expand_zips(uploads: Sequence[Upload], *, limits: UploadLimits) -> tuple[list[Upload], list[BadInput]]:
    """Every file to read, with each archive replaced by its entries, and the entries refused.

    Raises :class:`RequestRejectedError` when the request holds too many files or too many bytes.
    """
    budget = _Budget(limits.max_files, limits.max_unzipped_bytes)
    files: list[Upload] = []
    errors: list[BadInput] = []
    for upload in uploads:
        name = upload.name.lower()
        if name.endswith(GZ_SUFFIX):
            budget.take_file(limits, upload.name)
            item = _gunzip(upload, limits, budget)
            (errors if isinstance(item, BadInput) else files).append(item)  # type: ignore[arg-type]
            continue
        if not name.endswith(ZIP_SUFFIX):
            budget.take_file(limits, upload.name)
            files.append(upload)
            continue
        for entry in _zip_entries(upload, limits, budget):
            item = _gunzip(entry, limits, budget) if isinstance(entry, Upload) and \
                entry.name.lower().endswith(GZ_SUFFIX) else entry
            (errors if isinstance(item, BadInput) else files).append(item)  # type: ignore[arg-type]
    return files, errors


def _gunzip(upload: Upload, limits: UploadLimits, budget: _Budget) -> Upload | BadInput:
    """A .jsonl.gz inflated in memory under the request's budget of uncompressed bytes (as a zip's entries):
    read in pieces, since a gzip's own size field can lie. Its lines are then read as the CLI reads them."""
    pieces: list[bytes] = []
    total = 0
    try:
        with GuardedGzip(BytesIO(upload.data), max_ratio=limits.max_ratio, min_inflated=_PIECE) as stream:
            while piece := stream.read(min(_PIECE, max(budget.bytes, 0) - total + 1)):
                pieces.append(piece)
                total += len(piece)
                if total > budget.bytes:
                    raise _too_much_unzipped(limits)
    except CompressionBombError:
        raise RequestRejectedError(f"{upload.name}: يتضخم أكثر من {limits.max_ratio} مرة عند فكه: "
                                   "رُفض كقنبلة gzip", "zip_bomb") from None
    except (OSError, EOFError, zlib.error) as error:
        if not pieces:
            return BadInput(upload.name, f"not a valid gzip file: {error}")
        # A truncated .gz keeps the lines read before the damage, as the CLI does.
    budget.bytes -= total
    return Upload(upload.name, b"".join(pieces), upload.source)


def read_upload(upload: Upload, *, max_article_bytes: int = MAX_ARTICLE_BYTES) -> list[RawDocument | BadInput]:
    """The documents of one file (its bytes inflated already when it was a .jsonl.gz), named for its outlet."""
    if upload.name.lower().endswith(GZ_SUFFIX):
        items = list(read_jsonl(BytesIO(upload.data), upload.name, max_article_bytes=max_article_bytes))
    elif not upload.name.lower().endswith(".jsonl") and len(upload.data) > max_article_bytes:
        items = [BadInput(upload.name, article_limit_ar(max_article_bytes))]
    else:
        items = list(read_bytes(upload.data, upload.name, max_article_bytes=max_article_bytes))
    if upload.source:
        items = [replace(i, source=upload.source) if isinstance(i, RawDocument) else i for i in items]
    return items


def read_uploads(
    uploads: Sequence[Upload], *, limits: UploadLimits, progress: Progress | None = None
) -> list[RawDocument | BadInput]:
    """The documents of every uploaded file (zip entries included), refused entries as :class:`BadInput`."""
    files, errors = expand_zips(uploads, limits=limits)
    documents: list[RawDocument | BadInput] = list(errors)
    for number, upload in enumerate(files):
        if progress:
            progress("reading", number, len(files))
        documents.extend(read_upload(upload))
    if progress:
        progress("reading", len(files), len(files))
    return documents
