"""What a path given as input is, when it is not a file (or folder) to read: said in words that name it.

A device (/dev/zero), a FIFO and a socket exist but are no files (reading a FIFO would block until
someone writes); a loop of symbolic links and a broken link are not "missing" either.
"""

from __future__ import annotations

import errno
import stat
from pathlib import Path

_STAT_ERRORS = {
    errno.ELOOP: "a loop of symbolic links: it leads to no file",
    errno.ENAMETOOLONG: "the name is over the system's length limit",
    errno.ENOTDIR: "no such file or folder (a part of the path is a file, not a folder)",
}
_KINDS = (
    (stat.S_ISCHR, "a device (such as /dev/zero), not a file; use - for standard input"),
    (stat.S_ISBLK, "a device (such as /dev/zero), not a file; use - for standard input"),
    (stat.S_ISFIFO, "a FIFO (named pipe), not a file: reading it would wait for a writer; use - for standard input"),
    (stat.S_ISSOCK, "a socket, not a file"),
)


def not_readable(path: Path, *, folder: str | None = None) -> str | None:
    """Why ``path`` cannot be read as a file (or a folder, unless ``folder`` says why not), or None."""
    try:
        mode = path.stat().st_mode
    except OSError as error:
        if error.errno == errno.ENOENT:
            broken = path.is_symlink()
            return "a broken symbolic link: its target does not exist" if broken else "no such file or folder"
        return _STAT_ERRORS.get(error.errno or 0, f"cannot read: {error.strerror or error}")
    except ValueError as error:  # a name holding a NUL byte
        return f"not a usable file name: {error}"
    if stat.S_ISDIR(mode):
        return folder
    if stat.S_ISREG(mode):
        return None
    return next((said for test, said in _KINDS if test(mode)), "not a regular file")
