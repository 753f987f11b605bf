"""Uploaded files and zip archives, checked before anything is read from them.

A zip is read in memory, never extracted to disk, and still every entry is checked: a name that is absolute
or climbs out with ``..`` is refused, nested archives are not opened, and the archive as a whole may not
hold more files or more uncompressed bytes than the limits allow, nor inflate one entry like a zip bomb
(each entry is read with a cap, since the sizes in a zip header can lie).
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import PurePosixPath

from akhbar.config import ServeConfig
from akhbar.ingest.readers import RawDocument, read_bytes
from akhbar.records import BadInput

ZIP_SUFFIX = ".zip"
_SKIPPED_PARTS = frozenset({"__MACOSX", ".DS_Store"})
Progress = Callable[[str, int, int], None]  # stage, done, total


@dataclass(frozen=True, slots=True)
class Upload:
    """One uploaded file (or zip entry) as bytes with the name it came with."""

    name: str
    data: bytes


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
            raise RequestRejectedError(f"{where}: more than {limits.max_files} files in this request")


class RequestRejectedError(ValueError):
    """A request refused as a whole (too large, too many files, a zip bomb): the server answers 413."""


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
            raise RequestRejectedError(f"{where}: inflates {info.file_size // max(info.compress_size, 1)} times, "
                                  f"over the limit of {limits.max_ratio}: refused as a zip bomb")
        yield from _read_entry(archive, info, where, limits, budget)


def _read_entry(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, where: str, limits: UploadLimits, budget: _Budget
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
        raise RequestRejectedError(f"the zip archives of this request hold more than "
                              f"{limits.max_unzipped_bytes // (1024 * 1024)} MB uncompressed: refused")
    yield Upload(where, data)


def expand_zips(uploads: Sequence[Upload], *, limits: UploadLimits) -> tuple[list[Upload], list[BadInput]]:
    """Every file to read, with each archive replaced by its entries, and the entries refused.

    Raises :class:`RequestRejectedError` when the request holds too many files or too many bytes.
    """
    budget = _Budget(limits.max_files, limits.max_unzipped_bytes)
    files: list[Upload] = []
    errors: list[BadInput] = []
    for upload in uploads:
        if not upload.name.lower().endswith(ZIP_SUFFIX):
            budget.take_file(limits, upload.name)
            files.append(upload)
            continue
        for item in _zip_entries(upload, limits, budget):
            (errors if isinstance(item, BadInput) else files).append(item)  # type: ignore[arg-type]
    return files, errors


def read_uploads(
    uploads: Sequence[Upload], *, limits: UploadLimits, progress: Progress | None = None
) -> list[RawDocument | BadInput]:
    """The documents of every uploaded file (zip entries included), refused entries as :class:`BadInput`."""
    files, errors = expand_zips(uploads, limits=limits)
    documents: list[RawDocument | BadInput] = list(errors)
    for number, upload in enumerate(files):
        if progress:
            progress("reading", number, len(files))
        documents.extend(read_bytes(upload.data, upload.name))
    if progress:
        progress("reading", len(files), len(files))
    return documents
